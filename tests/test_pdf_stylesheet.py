"""A page's stylesheet parsed once per process (pdf._parsed_once) changes no PDF.

The sheets' print CSS and the flashcards' CSS are handed to WeasyPrint as a
parsed stylesheet of their own, kept for the next page; each PDF is still the
same bytes plain WeasyPrint makes of the page alone.  A page whose styles would
rank differently that way keeps its stylesheet.
"""

from __future__ import annotations

import hashlib

import pytest
import tinycss2
import weasyprint

from studykit import pdf
from studykit.chart import LAYOUTS
from studykit.flashcards import card_questions, cards_html, layout_for

from test_pdf_reuse import alone

SOURCE_ID = "soviet-korean-relations-1967"


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The text of every stylesheet parsed from here on (WeasyPrint parses each with tinycss2)."""
    seen, real = [], tinycss2.parse_stylesheet

    def counted(css, *args, **kwargs):
        seen.append(css)
        return real(css, *args, **kwargs)

    monkeypatch.setattr(tinycss2, "parse_stylesheet", counted)
    monkeypatch.setattr(pdf, "_stylesheets", {})
    return seen


def test_the_sheets_print_css_is_parsed_once_for_every_page_and_changes_no_pdf(built, parses, tmp_path):
    pdf.warm_stylesheet(LAYOUTS / "print.css")  # as the build's PDF helper does before its workers fork
    assert len(parses) == 1 and ".stem" in parses[0]
    pages = sorted(built.glob("*.html"))
    assert len(pages) == 4
    made = [hashlib.sha256(pdf.html_to_pdf(path.read_text(encoding="utf-8"))).hexdigest() for path in pages]
    assert sum(".stem" in css for css in parses) == 1  # no page parsed it again
    assert made == [alone(path) for path in pages]


def test_a_flashcards_part_parses_its_css_once_and_makes_the_same_pdf(shipped, parses, tmp_path):
    recipe = shipped.project.decks[SOURCE_ID]
    questions = card_questions(shipped.decks[SOURCE_ID].questions)
    first, second = cards_html(shipped.project, recipe, questions, layout_for(), sheets_per_part=1)[:2]
    made = [pdf.html_to_pdf(first), pdf.html_to_pdf(second)]
    assert sum(".card" in css for css in parses) == 1
    path = tmp_path / "part.html"
    path.write_text(second, encoding="utf-8")
    assert hashlib.sha256(made[1]).hexdigest() == alone(path)


PAGE = ("<html><head><style>p { color: red }</style>{other}</head>"
        "<body><p class='x'>Some text.</p></body></html>")


@pytest.mark.parametrize("other", [
    "<style>p.x { color: blue }</style>",  # would lose to the first sheet's rule: ranks change
    "<style>@page { size: A5 } p { margin: 0 }</style>",
    "<style>@media print { p { color: blue } }</style>",
])
def test_a_page_whose_other_styles_are_more_than_page_rules_keeps_its_stylesheet(parses, other):
    page = PAGE.replace("{other}", other)
    assert pdf._parsed_once(page, weasyprint) == (page, [])


@pytest.mark.parametrize("first", ["p { color: red !important }", "@import url(x.css);",
                                   "@font-face { font-family: X; src: url(x.ttf) }", "@layer base { p { color: red } }"])
def test_a_stylesheet_that_would_rank_otherwise_stays_in_the_page(parses, first):
    page = PAGE.replace("p { color: red }", first).replace("{other}", "")
    assert pdf._parsed_once(page, weasyprint) == (page, [])


def test_page_rules_alone_let_the_first_stylesheet_go(parses):
    page = PAGE.replace("{other}", "<style>\n@page {\n  size: A4;\n  @bottom-center { content: 'a } b' counter(page); }\n}\n"
                                   "@page :first { margin: 0 }</style>")
    rest, sheets = pdf._parsed_once(page, weasyprint)
    assert len(sheets) == 1 and "color: red" not in rest and "@page :first" in rest
    assert pdf._parsed_once(page, weasyprint)[1][0] is sheets[0]  # parsed once
    assert sum("color: red" in css for css in parses) == 1
