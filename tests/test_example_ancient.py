"""The third example project (examples/ancient-chronicle): an invented chronicle of a Greek
city's war, 438-421 BC, the genre no other project has: years BC, talents and drachmas,
ranges and round figures, peoples and assemblies as actors, a speech quoting a saying.

It must check clean under --strict, build (deck, worksheets, keys) and import into a real
Anki collection; nothing in ``src/`` may know it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path


from example_checks import built_copy, imported_into_anki, named_in_src, src_code, strict_fixtures

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "ancient-chronicle"
SOURCE = "koressa-chronicle"
DECK = "koressa-chronicle"


checked, questions = strict_fixtures(EXAMPLE, DECK)


def test_the_ancient_example_checks_clean_under_strict_and_uses_the_repositorys_templates(checked):
    assert (checked.problems, checked.warnings) == ([], [])
    link = EXAMPLE / "question_templates"
    assert link.is_symlink() and link.resolve() == (REPO / "question_templates").resolve()
    source = checked.project.sources[SOURCE]
    assert "INVENTED" in (EXAMPLE / "seeds" / SOURCE / "source.yaml").read_text(encoding="utf-8")
    assert source.date == "c. 400 BC" and source.called == "the chronicle"


def test_its_ranges_and_sums_in_two_units_are_no_figures(checked):
    # The quality check warns at a figure that keeps one end of "between 40 and 50" or the
    # talents of "9 talents and 2,000 drachmas"; the example writes them as events instead.
    facts = checked.project.facts
    for fact_id in ("phalarian-losses-melas", "siege-army", "harbour-wall-cost", "siege-families-paid"):
        assert facts[fact_id].kind == "event"
    assert all(not re.search(r"\d (to|and) \d|between \d", f.answer) for f in facts.values() if f.kind == "figure")


def test_a_year_bc_is_asked_and_accepted_in_its_other_spellings(questions):
    when = questions["when/delphi-consulted"]
    assert when.prompt.startswith("When? In _____ both cities sent envoys to Delphi")
    assert when.answer == "424 BC" and when.machine_answers() == ["424 BC", "424 BCE", "424 B.C.", "424 B.C.E."]


def test_the_events_are_ordered_without_their_years_and_peoples_are_asked_like_people(questions):
    ordering = questions["ordering/war-in-order"]
    assert not any(re.search(r"\d", item) for item in ordering.order)
    assert ordering.order[0] == "the flocks driven onto Ision" and ordering.order[-1] == "the peace"
    people = questions["true-false-person/phalarians-burned"]
    assert people.prompt.startswith("In the chronicle, the Phalarians are the people who")


def test_a_passage_naming_its_holder_is_asked_with_the_name_blanked(questions):
    # "The answer of the god was ..." (the god at Delphi), "the Council said ..." (the Council of Koressa)
    assert "\u201cThe answer of _____ was that the plain should belong" in questions["whose-view/oracle-answer"].prompt
    assert "\u201c_____ said among themselves" in questions["whose-view/council-doubt"].prompt
    speech = questions["whose-view/lysikles-speech"]
    assert "\u2018The city that holds the sea holds the land as well.\u2019" in speech.prompt  # a quote in a quote


def test_the_ancient_example_builds_and_imports_into_real_anki(tmp_path):
    deck = built_copy(EXAMPLE, tmp_path)
    assert deck.deck_id == DECK and deck.apkg.exists() and deck.notes > 0
    key = (tmp_path / "dist" / f"{DECK}-answer-key-A.html").read_text(encoding="utf-8")
    assert "In ships (aid from Athens)" in key and "In talents (aid from Athens)" in key
    with imported_into_anki(deck, tmp_path) as col:
        [note_id] = col.find_notes('"Question:*Whose view*Themistokles*"') or col.find_notes("Themistokles")[:1]
        card = col.get_card(col.get_note(note_id).card_ids()[0])
        assert "Themistokles" in html.unescape(card.question() + card.answer())
        assert "report" not in html.unescape(card.answer()).lower()  # nothing of the shipped document


def test_nothing_in_src_names_the_ancient_example(checked):
    """No title, person's name or quoted phrase of the chronicle is special-cased in the code."""
    code = src_code()
    assert named_in_src(checked.project, code) == []
    for name in ("Koressa", "Phalaros", "Lysikles", "Themistokles"):
        assert name not in code, name
