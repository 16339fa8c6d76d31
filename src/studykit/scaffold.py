"""``studykit init``: a new project for another document, ready to check and build.

The starter (package data in ``studykit/starter/``) holds a short made-up
sample source with a few facts and a deck recipe; its ``question_templates``
is a link to the repository's own ``question_templates/``, so the default
templates and note types exist once and installed copies carry them as files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from .errors import UsageError

_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")


def create_project(dest: Path) -> list[Path]:
    """Copy the starter project into ``dest`` (new or empty); return the files created.

    The copy is made in a temporary folder beside ``dest`` and moved into place
    at the end, so an interrupted init leaves no half-made project.
    """
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise UsageError(f"{dest} is a file; pass the name of a new (or empty) folder")
    if dest.is_dir() and any(dest.iterdir()):
        raise UsageError(f"{dest} is not empty; studykit init never overwrites files: "
                         "pass a new or empty folder")
    parent = dest.resolve().parent
    if not parent.is_dir():
        raise UsageError(f"{parent} does not exist; create it first or choose another place")
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{dest.name}.init-"))
    try:
        with resources.as_file(resources.files("studykit") / "starter") as starter:
            shutil.copytree(starter, staging / "project", ignore=_IGNORE)
        if dest.is_dir():
            dest.rmdir()  # empty, checked above
        os.replace(staging / "project", dest)
    except OSError as err:
        raise UsageError(f"cannot create {dest}: {err.strerror or err}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sorted(p.relative_to(dest) for p in dest.rglob("*") if p.is_file())
