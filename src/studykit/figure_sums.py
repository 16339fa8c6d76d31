"""Where a document gives a figure as the sum of others near it, or as one of the parts of such a
sum: "214,360 tons ... Of this quantity, coal formed 131,205 tons; corn and flour, 28,410 tons;
..." makes 214,360 the total of the four.  A multiple choice on a part that offers its total
("coal carried: 28,410 | 131,205 | 214,360 tons") offers what the student can see is not a part;
one on the total whose other options are its parts has its answer as the largest, every time.

Only numbers in the figure's unit count (``figure_places`` reads where the document gives them),
only within a short stretch either side of the figure's own place, and only where the words
between them, or just before them, say a whole is made of parts ("of which", "of this quantity",
"in all", "the total cost of"): a document's parts stand with their total and say so, while an
inventory's "21 pounds ... 12 pounds ... 9 pounds", or the days of a timetable, add up by chance.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from . import quotes, regexcache

REACH = 400  # characters either side of the figure read for its total or its parts
LEAD = 30  # characters before the first number read for the words that say so
MOST = 10  # numbers near a figure tried in sums (2**10 sums): more is a table, not a breakdown


def summed_with(index: quotes.QuoteIndex, fact, passages: list[str]) -> list[str]:
    """The numbers (as ``str(float)``) that make the fact's answered figure a part of a total
    near it (the totals) or a total of parts near it (the parts); [] when none."""
    data = fact.data
    side = "promised" if "promised" in data else "value"
    value, unit = data.get(side), data.get(f"{side}_unit", data.get("unit"))
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0 or not unit:
        return []
    from .figure_places import places  # figure_places asks this module: imported when first needed

    spans = places(index, value, unit)
    if not spans:
        return []
    own = spans[0] if len(spans) == 1 else next((s for s in spans if _inside(index.text, s, passages)), spans[0])
    near = [(span, number) for span, number in _near(index, unit, own) if number > 0][:MOST]
    return [str(number) for number in sorted(_sums(index.text, (own, float(value)), near))]


def _inside(text: str, span: tuple[int, int], passages: list[str]) -> bool:
    """Whether one of the fact's passages covers ``span``: its own place, not an echo elsewhere."""
    return any(passage and text.find(passage, max(0, span[1] - len(passage)), span[0] + len(passage)) >= 0
               for passage in passages)


def _near(index: quotes.QuoteIndex, unit, span: tuple[int, int]) -> list[tuple[tuple[int, int], float]]:
    """((start, end), number) of every other number the text gives in ``unit`` within REACH of ``span``."""
    key = ("figure sums", " ".join(str(unit).split()).lower())
    starts = index.derived.get(key)
    if starts is None:
        table = index.derived[("figure places", key[1])]  # read by figure_places.places first
        starts = index.derived[key] = sorted((place, number) for number, spans in table.items() for place in spans)
    low = bisect_left(starts, ((span[0] - REACH, 0), float("-inf")))
    high = bisect_right(starts, ((span[1] + REACH, 0), float("inf")))
    return [(place, number) for place, number in starts[low:high] if place != span]


# Words that give a figure as made of others: "£38,412, of which £31,870 arose from tolls", "Of this
# quantity, coal formed ...", "an army of 6,000 in all (4,000 foot and 2,000 horse)".
# An inventory's "21 pounds ... 12 pounds ... 9 pounds" adds up by chance, and says no such word.
# English usage, like the rest of the template vocabulary.
_MADE_OF = regexcache.compile(
    r"\b(?:of (?:which|whom|this|these|them|that|the whole)|whereof|in all|in total|totals?|altogether"
    r"|together|namely|viz|made up of|consisting of|comprising|including|divided into)\b", re.IGNORECASE)


def _sums(text: str, own: tuple[tuple[int, int], float], near: list[tuple[tuple[int, int], float]]) -> set[float]:
    """The numbers of ``near`` the figure ``own`` sums with, where the text between them says so
    (_MADE_OF): the parts, when two or more of them add up to it; the total, when it and one or
    more of the others add up to one of them."""
    (place, value), numbers = own, [number for _, number in near]
    related: set[float] = set()
    sums = [0.0] * (1 << len(near))
    for mask in range(1, len(sums)):
        low = mask & -mask
        sums[mask] = sums[mask ^ low] + numbers[low.bit_length() - 1]
        if mask != low and _equal(sums[mask], value):
            group = _members(mask, len(near))
            if _says_so(text, [place] + [near[i][0] for i in group]):
                related |= {numbers[i] for i in group}
        for whole, number in enumerate(numbers):
            if number > value and not mask >> whole & 1 and _equal(value + sums[mask], number) \
                    and _says_so(text, [place, near[whole][0]] + [near[i][0] for i in _members(mask, len(near))]):
                related.add(number)
    return related


def _members(mask: int, size: int) -> list[int]:
    return [i for i in range(size) if mask >> i & 1]


def _says_so(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether the stretch of text from the first of ``spans`` to the last, or the few words before
    it ("the total cost of £900 (£600 for ..."), says a whole is made of parts."""
    return _MADE_OF.search(text, max(0, min(s for s, _ in spans) - LEAD), max(e for _, e in spans)) is not None


def _equal(one: float, other: float) -> bool:
    return abs(one - other) <= 1e-9 * max(abs(one), abs(other), 1.0)
