"""What WeasyPrint never uses is left out of the HTML it is handed (pdf.lean_html), and no PDF changes.

The sheets' question ids and numbers are for scripts and tests reading the HTML
output; a line break before a block's tag is white space the layout drops.  The
page WeasyPrint parses is shorter; the PDF is the bytes of the page as written.
"""

from __future__ import annotations

import weasyprint

from studykit import pdf


def test_the_shipped_sheets_lose_ids_numbers_and_line_breaks_and_keep_their_pdf(built):
    pages = sorted(built.glob("*.html"))
    assert len(pages) == 4
    for path in pages:
        html = path.read_text(encoding="utf-8")
        lean = pdf.lean_html(html)
        assert 'data-question="' in html and "data-question" not in lean and "data-number" not in lean
        assert "\n<div" in html and "\n<div" not in lean and "\n<p" not in lean
        assert "data-continued" in lean  # the "(continued)" line reads it
        assert len(lean) < len(html)
        assert weasyprint.HTML(string=lean).write_pdf() == weasyprint.HTML(string=html).write_pdf()


def test_text_and_attributes_of_other_names_are_kept():
    html = ('<p data-numbered="3" class="x">a data-number="2" b\n'
            '<span>\n</span></p>\n<ul>\n<li>x</li>\n<li>y</li></ul>')
    lean = pdf.lean_html(html)
    assert 'data-numbered="3"' in lean and "a data-number=\"2\" b" in lean and "<span>\n</span>" in lean
    assert "<li>x</li>\n<li>" in lean  # between inline blocks a line break is a space
