"""HTML -> PDF through WeasyPrint, which is heavy and needs system libraries.

WeasyPrint is imported only here, and only when a PDF must really be made,
so the rest of studykit starts fast and works without it.  Rendering returns
the whole PDF as bytes; callers write the file only once it is complete, so a
failed render never leaves half a PDF behind.  Several PDFs render in
parallel processes, up to the number of cores, forked after WeasyPrint is
imported once (each worker would otherwise pay the import again).  PDFs
rendered in parts are joined with pikepdf.
"""

from __future__ import annotations

import os
import re

HOW_TO_GET_PDFS = ("the HTML files print from any browser; for PDFs install WeasyPrint "
                   "('pip install weasyprint') and Pango (Debian/Ubuntu: "
                   "'apt-get install libpango-1.0-0 libpangoft2-1.0-0')")


class PdfUnavailable(Exception):
    """No PDF could be made; the message is one line saying why and what to do."""


def load_weasyprint():
    """The weasyprint module, or PdfUnavailable saying why not."""
    try:
        weasyprint = _import_weasyprint()
    except ImportError as err:
        raise PdfUnavailable(f"PDFs not written: WeasyPrint is not installed ({err}); "
                             f"{HOW_TO_GET_PDFS}") from None
    except OSError as err:  # cffi cannot find pango, gobject, harfbuzz, ...
        raise PdfUnavailable(f"PDFs not written: WeasyPrint cannot load its system libraries "
                             f"({str(err).splitlines()[0] if str(err) else type(err).__name__}); "
                             f"{HOW_TO_GET_PDFS}") from None
    from . import cffiarrays, weasyfix

    weasyfix.install()  # tinyhtml5's cache of expressions, repaired: the same parse, in half the time
    cffiarrays.install_for_weasyprint()  # subsetting a font no longer runs the C parser
    return weasyprint


def _import_weasyprint():
    """WeasyPrint, its system libraries found from one ldconfig listing (:mod:`sharedlibs`).

    If it fails to load that way, it is imported again with Python's own
    library lookup (the listing may lack a library the linker finds), so the
    shortcut never costs a PDF; what WeasyPrint prints about the first failure
    is dropped, the second one speaks for itself.
    """
    import sys

    if "weasyprint" in sys.modules:
        import weasyprint

        return weasyprint
    import contextlib
    import io

    from . import sharedlibs

    try:
        with sharedlibs.listed(), contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
    except OSError:
        import weasyprint
    return weasyprint


def _version(package: str) -> str:
    """An installed package's version, read from its dist-info folder's name: asking costs no import."""
    from .buildcache import library_version

    found = library_version(package)
    if found is not None:
        return f"{package} {found}"
    from importlib import metadata

    try:
        return f"{package} {metadata.version(package)}"
    except metadata.PackageNotFoundError:
        return f"{package} missing"


def renderer_version() -> str:
    """What a cached PDF depends on besides its HTML: the installed WeasyPrint's version."""
    return _version("weasyprint")


def joiner_version() -> str:
    """What a PDF joined from parts depends on besides them: the joiner's version."""
    return f"pikepdf {_version('pikepdf')}"


def load_joiner() -> None:
    """Import pikepdf now (a tenth of a second), e.g. while the PDF helper renders the parts to join."""
    try:
        import pikepdf  # noqa: F401
    except ImportError:
        pass  # said when joining


def join_pdfs(parts: list[bytes]) -> bytes:
    """One PDF holding every page of ``parts``, in order (the first part's title and metadata).

    pikepdf (the qpdf library) copies each page with what it uses and writes
    the same bytes for the same parts (a fifth of a second for the shipped
    deck's 130 pages; pypdf took half a second).
    """
    if len(parts) == 1:
        return parts[0]
    import io

    import pikepdf

    with pikepdf.Pdf.open(io.BytesIO(parts[0])) as joined:
        others = [pikepdf.Pdf.open(io.BytesIO(part)) for part in parts[1:]]
        try:
            for other in others:
                joined.pages.extend(other.pages)
            out = io.BytesIO()
            joined.save(out, deterministic_id=True)
        finally:
            for other in others:
                other.close()
    return out.getvalue()


