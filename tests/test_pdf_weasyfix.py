"""weasyfix: tinyhtml5's repaired cache gives the very parse tinyhtml5 gives without it."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pypdf
import pytest
from tinyhtml5 import inputstream, parse

from studykit import pdf, weasyfix


@pytest.fixture
def plain_cache(monkeypatch):
    """tinyhtml5 as shipped: a plain dict (undone after the test)."""
    monkeypatch.setattr(inputstream, "characters_until_regex", {})


def test_the_repaired_cache_parses_a_worksheet_to_the_same_tree_and_hits(plain_cache, built, monkeypatch):
    page = next(built.glob("*-answer-key-A.html")).read_text(encoding="utf-8")
    expected = ET.tostring(parse(page))
    shipped = inputstream.characters_until_regex
    # as shipped, each expression is stored under a key the parser never looks up again
    assert shipped and all(isinstance(key[0], type(next(iter(shipped.values())))) for key in shipped)
    built_by_tinyhtml5 = {value.pattern for value in shipped.values()}

    assert weasyfix.install()
    cache = inputstream.characters_until_regex
    assert ET.tostring(parse(page)) == expected
    made = dict(cache)
    assert {value.pattern for value in made.values()} == built_by_tinyhtml5  # the same expressions
    assert ET.tostring(parse(page)) == expected and dict(cache) == made  # a second parse only hits


def test_installing_twice_keeps_one_cache_and_pdf_installs_it(plain_cache):
    assert weasyfix.install()
    cache = inputstream.characters_until_regex
    assert weasyfix.install() and inputstream.characters_until_regex is cache
    pdf.load_weasyprint()
    assert inputstream.characters_until_regex is cache


def test_pdf_installs_it_when_weasyprint_is_loaded(plain_cache):
    pdf.load_weasyprint()
    assert isinstance(inputstream.characters_until_regex, weasyfix._UntilCache)


def test_an_unknown_tinyhtml5_is_left_alone(monkeypatch):
    monkeypatch.setattr(inputstream, "characters_until_regex", ())
    assert not weasyfix.install()
    assert inputstream.characters_until_regex == ()


def test_a_pdf_is_rendered_with_garbage_collection_paused_and_it_resumes(built, monkeypatch):
    """pdf.html_to_pdf lays out and writes a worksheet with no collection pass (a sixth of a long
    sheet's CPU was spent there); the collector is on again afterwards, and stays off for a caller
    who had turned it off."""
    import gc

    weasyprint = pdf.load_weasyprint()
    page = next(built.glob("*-worksheet-A.html")).read_text(encoding="utf-8")
    passes, during = [], []

    def seen(phase, info):
        if phase == "start":
            passes.append(info["generation"])

    write_pdf = weasyprint.HTML.write_pdf

    def watched(self, *args, **kwargs):  # the passes while WeasyPrint renders and writes
        before = len(passes)
        try:
            return write_pdf(self, *args, **kwargs)
        finally:
            during.append((len(passes) - before, gc.isenabled()))

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", watched)
    gc.callbacks.append(seen)
    try:
        made = pdf.html_to_pdf(page)
        assert during == [(0, False)] and gc.isenabled()
        with weasyfix.gc_paused():
            pass
        assert gc.isenabled()
        unpaused = [weasyprint.HTML(string=page).write_pdf() for _ in range(2)]
        assert during[1:] and sum(n for n, _ in during[1:]) > 0  # WeasyPrint alone does collect
        gc.disable()
        try:
            assert pdf.html_to_pdf(page) == made == unpaused[0] and not gc.isenabled()
        finally:
            gc.enable()
    finally:
        gc.callbacks.remove(seen)
    assert len(pypdf.PdfReader(io.BytesIO(made)).pages) >= 1
