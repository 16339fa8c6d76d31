"""weasyfix: tinyhtml5's repaired cache gives the very parse tinyhtml5 gives without it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

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
