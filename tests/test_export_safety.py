"""Exported text cannot break its format: XML comments, spreadsheet formulas."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from studykit.export import anki_tsv, moodle_xml, quizlet
from studykit.export.common import xml_comment_text


@pytest.mark.parametrize("title", ["A -- B", "A --- B", "A ---- B", "ends with -", "x\n--\ny"])
def test_a_deck_title_with_hyphen_runs_stays_a_well_formed_moodle_file(title):
    text = moodle_xml.write([], title)
    root = ET.fromstring(text.encode())  # raises on "--" inside a comment
    assert root.tag == "quiz"
    assert "--" not in xml_comment_text(title)


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"x\")", "+1", "-5 tons", "@SUM(A1)"])
def test_a_quizlet_cell_never_starts_a_spreadsheet_formula(cell):
    text = quizlet.write([(quizlet.flat(cell), quizlet.flat("answer"))])
    term, definition = next(csv.reader(io.StringIO(text), delimiter="\t"))
    assert not term.startswith(("=", "+", "-", "@"))
    assert term.replace("\u200b", "") == cell  # what a student reads is unchanged


def test_an_anki_tsv_field_never_starts_a_spreadsheet_formula():
    assert anki_tsv._no_formula("=1+1") == "&#61;1+1"
    assert anki_tsv._no_formula("-5 tons") == "&#45;5 tons"
    assert anki_tsv._no_formula("The grain") == "The grain"
