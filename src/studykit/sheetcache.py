"""Reuse a worksheet's HTML when what the sheet shows has not changed since the build that wrote it.

A sheet's HTML is a pure function of its :class:`~studykit.worksheets.render.Sheet`
(title, sections, items, their questions, facts and sources, labels, chart),
the layouts that print it (the project's ``layouts/`` and the packaged ones)
and studykit's code and libraries.  Beside the outputs,
``.studykit-cache/html/<name>.json`` records the hash of all of that for the
published HTML, with the hash of the HTML's own bytes; the HTML is reused only
when both still match, so editing a fact that is not on the sheet leaves the
sheet as it was without rendering it again.

A dataclass field declared ``compare=False`` is not part of its value (a
fact's positions in its file, and the function that finds them) and is left
out.  A sheet holding anything else the hash cannot read exactly (an object
that is not plain data) is always rendered.  The HTML is staged before its record, so
published before it: a killed build leaves at worst a record that no longer
matches its HTML, which only means rendering again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Callable

CACHE_DIR = ".studykit-cache/html"


class Unreadable(Exception):
    """The sheet holds a value whose every detail the hash cannot capture."""


def write_html(stage, name: str, sheet, render: Callable[[object], str]) -> str:
    """Stage the sheet's HTML as ``name`` (reused when unchanged, else rendered), then its record."""
    key = sheet_key(sheet)
    html = cached_html(stage.out_dir, name, key) if key else None
    if html is None:
        html = render(sheet)
    data = html.encode("utf-8")
    stage.path(name).write_bytes(data)
    if key:
        record = {"sheet": key, "html": hashlib.sha256(data).hexdigest()}
        stage.path(record_name(name)).write_text(json.dumps(record, sort_keys=True) + "\n", encoding="utf-8")
    return html


def record_name(name: str) -> str:
    return f"{CACHE_DIR}/{name}.json"


def cached_html(out_dir: Path, name: str, key: str) -> str | None:
    """The published HTML ``name`` when its record says it shows a sheet with this key, else None."""
    try:
        record = json.loads((Path(out_dir) / record_name(name)).read_text(encoding="utf-8"))
        if not isinstance(record, dict) or record.get("sheet") != key:
            return None
        data = (Path(out_dir) / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != record.get("html"):
            return None
        return data.decode("utf-8")
    except (OSError, ValueError):
        return None


def sheet_key(sheet) -> str | None:
    """A hash of everything the sheet's HTML is made from, or None when the sheet cannot be hashed."""
    from .buildcache import _files, code_fingerprint

    digest = hashlib.sha256(code_fingerprint().encode())
    try:
        _feed(digest, sheet, set())
    except (Unreadable, RecursionError):
        return None
    layouts = getattr(sheet, "layouts", None)
    if layouts is not None:
        for path in _files(Path(layouts)):
            digest.update(f"\0layout\0{path.name}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _feed(digest, value, seen: set[int]) -> None:
    """Every detail of ``value`` into ``digest``, each tagged with its type (Markup is not str)."""
    kind = type(value)
    digest.update(f"\0{kind.__module__}.{kind.__qualname__}\0".encode())
    if value is None or kind in (bool, int, float, complex):
        digest.update(repr(value).encode())
    elif isinstance(value, str):
        digest.update(f"{len(value)}:".encode())
        digest.update(value.encode("utf-8", "surrogatepass"))
    elif isinstance(value, Path):
        digest.update(str(value).encode("utf-8", "surrogatepass"))
    elif isinstance(value, (list, tuple, dict)) or dataclasses.is_dataclass(value):
        if id(value) in seen:
            raise Unreadable("a cycle")
        seen.add(id(value))
        if isinstance(value, dict):
            items = value.items()
        elif isinstance(value, (list, tuple)):
            items = enumerate(value)
        else:
            items = ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value) if f.compare)
        digest.update(f"{len(value) if not dataclasses.is_dataclass(value) else ''}[".encode())
        for name, item in items:
            _feed(digest, name, seen)
            _feed(digest, item, seen)
        digest.update(b"]")
        seen.discard(id(value))
    else:
        raise Unreadable(kind.__qualname__)
