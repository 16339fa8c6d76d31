"""whose-view: the words after a blank may show its grammatical number, and then decide options.

"_____ said among themselves that 20 ships would not be enough" fits only a group: offered beside
single persons, the one group is the answer by grammar alone.  And "_____ was stressing ..." for
"members of the delegation" reads wrong with its own answer in the blank.  A wrong option the blank
rules out is not offered; a question whose own answer it rules out is not asked.  A body ("the
council") takes either number in English, so it fits any blank.
"""

from __future__ import annotations

from pathlib import Path

from studykit.check import check_project
from studykit.questions.blank_number import MANY, ONE, blank_number, fitting_blank

from small_project import whose_view_questions

REPO = Path(__file__).resolve().parent.parent

VIEWS = [  # fact id, holder, quote
    ("doubt", "the Council of the town", "The Council said among themselves that the bridge would not stand."),
    ("quay", "the harbour masters", "The harbour masters were sure that the quay was too short."),
    ("weir", "the mayor", "The mayor was sure that a second weir would keep the mills turning."),
    ("strike", "members of the weavers' guild", "The weavers' guild was stressing that wages had fallen."),
    ("tolls", "the pilots", "the tolls on carts were too high for the trade of the town."),
    ("ledger", "the clerk", "the ledger of the market showed a loss in every month of the winter."),
    ("bells", "the sexton", "the bells should ring at noon and at dusk every day of the fair."),
]


def _asked(tmp_path):
    return whose_view_questions(tmp_path, VIEWS)


def test_the_words_after_a_subject_blank_show_its_number():
    assert blank_number("_____ said among themselves that the bridge would not stand") == MANY
    assert blank_number("Even though _____ do not believe it, they prepare") == MANY
    assert blank_number("_____ was stressing that wages had fallen") == ONE
    assert blank_number("_____ spoke at the funeral. He said ...") == ""
    # not the blank's verb: the subject is "The answer", or a longer "the chronicler and _____"
    assert blank_number("The answer of _____ was that the plain was sacred") == ""
    assert blank_number("the chronicler and _____ were sure") == ""
    # a reflexive after another party is that party's
    assert blank_number("_____ told them to defend themselves") == ""
    assert fitting_blank("the Council of the town", "_____ said among themselves") is True
    assert fitting_blank("the Council of the town", "_____ was sure") is True
    assert fitting_blank("the mayor", "_____ said among themselves") is False
    assert fitting_blank("members of the guild", "_____ was stressing") is False
    assert fitting_blank("the mayor", "According to _____, the quay is short") is True


def test_an_option_the_blank_rules_out_is_not_offered(tmp_path):
    asked = _asked(tmp_path)
    # "said among themselves": the group's fellows only (single persons would be struck by grammar)
    assert set(asked["doubt"].options) <= {"The Council of the town", "The harbour masters", "The pilots",
                                           "Members of the weavers' guild"}
    assert len(asked["doubt"].options) >= 3
    # "_____ were sure": the single persons are not offered; the council (a body) may be
    assert not {"The mayor", "The clerk", "The sexton"} & set(asked["quay"].options)
    # "_____ was sure": no plural holder is offered
    assert not {"The harbour masters", "The pilots", "Members of the weavers' guild"} & set(asked["weir"].options)
    assert len(asked["quay"].options) == len(asked["weir"].options) == 4


def test_a_question_whose_answer_the_blank_rules_out_is_not_asked(tmp_path):
    asked = _asked(tmp_path)
    # "_____ was stressing" with "Members of the weavers' guild" in the blank reads wrong
    assert "strike" not in asked
    assert {"doubt", "quay", "weir", "ledger"} <= set(asked)


def _whose_view(project):
    result = check_project(project)
    assert result.ok
    return {q.id: q for deck in result.decks.values() for q in deck.questions if q.id.startswith("whose-view/")}


def test_the_projects_offer_no_option_the_blank_rules_out():
    ancient = _whose_view(REPO / "examples" / "ancient-chronicle")
    doubt = ancient["whose-view/council-doubt"]
    assert "_____ said among themselves" in doubt.prompt
    assert doubt.answer == "The Council of Koressa"
    assert not {"The chronicler", "The god at Delphi", "Lysikles"} & set(doubt.options)
    shipped = _whose_view(REPO)
    # the blanked words were singular ("_____ was stressing"); the answer is the members, plural
    assert "whose-view/china-might-cut-economic-ties" not in shipped
    for project in (ancient, shipped):
        for q in project.values():
            for option in q.options:
                assert fitting_blank(option[0].lower() + option[1:] if option.startswith(("The ", "Members ", "Some "))
                                     else option, q.prompt), (q.id, option)
