"""A fact file's facts, kept between runs: a file checked once is not checked again.

Checking a fact file (:mod:`.facts`: its schema, topics, figures, quotes and numbers against the
document) is a pure function of the file's text, of its source (id, how it is called, author, date,
topics, the document's file name and text) and of studykit's code and libraries, so what it
makes, each fact, is kept under a hash of exactly those, in the user's cache
(``$STUDYKIT_CACHE``, see :mod:`studykit.usercache`; ``STUDYKIT_CACHE=`` turns it off).  Only a
file that gave no problem and no warning is kept: one that has any is checked again on every
run, so they are found and shown as always.  What spans files (an id used twice, former ids) is
checked on every run (a problem there reads its place from the file, as a warning does); the
path a fact shows is this run's.

An entry is plain data (no class is named in it: reading one back runs nothing); a missing,
damaged or foreign entry is a file checked again.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from .. import usercache
from ..model import Fact, Source

FORMAT = 1
# What a kept fact holds: everything the check made but this run's path and the positions a
# warning reads from the file (see facts._FilePositions).
_LEFT_OUT = ("path", "positions", "locate")
_KEPT = tuple(name for name in Fact.__dataclass_fields__ if name not in _LEFT_OUT)
_PATH_AT = tuple(Fact.__dataclass_fields__).index("path")
assert tuple(Fact.__dataclass_fields__)[:len(_KEPT) + 1] == (*_KEPT[:_PATH_AT], "path", *_KEPT[_PATH_AT:]), \
    "recall() passes a kept fact's fields by position: only 'path' may be left out before the last kept field"


def entry(text: str, source: Source, derived: dict) -> Path | None:
    """Where the check of a fact file of ``text`` in ``source`` is kept, or None when caching is off.

    ``derived``: the source's quote index tables (the document text's hash is kept there, made
    once per source)."""
    folder = usercache.folder("facts")
    if folder is None:
        return None
    document = derived.get("factcache document")
    if document is None:
        document = derived["factcache document"] = _document_key(source)
    digest = hashlib.sha256(document)
    digest.update(text.encode("utf-8", "surrogatepass"))
    name = digest.hexdigest()
    return folder / name[:2] / name[2:]


def _document_key(source: Source) -> bytes:
    """Everything of the source and of studykit a fact file's check reads, as bytes."""
    text = hashlib.sha256(source.text.encode("utf-8", "surrogatepass")).hexdigest()
    about = (FORMAT, _code_key(), source.id, source.called, source.author, source.date, source.path.name,
             [topic.id for topic in source.topics], text)
    return repr(about).encode("utf-8", "surrogatepass") + b"\0"


@lru_cache(maxsize=1)
def _code_key() -> str:
    """studykit's code and the libraries under it (the build's own code fingerprint)."""
    from ..buildcache import code_fingerprint

    return code_fingerprint()


def recall(path: Path) -> list[tuple[int, Fact]] | None:
    """The facts kept at ``path`` as (its index in the file, the fact without its path), or None:
    nothing kept, or an entry not of this shape."""
    kept = usercache.read(path)
    if kept is None:
        return None
    try:
        rows = usercache.unpickled(kept, _no_class)
        if any(len(values) != len(_KEPT) for _, values in rows):
            return None
        # Fact's fields in order, this run's path (empty until set) where _KEPT leaves it out: one
        # positional call per fact (the path is the only field left out before the last kept one)
        return [(index, Fact(*values[:_PATH_AT], "", *values[_PATH_AT:])) for index, values in rows]
    except Exception:  # noqa: BLE001 - any damage to an entry means: check the file again
        return None


def keep(path: Path, facts: list[tuple[int, Fact]]) -> None:
    """Keep a file's checked facts (as :func:`recall` gives them back) for the next run."""
    rows = [(index, tuple(getattr(fact, name) for name in _KEPT)) for index, fact in facts]
    blob = usercache.pickled(rows)
    if blob is not None:
        usercache.write_atomically(path, blob)


def _no_class(module: str, name: str) -> bool:
    """An entry is plain data: it may name no class at all."""
    return False
