"""A cloze card keeps asking its term across rebuilds (see studykit.cloze_numbers).

Anki keeps a cloze card's review history with its number ({{cN::}}, card ord N-1).  The blanks
are numbered by their place in the sentence, so before this a key term added before a reviewed
blank, or a blank taken out, moved the student's history onto another term.  Built, imported
into a real Anki collection, reviewed with the real scheduler, edited, rebuilt, re-imported.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.scheduler.v3 import CardAnswer

from studykit.build import build_project
from studykit.cloze_numbers import blanks
from studykit.manifest import read_manifest

from small_project import make_project

SOURCE = "The harbour master sent the pier plans to Governor Hale in November.\n"
FACT = """\
facts:
  - id: plans-sent
    topic: main
    kind: event
    statement: The harbour master sent the pier plans to Governor Hale in November.
    question: Whom did the harbour master send the pier plans to?
    answer: Governor Hale
    key_terms: {terms}
    quote: sent the pier plans to Governor Hale in November
"""
QUESTION = "cloze/plans-sent"


def _project(root: Path, terms: list[str]) -> Path:
    make_project(root, SOURCE, FACT.format(terms=json.dumps(terms)), deck_templates=["cloze"])
    return root


def _set_terms(root: Path, terms: list[str]) -> None:
    (root / "seeds" / "doc" / "facts" / "facts.yaml").write_text(FACT.format(terms=json.dumps(terms)),
                                                                 encoding="utf-8")


def _import(col: Collection, package: Path):
    log = col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package),
                                                           options=ImportAnkiPackageOptions())).log
    col.models._clear_cache()
    return log


def _cards(col: Collection) -> dict[int, object]:
    """The cloze note's cards by id."""
    (note_id,) = col.find_notes("")
    return {card.id: card for card in col.get_note(note_id).cards()}


def _asked(col: Collection, card_id: int) -> str:
    """The term a card hides: the cloze its front marks as asked, which is the note's {{cN::}} of
    the card's number."""
    card = col.get_card(card_id)
    front = card.question()
    marked = re.findall(r'<span class="cloze" data-cloze="([^"]*)"', front)
    number = blanks(dict(card.note().items())).get(card.ord + 1)
    if marked:
        assert [html.unescape(html.unescape(m)) for m in marked] == [number], front
    return number


def _review(col: Collection, term: str) -> int:
    """Answer new cards 'Easy' with the real scheduler, from the top of the queue, until the card
    hiding ``term`` is answered; its id."""
    col.decks.select(col.decks.id_for_name("Doc"))
    for _ in range(5):
        queued = col.sched.get_queued_cards(fetch_limit=1).cards[0]
        card = col.get_card(queued.card.id)
        card.start_timer()
        col.sched.answer_card(col.sched.build_answer(card=card, states=queued.states, rating=CardAnswer.EASY))
        if _asked(col, card.id) == term:
            return card.id
    raise AssertionError(f"no card asks {term!r}")


def _rebuild(root: Path, out: Path, col: Collection, terms: list[str]):
    _set_terms(root, terms)
    report = build_project(root, out=out).decks[0]
    log = _import(col, out / "doc.apkg")
    return report, log


def test_a_term_added_before_a_reviewed_blank_leaves_its_card_asking_the_same(tmp_path, student):
    root, out = _project(tmp_path / "p", ["November"]), tmp_path / "dist"
    build_project(root, out=out)
    _import(student, out / "doc.apkg")
    reviewed = _review(student, "November")
    interval = student.get_card(reviewed).ivl
    assert interval > 0

    report, log = _rebuild(root, out, student, ["pier plans", "November"])
    assert report.changed == [QUESTION] and len(log.updated) == 1
    cards = _cards(student)
    assert set(cards) > {reviewed} and len(cards) == 2
    assert _asked(student, reviewed) == "November"  # number 1 stays with it, before "pier plans"
    assert student.get_card(reviewed).ivl == interval and student.get_card(reviewed).reps == 1
    (new,) = set(cards) - {reviewed}
    assert _asked(student, new) == "pier plans" and student.get_card(new).ivl == 0

    # a rebuild that changes nothing keeps the numbers (nothing goes back to the sentence's order),
    # also when it cannot be skipped (its record gone) and its notes are made and compared again
    (out / ".studykit-build.json").unlink()
    report, log = _rebuild(root, out, student, ["pier plans", "November"])
    assert report.unchanged == [QUESTION] and not log.updated
    assert _asked(student, reviewed) == "November"


