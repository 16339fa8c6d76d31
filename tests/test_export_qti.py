"""QTI 1.2 export (Canvas, Blackboard, Brightspace) read back with an independent reader.

No maintained QTI 1.2 reader exists on PyPI (qti-package-maker reads only
Blackboard formats), so this file carries a small one, written from the IMS
QTI 1.2 ASI spec and the item shapes Canvas exports: it walks the zip's
manifest to the assessment file and reads every item's type, points, text,
choices and the scoring conditions that give it full marks.
"""

from __future__ import annotations

import html
import re
import time
import xml.etree.ElementTree as ET
import zipfile

import pytest
import yaml

from studykit import quotes
from studykit.check import check_project
from studykit.export import export_project

DECK = "soviet-korean-relations-1967"


# --- a QTI 1.2 reader for what Canvas imports --------------------------------------

def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def strip_namespaces(root: ET.Element) -> ET.Element:
    for element in root.iter():
        element.tag = local(element.tag)
    return root


def read_qti(path) -> dict:
    with zipfile.ZipFile(path) as archive:
        manifest = strip_namespaces(ET.fromstring(archive.read("imsmanifest.xml")))
        [resource] = [r for r in manifest.iter("resource") if r.get("type") == "imsqti_xmlv1p2"]
        root = strip_namespaces(ET.fromstring(archive.read(resource.find("file").get("href"))))
    assert root.tag == "questestinterop"
    [assessment] = root.findall("assessment")
    return {"title": assessment.get("title"),
            "items": [read_item(item) for item in assessment.iter("item")]}


def text_of(material) -> str:
    mattext = material.find("mattext")
    text = mattext.text or ""
    return html.unescape(text.replace("<br>", "\n")) if mattext.get("texttype") == "text/html" else text


def read_item(item: ET.Element) -> dict:
    meta = {f.findtext("fieldlabel"): f.findtext("fieldentry") for f in item.iter("qtimetadatafield")}
    presentation = item.find("presentation")
    parsed = {"title": item.get("title"), "type": meta["question_type"],
              "points": float(meta["points_possible"]),
              "text": text_of(presentation.find("material")),
              "feedback": text_of(item.find("itemfeedback").find("flow_mat").find("material"))}
    labels = {}  # response ident -> {label ident: text}
    prompts = {}  # response ident -> its own material (matching's left side, a blank's name)
    for response in presentation:
        if response.tag in ("response_lid", "response_str"):
            labels[response.get("ident")] = {
                label.get("ident"): text_of(label.find("material")) if label.find("material") is not None
                else "" for label in response.iter("response_label")}
            if response.find("material") is not None:
                prompts[response.get("ident")] = text_of(response.find("material"))
    credit = {}  # response ident -> values that earn marks
    for condition in item.find("resprocessing").findall("respcondition"):
        setvar = condition.find("setvar")
        if setvar is None or float(setvar.text) <= 0:
            continue
        for equal in condition.find("conditionvar").iter("varequal"):
            credit.setdefault(equal.get("respident"), []).append(equal.text)
        for low in condition.find("conditionvar").iter("vargte"):
            parsed["range"] = (float(low.text), float(condition.find("conditionvar").find(".//varlte").text))
    kind = parsed["type"]
    if kind in ("multiple_choice_question", "true_false_question"):
        choices = labels["response1"]
        parsed["choices"] = list(choices.values())
        parsed["right"] = [choices[i] for i in credit["response1"]]
    elif kind in ("short_answer_question", "numerical_question"):
        parsed["accepted"] = credit.get("response1", [])
    elif kind == "matching_question":
        parsed["pairs"] = [(prompts[r], labels[r][credit[r][0]]) for r in prompts]
    elif kind == "fill_in_multiple_blanks_question":
        parsed["blanks"] = {prompts[r]: [labels[r][i] for i in credit[r]] for r in prompts}
    return parsed


# --- fixtures --------------------------------------------------------------------

@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    out = tmp_path_factory.mktemp("qti")
    written = export_project(_repo(), "qti", out=out)[0]
    return written, read_qti(written.path), check_project(_repo())


def _repo():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent


def words(text: str) -> int:
    return len(text.split())


# --- tests -----------------------------------------------------------------------

def test_the_package_holds_every_exportable_question_once(shipped):
    written, package, result = shipped
    questions = result.decks[DECK].questions
    expected = {q.id for q in questions if "export" in q.targets and q.style not in ("ordering", "table")
                and not (q.style == "matching" and len(q.pairs) < 3)}
    titles = [item["title"] for item in package["items"]]
    assert len(titles) == len(set(titles)) == written.items
    assert set(titles) == expected
    assert package["title"] == result.project.decks[DECK].title
    kinds = {"multiple_choice_question", "true_false_question", "short_answer_question",
             "numerical_question", "fill_in_multiple_blanks_question", "essay_question"}
    if any(q.style == "matching" and len(q.pairs) >= 3 for q in questions):
        kinds.add("matching_question")  # the shipped matching has two pairs and two spare people
    assert {item["type"] for item in package["items"]} == kinds


