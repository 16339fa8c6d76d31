"""Recipes choose their outputs (`outputs:`), and `build --only KIND` makes one kind (issue 13.4)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from studykit.build import build_project
from studykit.check import check_project

DECK = "soviet-korean-relations-1967"


def recipe_path(project: Path) -> Path:
    return project / "decks" / f"{DECK}.yaml"


def set_outputs(project: Path, line: str | None) -> None:
    """Replace the recipe's outputs: line (None: remove it; the recipe then says nothing)."""
    path = recipe_path(project)
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if not l.startswith("outputs:")]
    if line is not None:
        lines.insert(lines.index(next(l for l in lines if l.startswith("title:"))) + 1, line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def drop_worksheet(project: Path) -> None:
    path = recipe_path(project)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("\nworksheet:")] + "\n", encoding="utf-8")


def made(out: Path) -> set[str]:
    return {p.name for p in out.iterdir() if not p.name.startswith(".")}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studykit", *args], capture_output=True, text=True)


def test_a_recipe_that_does_not_say_makes_the_deck_and_its_worksheets(project, tmp_path):
    set_outputs(project, None)
    build_project(project, out=tmp_path / "out")
    names = made(tmp_path / "out")
    assert {f"{DECK}.apkg", f"{DECK}.manifest.json", f"{DECK}-worksheet-A.html"} <= names
    assert not any(n.endswith(("-practice.html", "-cards.pdf")) for n in names)
    drop_worksheet(project)
    build_project(project, out=tmp_path / "bare")
    assert made(tmp_path / "bare") == {f"{DECK}.apkg", f"{DECK}.manifest.json"}


def test_a_recipe_asking_only_for_the_practice_page_gets_only_that(project, tmp_path):
    set_outputs(project, "outputs: [practice]")
    report = build_project(project, out=tmp_path / "out")
    assert made(tmp_path / "out") == {f"{DECK}-practice.html"}
    assert "no Anki package in this build" in report.lines()[0]
    assert any("practice page:" in line for line in report.lines())


def test_only_makes_one_kind_and_leaves_the_previous_outputs_alone(project, tmp_path):
    set_outputs(project, None)
    out = tmp_path / "out"
    build_project(project, out=out)
    package = (out / f"{DECK}.apkg").read_bytes()
    worksheet = (out / f"{DECK}-worksheet-A.html").stat().st_mtime_ns
    build_project(project, out=out, only=["practice"])
    assert (out / f"{DECK}.apkg").read_bytes() == package
    assert (out / f"{DECK}-worksheet-A.html").stat().st_mtime_ns == worksheet
    assert (out / f"{DECK}-practice.html").exists()


def test_the_cli_only_option_and_its_usage_errors(project, tmp_path):
    done = run("build", "-p", str(project), "--out", str(tmp_path / "a"), "--only", "practice")
    assert done.returncode == 0, done.stderr
    assert made(tmp_path / "a") == {f"{DECK}-practice.html"}
    wrong = run("build", "-p", str(project), "--out", str(tmp_path / "b"), "--only", "flashcard")
    assert wrong.returncode == 2 and "unknown output 'flashcard'" in wrong.stderr
    assert "Traceback" not in wrong.stderr and not (tmp_path / "b").exists()
    set_outputs(project, None)
    drop_worksheet(project)
    sheetless = run("build", "-p", str(project), "--out", str(tmp_path / "c"), "--only", "worksheet")
    assert sheetless.returncode == 2 and "no 'worksheet:' section" in sheetless.stderr


def test_unknown_outputs_are_reported_at_their_line_and_column(project):
    set_outputs(project, "outputs: [anki, flashcards]")
    problems = check_project(project).problems
    path = str(recipe_path(project))
    assert any(p.path.endswith(f"decks/{DECK}.yaml") and (p.line, p.col) == (5, 17)
               and "flashcards" in p.message for p in problems), [str(p) for p in problems]
    done = run("check", "-p", str(project))
    assert done.returncode == 1 and f"{DECK}.yaml:5:17:" in done.stdout + done.stderr
    assert path


def test_a_worksheet_output_needs_a_worksheet_section(project):
    drop_worksheet(project)
    set_outputs(project, "outputs: [anki, worksheet]")
    problems = check_project(project).problems
    assert [(p.line, p.col) for p in problems] == [(5, 17)]
    assert "add 'worksheet: {}'" in problems[0].message


def test_the_shipped_recipe_asks_for_every_output(repo):
    recipe = check_project(repo).project.decks[DECK]
    from studykit.outputs import KINDS, recipe_outputs

    assert recipe_outputs(recipe) == list(KINDS)
