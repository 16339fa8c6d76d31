"""Moodle GIFT: a plain-text quiz format, one question per paragraph.

Texts Moodle shows as HTML (question text, choices, feedback) are
HTML-escaped and marked ``[html]``; answers Moodle compares with what a
student types (short answers, numbers, matching targets) stay plain.  Every
character GIFT gives a meaning (``~ = # { } :`` and the backslash) is escaped.

GIFT has no cloze type, so a fill-in with several blanks is split into one
question per blank (``quiz_items(split_cloze=True)``), and no grader
information, so an essay's model answer and marking points go into its
general feedback (shown after the attempt).  The ID number and tags go on a
comment line before each question (``// [id:...] [tag:...]``), which Moodle
3.6+ reads.  ``->`` cannot be escaped in GIFT: a short answer holding it is
written with ``→`` and accepts ``->`` through Moodle's ``*`` wildcard.
"""

from __future__ import annotations

import html
import re

from .common import QuizItem, moodle_pattern

_SPECIAL = re.compile(r"([\\~=#{}:])")
ARROW = "->"


def escape(text: str) -> str:
    """Plain text as GIFT text: one line, GIFT's special characters backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def escape_html(text: str) -> str:
    """Plain text for a part Moodle renders as HTML."""
    return escape(html.escape(" ".join(text.split()), quote=False))


def escape_html_part(text: str) -> str:
    """Like :func:`escape_html` for text next to a blank: its edge spaces are kept."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + escape_html(text) + trail if text.strip() else lead


def write(items: list[QuizItem], title: str) -> str:
    """The GIFT file for ``items``; categories switch as the topic changes."""
    lines = [f"// {' '.join(title.split())}", "// Written by studykit: edit the facts, not this file.", ""]
    category = None
    for item in items:
        if item.category != category:
            category = item.category
            lines += [f"$CATEGORY: {category}", ""]
        lines += [_labels(item), _question(item), ""]
    return "\n".join(lines)


def arrow_answers(items: list[QuizItem]) -> int:
    """How many short answers hold '->' (written '→', and '->' accepted by wildcard)."""
    return sum(1 for item in items if item.kind == "shortanswer"
               and any(ARROW in a.text for a in item.answers))


def _labels(item: QuizItem) -> str:
    """Moodle's comment syntax for a question's ID number and tags ('[', ']' kept out)."""
    bits = [f"[id:{_bracketless(item.idnumber)}]"] if item.idnumber else []
    bits += [f"[tag:{_bracketless(tag)}]" for tag in item.tags]
    return "// " + " ".join(bits)


def _bracketless(text: str) -> str:
    return " ".join(text.split()).replace("[", "(").replace("]", ")")


def _question(item: QuizItem) -> str:
    head = f"::{escape(item.name)}::[html]"
    general = f"####{escape_html(item.feedback)}" if item.feedback else ""
    if item.kind == "multichoice":
        choices = " ".join(("=" if a.right else "~") + escape_html(a.text) for a in item.answers)
        return f"{head}{escape_html(item.text)} {{{choices} {general}}}"
    if item.kind == "truefalse":
        return f"{head}{escape_html(item.text)} {{{'TRUE' if item.truth else 'FALSE'}{general}}}"
    if item.kind == "numerical":
        return f"{head}{escape_html(item.text)} {{#{item.number}:{item.tolerance}{general}}}"
    if item.kind == "matching":
        pairs = " ".join(f"={_no_arrow(escape_html(left))} -> {escape(right)}"
                         for left, right in item.pairs)
        return f"{head}{escape_html(item.text)} {{{pairs} {general}}}"
    if item.kind == "shortanswer":
        answers = " ".join("=" + escape(form) for a in item.answers for form in _typed_forms(a.text))
        if item.before is not None:
            before, after = escape_html_part(item.before), escape_html_part(item.after or "")
            return f"{head}{before}{{{answers} {general}}}{after}".rstrip()
        return f"{head}{escape_html(item.text)} {{{answers} {general}}}"
    if item.kind == "essay":
        info = "\n".join(line for line in item.graderinfo.splitlines() if not line.startswith("Quote:"))
        notes = " ".join(p for p in (_html_lines(info), escape_html(_not_repeating(item.feedback, info))) if p)
        return f"{head}{escape_html(item.text)} {{####{notes}}}"
    raise ValueError(f"GIFT cannot hold a '{item.kind}' question")


def _not_repeating(feedback: str, info: str) -> str:
    """The feedback without its opening statement when the model answer above already is that
    sentence (a long fill-in marked by hand): GIFT shows both in one note."""
    model = next((line[len("Model answer: "):] for line in info.splitlines()
                  if line.startswith("Model answer: ")), "")
    if model and feedback.startswith(model):
        return feedback[len(model):].lstrip()
    return feedback


def _html_lines(text: str) -> str:
    return "<br>".join(escape_html(line) for line in text.splitlines() if line.strip())


def _typed_forms(answer: str) -> list[str]:
    """A short answer as Moodle patterns: '*' literal; an '->' as '→' and as a '*>' wildcard."""
    literal = moodle_pattern(answer)
    if ARROW not in literal:
        return [literal]
    return [_no_arrow(literal), literal.replace(ARROW, "*>")]


def _no_arrow(text: str) -> str:
    """'->' cannot be escaped in GIFT and makes Moodle read a short answer as matching."""
    return text.replace(ARROW, "→")
