"""`check` warns at an ordered list whose own question names every item in the order asked.

The Gettysburg example's "In the address, government of, by and for whom shall not perish from
the earth?" is the prompt of its list card, and names "of", "by" and "for" in the order its
ordering card then asks ("of the people", "by the people", "for the people"): a student who has
met the list card answers the ordering card from its wording.  The fix: `skip: [ordering]`, or a
question that does not name them.
"""

from __future__ import annotations

from pathlib import Path

from small_project import make_project

from studykit.check import check_project

REPO = Path(__file__).resolve().parent.parent
TEXT = "We resolve that government of the people, by the people, for the people, shall not perish."

FACT = """
topic: main
facts:
  - id: people
    kind: list
    statement: The letter resolves that government of the people, by the people, for the people, shall not perish.
    question: QUESTION
    answer: Of the people, by the people, for the people
    quote: government of the people, by the people, for the people, shall not perish.
    data: {label: the three phrases of the government, ordered: true, items: [of the people, by the people, for the people]}
"""


def _warnings(tmp_path: Path, question: str) -> list[str]:
    make_project(tmp_path, TEXT, FACT.replace("QUESTION", question), deck_templates=["list-recall", "ordering"])
    return [str(p) for p in check_project(tmp_path, strict=True).reported if "ordering" in p.message]


def test_a_question_naming_the_items_in_order_is_warned_at_the_question(tmp_path):
    [message] = _warnings(tmp_path, "Government of, by and for whom shall not perish?")
    assert "facts.yaml:7:" in message and "fact 'people'" in message
    assert "'of', 'by', 'for'" in message and "skip: [ordering]" in message


def test_a_question_naming_none_of_them_is_not(tmp_path):
    assert _warnings(tmp_path, "What does the letter resolve shall not perish?") == []


def test_the_gettysburg_example_asks_without_naming_the_order():
    """Its question now asks "what kind of government shall not perish from the earth?"; the
    sheet's ordering question stays."""
    checked = check_project(REPO / "examples" / "gettysburg-address", strict=True)
    assert checked.reported == []
    ids = {q.id for d in checked.decks.values() for q in d.questions}
    assert {"ordering/government-of-the-people", "list-recall/government-of-the-people"} <= ids
