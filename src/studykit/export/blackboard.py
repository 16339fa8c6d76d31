"""Blackboard Learn's "Upload Questions" file: one question per line, its fields separated by tabs.

The format, as Blackboard documents it (help.blackboard.com, Learn > Instructor > Tests, Pools
and Surveys > Reuse Questions > "Upload Questions", Original and Ultra course views; the same
table in older releases' manuals, library.blackboard.com "Upload Questions", and universities'
copies of it)::

    MC   TAB question TAB answer TAB correct|incorrect (TAB answer TAB correct|incorrect ...)
    MA   (the same, more than one answer correct)
    TF   TAB question TAB true|false
    ESS  TAB question TAB [example answer]
    ORD  TAB question TAB first TAB second ...         (the right order; Blackboard shuffles)
    MAT  TAB question TAB answer TAB match (TAB answer TAB match ...)
    FIB  TAB question TAB answer (TAB another accepted answer ...)
    NUM  TAB question TAB answer TAB [tolerance]

A tab-delimited .txt file, no header row, no blank line (Blackboard reads one as a broken
record), the markers (``correct``, ``true`` ...) in English; at most 20 answers per question
(the Original view's limit; Ultra allows 100).  A question Blackboard cannot read fails alone.
Nothing in the format quotes a tab or a line break, and Blackboard shows the question and answer
texts as HTML (converters that target it write ``<br />`` for a line break): so texts are
HTML-escaped, a line break is written ``<br />`` and a tab a space.  A fill-in answer is what
the student types, compared as text: it is written plain (only its tabs and line breaks made
spaces).

The questions are the other quiz exports' (:func:`.common.quiz_items`: one question per blank of
a fill-in, a short answer that is a number as NUM, a long one as an essay with the model answer
as its example), plus ordering questions, which Blackboard can ask (ORD).  Blackboard has no
feedback field, question name or category: it gives each upload the pool or test it goes into.
"""

from __future__ import annotations

import html

from ..model import Project
from ..questions import Question
from .common import MIN_MATCHING_PAIRS, QuizItem, exportable, quiz_items

MAX_ANSWERS = 20
TOO_MANY = "with more than 20 answers"  # the left-out count of questions Blackboard would refuse
RECOMMENDED_LINES = 250  # Blackboard's advice for one upload (browser time-outs)


def text(value: str) -> str:
    """A question or choice text as one field: HTML-escaped, line breaks as ``<br />``."""
    lines = [" ".join(html.escape(line, quote=False).split()) for line in value.strip().splitlines()]
    return "<br />".join(line for line in lines if line)


def typed(value: str) -> str:
    """An answer a student types (FIB), as one field: plain text on one line."""
    return " ".join(value.split())


def write(project: Project, recipe, questions: list[Question], tolerance: float) -> tuple[str, int, dict[str, int]]:
    """The upload file, how many questions it holds, and how many were left out by style."""
    quiz = quiz_items(project, recipe, questions, tolerance, split_cloze=True)
    skipped = dict(quiz.skipped)
    lines = []
    for item in quiz.items:
        fields = _fields(item)
        if fields is None:
            skipped[TOO_MANY] = skipped.get(TOO_MANY, 0) + 1
        else:
            lines.append(fields)
    for question in exportable(questions):  # what Blackboard asks and the other quiz formats cannot
        fields = _beyond_moodle(question)
        if fields is not None:
            lines.append(fields)
            skipped[question.style] -= 1
    skipped = {style: n for style, n in skipped.items() if n}
    rows = ["\t".join(fields) for fields in lines if all(fields)]
    skipped_empty = len(lines) - len(rows)
    if skipped_empty:
        skipped["with an empty text"] = skipped_empty
    return "".join(row + "\n" for row in rows), len(rows), skipped


def _fields(item: QuizItem) -> list[str] | None:
    """One item's fields, or None when it has more answers than Blackboard takes."""
    kind, stem = item.kind, text(item.text)
    if kind == "multichoice":
        if len(item.answers) > MAX_ANSWERS:
            return None
        rights = sum(a.right for a in item.answers)
        fields = ["MC" if rights == 1 else "MA", stem]
        for answer in item.answers:
            fields += [text(answer.text), "correct" if answer.right else "incorrect"]
        return fields
    if kind == "truefalse":
        return ["TF", stem, "true" if item.truth else "false"]
    if kind == "matching":
        if len(item.pairs) > MAX_ANSWERS:
            return None
        return ["MAT", stem, *(text(side) for pair in item.pairs for side in pair)]
    if kind == "numerical":
        return ["NUM", stem, item.number, item.tolerance]
    if kind == "shortanswer":
        forms = list(dict.fromkeys(typed(a.text) for a in item.answers))
        if len(forms) <= MAX_ANSWERS:
            return ["FIB", stem, *forms]
        return _essay(stem, _model(item))  # every order of a long list: the teacher marks it
    return _essay(stem, item.graderinfo)


def _essay(stem: str, example: str) -> list[str]:
    """An essay, with the model answer (and what else the teacher needs) as its example answer."""
    return ["ESS", stem, text(example)] if text(example) else ["ESS", stem]


def _beyond_moodle(question: Question) -> list[str] | None:
    """An ordering question (ORD, the items in their right order), or a matching one of two pairs."""
    if question.style == "ordering" and 2 <= len(question.order) <= MAX_ANSWERS:
        return ["ORD", text(question.prompt), *map(text, question.order)]
    if question.style == "matching" and 2 <= len(question.pairs) < MIN_MATCHING_PAIRS:
        return ["MAT", text(question.prompt), *(text(side) for pair in question.pairs for side in pair)]
    return None


def _model(item: QuizItem) -> str:
    from .common import grader_info

    return grader_info(item.question) if item.question is not None else item.answers[0].text
