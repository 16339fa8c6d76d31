"""Property-based tests (Hypothesis) for the invariants students and teachers depend on.

- any text survives each export's escaping and reads back identical, read by a parser written
  here (a small GIFT reader), ElementTree + html.unescape (Moodle XML) or csv (Quizlet);
- any edit of a fact's wording keeps every note GUID (read from the built .apkg's database);
- the build is a pure function of its inputs (two builds of the same files: the same bytes).

Text is compared after folding runs of whitespace into one space: every format promises one
line per field, so that is what a reader gets back.
"""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
import sqlite3
import textwrap
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from studykit.build import build_project
from studykit.export import gift, moodle_xml, quizlet
from studykit.export.common import Answer, QuizItem
from studykit.questions import Question

from small_project import make_project

EXAMPLES = settings(max_examples=50, deadline=None)
FAST_PHASES = [Phase.explicit, Phase.reuse, Phase.generate]  # a build per example: no long shrinking

# Fact text never holds control characters (check refuses them); everything else may appear.
# The characters each format gives a meaning are drawn often on purpose.
SPECIAL = st.sampled_from(list("~=#{}:\\-><&\"'*[]/%\t\n") + ["->", "&amp;", "<b>", "::", "####"])
ANY_CHAR = st.characters(blacklist_categories=("Cc", "Cs"))
TEXT = st.lists(st.one_of(SPECIAL, ANY_CHAR, st.just(" ")), min_size=1, max_size=30).map("".join) \
    .filter(lambda t: t.strip())


def folded(text: str) -> str:
    return " ".join(text.split())


# --- a small GIFT reader ------------------------------------------------------------------

def _split_unescaped(text: str, marks: str) -> list[tuple[str, str]]:
    """(mark, raw text) pieces of ``text`` starting at each unescaped character of ``marks``."""
    pieces, mark, current, i = [], "", [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i:i + 2])
            i += 2
            continue
        if ch in marks:
            pieces.append((mark, "".join(current)))
            mark, current = ch, []
        else:
            current.append(ch)
        i += 1
    pieces.append((mark, "".join(current)))
    return pieces


def _unescape(raw: str) -> str:
    return re.sub(r"\\(.)", r"\1", raw)


def _index_unescaped(text: str, wanted: str, start: int = 0) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(wanted, i):
            return i
        i += 1
    return -1


def read_gift_question(paragraph: str, html_answers: bool) -> dict:
    """name, text, answers [(mark, text)], feedback of one GIFT question, as Moodle reads them.

    Moodle's GIFT reader applies the [html] format to the question text, feedback and
    multiple-choice answers; short answers are compared with what a student types, as plain text.
    """
    lines = [line for line in paragraph.splitlines() if not line.startswith("//")]
    assert len(lines) == 1, paragraph  # one question, one line
    line = lines[0]
    assert line.startswith("::")
    end_name = _index_unescaped(line, "::", 2)
    name, rest = _unescape(line[2:end_name]), line[end_name + 2:]
    is_html = rest.startswith("[html]")
    rest = rest[len("[html]"):] if is_html else rest
    open_at = _index_unescaped(rest, "{")
    assert rest.endswith("}") and _index_unescaped(rest, "}") == len(rest) - 1, rest
    text, body = rest[:open_at], rest[open_at + 1:-1]
    feedback_at = _index_unescaped(body, "####")
    feedback = body[feedback_at + 4:] if feedback_at >= 0 else ""
    choices = body[:feedback_at] if feedback_at >= 0 else body
    answers = [(mark, _unescape(raw).strip()) for mark, raw in _split_unescaped(choices, "=~") if mark]
    as_text = (lambda s: html.unescape(_unescape(s)).strip()) if is_html else (lambda s: _unescape(s).strip())
    return {"name": name, "text": as_text(text), "raw_choices": choices,
            "answers": [(m, html.unescape(a) if html_answers else a) for m, a in answers],
            "feedback": as_text(feedback)}


def one_gift_question(item: QuizItem) -> dict:
    paragraphs = [p for p in gift.write([item], "Deck").split("\n\n") if p.strip()]
    question = [p for p in paragraphs if "::" in p and not p.startswith("$CATEGORY")]
    assert len(question) == 1
    return read_gift_question(question[0], html_answers=item.kind == "multichoice")


