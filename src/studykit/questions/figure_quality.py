"""Warnings about figures, for any document: a hedge the source gives ("about 100", "not more
than $900") that the data or a card drops, and a figure whose one number stands for more (a
range, "8,000 to 9,000 men"; a sum in two units, "9 talents and 2,000 drachmas"), which every
figure card would cut short.  Part of :mod:`.quality`'s warnings."""

from __future__ import annotations

import re

from ..errors import Problem, warning
from ..model import Fact
from .. import quotes, regexcache
from .figure_text import figure as figure_text, hedge_words, side_hedge

HEDGES = ("about", "around", "approximately", "roughly", "some", "nearly", "almost", "c.", "circa",
          "over", "more than", "less than", "up to")


def hedged_numbers(fact: Fact) -> list[tuple[float, str]]:
    """Each hedged side's number with the words it is printed with ('about', or the data's own)."""
    if fact.kind != "figure":
        return []
    return [(fact.data[side], hedge_words(side_hedge(fact.data, side))) for side in ("value", "requested", "promised")
            if isinstance(fact.data.get(side), (int, float)) and side_hedge(fact.data, side)]


def unhedged(text: str, number: float, words: str = "") -> bool:
    """Whether ``number`` appears in ``text`` without a hedge word (or the data's own ``words``)
    just before it."""
    shown = re.escape(quotes.format_number(number))
    hedges = HEDGES + ((words.lower(),) if words else ())
    for match in re.finditer(rf"(?<![\d,.]){shown}(?![\d,])", text):
        before = text[max(0, match.start() - 24):match.start()].lower().rstrip().rstrip(_SIGNS).rstrip()
        if not any(before.endswith(h) for h in hedges):  # 'about 100', 'not more than $12,500'
            return True
    return False


def lost_hedge_in_fact(fact: Fact) -> list[Problem]:
    found = []
    for number, hedge in hedged_numbers(fact):
        for key in ("statement", "answer"):
            if unhedged(getattr(fact, key), number, hedge):
                found.append(warning(fact.path, fact.position(key), (
                    f"fact '{fact.id}': its {key} gives {quotes.format_number(number)} without "
                    f"the source's hedge (its data hedges it: '{hedge}'); write "
                    f"'{hedge} {quotes.format_number(number)}' as the source does")))
    return found


APPROXIMATING = ("about", "around", "approximately", "roughly", "some", "nearly", "almost", "c.", "circa")
_APPROXIMATED = regexcache.compile(r"\b(" + "|".join(re.escape(h) for h in APPROXIMATING) + r")\s+$", re.IGNORECASE)


def unflagged_hedge(fact: Fact) -> list[Problem]:
    """A figure the quote gives as "about 100" while its data says nothing: every template
    would print a plain 100 (bounds such as "over 100" are not about, so not asked for)."""
    if fact.kind != "figure":
        return []
    sides = [side for side in ("value", "requested", "promised")
             if isinstance(fact.data.get(side), (int, float)) and not isinstance(fact.data.get(side), bool)]
    hedged = {side: _hedge_before(fact.quotes, fact.data[side]) for side in sides
              if not side_hedge(fact.data, side)}
    hedged = {side: words for side, words in hedged.items() if words}
    every_side = len(hedged) == len(sides)  # then one 'approximate: true' says it
    found = []
    for side, words in hedged.items():
        number = fact.data[side]
        key = "approximate" if every_side else f"{side}_approximate"
        found.append(warning(fact.path, fact.position(f"data.{side}"), (
            f"fact '{fact.id}': its quote says '{words} {quotes.format_number(number)}', but its data "
            f"gives {side} {quotes.plain_number(number)} as exact; add '{key}: true' to its data "
            "so that every card, sheet and export prints 'about'")))
    return found


def _hedge_before(quoted: list[str], number: float) -> str:
    """The approximating word right before ``number`` in a quote ('about'), or ''."""
    written = {quotes.format_number(number), quotes.plain_number(number), str(int(number))
               if float(number).is_integer() else str(number)}
    for quote in quoted:
        for shown in written:
            start = quote.find(shown)
            while start >= 0:  # str.find, not a pattern per number: a course has thousands of figures
                end = start + len(shown)
                whole = ((start == 0 or quote[start - 1] not in _NUMBER_CHARS)
                         and (end == len(quote) or quote[end] not in "0123456789,"))
                hedge = _APPROXIMATED.search(quote[max(0, start - 24):start].rstrip(_SIGNS)) if whole else None
                if hedge:
                    return hedge.group(1)
                start = quote.find(shown, start + 1)
    return ""


_NUMBER_CHARS = "0123456789,."
_SIGNS = "$£€¥"  # a sign between a hedge and its number: 'about $800'

_NUM = r"\d[\d,]*(?:\.\d+)?"
# "between 40 and 50", "8,000 to 9,000", "300 or 400", "40-50" (a unit word may follow the first
# number); not "rose from 200 to 300", a change whose new figure is one number
_RANGE = regexcache.compile(rf"\bbetween\s+({_NUM})\s+(?:[A-Za-z]+\s+)?and\s+(?:about\s+)?({_NUM})"
                            rf"|(?<![\d,.])(?<!from )({_NUM})\s*(?:[A-Za-z]+\s+)?(?:to|or)\s+(?:about\s+)?({_NUM})"
                            rf"|(?<![\d,.])({_NUM})\s*[-\u2013\u2014]\s*({_NUM})", re.IGNORECASE)
