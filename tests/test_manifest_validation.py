"""Manifests: compact, validated on reading, and the previous release's format still read."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
import yaml
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from studykit import apkg
from studykit.build import build_project
from studykit.errors import InvalidContent
from studykit.manifest import Manifest, read_manifest

REPO = Path(__file__).resolve().parent.parent
V1 = Path(__file__).resolve().parent / "fixtures" / "manifest-v1-synthetic-12.json"


def _generate(count: int, out: Path) -> Path:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(count, out)


def remove_facts(project: Path, *fact_ids: str) -> None:
    for path in (project / "seeds" / "synthetic" / "facts").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["facts"] = [f for f in data["facts"] if f["id"] not in fact_ids]
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A generated project built once; tests copy its manifest."""
    project = _generate(12, tmp_path_factory.mktemp("built") / "project")
    build_project(project)
    return project / "dist" / "synthetic.manifest.json"


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


# --- compact ----------------------------------------------------------------------------------

def test_the_manifest_is_one_line_with_each_text_stored_once(built):
    text = built.read_text(encoding="utf-8")
    assert text.count("\n") == 1 and text.endswith("}\n")
    data = json.loads(text)
    assert len(data["strings"]) == len(set(data["strings"]))
    # far smaller than the previous release's indented manifest of (nearly) the same notes
    assert len(text) * 2 < V1.stat().st_size


def test_the_manifest_round_trips_every_note_exactly(built):
    manifest = read_manifest(built, "synthetic")
    raw = json.loads(built.read_text(encoding="utf-8"))
    assert manifest.guids == [row[0] for row in raw["notes"]]
    for note in manifest.notes:
        assert manifest.hashes[note.guid] == note.content_hash()
    again = Manifest(manifest.deck_id, manifest.timestamp, manifest.sha256, manifest.notes, manifest.note_types,
                     package_inputs=manifest.package_inputs, cards=manifest.cards)
    assert again.to_json() == built.read_text(encoding="utf-8")


# --- another deck's manifest -----------------------------------------------------------------

def test_a_manifest_of_another_deck_is_refused_with_the_fix(tmp_path):
    project = _generate(12, tmp_path / "project")
    recipe = project / "decks" / "synthetic.yaml"
    other = yaml.safe_load(recipe.read_text(encoding="utf-8"))
    other.update(id="other", title="Other Course", topics=other["topics"][:1], templates=["recall"])
    (project / "decks" / "other.yaml").write_text(yaml.safe_dump(other), encoding="utf-8")
    out = project / "dist"
    build_project(project)
    shutil.copy(out / "other.manifest.json", out / "synthetic.manifest.json")
    before = outputs(out)

    with pytest.raises(InvalidContent) as caught:
        build_project(project)

    [problem] = caught.value.problems
    assert problem.path.endswith("synthetic.manifest.json") and (problem.line, problem.col) == (1, 1)
    assert problem.message == (
        "this manifest belongs to deck 'other', not to deck 'synthetic' (was it copied or renamed?); building "
        "on it would ship the other deck's notes as retired cards. Put deck 'synthetic''s own manifest back "
        "from your backup, or delete this file to start afresh")
    assert outputs(out) == before


# --- damaged or hostile manifests ------------------------------------------------------------

