"""Moodle XML export: parsed with an XML parser and checked against Moodle's question structure."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

import yaml

from studykit import quotes
from studykit.check import check_project
from studykit.export import export_project

DECK = "soviet-korean-relations-1967"

# The children Moodle's importer reads for each question type (besides name,
# questiontext, generalfeedback, defaultgrade, penalty, hidden).
REQUIRED = {
    "multichoice": {"single", "shuffleanswers", "answernumbering", "answer"},
    "truefalse": {"answer"},
    "shortanswer": {"usecase", "answer"},
    "numerical": {"answer"},
    "matching": {"shuffleanswers", "subquestion"},
}
COMMON = {"name", "questiontext", "generalfeedback", "defaultgrade", "penalty", "hidden"}


def text_of(element: ET.Element, tag: str) -> str:
    return element.find(tag).find("text").text or ""


def html_text(element: ET.Element, tag: str) -> str:
    child = element.find(tag)
    assert child.get("format") == "html"
    return html.unescape(child.find("text").text or "")


def export(project_dir, out):
    written = export_project(project_dir, "moodle-xml", out=out)[0]
    root = ET.parse(written.path).getroot()
    return written, root, check_project(project_dir)


def question_of(name: str, questions):
    by_id = {q.id: q for q in questions}
    return by_id.get(name) or by_id[name.rsplit("/", 1)[0]]


def check_question(element: ET.Element, question) -> None:
    """One <question> holds exactly what the rendered question says, in Moodle's structure."""
    kind = element.get("type")
    children = {child.tag for child in element}
    assert COMMON | REQUIRED[kind] <= children, f"{kind} lacks {COMMON | REQUIRED[kind] - children}"
    assert int(element.find("defaultgrade").text) == question.points
    prompt = html_text(element, "questiontext")
    answers = element.findall("answer")
    fractions = [a.get("fraction") for a in answers]
    if kind == "multichoice":
        assert prompt == question.prompt
        assert [html.unescape(a.find("text").text) for a in answers] == question.options
        assert fractions.count("100") == 1 and fractions.index("100") == question.correct
    elif kind == "truefalse":
        assert prompt == question.prompt
        assert [a.find("text").text for a in answers] == ["true", "false"]
        assert fractions == (["100", "0"] if question.truth else ["0", "100"])
    elif kind == "numerical":
        assert prompt.startswith(question.prompt)
        value = float(answers[0].find("text").text)
        assert value in quotes.numbers_in(question.answer)
        assert float(answers[0].find("tolerance").text) >= 0
    elif kind == "matching":
        pairs = [(html_text(sub, "."), sub.find("answer").find("text").text)
                 for sub in element.findall("subquestion")]
        assert pairs == question.pairs
    elif question.style == "fill_blank":
        assert prompt.count("_____") == 1
        assert answers[0].find("text").text in [part for part, n in question.cloze if n]
        assert set(fractions) == {"100"}
    else:
        assert prompt == question.prompt
        assert answers[0].find("text").text == question.answer


def test_the_file_is_a_moodle_quiz_with_a_category_per_topic(repo, tmp_path):
    written, root, result = export(repo, tmp_path)
    assert root.tag == "quiz"
    kinds = [q.get("type") for q in root.findall("question")]
    assert set(kinds) == {"category", *REQUIRED}
    recipe = result.project.decks[DECK]
    categories = [q.find("category").find("text").text for q in root.findall("question")
                  if q.get("type") == "category"]
    assert len(categories) == len(set(categories)) >= 2
    assert all(c.startswith(f"$course$/{recipe.title}/") for c in categories)
    assert written.items == len(kinds) - len(categories)


def test_every_question_reads_back_as_rendered_with_feedback(repo, tmp_path):
    _, root, result = export(repo, tmp_path)
    questions = result.decks[DECK].questions
    citation = result.project.sources[DECK].citation
    names = []
    for element in root.findall("question"):
        if element.get("type") == "category":
            continue
        name = text_of(element, "name")
        names.append(name)
        question = question_of(name, questions)
        check_question(element, question)
        feedback = html_text(element, "generalfeedback")
        assert all(" ".join(f.statement.split()) in feedback for f in question.facts)
        assert feedback.endswith(f"Source: {citation}")
    assert len(names) == len(set(names))


def test_markup_in_facts_is_text_not_html(project, tmp_path):
    donor = next(iter(check_project(project).project.facts.values()))
    fact = {"id": "markup-fact", "kind": "term", "topic": donor.topic, "quote": donor.quotes[0],
            "statement": "A <script>alert('x')</script> & <b>bold</b> claim ]]> here.",
            "question": "What does <i>this</i> & ]]> mean?", "answer": "<b>Nothing</b> & more",
            "data": {"term": "<tag>", "meaning": "a & b"}}
    facts_dir = project / "seeds" / donor.source_id / "facts"
    (facts_dir / "zz-markup.yaml").write_text(yaml.safe_dump({"facts": [fact]}), encoding="utf-8")
    _, root, result = export(project, tmp_path / "out")
    made = [e for e in root.findall("question") if e.get("type") != "category"
            and text_of(e, "name").split("/")[1:2] == ["markup-fact"]]
    assert made
    for element in made:
        check_question(element, question_of(text_of(element, "name"), result.decks[DECK].questions))
        raw = element.find("questiontext").find("text").text
        assert "<i>" not in raw and "&lt;i&gt;" in raw


def test_numbers_have_no_thousands_separators(repo, tmp_path):
    _, root, _ = export(repo, tmp_path)
    numeric = [q for q in root.findall("question") if q.get("type") == "numerical"]
    assert numeric
    for element in numeric:
        assert "," not in element.find("answer").find("text").text
