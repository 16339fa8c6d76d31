"""The fifth example project (examples/trial-1786): an invented record of a theft trial of
January 1786, the genre no other project has: the clerk's short-hand record of counsel's
questions ("Q.") and the witnesses' answers ("A."), witnesses named with their trades and
parishes, goods valued in pounds and shillings ("value 3 l.", "value 15 s."), dates without
their year ("the 3d of December last"), times of day ("about four o'clock in the afternoon"),
a verdict that values the goods at 39 shillings and a sentence of transportation.

It must check clean under --strict, build (deck, worksheets, keys, practice page) and import
into a real Anki collection; nothing in ``src/`` may know it.
"""

from __future__ import annotations

from pathlib import Path

from studykit.export.common import numeric_answer

from example_checks import (built_copy, card_sides, imported_into_anki, named_in_src, printed_sheets, src_code,
                            strict_fixtures)

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "trial-1786"
SOURCE = DECK = "trial-1786"


checked, questions = strict_fixtures(EXAMPLE, DECK)


def test_the_trial_example_checks_clean_under_strict_and_says_it_is_invented(checked):
    assert (checked.problems, checked.warnings) == ([], [])
    link = EXAMPLE / "question_templates"
    assert link.is_symlink() and link.resolve() == (REPO / "question_templates").resolve()
    assert "INVENTED" in (EXAMPLE / "seeds" / SOURCE / "source.yaml").read_text(encoding="utf-8")
    assert "AN INVENTED RECORD" in (EXAMPLE / "seeds" / SOURCE / "source.txt").read_text(encoding="utf-8")
    source = checked.project.sources[SOURCE]
    assert source.called == "the record" and "invented" in source.title
    kinds = {fact.kind for fact in checked.project.facts.values()}
    assert kinds == {"event", "claim", "figure", "list", "person", "term"}
    assert 30 <= len(checked.project.facts) <= 45


def test_the_3d_of_december_last_is_december_1785(checked, questions):
    """The record is dated 11 January 1786; its quotes give the day and month only."""
    assert "the 3d of December last" in checked.project.facts["theft-date"].quotes[0]
    assert questions["recall/theft-date"].answer == "3 December 1785"
    assert "December 3, 1785" in questions["recall/theft-date"].accept


def test_sums_in_pounds_and_shillings(questions):
    assert set(questions["choice-figure/watch-value"].options) == {"£1", "£3", "£5", "£10"}
    shilling = questions["choice-figure/one-shilling"]
    assert shilling.answer == "1 shilling" and all(o.endswith(("shilling", "shillings")) for o in shilling.options)
    assert questions["figure-reverse/one-shilling"].prompt == "In the record, what does the figure of 1 shilling refer to?"
    for qid, value, unit in [("recall/watch-value", 3, "£"), ("recall/transported", 7, "years"),
                             ("recall/one-shilling", 1, "shillings")]:
        numeric = numeric_answer(questions[qid], 0)
        assert (numeric.value, numeric.unit) == (value, unit), qid
    assert "figure-typed/transported" not in questions  # 'Seven years' asks it already


def test_times_of_day_are_accepted_as_the_clock_writes_them(questions):
    when = questions["when/pryor-went-out"]
    assert when.answer == "about four o'clock in the afternoon"
    assert {"4 p.m.", "about 4 p.m."} <= set(when.accept)
    assert "between 7 and 8 p.m." in questions["recall/pledged"].accept
    assert "where/arrest" not in questions  # the recall card asks the place already


def test_the_witnesses_are_matched_with_their_trades_and_parishes(questions):
    [matching] = [q for q in questions.values() if q.template_id == "matching-people"]
    assert dict(matching.pairs)["a pawnbroker in Bridge-street, in the parish of St. Giles"] == "Joseph Linley"
    assert questions["choice-answer/transportation-term"].options.count("Transportation") == 1
    assert {"Death", "Whipping", "A fine"} <= set(questions["choice-answer/transportation-term"].options)


def test_the_trial_example_builds_and_imports_into_real_anki(tmp_path):
    deck = built_copy(EXAMPLE, tmp_path)
    assert deck.deck_id == DECK and deck.apkg.exists() and deck.notes > 0
    assert all(sheet.exists() for sheet in printed_sheets(tmp_path / "dist", DECK))
    key = (tmp_path / "dist" / f"{DECK}-answer-key-A.html").read_text(encoding="utf-8")
    assert "pious perjury" in key  # the essay's background, labelled as not from the source
    with imported_into_anki(deck, tmp_path) as col:
        front, back = card_sides(col, '"Front:*what does the figure of 1 shilling refer to*"')
        assert "1 shillings" not in front
        assert "what the prisoner said he kept for his trouble" in back


def test_nothing_in_src_names_the_trial_example(checked):
    """No title, person's name or quoted phrase of the record is special-cased in the code."""
    code = src_code()
    assert named_in_src(checked.project, code) == []
    for name in ("Hallowford", "Harker", "Pryor", "Linley", "Mary Wick", "Black Swan"):
        assert name not in code, name
