"""The bulk collection writer (studykit.ankitables) writes genanki's rows, row for row.

The reference is genanki itself, driven here as studykit drove it before the
bulk writer: one ``genanki.Note`` per note, ``Package.write_to_db`` into a
database of its own with the same id counter, retired notes' cards deleted.
Both collections are compared table by table: every note (id, GUID, note type,
mod, tags, fields, sort field, checksum), every card (id, note, deck, ordinal,
due...), the ``col`` row, and its deck and note type lists as Anki reads them
(JSON, a repeated key's last value winning, as genanki's own writer repeats keys).
"""

from __future__ import annotations

import importlib.util
import io
import itertools
import json
import sqlite3
import zipfile
from pathlib import Path

import genanki
import pytest

from studykit import ankitables, apkg, apkgfile
from studykit.ankitables import card_ords
from studykit.check import check_project

from small_project import make_project

REPO = Path(__file__).resolve().parent.parent
TIMESTAMP = 1_700_000_123


def _genanki_collection(project, recipe, notes, timestamp: int) -> sqlite3.Connection:
    """The collection genanki writes for the notes, note by note (the reference)."""
    models = {}
    for type_id in sorted({n.note_type for n in notes}):
        nt = project.note_types[type_id]
        models[type_id] = genanki.Model(
            apkg.note_type_id(nt), nt.name, fields=[{"name": name} for name in nt.fields],
            templates=[{"name": c["name"], "qfmt": c["front"], "afmt": c["back"]} for c in nt.cards],
            css=nt.css, model_type=genanki.Model.CLOZE if nt.cloze else genanki.Model.FRONT_BACK)
    decks = {recipe.title: genanki.Deck(apkg.deck_id(recipe.id), apkg.deck_part(recipe.title),
                                        description=apkgfile._description(project, recipe))}
    for position, note in enumerate(notes):
        if note.deck not in decks:
            decks[note.deck] = genanki.Deck(apkg.deck_id(recipe.id, note.topic), note.deck)
        model = models[note.note_type]
        decks[note.deck].add_note(genanki.Note(model=model, fields=[note.fields.get(f["name"], "")
                                                                    for f in model.fields],
                                               tags=list(note.tags), guid=note.guid, due=position))
    conn = sqlite3.connect(":memory:")
    genanki.Package(list(decks.values())).write_to_db(conn.cursor(), timestamp, itertools.count(timestamp * 1000))
    conn.executemany("DELETE FROM cards WHERE nid IN (SELECT id FROM notes WHERE guid = ?)",
                     [(n.guid,) for n in notes if n.retired])
    conn.commit()
    return conn


