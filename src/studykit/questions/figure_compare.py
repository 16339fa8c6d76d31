"""Whether two figures can stand side by side: a wrong option or false version near enough the
answer not to give itself away, yet far enough from a hedged figure to be decided; and whether
a figure's first side names what was wanted, so the share of it reached means something."""

from __future__ import annotations

import re

# Words for what was wanted or expected, as a figure's first side may be called ('planned' then
# 'delivered'): the second side answers it, so its share of the first means something.  'sent'
# then 'promised', or 'saved' beside 'presumed drowned', are two parts, and share nothing.
_WANTED = frozenset({
    "requested", "asked", "asked for", "demanded", "sought", "claimed", "called for", "wanted", "needed",
    "required", "planned", "proposed", "intended", "estimated", "expected", "forecast", "projected",
    "budgeted", "targeted", "aimed at", "hoped for", "ordered", "offered", "bid", "tendered", "quoted",
    "voted", "granted", "authorised", "authorized", "allotted", "allocated", "assessed", "levied",
    "pledged", "promised", "subscribed", "contracted", "agreed", "fixed", "set", "due", "owed",
    "recommended", "announced",
})


def wanted(word) -> bool:
    """Whether ``word``, the name of a figure's first side, says what was wanted or expected
    ('planned', 'estimated'), so the share of it the second side reached is worth asking."""
    return " ".join(str(word).lower().split()) in _WANTED


def near(one, other, factor: float = 50) -> bool:
    """Whether two figures are within ``factor`` times each other: a wrong option a hundred
    times the answer (212 spoiled ballots offered as the 48,312 counted) gives itself away;
    fifty leaves a refinery of 2,000,000 tons and a plant of 50,000 tons comparable."""
    if not _both_numbers(one, other):
        return False
    if one <= 0 or other <= 0:
        return one == other
    return max(one, other) <= factor * min(one, other)


def summed_with(number, figure_elsewhere) -> bool:
    """Whether ``number`` is the total a figure is given as a part of, or one of the parts it is
    the total of (``figure_elsewhere['sum']``, from figure_sums): "214,360 tons" offered for the
    coal carried is no part of it, and the parts offered for the whole make it the largest."""
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        return False
    sums = (figure_elsewhere or {}).get("sum", ())
    return bool(sums) and any(float(other) == float(number) for other in sums)


def _both_numbers(one, other) -> bool:
    """Whether both are numbers (a truth value is none): asked of every pair of figures a walk compares."""
    return (isinstance(one, (int, float)) and not isinstance(one, bool)
            and isinstance(other, (int, float)) and not isinstance(other, bool))


HEDGED_APART = 1.25  # "about 300" and "about 250" can be told apart; "about 290" cannot


def apart(one, other, hedge=False) -> bool:
    """Whether a wrong figure ``one`` can be told from the right one ``other``: any difference
    for an exact figure; a quarter or more for one the source hedges (a false "about 290 ships"
    beside the source's "about 300 ships" is about right, and no student could decide it)."""
    if not _both_numbers(one, other):
        return one != other
    if not hedge:
        return one != other
    if one <= 0 or other <= 0:
        return one != other
    return max(one, other) >= HEDGED_APART * min(one, other)


# Count nouns that say nothing of what was counted: "5 persons" leaves "killed in the collision"
# to be recalled.  English usage, like the rest of the template vocabulary.
_GENERIC_UNITS = frozenset({"person", "persons", "people", "man", "men", "woman", "women", "soul", "souls",
                            "individual", "individuals", "head", "heads", "hand", "hands", "number", "numbers"})
_ITEM_WORDS = re.compile(r"[A-Za-z]+|\d")
_SMALL = frozenset({"the", "a", "an", "of", "on", "in", "at", "to", "from", "for", "by", "with", "among",
                    "during", "upon", "besides", "and", "or", "who", "which", "that", "were", "was", "its",
                    "their", "his", "her"})
_COUNTS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                     "twelve", "first", "second", "third", "each", "every", "per", "half"})


def told_by_unit(item, unit) -> bool:
    """Whether a figure's ``item`` is named by its ``unit`` and adds nothing a student must recall:
    "deaths on the voyage" for "6 deaths", "the members of the jury" for "14 jurors", "the injured
    besides the killed" for "23 injured".  An item that adds a name, a place, a date or a count
    ("the archers from Crete", "the rowers of one ship", "deaths from fever in the week to 30 May")
    teaches something, and a unit that names no thing ("5 persons") leaves the item to be recalled."""
    unit_words = [w.lower() for w in _ITEM_WORDS.findall(str(unit or ""))]
    if not unit_words or unit_words[-1] in _GENERIC_UNITS:
        return False
    words = _ITEM_WORDS.findall(str(item or ""))
    named = [w for w in words if _same_stem(w.lower(), unit_words[-1])]
    if not named:
        return False
    rest = [w for w in words if w not in named and w.lower() not in _SMALL and w.lower() not in unit_words]
    return not any(w[:1].isupper() or w.isdigit() or w.lower() in _COUNTS for w in rest)


def _same_stem(word: str, other: str) -> bool:
    """'deaths' and 'death', 'jurors' and 'jury', 'children' and 'child': a common beginning of at
    least three letters and three quarters of the shorter word."""
    common = 0
    for a, b in zip(word, other):
        if a != b:
            break
        common += 1
    return common >= 3 and common >= 0.75 * min(len(word), len(other))
