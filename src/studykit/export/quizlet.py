"""Quizlet import text: "term TAB definition", one card per line.

Quizlet's importer splits on the tab and the line break and knows no
quoting, so any tab or line break inside a field is folded into a space.
Cards that come out identical (the same question asked by two templates)
are written once.
"""

from __future__ import annotations

from ..questions import Question
from .common import BLANK, exportable, spreadsheet_safe


def flat(text: str) -> str:
    """One line, no tabs: the only shape a Quizlet field can have.

    A leading = + - @ gets an invisible zero-width space before it, so a
    spreadsheet opening the file never runs the cell as a formula.
    """
    return spreadsheet_safe(" ".join(text.split()), "\u200b")


def cards(questions: list[Question]) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """(term, definition) pairs for the export questions, and how many were skipped by style."""
    found: dict[tuple[str, str], None] = {}
    skipped: dict[str, int] = {}
    for question in exportable(questions):
        made = _cards_for(question)
        if not made:
            skipped[question.style] = skipped.get(question.style, 0) + 1
        for term, definition in made:
            term, definition = flat(term), flat(definition)
            if term and definition:
                found.setdefault((term, definition))
    return list(found), skipped


def _cards_for(question: Question) -> list[tuple[str, str]]:
    style = question.style
    if style == "true_false":
        return [(f"True or false? {question.prompt}", question.answer)]
    if style == "matching":
        return list(question.pairs)
    if style == "fill_blank":
        made = []
        for n in sorted({n for _, n in question.cloze if n}):
            text = "".join(BLANK if number == n else part for part, number in question.cloze_shown({n}))
            answer = next(part for part, number in question.cloze if number == n)
            made.append((text, answer))
        return made
    if style == "ordering":
        return [(question.prompt + " " + "; ".join(question.options),
                 "; ".join(f"{i}. {item}" for i, item in enumerate(question.order, start=1)))]
    if style in ("short_answer", "multiple_choice"):
        return [(question.prompt, question.answer)]
    return []


def write(card_list: list[tuple[str, str]]) -> str:
    return "".join(f"{term}\t{definition}\n" for term, definition in card_list)
