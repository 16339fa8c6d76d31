"""Writing every version's worksheet and answer key: HTML always, PDF when WeasyPrint loads.

A PDF whose HTML has not changed since the last build is taken over from the
output folder (see :mod:`studykit.pdfcache`); WeasyPrint is not even imported
when no PDF needs making, and the ones that do render in parallel.
"""

from __future__ import annotations

import sys
from typing import Callable

from .. import pdf, pdfcache
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
    shortfalls: list[str] = []
    versions = sheets(project, recipe, rendered, variants=variants, seed=seed, shortfalls=shortfalls)
    for message in shortfalls:
        notify(message)
    names: list[str] = []
    pages: list[tuple[str, str]] = []  # (PDF name, HTML)
    for worksheet, key in versions:
        for sheet, kind in ((worksheet, "worksheet"), (key, "answer-key")):
            base = f"{recipe.id}-{kind}-{sheet.letter}"
            html = render_sheet(sheet)
            stage.path(f"{base}.html").write_text(html, encoding="utf-8")
            names.append(f"{base}.html")
            pages.append((f"{base}.pdf", html))
    try:
        names += write_pdfs(pages, stage)
    except pdf.PdfUnavailable as err:
        notify(str(err))
    return names


def write_pdfs(pages: list[tuple[str, str]], stage) -> list[str]:
    """Stage each PDF (reused when its HTML is unchanged, else rendered), then its cache record."""
    renderer = pdf.renderer_version()
    keys = {name: pdfcache.html_key(html, renderer) for name, html in pages}
    ready = {name: pdfcache.cached_pdf(stage.out_dir, name, keys[name]) for name, _ in pages}
    needed = [(name, html) for name, html in pages if ready[name] is None]
    if needed:
        made = pdf.html_to_pdfs([html for _, html in needed])
        ready.update((name, data) for (name, _), data in zip(needed, made))
    for name, _ in pages:
        stage.path(name).write_bytes(ready[name])
    for name, _ in pages:  # staged after every PDF: published after them
        stage.path(pdfcache.record_name(name)).write_text(pdfcache.record(keys[name], ready[name]),
                                                          encoding="utf-8")
    return [name for name, _ in pages]