def _mutated(data: dict, case: str):
    row = data["notes"][0]
    if case == "infinity":
        return json.dumps(data).replace(f'"timestamp": {data["timestamp"]}', '"timestamp": Infinity')
    if case == "nan-cards":
        return json.dumps(data).replace(f'"cards": {data["cards"]}', '"cards": NaN')
    if case == "deep":
        return "[" * 100_000 + "]" * 100_000
    if case == "deep-inside":
        data["note_types"] = {"x": json.loads("[" * 900 + "]" * 900)}
        return json.dumps(data)
    if case == "huge-int-digits":
        return json.dumps(data).replace(f'"timestamp": {data["timestamp"]}', '"timestamp": ' + "9" * 5000)
    if case == "not-utf8":
        return b"\xff\xfe" + json.dumps(data).encode()
    if case == "not-an-object":
        return json.dumps([data])
    changes = {
        "timestamp-2**70": ("timestamp", 2**70), "timestamp-zero": ("timestamp", 0),
        "timestamp-negative": ("timestamp", -1), "timestamp-float": ("timestamp", 1.7e9),
        "timestamp-bool": ("timestamp", True), "timestamp-just-before-2000": ("timestamp", 946_684_799),
        "timestamp-2100": ("timestamp", 4_102_444_800), "format-99": ("format", 99),
        "format-true": ("format", True), "format-missing": ("format", None), "deck-missing": ("deck", None),
        "deck-empty": ("deck", ""), "sha-short": ("package_sha256", "abc"), "sha-missing": ("package_sha256", None),
        "inputs-short": ("package_inputs", "abc"), "inputs-number": ("package_inputs", 7),
        "cards-negative": ("cards", -1), "cards-bool": ("cards", True), "cards-2**31": ("cards", 2**31),
        "cards-text": ("cards", "12"), "strings-not-texts": ("strings", [1, 2]), "strings-missing": ("strings", None),
        "notes-mapping": ("notes", {}), "note-types-list": ("note_types", ["studykit-basic"]),
        "note-type-fields-not-texts": ("note_types", {"studykit-basic": {"fields": [1], "cards": []}}),
        "note-type-cards-not-texts": ("note_types", {"studykit-basic": {"fields": ["Front"], "cards": [1]}}),
        "note-type-cards-a-text": ("note_types", {"studykit-basic": {"fields": ["Front"], "cards": "Card 1"}}),
        "note-type-extra-key": ("note_types", {"studykit-basic": {"fields": ["Front"], "colour": "red"}}),
        "note-type-cloze-text": ("note_types", {"studykit-cloze": {"fields": ["Text"], "cloze": "yes"}}),
        "note-type-a-list": ("note_types", {"studykit-basic": ["Front", "Back"]}),
        "format-a-long-text": ("format", "version two of the manifest"),  # shown by its first 20 characters
        "note-type-long-name": ("note_types", {"n" * 60: ["Front"]}),  # shown by its first 40
    }
    if case in changes:
        key, value = changes[case]
        data[key] = value
        return json.dumps(data)
    rows = {
        "tag-index-out-of-range": lambda r: r.__setitem__(8, len(data["strings"])),
        "tag-not-an-index": lambda r: r.__setitem__(8, ["history"]),
        "tags-a-text": lambda r: r.__setitem__(8, "history"),
        "topic-index-negative": lambda r: r.__setitem__(5, -1),
        "note-type-index-out-of-range": lambda r: r.__setitem__(4, len(data["strings"])),
        "deck-index-out-of-range": lambda r: r.__setitem__(6, len(data["strings"])),
        "field-index-2**70": lambda r: r.__setitem__(7, [0, 2**70]),
        "fields-missing-a-value": lambda r: r.__setitem__(7, r[7][:-1]),
        "fields-extra-value": lambda r: r.__setitem__(7, r[7] + r[7][-1:]),
        "fields-without-names": lambda r: r.__setitem__(7, []),
        "fields-a-number": lambda r: r.__setitem__(7, 3),
        "short-row": lambda r: r.pop(),
        "long-row": lambda r: r.append(0),
        "guid-not-hex": lambda r: r.__setitem__(0, "../../etc/passwd"),
        "guid-upper-case": lambda r: r.__setitem__(0, r[0].upper().replace("0", "A")),
        "guid-too-long": lambda r: r.__setitem__(0, r[0] + "0"),
        "guid-number": lambda r: r.__setitem__(0, 12345),
        "hash-not-hex": lambda r: r.__setitem__(1, "z" * 16),
        "hash-too-short": lambda r: r.__setitem__(1, r[1][:15]),
        "hash-number": lambda r: r.__setitem__(1, 1234567890123456),
        "question-id-number": lambda r: r.__setitem__(2, 5),
        "retired-two": lambda r: r.__setitem__(9, 2),
        "retired-true": lambda r: r.__setitem__(9, True),
        "fact-ids-numbers": lambda r: r.__setitem__(3, [1]),
        "fact-ids-a-text": lambda r: r.__setitem__(3, "claim-1"),
        "last-guid-not-hex": lambda r: data["notes"][-1].__setitem__(0, "g" * 20),
        "last-hash-not-hex": lambda r: data["notes"][-1].__setitem__(1, "g" * 16),
    }
    if case in rows:
        rows[case](row)
        return json.dumps(data)
    if case == "row-not-a-list":
        data["notes"][0] = "a note"
        return json.dumps(data)
    assert case == "duplicate-guid"
    data["notes"].append(list(row))
    return json.dumps(data)


