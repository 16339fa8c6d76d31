"""What an (invented) emigrant ship's passenger return of 1849 taught the sheets: a census-like
page gives one figure per county, so every multiple choice offers the other counties' figures,
which the sheet's short answers ask ("How many came from Tipperary? ... 58 souls" beside a
multiple choice on Cornwall offering "58 souls"): the multiple choice questions were all left
off as giveaways.  Now a multiple choice whose wrong options give away what the sheet asks
keeps its place without them, when two wrong options are left."""

from __future__ import annotations

import pytest

from studykit import worksheets
from studykit.check import check_project

from small_project import add_worksheet_section, make_project

COUNTIES = [("cornwall", "Cornwall", 64), ("wiltshire", "Wiltshire", 41), ("kent", "Kent", 37),
            ("tipperary", "Tipperary", 58), ("devon", "Devon", 49)]


def county_text(counties, unit: str) -> str:
    return " ".join(f"From {name}, {n} {unit}." for _, name, n in counties)


def county_facts(counties, unit: str, who: str) -> str:
    """One figure fact per county ('The ship carried 64 passengers from Cornwall.'), all of one category."""
    return "topic: main\nfacts:\n" + "".join(f"""  - id: {cid}
    kind: figure
    statement: The ship carried {n} {who} from {name}.
    question: How many {who} came from {name}?
    answer: {n} {unit}
    quote: From {name}, {n} {unit}.
    data: {{item: {who} from {name}, unit: {unit}, value: {n}}}
    category: county
""" for cid, name, n in counties)


TEXT, FACTS = county_text(COUNTIES, "souls"), county_facts(COUNTIES, "souls", "passengers")


@pytest.mark.parametrize("asked, choices", [
    ("{short_answer: 2, multiple_choice: 1}", 1),
    ("{short_answer: 1, multiple_choice: 2}", 2),
])
def test_a_census_page_keeps_its_multiple_choice_without_the_options_the_sheet_asks(tmp_path, asked, choices):
    make_project(tmp_path, TEXT, FACTS, called="the return", deck_templates=["recall", "choice-figure"])
    add_worksheet_section(tmp_path, asked)
    checked = check_project(tmp_path)
    assert not checked.problems and not checked.warnings, checked.warnings  # no section left short
    recipe = checked.project.decks["doc"]
    for sheet, _ in worksheets.sheets(checked.project, recipe, checked.decks["doc"]):
        chosen = [item.question for item in sheet.items]
        multiple = [q for q in chosen if q.style == "multiple_choice"]
        assert len(multiple) == choices
        answers = {q.answer for q in chosen if q.style == "short_answer"}
        for q in multiple:
            assert len(q.options) >= 3 and q.options[q.correct] == q.answer
            assert not answers & (set(q.options) - {q.answer}), (q.options, answers)


KIDS = [("cornwall", "Cornwall", 22), ("wiltshire", "Wiltshire", 26), ("kent", "Kent", 15),
        ("tipperary", "Tipperary", 9)]
KIDS_TEXT, KIDS_FACTS = county_text(KIDS, "children"), county_facts(KIDS, "children", "children")


def test_a_multiple_choice_never_offers_the_answer_to_a_question_on_its_own_fact(tmp_path):
    """Five counties, two short answers, two multiple choice: the second multiple choice used to
    ask a short answer's county again ('How many came from Kent?' twice on one sheet), printing
    its answer among three options.  A multiple choice and another question on one fact never
    share a sheet; here the sheet keeps one multiple choice and says why."""
    make_project(tmp_path, TEXT, FACTS, called="the return", deck_templates=["recall", "choice-figure"])
    add_worksheet_section(tmp_path, "{short_answer: 2, multiple_choice: 2}")
    checked = check_project(tmp_path)
    recipe = checked.project.decks["doc"]
    for sheet, _ in worksheets.sheets(checked.project, recipe, checked.decks["doc"]):
        asked = [f.id for item in sheet.items for f in item.question.facts]
        assert len(asked) == len(set(asked)) == 3, asked
    warning, = [w.message for w in checked.warnings]
    assert "the sheet has 1; fix: ask for at most 1, or for another style" in warning


