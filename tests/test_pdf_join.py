"""Joining PDF parts (the printable flashcards): studykit.pdfjoin copies WeasyPrint's objects as bytes.

Every check reads the joined PDF back with pypdf (and poppler's pdftotext when
installed), independently of the joiner's own parsing.
"""

from __future__ import annotations

import io
import shutil
import subprocess

import pypdf
import pytest

from studykit import pdf, pdfjoin

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
    joined = pdfjoin.join(parts)  # WeasyPrint's own shape: no fallback needed
    reader = pypdf.PdfReader(io.BytesIO(joined), strict=True)
    assert texts(joined) == ["Front one", "Back one", "Front two ünïcode €", "Back two", "Front three"]
    assert reader.metadata.title == "Deck (3 0 R) cards"  # a reference-like text in a string stays text
    assert [float(p.mediabox.width) for p in reader.pages] == [float(reader.pages[0].mediabox.width)] * 5
    assert pdf.join_pdfs(parts) == joined == pdfjoin.join(parts)  # the same parts, the same bytes
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


def test_a_part_of_another_shape_is_joined_by_pypdf_instead():
    weasy = part("First", ["One", "Two"])
    other = pdf.join_with_pypdf([part("x", ["Three"]), part("y", ["Four"])])  # pypdf's shape: classic xref
    with pytest.raises(pdfjoin.NotJoinable):
        pdfjoin.join([weasy, other])
    joined = pdf.join_pdfs([weasy, other])
    assert texts(joined) == ["One", "Two", "Three", "Four"]
    assert pypdf.PdfReader(io.BytesIO(joined)).metadata.title == "First"


@pytest.mark.parametrize("damage", [lambda d: d[:len(d) // 2], lambda d: d.replace(b"/FlateDecode", b"/LZWDecode"),
                                    lambda d: b"not a pdf"])
def test_a_damaged_part_is_not_joined_by_bytes(damage):
    with pytest.raises(pdfjoin.NotJoinable):
        pdfjoin.join([part("A", ["One"]), damage(part("B", ["Two"]))])
