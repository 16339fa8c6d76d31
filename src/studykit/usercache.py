"""The user's cache folder: what a run keeps for the next one, never inside the project.

``$STUDYKIT_CACHE``, else ``$XDG_CACHE_HOME/studykit``, else ``~/.cache/studykit``;
``STUDYKIT_CACHE=`` (empty) turns every cache off.  Each cache has a subfolder
(compiled snippets, loaded files); a folder that cannot be written is ignored.
"""

from __future__ import annotations

import io
import os
import pickle
from pathlib import Path
from typing import Any, Callable


def folder(name: str) -> Path | None:
    """The subfolder ``name`` of the cache, or None when caching is turned off."""
    chosen = os.environ.get("STUDYKIT_CACHE")
    if chosen is not None:
        return Path(chosen) / name if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "studykit" / name


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` whole or not at all (a concurrent run never reads half a file); a folder
    that cannot be written is ignored.  The folder is made only when writing finds it missing:
    a first run writes hundreds of entries into a few hundred folders, most already made."""
    target = os.fspath(path)
    temp = f"{target}.{os.getpid()}.tmp"
    try:
        try:
            out = open(temp, "wb")
        except FileNotFoundError:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            out = open(temp, "wb")
        with out:
            out.write(data)
        os.replace(temp, target)
    except (OSError, ValueError):
        try:
            os.unlink(temp)
        except OSError:
            pass


def pickled(value: Any, own: Any = None) -> bytes | None:
    """``value`` as bytes for an entry, with ``own`` (an object of this process the value points
    at, such as a Jinja environment) left out to be given back on reading; None if it cannot be."""
    out = io.BytesIO()
    try:
        if own is None:  # no hook: four times faster (a Python hook is called for every object)
            return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        _Pickler(out, own).dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None
    return out.getvalue()


def unpickled(data: bytes, allowed: Callable[[str, str], bool], own: Any = None) -> Any:
    """An entry read back naming only classes ``allowed(module, name)`` says yes to: one naming
    anything else (damage, or a planted file) raises, and nothing of it is called."""
    return _Unpickler(io.BytesIO(data), allowed, own).load()


class _Pickler(pickle.Pickler):
    def __init__(self, file, own: Any):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.own = own

    def persistent_id(self, obj):
        return "own" if self.own is not None and obj is self.own else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, allowed: Callable[[str, str], bool], own: Any):
        super().__init__(file)
        self.allowed, self.own = allowed, own

    def persistent_load(self, pid):
        if pid != "own" or self.own is None:
            raise pickle.UnpicklingError("an entry points at an object this run has not")
        return self.own

    def find_class(self, module: str, name: str):
        if self.allowed(module, name):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in this entry")
