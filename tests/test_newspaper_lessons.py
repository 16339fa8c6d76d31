"""What an (invented) 1936 newspaper report taught the question layer: a figure a hundred times
the answer is no believable option, "the Rt. Rev. Thomas Hale" is a name among names, a
number where text belongs is told to be quoted, and a worksheet section that a group template
cannot fill says which need its groups did not meet."""

from __future__ import annotations

import re

import pytest

from studykit.questions.comparable import form_of
from studykit.questions.figure_compare import near

from cli_helpers import run_in_process
from small_project import add_worksheet_section, by_template, make_project, render

TEXT = ("48,312 ballot papers had been counted, of which 212 were spoiled. "
        "Mrs. Varley polled 4,120 votes; Mr. George Varley polled 2,877. "
        "The returning officer, Mr. Harold de Vere, declared the result. "
        "The County Surveyor, Mr. Arthur Penn, was present. "
        "The Bishop of Millbrook, the Rt. Rev. Thomas Hale, said a prayer.")


def figure(fid: str, quote: str, item: str, value: int, unit: str) -> str:
    return f"""
  - id: {fid}
    kind: figure
    category: count
    statement: {quote}
    question: What does the report give for {item}?
    answer: "{value:,} {unit}"
    quote: {quote}
    data: {{item: {item}, unit: {unit}, value: {value}}}
"""


def person(fid: str, name: str, role: str, quote: str) -> str:
    return f"""
  - id: {fid}
    kind: person
    category: official
    statement: {name} was {role}.
    question: Who was {role}?
    answer: {name}
    quote: {quote}
    data: {{name: {name.split(' ', 1)[1] if name.startswith('Mr.') else 'Thomas Hale'}, role: {role}}}
"""


FACTS = "topic: main\nfacts:" + "".join([
    figure("counted", "48,312 ballot papers had been counted", "ballot papers counted", 48312, "papers"),
    figure("spoiled", "of which 212 were spoiled", "spoiled ballot papers", 212, "papers"),
    figure("her-votes", "Mrs. Varley polled 4,120 votes", "Mrs. Varley's votes", 4120, "papers"),
    figure("his-votes", "Mr. George Varley polled 2,877", "Mr. George Varley's votes", 2877, "papers"),
    person("de-vere", "Mr. Harold de Vere", "the returning officer", "The returning officer, Mr. Harold de Vere"),
    person("penn", "Mr. Arthur Penn", "the County Surveyor", "The County Surveyor, Mr. Arthur Penn"),
    person("bishop", "The Rt. Rev. Thomas Hale", "the Bishop of Millbrook",
           "The Bishop of Millbrook, the Rt. Rev. Thomas Hale"),
])


@pytest.mark.parametrize("one, other, is_near", [
    (212, 48312, False), (48312, 212, False), (50000, 2000000, True), (2877, 4120, True),
    (1, 50, True), (1, 51, False), (0, 0, True), (0, 5, False), (-3, 3, False), ("5", 5, False),
])
def test_two_figures_are_near_within_fifty_times_each_other(one, other, is_near):
    assert near(one, other) is is_near


def test_a_figure_a_hundred_times_the_answer_is_never_an_option_nor_a_false_version(tmp_path):
    make_project(tmp_path, TEXT, FACTS, deck_templates=["choice-figure", "true-false-figure"])
    _, result = render(tmp_path)
    choice = by_template(result, "choice-figure")
    assert sorted(choice["spoiled"].options) == ["2,877 papers", "212 papers", "4,120 papers"]
    assert "212 papers" not in choice["counted"].options
    true_false = by_template(result, "true-false-figure")
    false_ones = [q for q in true_false.values() if q.truth is False]
    assert false_ones and not [q for q in false_ones if q.fact.id == "spoiled" and "48,312" in q.prompt]
    assert not [q for q in false_ones if q.fact.id == "counted" and " 212 " in q.prompt]


@pytest.mark.parametrize("text, form", [
    ("The Rt. Rev. Thomas Hale", "name"), ("the Rev. John Keble", "name"),
    ("the Right Honourable W. Pitt", "name"), ("the Most Reverend Dr. Lang", "name"),
    ("the Relief Commissioner", "text"), ("the Right Bank", "text"), ("the Most Holy Synod", "text"),
    ("the Rev.", "text"),
])
def test_the_before_a_clergymans_or_peers_style_is_part_of_a_name(text, form):
    assert form_of(text)[0] == form


def test_a_titled_clergyman_is_an_option_among_other_named_officials(tmp_path):
    make_project(tmp_path, TEXT, FACTS, deck_templates=["choice-answer"])
    _, result = render(tmp_path)
    question = by_template(result, "choice-answer")["de-vere"]
    assert sorted(question.options) == ["Mr. Arthur Penn", "Mr. Harold de Vere", "The Rt. Rev. Thomas Hale"]