@EXAMPLES
@given(name=TEXT, text=TEXT, right=TEXT, wrong=st.lists(TEXT, min_size=1, max_size=3), feedback=TEXT)
def test_gift_multiple_choice_reads_back_identical(name, text, right, wrong, feedback):
    item = QuizItem(kind="multichoice", name=name, category="c", text=text, feedback=feedback,
                    answers=[Answer(right, True)] + [Answer(w, False) for w in wrong])
    read = one_gift_question(item)
    assert read["name"] == folded(name)
    assert read["text"] == folded(text)
    assert read["feedback"] == folded(feedback)
    assert read["answers"] == [("=", folded(right))] + [("~", folded(w)) for w in wrong]
    assert "->" not in read["raw_choices"]  # Moodle would read the question as matching


@EXAMPLES
@given(text=TEXT, answers=st.lists(TEXT, min_size=1, max_size=3))
def test_gift_short_answers_read_back_with_the_arrow_rule(text, answers):
    item = QuizItem(kind="shortanswer", name="q", category="c", text=text,
                    answers=[Answer(a, True) for a in answers])
    read = one_gift_question(item)
    assert "->" not in read["raw_choices"]
    expected = []
    for answer in answers:
        pattern = folded(answer).replace("*", "\\*")  # Moodle's wildcard, escaped
        expected.append(("=", pattern.replace("->", "\u2192")))
        if "->" in pattern:
            expected.append(("=", pattern.replace("->", "*>")))
    assert read["answers"] == expected


# --- Moodle XML ---------------------------------------------------------------------------

def _html_text(element) -> str:
    return html.unescape(element.find("text").text or "")


@EXAMPLES
@given(name=TEXT, text=TEXT, right=TEXT, wrong=st.lists(TEXT, min_size=1, max_size=3), feedback=TEXT,
       answer_feedback=TEXT)
def test_moodle_xml_multiple_choice_reads_back_identical(name, text, right, wrong, feedback,
                                                         answer_feedback):
    item = QuizItem(kind="multichoice", name=name, category="c", text=text, feedback=feedback,
                    answers=[Answer(right, True, answer_feedback)] + [Answer(w, False) for w in wrong])
    quiz = ET.fromstring(moodle_xml.write([item], "Deck").encode("utf-8"))
    [question] = quiz.findall("question[@type='multichoice']")
    assert question.find("name/text").text == folded(name)
    assert question.find("questiontext").get("format") == "html"
    assert _html_text(question.find("questiontext")) == folded(text)
    assert _html_text(question.find("generalfeedback")) == folded(feedback)
    answers = question.findall("answer")
    assert [(a.get("fraction"), _html_text(a)) for a in answers] == \
        [("100", folded(right))] + [("0", folded(w)) for w in wrong]
    assert all(a.get("format") == "html" for a in answers)
    assert _html_text(answers[0].find("feedback")) == folded(answer_feedback)


@EXAMPLES
@given(answers=st.lists(TEXT, min_size=1, max_size=3))
def test_moodle_xml_short_answers_read_back_as_typed(answers):
    item = QuizItem(kind="shortanswer", name="q", category="c", text="Who?",
                    answers=[Answer(a, True) for a in answers])
    quiz = ET.fromstring(moodle_xml.write([item], "Deck").encode("utf-8"))
    [question] = quiz.findall("question[@type='shortanswer']")
    # a short answer is compared with what the student types: plain text, '*' escaped
    assert [a.find("text").text for a in question.findall("answer")] == \
        [folded(a).replace("*", "\\*") for a in answers]


# --- Quizlet --------------------------------------------------------------------------------

def _short_answer(prompt: str, answer: str) -> Question:
    return Question(id="recall/x", guid_key="x", template_id="recall", style="short_answer",
                    topic="t", source_id="s", facts=[], prompt=prompt, answer=answer)


@EXAMPLES
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=5))
def test_quizlet_cards_read_back_identical_with_a_tab_reader(cards):
    made, _ = quizlet.cards([_short_answer(p, a) for p, a in cards])
    text = quizlet.write(made)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))
    expected = list(dict.fromkeys((folded(p), folded(a)) for p, a in cards))
    # A cell that would start a spreadsheet formula carries one invisible zero-width space first.
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@"))
    assert [tuple(r) for r in rows] == [tuple(guarded(c) for c in e) for e in expected]


