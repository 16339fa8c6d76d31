"""What an (invented) decree of the French Convention of 1793, in translation, taught the typed
answers: a name with accents ('Barère', 'décadi') is also accepted without them, since a student
may have no key for 'è'; the Moodle export's short answers accept both spellings.  The practice
page folds accents itself."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from studykit.check import check_project
from studykit.export import export_project
from studykit.questions.spellings import typed_spellings, unaccented

from small_project import make_project

TEXT = ("Citizen Barère, speaking in the name of the Committee of Public Safety, said the Republic "
        "was besieged. The decree shall be read aloud in every commune on the décadi following its arrival.")

FACTS = """
topic: main
facts:
  - id: barere
    kind: person
    statement: Barère spoke in the name of the Committee of Public Safety.
    question: Who spoke in the name of the Committee of Public Safety?
    answer: Barère
    accept: [Citizen Barère]
    quote: Citizen Barère, speaking in the name of the Committee of Public Safety
    data: {name: Barère}
  - id: decadi
    kind: event
    statement: The decree was read aloud in every commune on the décadi.
    question: On which day was the decree read aloud in every commune?
    answer: On the décadi following its arrival
    quote: read aloud in every commune on the décadi following its arrival.
"""


@pytest.mark.parametrize("text, bare", [
    ("Barère", "Barere"), ("Zürich", "Zurich"), ("Hérault de Séchelles", "Herault de Sechelles"),
    ("São Paulo", "Sao Paulo"), ("Kim Il Sung", ""), ("Straße", ""), ("Ærø", ""),
    ("김일성", ""),  # Hangul decomposes, and comes back whole
    ("Łódź", "Łodz"),  # a stroke is no accent to drop; the acute is
])
def test_the_accents_of_letters_are_dropped_and_nothing_else(text, bare):
    assert unaccented(text) == bare


def test_each_spelling_is_offered_once_and_none_already_given():
    assert typed_spellings(["Barère", "Barere", "Citizen Barère"]) == ["Citizen Barere"]


def recall_accepts(tmp_path):
    make_project(tmp_path, TEXT, FACTS, called="the decree")
    report = check_project(tmp_path)
    assert report.problems == [], report.problems
    return {q.facts[0].id: q.accept for r in report.decks.values() for q in r.questions if q.template_id == "recall"}


def test_a_typed_answer_with_accents_is_accepted_without_them(tmp_path):
    accepted = recall_accepts(tmp_path)
    assert accepted["barere"] == ["Citizen Barère", "Barere", "Citizen Barere"]
    assert accepted["decadi"] == ["On the decadi following its arrival"]


def test_the_moodle_export_accepts_both_spellings(tmp_path):
    make_project(tmp_path, TEXT, FACTS, called="the decree")
    written = export_project(tmp_path, "moodle-xml", out=tmp_path / "out")[0]
    answers = {}
    for question in ET.parse(written.path).getroot().iter("question"):
        if question.get("type") == "shortanswer":
            stem = question.find("questiontext").find("text").text or ""
            answers[stem] = {a.find("text").text for a in question.iter("answer")}
    [who] = [forms for stem, forms in answers.items() if "Who spoke" in stem]
    assert {"Barère", "Barere"} <= who, who
