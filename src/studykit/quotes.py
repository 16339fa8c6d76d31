"""Matching quotes against source text, and finding the numbers in text.

Quotes must be verbatim; only differences a copy-and-paste or a word
processor introduces are forgiven: whitespace and line breaks, typographic
quotes and dashes.
"""

from __future__ import annotations

import re

_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})

_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(million|thousand|billion))?",
    re.IGNORECASE,
)
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def normalize(text: str) -> str:
    """Fold whitespace, typographic quotes and dashes so that copies compare equal."""
    return re.sub(r"\s+", " ", text.translate(_TYPOGRAPHY)).strip()


def numbers_in(text: str) -> set[float]:
    """Every number written in ``text``; "1 million" counts as 1 and 1,000,000."""
    found: set[float] = set()
    for match in _NUMBER.finditer(text):
        value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
        found.add(value)
        if match.group(3):
            found.add(value * _SCALE[match.group(3).lower()])
    return found


def numbers_of_data(value) -> list[float]:
    """Numbers held in structured data: numeric values and digits inside strings."""
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, (int, float)):
        return [float(value)]
    if isinstance(value, str):
        return sorted(numbers_in(value))
    if isinstance(value, dict):
        return [n for v in value.values() for n in numbers_of_data(v)]
    if isinstance(value, list):
        return [n for v in value for n in numbers_of_data(v)]
    return []


def format_number(value: float) -> str:
    """200000 -> '200,000'; 37.5 -> '37.5'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"
