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
    assert "belongs to deck 'other', not to deck 'synthetic'" in problem.message
    assert "retired" in problem.message and "delete this file" in problem.message
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
    changes = {
        "timestamp-2**70": ("timestamp", 2**70), "timestamp-zero": ("timestamp", 0),
        "timestamp-negative": ("timestamp", -1), "timestamp-float": ("timestamp", 1.7e9),
        "timestamp-bool": ("timestamp", True), "format-99": ("format", 99), "format-true": ("format", True),
        "deck-missing": ("deck", None), "sha-short": ("package_sha256", "abc"),
        "strings-not-texts": ("strings", [1, 2]), "notes-mapping": ("notes", {}),
        "note-types-list": ("note_types", ["studykit-basic"]),
        "note-type-fields-not-texts": ("note_types", {"studykit-basic": {"fields": [1], "cards": []}}),
    }
    if case in changes:
        key, value = changes[case]
        data[key] = value
        return json.dumps(data)
    rows = {
        "tag-index-out-of-range": lambda r: r.__setitem__(8, len(data["strings"])),
        "tag-not-an-index": lambda r: r.__setitem__(8, ["history"]),
        "tags-a-text": lambda r: r.__setitem__(8, "history"),
        "field-index-2**70": lambda r: r.__setitem__(7, [0, 2**70]),
        "fields-missing-a-value": lambda r: r.__setitem__(7, r[7][:-1]),
        "fields-without-names": lambda r: r.__setitem__(7, []),
        "short-row": lambda r: r.pop(),
        "guid-not-hex": lambda r: r.__setitem__(0, "../../etc/passwd"),
        "retired-two": lambda r: r.__setitem__(9, 2),
        "fact-ids-numbers": lambda r: r.__setitem__(3, [1]),
    }
    if case in rows:
        rows[case](row)
        return json.dumps(data)
    assert case == "duplicate-guid"
    data["notes"].append(list(row))
    return json.dumps(data)


HOSTILE = ["infinity", "nan-cards", "deep", "deep-inside", "huge-int-digits", "not-utf8", "timestamp-2**70",
           "timestamp-zero", "timestamp-negative", "timestamp-float", "timestamp-bool", "format-99",
           "format-true", "deck-missing", "sha-short", "strings-not-texts", "notes-mapping", "note-types-list",
           "note-type-fields-not-texts", "tag-index-out-of-range", "tag-not-an-index", "tags-a-text",
           "field-index-2**70", "fields-missing-a-value", "fields-without-names", "short-row", "guid-not-hex", "retired-two", "fact-ids-numbers",
           "duplicate-guid"]


@pytest.mark.parametrize("case", HOSTILE)
def test_a_damaged_or_hostile_manifest_gives_one_clear_problem(built, tmp_path, case):
    path = tmp_path / "synthetic.manifest.json"
    content = _mutated(json.loads(built.read_text(encoding="utf-8")), case)
    path.write_bytes(content if isinstance(content, bytes) else content.encode())

    with pytest.raises(InvalidContent) as caught:
        read_manifest(path, "synthetic")

    [problem] = caught.value.problems
    assert problem.path.endswith("synthetic.manifest.json") and (problem.line, problem.col) == (1, 1)
    assert problem.message.startswith("the previous build's manifest cannot be read (")
    assert "restore it from your backup, or delete it to start afresh" in problem.message
    assert len(problem.message) < 700


@pytest.mark.parametrize("case", ["v1-tags-numbers", "v1-fields-number", "v1-no-fields", "v1-guid-mismatch",
                                  "v1-retired-text"])
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
    else:
        note["retired"] = "no"
    path = tmp_path / "synthetic.manifest.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidContent) as caught:
        read_manifest(path, "synthetic")
    assert "manifest cannot be read" in caught.value.problems[0].message


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
