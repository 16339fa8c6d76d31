"""A cloze note's blanks keep their numbers from build to build.

Anki makes one card per ``{{cN::...}}`` number and keeps a card's review
history with its number (card ord = N - 1).  Rendering numbers the blanks by
their place in the sentence, so a term added before a blank, or a blank taken
out, would move every later term onto another term's card and history.  The
build therefore gives each blank the number its term had in the previous
build's note, a new term the next number the note never used, and remembers
the numbers of terms no longer blanked (their cards keep their own history, and
no other term ever takes them).

A teacher's correction of a key term ("Pyongyang" for "Pyong-yang") makes a
term the note never had: it takes over the card of a term that left the note
when the two are spelt alike (the same once case, accents and punctuation are
set aside, or at most one letter in five changed, added, dropped or swapped
with its neighbour), or when it stands at the same place among the blanks (as
many new terms as gone ones between the same kept neighbours, in order), as
editing a ``{{c1::...}}`` in Anki itself would keep its card.  Anything less
clear gets a new card, and the old term's number stays its own.

A term is known by what its blank holds in the note's fields (the escaped term,
with the article carried into it).  The previous numbers are read from the
previous manifest's fields; only the numbers of terms no longer blanked need a
record of their own (``Manifest.gone_blanks``).  Rendering and its caches keep
numbering by place: this runs on the notes, after rendering.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

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


@dataclass
class BlankChanges:
    """What the build's report says about the edited cloze notes' cards."""

    taken_over: list[tuple[str, str, str]] = field(default_factory=list)  # (question id, new term, old term)
    # (question id, term): a card whose term this build no longer blanks, and nothing took over; Anki
    # keeps it (and its history) but shows it without a blank
    emptied: list[tuple[str, str]] = field(default_factory=list)


def keep_numbers(notes: list[NoteContent], hashes: dict[str, str], previous: Manifest | None,
                 cloze_types: set[str], said: BlankChanges | None = None,
                 ) -> tuple[list[NoteContent], dict[str, Gone]]:
    """``notes`` with each cloze note's blanks numbered as the student has them (``hashes``, GUID ->
    content hash, updated), and the numbers of terms no longer blanked, by GUID.  ``said`` gathers
    the cards a new term took over and those left without a blank (for the build's report).

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
                note = _kept(note, previous, hashes, gone_by_guid, said)
        kept.append(note)
    return kept, gone_by_guid


def _kept(note: NoteContent, previous: Manifest, hashes: dict[str, str], gone_by_guid: dict[str, Gone],
          said: BlankChanges | None):
    old = previous.note(note.guid)
    if old.note_type != note.note_type:  # (a move Anki refuses: the build says so)
        return note
    now, before = blanks(note.fields), blanks(old.fields)
    gone_before = previous.gone_blanks.get(note.guid, {})
    numbers, gone = _numbers(now, before, gone_before)
    if said is not None:
        former = {**gone_before, **before}
        said.taken_over += [(note.question_id, html.unescape(now[n]), html.unescape(former[k]))
                            for n, k in numbers.items() if former.get(k, now[n]) != now[n]]
        said.emptied += [(note.question_id, html.unescape(text)) for k, text in gone.items() if k in before]
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
    if len(numbers) < len(now):
        _take_over(numbers, now, before, held)
    last = max(held, default=0)
    for n in sorted(now):
        if n not in numbers:
            last += 1
            numbers[n] = last
    used = set(numbers.values())
    return numbers, {number: text for number, text in sorted(held.items()) if number not in used}


def _take_over(numbers: dict[int, int], now: dict[int, str], before: dict[int, str], held: dict[int, str]) -> None:
    """Give a new term the number of a term that left the note, when it is the same term respelt
    or stands in its place (see the module's docstring); ``numbers`` is updated."""
    free = {k: text for k, text in held.items() if k not in numbers.values() and text not in now.values()}
    if not free:
        return
    new = {n: _letters(now[n]) for n in now if n not in numbers}
    spelt = {k: _letters(text) for k, text in free.items()}
    pairs = sorted((distance, n, k) for n, letters in new.items() for k, old in spelt.items()
                   if (distance := _typos(letters, old)) is not None)
    for _, n, k in pairs:
        if n not in numbers and k in free:
            numbers[n] = k
            del free[k]
    if free and len(numbers) < len(now):
        _same_places(numbers, now, before, free)


def _typos(a: str, b: str) -> int | None:
    """How many letters one spelling needs changed, added, dropped or swapped with its neighbour to
    become the other, when that is at most one in five of the longer's letters; else None."""
    most = max(len(a), len(b)) // 5
    if abs(len(a) - len(b)) > most or _letter_difference(a, b) > 2 * most:  # (an edit changes it by 2 at most)
        return None
    start = 0  # what both begin and end with needs no edit: only the letters between are aligned
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[start:len(a) - end], b[start:len(b) - end]
    # optimal string alignment (edit distance with adjacent swaps: "Mocsow" -> "Moscow" is one), only
    # within ``most`` of the diagonal: a cell further off needs more edits than allowed
    far = most + 1
    earlier, previous = None, [j if j <= most else far for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        row = [i if i <= most else far] + [far] * len(b)
        for j in range(max(1, i - most), min(len(b), i + most) + 1):
            cost = previous[j - 1] + (a[i - 1] != b[j - 1])
            cost = min(cost, previous[j] + 1, row[j - 1] + 1)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cost = min(cost, earlier[j - 2] + 1)
            row[j] = min(cost, far)
        if min(row) > most:
            return None
        earlier, previous = previous, row
    return previous[-1] if previous[-1] <= most else None


def _letter_difference(a: str, b: str) -> int:
    """How many letters the two have that the other has not (counted with repeats)."""
    counts = dict.fromkeys(a + b, 0)
    for c in a:
        counts[c] += 1
    for c in b:
        counts[c] -= 1
    return sum(map(abs, counts.values()))


def _letters(text: str) -> str:
    """A term's spelling without case, accents, punctuation or spaces: "Pyong-yang" = "pyongyang"."""
    text = unicodedata.normalize("NFKD", html.unescape(text).casefold())
    return "".join(c for c in text if c.isalnum())


def _same_places(numbers: dict[int, int], now: dict[int, str], before: dict[int, str], free: dict[int, str]) -> None:
    """New terms where as many terms left, between the same kept neighbours, take their numbers in order."""
    taken = set(numbers.values())
    kept_now = [numbers[n] for n in now if n in numbers]
    kept_before = [k for k in before if k in taken]
    if kept_now != kept_before:  # the kept terms moved round: no place is the same
        return
    for place_now, place_before in zip(_gaps(now, numbers.__contains__), _gaps(before, taken.__contains__)):
        left = [k for k in place_before if k in free]
        if len(place_now) == len(left):  # as many new terms as gone ones: each takes the card in its place
            for n, k in zip(place_now, left):
                numbers[n] = k
                del free[k]


def _gaps(blanks_in_order: dict[int, str], is_kept) -> list[list[int]]:
    """The numbers between consecutive kept blanks (before the first, ..., after the last)."""
    gaps: list[list[int]] = [[]]
    for number in blanks_in_order:
        if is_kept(number):
            gaps.append([])
        else:
            gaps[-1].append(number)
    return gaps


def _renumbered(fields: dict[str, str], numbers: dict[int, int]) -> dict[str, str]:
    swap = lambda match: "{{c%d::" % numbers[int(match.group(1))]  # noqa: E731
    return {name: _NUMBER.sub(swap, value) if "{{c" in value else value for name, value in fields.items()}


def as_built(project, recipe, notes: list[NoteContent], built: Path) -> list[NoteContent] | None:
    """``notes`` numbered as the deck built in the folder ``built`` has them (by the same rule its
    next build follows), or None when no deck was built there: an export that updates the deck's
    notes (anki-tsv) must not put the blanks back in reading order under the student's history."""
    from .manifest import manifest_path, read_manifest

    previous = read_manifest(manifest_path(built, recipe.id), recipe.id)
    if previous is None:
        return None
    hashes = {note.guid: note.content_hash() for note in notes}
    cloze_types = {type_id for type_id, nt in project.note_types.items() if nt.cloze}
    return keep_numbers(notes, hashes, previous, cloze_types)[0]
