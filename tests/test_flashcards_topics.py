"""Printable flashcards by topic: each topic starts a sheet of its own, so adding a card
renders again only the parts of its own topic (the real build, PDFs read back with pypdf)."""

from __future__ import annotations

import html
from pathlib import Path

from studykit.build import build_project
from studykit.check import check_project
from studykit.flashcards import card_questions

from sheet_projects import shipped_cards_only
from test_flashcards import read_cards
from test_pdf_cache import spy  # noqa: F401 - the fixture

CARDS = "soviet-korean-relations-1967-cards.pdf"
ADDED_FACT = """\
  - id: added-in-class
    kind: claim
    statement: The Korean comrades strongly criticized recent events in China.
    question: What did the Korean comrades strongly criticize during the talks, according to Soviet comrades?
    answer: Recent events in China
    quote: They strongly criticized recent events in China
    key_terms: [recent events in China]
    data: {holder: Soviet comrades}
    tags: [china]

"""


def two_topics(root: Path) -> Path:
    """The shipped facts of two topics (30 and 17 cards: neither fills its last sheet), cards only."""
    return shipped_cards_only(root, ["china", "shipments"])


def cards(root: Path):
    return card_questions(next(iter(check_project(root).decks.values())).questions)


def ids_in(page_html: str, ids: set[str]) -> set[str]:
    return {i for i in ids if f">{i}<" in html.unescape(page_html)}


def test_each_topic_starts_a_sheet_and_an_added_card_renders_only_its_topics_parts(tmp_path, spy):  # noqa: F811
    root, out = two_topics(tmp_path / "project"), tmp_path / "dist"
    questions = cards(root)
    topic = {q.id: q.topic for q in questions}
    china = [q.id for q in questions if q.topic == "china"]
    shipments = [q.id for q in questions if q.topic == "shipments"]
    assert len(china) % 4 and len(shipments) % 4  # both leave their last sheet part-empty
    build_project(root, out=out)
    pages = read_cards(out / CARDS, set(topic))
    sheets = -(-len(china) // 4) + -(-len(shipments) // 4)
    assert len(pages) == 2 * sheets  # not the fewer sheets of the cards packed four a sheet
    for text, ids, _ in pages:
        assert len({topic[i] for i in ids}) == 1, "no sheet holds cards of two topics"
    first_shipments = 2 * -(-len(china) // 4)  # the page after china's last back
    assert shipments[0] in pages[first_shipments][1] and shipments[0] in pages[first_shipments + 1][1]
    parts = spy[-1]
    assert all(len({topic[i] for i in ids_in(part, set(topic))}) == 1 for part in parts)
    china_parts = sum(1 for part in parts if ids_in(part, set(china)))

    facts = root / "seeds" / "soviet-korean-relations-1967" / "facts" / "china.yaml"
    text = facts.read_text(encoding="utf-8")
    second = text.index("  - id:", text.index("  - id:") + 1)
    facts.write_text(text[:second] + ADDED_FACT + text[second:], encoding="utf-8")
    added = [q.id for q in cards(root) if q.id.endswith("/added-in-class")]
    assert added
    build_project(root, out=out)
    rendered = spy[-1]
    assert rendered and len(rendered) <= china_parts
    assert all(not ids_in(part, set(shipments)) for part in rendered), "the other topic's parts are reused"
    assert any(ids_in(part, set(added)) for part in rendered)
    after = read_cards(out / CARDS, set(topic) | set(added))
    # the other topic prints as it did, on the pages after the (longer) china sheets
    china_now = len(china) + len(added)
    offset = 2 * -(-china_now // 4) - first_shipments
    assert [p[0] for p in after[first_shipments + offset:]] == [p[0] for p in pages[first_shipments:]]
