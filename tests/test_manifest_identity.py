"""Note identity across builds, on small hand-made notes and manifests (fast: no project, no Anki).

What a retired note shows, how the previous build's manifest is read (and what its problems
say), and how notes compare with it.  Expected texts are written out by hand.  These are among
the tests the mutation run of manifest.py and apkg.py's identity functions uses
(benchmarks/mutation.py manifest).
"""

from __future__ import annotations

import json

import pytest

from studykit import apkg
from studykit.errors import InvalidContent
from studykit.manifest import Manifest, compare, frozen_names, frozen_problems, read_manifest
from studykit.model import NoteType

GUID = "0123456789abcdef0123"
SHA = "ab" * 32


def note(**changes) -> apkg.NoteContent:
    fields = {"Front": "When did the pier open?", "Back": "In May", "Context": "", "Status": ""}
    data = dict(guid=GUID, question_id="recall/pier", fact_ids=["pier"], note_type="studykit-basic",
                topic="harbour", deck="Harbour::01 Pier", fields=fields, tags=["harbour", "event"])
    data.update(changes)
    return apkg.NoteContent(**data)


# --- what a retired note shows ---------------------------------------------------------------

def test_a_retired_note_shows_the_notice_keeps_its_identity_and_gains_the_tag():
    retired = apkg.retire(note())
    assert retired.retired and retired.guid == GUID and retired.deck == "Harbour::01 Pier"
    assert (retired.question_id, retired.fact_ids, retired.topic) == ("recall/pier", ["pier"], "harbour")
    assert retired.tags == ["event", "harbour", "retired"]
    assert retired.fields["Status"] == (
        "Retired: this question is no longer in the deck (its fact was removed, or the question is no longer asked). "
        "You can delete it: search "
        "tag:retired in the Browser (AnkiDroid: Card browser).")
    assert retired.fields["Front"] == "When did the pier open?" and retired.fields["Context"] == ""


def test_a_retired_note_without_a_status_field_gets_none():
    fields = {"Front": "Q", "Back": "A"}
    assert apkg.retire(note(fields=fields)).fields == {"Front": "Q", "Back": "A"}


def test_background_of_an_older_build_is_labelled_as_not_from_the_source_once():
    old = apkg.retire(note(fields={"Front": "Q", "Context": "Ships came from Nakhodka.", "Status": ""}))
    assert old.fields["Context"] == ('<span class="context-label">Context (not from the source):</span> '
                                     "Ships came from Nakhodka.")
    labelled = '<span class="context-label">Context (not from the letter):</span> Ships came.'
    again = apkg.retire(note(fields={"Front": "Q", "Context": labelled, "Status": ""}))
    assert again.fields["Context"] == labelled


def test_an_older_builds_fields_are_stored_as_anki_s_editor_would():
    old = apkg.retire(note(fields={"Front": "It&#39;s &quot;new&quot;\tpier\u00a0here", "Status": ""}))
    assert old.fields["Front"] == 'It\'s "new" pier&nbsp;here'


# --- reading the previous build's manifest ---------------------------------------------------

def v1_manifest(tmp_path, notes) -> object:
    data = {"format": 1, "deck": "harbour", "timestamp": 1_700_000_000, "package_sha256": SHA,
            "note_types": {}, "notes": notes}
    path = tmp_path / "harbour.manifest.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def v1_note(**changes) -> dict:
    data = note().as_dict()
    data["hash"] = "f" * 16
    data.update(changes)
    return data


def problem_of(path) -> str:
    with pytest.raises(InvalidContent) as caught:
        read_manifest(path, "harbour")
    [problem] = caught.value.problems
    return problem.message


def test_a_first_format_manifest_says_what_is_wrong_with_it(tmp_path):
    assert "('notes' is not a mapping)" in problem_of(v1_manifest(tmp_path, [v1_note()]))
    bad = v1_note(tags=[1])
    message = problem_of(v1_manifest(tmp_path, {GUID: bad}))
    assert f"(note '{GUID}' is not in the manifest's shape)" in message
    long_key = "x" * 60
    message = problem_of(v1_manifest(tmp_path, {long_key: v1_note(guid=long_key)}))
    assert f"(note '{'x' * 40}' is not in the manifest's shape)" in message