def test_a_number_where_text_belongs_is_told_to_be_quoted(tmp_path):
    facts = FACTS.replace('answer: "212 papers"', "answer: 212")
    make_project(tmp_path, TEXT, facts, deck_templates=["recall"])
    done = run_in_process("check", cwd=tmp_path)
    assert done.returncode == 1
    line = next(n for n, text in enumerate(facts.splitlines(), start=1) if text.strip() == "answer: 212")
    assert re.search(rf"facts\.yaml:{line}:\d+: fact 'spoiled': 'answer' must be text, not the number 212; "
                     r'put it in quotes to keep it as text \(answer: "212"\)', done.stdout + done.stderr)


def test_a_section_no_group_can_fill_says_which_need_its_groups_did_not_meet(tmp_path):
    make_project(tmp_path, TEXT, FACTS, deck_templates=["recall", "matching-people"])
    add_worksheet_section(tmp_path, "{matching: 1}")
    done = run_in_process("check", "--strict", cwd=tmp_path)
    out = done.stdout + done.stderr
    assert done.returncode == 1
    assert re.search(r"asks for 1 matching question\(s\) but the deck's templates make 0; fix: .*; why:\n"
                     r"  - template 'matching-people' makes one question per group .*; here:\n"
                     r"      group 'doc-official': matching needs at least 5 pairs or a spare option, or its last pair would be left "
                     r"to match itself: only 3 comparable facts and no spare", out), out


SEATS_TEXT = ("The League holds 23 seats, the Union 11 seats and the Association 6 seats. "
              "Turnout was 71 per cent in Ashby, 58 per cent in Bray and 52 per cent in Millbrook.")


def seat_or_turnout(fid: str, quote: str, item: str, value: int, unit: str, category: str) -> str:
    return f"""
  - id: {fid}
    kind: figure
    category: {category}
    statement: {quote}
    question: What does the report give for {item}?
    answer: "{value}{'%' if unit == '%' else ' ' + unit}"
    quote: {quote}
    data: {{item: {item}, unit: "{unit}", value: {value}}}
"""


SEATS = "topic: main\nfacts:" + "".join([
    seat_or_turnout("league", "The League holds 23 seats", "the League's seats", 23, "seats", "seats"),
    seat_or_turnout("union", "the Union 11 seats", "the Union's seats", 11, "seats", "seats"),
    seat_or_turnout("association", "the Association 6 seats", "the Association's seats", 6, "seats", "seats"),
    seat_or_turnout("ashby", "Turnout was 71 per cent in Ashby", "turnout in Ashby", 71, "%", "turnout"),
    seat_or_turnout("bray", "58 per cent in Bray", "turnout in Bray", 58, "%", "turnout"),
    seat_or_turnout("millbrook", "52 per cent in Millbrook", "turnout in Millbrook", 52, "%", "turnout"),
])


@pytest.mark.parametrize("seed", range(6))
def test_two_multiple_choice_questions_on_a_sheet_never_offer_one_set_of_figures(tmp_path, seed):
    make_project(tmp_path, SEATS_TEXT, SEATS, deck_templates=["choice-figure"])
    recipe = tmp_path / "decks" / "doc.yaml"
    recipe.write_text(recipe.read_text() + f"outputs: [worksheet]\nworksheet:\n  seed: {seed}\n  variants: 2\n"
                      "  sections:\n    - topic: main\n      questions: {multiple_choice: 2}\n", encoding="utf-8")
    done = run_in_process("build", "--only", "worksheet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for version in ("A", "B"):
        sheet = (tmp_path / "dist" / f"doc-worksheet-{version}.html").read_text(encoding="utf-8")
        asked = re.findall(r"What figure does the letter give for ([^?]+)\?", sheet)
        assert len(asked) == 2, asked
        assert sum("seats" in item for item in asked) == 1, asked  # one on seats, one on turnout


def test_the_key_gives_other_accepted_forms_for_written_answers_only(tmp_path):
    make_project(tmp_path, TEXT, FACTS, deck_templates=["recall", "choice-answer"])
    recipe = tmp_path / "decks" / "doc.yaml"
    recipe.write_text(recipe.read_text() + "outputs: [worksheet]\nworksheet: {}\n", encoding="utf-8")
    done = run_in_process("build", "--only", "worksheet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    key = (tmp_path / "dist" / "doc-answer-key-A.html").read_text(encoding="utf-8")
    blocks = re.split(r'(?=<div class="question )', key)
    [written] = [b for b in blocks if 'data-question="recall/de-vere"' in b]
    [circled] = [b for b in blocks if 'data-question="choice-answer/de-vere"' in b]
    assert "Also accept:</span> Harold de Vere" in written
    assert re.search(r"Answer:</span> [A-C]\. Mr\. Harold de Vere", circled)
    assert "Also accept" not in circled
