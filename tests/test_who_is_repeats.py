"""No who-is card whose role the fact's own question already asks by.

"Who is described in the chronicle as the treasurer of the Council?" beside the recall card "Who
was treasurer of the Council in 429 BC and kept the account ...?" (both: Lysikles) asked one thing
twice; so did the shipped "Who is described in the report as the Deputy Prime Minister of the
Soviet Government?" beside "Which Deputy Prime Minister of the Soviet Government had the Korean
side invited earlier ...?", and the trial example's pawnbroker, constable, servant and
linen-draper.  The who-is card stays where the recall card asks by something else: "Who spoke to
the prisoner's character?" -> William Dobbs, and "a master bricklayer in the parish of St. Giles".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from small_project import by_template, make_project, render

from studykit.check import check_project

REPO = Path(__file__).resolve().parent.parent

TEXT = ("Lysikles, treasurer of the Council, kept the account. William Dobbs, a master bricklayer, "
        "spoke to the prisoner's character.")

FACTS = """
topic: main
facts:
  - id: lysikles
    kind: person
    statement: Lysikles, the treasurer of the Council, kept the account.
    question: Who was treasurer of the Council and kept the account?
    answer: Lysikles
    quote: Lysikles, treasurer of the Council, kept the account.
    data: {name: Lysikles, role: the treasurer of the Council}
  - id: dobbs
    kind: person
    statement: William Dobbs, a master bricklayer, spoke to the prisoner's character.
    question: Who spoke to the prisoner's character?
    answer: William Dobbs
    quote: William Dobbs, a master bricklayer, spoke to the prisoner's character.
    data: {name: William Dobbs, role: a master bricklayer}
"""


def test_a_role_the_recall_card_asks_by_gets_no_who_is_card(tmp_path):
    make_project(tmp_path, TEXT, FACTS, called="the record")
    _, result = render(tmp_path)
    who = by_template(result, "who-is")
    assert "lysikles" not in who
    assert who["dobbs"].answer == "William Dobbs"  # "Who spoke to ...?" asks by a deed, not the trade


def test_the_role_is_asked_by_its_head_noun():
    from studykit.questions.titles import asked_by

    assert asked_by("the Deputy Prime Minister of the Soviet Government",
                    "Which Deputy Prime Minister of the Soviet Government had the Korean side invited?")
    assert asked_by("an envoy of the Phalarians", "Which Phalarian envoy asked the Athenians to stay out?")
    assert asked_by("a Lieutenant-General of the Varesian armies", "Which plenipotentiary was a Lieutenant-General?")
    assert asked_by("the strategos who led the Koressians at Ision", "Which strategos led the Koressians?")
    assert not asked_by("the head of the Department of Countries of the Far East",
                        "With which Soviet official did the report's author talk?")
    assert not asked_by("a master bricklayer", "Who spoke to the prisoner's character?")
    assert not asked_by("the founder of the city", "Who found the letter?")  # a bare stem may be another word


def test_the_role_is_asked_by_the_deed_its_agent_noun_names():
    """"Who is described in the address as the signer of this copy?" beside "Who signed this copy
    of the address?" (gettysburg), and the shipped report's translator beside "Who translated the
    report into English?", asked one thing twice, each an Anki card."""
    from studykit.questions.titles import asked_by

    assert asked_by("the signer of this copy", "Who signed this copy of the address?")
    assert asked_by("the translator of the English version (for NKIDP)", "Who translated the report into English?")
    assert asked_by("the guarantor of Articles IV, V and VII", "Who guaranteed the execution of Articles IV?")
    assert asked_by("the founder of the city", "Who founded the city?")
    assert not asked_by("the founder of the city", "Who found the treasure in the city?")
    assert not asked_by("a farmer of the parish", "Who owned the farms of the parish?")
    assert not asked_by("", "Who was it?")


@pytest.mark.parametrize("root", [REPO, *sorted(p for p in (REPO / "examples").iterdir() if (p / "decks").is_dir())],
                         ids=lambda p: p.name)
def test_no_shipped_or_example_who_is_card_repeats_its_recall_card(root):
    from studykit.questions.titles import asked_by

    checked = check_project(root)
    for deck in checked.decks.values():
        for q in deck.questions:
            if q.template_id == "who-is":
                assert not asked_by(q.fact.data["role"], q.fact.question), q.id
