"""Start-up: each command imports only what it uses (README: `--help` and `check` start fast).

No timings here (speed goals live in benchmarks/run.py): these tests run the real
program in a fresh interpreter and look at which modules it loaded, which is what
start-up time is made of.  A library on a command's "never" list would cost that
command its import time on every run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import small_project

# Libraries no command needs before it does real work (typer 0.29+ would bring pydantic).
NEVER_AT_START = {"pydantic", "rich", "genanki", "weasyprint", "watchfiles", "inflect", "anki"}
# What only a build that renders or writes needs.
BUILD_WORK = {"jinja2", "yaml", "sqlite3", "zipfile", "socket", "studykit.apkg", "studykit.manifest",
              "studykit.load", "studykit.questions", "studykit.check", "studykit.model", "studykit.worksheets"}

_RUN = """
import json, sys
from studykit.quickcli import main  # the console script's entry point
try:
    status = main(sys.argv[2:])
finally:
    with open(sys.argv[1], "w") as handle:
        json.dump(sorted(sys.modules), handle)
"""


def modules_after(tmp_path: Path, *args: str, cwd: Path | None = None) -> set[str]:
    """The top-level and studykit modules a fresh process had loaded when the command finished."""
    listing = tmp_path / "modules.json"
    shown = subprocess.run([sys.executable, "-c", _RUN, str(listing), *args], cwd=cwd,
                           capture_output=True, text=True, timeout=600)
    assert shown.returncode == 0, shown.stderr
    names = json.loads(listing.read_text())
    return {n for n in names if n.startswith("studykit.")} | {n.split(".")[0] for n in names}


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["build", "--help"], ["--version"]],
                         ids=" ".join)
def test_help_and_version_load_no_heavy_library(tmp_path, args):
    loaded = modules_after(tmp_path, *args)
    assert "typer" in loaded  # the check itself works: the command line was loaded
    assert loaded & (NEVER_AT_START | BUILD_WORK) == set(), (
        "pydantic comes with typer 0.29+: reinstall (pip install -e '.[test]') to get pyproject's typer<0.29"
        if "pydantic" in loaded else "")


def test_check_loads_what_validating_needs_and_nothing_for_writing(tmp_path):
    project = small_project(tmp_path / "p")
    loaded = modules_after(tmp_path, "check", "-q", cwd=project)
    assert {"jinja2", "studykit.load", "studykit.apkg"} <= loaded  # check makes the notes too
    writing = {"genanki", "weasyprint", "watchfiles", "sqlite3", "zipfile", "studykit.manifest",
               "subprocess"}  # subprocess: fc-list, asked only about letters beyond Latin
    assert loaded & (NEVER_AT_START - {"inflect"} | writing) == set()  # inflect: some wordings need it
    assert "typer" not in loaded and "studykit.cli" not in loaded  # a plain check is read without typer


def test_a_second_check_of_an_unchanged_project_parses_no_yaml(project, tmp_path, monkeypatch):
    """Every file read the first time is kept (studykit.yamlcache) and read back the second time
    without PyYAML; an edited file is parsed again, the others still come from the cache."""
    monkeypatch.setenv("STUDYKIT_CACHE", str(tmp_path / "cache"))
    first = modules_after(tmp_path, "check", "-q", cwd=project)
    again = modules_after(tmp_path, "check", "-q", cwd=project)
    assert "yaml" in first and "studykit.yamlcareful" in first
    assert "yaml" not in again and "studykit.yamlcareful" not in again and "studykit.load" in again
    recipe = next((project / "decks").glob("*.yaml"))
    recipe.write_text(recipe.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    edited = modules_after(tmp_path, "check", "-q", cwd=project)
    assert "yaml" in edited


def test_a_second_check_asks_inflect_nothing(tmp_path, monkeypatch):
    """inflect's answers are kept between runs (studykit.questions.inflected): the library is
    imported for the words of a first check, not for the same words again."""
    project = Path(__file__).resolve().parent.parent / "examples" / "gettysburg-address"
    monkeypatch.setenv("STUDYKIT_CACHE", str(tmp_path / "cache"))
    first = modules_after(tmp_path, "check", "-q", cwd=project)
    again = modules_after(tmp_path, "check", "-q", cwd=project)
    assert "inflect" in first and "studykit.questions.noun_phrases" in again
    assert "inflect" not in again


def test_an_unchanged_rebuild_loads_only_the_cache_check(tmp_path, monkeypatch):
    # An empty user cache of its own: with the session's, another test's build of the same small
    # project may have kept its parsed YAML already, and this first build would parse none.
    monkeypatch.setenv("STUDYKIT_CACHE", str(tmp_path / "cache"))
    project = small_project(tmp_path / "p", worksheet=True)
    first = modules_after(tmp_path, "build", "-q", cwd=project)
    assert BUILD_WORK <= first  # the first build did the work (so the names above are real modules)
    again = modules_after(tmp_path, "build", "-q", cwd=project)
    assert "studykit.buildcache" in again
    assert again & (NEVER_AT_START | BUILD_WORK | {"typer", "studykit.cli"}) == set()


def test_a_printing_build_leaves_weasyprint_to_its_helper_process(tmp_path):
    """WeasyPrint is imported in the helper (studykit.warmpdf) while the build loads, never here."""
    project = small_project(tmp_path / "p", worksheet=True)
    loaded = modules_after(tmp_path, "build", "-q", cwd=project)
    assert "studykit.warmpdf" in loaded and "weasyprint" not in loaded
    assert sorted(p.name for p in (project / "dist").glob("*-A.pdf")) == [
        "sample-deck-answer-key-A.pdf", "sample-deck-worksheet-A.pdf"]


def test_checking_a_worksheet_loads_its_requests_not_its_writers(tmp_path):
    project = small_project(tmp_path / "p", worksheet=True)
    loaded = modules_after(tmp_path, "check", "-q", cwd=project)
    assert "studykit.worksheets.requests" in loaded  # the sections were checked against the questions
    printing = {"studykit.worksheets.write", "studykit.worksheets.render", "studykit.pdf", "studykit.pdfcache",
                "studykit.warmpdf", "studykit.flashcards", "studykit.sheetcache", "fractions"}
    assert loaded & printing == set()


def test_the_worksheets_package_names_its_functions_whatever_was_imported_first():
    """A submodule imported before its namesake function was asked for must not hide the function."""
    import studykit.worksheets.write  # noqa: F401 - imports studykit.worksheets.sheets itself
    from studykit import worksheets

    assert callable(worksheets.sheets) and worksheets.sheets.__module__ == "studykit.worksheets.sheets"
    assert all(not isinstance(getattr(worksheets, name), type(worksheets)) or name == "charts"
               for name in worksheets.__all__)


# --- check's cheaper steps find what the build's steps find ---------------------------------

def test_check_finds_the_anki_notes_problems_without_making_the_notes(project):
    """`studykit check` asks apkg.note_problems, not notes_for (it shows no notes): the same
    problems, here two type_answer mismatches (the recall template on a typed note type, the
    typed figure template on a basic one)."""
    from studykit.check import check_project

    recall = project / "question_templates" / "recall.yaml"
    recall.write_text(recall.read_text().replace("note_type: studykit-basic", "note_type: studykit-typed"))
    typed = project / "question_templates" / "figure-typed.yaml"
    typed.write_text(typed.read_text().replace("note_type: studykit-typed", "note_type: studykit-basic"))
    with_notes, without = check_project(project), check_project(project, notes=False)
    assert without.notes == {} and without.problems == with_notes.problems
    assert {(Path(p.path).name, p.message.split(":")[0]) for p in without.problems} == {
        ("recall.yaml", "template 'recall'"), ("figure-typed.yaml", "template 'figure-typed'")}


def test_check_finds_a_type_answer_without_one_number_without_making_the_notes(project):
    from studykit.check import check_project

    recall = project / "question_templates" / "recall.yaml"
    recall.write_text(recall.read_text().replace("note_type: studykit-basic",
                                                 "note_type: studykit-typed\ntype_answer: true"))
    without = check_project(project, notes=False).problems
    assert without == check_project(project).problems
    brezhnev = [p for p in without if "'recall/brezhnev-greeted-delegation' has 'Brezhnev'" in p.message]
    assert len(brezhnev) == 1 and "exactly one number" in brezhnev[0].message


def test_two_questions_making_one_note_are_found_without_making_the_notes(project):
    from studykit import apkg
    from studykit.check import check_project
    from studykit.errors import InvalidContent

    checked = check_project(project)
    recipe = next(iter(checked.project.decks.values()))
    questions = checked.decks[recipe.id].questions
    anki = [q for q in questions if "anki" in q.targets and q.note_type]
    first, second = anki[3], anki[40]
    second.guid_key = first.guid_key  # as if two questions had one identity
    with pytest.raises(InvalidContent) as refused:
        apkg.notes_for(checked.project, recipe, questions)
    found = apkg.note_problems(checked.project, recipe, questions)
    assert found == list(refused.value.problems) and len(found) == 1
    assert f"questions '{first.id}' and '{second.id}' would be the same Anki note" in found[0].message
