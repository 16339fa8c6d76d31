"""Writing every version's worksheet and answer key: HTML always, PDF when WeasyPrint loads.

A PDF whose HTML has not changed since the last build is taken over from the
output folder (see :mod:`studykit.pdfcache`); WeasyPrint is not even imported
when no PDF needs making, and the ones that do render in parallel.
"""

from __future__ import annotations

import sys
from typing import Callable

from .. import pdf, sheetcache
from ..pdfcache import write_pdfs
from ..model import DeckRecipe, Project
from ..questions import RenderResult
from .render import render_sheet
from .sheets import sheets

_said: set[str] = set()


def _tell_once(message: str) -> None:
    if message not in _said:
        _said.add(message)
        print(message, file=sys.stderr)


def write_worksheets(project: Project, recipe: DeckRecipe, rendered: RenderResult, stage, *,
                     variants: int | None = None, seed: int | None = None,
                     notify: Callable[[str], None] | None = None) -> list[str]:
    """Write every version's worksheet and answer key (HTML, and PDF when possible) into ``stage``.

    Returns the names written, relative to the output folder.  When no PDF can
    be made, or a section asks for more questions than there are, ``notify``
    (default: standard error, once) gets one line saying so.
    """
    notify = notify or _tell_once
    shortfalls: list = []
    versions = sheets(project, recipe, rendered, variants=variants, seed=seed, shortfalls=shortfalls)
    for shortfall in shortfalls:
        notify(shortfall.located(recipe))
    names: list[str] = []
    pages: list[tuple[str, str]] = []  # (PDF name, HTML)
    for worksheet, key in versions:
        for sheet, kind in ((worksheet, "worksheet"), (key, "answer-key")):
            base = f"{recipe.id}-{kind}-{sheet.letter}"
            html = sheetcache.write_html(stage, f"{base}.html", sheet, render_sheet)  # reused if unchanged
            names.append(f"{base}.html")
            pages.append((f"{base}.pdf", html))
    try:
        names += write_pdfs(pages, stage)
    except pdf.PdfUnavailable as err:
        notify(str(err))
    return names
