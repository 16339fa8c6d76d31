"""A multiple choice whose answer alone is long is not made.

"Who have consecrated the ground?" offering "The brave men, living and dead, who struggled here"
beside "Our fathers", "The world" and "Us the living" (the Gettysburg example's own distractors,
until this rule) is answered by length alone: the longest, most qualified option is the one a
test-wise student picks. The shipped choice-answer template says
``distractors: {length_clue: false}``; options as long and as qualified as the answer keep it.
"""

from __future__ import annotations

from pathlib import Path

from small_project import by_template, make_project, render

from studykit.check import check_project
from studykit.questions.option_keys import length_clue

REPO = Path(__file__).resolve().parent.parent

TEXT = ("The keepers of the light were these: Amos Pike, who trimmed the wicks; Jonah Lee, who kept "
        "the log; Seth Ward, who rowed the stores out; and the old widow of the former keeper, who "
        "lived in the cottage below the tower and rang the fog bell every night of the winter.")

KEEPERS = """
topic: main
facts:
  - {{id: pike, kind: person, category: keepers, statement: Amos Pike trimmed the wicks.,
     question: Who trimmed the wicks?, answer: Amos Pike,
     quote: "Amos Pike, who trimmed the wicks", data: {{name: Amos Pike, role: trimmer of the wicks}}}}
  - {{id: lee, kind: person, category: keepers, statement: Jonah Lee kept the log.,
     question: Who kept the log?, answer: Jonah Lee,
     quote: "Jonah Lee, who kept the log", data: {{name: Jonah Lee, role: keeper of the log}}}}
  - {{id: ward, kind: person, category: keepers, statement: Seth Ward rowed the stores out.,
     question: Who rowed the stores out?, answer: Seth Ward,
     quote: "Seth Ward, who rowed the stores out", data: {{name: Seth Ward, role: rower of the stores}}}}
  - {{id: widow, kind: person, category: keepers, statement: The old widow of the former keeper rang the fog bell.,
     question: Who rang the fog bell every night of the winter?,
     answer: The old widow of the former keeper who lived in the cottage,
     quote: "the old widow of the former keeper, who lived in the cottage below the tower and rang the fog bell",
     data: {{name: the old widow of the former keeper, role: ringer of the fog bell}}{extra}}}
"""


SHORT = ', distractors: ["the keeper\'s boy", "the inspector", "the pilot"]'
LONG = (', distractors: ["the keeper\'s boy who slept in the boat house", '
        '"the inspector who came out from the town each spring", "the pilot who brought the ships in"]')


def _choices(tmp_path: Path, extra: str = SHORT) -> tuple:
    make_project(tmp_path, TEXT, KEEPERS.format(extra=extra), called="the log",
                 deck_templates=["choice-answer"])
    _, result = render(tmp_path)
    return result, by_template(result, "choice-answer")


def test_an_answer_alone_long_makes_no_multiple_choice(tmp_path):
    result, choices = _choices(tmp_path)
    assert "widow" not in choices
    assert "pike" in choices  # the others keep theirs
    reason = result.reasons["choice-answer/widow"]
    assert "its answer alone is long" in reason and "distractors:" in reason


def test_options_as_long_as_the_answer_keep_the_question(tmp_path):
    _, choices = _choices(tmp_path, extra=LONG)
    assert "widow" in choices
    assert "The old widow of the former keeper who lived in the cottage" in choices["widow"].options


def test_which_answer_stands_out_by_length():
    answer = "The brave men, living and dead, who struggled here"
    assert length_clue(answer, ["Our fathers", "The world", "Us the living"]) == (50, 13)
    assert length_clue(answer, ["Our fathers, who brought forth a new nation", "The world"]) is None
    # names of ordinary lengths are no clue: "The Assembly of Koressa" beside "The Athenians"
    assert length_clue("The Assembly of Koressa", ["The Athenians", "The Phalarians"]) is None


def test_the_gettysburg_example_offers_options_as_long_as_its_answer():
    checked = check_project(REPO / "examples" / "gettysburg-address")
    [rendered] = checked.decks.values()
    [question] = [q for q in rendered.questions if q.id == "choice-answer/brave-men-consecrated"]
    assert min(len(option) for option in question.options) * 2 > len(question.answer)


ASSEMBLY = ("The chronicler writes that the harbour was lost by treachery. The islanders said the "
            "walls were too low. The admiral held that the wind had failed him. The old friends of "
            "the admiral who spoke for him in the Assembly answered that the pilot had run the fleet "
            "aground.")

VIEWS = """
topic: main
facts:
  - {id: treachery, kind: claim, category: views, statement: The chronicler writes that the harbour was lost by treachery.,
     question: How was the harbour lost?, answer: By treachery,
     quote: the harbour was lost by treachery, data: {holder: the chronicler}}
  - {id: walls, kind: claim, category: views, statement: The islanders said the walls were too low.,
     question: What was wrong with the walls?, answer: They were too low,
     quote: the walls were too low, data: {holder: the islanders}}
  - {id: wind, kind: claim, category: views, statement: The admiral held that the wind had failed him.,
     question: What had failed the admiral?, answer: The wind,
     quote: the wind had failed him, data: {holder: the admiral}}
  - {id: pilot, kind: claim, category: views, statement: Friends of the admiral blamed the pilot.,
     question: Whom did the admiral's friends blame?, answer: The pilot,
     quote: answered that the pilot had run the fleet aground,
     data: {holder: "%s"}}
"""


def _views(tmp_path: Path, holder: str) -> tuple:
    make_project(tmp_path, ASSEMBLY, VIEWS % holder, called="the chronicle", deck_templates=["whose-view"])
    _, result = render(tmp_path)
    return result, by_template(result, "whose-view")


def test_a_whose_view_question_whose_holder_alone_is_long_is_not_made(tmp_path):
    result, views = _views(tmp_path, "the old friends of the admiral who spoke for him in the Assembly")
    assert "pilot" not in views and "wind" in views
    assert "its answer alone is long" in result.reasons["whose-view/pilot"]


def test_the_same_view_under_a_holder_of_ordinary_length_is_asked(tmp_path):
    _, views = _views(tmp_path, "the admiral's friends")
    assert "pilot" in views and "The admiral's friends" in views["pilot"].options