# "9 talents and 2,000 drachmas", "44 degrees 10 minutes": a number, its unit word, and a number
# in another unit word
_TWO_UNITS = regexcache.compile(rf"(?<![\d,.])({_NUM})\s+([A-Za-z]+)\s+(?:and\s+)?({_NUM})\s+([A-Za-z]+)")


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _same_word(one: str, other: str) -> bool:
    """'talent' and 'talents' are one unit word."""
    return one.lower().rstrip("s") == other.lower().rstrip("s")


def partial_figure(fact: Fact) -> list[Problem]:
    """A figure whose data keeps one number of a range or of a sum in two units: every figure
    card, sheet and export would print '8,000 men' for "8,000 to 9,000 men", or '9 talents' for
    "9 talents and 2,000 drachmas", and the answer on the key would contradict its own quote."""
    if fact.kind != "figure":
        return []
    sides = {side: fact.data[side] for side in ("value", "requested", "promised")
             if isinstance(fact.data.get(side), (int, float)) and not isinstance(fact.data.get(side), bool)}
    known = {float(n) for n in sides.values()}
    found = []
    for side, number in sides.items():
        shown = _range_with(fact, float(number), known)
        why = (f"a range, '{shown}'", "ranges") if shown else None
        if not shown:
            shown = _two_units_with(fact, float(number), known)
            why = (f"a sum in two units, '{shown}'", "sums in two units") if shown else None
        if why:
            printed = figure_text(fact.data, side)
            found.append(warning(fact.path, fact.position(f"data.{side}"), (
                f"fact '{fact.id}': its data keeps {side} {quotes.plain_number(number)} of {why[0]}, so "
                f"every figure question (multiple choice, true/false, the table, the key's chart) would "
                f"print '{printed}' as the source's figure; a figure is one number (studykit prints no "
                f"{why[1]}): make the fact 'kind: event' (or 'kind: claim' with a holder), whose recall "
                f"and cloze cards keep '{shown}' whole")))
    return found


def _range_with(fact: Fact, number: float, known: set[float]) -> str:
    """The range in the fact's answer, statement or quotes that has ``number`` at one end and
    a number the data does not give at the other ('' when there is none)."""
    texts = (fact.answer, fact.statement, *fact.quotes)
    for text in texts:
        for match in _RANGE.finditer(text):
            ends = [g for g in match.groups() if g is not None]
            low, high = _number(ends[0]), _number(ends[1])
            if (number in (low, high) and not {low, high} <= known and _written_alike(*ends)
                    and not _a_tally(texts, match.group(0), low, high)):
                return match.group(0)
    return ""


_COUNTED_WORD = regexcache.compile(r"[\d,.]+\s+[A-Za-z]+\s+(?:to|or)\s")


def _a_tally(texts, shown: str, low: float, high: float) -> bool:
    """A vote or a score, not a range: 'carried by 212 to 167' (a range runs upward), 'lost by 3
    votes to 20' (a counted word after the first number only, and 'by' before it in one of the
    fact's texts); 'reinforced by 8,000 to 9,000 men' stays a range."""
    if low > high:
        return True
    after_by = re.compile(r"\bby\s+" + re.escape(shown), re.IGNORECASE)
    return bool(_COUNTED_WORD.match(shown)) and any(after_by.search(text) for text in texts)


_YEAR_LIKE = regexcache.compile(r"1\d{3}|2[01]\d{2}")


def _written_alike(one: str, other: str) -> bool:
    """Whether two numbers can be the ends of one range: not a year beside a count written with
    thousands commas ('grown from 18,204 persons in 1841 to 31,870 in 1851' is a change)."""
    years = [bool(_YEAR_LIKE.fullmatch(end)) for end in (one, other)]
    commas = ["," in end for end in (one, other)]
    return not ((years[0] and commas[1]) or (years[1] and commas[0]))


def _two_units_with(fact: Fact, number: float, known: set[float]) -> str:
    """'9 talents and 2,000 drachmas' in the fact's answer or key terms, for the figure's
    number in its own unit, when the data does not give the second number.  Two counts of
    two kinds ('4,870 women and 2,955 children') are no sum: an item that names its unit
    ('women in the mills') counts those alone."""
    unit = (str(fact.data.get("unit") or "").split() or [""])[0]  # 'degrees' of 'degrees North'
    item_words = str(fact.data.get("item") or "").split()
    for text in (fact.answer, *fact.key_terms):
        for match in _TWO_UNITS.finditer(text):
            first, first_unit, second, second_unit = match.groups()
            if (_number(first) == number and unit and _same_word(first_unit, unit)
                    and not _same_word(second_unit, unit) and _number(second) not in known
                    and not any(_same_word(word, first_unit) for word in item_words)):
                return match.group(0)
    return ""
