"""Speed structures of a deck's notes give what the plain way gives (hashes, fields).

(Speed itself is measured in benchmarks/, never here.)
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

from studykit import apkg
from studykit.check import check_project

REPO = Path(__file__).resolve().parent.parent


def _hash_the_plain_way(note: apkg.NoteContent) -> str:
    data = {"note_type": note.note_type, "fields": note.fields, "tags": sorted(note.tags)}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def test_a_notes_hash_is_the_sha256_of_its_sorted_json_for_every_note_of_the_shipped_project():
    notes = [note for deck in check_project(REPO).notes.values() for note in deck]
    assert len(notes) > 100
    assert [note.content_hash() for note in notes] == [_hash_the_plain_way(note) for note in notes]


def test_a_notes_hash_is_the_sha256_of_its_sorted_json_for_any_text(monkeypatch):
    """Texts of every awkward kind (quotes, backslashes, control characters, accents, emoji, lone
    surrogates, key order), with the C encoder made once and with the encoder's own way."""
    rng = random.Random(3)
    alphabet = ['"', "\\", "\n", "\t", "\x00", "\x1f", "é", "ß", "€", "😀", "\ud800", "<b>", "&amp;", " ", "a", "Z"]

    def text() -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))

    notes = [apkg.NoteContent(guid="g", question_id="q", fact_ids=["f"], note_type=text(), topic="t", deck="d",
                              fields={text() or "x": text() for _ in range(rng.randrange(0, 9))},
                              tags=[text() for _ in range(rng.randrange(0, 4))]) for _ in range(600)]
    expected = [_hash_the_plain_way(note) for note in notes]
    assert [note.content_hash() for note in notes] == expected
    monkeypatch.setattr(json.encoder, "c_make_encoder", None)
    monkeypatch.setattr(apkg, "_HASH_TEXT", apkg._hash_encoder())
    assert [note.content_hash() for note in notes] == expected
