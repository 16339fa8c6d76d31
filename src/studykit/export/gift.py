"""Moodle GIFT: a plain-text quiz format, one question per paragraph.

Texts Moodle shows as HTML (question text, choices, feedback) are
HTML-escaped and marked ``[html]``; answers Moodle compares with what a
student types (short answers, numbers, matching targets) stay plain.  Every
character GIFT gives a meaning (``~ = # { } :`` and the backslash) is escaped.
"""

from __future__ import annotations

import html
import re

from .common import QuizItem

_SPECIAL = re.compile(r"([\\~=#{}:])")


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
        lines += [_question(item), ""]
    return "\n".join(lines)


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
        pairs = " ".join(f"={_matching_side(escape_html(left))} -> {escape(right)}"
                         for left, right in item.pairs)
        return f"{head}{escape_html(item.text)} {{{pairs} {general}}}"
    if item.kind == "shortanswer":
        answers = " ".join("=" + _no_arrow(escape(a.text)) for a in item.answers)
        if item.before is not None:
            before, after = escape_html_part(item.before), escape_html_part(item.after or "")
            return f"{head}{before}{{{answers} {general}}}{after}".rstrip()
        return f"{head}{escape_html(item.text)} {{{answers} {general}}}"
    raise ValueError(f"GIFT cannot hold a '{item.kind}' question")


def _matching_side(text: str) -> str:
    """GIFT splits a pair at its first '->'; keep that arrow out of the left side."""
    return _no_arrow(text)


def _no_arrow(text: str) -> str:
    """'->' cannot be escaped in GIFT and makes Moodle read a short answer as matching."""
    return text.replace("->", "→")
