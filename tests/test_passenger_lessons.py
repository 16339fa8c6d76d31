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
TEXT = " ".join(f"From {name}, {n} souls." for _, name, n in COUNTIES)
FACTS = "topic: main\nfacts:\n" + "".join(f"""  - id: {cid}
    kind: figure
    statement: The ship carried {n} passengers from {name}.
    question: How many passengers came from {name}?
    answer: {n} souls
    quote: From {name}, {n} souls.
    data: {{item: passengers from {name}, unit: souls, value: {n}}}
    category: county
""" for cid, name, n in COUNTIES)


@pytest.mark.parametrize("asked, choices", [
    ("{short_answer: 2, multiple_choice: 2}", 2),
    ("{short_answer: 1, multiple_choice: 3}", 3),
    ("{short_answer: 2, multiple_choice: 3}", 3),
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