def test_a_blank_taken_out_keeps_its_number_and_no_later_term_takes_it(tmp_path, student):
    root, out = _project(tmp_path / "p", ["Governor Hale", "November"]), tmp_path / "dist"
    build_project(root, out=out)
    _import(student, out / "doc.apkg")
    first = _review(student, "Governor Hale")
    reviewed = _review(student, "November")
    interval = student.get_card(reviewed).ivl

    _rebuild(root, out, student, ["November"])
    assert _asked(student, reviewed) == "November"  # not moved onto card 1
    assert student.get_card(reviewed).ivl == interval and len(_cards(student)) == 2
    manifest = read_manifest(out / "doc.manifest.json", "doc")
    (guid,) = manifest.gone_blanks
    assert manifest.gone_blanks[guid] == {1: "Governor Hale"}

    _rebuild(root, out, student, ["pier plans", "November"])  # a new term takes 3, never the gone 1
    cards = _cards(student)
    assert len(cards) == 3 and _asked(student, reviewed) == "November"
    (new,) = set(cards) - {first, reviewed}
    assert _asked(student, new) == "pier plans" and student.get_card(new).ord == 2

    _rebuild(root, out, student, ["Governor Hale", "pier plans", "November"])  # back on its own card
    assert _asked(student, first) == "Governor Hale" and len(_cards(student)) == 3
    assert read_manifest(out / "doc.manifest.json", "doc").gone_blanks == {}


def test_a_fresh_build_numbers_the_blanks_in_reading_order(tmp_path):
    root = _project(tmp_path / "p", ["November", "pier plans", "Governor Hale"])
    build_project(root, out=tmp_path / "dist")
    manifest = read_manifest(tmp_path / "dist" / "doc.manifest.json", "doc")
    (note,) = manifest.notes
    assert blanks(note.fields) == {1: "pier plans", 2: "Governor Hale", 3: "November"}
    assert manifest.gone_blanks == {}
    assert "gone_blanks" not in (tmp_path / "dist" / "doc.manifest.json").read_text(encoding="utf-8")


def test_the_anki_tsv_export_updates_the_notes_with_the_decks_numbers(tmp_path, student):
    """The TSV updates the same notes as the .apkg (same GUIDs): in reading order it would move the
    reviewed card onto the new term.  It follows the deck built in the project's dist/."""
    from anki.collection import ImportCsvRequest

    from studykit.export import export_project

    root = _project(tmp_path / "p", ["November"])
    out = root / "dist"
    build_project(root, out=out)
    _import(student, out / "doc.apkg")
    reviewed = _review(student, "November")
    interval = student.get_card(reviewed).ivl
    _rebuild(root, out, student, ["pier plans", "November"])

    (exported,) = export_project(root, "anki-tsv", out=tmp_path / "exports")
    metadata = student.get_csv_metadata(path=str(exported.path), delimiter=None)
    log = student.import_csv(ImportCsvRequest(path=str(exported.path), metadata=metadata)).log
    assert len(log.updated) + len(log.duplicate) == 1 and not log.new
    assert _asked(student, reviewed) == "November" and student.get_card(reviewed).ivl == interval
    (note,) = read_manifest(out / "doc.manifest.json", "doc").notes
    assert note.fields["Text"] in exported.path.read_text(encoding="utf-8")


@pytest.mark.parametrize("gone", ['[]', '{"%s": [[0, "x"]]}', '{"%s": [["1", "x"]]}', '{"%s": []}',
                                  '{"0123456789abcdef0123": [[1, "x"]]}'])
def test_a_damaged_gone_blanks_record_is_one_clear_problem(tmp_path, gone):
    from studykit.errors import InvalidContent

    root, out = _project(tmp_path / "p", ["pier plans", "November"]), tmp_path / "dist"
    build_project(root, out=out)
    path = out / "doc.manifest.json"
    (guid,) = read_manifest(path, "doc").hashes
    path.write_text(path.read_text(encoding="utf-8")[:-2] + ',"gone_blanks":' + gone.replace("%s", guid) + "}\n",
                    encoding="utf-8")
    with pytest.raises(InvalidContent) as raised:
        read_manifest(path, "doc")
    (problem,) = raised.value.problems
    assert "manifest cannot be read ('gone_blanks'" in problem.message and "delete it" in problem.message
