"""Moodle XML: the question bank format Moodle imports with every setting explicit.

Texts Moodle renders as HTML are HTML-escaped (then XML-escaped by the XML
writer); answers a student's typing is compared with stay plain text.  A
fill-in with several blanks is one "Cloze (embedded answers)" question
(``type="cloze"``, one ``{1:SHORTANSWER:=...}`` per blank); essays carry the
model answer, marking points and quote as grader information.  Every question
has its ``idnumber`` and ``tags``.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from .common import Blank, QuizItem, moodle_pattern, xml_comment_text

PENALTY = "0.3333333"


def write(items: list[QuizItem], title: str) -> str:
    """The Moodle XML file for ``items``, with a category entry whenever the topic changes."""
    quiz = ET.Element("quiz")
    note = xml_comment_text(title)
    quiz.append(ET.Comment(f" {note}: written by studykit; edit the facts, not this file "))
    category = None
    for item in items:
        if item.category != category:
            category = item.category
            quiz.append(_category(category))
        quiz.append(_question(item))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def _html(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=False)


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html", **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, ({"format": fmt} if fmt else {}) | attrs)
    ET.SubElement(element, "text").text = _html(text) if fmt == "html" else " ".join(text.split())
    return element


def _value(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _category(path: str) -> ET.Element:
    question = ET.Element("question", type="category")
    category = ET.SubElement(question, "category")
    ET.SubElement(category, "text").text = path
    return question


def _question(item: QuizItem) -> ET.Element:
    question = ET.Element("question", type=item.kind)
    _text(question, "name", item.name, fmt=None)
    if item.kind == "cloze":
        text = ET.SubElement(ET.SubElement(question, "questiontext", format="html"), "text")
        text.text = cloze_text(item)
    else:
        _text(question, "questiontext", item.text)
    _text(question, "generalfeedback", item.feedback)
    if item.kind != "cloze":  # a cloze question's grade is the sum of its blanks' weights
        _value(question, "defaultgrade", str(item.points))
    _value(question, "penalty", PENALTY)
    _value(question, "hidden", "0")
    if item.idnumber:
        _value(question, "idnumber", item.idnumber)
    getattr(_Body, item.kind)(question, item)
    if item.tags:
        tags = ET.SubElement(question, "tags")
        for tag in item.tags:
            ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    return question


_CLOZE_SPECIAL = re.compile(r'([\\}#~/"])')


def cloze_text(item: QuizItem) -> str:
    """The question text with each blank as ``{1:SHORTANSWER:=form~=form}`` (case-insensitive)."""
    pieces = [_html(item.text), "<br>"] if item.text else []
    for part in item.parts:
        if isinstance(part, Blank):
            forms = "~".join("=" + _CLOZE_SPECIAL.sub(r"\\\1", _html(moodle_pattern(a)))
                             for a in part.answers)
            pieces.append("{1:SHORTANSWER:" + forms + "}")
        else:
            pieces.append(html.escape(part, quote=False))
    return "".join(pieces)


def _answer(parent: ET.Element, text: str, right: bool, fmt: str = "moodle_auto_format",
            feedback: str = "") -> ET.Element:
    answer = ET.SubElement(parent, "answer", fraction="100" if right else "0", format=fmt)
    ET.SubElement(answer, "text").text = _html(text) if fmt == "html" else " ".join(text.split())
    _text(answer, "feedback", feedback)
    return answer


class _Body:
    """The type-specific part of each Moodle question."""

    @staticmethod
    def multichoice(question: ET.Element, item: QuizItem) -> None:
        _value(question, "single", "true")
        _value(question, "shuffleanswers", "true")
        _value(question, "answernumbering", "abc")
        for answer in item.answers:
            _answer(question, answer.text, answer.right, fmt="html", feedback=answer.feedback)

    @staticmethod
    def truefalse(question: ET.Element, item: QuizItem) -> None:
        _answer(question, "true", bool(item.truth))
        _answer(question, "false", not item.truth)

    @staticmethod
    def shortanswer(question: ET.Element, item: QuizItem) -> None:
        _value(question, "usecase", "0")
        for answer in item.answers:
            _answer(question, moodle_pattern(answer.text), True, feedback=answer.feedback)

    @staticmethod
    def cloze(question: ET.Element, item: QuizItem) -> None:
        """Everything a cloze question needs is in its text."""

    @staticmethod
    def essay(question: ET.Element, item: QuizItem) -> None:
        _value(question, "responseformat", "editor")
        _value(question, "responserequired", "1")
        _value(question, "responsefieldlines", str(item.lines))
        _value(question, "attachments", "0")
        _value(question, "attachmentsrequired", "0")
        info = ET.SubElement(question, "graderinfo", format="html")
        ET.SubElement(info, "text").text = "<br>".join(_html(line) for line in item.graderinfo.splitlines())
        _text(question, "responsetemplate", "")

    @staticmethod
    def numerical(question: ET.Element, item: QuizItem) -> None:
        answer = _answer(question, item.number, True)
        _value(answer, "tolerance", item.tolerance)
        _value(question, "unitgradingtype", "0")
        _value(question, "showunits", "3")

    @staticmethod
    def matching(question: ET.Element, item: QuizItem) -> None:
        _value(question, "shuffleanswers", "true")
        for left, right in item.pairs:
            sub = _text(question, "subquestion", left)
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = " ".join(right.split())
