"""Atomic output: a build either replaces its outputs completely or not at all.

Writers put every file into a :class:`Staging` folder inside the output
folder; only when all of them succeeded are the files moved into place, each
with an atomic ``os.replace``.  On any error the staging folder is removed and
the previous outputs stay untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write one file so readers never see it half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


class Staging:
    """Collect a build's files, then publish them together.

    Use as a context manager::

        with Staging(out_dir) as stage:
            stage.path("deck.apkg").write_bytes(...)
        # published here; on an exception nothing is published
    """

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.dir: Path | None = None
        self.names: list[str] = []

    def __enter__(self) -> "Staging":
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.dir = Path(tempfile.mkdtemp(dir=self.out_dir, prefix=".studykit-staging-"))
        return self

    def path(self, relative: str) -> Path:
        """Where to write ``relative`` (a path inside the output folder) for now."""
        assert self.dir is not None, "use Staging as a context manager"
        target = self.dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if relative not in self.names:
            self.names.append(relative)
        return target

    def publish(self) -> list[Path]:
        """Move every staged file into the output folder (one os.replace each)."""
        published = []
        for relative in self.names:
            staged = self.dir / relative
            if not staged.exists():
                continue
            final = self.out_dir / relative
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, final)
            published.append(final)
        return published

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.publish()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
