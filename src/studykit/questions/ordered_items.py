"""Whether an ordering question answers itself: an ordered list whose every item carries a
date, a number, an ordinal or a numbered article in the order asked ("(438 BC)" ... "(421 BC)",
"1 June 1815" ... "1 September 1816", "the first instalment" ..., "Article IV" ...).  A check
warning (:mod:`.quality`), at the list's items, with the fix.
"""

from __future__ import annotations

import re

from .. import quotes, regexcache
from ..errors import Problem, warning
from ..model import Fact
from ..schema import MONTHS
from .option_keys import option_key


_FIRST_NUMBER = regexcache.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)")
_MONTH_WORD = r"(?P<month>" + "|".join(f"{m[:3]}(?:{m[3:]})?" for m in MONTHS) + r")\.?"
# A date in an item, read as a point in time: '1 June 1815', 'June 1, 1815', 'March 1816', '433 BC'.
_DATES = (regexcache.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD}\s+(?P<year>\d{{1,4}})\b", re.I),
          regexcache.compile(rf"\b{_MONTH_WORD}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{1,4}})\b", re.I),
          regexcache.compile(rf"\b{_MONTH_WORD}\s+(?P<year>\d{{3,4}})\b", re.I))
_ERA_BC = regexcache.compile(r"^\s*(?:BC|BCE|B\.C\.)", re.I)


def _when_in(item: str) -> "tuple[str, float] | None":
    """The date or first number an item carries, as (how it is written, a value in time order)."""
    for pattern in _DATES:
        match = pattern.search(item)
        if match:
            year = int(match["year"]) * (-1 if _ERA_BC.match(item[match.end():]) else 1)
            month = 1 + next(i for i, m in enumerate(MONTHS) if m.startswith(match["month"].lower()[:3]))
            day = int(match.groupdict().get("day") or 0)
            return match.group(0), year * 10000 + month * 100 + day
    match = _FIRST_NUMBER.search(item)
    if match:
        return match.group(1), float(match.group(1).replace(",", ""))
    roman = _NUMBERED.search(item)
    if roman and _roman_value(roman["numeral"]):
        return roman.group(0), float(_roman_value(roman["numeral"]))
    words = quotes.number_words(item)  # "the first instalment", "the second instalment"
    return (words[0][0], words[0][1]) if words else None


# "Article IV", "Chapter XII": a Roman numeral numbers what the word before it names.
_NUMBERED = regexcache.compile(r"\b(?:article|art\.|section|chapter|part|book|clause|title|canto|act|no\.)\s+"
                               r"(?P<numeral>[IVXLC]+)\b", re.IGNORECASE)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_value(numeral: str) -> int:
    """'XIV' -> 14; 0 for what is no Roman numeral written the usual way."""
    numeral = numeral.upper()
    total = 0
    for digit, after in zip(numeral, numeral[1:] + " "):
        value = _ROMAN[digit]
        total += -value if after != " " and _ROMAN[after] > value else value
    return total if _to_roman(total) == numeral else 0


def _to_roman(value: int) -> str:
    out = ""
    for size, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                          (4, "IV"), (1, "I")):
        count, value = divmod(value, size)
        out += letters * count
    return out


def order_given_by_numbers(fact: Fact) -> list[Problem]:
    """An ordered list whose every item carries a number, a date, an ordinal or a numbered
    article that runs in the order asked: the ordering question answers itself ('(438 BC)' ...
    '(421 BC)', '1 June 1815' ... '1 September 1816', 'the first instalment' ..., 'Article IV' ...)."""
    if fact.kind != "list" or not fact.data.get("ordered"):
        return []
    items = [str(item) for item in fact.data.get("items") or []]
    found = [_when_in(item) for item in items]
    if len(items) < 3 or not all(found):
        return []
    values = [value for _, value in found]
    pairs = list(zip(values, values[1:]))
    if not (all(a < b for a, b in pairs) or all(a > b for a, b in pairs)):
        return []
    shown = ", ".join(f"'{written}'" for written, _ in found[:3]) + (" ..." if len(items) > 3 else "")
    whole = all(option_key(written) == option_key(item) for (written, _), item in zip(found, items))
    fix = ("the items are nothing but their dates or numbers: add 'skip: [ordering]' to the fact (the list card still "
           "asks them)" if whole else
           "take the numbers out of the items (ask for the dates with 'when' cards of the events, or in "
           "the fact's question)")
    return [warning(fact.path, fact.position("data.items"), (
        f"fact '{fact.id}': every item carries a date or number in the order asked ({shown}), so the ordering "
        f"question answers itself; {fix}"))]