def guarded(cell: str) -> str:
    """The README's rule: a zero-width space before a leading = + - @, nothing else changed."""
    return "\u200b" + cell if cell[:1] in ("=", "+", "-", "@") and cell else cell


# --- GUIDs and a pure build, on a small project ---------------------------------------------

SOURCE = "The harbour master wrote that the new pier opened in spring and the ships came back.\n"
FACTS = """\
topic: main
facts:
  - id: pier-opened
    kind: event
    statement: STATEMENT
    question: QUESTION
    answer: ANSWER
    quote: the new pier opened in spring
  - id: ships-back
    kind: claim
    statement: The harbour master wrote that the ships came back.
    question: What did the harbour master write about the ships?
    answer: They came back
    quote: the ships came back
    data: {holder: the harbour master}
"""
# wording without digits (a number must appear in the quote) and without '#' (a YAML comment)
WORDING = st.text(alphabet=st.characters(whitelist_categories=("L", "Zs", "Po", "Pd"),
                                         blacklist_characters="#%\u2028\u2029"),
                  min_size=3, max_size=40).map(folded).filter(lambda t: len(t) >= 3 and t[0].isalpha())


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write_facts(root: Path, statement: str, question: str, answer: str) -> None:
    body = (FACTS.replace("STATEMENT", _yaml(statement)).replace("QUESTION", _yaml(question))
            .replace("ANSWER", _yaml(answer)))
    (root / "seeds" / "doc" / "facts" / "facts.yaml").write_text(body, encoding="utf-8")


def _guids(apkg: Path) -> dict[str, str]:
    with zipfile.ZipFile(apkg) as archive:
        data = archive.read("collection.anki2")
    db_path = apkg.with_suffix(".anki2")
    db_path.write_bytes(data)
    with sqlite3.connect(db_path) as db:
        return {guid: flds for guid, flds in db.execute("select guid, flds from notes")}


def _fresh_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("guids")
    make_project(root, SOURCE, textwrap.dedent(FACTS))
    _write_facts(root, "The new pier opened in spring.", "When did the new pier open?", "In spring")
    return root


@settings(max_examples=10, deadline=None, phases=FAST_PHASES,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(statement=WORDING, question=WORDING, answer=WORDING)
def test_any_edit_of_a_facts_wording_keeps_every_guid(tmp_path_factory, statement, question, answer):
    root = _fresh_project(tmp_path_factory)
    out = root / "dist"
    build_project(root, out=out)
    before = _guids(out / "doc.apkg")
    _write_facts(root, statement, question, answer)
    report = build_project(root, out=out)
    after = _guids(out / "doc.apkg")
    assert set(after) == set(before) and len(before) >= 2
    [deck] = report.decks
    assert deck.added == deck.retired == []


@settings(max_examples=6, deadline=None, phases=FAST_PHASES,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(statement=WORDING, question=WORDING, answer=WORDING)
def test_the_build_is_a_pure_function_of_its_inputs(tmp_path_factory, statement, question, answer):
    """Same files and same manifest (what students have): the same bytes, in another folder.

    The first build of a deck stamps the current time (Anki updates only newer notes), so the
    manifest is an input; nothing else (no clock, no hash seed, no folder name) may be.
    """
    root = _fresh_project(tmp_path_factory)
    _write_facts(root, statement, question, answer)
    build_project(root, out=root / "dist")
    twin = tmp_path_factory.mktemp("twin")
    shutil.copytree(root, twin, dirs_exist_ok=True, ignore=shutil.ignore_patterns("dist"))
    (twin / "dist").mkdir()
    shutil.copy(root / "dist" / "doc.manifest.json", twin / "dist" / "doc.manifest.json")
    build_project(twin, out=twin / "dist")

    def outputs(folder: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in folder.iterdir()
                if p.is_file() and not p.name.startswith(".")}

    first, second = outputs(root / "dist"), outputs(twin / "dist")
    assert first == second and "doc.apkg" in first