def _package_collection(package: apkgfile.Package, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        path = tmp_path / "written.anki2"
        path.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(path)


def _tables(conn: sqlite3.Connection) -> dict:
    """Every table's rows, the col row's JSON columns parsed as Anki parses them."""
    names = [name for name, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    tables = {name: conn.execute(f"SELECT * FROM {name} ORDER BY 1").fetchall() for name in names}
    columns = [c[1] for c in conn.execute("PRAGMA table_info(col)")]
    [col] = tables.pop("col")
    tables["col"] = {name: json.loads(value) if name in ("conf", "models", "decks", "dconf", "tags") else value
                     for name, value in zip(columns, col)}
    tables["schema"] = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall()
    return tables


def _assert_same_collection(project, recipe, notes, tmp_path) -> dict:
    written = apkgfile.write_package(project, recipe, notes, TIMESTAMP)
    ours = _tables(_package_collection(written, tmp_path))
    theirs = _tables(_genanki_collection(project, recipe, notes, TIMESTAMP))
    assert ours.keys() == theirs.keys()
    for name in theirs:
        assert ours[name] == theirs[name], name
    assert (written.notes, written.cards) == (len(theirs["notes"]), len(theirs["cards"]))
    return ours


def _checked(root: Path):
    result = check_project(root)
    assert result.problems == []
    [recipe] = result.project.decks.values()
    notes = apkg.notes_for(result.project, recipe, result.decks[recipe.id].questions)
    return result.project, recipe, notes


def test_the_shipped_deck_s_collection_is_genanki_s_row_for_row(tmp_path):
    project, recipe, notes = _checked(REPO)
    notes = [apkg.retire(notes[3]), *notes[:3], *notes[4:]]  # a retired note ships without cards
    tables = _assert_same_collection(project, recipe, notes, tmp_path)
    # What the comparison covers, worked out from the notes themselves:
    assert [row[1] for row in tables["notes"]] == [n.guid for n in _by_deck(notes)]
    assert len({row[2] for row in tables["cards"]}) == len({n.deck for n in notes})  # a deck per topic
    assert {row[3] for row in tables["cards"]} > {0}  # cloze notes have cards beyond the first
    retired = next(row[0] for row in tables["notes"] if row[1] == notes[0].guid)
    assert all(row[1] != retired for row in tables["cards"])


def _by_deck(notes):
    """Notes grouped by deck in order of each deck's first note (the order ids are given in)."""
    decks: dict = {}
    for note in notes:
        decks.setdefault(note.deck, []).append(note)
    return [note for group in decks.values() for note in group]


def test_a_generated_project_s_collection_is_genanki_s_row_for_row(tmp_path):
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = tmp_path / "gen"
    module.generate(120, root, repo=REPO)
    project, recipe, notes = _checked(root)
    _assert_same_collection(project, recipe, notes, tmp_path)


FACTS = """\
facts:
  - id: meeting
    kind: event
    topic: main
    statement: The meeting was held in Boston in 1863.
    question: Where was the meeting held?
    answer: In Boston
    key_terms: [meeting, Boston]
    quote: The meeting was held in Boston in 1863.
    data:
      where: Boston
"""


def test_a_small_project_s_collection_is_genanki_s_row_for_row(tmp_path):
    root = make_project(tmp_path / "p", "The meeting was held in Boston in 1863.", FACTS)
    project, recipe, notes = _checked(root)
    assert notes
    _assert_same_collection(project, recipe, notes, tmp_path)


def _model(qfmt: str, fields: list[str], cloze: bool) -> genanki.Model:
    return genanki.Model(1 << 30, "m", fields=[{"name": n} for n in fields],
                         templates=[{"name": "c", "qfmt": qfmt, "afmt": qfmt}],
                         model_type=genanki.Model.CLOZE if cloze else genanki.Model.FRONT_BACK)


@pytest.mark.parametrize("qfmt, cloze, values", [
    ("{{cloze:Text}}", True, ["{{c1::a}} {{c3::b}} {{c1::c}}", ""]),
    ("{{cloze:Text}}", True, ["no cloze here", ""]),
    ("{{cloze:Text}}<br>{{cloze:Extra}}", True, ["{{c2::a}}", "{{c9::b}} {{c0::z}}"]),
    ("{{Front}}", False, ["", "x"]),
    ("{{Front}}{{Back}}", False, ["", "x"]),
])
def test_a_note_has_the_cards_genanki_gives_it(qfmt, cloze, values):
    names = ["Text", "Extra"] if cloze else ["Front", "Back"]
    model = _model(qfmt, names, cloze)
    expected = [card.ord for card in genanki.Note(model=model, fields=list(values)).cards]
    assert card_ords(model, list(values)) == expected


def test_cards_worked_out_once_per_pattern_of_empty_fields_are_those_genanki_gives_each_note():
    """The writer works a note type's cards out once per pattern of empty fields (what they
    depend on): notes with other patterns get their own, as genanki gives them."""
    model = genanki.Model(1_234_567, "Two cards", fields=[{"name": n} for n in ("A", "B", "C")],
                          templates=[{"name": "One", "qfmt": "{{A}}", "afmt": "{{A}}"},
                                     {"name": "Two", "qfmt": "{{B}}{{C}}", "afmt": "{{B}}"}])
    ords = ankitables._CardOrds()
    rows = [["a", "b", ""], ["a", "", ""], ["", "b", "c"], ["a", "", "c"], ["x", "y", ""], ["", "", ""]]
    found = [ords(model, fields) for fields in rows]
    assert found == [[card.ord for card in genanki.Note(model=model, fields=fields).cards] for fields in rows]
    assert len({tuple(f) for f in found}) > 2  # the patterns give different cards
