"""What a process that renders PDFs keeps from one page to the next changes no PDF.

cffiarrays: a fixed-size array type made from its item type is the type cffi's
own parser makes.  pdf._font_config: the pages a process renders share one font
configuration, and each PDF is the same bytes WeasyPrint makes of its page
alone; a page that brings its own fonts gets a configuration of its own.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from pathlib import Path

import cffi
import pypdf
import pytest

from studykit import cffiarrays, pdf

DECLARED = """
typedef uint32_t hb_codepoint_t;
typedef struct { int first; double second; } pair_t;
struct named { char tag[4]; long size; };
"""
ARRAYS = ["hb_codepoint_t[51]", "hb_codepoint_t[5039]", " hb_codepoint_t [ 3 ] ", "unsigned int[7]",
          "char[4]", "char *[2]", "pair_t[3]", "struct named[5]", "hb_codepoint_t *[9]", "int[0]"]
OTHERS = ["int[2][3]", "int(*)[5]", "hb_codepoint_t[]", "pair_t *", "char[]"]


def declared_ffi() -> cffi.FFI:
    ffi = cffi.FFI()
    ffi.cdef(DECLARED)
    return ffi


def test_a_fixed_size_array_is_the_type_cffi_parses():
    plain, fast = declared_ffi(), declared_ffi()
    assert cffiarrays.install(fast)
    for cdecl in ARRAYS + OTHERS:
        made, parsed = fast.typeof(cdecl), plain.typeof(cdecl)
        assert fast.getctype(made) == plain.getctype(parsed), cdecl
        if cdecl.strip() not in ("hb_codepoint_t[]", "char[]"):  # an open array has no size
            assert fast.sizeof(made) == plain.sizeof(parsed), cdecl
        assert made.kind == parsed.kind and getattr(made, "length", None) == getattr(parsed, "length", None)
    values = fast.new("hb_codepoint_t[4]", [7, 8, 9, 4_000_000_000])
    assert list(values) == [7, 8, 9, 4_000_000_000] and fast.sizeof(values) == 16
    pairs = fast.new("pair_t[2]")
    pairs[1].second = 2.5
    assert pairs[1].second == 2.5 and pairs[0].first == 0


def test_each_item_type_is_parsed_once_whatever_the_sizes():
    ffi = declared_ffi()
    cffiarrays.install(ffi)
    parser = ffi._parser.parse_type_and_quals
    asked = []
    real = parser.parse

    def counted(cdecl):
        asked.append(cdecl.strip())
        return real(cdecl)

    parser.parse = counted
    for size in range(1, 60):
        ffi.new(f"hb_codepoint_t[{size}]")
    ffi.new("char[8]")
    ffi.new("int[2][3]")
    assert asked == ["hb_codepoint_t[]", "char[]", "int[2][3]"]


def test_installing_twice_wraps_once_and_an_unknown_ffi_is_left_alone():
    ffi = declared_ffi()
    assert cffiarrays.install(ffi)
    wrapped = ffi._parser.parse_type_and_quals
    assert cffiarrays.install(ffi) and ffi._parser.parse_type_and_quals is wrapped
    assert not cffiarrays.install(object())


def test_weasyprints_ffi_gets_it_when_weasyprint_is_loaded():
    pdf.load_weasyprint()
    from weasyprint.text.ffi import ffi

    assert isinstance(ffi._parser.parse_type_and_quals, cffiarrays._FixedArrays)


# --- one font configuration for the pages of a process --------------------------------------------

ALONE = """
import hashlib, sys, weasyprint
html = open(sys.argv[1], encoding="utf-8").read()
print(hashlib.sha256(weasyprint.HTML(string=html).write_pdf()).hexdigest())
"""


def alone(path: Path) -> str:
    """The hash of the PDF plain WeasyPrint makes of this page in a fresh process."""
    done = subprocess.run([sys.executable, "-c", ALONE, str(path)], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_pages_rendered_one_after_another_are_the_bytes_each_makes_alone(built, monkeypatch):
    monkeypatch.setattr(pdf, "_fonts", None)  # this process's configuration starts empty
    pages = sorted(built.glob("*.html"))
    assert len(pages) == 4
    htmls = [path.read_text(encoding="utf-8") for path in pages]
    shared = pdf._font_config(htmls[0])
    assert all(pdf._font_config(html) is shared for html in htmls)
    made = [hashlib.sha256(pdf.html_to_pdf(html)).hexdigest() for html in htmls + htmls[:1]]
    assert made[:4] == [alone(path) for path in pages]
    assert made[4] == made[0]  # again, after the others


FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
BRINGS = ("<html><head><style>@font-face {{ font-family: Brought; src: url({url}) }}"
          "body {{ font-family: Brought, serif }}</style></head><body><p>Typed in the page's own font.</p>"
          "</body></html>")
ASKS = ("<html><head><style>body { font-family: Brought, serif }</style></head>"
        "<body><p>No font of its own.</p></body></html>")


def font_names(data: bytes) -> set[str]:
    names = set()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


@pytest.mark.skipif(not FONT.exists(), reason="needs DejaVu Sans Mono")
def test_a_page_that_brings_fonts_keeps_them_to_itself(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "_fonts", None)
    brings = BRINGS.format(url=FONT.as_uri())
    assert pdf._font_config(brings) is not pdf._font_config(ASKS)
    assert pdf._font_config("<link rel=stylesheet href=x.css><p>x") is not pdf._font_config(ASKS)
    assert any("Brought" in name for name in font_names(pdf.html_to_pdf(brings)))
    after = pdf.html_to_pdf(ASKS)
    assert not any("Brought" in name for name in font_names(after))
    page = tmp_path / "asks.html"
    page.write_text(ASKS, encoding="utf-8")
    assert hashlib.sha256(after).hexdigest() == alone(page)
    # the guard matters: laid out in a shared configuration, the brought font reaches the next page
    monkeypatch.setattr(pdf, "_fonts", None)
    import weasyprint

    shared = pdf._font_config(ASKS)
    weasyprint.HTML(string=brings).write_pdf(font_config=shared)
    leaked = weasyprint.HTML(string=ASKS).write_pdf(font_config=shared)
    assert any("Brought" in name for name in font_names(leaked))
