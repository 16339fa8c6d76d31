"""Shared fixtures: the shipped project, and throw-away copies of it to edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCE_ID = "soviet-korean-relations-1967"


@pytest.fixture
def repo() -> Path:
    """The shipped project (read-only: never write into it from a test)."""
    return REPO


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the shipped project that a test may edit freely."""
    dest = tmp_path / "project"
    for part in ("seeds", "question_templates", "decks"):
        shutil.copytree(REPO / part, dest / part)
    _without_print_outputs(dest / "decks")
    return dest


def _without_print_outputs(decks: Path) -> None:
    """The copy builds the deck and worksheets only: the practice page and the 126-page
    flashcard PDF have tests of their own (test_practice, test_flashcards, test_outputs)
    and would add a minute of rendering to every build test."""
    for recipe in decks.glob("*.yaml"):
        text = recipe.read_text(encoding="utf-8")
        recipe.write_text(text.replace("outputs: [anki, worksheet, practice, cards]",
                                       "outputs: [anki, worksheet]"), encoding="utf-8")


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
