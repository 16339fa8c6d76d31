"""Blackboard "Upload Questions" export, read back by a reader written from Blackboard's
documentation of the format (help.blackboard.com "Upload Questions"): one question per line,
tab-separated fields, a type code first, correct/incorrect and true/false markers, no header and
no blank line; question and choice texts are HTML (a line break is ``<br />``), typed answers
plain.  The shipped deck's questions come back as asked."""

from __future__ import annotations

import dataclasses
import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from studykit.check import check_project
from studykit.export import blackboard, export_project
from studykit.export.common import is_short

DECK = "soviet-korean-relations-1967"
BOUND = 300  # seconds: a bound against hanging only
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


@dataclasses.dataclass
class Record:
    kind: str
    question: str
    answers: list[str] = dataclasses.field(default_factory=list)
    right: list[bool] = dataclasses.field(default_factory=list)  # MC/MA: which answers are correct
    truth: bool | None = None
    pairs: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    number: float | None = None
    tolerance: float | None = None


def _html(field: str, where: str) -> str:
    """An HTML field as the student reads it; raw markup other than a line break fails."""
    assert field.strip() == field and field, f"{where}: empty field or edge whitespace {field!r}"
    assert not re.search(r"<(?!br />)|(?<!<br /)>", field), f"{where}: unescaped markup in {field!r}"
    assert not re.search(r"&(?!(?:amp|lt|gt|quot|#\d+);)", field), f"{where}: a bare & in {field!r}"
    return html.unescape(field.replace("<br />", "\n"))


def read_upload(text: str) -> list[Record]:
    """Every question as Blackboard's uploader reads it; what it would refuse fails here."""
    assert "\r" not in text and text.endswith("\n")
    records = []
    for number, line in enumerate(text[:-1].split("\n"), 1):
        where = f"line {number}"
        assert line, f"{where}: a blank line (Blackboard reads it as a broken record)"
        kind, *fields = line.split("\t")
        assert fields, f"{where}: no question text"
        record = Record(kind, _html(fields[0], where))
        rest = fields[1:]
        if kind in ("MC", "MA"):
            assert rest and len(rest) % 2 == 0 and len(rest) // 2 <= blackboard.MAX_ANSWERS, where
            record.answers = [_html(a, where) for a in rest[::2]]
            assert set(rest[1::2]) <= {"correct", "incorrect"}, where
            record.right = [m == "correct" for m in rest[1::2]]
            assert sum(record.right) == 1 if kind == "MC" else sum(record.right) >= 1, where
        elif kind == "TF":
            assert len(rest) == 1 and rest[0] in ("true", "false"), where
            record.truth = rest[0] == "true"
        elif kind == "ESS":
            assert len(rest) <= 1, where
            record.answers = [_html(a, where) for a in rest]
        elif kind == "ORD":
            assert 1 <= len(rest) <= blackboard.MAX_ANSWERS, where
            record.answers = [_html(a, where) for a in rest]
        elif kind == "MAT":
            assert rest and len(rest) % 2 == 0, where
            sides = [_html(a, where) for a in rest]
            record.pairs = list(zip(sides[::2], sides[1::2]))
        elif kind == "FIB":
            assert 1 <= len(rest) <= blackboard.MAX_ANSWERS and all(a.strip() == a and a for a in rest), where
            record.answers = rest
        elif kind == "NUM":
            assert len(rest) in (1, 2) and all(NUMBER.match(a) for a in rest), where
            record.number = float(rest[0])
            record.tolerance = float(rest[1]) if len(rest) == 2 else 0.0
        else:
            raise AssertionError(f"{where}: unknown question type {kind!r}")
        records.append(record)
    return records


def _one_line(text: str) -> str:
    return " ".join(text.split())


