"""Which questions must not share a sheet: one would give away another's answer.

A question *shows* text (its stem, options, table cells, matching columns) and
*asks* for text (its answer and accepted forms, the blanked terms, the key
terms of its facts that it does not show).  Two questions clash when one shows
what the other asks, when one is an exhibit (a table, chart or matching
grid) of a fact the other also asks about, or when a true/false statement is about a fact
another question asks about too (a false one borrows another fact's name: "X is the medical
officer" beside "X is Sister" tells that one of them is false; "the money he meant to send
home was 90 dollars" strikes that option from the multiple choice on the same money).  A name that a multiple-choice question
offers among its own options gives nothing away by standing among another multiple
choice's options too (two whose-view questions both offer "the mayor"); in the other's
stem it still does.  Nothing here knows any document: it compares the rendered text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import chart as charts
from ..quotes import format_number, normalize
from .items import Item
from .spec import EXHIBITS

VERDICTS = {"true", "false"}


def fold(text: str) -> str:
    """Text as the comparisons see it: normalised quotes and dashes, lower case."""
    return normalize(str(text)).lower()


def worth_checking(term: str) -> bool:
    """A term long enough to be a real giveaway: a figure, or a word of 4+ letters."""
    if term in VERDICTS:
        return False
    return (any(c.isdigit() for c in term) and len(term) >= 2) or len(term) >= 4


@lru_cache(maxsize=65536)
def _pattern(term: str) -> re.Pattern:
    return re.compile(r"(?<![\w])" + re.escape(term) + r"(?![\w])")


def shows(text: str, term: str) -> bool:
    """``term`` appears in ``text`` as whole words (both already folded)."""
    return term in text and _pattern(term).search(text) is not None


@dataclass
class Profile:
    """What one candidate shows and asks, folded for comparison."""

    shown: str
    asked: frozenset[str]
    facts: frozenset[str]
    exhibit: bool
    # true/false: the facts its statement is about, with the one a false version borrows from
    # ("Whitcombe is the medical officer" is about Whitcombe too)
    states: frozenset[str] = frozenset()
    # multiple choice: its options, and what it shows besides its wrong options (None: all it shows)
    offers: frozenset[str] = frozenset()
    stem: str | None = None
    essay: bool = False  # asks for an argument about its facts
    prints_all: bool = False  # prints every part of its facts: an ordering, all the list's items


def profile(item: Item) -> Profile:
    q = item.question
    if q is None:  # the draw-the-bars chart: shows item names, asks for the figures
        shown = " \n ".join(str(f.data.get("item", "")) for f in item.facts)
        asked = set()
        for fact in item.facts:
            for side in charts.SIDES:
                if side in fact.data:
                    asked.add(format_number(fact.data[side]))
        return Profile(fold(shown), frozenset(a for a in map(fold, asked) if worth_checking(a)),
                       frozenset(f.id for f in item.facts), True)
    blanks = [text for text, n in q.cloze if n]
    table_answers = [row[i] for row in q.rows for i, c in enumerate(q.columns) if c.get("blank")]
    table_shown = [row[i] for row in q.rows for i, c in enumerate(q.columns) if not c.get("blank")]
    shown_parts = [q.prompt, *(t for t, n in q.cloze if not n), *table_shown, *q.options,
                   *(p for pair in q.pairs for p in pair), *q.order]
    offers, stem = frozenset(), None
    if q.style in ("multiple_choice",):
        shown_parts = [p for p in shown_parts if p != q.answer] + [o for o in q.options if o != q.answer]
        offers = frozenset(fold(o) for o in q.options)
        stem = fold(" \n ".join(p for p in shown_parts if p not in q.options))
    shown = fold(" \n ".join(shown_parts))
    asked_parts = [*blanks, *table_answers]
    if q.style not in ("matching", "ordering", "true_false"):
        forms = [q.answer, *(getattr(q, "accept", None) or [])]
        parts = [part for form in forms for part in re.split(r";|\n", form or "")]
        asked_parts += parts + [core for core in map(_before_qualifier, parts) if core]
    if q.style != "essay":  # an essay asks for an argument, not for its fact's key terms
        asked_parts += [term for f in q.facts for term in f.key_terms]
    asked = {fold(a) for a in asked_parts if a and a.strip()}
    asked = frozenset(a for a in asked if worth_checking(a) and not shows(shown, a))
    facts = frozenset(f.id for f in q.facts)
    states = (facts | {q.false_from}) - {""} if q.style == "true_false" else frozenset()
    return Profile(shown, asked, facts, q.style in EXHIBITS, states, offers, stem, q.style == "essay",
                   q.style == "ordering")


_QUALIFIERS = {"in", "of", "for", "at", "on", "from", "by", "with", "to", "during", "under"}


def _before_qualifier(answer: str) -> str:
    """An answer's words before the phrase that qualifies them, when two or more: "the two linen
    shirts in the indictment" asks "two linen shirts" too, which a sheet listing the goods shows."""
    words = answer.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    for i, word in enumerate(words):
        if word.lower() in _QUALIFIERS:
            return " ".join(words[:i]) if i >= 2 else ""
    return ""


def clash(a: Profile, b: Profile) -> str | None:
    """Why ``a`` and ``b`` cannot share a sheet, or None."""
    if (a.exhibit or b.exhibit) and a.facts & b.facts:
        return "shows a fact the other asks about"
    if (a.offers or b.offers) and a.facts & b.facts:  # the multiple choice prints the other's answer
        return "offers among its options the answer to the other, on the same fact"
    if (a.essay and b.prints_all or b.essay and a.prints_all) and a.facts & b.facts:
        return "prints every part of the fact an essay asks about"  # the rider to order, then "whom did it blame?"
    if a.states & b.states:  # "X is Sister" beside the false "X is the medical officer"
        return "states something about the same fact as the other"
    if a.states & b.facts or b.states & a.facts:  # the false "... was 90 dollars" strikes an option
        return "states something about a fact the other asks about"
    for x, y in ((a, b), (b, a)):
        for term in x.asked:
            if shows(y.shown, term) and not _offered_by_both(term, x, y):
                return f"shows '{term}', the answer to the other"
    return None


def _offered_by_both(term: str, x: Profile, y: Profile) -> bool:
    """``x`` offers ``term`` among its own options and ``y`` shows it only among its options."""
    return term in x.offers and y.stem is not None and not shows(y.stem, term)
