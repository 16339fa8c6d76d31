"""Moodle's Aiken format: multiple-choice questions as plain text, for Moodle's question bank
(Import > Aiken format) and the many quiz tools that read it.

The format, as Moodle documents it (its importer, ``question/format/aiken/format.php``, and the
Moodle Docs page "Aiken format")::

    Question text, all on one line
    A) First choice
    B) Second choice
    ANSWER: B

A choice line is a capital letter, ``)`` or ``.``, a space and the choice's text; a line starting
``ANSWER:`` names the right choice's letter and ends the question; any other line of two
characters or more starts a new question.  One choice is right; there is no feedback, name or
category.  Moodle HTML-escapes every text itself on import, so the file holds plain text (escaped
here, a student would read ``&amp;``).

So only multiple choice and true/false (the statement, with the two choices "True" and "False")
go out, one blank line between questions; everything else is counted as left out.  Nothing in
the format can quote a line's start, so a question whose text would read as another kind of line
(starting ``A.``, ``I)`` or ``ANSWER:``) is left out too, and counted, as is one with more than
26 choices.  A text's line breaks and tabs become spaces.
"""

from __future__ import annotations

import re

from ..questions import Question
from .common import exportable

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_NOT_A_STEM = re.compile(r"^(?:[A-Z][).]|ANSWER:)")  # Moodle would read it as a choice or the answer
UNSAFE = "starting like a choice"  # the left-out count of stems the format cannot hold


def one_line(text: str) -> str:
    """A text as one Aiken line: every run of whitespace (line breaks, tabs) one space."""
    return " ".join(text.split())


def write(questions: list[Question]) -> tuple[str, int, dict[str, int]]:
    """The Aiken file of the export questions, how many it holds, and how many were left out by style."""
    blocks: list[str] = []
    skipped: dict[str, int] = {}
    for question in exportable(questions):
        block, why = _block(question)
        if block is None:
            skipped[why] = skipped.get(why, 0) + 1
        else:
            blocks.append(block)
    return "\n\n".join(blocks) + ("\n" if blocks else ""), len(blocks), skipped


def _block(question: Question) -> tuple[str | None, str]:
    """One question's lines, or None and the reason it is left out."""
    if question.style == "multiple_choice":
        choices, right = list(question.options), question.correct
    elif question.style == "true_false":
        choices, right = ["True", "False"], 0 if question.truth else 1
    else:
        return None, question.style
    stem = one_line(question.prompt)
    if (len(stem) < 2 or _NOT_A_STEM.match(stem) or not 2 <= len(choices) <= len(LETTERS)
            or not all(one_line(choice) for choice in choices)):
        return None, UNSAFE
    lines = [stem] + [f"{LETTERS[i]}) {one_line(choice)}" for i, choice in enumerate(choices)]
    return "\n".join(lines + [f"ANSWER: {LETTERS[right]}"]), ""
