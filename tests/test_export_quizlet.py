"""Quizlet export: every line is one card, "term TAB definition", whatever the fact text holds."""

from __future__ import annotations

import dataclasses

from studykit.check import check_project
from studykit.export import export_project, quizlet

DECK = "soviet-korean-relations-1967"


def read_cards(path) -> list[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "", "the file ends with a line break"
    cards = [tuple(line.split("\t")) for line in lines[:-1]]
    assert all(len(card) == 2 for card in cards), "exactly one tab per line"
    return cards


def test_each_exported_question_gives_its_cards(repo, tmp_path):
    written = export_project(repo, "quizlet", out=tmp_path)[0]
    cards = read_cards(written.path)
    assert len(cards) == len(set(cards)) == written.items
    questions = check_project(repo).decks[DECK].questions
    exported = [q for q in questions if "export" in q.targets]
    for question in exported:
        if question.style in ("short_answer", "multiple_choice"):
            assert (question.prompt, question.answer) in cards
        elif question.style == "true_false":
            assert (f"True or false? {question.prompt}", question.answer) in cards
        elif question.style == "matching":
            assert set(question.pairs) <= set(cards)
        elif question.style == "fill_blank":
            blanks = [part for part, n in question.cloze if n]
            made = [c for c in cards if c[1] in blanks and "_____" in c[0]]
            assert {c[1] for c in made} >= set(blanks)


def test_tabs_and_line_breaks_inside_fields_are_folded(repo):
    question = next(q for q in check_project(repo).decks[DECK].questions
                    if q.style == "short_answer" and "export" in q.targets)
    messy = dataclasses.replace(question, prompt="Line one\nline\ttwo\r\n", answer="a\tb\n\nc")
    cards, _ = quizlet.cards([messy])
    text = quizlet.write(cards)
    assert text == "Line one line two\ta b c\n"


def test_identical_cards_from_two_templates_are_written_once(repo):
    question = next(q for q in check_project(repo).decks[DECK].questions
                    if q.style == "short_answer" and "export" in q.targets)
    twin = dataclasses.replace(question, id="other/" + question.id, template_id="other")
    cards, _ = quizlet.cards([question, twin])
    assert cards == [(question.prompt, question.answer)]


def test_tables_cannot_become_cards_and_are_counted(repo):
    table = next(q for q in check_project(repo).decks[DECK].questions if q.style == "table")
    cards, skipped = quizlet.cards([dataclasses.replace(table, targets=("export",))])
    assert cards == [] and skipped == {"table": 1}
