"""Whether a cloze blank's number can be worked out from the numbers the sentence shows around it:
"The House divided, 187 Ayes to 163 Noes, [a majority of 24]" gives the blank away to anyone who
subtracts, and "[214,360 tons], of which 131,205 tons coal and 83,155 tons other goods" to anyone
who adds.  The warning names the sum, so the teacher sees it and blanks another term.
"""

from __future__ import annotations

from itertools import combinations

from .. import quotes
from ..errors import Problem, warning
from ..model import Fact

MOST = 8  # numbers of a statement tried in sums: a longer run of figures is a table, not a sentence


def worked_out_blanks(fact: Fact) -> list[Problem]:
    """A warning for each key term whose one number the statement's other numbers add up to, or
    two of them differ by."""
    found = []
    statement = fact.statement or ""
    for i, term in enumerate(fact.key_terms):
        where = statement.lower().find(str(term).lower())
        numbers = quotes.numbers_at(str(term))
        if where < 0 or len({value for _, _, value in numbers}) != 1:
            continue
        blank = numbers[0][2]
        shown = [value for start, end, value in quotes.numbers_at(statement)
                 if (end <= where or start >= where + len(term)) and value > 0][:MOST]
        sum_shown = _worked_out(blank, shown)
        if sum_shown:
            found.append(warning(fact.path, fact.position(f"key_terms.{i}"), (
                f"fact '{fact.id}': the cloze blank '{term}' can be worked out from the numbers the "
                f"statement shows ({sum_shown}); leave out of the statement what gives it away, or blank a name, "
                "date or term instead")))
    return found


def _worked_out(blank: float, shown: list[float]) -> str:
    """How ``blank`` follows from ``shown`` ('187 - 163 = 24', '131,205 + 83,155 = 214,360'), or ''."""
    for one, other in combinations(shown, 2):
        big, small = max(one, other), min(one, other)
        if big != small and _same(big - small, blank):
            return f"{_n(big)} - {_n(small)} = {_n(blank)}"
    for size in range(2, len(shown) + 1):
        for group in combinations(shown, size):
            if _same(sum(group), blank):
                return " + ".join(map(_n, group)) + f" = {_n(blank)}"
    return ""


def _same(one: float, other: float) -> bool:
    return abs(one - other) <= 1e-9 * max(abs(one), abs(other), 1.0)


def _n(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"
