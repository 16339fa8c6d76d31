"""Files loaded once, kept between runs: ``check`` re-reads only what changed.

A load (:func:`studykit.yamlio.load_yaml`) is a pure function of the file's text, PyYAML's and
Python's versions and the loader's own code, so it is kept under a hash of exactly those, one
file per text, beside the compiled snippets (``$STUDYKIT_CACHE``, see
:mod:`studykit.usercache`; ``STUDYKIT_CACHE=`` turns it off).  What is kept is exactly the
careful load: for a text the fast load can take, the fast load with every position
(:class:`studykit.yamlfast.PlacedLoad`, the same objects for half the cost), else the careful
load itself.  Only texts that loaded without a problem are kept: a refusal is found again, at
its place, on every run.  Reading an entry back is four times faster than even the fast load
and needs no parser, so a check of an unchanged project never imports PyYAML.

An entry is read back with the loader's own containers and plain values only;
a missing, damaged or foreign entry is loaded again and rewritten.
Entries are written atomically, so concurrent runs never read half a file.
"""

from __future__ import annotations

import hashlib
import sys
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from . import usercache
from .yamlio import LocDict, LocList

FORMAT = 1


def enabled() -> bool:
    """Whether files are kept (``STUDYKIT_CACHE=`` turns it off)."""
    return usercache.folder("yaml") is not None


def recall(text: str, path: Path | None = None) -> Any:
    """The load of ``text`` kept by an earlier run, or None (``path``: its
    :func:`entry`, when already known)."""
    path = path or entry(text)
    if path is None:
        return None
    kept = usercache.read(path)
    if kept is None:
        return None
    try:
        data = usercache.unpickled(kept, is_container)
    except Exception:  # noqa: BLE001 - any damage to an entry means: load it again
        return None
    return data if type(data) in (LocDict, LocList) else None


def keep(text: str, data: Any, path: Path | None = None) -> None:
    """Keep the load of ``text`` for the next run (silently not, if it cannot be written;
    ``path``: its :func:`entry`, when already known)."""
    path = path or entry(text)
    blob = usercache.pickled(data) if path is not None and type(data) in (LocDict, LocList) else None
    if blob is not None:
        usercache.write_atomically(path, blob)


def entry(text: str) -> Path | None:
    """Where the load of ``text`` is kept (a hash of the text and the loader), or None when off."""
    folder = usercache.folder("yaml")
    if folder is None:
        return None
    name = hashlib.sha256(_loader_key().encode() + b"\0" + text.encode("utf-8", "surrogatepass")).hexdigest()
    return folder / name[:2] / name[2:]


@lru_cache(maxsize=1)
def _loader_key() -> str:
    """What besides the text shapes a careful load: the loader's code and the libraries under it.

    PyYAML is found, not imported: its version is in the package's first file, read like ours
    (a run whose files all come from here never imports it).
    """
    here = Path(__file__).parent
    code = hashlib.sha256()
    for path in (here / "yamlio.py", here / "yamlcareful.py", here / "yamlfast.py", here / "textfile.py",
                 Path(find_spec("yaml").origin)):
        code.update(path.read_bytes())
    return repr((FORMAT, code.hexdigest(), sys.version))


def is_container(module: str, name: str) -> bool:
    """What an entry may name: the careful loader's two containers (plain values need no class)."""
    return module == "studykit.yamlio" and name in ("LocDict", "LocList")
