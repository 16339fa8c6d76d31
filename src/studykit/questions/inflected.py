"""The ``inflect`` library's answers, kept between runs.

Importing ``inflect`` (and making its engine) costs ``check`` about 25 ms, a
twentieth of it, while a project asks the same few words each time ("three",
the singular of "proposals").  Each answer is a pure function of the word and
the installed ``inflect``, so answers are kept in the user's cache
(:mod:`studykit.usercache`, ``STUDYKIT_CACHE=`` turns it off) in one file named
for the installed library (its location, size and time), and the library is
imported only for a word not asked before.  New answers are written once, as
the process ends (a course asks thousands of words; one write each would grow
with their square).  A missing, damaged or foreign file only means asking
``inflect`` again.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import marshal
import os
from functools import lru_cache
from pathlib import Path

from .. import usercache

FORMAT = 1
KEPT = 50_000  # answers kept in the file at most (a whole course asks a few thousand)
_answers: dict[tuple[str, object], object] | None = None
_unsaved = False  # answers asked this run that the file does not hold yet
_flush_registered = False


def ask(function: str, argument: str | int):
    """``inflect.engine().<function>(argument)``, from the cache when it was asked before."""
    global _answers
    if _answers is None:
        _answers = _read()
    key = (function, argument)
    if key in _answers:
        return _answers[key]
    answer = getattr(engine(), function)(argument)
    _answers[key] = answer
    if isinstance(answer, (str, bool)):  # what inflect answers: a word, or False for "no change"
        _remember_to_save()
    return answer


def _remember_to_save() -> None:
    global _unsaved, _flush_registered
    _unsaved = True
    if not _flush_registered:
        atexit.register(flush)
        _flush_registered = True


def flush() -> None:
    """Write the answers asked this run (at exit; tests call it)."""
    global _unsaved
    if _unsaved and _answers is not None:
        _write(_answers)
    _unsaved = False


@lru_cache(maxsize=1)
def engine():
    import inflect

    return inflect.engine()


def _file() -> Path | None:
    folder = usercache.folder("inflect")
    library = _library_stamp()
    if folder is None or library is None:
        return None
    return folder / hashlib.sha256(f"{FORMAT}\0{library}".encode()).hexdigest()


@lru_cache(maxsize=1)
def _library_stamp() -> str | None:
    """Which inflect is installed, found without importing it: its file, size and time."""
    spec = importlib.util.find_spec("inflect")
    if spec is None or not spec.origin:
        return None
    try:
        stat = os.stat(spec.origin)
    except OSError:
        return None
    return f"{spec.origin}\0{stat.st_size}\0{stat.st_mtime_ns}"


def _read() -> dict:
    path = _file()
    if path is None:
        return {}
    kept = usercache.read(path)
    try:
        data = marshal.loads(kept) if kept is not None else None
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(data, dict) or not all(_is_answer(k, v) for k, v in data.items()):
        return {}
    return data


def _is_answer(key, value) -> bool:
    return (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str)
            and isinstance(key[1], (str, int)) and isinstance(value, (str, bool)))


def _write(answers: dict) -> None:
    path = _file()
    if path is not None:
        kept = [(k, v) for k, v in answers.items() if _is_answer(k, v)][-KEPT:]
        usercache.write_atomically(path, marshal.dumps(dict(kept)))


def forget() -> None:
    """Save, then drop the answers of this process (tests: read the file again)."""
    global _answers
    flush()
    _answers = None
