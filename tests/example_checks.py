"""What every example project's tests check the same way: the strict check and its questions,
a throw-away build imported into a real Anki collection, and that nothing in ``src/`` names the
example (its title, people or quoted phrases)."""

from __future__ import annotations

import html
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from anki.collection import Collection

from studykit.build import build_project
from studykit.check import check_project
from studykit.questions import render_deck

from anki_pages import import_package

REPO = Path(__file__).resolve().parent.parent


def built_copy(example: Path, tmp_path: Path):
    """Build a copy of ``example`` (templates copied from the link, so nothing is written into
    examples/) into ``tmp_path/dist``; its one deck's report."""
    copy = tmp_path / example.name
    shutil.copytree(example, copy, symlinks=False)
    report = build_project(copy, out=tmp_path / "dist")
    [deck] = report.decks
    return deck


def strict_fixtures(example: Path, deck: str):
    """The module fixtures ``checked`` (the example checked with --strict) and ``questions`` (its
    deck's questions by id), for ``checked, questions = strict_fixtures(EXAMPLE, DECK)``."""

    @pytest.fixture(scope="module")
    def checked():
        return check_project(example, strict=True)

    @pytest.fixture(scope="module")
    def questions(checked):
        project = checked.project
        return {q.id: q for q in render_deck(project, project.decks[deck]).questions}

    return checked, questions


def printed_sheets(out: Path, deck: str) -> list[Path]:
    """The worksheets A and B, their keys and the practice page a build wrote into ``out``."""
    names = ("worksheet-A", "answer-key-A", "worksheet-B", "answer-key-B", "practice")
    return [out / f"{deck}-{name}.html" for name in names]


@contextmanager
def imported_into_anki(deck, tmp_path: Path):
    """A real Anki collection holding ``deck``'s package, every note imported as new (none
    duplicate or conflicting); closed afterwards."""
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        log = import_package(col, deck.apkg)
        assert (len(log.new), len(log.duplicate), len(log.conflicting)) == (deck.notes, 0, 0)
        yield col
    finally:
        col.close()


def card_sides(col: Collection, search: str) -> tuple[str, str]:
    """The question and answer side, unescaped, of the first card of the one note ``search`` finds."""
    [note_id] = col.find_notes(search)
    card = col.get_card(col.get_note(note_id).card_ids()[0])
    return html.unescape(card.question()), html.unescape(card.answer())


def src_code() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "src").rglob("*.py"))


def named_in_src(project, code: str | None = None) -> list:
    """Every title, person's name and six-word phrase of a quote of ``project`` that ``src/`` holds."""
    code = src_code() if code is None else code
    found = [source.title for source in project.sources.values() if source.title in code]
    for fact in project.facts.values():
        if fact.kind == "person" and fact.data["name"] in code:
            found.append(fact.data["name"])
        for quote in fact.quotes:
            words = quote.split()
            found += [(fact.id, phrase) for phrase in (" ".join(words[i:i + 6]) for i in range(len(words) - 5))
                      if phrase in code]
    return found
