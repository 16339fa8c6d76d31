"""Where a document gives a figure, so a card asking "what does the figure of ten days refer to?"
is made only where the document gives ten days for one thing: a dispatch whose boats arrive
"every ten days" and whose sentries are relieved "every ten days" has two right answers to it.

A place is the figure's number (in figures or words, no ordinal: "the tenth month" is no
figure of ten months) followed by its unit's first word, the plural or singular alike, or
right after one word more ("ten long days"); a sign stands before ('£310') or after ('60%').  A
figure without a unit has no places: a bare "2" stands in every date.  A number with "the"
before it ("besides the 40 barrels sent in May") names a figure given already.  The places
inside the fact's own quote are its own; any other is elsewhere.  A one-number figure also learns
whether the document gives another number in its unit anywhere else (``'unit'``): where it does
not, the unit alone ("6 deaths") may tell what the figure counts.

The text is read once per unit, at the unit's words alone (a course of 10,000 figures in a few
units reads a few thousand short windows, not its whole text for numbers).
"""

from __future__ import annotations

import re

from . import figure_sums, quotes, regexcache

SIGNS_BEFORE = ("£", "$", "€", "¥", "₹", "₽", "₩")
SIGNS_AFTER = ("%", "‰", "°", "per cent", "percent")
_IRREGULAR = {"man": "men", "woman": "women", "child": "children", "foot": "feet", "person": "people",
              "tooth": "teeth", "ox": "oxen", "goose": "geese", "mouse": "mice"}
_WORD = regexcache.compile(r"[a-z]+")
_WINDOW = 60  # characters before a unit's word read for its number
# A number's last character, then at most one word, then the unit's word: "ten long days".
_BEFORE_UNIT = regexcache.compile(r"\s+(?:[A-Za-z]+\s+)?$")
# "besides the 40 barrels sent in May": a figure with "the" before it names one given already.
_BACK_REFERENCE = regexcache.compile(r"\bthe\s+$", re.IGNORECASE)


def elsewhere(index: quotes.QuoteIndex, fact) -> dict[str, list[str]]:
    """For each side of a figure fact ('value', 'requested', 'promised') that the document also
    gives outside the fact's quotes, the words around the first few such places."""
    data, text = fact.data, index.text
    passages = [quotes.normalize(quote) for quote in fact.quotes]
    found: dict[str, list[str]] = {}
    for side in ("value", "requested", "promised"):
        value = data.get(side)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        unit = data.get("unit") if side == "value" else data.get(f"{side}_unit", data.get("unit"))
        others = []
        for span in places(index, value, unit):
            if not _within(text, span, passages):
                others.append(_around(text, span))
                if len(others) == SHOWN:  # enough to say so: a long text may give a figure hundreds of times
                    break
        if others:
            found[side] = others
    other_value = _other_value_elsewhere(index, data, passages)
    if other_value:
        found["unit"] = [other_value]
    summed = figure_sums.summed_with(index, fact, passages)
    if summed:  # the total or the parts it is given beside (figure_sums): no option for it
        found["sum"] = summed
    return found


def _other_value_elsewhere(index: quotes.QuoteIndex, data: dict, passages: list[str]) -> str:
    """The words around a place where the document gives another number in a one-number figure's
    unit, outside the fact's quotes ('' when none): without one, "what does the figure of 6 deaths
    refer to?" is answered by "deaths" alone."""
    value = data.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not data.get("unit"):
        return ""
    unit = " ".join(str(data["unit"]).split())
    places(index, value, unit)  # reads the unit's table once
    for other, spans in index.derived[("figure places", unit.lower())].items():
        if other != float(value):
            for span in spans:
                if not _within(index.text, span, passages):
                    return _around(index.text, span)
    return ""


SHOWN = 3  # places elsewhere kept per side


def _within(text: str, span: tuple[int, int], passages: list[str]) -> bool:
    """Whether one of the passages covers ``span`` (each looked for only where it could)."""
    return any(passage and text.find(passage, max(0, span[1] - len(passage)), span[0] + len(passage)) >= 0
               for passage in passages)


def places(index: quotes.QuoteIndex, value, unit) -> list[tuple[int, int]]:
    """The (start, end) spans where the text gives ``value`` in ``unit``."""
    if not unit:
        return []
    unit = " ".join(str(unit).split())
    key = ("figure places", unit.lower())
    table = index.derived.get(key)
    if table is None:
        table = index.derived[key] = _read_places(index.text, unit)
    return table.get(float(value), [])


def _read_places(text: str, unit: str) -> dict[float, list[tuple[int, int]]]:
    """value -> spans, for every number the text gives in ``unit``."""
    table: dict[float, list[tuple[int, int]]] = {}

    def add(start: int, end: int, value: float) -> None:
        if not _BACK_REFERENCE.search(text, max(0, start - 5), start):
            table.setdefault(value, []).append((start, end))

    if unit in SIGNS_BEFORE or unit.endswith(SIGNS_BEFORE):
        for sign in re.finditer(re.escape(unit), text):
            window = text[sign.end():sign.end() + _WINDOW]
            for start, end, value in quotes.numbers_at(window):
                if not window[:start].strip():
                    add(sign.end() + start, sign.end() + end, value)
        return table
    a_word = unit.lower() not in SIGNS_AFTER
    if not a_word:
        pattern = re.compile(r"\s*" + re.escape(unit), re.IGNORECASE)
    else:
        head = _WORD.findall(unit.lower())
        if not head:
            return table
        # The word's forms, then a word's end (a form inside a longer word is skipped below, see
        # quotes.starts_word: a pattern opening with '\b' is tried at every character).
        pattern = re.compile("(?:" + "|".join(map(re.escape, _forms(head[0]))) + r")\b", re.IGNORECASE)
    for word in pattern.finditer(text):
        if a_word and not quotes.starts_word(text, word.start()):
            continue
        begin = max(0, word.start() - _WINDOW)
        window = text[begin:word.start()]
        for start, end, value in quotes.numbers_at(window):
            between = window[end:]
            if (unit.lower() in SIGNS_AFTER and not between.strip()) or _BEFORE_UNIT.fullmatch(between):
                add(begin + start, begin + end, value)
    return table


def _forms(head: str) -> list[str]:
    """The singular and plural of a unit's first word ('days' -> 'day', 'days'; 'men' -> 'man')."""
    forms = {head, head.rstrip("s"), head.rstrip("s") + "s"}
    for one, many in _IRREGULAR.items():
        if head in (one, many):
            forms |= {one, many}
    return sorted(f for f in forms if f)


def _around(text: str, span: tuple[int, int], width: int = 40) -> str:
    start, end = max(0, span[0] - width), min(len(text), span[1] + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
