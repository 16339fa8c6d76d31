"""An ordering card is not made for Anki where the fact's own list or cloze card shows the order.

The shipped report's four proposals, the chronicle's war, the address's "of the people, by the
people, for the people", the treaty's evacuation and signatures: each list card asks its items in
the source's order from memory, and the ordering card beside it showed the same items to put in
that order, answered by rote once the list card was learnt.  The ordering stays a worksheet
question; a deck with no card showing the order keeps its ordering card.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from studykit import apkg
from studykit.check import check_project

from small_project import make_project, render

REPO = Path(__file__).resolve().parent.parent
PROJECTS = [REPO, *sorted(p for p in (REPO / "examples").iterdir() if p.is_dir())]


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_no_anki_note_asks_an_order_its_fact_s_list_card_asks(project):
    checked = check_project(project)
    for deck_id, rendered in checked.decks.items():
        notes = {note.question_id for note in apkg.notes_for(checked.project, checked.project.decks[deck_id],
                                                              rendered.questions)}
        by_id = {q.id: q for q in rendered.questions}
        for question in rendered.questions:
            if question.style != "ordering":
                continue
            assert "worksheet" in question.targets  # still asked on paper
            list_card = by_id.get(f"list-recall/{question.fact.id}")
            if list_card is not None and list_card.id in notes:
                assert question.id not in notes, question.id


TEXT = "The steps were these: first the survey, then the digging, then the lining, and last the filling."
FACTS = """\
topic: main
facts:
  - id: steps
    kind: list
    statement: "The steps were the survey, the digging, the lining and the filling, in that order."
    question: What were the steps of the work, in order?
    answer: the survey; the digging; the lining; the filling
    quote: "The steps were these: first the survey, then the digging, then the lining, and last the filling."
    data:
      label: the steps of the work
      ordered: true
      items: [the survey, the digging, the lining, the filling]
"""


def _ordering(tmp_path, facts: str):
    root = make_project(tmp_path, TEXT, facts, deck_templates=["list-recall", "ordering"])
    _, result = render(root)
    return {q.template_id: q for q in result.questions}


def test_an_ordering_beside_a_list_card_asking_its_order_is_for_worksheets_only(tmp_path):
    asked = _ordering(tmp_path, FACTS)
    assert "anki" in asked["list-recall"].targets
    assert "anki" not in asked["ordering"].targets and "worksheet" in asked["ordering"].targets


def test_an_ordering_whose_list_card_is_skipped_stays_a_card(tmp_path):
    asked = _ordering(tmp_path, FACTS.replace("    kind: list\n", "    kind: list\n    skip: [list-recall]\n"))
    assert "list-recall" not in asked and "anki" in asked["ordering"].targets


def test_an_ordering_whose_cloze_card_prints_the_whole_order_is_for_worksheets_only(tmp_path):
    facts = FACTS.replace("    kind: list\n", "    kind: list\n    skip: [list-recall]\n    key_terms: [the lining]\n")
    root = make_project(tmp_path, TEXT, facts, deck_templates=["cloze", "ordering"])
    _, result = render(root)
    asked = {q.template_id: q for q in result.questions}
    assert "the survey, the digging, the lining and the filling" in asked["cloze"].cloze_text
    assert "anki" not in asked["ordering"].targets and "worksheet" in asked["ordering"].targets
