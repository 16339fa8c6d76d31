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


def test_pseudo_element_styles_computed_on_demand_make_the_same_pdfs(built, monkeypatch):
    """WeasyPrint's cascade computes six pseudo-element styles per element up front; computed when
    asked for instead, a worksheet, a key (chart, lists) and a page with markers, ::before and
    anchors give the same bytes, from far fewer computed styles."""
    weasyprint = pdf.load_weasyprint()
    from weasyprint import css

    assert css.StyleFor._studykit_lazy_pseudo and weasyfix.install_lazy_pseudo_styles()
    pages = [next(built.glob(f"*-{name}")).read_text(encoding="utf-8")
             for name in ("worksheet-A.html", "answer-key-A.html")]
    pages.append("<style>li::marker{color:#333} p::before{content:'[' counter(page) ']'}"
                 "h2::after{content:'*';anchor:attr(id)}</style><h2 id=top>Head</h2>"
                 "<ol><li>one</li><li style='list-style: square inside'>two</li></ol><p>a</p>")
    pseudo = []

    class Counted(css.ComputedStyle):
        def __init__(self, parent_style, cascaded, pseudo_type, *rest):
            pseudo.append(pseudo_type)
            super().__init__(parent_style, cascaded, pseudo_type, *rest)

    monkeypatch.setattr(css, "ComputedStyle", Counted)
    lazy = [weasyprint.HTML(string=page).write_pdf() for page in pages]
    lazily, pseudo[:] = sum(p is not None for p in pseudo), []
    eager_init, eager_call, eager_set = css.StyleFor._studykit_eager
    monkeypatch.setattr(css.StyleFor, "__init__", eager_init)
    monkeypatch.setattr(css.StyleFor, "__call__", eager_call)
    monkeypatch.setattr(css.StyleFor, "set_computed_styles", eager_set)
    assert [weasyprint.HTML(string=page).write_pdf() for page in pages] == lazy
    eagerly = sum(p is not None for p in pseudo)
    assert 0 < lazily < eagerly / 3
