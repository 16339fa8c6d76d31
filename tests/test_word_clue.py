"""A multiple choice whose answer alone repeats a word of its question is not made.

"Which witness was the reeve?" offering Sir William de Hale, Master Simon, Hugh Fletcher and
Walter the Reeve is answered by the word alone (an invented charter's witness list); so is "What
does the address call the work ...?" with "The unfinished work" among phrases without "work".
The shipped choice-answer template says ``distractors: {word_clue: false}``; the question is
kept when a wrong option repeats the word too (the teacher's own ``distractors:``).
"""

from __future__ import annotations

from pathlib import Path

from small_project import by_template, make_project, render

from studykit.check import check_project
from studykit.questions.option_keys import word_clue

REPO = Path(__file__).resolve().parent.parent

TEXT = ("These being witnesses: Sir William de Hale, then sheriff of the county; Master Simon, parson "
        "of the church; Hugh Fletcher, bailiff of the manor; Walter the Reeve; and many others.")

WITNESSES = """
topic: main
facts:
  - {{id: sheriff, kind: person, category: witnesses, statement: Sir William de Hale was then sheriff.,
     question: Which witness was then sheriff of the county?, answer: Sir William de Hale,
     quote: "Sir William de Hale, then sheriff of the county", data: {{name: Sir William de Hale, role: sheriff of the county}}}}
  - {{id: parson, kind: person, category: witnesses, statement: Master Simon was parson of the church.,
     question: Which witness was parson of the church?, answer: Master Simon,
     quote: "Master Simon, parson of the church", data: {{name: Master Simon, role: parson of the church}}}}
  - {{id: bailiff, kind: person, category: witnesses, statement: Hugh Fletcher was bailiff of the manor.,
     question: Which witness was bailiff of the manor?, answer: Hugh Fletcher,
     quote: "Hugh Fletcher, bailiff of the manor", data: {{name: Hugh Fletcher, role: bailiff of the manor}}}}
  - {{id: reeve, kind: person, category: witnesses, statement: Walter the Reeve witnessed the charter.,
     question: Which witness was the reeve?, answer: Walter the Reeve,
     quote: Walter the Reeve, data: {{name: Walter the Reeve, role: reeve}}{extra}}}
"""


def _choices(tmp_path: Path, extra: str = "") -> dict:
    make_project(tmp_path, TEXT, WITNESSES.format(extra=extra), called="the charter",
                 deck_templates=["choice-answer"])
    _, result = render(tmp_path)
    return result, by_template(result, "choice-answer")


def test_the_answer_alone_repeating_the_questions_word_makes_no_multiple_choice(tmp_path):
    result, choices = _choices(tmp_path)
    assert "reeve" not in choices
    assert {"sheriff", "parson", "bailiff"} <= set(choices)  # the others keep theirs
    [reason] = [why for qid, why in result.reasons.items() if qid == "choice-answer/reeve"]
    assert "repeats the question's word 'reeve'" in reason and "distractors:" in reason


def test_a_wrong_option_with_the_word_too_keeps_the_question(tmp_path):
    _, choices = _choices(tmp_path, extra=", distractors: [Adam the Reeve's son, John Reeve]")
    assert "reeve" in choices
    assert "Walter the Reeve" in choices["reeve"].options


def test_which_word_is_a_clue():
    assert word_clue("Which witness was the reeve?", "Walter the Reeve", ["Master Simon", "Hugh Fletcher"]) == "reeve"
    assert word_clue("Which witness was the reeve?", "Walter the Reeve", ["John Reeve", "Master Simon"]) == ""
    # small words are no clue: "the" is in every question
    assert word_clue("Who was the sheriff?", "The Earl", ["Master Simon"]) == ""


def test_the_gettysburg_example_asks_the_unfinished_work_only_where_the_word_tells_nothing():
    checked = check_project(REPO / "examples" / "gettysburg-address")
    [rendered] = checked.decks.values()
    ids = {q.id for q in rendered.questions}
    assert "choice-answer/unfinished-work" not in ids
    assert "recall/unfinished-work" in ids  # still asked, where no option can give it away
    # it skips the template: the options it once wrote are the word rule's case
    assert "choice-answer" in checked.project.facts["unfinished-work"].skip
    fact = checked.project.facts["unfinished-work"]
    assert word_clue(fact.question, fact.answer,
                     ["A great civil war", "A new birth of freedom", "The last full measure of devotion"]) == "work"
