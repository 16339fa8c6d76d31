"""Start-up: each command imports only what it uses (README: `--help` and `check` start fast).

No timings here (speed goals live in benchmarks/run.py): these tests run the real
program in a fresh interpreter and look at which modules it loaded, which is what
start-up time is made of.  A library on a command's "never" list would cost that
command its import time on every run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import small_project

REPO = Path(__file__).resolve().parent.parent


def _only_project(folder: str, names: list[str]) -> set[str]:
    """copytree's ignore: the shipped project's three folders from the checkout's top level."""
    return set(names) - {"seeds", "question_templates", "decks"} if Path(folder) == REPO else set()

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


def test_a_second_check_of_an_unchanged_project_parses_no_yaml(tmp_path, monkeypatch):
    """Every file read the first time is kept (studykit.yamlcache) and read back the second time
    without PyYAML; an edited file is parsed again, the others still come from the cache."""
    project = Path(shutil.copytree(REPO, tmp_path / "shipped", ignore=_only_project))
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
    assert "inflect" in first and "studykit.questions.wording" in again
    assert "inflect" not in again


def test_an_unchanged_rebuild_loads_only_the_cache_check(tmp_path):
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
