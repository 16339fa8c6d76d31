"""Anki TSV export: imported by real Anki into a collection that has the .apkg, it updates in place."""

from __future__ import annotations

import csv

import pytest
import yaml

from studykit import apkg, apkgfile
from studykit.check import check_project
from studykit.export import export_project

from small_project import make_project

DECK = "soviet-korean-relations-1967"


def read_tsv(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    rows = list(csv.reader([line for line in lines if not line.startswith("#")], delimiter="\t"))
    return header, rows


def test_every_row_is_the_note_anki_imported_from_the_apkg(shipped, tmp_path, collection):
    """Each row holds what real Anki shows for the same note after importing the .apkg:
    its GUID, note type, the deck its cards are in, its tags and every field."""
    written = export_project(shipped.project.root, "anki-tsv", out=tmp_path / "tsv")[0]
    header, rows = read_tsv(written.path)
    assert {"#separator:tab", "#html:true", "#guid column:1", "#notetype column:2",
            "#deck column:3", "#tags column:4"} <= set(header)
    recipe = shipped.project.decks[DECK]
    notes = apkg.notes_for(shipped.project, recipe, shipped.decks[DECK].questions)
    package = tmp_path / "deck.apkg"
    package.write_bytes(apkgfile.write_package(shipped.project, recipe, notes, 1_700_000_000).data)
    import_apkg(collection, package)
    in_anki = {}
    for note_id in collection.find_notes(""):
        note = collection.get_note(note_id)
        deck = collection.decks.name(collection.get_card(note.card_ids()[0]).did)
        in_anki[note.guid] = [note.guid, note.note_type()["name"], deck, " ".join(sorted(note.tags)),
                              *note.fields]
    assert written.items == len(rows) == len(in_anki) > 200
    assert {row[0]: row for row in rows} == in_anki


def test_a_row_holds_the_facts_text_as_written_by_hand(tmp_path, collection):
    """One fact of our own: its row, worked out by hand from the fact and the note type."""
    root = make_project(tmp_path / "p", "The new pier opened in spring. The ships came back in May.\n", """\
        facts:
          - id: pier-opened
            topic: main
            kind: event
            statement: 'The "new" pier & the <dock> opened in spring.'
            question: When did the new pier open?
            answer: In spring
            quote: The new pier opened in spring.
            tags: [harbour]
        """, deck_templates=["recall"])
    written = export_project(root, "anki-tsv", out=tmp_path / "tsv")[0]
    _, rows = read_tsv(written.path)
    result = check_project(root)
    recipe = result.project.decks["doc"]
    package = tmp_path / "deck.apkg"
    package.write_bytes(apkgfile.write_package(
        result.project, recipe, apkg.notes_for(result.project, recipe, result.decks["doc"].questions),
        1_700_000_000).data)
    import_apkg(collection, package)
    [guid] = [collection.get_note(n).guid for n in collection.find_notes("")]
    assert rows == [[guid, "studykit Question", "Doc::01 Main", "doc event harbour main recall",
                     "When did the new pier open?", "In spring",
                     'The "new" pier &amp; the &lt;dock&gt; opened in spring.',
                     "The new pier opened in spring.", "A Letter, 1863", "", "", "recall/pier-opened"]]


def write_fact(project, **fields) -> None:
    """Add (or rewrite) a term fact of our own, quoting real source text."""
    donor = next(f for f in check_project(project).project.facts.values() if f.id != fields["id"])
    fact = {"kind": "term", "topic": donor.topic, "quote": donor.quotes[0], "question": "Q?",
            "answer": "A", "statement": "S.", "data": {"term": "t", "meaning": "m"}} | fields
    facts_dir = project / "seeds" / donor.source_id / "facts"
    (facts_dir / f"zz-{fields['id']}.yaml").write_text(yaml.safe_dump({"facts": [fact]}), encoding="utf-8")


def test_tabs_and_line_breaks_in_facts_keep_one_note_per_line(project, tmp_path):
    write_fact(project, id="messy-fact", statement='Tab\there, "quotes", and a\nline break.')
    written = export_project(project, "anki-tsv", out=tmp_path / "out")[0]
    _, rows = read_tsv(written.path)
    messy = [row for row in rows if any("Tab" in cell and "line break" in cell for cell in row)]
    assert messy
    for row in messy:
        assert all("\t" not in cell and "\n" not in cell for cell in row)
        # Quotes stay plain characters, as Anki's editor stores them.
        assert 'Tab here, "quotes", and a line break.' in row


@pytest.fixture
def collection(tmp_path):
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


def import_apkg(col, path):
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path),
                                                            options=ImportAnkiPackageOptions())).log


def import_tsv(col, path):
    from anki.import_export_pb2 import ImportCsvRequest

    metadata = col.get_csv_metadata(path=str(path), delimiter=None)
    return col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log


def test_anki_updates_the_apkg_notes_in_place(project, tmp_path, collection):
    from anki.import_export_pb2 import ImportAnkiPackageRequest

    write_fact(project, id="edited-fact", answer="The first answer")
    result = check_project(project)
    recipe = result.project.decks[DECK]
    notes = apkg.notes_for(result.project, recipe, result.decks[DECK].questions)
    package = tmp_path / "deck.apkg"
    package.write_bytes(apkgfile.write_package(result.project, recipe, notes, 1_700_000_000).data)
    collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(package)))
    assert collection.note_count() == len(notes)

    first = export_project(project, "anki-tsv", out=tmp_path / "first")[0]
    log = import_tsv(collection, first.path)
    assert len(log.duplicate) == len(notes) and not log.new and not log.updated

    write_fact(project, id="edited-fact", answer="An edited answer")
    second = export_project(project, "anki-tsv", out=tmp_path / "second")[0]
    log = import_tsv(collection, second.path)
    assert not log.new and log.updated
    assert collection.note_count() == len(notes)
    edited = [collection.get_note(n) for n in collection.find_notes('"An edited answer"')]
    assert edited and {n.guid for n in edited} <= {note.guid for note in notes}


def test_a_tab_or_quote_in_a_fact_gives_the_tsv_the_apkg_text(project, tmp_path, collection):
    """Re-importing unchanged content as TSV over the .apkg changes nothing."""
    write_fact(project, id="messy-fact", statement='Tab\there, "quotes" & <it\'s>,\r\nthen more.',
               answer="People's\tanswer")
    result = check_project(project)
    recipe = result.project.decks[DECK]
    notes = apkg.notes_for(result.project, recipe, result.decks[DECK].questions)
    package = tmp_path / "deck.apkg"
    package.write_bytes(apkgfile.write_package(result.project, recipe, notes, 1_700_000_000).data)
    from anki.import_export_pb2 import ImportAnkiPackageRequest

    collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(package)))
    before = {n: collection.get_note(n).fields for n in collection.find_notes("")}
    written = export_project(project, "anki-tsv", out=tmp_path / "tsv")[0]
    log = import_tsv(collection, written.path)
    assert len(log.duplicate) == len(notes) and not log.new and not log.updated
    assert {n: collection.get_note(n).fields for n in collection.find_notes("")} == before
    [messy] = [collection.get_note(n) for n in collection.find_notes("tag:term Tab")]
    assert messy["Statement"] == 'Tab here, "quotes" &amp; &lt;it\'s&gt;, then more.'