# each case and what the message says is wrong (in the parentheses)
TIMESTAMP = "'timestamp' is not a build time between the years 2000 and 2100"
NOTE_TYPE = "note type '{}' does not list its field and card names"
A_TEXT = "a note refers to a text the manifest does not have"
HOSTILE = {
    "infinity": "'Infinity' is not a number JSON allows", "nan-cards": "'NaN' is not a number JSON allows",
    "deep": "it is nested too deeply", "deep-inside": NOTE_TYPE.format("x"),
    "huge-int-digits": "ValueError: Exceeds the limit (4300 digits) for integer string conversion",
    "not-utf8": "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0",
    "not-an-object": "it is not a JSON object",
    "timestamp-2**70": TIMESTAMP, "timestamp-zero": TIMESTAMP, "timestamp-negative": TIMESTAMP,
    "timestamp-float": TIMESTAMP, "timestamp-bool": TIMESTAMP, "timestamp-just-before-2000": TIMESTAMP,
    "timestamp-2100": TIMESTAMP,
    "format-99": "unknown manifest format '99'", "format-true": "unknown manifest format 'True'",
    "format-missing": "unknown manifest format 'None'",
    "deck-missing": "'deck' is not a deck id", "deck-empty": "'deck' is not a deck id",
    "sha-short": "'package_sha256' is not a sha256", "sha-missing": "'package_sha256' is not a sha256",
    "inputs-short": "'package_inputs' is not a sha256", "inputs-number": "'package_inputs' is not a sha256",
    "cards-negative": "'cards' is not a card count", "cards-bool": "'cards' is not a card count",
    "cards-2**31": "'cards' is not a card count", "cards-text": "'cards' is not a card count",
    "strings-not-texts": "'strings' is not a list of texts", "strings-missing": "'strings' is not a list of texts",
    "notes-mapping": "'notes' is not a list", "note-types-list": "'note_types' is not a mapping",
    "note-type-fields-not-texts": NOTE_TYPE.format("studykit-basic"),
    "note-type-cards-not-texts": NOTE_TYPE.format("studykit-basic"),
    "note-type-cards-a-text": NOTE_TYPE.format("studykit-basic"),
    "note-type-extra-key": NOTE_TYPE.format("studykit-basic"),
    "note-type-cloze-text": NOTE_TYPE.format("studykit-cloze"),
    "note-type-a-list": NOTE_TYPE.format("studykit-basic"),
    "format-a-long-text": "unknown manifest format 'version two of the m'",
    "note-type-long-name": NOTE_TYPE.format("n" * 40),
    "tag-index-out-of-range": A_TEXT, "tag-not-an-index": A_TEXT, "tags-a-text": A_TEXT,
    "topic-index-negative": A_TEXT, "field-index-2**70": A_TEXT, "note-type-index-out-of-range": A_TEXT,
    "deck-index-out-of-range": A_TEXT,
    "fields-missing-a-value": "a note's field values do not match its field names",
    "fields-extra-value": "a note's field values do not match its field names",
    "fields-without-names": "a note's fields do not name their field names",
    "fields-a-number": "a note's fact ids or fields are not a list",
    "short-row": "a note is not a list of 10 values", "long-row": "a note is not a list of 10 values",
    "row-not-a-list": "a note is not a list of 10 values",
    "guid-not-hex": "a note's GUID is not 20 hex digits", "guid-upper-case": "a note's GUID is not 20 hex digits",
    "guid-too-long": "a note's GUID is not 20 hex digits",
    "last-guid-not-hex": "a note's GUID is not 20 hex digits",
    "guid-number": "a note's GUID, hash or question id is not a text",
    "question-id-number": "a note's GUID, hash or question id is not a text",
    "hash-number": "a note's GUID, hash or question id is not a text",
    "hash-not-hex": "a note's content hash is not 16 hex digits",
    "hash-too-short": "a note's content hash is not 16 hex digits",
    "last-hash-not-hex": "a note's content hash is not 16 hex digits",
    "retired-two": "a note's retired flag is not 0 or 1", "retired-true": "a note's retired flag is not 0 or 1",
    "fact-ids-numbers": "a note's fact ids are not texts",
    "fact-ids-a-text": "a note's fact ids or fields are not a list",
    "duplicate-guid": "a note is listed twice",
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_damaged_or_hostile_manifest_gives_one_clear_problem(built, tmp_path, case):
    path = tmp_path / "synthetic.manifest.json"
    content = _mutated(json.loads(built.read_text(encoding="utf-8")), case)
    path.write_bytes(content if isinstance(content, bytes) else content.encode())

    with pytest.raises(InvalidContent) as caught:
        read_manifest(path, "synthetic")

    [problem] = caught.value.problems
    assert problem.path.endswith("synthetic.manifest.json") and (problem.line, problem.col) == (1, 1)
    assert problem.message.startswith(f"the previous build's manifest cannot be read ({HOSTILE[case]}")
    assert problem.message.endswith("); restore it from your backup, or delete it to start afresh (the next "
                                    "build then counts every note as added and cannot mark removed facts "
                                    "retired)")
    assert len(problem.message) < 700


EDGES = {  # what a manifest may hold at the edges of what is allowed, and how it reads back
    "timestamp-first-second-of-2000": ("timestamp", 946_684_800), "timestamp-last-second-before-2100":
    ("timestamp", 4_102_444_799), "cards-none": ("cards", 0), "cards-most": ("cards", 2**31 - 1),
    "cards-unknown": ("cards", None), "inputs-unknown": ("package_inputs", None),
    "note-types-none": ("note_types", {}),
    "note-type-cloze": ("note_types", {"studykit-cloze": {"fields": ["Text"], "cards": ["Cloze"], "cloze": True}}),
    "note-type-fields-only": ("note_types", {"studykit-basic": {"fields": ["Front"]}}),
}


@pytest.mark.parametrize("case", EDGES)
def test_a_manifest_at_the_edges_of_what_is_allowed_is_read(built, tmp_path, case):
    data = json.loads(built.read_text(encoding="utf-8"))
    key, value = EDGES[case]
    data[key] = value
    path = tmp_path / "synthetic.manifest.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    manifest = read_manifest(path, "synthetic")
    read = {"timestamp": manifest.timestamp, "cards": manifest.cards, "package_inputs": manifest.package_inputs,
            "note_types": manifest.note_types}[key]
    assert read == value
    assert manifest.guids == [row[0] for row in data["notes"]]


def test_a_manifest_without_notes_is_read(built, tmp_path):
    data = json.loads(built.read_text(encoding="utf-8"))
    data.update(notes=[], strings=[])
    path = tmp_path / "synthetic.manifest.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    manifest = read_manifest(path, "synthetic")
    assert (manifest.guids, manifest.retired, manifest.notes) == ([], set(), [])


def test_a_manifest_without_note_types_is_read(built, tmp_path):
    data = json.loads(built.read_text(encoding="utf-8"))
    del data["note_types"]
    path = tmp_path / "synthetic.manifest.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    manifest = read_manifest(path, "synthetic")
    assert manifest.note_types == {} and manifest.guids == [row[0] for row in data["notes"]]


def test_a_missing_manifest_is_a_first_build(tmp_path):
    assert read_manifest(tmp_path / "synthetic.manifest.json", "synthetic") is None


@pytest.mark.parametrize("case", ["v1-tags-numbers", "v1-fields-number", "v1-no-fields", "v1-guid-mismatch",
                                  "v1-retired-text", "v1-hash-not-hex", "v1-fact-ids-numbers", "v1-not-an-object",
                                  "v1-fields-a-list", "v1-notes-a-list", "v1-guid-key-not-hex",
                                  "v1-guid-key-long"])
def test_a_damaged_manifest_of_the_first_format_gives_one_clear_problem(tmp_path, case):
    data = json.loads(V1.read_text(encoding="utf-8"))
    guid, note = next(iter(data["notes"].items()))
    if case == "v1-tags-numbers":
        note["tags"] = [1, 2]
    elif case == "v1-fields-number":
        note["fields"]["Front"] = 7
    elif case == "v1-no-fields":
        del note["fields"]
    elif case == "v1-guid-mismatch":
        note["guid"] = "0" * 20
    elif case == "v1-hash-not-hex":
        note["hash"] = "z" * 16
    elif case == "v1-fact-ids-numbers":
        note["fact_ids"] = [3]
    elif case == "v1-not-an-object":
        data["notes"][guid] = [note]
    elif case == "v1-fields-a-list":
        note["fields"] = list(note["fields"].values())
    elif case == "v1-notes-a-list":
        data["notes"] = list(data["notes"].values())
    elif case in ("v1-guid-key-not-hex", "v1-guid-key-long"):
        guid = "G" * 20 if case == "v1-guid-key-not-hex" else "0123456789" * 6  # shown by its first 40
        note["guid"] = guid
        data["notes"] = {guid: note}
    else:
        note["retired"] = "no"
    path = tmp_path / "synthetic.manifest.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidContent) as caught:
        read_manifest(path, "synthetic")
    what = "'notes' is not a mapping" if case == "v1-notes-a-list" else f"note '{guid[:40]}' is not in the manifest's shape"
    assert caught.value.problems[0].message.startswith(f"the previous build's manifest cannot be read ({what});")


# --- the previous release's manifests ----------------------------------------------------------

def test_a_manifest_of_the_previous_release_is_read_and_built_on(tmp_path):
    """The fixture was written by studykit 0.1 (commit 8745cbf) for generate.py's 12-fact project
    after removing fact list-000011: 34 live notes and 3 retired ones."""
    old = json.loads(V1.read_text(encoding="utf-8"))
    assert old["format"] == 1
    old_live = {g: n for g, n in old["notes"].items() if not n["retired"]}
    old_retired = {g: n for g, n in old["notes"].items() if n["retired"]}
    assert (len(old_live), len(old_retired)) == (34, 3)

    manifest = read_manifest(V1, "synthetic")
    assert manifest.timestamp == old["timestamp"] and manifest.sha256 == old["package_sha256"]
    assert manifest.note_types == old["note_types"]  # so a renamed field of a shipped note type is still refused
    assert manifest.hashes == {g: n["hash"] for g, n in old["notes"].items()}
    assert {n.guid: n.fields for n in manifest.notes} == {g: n["fields"] for g, n in old["notes"].items()}

    project = _generate(12, tmp_path / "project")
    remove_facts(project, "list-000011", "claim-000008")
    (project / "dist").mkdir()
    shutil.copy(V1, project / "dist" / "synthetic.manifest.json")
    deck = build_project(project).decks[0]

    new = read_manifest(project / "dist" / "synthetic.manifest.json", "synthetic")
    assert set(old["notes"]) <= set(new.hashes)  # no note of the old deck is lost
    removed = {g for g, n in old_live.items() if "claim-000008" in n["fact_ids"]}
    # retired now: the removed fact's notes, and any note today's templates no longer make
    claim = {g for g in old_live if new.note(g).retired}
    assert removed and removed <= claim
    assert sorted(deck.retired) == sorted(old_live[g]["question_id"] for g in claim)
    assert sorted(deck.still_retired) == sorted(n["question_id"] for n in old_retired.values())
    for guid in claim | set(old_retired):
        note = new.note(guid)
        assert note.retired and "retired" in note.tags
        # the old fields, in the form Anki's editor stores them (apkg.retire's normal form)
        assert {k: v for k, v in note.fields.items() if k != "Status"} == \
            {k: apkg.editor_html(v) for k, v in old["notes"][guid]["fields"].items() if k != "Status"}
    kept = set(old_live) - claim
    assert sorted(deck.unchanged + deck.changed) == sorted(old_live[g]["question_id"] for g in kept)
    for guid in kept:  # unchanged exactly when the student would see the same note
        same = new.note(guid).fields == old_live[guid]["fields"] and sorted(new.note(guid).tags) == \
            sorted(old_live[guid]["tags"])
        assert (old_live[guid]["question_id"] in deck.unchanged) == same
    assert deck.timestamp > old["timestamp"]

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(project / "dist" / "synthetic.apkg"), options=ImportAnkiPackageOptions()))
        assert len(col.find_notes("tag:retired")) == len(claim) + len(old_retired)
        assert len(col.find_notes("")) == len(old["notes"]) + len(deck.added)
    finally:
        col.close()
