"""The words a two-sided figure's sides are called by (``requested_as``, ``promised_as``).

Questions print them where a past participle goes ("the figure granted for ships"), so a
finite verb or an adjective ("came out with", "sick") breaks every question on the figure:
the teacher is warned at the word, with the sentence it would make.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..yamlio import LocDict
from .loader import Loader

# Participles mostly end so: planned, given, shown, sent, paid.  'came' or 'sick' does not.
_ENDINGS = ("ed", "en", "n", "t", "d")
_IRREGULAR = {"come", "become", "overcome", "run", "sunk", "drunk", "stuck", "struck", "hung", "spun",
              "swung", "clung", "flung", "sung", "rung", "sprung", "stung", "strung", "wrung", "dug",
              "shone", "cast", "set", "put", "cut", "let", "shut", "hit", "bid", "spread"}
# Finite past forms that end like participles: 'went in with' is no 'gone'.
_FINITE = {"went", "ran", "began", "saw", "gave", "took", "was", "were", "did", "ate", "drank", "sang",
           "swam", "rang", "rose", "fell", "drove", "wrote", "spoke", "broke", "chose", "froze", "stole",
           "wore", "tore", "bore", "swore", "flew", "grew", "knew", "threw", "drew", "shook", "sank",
           "sprang", "became", "overcame", "came", "is", "are", "has", "have"}


def reads_as_participle(words: str) -> bool:
    """Whether ``words`` start with what reads as a past participle ('granted', 'sent to hospital')."""
    first = words.split()[0].casefold() if words.split() else ""
    if first in _FINITE:
        return False
    return first in _IRREGULAR or (first.isalpha() and first.endswith(_ENDINGS))


def warn_unless_participles(loader: Loader, path: Path, data: LocDict, label: str) -> None:
    for side in ("requested", "promised"):
        words = data.get(f"{side}_as")
        if not isinstance(words, str) or not words.strip() or reads_as_participle(words):
            continue
        loader.problems.append(Problem(
            loader.shown(path), *data.loc(f"{side}_as"),
            f"{label}: '{side}_as: {words}' does not read as a past participle, yet questions print it "
            f"as one (\"the figure {words} for {data.get('item', 'the item')}\"); write the source's verb "
            "as a past participle ('planned', 'granted', 'sent to hospital'), or give the two figures as "
            "two facts", severity="warning"))
