"""pdf: the PDFs WeasyPrint makes hold everything the HTML asks and answers, page by page.

Text is read back with pypdf.  Page-level checks prove the print rules: page
numbers and the version letter on every page, options on the page of their
stem, a question taller than a page flowing on instead of being cut.
"""

from __future__ import annotations

import io
import logging
import re
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from studykit import pdf, quotes, worksheet
from studykit.atomic import Staging
from studykit.load import load_project
from studykit.questions import render_deck

from test_worksheet import DECK, printed_questions

LONG_TEMPLATE = """\
description: An essay question taller than a page (test only).
applies_to:
  kinds: [list]
style: short_answer
prompt: >-
  {{ fact.statement }} Read the passage again. {{ fact.statement }} Now explain in
  detail, with evidence from the source, why this mattered. {{ fact.statement }}
answer: "{{ fact.answer }}"
lines: 60
points: 10
targets: [worksheet]
"""


def flat(text: str) -> str:
    """Text as compared: ligatures unfolded, typographic quotes and whitespace folded.

    pypdf puts a space where a line breaks after a hyphen ("Soviet- Korean"), so
    spaces after hyphens are dropped on both sides of a comparison.
    """
    return re.sub(r"- ", "-", quotes.normalize(unicodedata.normalize("NFKC", text)))


def page_texts(path_or_bytes) -> list[str]:
    source = path_or_bytes if isinstance(path_or_bytes, Path) else io.BytesIO(path_or_bytes)
    return [flat(page.extract_text()) for page in pypdf.PdfReader(source).pages]


@pytest.fixture(scope="module")
def question_bank(shipped) -> tuple[str, list[str]]:
    """Every worksheet question of the deck on one sheet: HTML and its PDF's page texts."""
    recipe = replace(shipped.project.decks[DECK], worksheet={})
    (sheet, _), = worksheet.sheets(shipped.project, recipe, shipped.decks[DECK])
    html = worksheet.render_sheet(sheet)
    return html, page_texts(pdf.html_to_pdf(html))


def versions(built: Path) -> list[str]:
    return sorted(p.stem.rsplit("-", 1)[1] for p in built.glob(f"{DECK}-worksheet-*.pdf"))


def test_every_question_of_the_html_is_in_the_pdf(built):
    assert versions(built) == ["A", "B"]
    for letter in versions(built):
        html = (built / f"{DECK}-worksheet-{letter}.html").read_text(encoding="utf-8")
        text = " ".join(page_texts(built / f"{DECK}-worksheet-{letter}.pdf"))
        printed = printed_questions(html)
        assert printed
        for question in printed:
            assert flat(question["stem"]) in text, question["id"]
            for option in question["options"]:
                assert flat(option) in text, (question["id"], option)


def test_every_answer_of_the_key_is_in_the_pdf(built):
    for letter in versions(built):
        html = (built / f"{DECK}-answer-key-{letter}.html").read_text(encoding="utf-8")
        text = " ".join(page_texts(built / f"{DECK}-answer-key-{letter}.pdf"))
        for question in printed_questions(html):
            assert question["answers"] or question["kind"] in ("chart",)
            for answer in question["answers"]:
                assert flat(answer) in text, (question["id"], answer)
            assert flat(question["evidence"]) in text


def test_the_keys_chart_is_drawn_into_the_pdf(built, shipped):
    text = " ".join(page_texts(built / f"{DECK}-answer-key-A.pdf"))
    figure = worksheet.charts.figure_chart(list(shipped.project.facts.values()))
    for panel in figure.panels:
        for row in panel.rows:
            for bar in row.bars:
                assert flat(bar.label) in text


def test_every_page_shows_its_number_and_the_version(built):
    for path in sorted(built.glob("*.pdf")):
        letter = path.stem.rsplit("-", 1)[1]
        kind = "Answer key" if "answer-key" in path.name else "Worksheet"
        pages = page_texts(path)
        for number, text in enumerate(pages, start=1):
            assert f"{kind} · Version {letter} · Page {number} of {len(pages)}" in text, path.name