def test_the_shipped_deck_reads_back_as_asked(repo, tmp_path):
    shown = subprocess.run([sys.executable, "-m", "studykit", "export", "blackboard", DECK, "--out", str(tmp_path)],
                           cwd=repo, capture_output=True, text=True, timeout=BOUND)
    assert shown.returncode == 0, shown.stderr
    path = tmp_path / f"{DECK}.blackboard.txt"
    records = read_upload(path.read_text(encoding="utf-8"))
    assert shown.stdout.startswith(f"{path}: {len(records)} questions")
    by_question: dict[str, list[Record]] = {}
    for record in records:
        by_question.setdefault(record.question, []).append(record)
    exported = [q for q in check_project(repo).decks[DECK].questions if "export" in q.targets]
    kinds = set()
    for question in exported:
        prompt = _one_line(question.prompt)  # (a number's question adds "(Answer with a number ...)")
        asked = [r for r in records if r.question == prompt or r.question.startswith(prompt + " (Answer with")]
        if question.style == "multiple_choice":
            assert any(r.kind == "MC" and r.answers == list(question.options)
                       and r.right.index(True) == question.correct for r in asked), question.id
        elif question.style == "true_false":
            assert any(r.kind == "TF" and r.truth == bool(question.truth) for r in asked), question.id
        elif question.style == "short_answer":
            assert any(r.kind == "FIB" and question.answer in r.answers
                       or r.kind == "NUM" and r.number is not None
                       or r.kind == "ESS" and f"Model answer: {_one_line(question.answer)}" in r.answers[0]
                       for r in asked), question.id
        elif question.style == "fill_blank":
            for term, n in question.cloze:
                if n and is_short(term):  # one question per blank, shown as a line, the term its answer
                    assert any(r.kind == "FIB" and "_____" in r.question and _one_line(term) in r.answers
                               for rs in by_question.values() for r in rs), (question.id, term)
                elif n:  # too long to mark by machine: shown filled in around the others' blanks, or
                    # (no short blank) an essay whose model answer holds it
                    assert any("_____" in r.question and _one_line(term) in r.question
                               or r.kind == "ESS" and _one_line(term) in "".join(r.answers)
                               for rs in by_question.values() for r in rs), (question.id, term)
        elif question.style == "matching":
            assert any(r.kind == "MAT" and r.pairs == list(question.pairs) for r in asked), question.id
        kinds.add(question.style)
    assert {"multiple_choice", "true_false", "short_answer", "fill_blank", "matching"} <= kinds
    assert {r.kind for r in records} >= {"MC", "TF", "FIB", "NUM", "ESS", "MAT"}


def test_numbers_carry_their_tolerance(repo, tmp_path):
    (written,) = export_project(repo, "blackboard", out=tmp_path, tolerance=5)
    numeric = [r for r in read_upload(written.path.read_text(encoding="utf-8")) if r.kind == "NUM"]
    assert numeric and all(r.tolerance == pytest.approx(r.number * 0.05) or r.tolerance == pytest.approx(r.number * 0.1)
                           for r in numeric)


def test_markup_tabs_and_line_breaks_survive_as_text(repo):
    """Blackboard shows texts as HTML: '&', '<' are escaped, a line break is <br />, a tab a
    space; a typed answer stays as the student types it."""
    questions = [q for q in check_project(repo).decks[DECK].questions if "export" in q.targets]
    mc = next(q for q in questions if q.style == "multiple_choice")
    short = next(q for q in questions if q.style == "short_answer" and len(q.answer.split()) <= 2
                 and not re.search(r"\d", q.answer))
    project, recipe = check_project(repo).project, check_project(repo).project.decks[DECK]
    messy_mc = dataclasses.replace(mc, prompt="Was <b>this</b> & that\nsaid\tby him?",
                                   options=["<i>one</i>", "A & B", "C\tD"], correct=1)
    messy_short = dataclasses.replace(short, prompt="Who? <script>x</script>", answer="Smith & Sons",
                                      accept=[])
    text, count, skipped = blackboard.write(project, recipe, [messy_mc, messy_short], 0)
    assert count == 2 and skipped == {}
    assert "&amp;" in text and "<b>" not in text and "\tC D\t" in text
    mc_read, fib_read = read_upload(text)
    assert (mc_read.kind, mc_read.question) == ("MC", "Was <b>this</b> & that\nsaid by him?")
    assert mc_read.answers == ["<i>one</i>", "A & B", "C D"] and mc_read.right == [False, True, False]
    assert (fib_read.kind, fib_read.question) == ("FIB", "Who? <script>x</script>")
    assert "Smith & Sons" in fib_read.answers  # typed: plain, never '&amp;'


def test_an_ordering_question_goes_out_in_its_right_order(project, tmp_path):
    """Ordering, which the Moodle formats cannot ask, is an ORD question: its items in the right
    order (Blackboard shuffles them for the student)."""
    template = project / "question_templates" / "ordering.yaml"
    template.write_text(template.read_text(encoding="utf-8").replace("targets: [anki, worksheet]",
                                                                     "targets: [export]"), encoding="utf-8")
    orderings = [q for q in check_project(project).decks[DECK].questions if q.style == "ordering"]
    (written,) = export_project(project, "blackboard", out=tmp_path / "out")
    records = [r for r in read_upload(written.path.read_text(encoding="utf-8")) if r.kind == "ORD"]
    assert orderings and [(r.question, r.answers) for r in records] == [
        (_one_line(q.prompt), list(q.order)) for q in orderings]
    assert all(len(r.answers) >= 3 for r in records) and "ordering" not in written.skipped


def test_the_file_name_and_the_format_list(repo, tmp_path):
    (written,) = export_project(repo, "blackboard", out=tmp_path)
    assert written.path == Path(tmp_path) / f"{DECK}.blackboard.txt" and written.format == "blackboard"
    shown = subprocess.run([sys.executable, "-m", "studykit", "export", "--help"], capture_output=True, text=True,
                           timeout=BOUND)
    assert "blackboard" in shown.stdout
