"""The user's cache folder: what a run keeps for the next one, never inside the project.

``$STUDYKIT_CACHE``, else ``$XDG_CACHE_HOME/studykit``, else ``~/.cache/studykit``;
``STUDYKIT_CACHE=`` (empty) turns every cache off.  Each cache has a subfolder
(compiled snippets, loaded files); a folder that cannot be written is ignored.
"""

from __future__ import annotations

import os
from pathlib import Path


def folder(name: str) -> Path | None:
    """The subfolder ``name`` of the cache, or None when caching is turned off."""
    chosen = os.environ.get("STUDYKIT_CACHE")
    if chosen is not None:
        return Path(chosen) / name if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "studykit" / name


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` whole or not at all (a concurrent run never reads half a file); a folder
    that cannot be written is ignored."""
    temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(data)
        os.replace(temp, path)
    except (OSError, ValueError):
        try:
            temp.unlink()
        except OSError:
            pass
