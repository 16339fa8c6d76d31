"""The fourth example project (examples/treaty-1815): an invented treaty of peace of 1815, the
genre no other project has: titled plenipotentiaries ("the Count of Rethel", "His Excellency
Prince Leopold Marescu"), an indemnity in francs and a compensation in florins paid in
instalments on dates written in words ("the first day of June 1815"), duties in per cent,
places to evacuate in order, ratification within forty days, separate declarations.

It must check clean under --strict, build (deck, worksheets, keys, practice page) and import
into a real Anki collection; nothing in ``src/`` may know it.
"""

from __future__ import annotations

from pathlib import Path


from example_checks import (built_copy, card_sides, imported_into_anki, named_in_src, printed_sheets, src_code,
                            strict_fixtures)

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "treaty-1815"
SOURCE = "treaty-of-castelbruck"
DECK = "treaty-of-castelbruck"


checked, questions = strict_fixtures(EXAMPLE, DECK)


def test_the_treaty_example_checks_clean_under_strict_and_says_it_is_invented(checked):
    assert (checked.problems, checked.warnings) == ([], [])
    link = EXAMPLE / "question_templates"
    assert link.is_symlink() and link.resolve() == (REPO / "question_templates").resolve()
    assert "INVENTED" in (EXAMPLE / "seeds" / SOURCE / "source.yaml").read_text(encoding="utf-8")
    source = checked.project.sources[SOURCE]
    assert source.called == "the treaty" and "invented" in source.title
    kinds = {fact.kind for fact in checked.project.facts.values()}
    assert kinds == {"event", "claim", "figure", "list", "person", "term"}
    assert 45 <= len(checked.project.facts) <= 60


def test_sums_in_millions_of_francs_and_florins_are_figures_of_their_own_currency(checked, questions):
    facts = checked.project.facts
    indemnity = facts["indemnity-total"].data  # the quote says "twelve millions of francs"
    assert (indemnity["unit"], indemnity["value"]) == ("francs", 12000000)
    choice = questions["choice-figure/indemnity-total"]
    assert choice.answer == "12,000,000 francs"
    assert all(option.endswith(" francs") for option in choice.options)  # never a sum in florins
    assert questions["figure-reverse/merchants-compensation"].prompt == (
        "In the treaty, what does the figure of 1,500,000 florins refer to?")


def test_titled_plenipotentiaries_are_options_for_each_other(questions):
    choice = questions["choice-answer/rethel-minister"]
    assert "The Count of Rethel" in choice.options and "The Marquess of Oriel" in choice.options
    assert "Prince Leopold Marescu" in questions["choice-answer/oriel-ambassador"].options


def test_the_evacuation_is_ordered_and_the_dates_of_the_instalments_are_not(questions):
    ordering = questions["ordering/evacuation-order"]
    assert ordering.prompt == ("Put the places the Varesian troops were to evacuate in the order the treaty "
                               "gives them.")
    assert ordering.order[-1] == "the fortress of Kesselburg"
    assert "ordering/instalment-dates" not in questions  # dates order themselves: skipped
    assert questions["when/merchants-first-instalment"].machine_answers()[:2] == ["1 July 1815", "July 1, 1815"]
    assert questions["recall/treaty-signed"].answer == "At Castelbrück, on 14 March 1815"


def test_duties_in_per_cent_are_typed_as_numbers(questions):
    typed = questions["figure-typed/general-duty"]
    assert typed.prompt == "What figure does the treaty give for the duty on the goods of the other State?"
    assert set(questions["choice-figure/general-duty"].options) == {"5 per cent", "10 per cent", "12 per cent"}


def test_the_treaty_example_builds_and_imports_into_real_anki(tmp_path):
    deck = built_copy(EXAMPLE, tmp_path)
    assert deck.deck_id == DECK and deck.apkg.exists() and deck.notes > 0
    assert all(sheet.exists() for sheet in printed_sheets(tmp_path / "dist", DECK))
    sheets = "".join((tmp_path / "dist" / f"{DECK}-{name}.html").read_text(encoding="utf-8")
                     for name in ("worksheet-A", "worksheet-B"))
    assert "12\u00a0per\u00a0cent" in sheets and "12 per cent" not in sheets  # never broken across lines
    with imported_into_anki(deck, tmp_path) as col:
        # The ordering of the places is a worksheet question only: its list card asks the same order.
        assert not col.find_notes('"Front:*Put the places the Varesian troops were to evacuate*"')
        front, back = card_sides(col, '"Front:*In what order were the Varesian troops to evacuate*"')
        assert "Kesselburg" not in front and "the fortress of Marienfels" in back


def test_nothing_in_src_names_the_treaty_example(checked):
    """No title, person's name or quoted phrase of the treaty is special-cased in the code."""
    code = src_code()
    assert named_in_src(checked.project, code) == []
    for name in ("Castelbrück", "Aldavia", "Varesia", "Lusenia", "Rethel", "Kesselburg"):
        assert name not in code, name
