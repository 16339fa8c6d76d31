"""A where card is made only where the cloze card of its fact does not blank the same place.

"Where? Only in _____ did the Korean delegation ... take part in an official evening reception"
beside the cloze "Only in [...] did the Korean delegation ... take part in an official evening
reception on the occasion of the [Day of the Soviet Army]" asked one thing twice in the shipped
deck (the cloze's first card is the where card), as "Where? In 424 BC both cities sent envoys to
_____" beside "In 424 BC both cities sent envoys to [Delphi] ..." in the ancient example.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from small_project import by_template, make_project, render

from studykit.check import check_project

REPO = Path(__file__).resolve().parent.parent

TEXT = ("In 424 BC both cities sent envoys to Delphi. In 421 BC the peace was sworn at Ision "
        "for thirty years.")

FACTS = """
topic: main
facts:
  - id: delphi
    kind: event
    statement: In 424 BC both cities sent envoys to Delphi.
    question: What did both cities do in 424 BC?
    answer: They sent envoys
    quote: In 424 BC both cities sent envoys to Delphi.
    key_terms: [Delphi]
    data: {where: Delphi}
  - id: peace
    kind: event
    statement: In 421 BC the peace was sworn at Ision for thirty years.
    question: For how long was the peace sworn?
    answer: For thirty years
    quote: In 421 BC the peace was sworn at Ision for thirty years.
    key_terms: [thirty years]
    data: {where: Ision}
"""


def test_no_where_card_when_the_cloze_blanks_the_place(tmp_path):
    make_project(tmp_path, TEXT, FACTS, called="the chronicle")
    _, result = render(tmp_path)
    where, cloze = by_template(result, "where"), by_template(result, "cloze")
    assert "delphi" not in where and [t for t, n in cloze["delphi"].cloze if n] == ["Delphi"]
    assert "peace" in where and where["peace"].answer == "Ision"  # the cloze blanks the years only


@pytest.mark.parametrize("root", [REPO, REPO / "examples" / "ancient-chronicle"], ids=["shipped", "ancient"])
def test_no_shipped_or_example_where_card_repeats_its_cloze(root):
    checked = check_project(root)
    for deck in checked.decks.values():
        blanks = {q.fact.id: [t for t, n in q.cloze if n] for q in deck.questions if q.template_id == "cloze"}
        for q in deck.questions:
            if q.template_id == "where":
                assert q.answer not in blanks.get(q.fact.id, []), q.id
