"""Aiken export, read back by a reader written from Moodle's documentation of the format (its
importer's rules, question/format/aiken/format.php): plain text, a question on one line, choices
"A) ...", "ANSWER: X". The shipped deck's multiple choice and true/false come back as asked."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import break_a_fact

from studykit.check import check_project
from studykit.export import aiken, export_project

DECK = "soviet-korean-relations-1967"
BOUND = 300  # seconds: a bound against hanging only

CHOICE = re.compile(r"^([A-Z])[).][ \t]?")  # Moodle's test for a choice line


def read_aiken(text: str) -> list[tuple[str, list[str], int]]:
    """(question, choices, index of the right one) for each question, as Moodle's importer reads
    them; anything it would drop or report (a choice before any question, a question left without
    its ANSWER line, fewer than two choices, a letter past the last choice) fails here."""
    found, current = [], None
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), 1):
        line = raw.strip()
        if len(line) < 2:
            continue
        if CHOICE.match(line):
            assert current is not None, f"line {number}: a choice outside a question"
            current[1].append(line[2:].strip())
        elif line.startswith("ANSWER:"):
            assert current is not None, f"line {number}: an answer outside a question"
            letter = line.split(":", 1)[1].strip()[:1]
            right = ord(letter) - ord("A")
            assert len(current[1]) >= 2 and 0 <= right < len(current[1]), f"line {number}: {line}"
            found.append((current[0], current[1], right))
            current = None
        else:
            assert current is None, f"line {number}: a new question before the last one's ANSWER"
            current = (line, [])
    assert current is None, "the last question has no ANSWER line"
    return found


def _exported(repo) -> list:
    return [q for q in check_project(repo).decks[DECK].questions if "export" in q.targets]


def test_every_multiple_choice_and_true_false_question_reads_back_as_asked(repo, tmp_path):
    shown = subprocess.run([sys.executable, "-m", "studykit", "export", "aiken", DECK, "--out", str(tmp_path)],
                           cwd=repo, capture_output=True, text=True, timeout=BOUND)
    assert shown.returncode == 0, shown.stderr
    path = tmp_path / f"{DECK}.aiken.txt"
    read = read_aiken(path.read_text(encoding="utf-8"))
    expected = []
    for question in _exported(repo):
        if question.style == "multiple_choice":
            expected.append((question.prompt, list(question.options), question.correct))
        elif question.style == "true_false":
            expected.append((question.prompt, ["True", "False"], 0 if question.truth else 1))
    assert expected and read == expected
    left_out = sum(1 for q in _exported(repo) if q.style not in ("multiple_choice", "true_false"))
    assert shown.stdout.startswith(f"{path}: {len(read)} questions (not exportable to aiken, left out: ")
    assert sum(int(n) for n in re.findall(r"(\d+) [a-z_]+", shown.stdout.split("left out: ")[1])) == left_out


def test_text_stays_plain_and_each_part_on_one_line(repo):
    # Moodle HTML-escapes Aiken text itself: markup and '&' go out as written, never escaped twice.
    mc = next(q for q in _exported(repo) if q.style == "multiple_choice")
    messy = dataclasses.replace(mc, prompt="Was <b>this</b> & that\nsaid\tby\r\nhim?",
                                options=("<i>one</i>\nline", "A & B", "C. D", "ANSWER: no"), correct=2)
    text, count, skipped = aiken.write([messy])
    assert (count, skipped) == (1, {})
    assert read_aiken(text) == [("Was <b>this</b> & that said by him?",
                                 ["<i>one</i> line", "A & B", "C. D", "ANSWER: no"], 2)]


@pytest.mark.parametrize("prompt", ["A. Lincoln said what?", "I) Which article?", "ANSWER: who?", "Q"])
def test_a_question_the_format_would_misread_is_left_out_and_counted(repo, prompt):
    tf = next(q for q in _exported(repo) if q.style == "true_false")
    text, count, skipped = aiken.write([dataclasses.replace(tf, prompt=prompt), tf])
    assert (count, skipped) == (1, {aiken.UNSAFE: 1})
    assert [stem for stem, _, _ in read_aiken(text)] == [tf.prompt]


def test_a_project_with_a_problem_writes_no_aiken_file(tmp_path):
    from cli_helpers import small_project

    project = small_project(tmp_path / "p")
    before = export_project(project, "aiken", out=tmp_path / "out")[0]
    content = before.path.read_bytes()
    break_a_fact(project)
    shown = subprocess.run([sys.executable, "-m", "studykit", "export", "aiken", "--out", str(tmp_path / "out")],
                           cwd=project, capture_output=True, text=True, timeout=BOUND)
    assert shown.returncode == 1 and "nothing was written" in shown.stderr
    assert before.path.read_bytes() == content
    assert [p.name for p in (tmp_path / "out").iterdir()] == [before.path.name]


def test_the_file_name_and_the_format_list(repo, tmp_path):
    [written] = export_project(repo, "aiken", out=tmp_path)
    assert written.path == Path(tmp_path) / f"{DECK}.aiken.txt" and written.format == "aiken"
    assert written.path.read_text(encoding="utf-8").endswith("\n")
