"""Figures as cards print them: thousands separators, years, units and signs, the source's
hedge ("about 100", "not more than 900 acres") and a computed share, so no template types a
number by hand and none loses the source's "about"."""

from __future__ import annotations

from .. import quotes
from . import inflected
from .noun_phrases import ends_like_plural

HEDGE = "about"


def number(value) -> str:
    """200000 -> '200,000' (years: use ``year``)."""
    return quotes.format_number(value)


def year(value) -> str:
    """1967 -> '1967': a year never takes a thousands separator."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


# Units written as a sign: a currency sign goes before the number ('£450,000'), a percent or
# degree sign right after it ('60%'), as the documents themselves print them.
SIGNS_BEFORE = frozenset({"£", "$", "€", "¥", "₹", "₽", "₩", "US$", "A$", "C$"})
SIGNS_AFTER = frozenset({"%", "‰", "°"})


def with_unit(number_text: str, unit=None) -> str:
    """'450,000' with 'pounds' -> '450,000 pounds'; with '£' -> '£450,000'; with '%' -> '60%'."""
    if not unit:
        return number_text
    unit = str(unit)
    if unit in SIGNS_BEFORE:
        return unit + number_text
    if unit in SIGNS_AFTER:
        return number_text + unit
    if number_text == "1":
        unit = _one_of(unit)
    return f"{number_text} {unit}"


def _one_of(unit: str) -> str:
    """The unit after the number 1: its first word in the singular ('1 shilling', '1 death per
    10,000 houses'); a unit that is no plural stays ('1 million tons', '1 head of cattle')."""
    first, space, rest = unit.partition(" ")
    if first.lower() in ("men", "women", "children", "people") or ends_like_plural(first):
        one = inflected.ask("singular_noun", first)
        if one:
            return one + space + rest
    return unit


# A sign written out in words: a share, not a unit one can "type it in" ("Type it in per cent").
SIGN_WORDS = frozenset({"per cent", "percent", "per centum", "per mille", "per mil"})


def unit_sign(unit) -> bool:
    """Whether a unit is a sign ('£', '%') or a sign in words ('per cent'), not a word one can
    'type it in'."""
    text = str(unit)
    return text in SIGNS_BEFORE or text in SIGNS_AFTER or " ".join(text.lower().split()) in SIGN_WORDS


def share_unit(unit) -> bool:
    """Whether ``unit`` is itself a share ('%', 'per cent', '‰'): a figure in it is a rate, and
    "4 per cent (80% of the figure asked)" asks a share of a share."""
    text = " ".join(str(unit or "").lower().split())
    return text in ("%", "‰") or text in SIGN_WORDS


def participle(approximate) -> bool:
    """Whether a bound's words end in a participle ("not exceeding"): read after "the figure of"
    they make no sentence ("the figure of not exceeding 2 shillings"); "not more than" does."""
    return isinstance(approximate, str) and approximate.rstrip().lower().endswith("ing")


def qty(value, unit=None, approximate: "bool | str" = False) -> str:
    """A number with its unit, hedged as the source hedges it: 'about 100 pieces', or with the
    source's own words for a bound ('not more than 900 acres') when ``approximate`` is text."""
    text = with_unit(number(value), unit)
    hedge = hedge_words(approximate)
    return f"{hedge} {text}" if hedge else text


def hedge_words(approximate: "bool | str", about: str = HEDGE) -> str:
    """What goes before a hedged number: the data's own words, 'about' for true, '' for false."""
    if isinstance(approximate, str):
        return approximate.strip()
    return about if approximate else ""


def figure(data: dict, side: str = "value", unit_of: str | None = None) -> str:
    """One side of a figure's data ('value', 'requested', 'promised') as printed text.

    The unit is the side's own unit (``requested_unit``...) unless ``unit_of`` names
    another side; the side's hedge (``approximate: true``, or ``promised_approximate``
    for the promised side alone) adds "about".
    """
    unit_side = unit_of or side
    unit = data.get("unit") if unit_side == "value" else data.get(f"{unit_side}_unit", data.get("unit"))
    return qty(data[side], unit, side_hedge(data, side))


def side_hedge(data: dict, side: str) -> "bool | str":
    """The hedge of one side of a figure: its own (``requested_approximate``), else the figure's."""
    both = data.get("approximate") or False
    return both if side == "value" else (data.get(f"{side}_approximate", both) or False)


def share(part, whole, approximate: "bool | str" = False) -> str:
    """``75000 | share(200000)`` -> '37.5%': computed, never typed by hand; hedged as
    ``qty`` hedges ('about 37.5%', 'not more than 69.4%')."""
    if not whole:
        raise ValueError("share of a zero total")
    value = round(100 * part / whole, 1)
    hedge = hedge_words(approximate)
    return f"{hedge} {quotes.format_number(value)}%" if hedge else f"{quotes.format_number(value)}%"


def share_hedge(data: dict) -> "bool | str":
    """How the promised side's share of the request is hedged: 'about' when either side is
    about, the promised side's own bound when only it is bounded ('not more than 69.4%').
    A bounded request ('over 600') bounds the share the other way: no single word says it."""
    requested, promised = side_hedge(data, "requested"), side_hedge(data, "promised")
    if isinstance(requested, str):
        raise ValueError("the share of a bounded request has no hedge of its own")
    return promised if isinstance(promised, str) else bool(requested or promised)


def words(value) -> str:
    """4 -> 'four' (numbers up to ten read better as words in a sentence)."""
    value = int(value)
    return inflected.ask("number_to_words", value) if 0 <= value <= 10 else number(value)