def test_the_shipped_worksheet_is_at_most_three_a4_pages(built):
    """The recipe asks for a short sheet (blanks 45 mm wide, table rows 10 mm high): if facts
    grow, this says the recipe needs trimming."""
    for letter in versions(built):
        reader = pypdf.PdfReader(built / f"{DECK}-worksheet-{letter}.pdf")
        assert len(reader.pages) <= 3
        box = reader.pages[0].mediabox
        assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)


def test_options_are_never_separated_from_their_stem(question_bank):
    html, pages = question_bank
    assert len(pages) > 5  # a long document, so page breaks fall between many questions
    checked = 0
    for question in printed_questions(html):
        if not question["options"]:
            continue
        stem = flat(question["stem"])
        homes = [i for i, text in enumerate(pages) if stem in text]
        assert homes, question["id"]
        assert any(all(flat(o) in pages[i] for o in question["options"]) for i in homes), question["id"]
        checked += 1
    assert checked >= 10


def long_question_sheet(project: Path) -> str:
    """A sheet whose first question (from LONG_TEMPLATE) is taller than a page, then a short one."""
    (project / "question_templates" / "long-answer.yaml").write_text(LONG_TEMPLATE, encoding="utf-8")
    loaded, problems = load_project(project)
    assert not problems
    recipe = replace(loaded.decks[DECK], templates=["long-answer", "choice-figure"], worksheet={
        "sections": [{"topic": "aid", "questions": {"short_answer": 1}},
                     {"topic": "japan", "questions": {"multiple_choice": 1}}]})
    (sheet, _), = worksheet.sheets(loaded, recipe, render_deck(loaded, recipe))
    return worksheet.render_sheet(sheet)


def test_a_question_taller_than_a_page_flows_on_and_is_never_cut(project):
    html = long_question_sheet(project)
    long_one, after = printed_questions(html)
    assert long_one["kind"] == "short_answer" and after["kind"] == "multiple_choice"
    pages = page_texts(pdf.html_to_pdf(html))
    assert len(pages) >= 3
    whole = " ".join(pages)
    assert flat(long_one["stem"]) in whole
    starts = [i for i, text in enumerate(pages) if flat(long_one["stem"])[:60] in text]
    assert starts == [0]  # begins right under the header: no empty page before it
    last = pages[-1]
    assert flat(after["stem"]) in last and all(flat(o) in last for o in after["options"])
    assert all(f"Page {n} of {len(pages)}" in text for n, text in enumerate(pages, start=1))


def test_letter_paper(shipped):
    recipe = replace(shipped.project.decks[DECK], worksheet={"paper": "letter",
                                                            "sections": [{"topic": "japan"}]})
    (sheet, key), = worksheet.sheets(shipped.project, recipe, shipped.decks[DECK])
    box = pypdf.PdfReader(io.BytesIO(pdf.html_to_pdf(worksheet.render_sheet(key)))).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # 8.5 x 11 in


def test_weasyprint_has_nothing_to_complain_about(built, caplog):
    html = (built / f"{DECK}-answer-key-A.html").read_text(encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf.html_to_pdf(html)
    assert not [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]


def test_no_weasyprint_gives_one_clear_line(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(pdf.PdfUnavailable) as caught:
        pdf.html_to_pdf("<p>x</p>")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("PDFs not written: WeasyPrint is not installed")
    assert "pip install weasyprint" in message and "browser" in message


def test_a_failed_pdf_leaves_no_file_behind(shipped, tmp_path, monkeypatch):
    """The PDF is rendered to memory first: when that fails, no .pdf exists, not even half of one."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    out = tmp_path / "out"
    with Staging(out) as stage:
        names = worksheet.write_worksheets(shipped.project, shipped.project.decks[DECK],
                                           shipped.decks[DECK], stage, variants=1, notify=lambda _: None)
    assert not list(out.rglob("*.pdf"))
    assert sorted(p.name for p in out.iterdir() if p.name != ".studykit-cache") == sorted(names)
