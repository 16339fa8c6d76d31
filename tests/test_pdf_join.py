"""Joining PDF parts (the printable flashcards) with pikepdf.

Every check reads the joined PDF back with pypdf (and poppler's pdftotext when
installed), independently of the joiner.
"""

from __future__ import annotations

import io
import shutil
import subprocess

import pypdf
import pytest

from studykit import pdf

weasyprint = pytest.importorskip("weasyprint")


def part(title: str, pages: list[str], extra: str = "") -> bytes:
    """A PDF of ``pages`` (one paragraph each) written by WeasyPrint, as studykit renders a part."""
    body = "".join(f'<p style="page-break-after: always">{text}</p>' for text in pages)
    return weasyprint.HTML(string=f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
                                  f"<style>@page {{ size: A6; margin: 1cm }}</style></head>"
                                  f"<body>{body}{extra}</body></html>").write_pdf()


def texts(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_weasyprints_parts_are_joined_page_by_page_in_order_with_the_first_parts_title():
    parts = [part("Deck (3 0 R) cards", ["Front one", "Back one"]),
             part("Another title", ["Front two ünïcode €", "Back two"]),
             part("Third", ["Front three"])]
    joined = pdf.join_pdfs(parts)
    reader = pypdf.PdfReader(io.BytesIO(joined), strict=True)
    assert texts(joined) == ["Front one", "Back one", "Front two ünïcode €", "Back two", "Front three"]
    assert reader.metadata.title == "Deck (3 0 R) cards"  # a reference-like text in a string stays text
    assert [float(p.mediabox.width) for p in reader.pages] == [float(reader.pages[0].mediabox.width)] * 5
    assert pdf.join_pdfs(parts) == joined  # the same parts, the same bytes
    assert len(joined) < sum(map(len, parts)) * 1.2  # streams copied as they were, not inflated


def test_links_and_fonts_of_every_part_still_point_at_their_own_objects():
    parts = [part("A", ["Mono <code>x1</code>"], '<p><a href="https://example.org/a">link a</a></p>'),
             part("B", ["Serif <b>bold</b>"], '<p><a href="https://example.org/b">link b</a></p>')]
    joined = pdf.join_pdfs(parts)
    reader = pypdf.PdfReader(io.BytesIO(joined), strict=True)
    uris = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            uris.append(annot.get_object()["/A"]["/URI"])
    assert uris == ["https://example.org/a", "https://example.org/b"]
    assert texts(joined) == ["Mono x1", "link a", "Serif bold", "link b"]
    if shutil.which("pdftotext"):  # poppler reads it too, fonts and all
        shown = subprocess.run(["pdftotext", "-", "-"], input=joined, capture_output=True, check=True).stdout
        assert b"Serif bold" in shown and b"link b" in shown


def test_a_part_written_by_another_program_is_joined_too():
    weasy = part("First", ["One", "Two"])
    writer = pypdf.PdfWriter()  # pypdf's shape: a classic cross-reference table, no object streams
    for data in (part("x", ["Three"]), part("y", ["Four"])):
        for page in pypdf.PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    other = io.BytesIO()
    writer.write(other)
    joined = pdf.join_pdfs([weasy, other.getvalue()])
    assert texts(joined) == ["One", "Two", "Three", "Four"]
    assert pypdf.PdfReader(io.BytesIO(joined), strict=True).metadata.title == "First"