def test_a_multiple_choice_printing_some_of_anothers_options_is_left_off(tmp_path):
    """Five counties, one short answer: a third multiple choice could only print some of the
    figures another prints ('49, 64, 41 souls' beside '41, 49, 37, 64 souls')."""
    make_project(tmp_path, TEXT, FACTS, called="the return", deck_templates=["recall", "choice-figure"])
    add_worksheet_section(tmp_path, "{short_answer: 1, multiple_choice: 3}")
    checked = check_project(tmp_path)
    recipe = checked.project.decks["doc"]
    for sheet, _ in worksheets.sheets(checked.project, recipe, checked.decks["doc"]):
        sets = [set(item.question.options) for item in sheet.items if item.question.style == "multiple_choice"]
        assert len(sets) == 2 and not (sets[0] <= sets[1] or sets[1] <= sets[0]), sets
    warning, = [w.message for w in checked.warnings]
    assert "the sheet has 2; fix: ask for at most 2, or for another style" in warning


def test_two_multiple_choice_questions_never_print_one_option_set(tmp_path):
    """Four counties give every multiple choice the same four figures: a second one would print
    '9, 15, 22, 26 children' again and answer the first by elimination.  The sheet keeps one,
    and the warning says why and what to ask instead, at the count's line."""
    make_project(tmp_path, KIDS_TEXT, KIDS_FACTS, called="the return", deck_templates=["recall", "choice-figure"])
    add_worksheet_section(tmp_path, "{multiple_choice: 2}")
    checked = check_project(tmp_path)
    recipe = checked.project.decks["doc"]
    for sheet, _ in worksheets.sheets(checked.project, recipe, checked.decks["doc"]):
        multiple = [item.question for item in sheet.items]
        assert len(multiple) == 1, [q.options for q in multiple]
    warning, = [str(w) for w in checked.warnings if "multiple_choice" in w.message]
    assert warning.startswith(f"{recipe.path}:9:") and ": warning: " in warning
    assert "why, of the 4:\n  - 3 would print the same options as another multiple choice" in warning
    assert "the sheet has 1; fix: ask for at most 1, or for another style" in warning


VOYAGE_TEXT = "The passage took 94 days. 6 deaths occurred on the voyage. The matron received 5 pounds."
VOYAGE_FACTS = """topic: main
facts:
  - id: passage-days
    kind: figure
    statement: The passage took 94 days.
    question: How long did the passage take?
    answer: 94 days
    quote: The passage took 94 days.
    data: {item: the passage, unit: days, value: 94}
    category: passage
  - id: deaths
    kind: figure
    statement: 6 deaths occurred on the voyage.
    question: How many deaths occurred on the voyage?
    answer: 6 deaths
    quote: 6 deaths occurred on the voyage.
    data: {item: deaths on the voyage, unit: deaths, value: 6}
    category: deaths
  - id: matron-gratuity
    kind: figure
    statement: The matron received 5 pounds.
    question: What did the matron receive?
    answer: 5 pounds
    quote: The matron received 5 pounds.
    data: {item: the matron's gratuity, unit: pounds, value: 5}
"""


def test_a_section_the_templates_cannot_fill_is_told_line_by_line(tmp_path):
    """The ship's 'voyage' section asked for a true/false its facts could not make: the warning
    was one line of about 1,700 characters.  Now the located first line says what is short and
    the change to make; each template's need, and each reason its facts were skipped for, stand
    on lines of their own."""
    from cli_helpers import run_in_process

    make_project(tmp_path, VOYAGE_TEXT, VOYAGE_FACTS, called="the return",
                 deck_templates=["recall", "true-false-figure", "true-false-statement"])
    add_worksheet_section(tmp_path, "{short_answer: 1, true_false: 1}")
    done = run_in_process("check", "--strict", cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    first = next(n for n, line in enumerate(lines) if "true_false" in line)
    assert lines[first].startswith("decks/doc.yaml:9:48: warning: ")
    assert lines[first].endswith("asks for 1 true_false question(s) but the deck's templates make 0; fix: ask for "
                                 "at most 0 or add 'false_statements:' (a false version in your words) to a "
                                 "fact of topic 'main', or ask for another style; why:"), lines[first]
    below = lines[first + 1:first + 6]
    assert below[0].startswith("  - template 'true-false-figure' makes one question per fact")
    assert below[0].endswith("; here:")
    assert below[1].startswith("      fact 'passage-days': only 0 plausible false version(s)")
    assert below[2].startswith("      fact 'deaths': only 0 plausible false version(s)")
    assert below[3].startswith("      fact 'matron-gratuity': only 0 plausible false version(s)")
    assert below[3].endswith("give the fact a 'category:' shared with comparable facts, or 'false_statements:'")
    assert below[4].startswith("  - template 'true-false-statement' makes one question per fact")
    assert all(len(line) < 320 for line in lines), max(map(len, lines))
