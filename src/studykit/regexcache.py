"""Regular expressions compiled once and kept between runs: ``check`` compiled a hundred at each start.

Compiling a pattern (parsing it and generating the regex engine's code, in
Python) cost ``studykit check`` a sixth of its time on the shipped project,
every run, for patterns that never change.  The engine's code is a pure
function of the pattern's text, its flags and the Python version (whose
engine's magic number is part of the key), so :func:`compile` keeps it in one
file in the user's cache folder (:mod:`studykit.usercache`; ``STUDYKIT_CACHE=``
turns it off) and the next run hands it straight to the engine, which checks
the code as it takes it.

A missing, damaged or foreign file, or an engine that refuses an entry, means
compiling as :func:`re.compile` does.  Patterns first compiled in a run are
added to the file once, at the end of the run (written atomically: concurrent
runs never read half a file; the last one's additions win).

The file is bounded: patterns of older studykit versions would pile up in it
(the key is the Python version, not studykit's), so it keeps at most ``KEPT``
patterns, those this run used first; and the folder keeps the files of the
``FILES`` Pythons that wrote last, no more.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import re
import sys

import _sre

from . import usercache

FORMAT = 1
KEPT = 500  # patterns in the file (studykit has about 120)
FILES = 3  # files in the folder, one per Python version
_kept: dict | None = None  # (pattern, flags) -> the engine's arguments, read from the file once
_new: dict = {}  # compiled in this run, to add to the file at the end
_used: set = set()  # kept entries this run took


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - re.compile's name and meaning
    """``re.compile(pattern, flags)``, the engine's code kept between runs."""
    flags = int(flags)
    known = _known().get((pattern, flags))
    if known is not None:
        try:
            compiled = _sre.compile(pattern, *known)
            _used.add((pattern, flags))
            return compiled
        except Exception:  # noqa: BLE001 - a damaged or foreign entry: compile it afresh
            pass
    compiled, arguments = _compiled(pattern, flags)
    if arguments is not None:
        if not _new:
            atexit.register(_keep)
        _new[(pattern, flags)] = arguments
    return compiled


def _compiled(pattern: str, flags: int):
    """The pattern compiled as re does, and the arguments that gave it to the engine (None when
    re's internals are not the ones this module knows: then only the pattern)."""
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        arguments = (flags | parsed.state.flags, [int(c) for c in code], parsed.state.groups - 1, groupindex,
                     tuple(indexgroup))
        return _sre.compile(pattern, *arguments), arguments
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - another Python's internals: re compiles it
        return re.compile(pattern, flags), None


def _known() -> dict:
    """The kept entries, read from the file once (empty when there is none or caching is off)."""
    global _kept
    if _kept is None:
        _kept = {}
        path = _path()
        kept = usercache.read(path) if path is not None else None
        try:
            data = marshal.loads(kept) if kept is not None else None
        except (EOFError, ValueError, TypeError):
            data = None
        if isinstance(data, dict):
            _kept = data
    return _kept


def _path():
    folder = usercache.folder("regex")
    if folder is None:
        return None
    key = repr((FORMAT, sys.version, _sre.MAGIC, _sre.CODESIZE))
    return folder / hashlib.sha256(key.encode()).hexdigest()


def _keep() -> None:
    """Add this run's new patterns to the file (silently not, if it cannot be written)."""
    path = _path()
    if path is None or not _new:
        return
    kept = _known()
    fresh = {key: kept[key] for key in _used if key in kept} | _new
    older = [key for key in kept if key not in fresh][:max(0, KEPT - len(fresh))]
    try:
        data = marshal.dumps(fresh | {key: kept[key] for key in older})
    except ValueError:
        return
    usercache.write_atomically(path, data)
    _new.clear()
    _prune(path)


def _prune(path) -> None:
    """Remove the files of all but the ``FILES`` Pythons that wrote last (``path`` is this one's)."""
    try:
        others = [p for p in path.parent.iterdir() if p != path and p.is_file()]
        others.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in others[FILES - 1:]:
            old.unlink()
    except OSError:
        pass
