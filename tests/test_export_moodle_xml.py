"""Moodle XML export: parsed with an XML parser and checked against Moodle's question structure."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest
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
    "essay": {"responseformat", "responsefieldlines", "graderinfo", "defaultgrade"},
    "cloze": set(),
}
COMMON = {"name", "questiontext", "generalfeedback", "penalty", "hidden", "idnumber", "tags"}
# One embedded short answer: {weight:SHORTANSWER:=form~=form}, '\\' escaping } # ~ / " \\.
EMBEDDED = re.compile(r"\{(\d+):SHORTANSWER:((?:\\.|[^\\}])*)\}")


def embedded_answers(text: str) -> list[list[str]]:
    """The accepted forms of every blank of a Moodle cloze text, unescaped."""
    blanks = []
    for weight, body in EMBEDDED.findall(text):
        assert weight == "1"
        forms = re.split(r"(?<!\\)~", body)
        assert all(f.startswith("=") for f in forms)
        blanks.append([html.unescape(re.sub(r"\\(.)", r"\1", f[1:])) for f in forms])
    return blanks


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
    assert element.find("idnumber").text == text_of(element, "name")
    if kind != "cloze":
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
        # The README: default 0 (exact), but 10% of the number when the answer says "about".
        hedged = question.answer.lower().startswith(("about ", "around ", "approximately ", "roughly ",
                                                      "nearly ", "almost ", "some ", "circa "))
        assert float(answers[0].find("tolerance").text) == pytest.approx(value * 0.1 if hedged else 0)
    elif kind == "matching":
        pairs = [(html_text(sub, "."), sub.find("answer").find("text").text)
                 for sub in element.findall("subquestion")]
        assert pairs == question.pairs
    elif kind == "cloze":
        blanks = embedded_answers(prompt)
        terms = [part for part, n in question.cloze if n]
        assert blanks and all(forms[0] in terms and len(forms[0].split()) <= 3 for forms in blanks)
        filled = EMBEDDED.sub(lambda m: embedded_answers(m.group(0))[0][0], prompt.split("<br>", 1)[1])
        assert filled == question.cloze_plain, "every blank in place, long ones filled in"
        blank_count = len({n for _, n in question.cloze if n})
        assert prompt.startswith("Fill in the blank." if len(blanks) == 1 else question.prompt)
        assert len(blanks) <= blank_count
    elif kind == "essay":
        info = html.unescape(element.find("graderinfo").find("text").text)
        model = question.cloze_sentence if question.style == "fill_blank" else question.answer
        if model:
            assert f"Model answer: {' '.join(model.split())}" in info
        else:  # an analysis question without a model answer: marked by its points alone
            assert "Model answer:" not in info and question.marking_points
            assert f"(1) {' '.join(question.marking_points[0].split())}" in info
        assert "Quote: \u201c" in info
        if question.style == "short_answer":
            assert prompt == question.prompt and len(question.answer.split()) > 3
    elif question.style == "fill_blank":
        raise AssertionError("a fill-in is one cloze question in Moodle XML")
    else:
        assert prompt == question.prompt
        assert answers[0].find("text").text == question.answer
        assert all(len(a.find("text").text.split()) <= 3 for a in answers)


def test_the_file_is_a_moodle_quiz_with_a_category_per_topic(repo, tmp_path):
    written, root, result = export(repo, tmp_path)
    assert root.tag == "quiz"
    kinds = [q.get("type") for q in root.findall("question")]
    # matching reaches Moodle only with three pairs or more (the shipped one pairs Soviet officials only)
    matching = any(q.style == "matching" and len(q.pairs) >= 3 for q in result.decks[DECK].questions)
    assert set(kinds) == {"category", *REQUIRED} - (set() if matching else {"matching"})
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


def test_every_fill_in_is_one_cloze_question_and_long_answers_are_essays(repo, tmp_path):
    _, root, result = export(repo, tmp_path)
    kinds = {text_of(e, "name"): e.get("type") for e in root.findall("question")
             if e.get("type") != "category"}
    fill_ins = [q for q in result.decks[DECK].questions if q.style == "fill_blank"]
    assert all(kinds[q.id] in ("cloze", "essay") for q in fill_ins)
    several = [q for q in fill_ins if len({n for _, n in q.cloze if n}) > 1]
    assert several and sum(kinds[q.id] == "cloze" for q in several) >= len(several) // 2
    long = [q for q in result.decks[DECK].questions
            if q.style == "short_answer" and len(q.answer.split()) > 3 and "," not in q.answer]
    assert long and all(kinds[q.id] == "essay" for q in long if not q.answer[0].isdigit())
    assert all(kinds[q.id] in ("essay", "numerical") for q in long)


def test_tags_name_topic_template_facts_and_a_revision(repo, tmp_path):
    _, root, result = export(repo, tmp_path)
    by_id = {q.id: q for q in result.decks[DECK].questions}
    for element in root.findall("question"):
        if element.get("type") == "category":
            continue
        question = by_id[text_of(element, "name")]
        tags = [t.find("text").text for t in element.find("tags").findall("tag")]
        assert tags[:3] == ["studykit", f"topic-{question.topic}", f"template-{question.template_id}"]
        assert tags[-1].startswith("rev-") and len(tags[-1]) == 12


def test_a_changed_question_gets_a_new_revision_tag_and_others_keep_theirs(project, tmp_path):
    def revisions(out):
        _, root, _ = export(project, out)
        return {text_of(e, "name"): e.find("tags").findall("tag")[-1].find("text").text
                for e in root.findall("question") if e.get("type") != "category"}

    before = revisions(tmp_path / "a")
    facts = project / "seeds" / DECK / "facts"
    path = next(p for p in sorted(facts.glob("*.yaml")) if "Brezhnev greeted" in p.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8").replace("Brezhnev greeted the Korean delegation.",
                                                             "Brezhnev welcomed the Korean delegation."),
                    encoding="utf-8")
    after = revisions(tmp_path / "b")
    changed = {name for name in before if before[name] != after.get(name)}
    assert changed and all("brezhnev-greeted-delegation" in name for name in changed)


def test_a_change_to_the_feedback_alone_gives_a_new_revision_tag(project, tmp_path):
    """The context (feedback, "not from the source") is part of what the teacher's bank shows."""
    def revisions(out):
        _, root, _ = export(project, out)
        return {text_of(e, "name"): e.find("tags").findall("tag")[-1].find("text").text
                for e in root.findall("question") if e.get("type") != "category"}

    before = revisions(tmp_path / "a")
    path = project / "seeds" / DECK / "facts" / "visit.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("Soviet Union (CPSU) in 1967.", "Soviet Union (CPSU) from 1966.")
    assert edited.count("from 1966.") == text.count("from 1966.") + 1
    path.write_text(edited, encoding="utf-8")
    after = revisions(tmp_path / "b")
    changed = {name for name in before if before[name] != after.get(name)}
    assert changed and all("brezhnev-greeted-delegation" in name for name in changed)
