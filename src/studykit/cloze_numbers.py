"""A cloze note's blanks keep their numbers from build to build.

Anki makes one card per ``{{cN::...}}`` number and keeps a card's review
history with its number (card ord = N - 1).  Rendering numbers the blanks by
their place in the sentence, so a term added before a blank, or a blank taken
out, would move every later term onto another term's card and history.  The
build therefore gives each blank the number its term had in the previous
build's note, a new term the next number the note never used, and remembers
the numbers of terms no longer blanked (their cards keep their own history, and
no other term ever takes them).

A term is known by what its blank holds in the note's fields (the escaped term,
with the article carried into it).  The previous numbers are read from the
previous manifest's fields; only the numbers of terms no longer blanked need a
record of their own (``Manifest.gone_blanks``).  Rendering and its caches keep
numbering by place: this runs on the notes, after rendering.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .apkg import NoteContent
    from .manifest import Manifest

_BLANK = re.compile(r"\{\{c(\d+)::(.*?)\}\}", re.S)
_NUMBER = re.compile(r"\{\{c(\d+)::")

Gone = dict[int, str]  # number -> the blank's text, for the numbers a note no longer blanks


def blanks(fields: dict[str, str]) -> dict[int, str]:
    """Each cloze number in the fields and what its (first) blank holds."""
    found: dict[int, str] = {}
    for value in fields.values():
        if "{{c" in value:
            for number, text in _BLANK.findall(value):
                found.setdefault(int(number), text)
    return found


def keep_numbers(notes: list[NoteContent], hashes: dict[str, str], previous: Manifest | None,
                 cloze_types: set[str]) -> tuple[list[NoteContent], dict[str, Gone]]:
    """``notes`` with each cloze note's blanks numbered as the student has them (``hashes``, GUID ->
    content hash, updated), and the numbers of terms no longer blanked, by GUID.

    A first build (no previous manifest) is left as it is, and so is a note whose fields are the
    previous build's (its numbers are the student's already): only an edited cloze note is read.
    """
    if previous is None or not cloze_types:
        return notes, {}
    kept, gone_by_guid = [], {}
    before, gone_before = previous.hashes, previous.gone_blanks
    for note in notes:
        guid = note.guid
        if note.note_type in cloze_types and guid in before:
            if hashes[guid] == before[guid]:
                if guid in gone_before:
                    gone_by_guid[guid] = gone_before[guid]
            else:
                note = _kept(note, previous, hashes, gone_by_guid)
        kept.append(note)
    return kept, gone_by_guid


def _kept(note: NoteContent, previous: Manifest, hashes: dict[str, str], gone_by_guid: dict[str, Gone]):
    old = previous.note(note.guid)
    if old.note_type != note.note_type:  # (a move Anki refuses: the build says so)
        return note
    numbers, gone = _numbers(blanks(note.fields), blanks(old.fields), previous.gone_blanks.get(note.guid, {}))
    if gone:
        gone_by_guid[note.guid] = gone
    if all(new == n for n, new in numbers.items()):
        return note
    note = replace(note, fields=_renumbered(note.fields, numbers))
    hashes[note.guid] = note.content_hash()
    return note


def _numbers(now: dict[int, str], before: dict[int, str], gone_before: Gone) -> tuple[dict[int, int], Gone]:
    """Place number -> kept number for this build's blanks, and the numbers no blank holds now."""
    held = {**gone_before, **before}  # every number the note has used, and its term
    number_of: dict[str, int] = {}
    for number in sorted(held):
        number_of.setdefault(held[number], number)
    numbers = {n: number_of[text] for n, text in now.items() if text in number_of}
    last = max(held, default=0)
    for n in sorted(now):
        if n not in numbers:
            last += 1
            numbers[n] = last
    used = set(numbers.values())
    return numbers, {number: text for number, text in sorted(held.items()) if number not in used}


def _renumbered(fields: dict[str, str], numbers: dict[int, int]) -> dict[str, str]:
    swap = lambda match: "{{c%d::" % numbers[int(match.group(1))]  # noqa: E731
    return {name: _NUMBER.sub(swap, value) if "{{c" in value else value for name, value in fields.items()}


def as_built(project, recipe, notes: list[NoteContent]) -> list[NoteContent]:
    """``notes`` numbered as the deck built in ``<project>/dist`` has them (by the same rule its
    next build follows): an export that updates the deck's notes (anki-tsv) must not put the
    blanks back in reading order under the student's history."""
    from .manifest import manifest_path, read_manifest

    previous = read_manifest(manifest_path(project.root / "dist", recipe.id), recipe.id)
    if previous is None:
        return notes
    hashes = {note.guid: note.content_hash() for note in notes}
    cloze_types = {type_id for type_id, nt in project.note_types.items() if nt.cloze}
    return keep_numbers(notes, hashes, previous, cloze_types)[0]