def test_a_number_json_does_not_allow_is_named(tmp_path):
    path = tmp_path / "harbour.manifest.json"
    path.write_text('{"format": 2, "deck": "harbour", "timestamp": NaN}', encoding="utf-8")
    assert "('NaN' is not a number JSON allows)" in problem_of(path)


def test_a_first_format_manifest_compares_by_its_stored_hashes(tmp_path):
    """A note whose stored hash is not this build's hash of the same text counts as changed:
    the hash records what students were shipped, whatever today's text."""
    same = v1_note(hash=note().content_hash())
    previous = read_manifest(v1_manifest(tmp_path, {GUID: same}), "harbour")
    assert [n.guid for n in compare(previous, [note()]).unchanged] == [GUID]
    previous = read_manifest(v1_manifest(tmp_path, {GUID: v1_note(hash="0" * 16)}), "harbour")
    assert [n.guid for n in compare(previous, [note()]).changed] == [GUID]


# --- the note types students have ----------------------------------------------------------

def note_type(type_id: str, fields: list[str], cards: list[str]) -> NoteType:
    return NoteType(id=type_id, name=type_id, fields=fields, cards=[{"name": c} for c in cards], css="",
                    cloze=False, path=f"question_templates/note_types/{type_id}.yaml")


# The ids the first release (commit 80d1beb) gave the shipped deck, two of its subdecks and its note
# types, recorded from that release's code. Students' collections know these ids: a release that
# gives others makes a second deck beside theirs, or a copy of each note type.
RELEASED_IDS = {("deck", "soviet-korean-relations-1967", None): 1930892277,
                ("deck", "soviet-korean-relations-1967", "visit"): 1436585666,
                ("deck", "soviet-korean-relations-1967", "aid"): 1387849869,
                ("note type", "studykit-basic", None): 1222182414, ("note type", "studykit-choice", None): 1162385654,
                ("note type", "studykit-cloze", None): 1447097381, ("note type", "studykit-typed", None): 1264321684}


def test_deck_and_note_type_ids_are_those_the_first_release_shipped():
    now = {("deck", recipe, topic): apkg.deck_id(recipe, topic)
           for kind, recipe, topic in RELEASED_IDS if kind == "deck"}
    now.update({("note type", type_id, None): apkg.note_type_id(note_type(type_id, ["Front"], ["Card 1"]))
                for kind, type_id, _ in RELEASED_IDS if kind == "note type"})
    assert now == RELEASED_IDS


def test_every_shipped_note_type_whose_names_changed_is_refused_with_what_changed():
    shipped = {"a-basic": note_type("a-basic", ["Front", "Back"], ["Card 1"]),
               "b-typed": note_type("b-typed", ["Front", "Typed"], ["Card 1"]),
               "c-cloze": note_type("c-cloze", ["Text"], ["Cloze"])}
    previous = Manifest("harbour", 1_700_000_000, SHA,
                        note_types={k: frozen_names(v) for k, v in shipped.items()})
    today = dict(shipped, **{"b-typed": note_type("b-typed", ["Front", "Answer"], ["Card 1"]),
                             "c-cloze": note_type("c-cloze", ["Text"], ["Gap"])})
    problems = frozen_problems(previous, today)
    assert [(p.path, p.line, p.col) for p in problems] == [
        ("question_templates/note_types/b-typed.yaml", 1, 1), ("question_templates/note_types/c-cloze.yaml", 1, 1)]
    assert problems[0].message.startswith(
        "note type 'b-typed' was shipped to students with other fields (fields were ['Front', 'Typed'], "
        "now ['Front', 'Answer']); Anki would make a copy")
    assert "with other cards (cards were ['Cloze'], now ['Gap'])" in problems[1].message
    assert all("Anki would make a copy of the note type and stop updating existing notes. Put the names "
               "back (styling and card HTML may change), or give the changed note type a new id and the "
               "templates that use it new ids (their old cards then retire)" in p.message for p in problems)
    both = dict(shipped, **{"a-basic": note_type("a-basic", ["Q"], ["Card"])})
    [problem] = frozen_problems(previous, both)
    assert "with other fields and cards (fields were ['Front', 'Back'], now ['Q']; cards were ['Card 1'], " \
           "now ['Card'])" in problem.message
    assert frozen_problems(previous, shipped) == [] and frozen_problems(None, today) == []


