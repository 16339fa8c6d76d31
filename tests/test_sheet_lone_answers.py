"""No worksheet prints a multiple choice answer only in the question it answers.

Each question's wrong options are drawn on their own: on the ancient chronicle's sheet four
"whose view?" questions offered seven parties, and "The god at Delphi" was printed once, in the
question it answers, among names printed two to four times.  A student who picks the name seen
only once scores without reading.  The sheet is now chosen without such a question when another
fills its place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from studykit import worksheets
from studykit.check import check_project
from studykit.questions.option_keys import option_key

from conftest import REPO
from sheet_projects import fact, make_project
from test_worksheet_quality import _whose_view

PROJECTS = [REPO, *sorted(p for p in (REPO / "examples").iterdir() if p.is_dir())]


def _lone(questions) -> list[str]:
    """Answers of multiple choice printed in no other question, though another prints one of the
    question's options."""
    choices = [q for q in questions if q.style == "multiple_choice" and q.correct is not None]
    lone = []
    for q in choices:
        mine = {option_key(o) for o in q.options}
        others = [{option_key(o) for o in p.options} for p in choices if p is not q]
        if any(mine & s for s in others) and not any(option_key(q.answer) in s for s in others):
            lone.append(q.answer)
    return lone


def _sheets(root: Path):
    checked = check_project(root)
    assert not checked.problems, checked.problems
    for deck_id, recipe in checked.project.decks.items():
        if recipe.worksheet:
            said = []
            for sheet, _ in worksheets.sheets(checked.project, recipe, checked.decks[deck_id], shortfalls=said):
                yield sheet, said


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_no_sheet_of_the_projects_prints_an_answer_only_where_it_is_right(project):
    for sheet, _ in _sheets(project):
        questions = [item.question for item in sheet.items if item.question is not None]
        assert _lone(questions) == [], [(q.id, q.options) for q in questions if q.style == "multiple_choice"]


HOLDERS = ["the council", "the assembly", "the envoys", "the chronicler", "the oracle", "the admiral",
           "the farmers"]
VIEWS = ["The plain was never theirs.", "Twenty ships are too few.", "The wall came late.",
         "A small city keeps its freedom by its ships.", "The plain belongs to the goddess.",
         "The fleet must sail at dawn.", "The harvest was lost to the war."]


def test_a_sheet_of_whose_view_questions_prints_every_answer_among_the_others_options(tmp_path):
    facts = [fact(f"view-{i}", f"{holder.capitalize()} held: {view}", "Whose view?", holder, view,
                  kind="claim", data={"holder": holder})
             for i, (holder, view) in enumerate(zip(HOLDERS, VIEWS))]
    root = make_project(tmp_path, facts, {"whose-view": _whose_view()},
                        {"variants": 4, "sections": [{"topic": "main", "questions": {"multiple_choice": 3},
                                                      "draw": "per-version"}]})
    sheets = list(_sheets(root))
    assert len(sheets) == 4
    for sheet, said in sheets:
        questions = [item.question for item in sheet.items]
        assert len(questions) == 3 and said == []
        assert _lone(questions) == [], [(q.answer, q.options) for q in questions]


SAME_HOLDER = [("the council", "The plain was never theirs."), ("the council", "Twenty ships are too few."),
               ("the assembly", "The wall came late."), ("the envoys", "A small city keeps its freedom by its ships."),
               ("the chronicler", "The harvest was lost to the war.")]


def test_two_questions_printing_the_same_options_and_answer_do_not_share_a_sheet(tmp_path):
    # four holders, four options each: every question prints the same four; two of the council's
    # on one sheet read as one question asked twice (and answer each other)
    facts = [fact(f"view-{i}", f"{holder.capitalize()} held: {view}", "Whose view?", holder, view,
                  kind="claim", data={"holder": holder})
             for i, (holder, view) in enumerate(SAME_HOLDER)]
    root = make_project(tmp_path, facts, {"whose-view": _whose_view()},
                        {"variants": 6, "sections": [{"topic": "main", "questions": {"multiple_choice": 2},
                                                      "draw": "per-version"}]})
    for sheet, said in _sheets(root):
        questions = [item.question for item in sheet.items]
        assert len(questions) == 2 and said == []
        assert len({q.answer for q in questions}) == 2, [q.id for q in questions]
