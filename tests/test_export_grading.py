"""Issue 8.4 on a small project of its own: what Moodle marks by machine and what a teacher marks.

Each test adds a few facts (quoting the real source text) to a copy of the
shipped project, exports GIFT and Moodle XML, reads both back with the
independent readers of test_export_gift / test_export_moodle_xml, and checks
what a student typing an accepted form would get.
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET

import yaml

from studykit.export import export_project
from test_export_gift import moodle_accepts, parse_gift
from test_export_moodle_xml import embedded_answers

DECK = "soviet-korean-relations-1967"
QUOTE = "The visit was initiated by the Korean side."
LIST_QUOTE = ("criticized some aspects of the Chinese foreign policy (position on Vietnam, the unity of "
              "socialist countries, and the anti-Soviet campaign)")


def add_facts(project, facts, templates=None):
    path = project / "seeds" / DECK / "facts" / "zz-grading.yaml"
    facts = json.loads(json.dumps(facts))  # no shared objects: studykit refuses YAML aliases
    path.write_text(yaml.safe_dump({"topic": "visit", "facts": facts}, sort_keys=False), encoding="utf-8")
    for name, spec in (templates or {}).items():
        (project / "question_templates" / f"{name}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
        recipe = project / "decks" / f"{DECK}.yaml"
        text = recipe.read_text(encoding="utf-8").replace("templates:\n", f"templates:\n  - {name}\n", 1)
        recipe.write_text(text, encoding="utf-8")


def exported(project, out):
    gift = export_project(project, "gift", out=out)[0]
    xml = export_project(project, "moodle-xml", out=out)[0]
    items = {i["name"]: i for i in parse_gift(gift.path.read_text(encoding="utf-8"))}
    root = ET.parse(xml.path).getroot()
    questions = {q.find("name").find("text").text: q for q in root.findall("question")
                 if q.get("type") != "category"}
    return items, questions


def xml_answers(question) -> list[str]:
    return [a.find("text").text for a in question.findall("answer")]


def test_accepted_alternatives_reach_gift_and_moodle_xml_and_are_accepted(project, tmp_path):
    add_facts(project, [{
        "id": "initiator-side", "kind": "event", "statement": "The Korean side initiated the visit.",
        "question": "Which side initiated the visit?", "answer": "The Korean side",
        "accept": ["Korea", "the DPRK", "North Korean side"], "quote": QUOTE}])
    gift, xml = exported(project, tmp_path)
    item = gift["recall/initiator-side"]
    assert item["type"] == "shortanswer"
    for typed in ("the korean side", "Korea", "The DPRK", "north korean side"):
        assert moodle_accepts(item["answers"], typed), typed
    assert not moodle_accepts(item["answers"], "The Soviet side")
    question = xml["recall/initiator-side"]
    assert question.get("type") == "shortanswer" and question.find("usecase").text == "0"
    assert xml_answers(question) == ["The Korean side", "Korean side", "Korea", "the DPRK", "DPRK",
                                     "North Korean side"]  # each form also without its article


def test_one_long_alternative_makes_the_question_an_essay_with_every_form_for_the_marker(project, tmp_path):
    add_facts(project, [{
        "id": "initiator-long", "kind": "event", "statement": "The Korean side initiated the visit.",
        "question": "Which side initiated the visit?", "answer": "The Korean side",
        "accept": ["the government of the DPRK"], "quote": QUOTE}])
    gift, xml = exported(project, tmp_path)
    assert gift["recall/initiator-long"]["type"] == "essay"
    assert "Also accept: the government of the DPRK" in gift["recall/initiator-long"]["feedback"]
    question = xml["recall/initiator-long"]
    assert question.get("type") == "essay"
    info = html.unescape(question.find("graderinfo").find("text").text)
    assert "Model answer: The Korean side" in info and "Also accept: the government of the DPRK" in info
    assert f"Quote: \u201c{QUOTE}\u201d" in info


def test_a_short_list_is_accepted_in_any_order_and_a_numbered_one_only_in_its_own(project, tmp_path):
    base = {"kind": "list", "quote": LIST_QUOTE, "statement": "Three points were criticized.",
            "question": "Which points?", "answer": "Vietnam; unity; campaign",
            "data": {"label": "points", "items": ["Vietnam", "unity", "campaign"]}}
    add_facts(project, [dict(base, id="points-any-order", data=dict(base["data"], ordered=False)),
                        dict(base, id="points-numbered", data=dict(base["data"], ordered=True))])
    gift, xml = exported(project, tmp_path)
    loose, strict = gift["list-recall/points-any-order"], gift["list-recall/points-numbered"]
    assert loose["type"] == strict["type"] == "shortanswer"
    assert moodle_accepts(loose["answers"], "campaign; Vietnam; unity")
    assert len(loose["answers"]) == 6  # 3! orders
    assert not moodle_accepts(strict["answers"], "campaign; Vietnam; unity")
    assert moodle_accepts(strict["answers"], "vietnam; unity; campaign")
    assert "campaign; unity; Vietnam" in xml_answers(xml["list-recall/points-any-order"])


def test_essay_questions_carry_their_marking_points(project, tmp_path):
    template = {"style": "essay", "applies_to": {"when": "fact.analysis is not none"},
                "prompt": "{{ fact.analysis.question }}", "answer": "{{ fact.answer }}",
                "marking_points": "fact.analysis.marking_points", "points": 3}
    add_facts(project, [{
        "id": "why-initiated", "kind": "claim", "statement": "The Korean side initiated the visit.",
        "question": "Who initiated the visit?", "answer": "The Korean side", "quote": QUOTE,
        "data": {"holder": "the report"},
        "analysis": {"question": "Why might the Korean side have wanted this visit?",
                     "marking_points": ["Chinese pressure", "need for Soviet aid"], "points": 3}}],
        templates={"analysis-essay": template})
    gift, xml = exported(project, tmp_path)
    item = gift["analysis-essay/why-initiated"]
    assert item["type"] == "essay"
    assert "Marking points: (1) Chinese pressure (2) need for Soviet aid" in item["feedback"]
    question = xml["analysis-essay/why-initiated"]
    assert question.get("type") == "essay" and question.find("defaultgrade").text == "3"
    info = html.unescape(question.find("graderinfo").find("text").text)
    assert "Marking points: (1) Chinese pressure (2) need for Soviet aid" in info


def test_a_fill_in_with_several_blanks_is_one_cloze_question(project, tmp_path):
    add_facts(project, [{
        "id": "two-blanks", "kind": "event", "statement": "The visit was initiated by the Korean side.",
        "question": "Who initiated the visit?", "answer": "The Korean side", "quote": QUOTE,
        "key_terms": ["initiated", "Korean side"]}])
    gift, xml = exported(project, tmp_path)
    question = xml["cloze/two-blanks"]
    assert question.get("type") == "cloze"
    text = html.unescape(question.find("questiontext").find("text").text)
    assert embedded_answers(text) == [["initiated"], ["Korean side"]]
    assert text.startswith("Fill in the blanks.<br>")
    assert {"cloze/two-blanks/c1", "cloze/two-blanks/c2"} <= set(gift)
    for name in ("cloze/two-blanks/c1", "cloze/two-blanks/c2"):
        assert gift[name]["before"].startswith("Fill in the blank. ")
    assert gift["cloze/two-blanks/c2"]["before"] == "Fill in the blank. The visit was initiated by the "


def test_the_summary_line_counts_the_essays_to_mark_by_hand(project, tmp_path):
    from test_export_qti import read_qti

    add_facts(project, [{
        "id": "initiator-essay", "kind": "event", "statement": "The Korean side initiated the visit.",
        "question": "Which side initiated the visit?", "answer": "The Korean side of the talks",
        "quote": QUOTE}])
    counted = {}
    for fmt in ("gift", "moodle-xml", "qti"):
        written = export_project(project, fmt, out=tmp_path / fmt)[0]
        counted[fmt] = int(written.line().split(" essay(s) to mark by hand")[0].rsplit(" ", 1)[-1])
        if fmt == "gift":
            items = parse_gift(written.path.read_text(encoding="utf-8"))
            assert counted[fmt] == sum(1 for item in items if item["type"] == "essay")
        elif fmt == "moodle-xml":
            root = ET.parse(written.path).getroot()
            assert counted[fmt] == sum(1 for q in root.findall("question") if q.get("type") == "essay")
        else:
            items = read_qti(written.path)["items"]
            assert counted[fmt] == sum(1 for item in items if item["type"] == "essay_question")
    assert len(set(counted.values())) == 1 and counted["gift"] >= 1