def test_every_question_and_answer_reads_back_as_rendered(shipped):
    _, package, result = shipped
    by_id = {q.id: q for q in result.decks[DECK].questions}
    citation = result.project.sources[DECK].citation
    for item in package["items"]:
        question = by_id[item["title"]]
        assert item["points"] == question.points
        for fact in question.facts:
            assert " ".join(fact.statement.split()) in item["feedback"]
            inner = re.sub(r'"([^"]*)"', "\u2018\\1\u2019", " ".join(fact.quotes[0].split()))
            assert f"\u201c{inner}\u201d" in item["feedback"]  # a quote within it in single quotes
        assert item["feedback"].endswith(f"Source: {citation}")
        kind = item["type"]
        if kind == "multiple_choice_question":
            assert item["text"] == question.prompt
            assert item["choices"] == question.options and item["right"] == [question.options[question.correct]]
        elif kind == "true_false_question":
            assert item["choices"] == ["True", "False"]
            assert item["right"] == ["True" if question.truth else "False"]
        elif kind == "short_answer_question":
            assert item["text"] == question.prompt
            assert item["accepted"][0] == question.answer
            assert set(question.accept) <= set(item["accepted"])
            assert all(words(a) <= 3 for a in item["accepted"])
        elif kind == "numerical_question":
            value = float(item["accepted"][0])
            assert value in quotes.numbers_in(question.answer)
            low, high = item["range"]
            assert low <= value <= high
        elif kind == "matching_question":
            assert item["pairs"] == question.pairs
        elif kind == "fill_in_multiple_blanks_question":
            filled = re.sub(r"\[(blank\d+)\]", lambda m: item["blanks"][m.group(1)][0], item["text"])
            assert filled.endswith(" ".join(question.cloze_plain.split()))
            terms = [t for t, n in question.cloze if n]
            assert all(forms[0] in terms and words(forms[0]) <= 3 for forms in item["blanks"].values())
        else:
            assert kind == "essay_question"
            model = question.cloze_sentence if question.style == "fill_blank" else question.answer
            if model:
                assert f"Model answer: {' '.join(model.split())}" in item["feedback"]
            else:  # an analysis question without a model answer: marked by its points alone
                assert "Model answer:" not in item["feedback"] and question.marking_points
                assert f"(1) {' '.join(question.marking_points[0].split())}" in item["feedback"]


def test_a_numerical_item_asks_for_the_number_in_its_unit(shipped):
    """README: 'the unit is added to the prompt ("Answer with a number; unit: tons.")'."""
    from studykit.export.common import numeric_answer

    _, package, result = shipped
    by_id = {q.id: q for q in result.decks[DECK].questions}
    numerical = [item for item in package["items"] if item["type"] == "numerical_question"]
    units = set()
    for item in numerical:
        question = by_id[item["title"]]
        unit = numeric_answer(question, 0.0).unit
        units.add(unit)
        assert item["text"] == question.prompt + (f" (Answer with a number; unit: {unit}.)" if unit
                                                  else " (Answer with a number.)")
    assert "tons" in units


def test_hedged_figures_get_their_tolerance(shipped):
    _, package, result = shipped
    hedged = {q.id for q in result.decks[DECK].questions if q.answer.lower().startswith("about ")}
    numeric = [i for i in package["items"] if i["type"] == "numerical_question"]
    assert numeric
    for item in numeric:
        value = float(item["accepted"][0])
        low, high = item["range"]
        expected = value * 0.1 if item["title"] in hedged else 0
        assert (high - value) == pytest.approx(expected) and (value - low) == pytest.approx(expected)


def test_an_accepted_alternative_reaches_canvas(project, tmp_path):
    facts = project / "seeds" / DECK / "facts" / "zz-qti.yaml"
    facts.write_text(yaml.safe_dump({"topic": "visit", "facts": [{
        "id": "initiator-qti", "kind": "event", "statement": "The Korean side initiated the visit.",
        "question": "Which side initiated the visit?", "answer": "The Korean side",
        "accept": ["Korea", "the DPRK"], "quote": "The visit was initiated by the Korean side."}]}),
        encoding="utf-8")
    written = export_project(project, "qti", out=tmp_path)[0]
    [item] = [i for i in read_qti(written.path)["items"] if i["title"] == "recall/initiator-qti"]
    assert item["type"] == "short_answer_question"
    assert item["accepted"] == ["The Korean side", "Korean side", "Korea", "the DPRK", "DPRK"]  # article optional


def test_markup_in_facts_stays_text(project, tmp_path):
    facts = project / "seeds" / DECK / "facts" / "zz-qti.yaml"
    facts.write_text(yaml.safe_dump({"topic": "visit", "facts": [{
        "id": "markup-qti", "kind": "event", "statement": "A <b>bold</b> & <script>x</script> claim.",
        "question": "What <i>was</i> it?", "answer": "A <claim>",
        "quote": "The visit was initiated by the Korean side."}]}), encoding="utf-8")
    written = export_project(project, "qti", out=tmp_path)[0]
    with zipfile.ZipFile(written.path) as archive:
        raw = "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    assert "<i>was</i>" not in raw and "&lt;i&gt;was&lt;/i&gt;" in raw.replace("&amp;", "&")
    [item] = [i for i in read_qti(written.path)["items"] if i["title"] == "recall/markup-qti"]
    assert item["text"] == "What <i>was</i> it?" and item["accepted"] == ["A <claim>", "<claim>"]
    assert "A <b>bold</b> & <script>x</script> claim." in item["feedback"]


def test_two_exports_are_byte_identical(repo, tmp_path):
    first = export_project(repo, "qti", out=tmp_path / "a")[0].path.read_bytes()
    second = export_project(repo, "qti", out=tmp_path / "b")[0].path.read_bytes()
    assert first == second


def test_an_export_made_a_year_later_is_byte_identical(repo, tmp_path, monkeypatch):
    """The zip's entries carry a fixed time, not the clock's (the clock moved, not waited for)."""
    first = export_project(repo, "qti", out=tmp_path / "a")[0].path.read_bytes()
    later = time.time() + 366 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    second = export_project(repo, "qti", out=tmp_path / "b")[0].path.read_bytes()
    assert first == second
