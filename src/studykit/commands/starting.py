"""``studykit init``: a new project for another document."""

from __future__ import annotations

from pathlib import Path

import typer

from ..quickcli import Output
from .base import QUIET_OPT, VERBOSE_OPT


def init(
    directory: Path = typer.Argument(..., metavar="DIR", help="A new or empty folder ('.' for this one)."),
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """A new project for another document.

    Creates a sample source, facts, the default templates and a deck recipe.
    The project passes 'studykit check' and 'studykit build' as created;
    replace the sample with your document (see the README's guide). Refuses
    a folder that is not empty.

    \b
    Examples:
      studykit init ~/decks/my-document
    """
    from ..scaffold import create_project

    out = Output(quiet, verbose, False)
    files = create_project(directory)
    out.result(f"created {directory}:")
    for top in sorted({f.parts[0] for f in files}):
        inside = [f for f in files if f.parts[0] == top]
        out.result(f"  {top}/ ({len(inside)} file{'s' if len(inside) != 1 else ''})")
    out.result(f"next: cd {directory} && studykit check && studykit build")
    out.result("then replace the sample in seeds/ with your own document and facts "
               "(README: 'Starting a deck for another document')")
