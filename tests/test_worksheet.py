"""worksheet: which questions a recipe puts on a sheet, versions A, B, ... and their answer keys.

The HTML is read back with a small parser (``parse_html``) that test_pdf and
test_print_browser reuse, so every assertion is about what a teacher prints.
"""

from __future__ import annotations

import json
from fractions import Fraction
import re
import string
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from studykit import quotes, worksheet
from studykit.buildcache import RECORD_NAME
from studykit.atomic import Staging
from studykit.check import check_project
from studykit.cli import app
from studykit.load import load_project

REPO = Path(__file__).resolve().parent.parent
DECK = "soviet-korean-relations-1967"
RECIPE = f"decks/{DECK}.yaml"


# --- reading the HTML back ---------------------------------------------------------

INLINE = {"span", "strong", "em", "b", "i", "a", "code", "small", "sub", "sup"}
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: "Node | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list["Node | str"] = []

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        return [n for n in self.iter() if (tag is None or n.tag == tag)
                and (cls is None or cls in n.classes)]

    def find(self, tag: str | None = None, cls: str | None = None) -> "Node | None":
        found = self.find_all(tag, cls)
        return found[0] if found else None

    def text(self, skip: tuple[str, ...] = ()) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not set(child.classes) & set(skip) and child.tag not in ("style", "title", "svg"):
                inner = child.text(skip)
                parts.append(inner if child.tag in INLINE else f" {inner} ")
        return " ".join("".join(parts).split())


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def writing_lines(question: Node) -> int:
    """The writing lines a question prints: the stem's bottom border ('lined'), a box per line between
    and the question's own bottom border ('last-line')."""
    stem = question.find("p", "stem")
    return ("lined" in stem.classes) + len(question.find_all("div", "line")) + ("last-line" in question.classes)