def test_a_note_round_trips_through_the_manifest_with_spaced_field_names_and_no_tags(tmp_path):
    spaced = note(fields={"Front": "Q", "Back Extra": "more", "Status": ""}, tags=[])
    path = tmp_path / "harbour.manifest.json"
    path.write_text(Manifest("harbour", 1_700_000_000, SHA, [spaced]).to_json(), encoding="utf-8")
    read = read_manifest(path, "harbour").note(GUID)
    assert (read.fields, read.tags) == ({"Front": "Q", "Back Extra": "more", "Status": ""}, [])


def test_a_note_hashes_as_the_previous_release_stored_it():
    """Hashes must not change between releases, or an upgrade would re-ship every note as changed."""
    from pathlib import Path
    old = json.loads((Path(__file__).parent / "fixtures" / "manifest-v1-synthetic-12.json").read_text("utf-8"))
    notes = list(old["notes"].values())[:5]
    assert [apkg.NoteContent.from_dict(n).content_hash() for n in notes] == [n["hash"] for n in notes]


def test_what_the_next_build_needs_survives_the_manifest(tmp_path):
    inputs = "cd" * 32
    path = tmp_path / "harbour.manifest.json"
    path.write_text(Manifest("harbour", 1_700_000_000, SHA, [note()], package_inputs=inputs, cards=7).to_json(),
                    encoding="utf-8")
    read = read_manifest(path, "harbour")
    assert (read.timestamp, read.sha256, read.package_inputs, read.cards) == (1_700_000_000, SHA, inputs, 7)


def test_a_shipped_cloze_note_type_that_stops_being_cloze_is_refused():
    cloze = note_type("c-cloze", ["Text"], ["Cloze"])
    cloze.cloze = True
    previous = Manifest("harbour", 1_700_000_000, SHA, note_types={"c-cloze": frozen_names(cloze)})
    [problem] = frozen_problems(previous, {"c-cloze": note_type("c-cloze", ["Text"], ["Cloze"])})
    assert "with other cloze (cloze were True, now False)" in problem.message


def test_two_notes_with_one_guid_are_never_written_even_if_the_loader_missed_it():
    """The loader refuses facts that share an identity ('was:'); the package writer checks again,
    since two notes with one GUID would silently become one note in every student's collection."""
    from studykit.model import DeckRecipe

    recipe = DeckRecipe(id="harbour", title="Harbour", path="decks/harbour.yaml", sources=["doc"],
                        topics=["harbour"], templates=["recall"], subdecks={}, worksheet=None, spec={})
    other = "fedcba9876543210fedc"
    notes = [note(), note(guid=other, question_id="recall/quay"), note(question_id="recall/pier-again"),
             note(guid=other, question_id="recall/quay-again")]
    with pytest.raises(InvalidContent) as caught:
        apkg._refuse_duplicate_guids(recipe, notes)
    assert [(p.path, p.line, p.col, p.message) for p in caught.value.problems] == [
        ("decks/harbour.yaml", 1, 1, "deck 'harbour': questions 'recall/pier' and 'recall/pier-again' would be "
         "the same Anki note; give one of the facts or templates another id"),
        ("decks/harbour.yaml", 1, 1, "deck 'harbour': questions 'recall/quay' and 'recall/quay-again' would be "
         "the same Anki note; give one of the facts or templates another id")]
    apkg._refuse_duplicate_guids(recipe, notes[:2])  # distinct GUIDs pass
