"""Shared fixtures: the shipped project, and throw-away copies of it to edit."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCE_ID = "soviet-korean-relations-1967"
_OWN_CACHE: list[str] = []


def _own_template_cache() -> None:
    """Each test process (and every CLI it runs) keeps compiled templates in a cache of its
    own, never in the user's ~/.cache/studykit; a test that is about the cache sets its own."""
    if "STUDYKIT_CACHE" not in os.environ:
        _OWN_CACHE.append(tempfile.mkdtemp(prefix="studykit-test-cache-"))
        os.environ["STUDYKIT_CACHE"] = _OWN_CACHE[0]


def pytest_unconfigure(config):
    for folder in _OWN_CACHE:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop("STUDYKIT_CACHE", None)


@pytest.fixture
def repo() -> Path:
    """The shipped project (read-only: never write into it from a test)."""
    return REPO


@pytest.fixture
def project(tmp_path: Path, request) -> Path:
    """A copy of the shipped project that a test may edit freely.

    Its recipe builds the deck and the worksheets; a test or module marked
    ``@pytest.mark.outputs("anki")`` gets a recipe that builds only what it names.
    """
    dest = tmp_path / "project"
    for part in ("seeds", "question_templates", "decks"):
        shutil.copytree(REPO / part, dest / part)
    marker = request.node.get_closest_marker("outputs")
    _with_outputs(dest / "decks", marker.args if marker else ("anki", "worksheet"))
    return dest


def _with_outputs(decks: Path, kinds: tuple[str, ...]) -> None:
    """The copy leaves out the practice page and the 126-page flashcard PDF by default: they
    have tests of their own (test_practice, test_flashcards, test_outputs) and would add a
    minute of rendering to every build test.  Worksheet PDFs cost seconds per build, so tests
    about the Anki package alone ask for ``outputs("anki")``."""
    for recipe in decks.glob("*.yaml"):
        text = recipe.read_text(encoding="utf-8")
        line = f"outputs: [{', '.join(kinds)}]"
        text, found = re.subn(r"(?m)^outputs:.*$", line, text)
        recipe.write_text(text if found else f"{text.rstrip()}\n{line}\n", encoding="utf-8")


@pytest.fixture
def facts_dir(project: Path) -> Path:
    return project / "seeds" / SOURCE_ID / "facts"


@pytest.fixture(scope="session")
def shipped():
    """The shipped project checked and rendered once (read-only; do not mutate it).

    Modules that need another view of the project define their own ``shipped``.
    """
    from studykit.check import check_project

    return check_project(REPO)


@pytest.fixture(scope="session")
def built(shipped, tmp_path_factory) -> Path:
    """The shipped recipe's worksheets and answer keys, as ``studykit build`` writes them."""
    from studykit import worksheet
    from studykit.atomic import Staging

    out = tmp_path_factory.mktemp("worksheets")
    deck = shipped.project.decks[SOURCE_ID]
    with Staging(out) as stage:
        worksheet.write_worksheets(shipped.project, deck, shipped.decks[SOURCE_ID], stage)
    return out


def pytest_configure(config) -> None:
    _own_template_cache()
    config.addinivalue_line("markers", "outputs(*kinds): what the `project` fixture's recipe builds "
                            "(default: anki, worksheet)")


# --- no test writes into the checkout -------------------------------------------------------------

_PROJECT_PARTS = ("seeds", "question_templates", "decks", "examples")
_CACHES = {".git", ".venv", ".pytest_cache", ".hypothesis", "__pycache__", ".mutmut-cache", "mutants"}


def _checkout_state() -> dict[str, tuple[int, int]]:
    """The shipped project's files (size, mtime) and the checkout's top-level names."""
    state = {name.name: (0, 0) for name in REPO.iterdir()
             if name.name not in _CACHES and not name.name.endswith(".egg-info")}
    for part in _PROJECT_PARTS:
        for path in sorted((REPO / part).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                info = path.stat()
                state[str(path.relative_to(REPO))] = (info.st_size, info.st_mtime_ns)
    return state


def pytest_sessionstart(session) -> None:
    if not hasattr(session.config, "workerinput"):  # once, in the process that reports
        session.config._studykit_checkout = _checkout_state()


def pytest_sessionfinish(session, exitstatus) -> None:
    before = getattr(session.config, "_studykit_checkout", None)
    if before is None:
        return
    after = _checkout_state()
    touched = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    if touched:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.ensure_newline()
            reporter.write_sep("=", "tests wrote into the checkout (write under tmp_path instead): "
                               + ", ".join(touched[:20]), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def student(tmp_path):
    """A student's own Anki collection (the real ``anki`` package), closed after the test."""
    from anki.collection import Collection

    (tmp_path / "student").mkdir()
    col = Collection(str(tmp_path / "student" / "collection.anki2"))
    yield col
    col.close()
