"""Stage 1: read a project folder and validate everything in it.

Layout of a project::

    seeds/<source>/source.yaml      metadata and topics of one document      (sources.py)
    seeds/<source>/<text file>      the document's full text
    seeds/<source>/facts/*.yaml     curated facts quoting that text          (facts.py, against_source.py)
    question_templates/*.yaml       question templates (YAML + Jinja2)       (templates.py)
    question_templates/note_types/*.yaml   Anki note types
    decks/*.yaml                    deck recipes                             (recipes.py)

What each file may hold is in fields.py; a '#' that cut a text short is warned about by
comments.py.  :func:`load_project` never raises for a user mistake: it returns the
problems it found, each with ``path:line:col``.
"""

from __future__ import annotations

from pathlib import Path

from .. import collector
from ..errors import Problem, UsageError
from ..model import Project
from .loader import Loader
from .recipes import load_decks
from .sources import load_source
from .templates import check_skipped_templates, load_note_types, load_templates


def load_project(root: Path) -> tuple[Project, list[Problem]]:
    """Read and validate the project in ``root``; return it with its problems."""
    root = Path(root)
    if not root.is_dir():
        what = "a file, not a project folder" if root.exists() else "no such project folder"
        raise UsageError(f"{root}: {what}; pass the folder that holds seeds/ and decks/")
    if not (root / "seeds").is_dir():
        raise UsageError(
            f"{root}: not a studykit project (no seeds/ folder); "
            "run it in a project folder or create one with 'studykit init DIR'"
        )
    loader = Loader(root)
    with collector.paused():
        for source_dir in sorted(p for p in (root / "seeds").iterdir() if p.is_dir()):
            load_source(loader, source_dir)
        load_note_types(loader)
        load_templates(loader)
        check_skipped_templates(loader)
        load_decks(loader)
    return loader.project, loader.problems
