"""Whether two figures can stand side by side: a wrong option or false version near enough the
answer not to give itself away, yet far enough from a hedged figure to be decided; and whether
a figure's first side names what was wanted, so the share of it reached means something."""

from __future__ import annotations

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
    if not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in (one, other)):
        return False
    if one <= 0 or other <= 0:
        return one == other
    return max(one, other) <= factor * min(one, other)


HEDGED_APART = 1.25  # "about 300" and "about 250" can be told apart; "about 290" cannot


def apart(one, other, hedge=False) -> bool:
    """Whether a wrong figure ``one`` can be told from the right one ``other``: any difference
    for an exact figure; a quarter or more for one the source hedges (a false "about 290 ships"
    beside the source's "about 300 ships" is about right, and no student could decide it)."""
    if not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in (one, other)):
        return one != other
    if not hedge:
        return one != other
    if one <= 0 or other <= 0:
        return one != other
    return max(one, other) >= HEDGED_APART * min(one, other)
