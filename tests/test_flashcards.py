"""Printable flashcards read back with pypdf: fronts and backs pair up, mirrored for duplex."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studykit.build import build_project
from studykit.check import check_project
from studykit.flashcards import card_questions

DECK = "soviet-korean-relations-1967"
MM = 72 / 25.4  # PDF points per millimetre
A4_WIDTH, LETTER_WIDTH = 210 * MM, 215.9 * MM


def small_project(project: Path, size: str | None, paper: str | None = None) -> Path:
    """The shipped facts, one topic, no worksheet: a deck of a few dozen cards."""
    path = project / "decks" / f"{DECK}.yaml"
    text = path.read_text(encoding="utf-8")
    text = text[:text.index("\nworksheet:")] + "\n"
    text = re.sub(r"(?m)^topics: .*$", "topics: [document]", text)
    text = re.sub(r"(?m)^outputs: .*\n", "", text)
    if size:
        text += f"cards: {{size: {size}{', paper: ' + paper if paper else ''}}}\n"
    path.write_text(text, encoding="utf-8")
    return project


def read_cards(pdf: Path, ids: set[str]):
    """Per page: its text and where each question id starts (x, y in points)."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(pdf).pages:
        found: dict[str, tuple[float, float]] = {}

        def visit(text, cm, tm, font, size, found=found):
            word = text.strip()
            if word in ids:
                found[word] = (tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

        text = page.extract_text(visitor_text=visit)
        pages.append((" ".join(text.split()), found, float(page.mediabox.width)))
    return pages


def built_cards(project: Path, out: Path):
    result = check_project(project)
    questions = card_questions(result.decks[DECK].questions)
    build_project(project, out=out, only=["cards"])
    return questions, read_cards(out / f"{DECK}-cards.pdf", {q.id for q in questions})


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("size, paper, per_sheet, width, card_width", [
    (None, None, 4, A4_WIDTH, 74 * MM),                 # A7 on A4 by default
    ("index-3x5", "letter", 3, LETTER_WIDTH, 127 * MM),  # 3 x 5 in index cards on US Letter
])
def test_fronts_and_backs_pair_up_mirrored_for_long_edge_duplex(project, tmp_path, size, paper, per_sheet,
                                                                width, card_width):
    questions, pages = built_cards(small_project(project, size, paper), tmp_path / "out")
    assert questions and len(pages) == 2 * -(-len(questions) // per_sheet)
    [source] = check_project(project).project.sources.values()
    citation = flat(source.short_citation)
    by_id = {q.id: q for q in questions}
    sums = set()
    for sheet in range(0, len(pages), 2):
        (front_text, fronts, page_width), (back_text, backs, _) = pages[sheet], pages[sheet + 1]
        assert page_width == pytest.approx(width, abs=1)
        chunk = [q.id for q in questions[sheet // 2 * per_sheet:(sheet // 2 + 1) * per_sheet]]
        assert set(fronts) == set(backs) == set(chunk), "each card's id on both sides"
        for qid in chunk:
            (xf, yf), (xb, yb) = fronts[qid], backs[qid]
            assert yb == pytest.approx(yf, abs=0.5), "same row on both sides"
            sums.add(round(xf + xb, 1))  # mirrored: x_back = width - x_front - card width + 2 insets
            question = by_id[qid]
            assert flat(question.prompt) in front_text
            assert flat(question.answer.split(";")[0]) in back_text or question.style in ("ordering", "matching")
        assert "questions" in front_text and "answers" in back_text
        assert back_text.count(citation) == len(chunk), "each back carries the short citation"
    assert len(sums) == 1
    inset = (sums.pop() - width + card_width) / 2
    assert 4 * MM <= inset <= 7 * MM, "the id sits just inside the card's left edge on both sides"


def test_multiple_choice_and_ordering_cards_show_options_and_answers(project, tmp_path):
    from anki_pages import keep_ordering_card

    small = small_project(keep_ordering_card(project), None)
    path = small / "decks" / f"{DECK}.yaml"
    path.write_text(re.sub(r"(?m)^topics: .*$", "topics: [aid, visit]", path.read_text(encoding="utf-8")),
                    encoding="utf-8")
    questions, pages = built_cards(small, tmp_path / "out")
    where = {qid: i for i, (_, found, _) in enumerate(pages) for qid in found if i % 2 == 0}
    checked = set()
    for question in questions:
        front, back = pages[where[question.id]][0], pages[where[question.id] + 1][0]
        if question.style == "multiple_choice":
            assert all(flat(o) in front for o in question.options)
            assert flat(f"{question.correct_letter}. {question.options[question.correct]}") in back
        elif question.style == "ordering":
            assert all(flat(o) in front for o in question.options)
            assert all(flat(o) in back for o in question.order)
        else:
            continue
        checked.add(question.style)
    assert checked == {"multiple_choice", "ordering"}


def test_an_unknown_card_size_is_reported_at_its_line(project):
    small = small_project(project, "postcard")
    problems = check_project(small).problems
    assert any("postcard" in p.message and "a7" in p.message for p in problems)
    assert all(p.path.endswith(f"{DECK}.yaml") and p.line > 1 for p in problems)


def test_an_unchanged_deck_reuses_its_flashcard_pdf(project, tmp_path, monkeypatch):
    from studykit import pdf

    small = small_project(project, None)
    out = tmp_path / "out"
    build_project(small, out=out, only=["cards"])
    first = (out / f"{DECK}-cards.pdf").read_bytes()
    facts = small / "seeds" / DECK / "facts" / "aid.yaml"  # a topic the small deck leaves out
    facts.write_text(facts.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")

    def no_rendering(*args, **kwargs):
        raise AssertionError("the flashcards were rendered again although nothing on them changed")

    monkeypatch.setattr(pdf, "html_to_pdfs", no_rendering)
    monkeypatch.setattr(pdf, "html_to_pdf", no_rendering)
    report = build_project(small, out=out, only=["cards"])
    assert (out / f"{DECK}-cards.pdf").read_bytes() == first
    assert any("flashcards:" in line and "cards" in line for line in report.lines())