def parse_html(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def quick_answer_items(key_html: str) -> list[Node]:
    """The key's quick answers in reading order: each block's left column, then its right one."""
    return [li for block in parse_html(key_html).find_all("div", "quick-answers")
            for column in block.find_all("ol", "quick-column") for li in column.find_all("li")]


def stem_number(stem: Node) -> str:
    """The number a stem starts with: its first text, digits, a full stop and a tab ('12.\t')."""
    first = next((child for child in stem.children if isinstance(child, str)), "")
    found = re.match(r"(\d+)\.\t", first)
    return found.group(1) + "." if found else ""


def option_letter(li: Node) -> str:
    """The letter an option is printed with: the text it starts with, a letter, a full stop and a tab ('A.\t')."""
    first = li.children[0] if li.children else None
    found = re.match(r"([A-Z])\.\t", first) if isinstance(first, str) else None
    return found.group(1) + "." if found else ""


def option_text(li: Node) -> str:
    """An option's own text: without its letter (text) or the key's order number (a span)."""
    text = li.text(skip=("letter",))
    return text[len(option_letter(li)):].lstrip() if option_letter(li) else text


def printed_questions(html: str) -> list[dict]:
    """Every numbered question of a worksheet or key: number, id, kind, stem, options, answers."""
    found = []
    for node in parse_html(html).find_all("div", "question"):
        stem = node.find("p", "stem")
        found.append({
            "number": int(node.attrs["data-number"]), "id": node.attrs["data-question"],
            "kind": node.classes[1], "node": node,
            "printed_number": stem_number(stem),
            "stem": stem.text(skip=("points", "true-false"))[len(stem_number(stem)):].lstrip(),
            "options": [option_text(li) for li in node.find_all("li")],
            "letters": [option_letter(li) for li in node.find_all("li")],
            "answers": [a.text(skip=("label",)) for a in node.find_all(cls="answer")],
            "evidence": node.find(cls="evidence").text() if node.find(cls="evidence") else "",
        })
    return found


def section_of(node: Node) -> Node:
    while node.tag != "section":
        node = node.parent
    return node


# --- fixtures -------------------------------------------------------------------

def with_worksheet(checked, spec: dict):
    """The shipped deck recipe with another worksheet section (the recipe object only)."""
    from dataclasses import replace

    return replace(checked.project.decks[DECK], worksheet=spec)


def html_of(checked, spec: dict | None = None, **kw) -> list[tuple[str, str]]:
    """(worksheet HTML, answer key HTML) per version."""
    recipe = checked.project.decks[DECK] if spec is None else with_worksheet(checked, spec)
    return [(worksheet.render_sheet(ws), worksheet.render_sheet(key))
            for ws, key in worksheet.sheets(checked.project, recipe, checked.decks[DECK], **kw)]


def pool(checked, topic: str | None = None, style: str | None = None):
    return [q for q in checked.decks[DECK].questions if "worksheet" in q.targets
            and (topic is None or q.topic == topic) and (style is None or q.style == style)]


def edit_recipe(project: Path, change) -> None:
    path = project / RECIPE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


# --- choosing questions ------------------------------------------------------------

def test_each_section_gets_the_asked_number_of_each_kind(shipped):
    spec = shipped.project.decks[DECK].worksheet
    (sheet, _), *_ = html_of(shipped)
    printed = printed_questions(sheet)
    by_id = {q.id: q for q in shipped.decks[DECK].questions}
    for section in spec["sections"]:
        for kind, count in section["questions"].items():
            available = len(pool(shipped, section["topic"], kind))
            got = [p for p in printed if p["kind"] == kind and by_id[p["id"]].topic == section["topic"]]
            assert len(got) == min(count, available), (section["topic"], kind)
    assert [p["number"] for p in printed] == list(range(1, len(printed) + 1))
    assert [p["printed_number"] for p in printed] == [f"{n}." for n in range(1, len(printed) + 1)]


def test_questions_come_from_worksheet_templates_and_prefer_distinct_facts(shipped):
    counts = {"multiple_choice": 3, "fill_blank": 1, "short_answer": 4}
    for kind, count in counts.items():  # more questions to choose from than asked for
        assert len(pool(shipped, "visit", kind)) > count
    candidates = {f.id for q in pool(shipped, "visit") for f in q.facts}
    assert len(candidates) > 2 * sum(counts.values())
    spec = {"sections": [{"topic": "visit", "questions": counts}]}
    (sheet, _), = html_of(shipped, spec)
    by_id = {q.id: q for q in shipped.decks[DECK].questions}
    chosen = [by_id[p["id"]] for p in printed_questions(sheet)]
    assert len(chosen) == sum(counts.values())
    assert all("worksheet" in q.targets for q in chosen)
    facts = [f.id for q in chosen for f in q.facts]
    assert len(facts) == len(set(facts)), Counter(facts).most_common(3)


def test_a_question_bank_prints_no_question_of_a_template_not_targeting_worksheets(shipped):
    """README: 'only templates whose targets include worksheet are used' (figure-typed is for Anki)."""
    anki_only = {q.id for q in shipped.decks[DECK].questions if "worksheet" not in q.targets}
    assert anki_only
    (sheet, key), = html_of(shipped, {})
    printed = {p["id"] for p in printed_questions(sheet)}
    assert printed and not printed & anki_only
    assert not [qid for qid in anki_only if qid in key]


def test_two_sections_on_one_topic_never_repeat_a_question(shipped):
    available = len(pool(shipped, "visit", "short_answer"))
    spec = {"sections": [{"topic": "visit", "title": "Part 1", "questions": {"short_answer": 3}},
                         {"topic": "visit", "title": "Part 2", "questions": {"short_answer": "all"}}]}
    (sheet, _), = html_of(shipped, spec)
    ids = [p["id"] for p in printed_questions(sheet)]
    assert len(ids) == len(set(ids)) == available
    assert [h.text(skip=("section-points",)) for h in parse_html(sheet).find_all("h2")] == ["Part 1", "Part 2"]


def test_an_empty_worksheet_mapping_prints_every_question_once(shipped):
    (sheet, key), = html_of(shipped, {})
    printed = printed_questions(sheet)
    expected = Counter(q.id for q in pool(shipped))
    assert Counter(p["id"] for p in printed if p["id"] != "chart") == expected
    topics = [s.attrs["data-topic"] for s in parse_html(sheet).find_all("section")]
    recipe_topics = shipped.project.decks[DECK].topics
    assert topics == [t for t in recipe_topics if pool(shipped, t)]
    chart_points = worksheet.worksheet_spec(with_worksheet(shipped, {}), shipped.project).chart_points
    total = sum(q.points for q in pool(shipped)) + chart_points * sum(p["id"] == "chart" for p in printed)
    assert f"/ {total} points" in parse_html(sheet).find(cls="total").text()
    assert [p["id"] for p in printed_questions(key)] == [p["id"] for p in printed]


def expected_points(q) -> str:
    """'(N point(s))', and what each blank is worth when a fill-in has several blanks."""
    label = f"({q.points} point{'' if q.points == 1 else 's'}"
    blanks = sum(1 for _, n in q.cloze if n) if q.style == "fill_blank" else 0
    if blanks > 1:
        share = {Fraction(1, 2): "½", Fraction(1, 3): "⅓", Fraction(1, 4): "¼", Fraction(1): "1",
                 Fraction(2, 3): "⅔", Fraction(3, 2): "1.5", Fraction(2): "2"}[Fraction(q.points, blanks)]
        label += f", {share} per blank"
    return label + ")"


def test_points_per_question_and_total(shipped):
    (sheet, key), *_ = html_of(shipped)
    by_id = {q.id: q for q in shipped.decks[DECK].questions}
    printed = printed_questions(sheet)
    for p in printed:
        assert p["node"].find(cls="points").text() == expected_points(by_id[p["id"]])
    total = sum(by_id[p["id"]].points for p in printed)
    assert parse_html(sheet).find(cls="total").text() == f"Total: / {total} points"
    assert parse_html(key).find(cls="total").text() == f"Total: {total} points"


def test_each_blank_is_worth_a_stated_share(shipped):
    (sheet, _), = html_of(shipped, {"sections": [{"topic": "china", "questions": {"fill_blank": "all"}}]})
    by_id = {q.id: q for q in shipped.decks[DECK].questions}
    several = [p for p in printed_questions(sheet) if sum(1 for _, n in by_id[p["id"]].cloze if n) > 1]
    assert several
    for p in several:
        assert "per blank" in p["node"].find(cls="points").text()


def test_header_has_title_lines_and_instructions(shipped):
    spec = {"title": "Unit 3 quiz", "instructions": "Use a pen & write clearly.",
            "header": ["Name", "Group"], "sections": [{"topic": "japan"}]}
    (sheet, key), = html_of(shipped, spec)
    root = parse_html(sheet)
    assert root.find("h1").text() == "Unit 3 quiz"
    assert [td.text() for td in root.find("table", "fill-in").find_all("td") if td.text()] == \
        ["Name:", "Group:"]
    assert root.find("p", "instructions").text() == "Use a pen & write clearly."
    assert "Use a pen &amp; write clearly." in sheet
    assert parse_html(key).find("h1").text() == "Unit 3 quiz – Answer key"
    assert root.find("title").text() == "Unit 3 quiz: Worksheet, Version A"


def test_titles_never_say_worksheet_twice(shipped):
    (sheet, key), = html_of(shipped, {"title": "Unit 3: Worksheet", "sections": [{"topic": "japan"}]})
    titles = [(parse_html(h).find("title").text(), parse_html(h).find("h1").text()) for h in (sheet, key)]
    assert titles == [("Unit 3: Worksheet, Version A", "Unit 3: Worksheet"),
                      ("Unit 3 – Answer key, Version A", "Unit 3 – Answer key")]


# --- how each kind prints -----------------------------------------------------------

def test_each_kind_prints_in_its_own_form(shipped):
    (sheet, _), = html_of(shipped, {})
    by_id = {q.id: q for q in shipped.decks[DECK].questions}
    seen = set()
    for p in printed_questions(sheet):
        node, kind = p["node"], p["kind"]
        seen.add(kind)
        q = by_id.get(p["id"])
        if kind == "multiple_choice":
            assert sorted(p["options"]) == sorted(q.options)
            assert p["letters"] == [f"{c}." for c in string.ascii_uppercase[:len(q.options)]]
        elif kind == "true_false":
            assert p["stem"] == q.prompt
            assert node.find(cls="true-false").text() == "True False"
            assert len(node.find_all("span", "box")) == 2
        elif kind in ("short_answer", "essay"):
            assert p["stem"] == q.prompt
            assert writing_lines(node) == q.lines
        elif kind == "fill_blank":
            blanks = re.findall(r"_+", p["stem"])  # a blank is a run of underscores
            assert len(blanks) == sum(1 for _, n in q.cloze if n)
            assert len(set(blanks)) == 1 and len(blanks[0]) >= 20  # one width for all: no length hint
            for term in (t for t, n in q.cloze if n):
                assert term not in p["stem"]
            assert p["stem"] == " ".join(
                f"{q.prompt} {''.join(t if not n else blanks[0] for t, n in q.cloze)}".split())
        elif kind == "matching":
            rows = node.find("tbody").find_all("tr")
            lefts = [r.find_all("td")[1].text() for r in rows]
            rights = [r.find_all("td")[4].text() for r in rows]
            assert sorted(x for x in lefts if x) == sorted(left for left, _ in q.pairs)
            assert {right for _, right in q.pairs} <= set(rights)
        elif kind == "ordering":
            assert sorted(p["options"]) == sorted(q.order)
            assert p["options"] != q.order  # never printed in the answer's order
            assert len(node.find_all("span", "box")) == len(q.order)
        elif kind == "table":
            body = node.find("tbody").find_all("tr")
            assert len(body) == len(q.rows)
            for column_index, column in enumerate(q.columns):
                cells = [row.find_all("td")[column_index] for row in body]
                if column["blank"]:
                    assert all(not c.text() for c in cells)
                else:
                    assert sorted(c.text() for c in cells) == sorted(r[column_index] for r in q.rows)
        elif kind == "chart":
            assert node.find("svg") is not None
    assert seen >= {"multiple_choice", "true_false", "short_answer", "fill_blank", "matching",
                    "ordering", "table", "chart"}


def test_fact_text_is_escaped_into_sheets_and_keys(project):
    checked = check_project(project)
    fact = next(f for f in checked.project.facts.values() if f.kind == "person")
    path = next(p for p in (project / "seeds" / DECK / "facts").glob("*.yaml")
                if f"id: {fact.id}\n" in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    old = f"question: {fact.question}\n"
    assert old in text
    tricky = f"<script>alert(1)</script> & {fact.question}"
    path.write_text(text.replace(old, f"question: {json.dumps(tricky)}\n"), encoding="utf-8")
    checked = check_project(project)
    assert checked.project.facts[fact.id].question == tricky, checked.problems
    spec = {"sections": [{"topic": fact.topic, "questions": {"short_answer": "all"}}]}
    (sheet, key), = html_of(checked, spec)
    for html in (sheet, key):
        assert "<script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; " in html
    assert tricky in [p["stem"] for p in printed_questions(sheet)]


# --- versions --------------------------------------------------------------------

def order_of(html: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(p["id"], tuple(p["options"])) for p in printed_questions(html)]


def test_same_seed_same_sheets_byte_for_byte(shipped):
    assert html_of(shipped, variants=3, seed=11) == html_of(shipped, variants=3, seed=11)


def test_versions_hold_the_same_questions_in_another_order(shipped):
    (a, _), (b, _) = html_of(shipped, variants=2, seed=5)
    assert Counter(p["id"] for p in printed_questions(a)) == Counter(p["id"] for p in printed_questions(b))
    assert order_of(a) != order_of(b)
    for pa, pb in zip(sorted(printed_questions(a), key=lambda p: p["id"]),
                      sorted(printed_questions(b), key=lambda p: p["id"])):
        assert sorted(pa["options"]) == sorted(pb["options"])


def test_different_seeds_shuffle_differently_but_keep_the_questions(shipped):
    one, = html_of(shipped, variants=1, seed=1)
    two, = html_of(shipped, variants=1, seed=2)
    assert order_of(one[0]) != order_of(two[0])
    assert sorted(p["id"] for p in printed_questions(one[0])) == \
        sorted(p["id"] for p in printed_questions(two[0]))
    assert parse_html(one[0]).find("body").attrs["data-version"] == "A"


def test_the_recipe_sets_variants_and_seed_and_arguments_override_it(shipped):
    spec = shipped.project.decks[DECK].worksheet
    assert len(html_of(shipped)) == spec["variants"]
    assert html_of(shipped) == html_of(shipped, variants=spec["variants"], seed=spec["seed"])
    assert len(html_of(shipped, variants=4)) == 4
    assert html_of(shipped, seed=spec["seed"] + 1) != html_of(shipped)
    with pytest.raises(worksheet.UsageError, match="--variants must be 1 to 26"):
        html_of(shipped, variants=27)


# --- answer keys -----------------------------------------------------------------

@pytest.mark.parametrize("letter_index", [0, 1])
def test_each_key_follows_its_versions_numbering_and_answers(shipped, letter_index):
    sheet, key = html_of(shipped, {}, variants=2, seed=3)[letter_index]
    by_id = {q.id: q for q in shipped.decks[DECK].questions}
    asked, answered = printed_questions(sheet), printed_questions(key)
    assert [(p["number"], p["id"]) for p in asked] == [(p["number"], p["id"]) for p in answered]
    for p, k in zip(asked, answered):
        q = by_id.get(p["id"])
        if p["kind"] == "multiple_choice":
            letter, text = k["answers"][0].split(". ", 1)
            assert text == q.answer
            assert p["options"][string.ascii_uppercase.index(letter)] == q.answer
        elif p["kind"] == "true_false":
            assert k["answers"] == ["True" if q.truth else "False"]
            correction = k["node"].find(cls="correction")
            if q.truth:
                assert correction is None
            else:  # the statement as the source gives it: the correction to mark with
                assert correction.text() == f"The source says: {q.facts[0].statement}"
        elif p["kind"] == "matching":
            rows = p["node"].find("tbody").find_all("tr")
            right_by_letter = {r.find_all("td")[3].text().rstrip("."): r.find_all("td")[4].text()
                               for r in rows}
            for row in k["node"].find("tbody").find_all("tr"):
                cells = [c.text() for c in row.find_all("td")]
                assert dict(q.pairs)[cells[1]] == right_by_letter[cells[2]] == cells[3]
        elif p["kind"] == "ordering":
            numbers = {li.text(skip=("letter",)): int(li.find("span", "letter").text())
                       for li in k["node"].find_all("li")}
            assert sorted(numbers, key=numbers.get) == q.order
            assert list(numbers) == p["options"]
        elif p["kind"] == "fill_blank":
            assert k["answers"] == [" / ".join(t for t, n in q.cloze if n)]
        elif p["kind"] == "short_answer":
            (answer,) = k["answers"]
            assert answer.startswith(" ".join(q.answer.split()))
        elif p["kind"] == "table":
            rows = [[c.text().replace(" (no unit in the source)", "") for c in r.find_all("td")]
                    for r in k["node"].find("tbody").find_all("tr")]
            assert sorted(rows) == sorted(q.rows)


def test_every_answer_names_its_facts_with_quote_and_a_short_reference(shipped):
    _, key = html_of(shipped, {})[0]
    by_id = {q.id: q for q in shipped.decks[DECK].questions}
    citation = shipped.project.sources[DECK].citation
    root = parse_html(key)
    # the full citation once, in the header, numbered; each quote ends with the number only
    assert quotes.normalize(f"Quotes are from [1] {citation}") in quotes.normalize(root.find("header").text())
    assert root.text().count(citation) == 1
    for k in printed_questions(key):
        if k["id"] == "chart":  # the draw-the-bars exercise: every charted fact of its section
            topic = section_of(k["node"]).attrs["data-topic"]
            facts = [f for f in shipped.project.facts.values()
                     if worksheet.charts.charted(f) and f.topic == topic]
        else:
            facts = by_id[k["id"]].facts
        for fact in facts:
            # a quote's own "double quotes" print as single ones inside the key's “…”
            inner = re.sub(r'"([^"]*)"', "‘\\1’", ' … '.join(fact.quotes))
            expected = f"{fact.id} “{inner}” [1]"
            assert quotes.normalize(expected) in quotes.normalize(k["evidence"])
            if fact.context:
                assert f"Background, not from the source: {quotes.normalize(fact.context)}" \
                    in quotes.normalize(k["evidence"])


def test_the_key_starts_with_a_quick_answer_for_every_question(shipped):
    (sheet, key), = html_of(shipped, {})
    by_id = {q.id: q for q in shipped.decks[DECK].questions}
    quick = {int(li.attrs["data-number"]): li.find(cls="qa").text()
             for li in quick_answer_items(key)}
    printed = printed_questions(sheet)
    assert sorted(quick) == [p["number"] for p in printed]
    for p in printed:
        q, answer = by_id.get(p["id"]), quick[p["number"]]
        assert answer, p["id"]
        if p["kind"] == "true_false":
            assert answer == ("True" if q.truth else "False")
        elif p["kind"] == "fill_blank":
            assert answer == " / ".join(t for t, n in q.cloze if n)
        elif p["kind"] == "multiple_choice":
            letter = "ABCDEFGH"[p["options"].index(q.answer)]
            assert answer.startswith(f"{letter} (")
        elif p["kind"] == "table":
            for row in q.rows:
                assert all(cell in answer for cell in row)
        elif p["kind"] == "short_answer" and len(q.answer) < 80:
            assert answer.startswith(q.answer)


def test_the_key_shows_the_aid_chart_unless_students_draw_it(shipped):
    _, key = html_of(shipped)[0]
    appendix = parse_html(key).find("section", "figure-appendix")
    assert appendix is not None and appendix.find("svg") is not None
    charted = [f.id for f in shipped.project.facts.values() if worksheet.charts.charted(f)]
    assert all(fact_id in appendix.text() for fact_id in charted)
    spec = {"sections": [{"topic": "aid", "questions": {"chart": 1}}]}
    sheet, key = html_of(shipped, spec)[0]
    assert parse_html(key).find("section", "figure-appendix") is None
    assert [p["kind"] for p in printed_questions(sheet)] == ["chart"]
    (answer,) = printed_questions(key)
    assert answer["node"].find("svg") is not None
    assert parse_html(key).find("rect") is not None
    no_chart = {"chart": False, "sections": [{"topic": "japan"}]}
    assert "<svg" not in html_of(shipped, no_chart)[0][1]


# --- validating the recipe ----------------------------------------------------------

def problems_after(project: Path, change) -> list[str]:
    edit_recipe(project, change)
    _, problems = load_project(project)
    return [str(p) for p in problems]


def line_of(project: Path, needle: str) -> int:
    lines = (project / RECIPE).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


@pytest.mark.parametrize("change, needle, message", [
    (lambda d: d["worksheet"].update(varients=3), "varients",
     "worksheet: unknown key 'varients'; did you mean 'variants'?"),
    (lambda d: d["worksheet"].update(variants=0), "variants:",
     "worksheet: 'variants' must be 1 to 26 (one letter per version), not 0"),
    (lambda d: d["worksheet"].update(paper="leter"), "paper:",
     "worksheet: unknown paper 'leter'; did you mean 'letter'? known values: a4, letter"),
    (lambda d: d["worksheet"]["sections"][0].update(topic="visits"), "topic: visits",
     "worksheet section #1: topic 'visits' is not one of the deck's topics"),
    (lambda d: d["worksheet"]["sections"][1]["questions"].update({"multiple-choice": 2}),
     "multiple-choice", "worksheet section #2: unknown question style 'multiple-choice'; "
     "did you mean 'multiple_choice'?"),
    (lambda d: d["worksheet"]["sections"][0]["questions"].update(true_false="some"), "true_false: some",
     "worksheet section #1: 'true_false' must be a number of questions (0 or more) or 'all', not 'some'"),
    (lambda d: d["worksheet"]["sections"].append({"questions": {"table": 1}}), "- questions:",
     "worksheet section #7 is missing the required key 'topic'"),
])
def test_recipe_mistakes_are_reported_where_they_are(project, change, needle, message):
    found = problems_after(project, change)
    assert len(found) == 1, found
    path, line, _col, text = found[0].split(":", 3)
    assert path.endswith(RECIPE)
    assert int(line) == line_of(project, needle)
    assert text.strip().startswith(message)


def test_check_fails_on_a_bad_worksheet_and_build_writes_nothing(project):
    edit_recipe(project, lambda d: d["worksheet"].update(seed="soon"))
    result = CliRunner().invoke(app, ["check", str(project)])
    assert result.exit_code == 1
    assert "worksheet: 'seed' must be a whole number, not text" in result.output
    out = project / "dist"
    result = CliRunner().invoke(app, ["build", "-p", str(project), "--out", str(out)])
    assert result.exit_code == 1
    assert not out.exists() or not list(out.iterdir())


# --- writing files ------------------------------------------------------------------

def test_build_writes_lettered_html_and_pdf_per_version(project):
    out = project / "dist"
    result = CliRunner().invoke(app, ["build", "-p", str(project), "--out", str(out),
                                      "--variants", "2", "--seed", "7"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir() if "worksheet" in p.name or "answer-key" in p.name)
    assert names == sorted(f"{DECK}-{kind}-{letter}.{ext}" for kind in ("worksheet", "answer-key")
                           for letter in "AB" for ext in ("html", "pdf"))
    assert all((out / n).read_bytes().startswith(b"%PDF-") for n in names if n.endswith(".pdf"))
    assert not [p for p in out.iterdir() if p.name.startswith(".")
                and p.name not in (RECORD_NAME, ".studykit-cache")]
    assert f"{DECK}-worksheet-A.html" in result.output
    first = {n: (out / n).read_bytes() for n in names}
    again = CliRunner().invoke(app, ["build", "-p", str(project), "--out", str(out),
                                     "--variants", "2", "--seed", "7"])
    assert again.exit_code == 0
    assert {n: (out / n).read_bytes() for n in first} == first  # PDFs too: no dates inside
    bad = CliRunner().invoke(app, ["build", "-p", str(project), "--out", str(out), "--variants", "30"])
    assert bad.exit_code == 2
    assert "--variants must be 1 to 26" in bad.output
    assert {n: (out / n).read_bytes() for n in first} == first


def test_a_single_version_is_lettered_too(project, tmp_path):
    """README: 'always lettered, also for a single version' (so a second version adds files, renames none)."""
    out = tmp_path / "one"
    result = CliRunner().invoke(app, ["build", "-p", str(project), "--out", str(out), "--only", "worksheet",
                                      "--variants", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.html")) == [f"{DECK}-answer-key-A.html", f"{DECK}-worksheet-A.html"]


def test_the_seed_and_variants_options_override_the_recipe(project, tmp_path):
    """README: 'same seed, same sheets; studykit build --seed S overrides' the recipe's seed, and
    --variants N its number of versions."""
    def sheets(*seed: str) -> dict[str, str]:
        out = tmp_path / ("seed-" + "-".join(seed or ("recipe",)))
        result = CliRunner().invoke(app, ["build", "-p", str(project), "--out", str(out), "--only", "worksheet",
                                          "--variants", "3", *seed])
        assert result.exit_code == 0, result.output
        return {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.html")}

    recipe = yaml.safe_load((project / RECIPE).read_text(encoding="utf-8"))["worksheet"]
    own, other = sheets(), sheets("--seed", str(recipe["seed"] + 1))
    assert recipe["variants"] != 3 and sorted(own) == sorted(other) == sorted(
        f"{DECK}-{kind}-{letter}.html" for kind in ("worksheet", "answer-key") for letter in "ABC")
    assert own != other  # another seed: other orders on the sheets and in their keys
    assert sheets("--seed", str(recipe["seed"])) == own  # the recipe's seed given on the command line


def test_without_weasyprint_the_html_is_written_and_one_line_says_why(shipped, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # what Python does when it is not installed
    said = []
    recipe = shipped.project.decks[DECK]
    with Staging(tmp_path) as stage:
        names = worksheet.write_worksheets(shipped.project, recipe, shipped.decks[DECK], stage,
                                           notify=said.append)
    assert names == [f"{DECK}-{kind}-{letter}.html" for letter in "AB"
                     for kind in ("worksheet", "answer-key")]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".studykit-cache") == sorted(names)
    (line,) = said
    assert "\n" not in line
    assert re.search(r"PDFs not written: WeasyPrint is not installed .*pip install weasyprint", line)


def test_a_section_asking_for_more_than_there_is_says_so(shipped, tmp_path):
    available = len(pool(shipped, "japan", "short_answer"))
    recipe = with_worksheet(shipped, {"sections": [
        {"topic": "japan", "questions": {"short_answer": available + 5}}]})
    said = []
    with Staging(tmp_path) as stage:
        worksheet.write_worksheets(shipped.project, recipe, shipped.decks[DECK], stage,
                                   variants=1, notify=said.append)
    short = [line for line in said if "asks for" in line]
    assert len(short) == 1
    assert f"asks for {available + 5} short_answer question(s)" in short[0]
    sheet = (tmp_path / f"{DECK}-worksheet-A.html").read_text()
    printed = len(printed_questions(sheet))
    assert f"the templates make {available} for topic 'japan'" in short[0]
    assert re.match(rf"{re.escape(str(recipe.path))}:\d+:\d+: warning: worksheet section ", short[0])
    assert f"the sheet has {printed}; fix: ask for at most {printed}, or for another style" in short[0]
    if printed < available:  # the rest would give away another question's answer
        assert short[0].endswith(f"why, of the {available}:\n  - {available - printed} would give away another "
                                 "question's answer on the sheet")
    else:
        assert short[0].endswith(f"the sheet has {printed}; fix: ask for at most {printed}, or for another style")


def test_a_key_lists_an_accepted_form_once_whatever_its_article_or_capitals(shipped, built):
    """"the Soviet Army Day reception; Soviet Army Day reception; a Soviet Army Day reception" is
    one answer to a marker: the key shows it once, without the article."""
    from studykit.worksheets.items import Item

    questions = {q.id: q for q in shipped.decks[DECK].questions}
    reception = questions["recall/gorkyi-reception-soviet-army-day"]
    assert len(reception.accept) == 3  # the fact's own list, which exports still match against
    assert Item(kind="short_answer", points=1, question=reception).accept == ["Soviet Army Day reception"]
    classified = questions["recall/document-classified"]
    assert Item(kind="short_answer", points=1, question=classified).accept == []  # 'classified' is 'CLASSIFIED'
    bare = lambda form: re.sub(r"^(a|an|the)\s+(?=\S)", "", form.strip(), flags=re.I).casefold()  # noqa: E731
    lines = [line for key in built.glob("*answer-key-*.html")
             for line in re.findall(r'<p class="accept"><span class="label">[^<]*</span>(.*?)</p>',
                                    key.read_text(encoding="utf-8"))]
    assert lines
    for line in lines:
        forms = [bare(form) for form in line.split(";")]
        assert len(forms) == len(set(forms)), line
