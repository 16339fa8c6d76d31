"""The second example project (examples/gettysburg-address): a speech instead of a report.

It must work exactly as the shipped project does: check clean under --strict,
build, export every format, and import into a real Anki collection. Nothing
in ``src/`` may know about either document.
"""

from __future__ import annotations

import html
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from studykit.build import build_project
from studykit.check import check_project
from studykit.export import FORMATS, export_project

from example_checks import named_in_src, src_code

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "gettysburg-address"
SOURCE = "gettysburg-address-1863"
DECK = "gettysburg-address"


@pytest.fixture(scope="module")
def checked():
    return check_project(EXAMPLE, strict=True)


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """A throw-away copy (templates copied from the link), so builds never write into examples/."""
    dest = tmp_path_factory.mktemp("example") / "gettysburg-address"
    shutil.copytree(EXAMPLE, dest, symlinks=False)
    return dest


def test_the_example_checks_clean_under_strict(checked):
    assert checked.problems == []
    assert checked.warnings == []
    assert checked.ok


def test_the_templates_are_the_repositorys_own_not_a_copy_that_drifts():
    link = EXAMPLE / "question_templates"
    assert link.is_symlink()
    assert link.resolve() == (REPO / "question_templates").resolve()


def test_the_example_has_facts_of_every_kind_categories_accepts_and_an_analysis(checked):
    facts = [f for f in checked.project.facts.values() if f.source_id == SOURCE]
    assert {f.kind for f in facts} == {"event", "claim", "figure", "list", "person", "term"}
    assert all(f.category for f in facts)
    assert any(f.accept for f in facts)
    assert any(f.analysis and f.analysis["marking_points"] for f in facts)
    source = checked.project.sources[SOURCE]
    assert source.called == "the address"
    assert "Bliss copy" in source.citation


def test_a_number_written_in_words_is_a_figure(checked):
    """'Four score and seven years' is 4 x 20 + 7 = 87 years, and check accepts 87 as its value."""
    fact = checked.project.facts["four-score-and-seven-years"]
    assert fact.data["value"] == 4 * 20 + 7
    assert "Four score and seven years ago" in fact.quotes[0]
    text = (EXAMPLE / "seeds" / SOURCE / "source.txt").read_text(encoding="utf-8")
    assert "87" not in text  # the address itself has no digits for it


def test_the_example_builds_and_imports_into_real_anki(copy, tmp_path):
    out = tmp_path / "dist"
    report = build_project(copy, out=out)
    [deck] = report.decks
    assert deck.deck_id == DECK and deck.apkg.exists() and deck.notes > 0
    assert any(name.endswith("worksheet-A.html") for name in deck.worksheets)
    assert any(name.endswith("answer-key-A.html") for name in deck.worksheets)
    analysis = checked_facts(copy)["brave-men-consecrated"].analysis

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        response = col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(deck.apkg), options=ImportAnkiPackageOptions()))
        log = response.log
        assert (len(log.new), len(log.duplicate), len(log.conflicting)) == (deck.notes, 0, 0)
        assert col.note_count() == deck.notes
        deck_names = {d.name for d in col.decks.all_names_and_ids()}
        topics = [t.title for t in checked_topics(copy)]
        for number, title in enumerate(topics, start=1):
            assert f"The Gettysburg Address, 1863::{number:02d} {title}" in deck_names
        recall = notes_by_question(col)["recall/four-score-and-seven-years"]
        answer = html.unescape(col.get_card(recall.card_ids()[0]).answer())
        assert "87 years" in answer and "Four score and seven years ago" in answer  # answer and quote
        assert "Bliss copy" in answer  # the card names this document, not the shipped one
        assert "report" not in answer.lower()  # nothing of the shipped document leaks into its cards
        essay = notes_by_question(col)["analysis/brave-men-consecrated"]
        back = html.unescape(col.get_card(essay.card_ids()[0]).answer())
        assert analysis["marking_points"][0] in back  # the analysis question reaches Anki with its points
        assert "answer" not in analysis  # no model answer written, so the back lists the points once
        assert "A full answer mentions:" in back
        assert all(back.count(point) == 1 for point in analysis["marking_points"])
    finally:
        col.close()


def test_the_example_exports_every_format(copy, tmp_path):
    written = export_project(copy, "all", out=tmp_path / "exports")
    assert {w.format for w in written} == set(FORMATS)
    assert all(w.items > 0 and w.path.stat().st_size > 0 for w in written)
    moodle = next(w for w in written if w.format == "moodle-xml")
    root = ET.parse(moodle.path).getroot()
    names = [q.find("name/text").text for q in root.findall("question") if q.get("type") != "category"]
    assert "recall/four-score-and-seven-years" in names
    assert len(names) == moodle.items


def test_nothing_in_src_names_either_document():
    """No title, person's name or quoted phrase of either project is special-cased in the code."""
    code = src_code()
    for root in (REPO, EXAMPLE):
        assert named_in_src(check_project(root).project, code) == []


def checked_facts(root: Path):
    return check_project(root).project.facts


def checked_topics(root: Path):
    return check_project(root).project.sources[SOURCE].topics


def notes_by_question(col: Collection) -> dict:
    notes = {}
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        notes[html.unescape(note["QuestionId"])] = note
    return notes
