"""manifest: comparing a build with the previous one, timestamps, and the frozen note type names."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from studykit import apkg
from studykit.check import check_project
from studykit.errors import InvalidContent
from studykit.manifest import (
    Manifest, compare, frozen_names, frozen_problems, manifest_path, next_timestamp, read_manifest,
)


@pytest.fixture(scope="module")
def shipped_notes():
    result = check_project(Path(__file__).resolve().parent.parent)
    [recipe] = result.project.decks.values()
    notes = apkg.notes_for(result.project, recipe, result.decks[recipe.id].questions)
    assert len(notes) >= 5
    return result.project, notes


def edited(note: apkg.NoteContent, field: str, text: str) -> apkg.NoteContent:
    return replace(note, fields={**note.fields, field: text})


def test_compare_sorts_notes_into_added_changed_unchanged_and_retired(shipped_notes):
    _, notes = shipped_notes
    previous = Manifest("deck", 1_700_000_000, "sha", notes[:-1])
    current = [edited(notes[0], "Statement", "A new statement."), *notes[2:]]

    impact = compare(previous, current)

    assert [n.guid for n in impact.added] == [notes[-1].guid]
    assert [n.guid for n in impact.changed] == [notes[0].guid]
    assert [n.guid for n in impact.unchanged] == [n.guid for n in notes[2:-1]]
    assert [n.guid for n in impact.retired] == [notes[1].guid]
    assert impact.still_retired == []


def test_a_retired_note_stays_retired_and_one_that_returns_counts_as_changed(shipped_notes):
    _, notes = shipped_notes
    previous = Manifest("deck", 1_700_000_000, "sha", [apkg.retire(notes[0]), apkg.retire(notes[1]), *notes[2:]])
    impact = compare(previous, [notes[0], *notes[2:]])
    assert [n.guid for n in impact.changed] == [notes[0].guid]
    assert [n.guid for n in impact.still_retired] == [notes[1].guid]
    assert impact.retired == [] and impact.added == []


def test_content_hash_follows_fields_and_tags_but_not_the_subdeck(shipped_notes):
    _, notes = shipped_notes
    note = notes[0]
    assert replace(note, deck="Other::Deck").content_hash() == note.content_hash()
    assert replace(note, tags=list(reversed(note.tags))).content_hash() == note.content_hash()
    assert replace(note, tags=note.tags + ["extra"]).content_hash() != note.content_hash()
    assert edited(note, "QuestionId", "x").content_hash() != note.content_hash()


def test_the_manifest_round_trips_with_deterministic_bytes(shipped_notes, tmp_path):
    project, notes = shipped_notes
    types = {t: frozen_names(project.note_types[t]) for t in {n.note_type for n in notes}}
    manifest = Manifest("deck", 1_700_000_000, "ab" * 32, [apkg.retire(notes[0]), *notes[1:]], types)
    path = manifest_path(tmp_path, "deck")
    path.write_text(manifest.to_json())

    again = read_manifest(path)

    assert again.to_json() == manifest.to_json()
    assert (again.timestamp, again.sha256, again.note_types) == (1_700_000_000, "ab" * 32, types)
    assert again.by_guid()[notes[0].guid].retired and not again.by_guid()[notes[1].guid].retired


def test_no_manifest_means_a_first_build(tmp_path):
    assert read_manifest(manifest_path(tmp_path, "deck")) is None
    assert compare(None, []).added == []


@pytest.mark.parametrize("text", ["{not json", '{"format": 99}', '{"format": 1, "deck": "d"}', "[]"])
def test_a_damaged_manifest_is_a_problem_not_a_traceback(tmp_path, text):
    path = manifest_path(tmp_path, "deck")
    path.write_text(text)
    with pytest.raises(InvalidContent) as caught:
        read_manifest(path)
    [problem] = caught.value.problems
    assert problem.path.endswith("deck.manifest.json")
    assert "cannot be read" in problem.message and "delete it" in problem.message


def test_timestamps_reuse_nothing_and_always_grow():
    assert next_timestamp(None, 1_700_000_000.9) == 1_700_000_000
    previous = Manifest("deck", 1_700_000_000, "sha", [])
    assert next_timestamp(previous, 1_700_000_000.5) == 1_700_000_001  # same second
    assert next_timestamp(previous, 1_600_000_000) == 1_700_000_001  # clock behind
    assert next_timestamp(previous, 1_800_000_000) == 1_800_000_000


def test_renamed_fields_or_cards_of_a_shipped_note_type_are_refused(shipped_notes):
    project, _ = shipped_notes
    basic = project.note_types["studykit-basic"]
    previous = Manifest("deck", 1, "sha", [], {"studykit-basic": frozen_names(basic)})

    restyled = replace(basic, css=basic.css + ".card { color: red; }",
                       cards=[{**basic.cards[0], "front": "<b>{{Front}}</b>"}])
    assert frozen_problems(previous, {"studykit-basic": restyled}) == []

    renamed = replace(basic, fields=["Prompt" if f == "Front" else f for f in basic.fields],
                      cards=[{**basic.cards[0], "name": "Ask"}])
    [problem] = frozen_problems(previous, {"studykit-basic": renamed})
    assert problem.path == basic.path
    assert "'studykit-basic'" in problem.message and "fields and cards" in problem.message
    assert "new id" in problem.message
    assert frozen_problems(None, {"studykit-basic": renamed}) == []