def html_to_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML page, or PdfUnavailable."""
    from . import weasyfix

    global _laid_out
    weasyprint = load_weasyprint()
    _laid_out = True
    try:
        with weasyfix.gc_paused():  # a sixth of a long sheet's CPU was garbage collection
            fonts = _font_config(html)
            page, sheets = _parsed_once(lean_html(html), weasyprint)
            return weasyprint.HTML(string=page).write_pdf(stylesheets=sheets, font_config=fonts)
    except Exception as err:  # noqa: BLE001 - any failure means: HTML only, say why
        raise PdfUnavailable(f"PDFs not written: WeasyPrint failed ({type(err).__name__}: {err}); "
                             f"{HOW_TO_GET_PDFS}") from None


_UNREAD = re.compile(r' data-(?:question|number)="[^"<>]*"(?=[^<>]*>)|\n+(?=</?(?:div|p|section)\b)')


def lean_html(html: str) -> str:
    """``html`` without what WeasyPrint never uses: the sheets' question ids and numbers, line breaks before blocks.

    WeasyPrint parses HTML in pure Python, character by character, and builds a
    box for each run of text, even the collapsible line break between two
    blocks (a 1,000-question sheet: 2 % of its CPU).  The attributes are for
    scripts and tests reading the HTML output, which keeps them; no print rule
    reads them.  A line break before a block's tag is white space the layout
    drops (no ``pre`` text runs into a block), so the pages are the same.
    """
    return _UNREAD.sub("", html)


_BRINGS_FONTS = re.compile(r"@font-face|@import|<link\b", re.IGNORECASE)
_fonts = None  # this process's WeasyPrint font configuration, shared by the pages it renders


def _font_config(html: str):
    """The font configuration to lay ``html`` out with: this process's, unless the page brings fonts.

    Left to itself, WeasyPrint makes a new one for every document: Fontconfig's
    configuration loaded again, and a Pango font map whose fonts, shaping data and
    measurements are found again (a tenth of a second a page, a third of a small
    one).  Shared, the next page starts with them; its PDF is the same bytes.  A
    page with ``@font-face`` rules adds its fonts to the configuration it is given,
    where the next page would find them, so it gets one of its own (as does a page
    that may bring a stylesheet from elsewhere).
    """
    global _fonts
    from weasyprint.text.fonts import FontConfiguration

    if _BRINGS_FONTS.search(html):
        return FontConfiguration()
    if _fonts is None:
        _fonts = FontConfiguration()
    return _fonts


_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_stylesheets: dict[str, object] = {}  # a page's first stylesheet's text -> WeasyPrint's parsed CSS


def _parsed_once(html: str, weasyprint) -> tuple[str, list]:
    """``html`` without its first ``<style>``, and that stylesheet parsed once per process.

    WeasyPrint parses a page's stylesheets for every page it renders (30 ms for
    the sheets' print CSS, a twentieth of a key, again for each flashcards part).
    Given to WeasyPrint as a stylesheet of its own, the same text is parsed once
    per process.  WeasyPrint ranks such a stylesheet as the reader's (below the
    page's own, above its defaults), which gives the same cascade only when it
    holds no ``!important`` and the page's other stylesheets hold nothing but
    ``@page`` rules (the sheets' page size and footer); any other page keeps
    its stylesheet.  A page that brings fonts or stylesheets keeps it too.
    """
    styles = list(_STYLE.finditer(html))
    if not styles or _BRINGS_FONTS.search(html) or not _rankable(styles[0].group(1)):
        return html, []
    if not all(_only_page_rules(other.group(1)) for other in styles[1:]):
        return html, []
    text = styles[0].group(1)
    sheet = _stylesheets.get(text)
    if sheet is None:
        if len(_stylesheets) >= 8:  # a build has a few page layouts; never grow without bound
            _stylesheets.clear()
        sheet = _stylesheets[text] = weasyprint.CSS(string=text)
    return html[:styles[0].start()] + html[styles[0].end():], [sheet]


def _rankable(css: str) -> bool:
    """Whether ``css`` ranks the same as the reader's stylesheet as it did as the page's own (see :func:`_parsed_once`)."""
    return not any(word in css for word in ("!important", "@counter-style", "@layer", "@import", "@font-face"))


def _only_page_rules(css: str) -> bool:
    """Whether every top-level rule of ``css`` is an ``@page`` rule (tinycss2, WeasyPrint's own parser)."""
    import tinycss2

    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return all(rule.type == "at-rule" and rule.lower_at_keyword == "page" for rule in rules)


def warm_stylesheet(path) -> None:
    """Parse now the stylesheet file pages start with (a layout includes it whole): before workers fork, they share it.

    The text is the file's as a Jinja include gives it (one final newline dropped).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return  # the pages parse it, as before
    text = text[:-1] if text.endswith("\n") else text
    if text not in _stylesheets and _rankable(text):
        _stylesheets[text] = load_weasyprint().CSS(string=text)  # no fonts touched: safe before a fork


WORKERS_ENV = "STUDYKIT_PDF_WORKERS"  # how many processes render PDFs at once (default: one per core)


def worker_count() -> int:
    """The processes that render PDFs at once: $STUDYKIT_PDF_WORKERS, else one per core."""
    try:
        asked = int(os.environ.get(WORKERS_ENV, ""))
    except ValueError:
        asked = 0
    return asked if asked > 0 else (os.cpu_count() or 1)


_laid_out = False  # whether this process has laid out a page (Pango and Fontconfig are in use)


def _render_one(html: str) -> bytes | PdfUnavailable:
    try:
        return html_to_pdf(html)
    except PdfUnavailable as err:
        return err


def html_to_pdfs(pages: list[str], workers: int | None = None) -> list[bytes]:
    """The PDF of each page, in order; in parallel processes when there are several.

    Through the build's helper process (:mod:`warmpdf`) when it has one, else
    here: in processes forked after WeasyPrint is imported, but never after a
    page was laid out in this one (Pango and Fontconfig are not made to be
    forked), so then one after the other.
    Raises PdfUnavailable (the first reason) when any of them cannot be made.
    """
    from . import warmpdf

    warm = warmpdf.current()  # a build's helper process, WeasyPrint imported while it worked
    made = warm.render(pages) if warm is not None and pages else None
    if made is not None:
        return made
    workers = min(len(pages), workers or worker_count())
    load_weasyprint()  # here, once: forked workers inherit it, and a missing WeasyPrint fails early
    if workers <= 1 or _laid_out:
        results = [_render_one(html) for html in pages]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
            results = list(pool.map(_render_one, pages))
    for result in results:
        if isinstance(result, PdfUnavailable):
            raise result
    return results
