"""HTML -> PDF through WeasyPrint, which is heavy and needs system libraries.

WeasyPrint is imported only here, the first time a PDF is asked for, so the
rest of studykit starts fast and works without it.  Rendering returns the
whole PDF as bytes; callers write the file only once it is complete, so a
failed render never leaves half a PDF behind.
"""

from __future__ import annotations

HOW_TO_GET_PDFS = ("the HTML files print from any browser; for PDFs install WeasyPrint "
                   "('pip install weasyprint') and Pango (Debian/Ubuntu: "
                   "'apt-get install libpango-1.0-0 libpangoft2-1.0-0')")


class PdfUnavailable(Exception):
    """No PDF could be made; the message is one line saying why and what to do."""


def _weasyprint():
    try:
        import weasyprint
    except ImportError as err:
        raise PdfUnavailable(f"PDFs not written: WeasyPrint is not installed ({err}); "
                             f"{HOW_TO_GET_PDFS}") from None
    except OSError as err:  # cffi cannot find pango, gobject, harfbuzz, ...
        raise PdfUnavailable(f"PDFs not written: WeasyPrint cannot load its system libraries "
                             f"({str(err).splitlines()[0] if str(err) else type(err).__name__}); "
                             f"{HOW_TO_GET_PDFS}") from None
    return weasyprint


def html_to_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML page, or PdfUnavailable."""
    weasyprint = _weasyprint()
    try:
        return weasyprint.HTML(string=html).write_pdf()
    except Exception as err:  # noqa: BLE001 - any failure means: HTML only, say why
        raise PdfUnavailable(f"PDFs not written: WeasyPrint failed ({type(err).__name__}: {err}); "
                             f"{HOW_TO_GET_PDFS}") from None
