"""The build manifest: what the previous build shipped, so the next one can compare.

``dist/<deck-id>.manifest.json`` records what the next build needs and no
more: per note GUID its content hash (to tell added, changed and unchanged
notes apart) and the note's fields, tags and subdeck (to keep the note in the
package, marked retired, once its fact is removed), the package timestamp,
sha256 and a hash of everything the package is made from (so an unchanged
package is neither rewritten nor re-timestamped), the note types' frozen
field and card names (a rename would make Anki copy the note type), and, per
cloze note that lost a blank, the numbers its gone terms keep (``gone_blanks``,
see :mod:`.cloze_numbers`; absent when there are none).

The file is one line of JSON.  Every text (field value, tag, topic, ...) is
stored once in a ``strings`` table and referred to by position, because the
cards of one fact share most of their fields.  Reading validates everything:
a damaged, hostile or foreign manifest is one clear problem, never a
traceback, and never ships another deck's notes.  Manifests of the first
format (one JSON object per note) are still read, so students' history
survives the upgrade.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate, chain, compress, islice, repeat
from operator import attrgetter, itemgetter, sub
from dataclasses import dataclass, field
from pathlib import Path

from .apkg import NoteContent
from .errors import InvalidContent, Problem, display_path
from .model import NoteType

FORMAT = 2
# Anki ignores notes older than what a student has, so a timestamp outside this
# range (2000-01-01 .. 2100-01-01) can only come from a damaged file.
TIMESTAMP_RANGE = (946_684_800, 4_102_444_800)
_GUID = re.compile(r"^[0-9a-f]{20}$")
_HASH = re.compile(r"^[0-9a-f]{16}$")
_SEP = "\x1f"  # joins field names and tags into one stored text (the loader refuses control characters)
_GUIDS = re.compile(r"(?:[0-9a-f]{20}\n)*")
_HASHES = re.compile(r"(?:[0-9a-f]{16}\n)*")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class Manifest:
    """A build's notes by GUID: hashes for comparing, full notes only when asked for.

    Built from NoteContent objects (this build) or read from disk (the previous
    build), where a note is materialised only when the next build retires it.
    """

    def __init__(self, deck_id: str, timestamp: int, sha256: str, notes=(), note_types: dict | None = None,
                 *, hashes: dict[str, str] | None = None, package_inputs: str | None = None,
                 cards: int | None = None, gone_blanks: dict[str, dict[int, str]] | None = None):
        self.deck_id, self.timestamp, self.sha256 = deck_id, timestamp, sha256
        # per cloze note, the numbers of terms it no longer blanks (see cloze_numbers): only these
        # are not in its fields, and none is ever given to another term
        self.gone_blanks = {guid: gone for guid, gone in (gone_blanks or {}).items() if gone}
        self.note_types = dict(note_types or {})
        self.package_inputs, self.cards = package_inputs, cards
        self._notes: dict[str, NoteContent] = {n.guid: n for n in notes}
        given = hashes or {}
        self.hashes: dict[str, str] = {n.guid: given.get(n.guid) or n.content_hash() for n in notes}
        self.retired: set[str] = {n.guid for n in notes if n.retired}
        self._rows: dict[str, list] = {}
        self._strings: list[str] = []

    @property
    def guids(self) -> list[str]:
        """Every note's GUID, in the package's order."""
        return list(self.hashes)

    def note(self, guid: str) -> NoteContent:
        """The full note (materialised from the stored row on first use)."""
        found = self._notes.get(guid)
        if found is None:
            found = self._notes[guid] = _note_of_row(self._rows[guid], self._strings)
        return found

    @property
    def notes(self) -> list[NoteContent]:
        return [self.note(guid) for guid in self.hashes]

    def by_guid(self) -> dict[str, NoteContent]:
        return {guid: self.note(guid) for guid in self.hashes}

    def to_json(self) -> str:
        """Deterministic, compact text: the same build gives the same manifest bytes."""
        return "".join(self.json_parts())

    def write(self, path: Path) -> None:
        """Write :meth:`to_json`'s text part by part: a whole course's manifest is never one string
        (at 10,000 facts the text, its join and its UTF-8 copy were the build's peak memory)."""
        from . import collector

        with collector.paused(), open(path, "w", encoding="utf-8") as handle:  # rows of lists, no cycles
            handle.writelines(self.json_parts())

    def json_parts(self):
        """The manifest's JSON text in parts of a few thousand strings or notes each.

        The texts, the string table, the positions and the rows are made column by column by
        map, zip and dict calls over all notes (C speed), not one Python step per note or text:
        300,000 texts at 10,000 facts.  The parts joined are exactly ``json.dumps`` of the whole
        document (compact, not ASCII-escaped; a row made as a tuple is written as a list).
        """
        notes = [self.note(guid) for guid in self.hashes]
        fields = list(map(_FIELDS, notes))
        # per note: field names, values..., note type, topic, deck, tags
        after = zip(map(_NOTE_TYPE, notes), map(_TOPIC, notes), map(_DECK, notes), map(_SEP.join, map(_TAGS, notes)))
        texts = list(chain.from_iterable(map(chain, zip(map(_SEP.join, fields)), map(dict.values, fields), after)))
        pool = list(dict.fromkeys(texts))  # each text once, in order of first use
        refs = list(map(dict(zip(pool, range(len(pool)))).__getitem__, texts))
        del texts
        head = {
            "format": FORMAT, "deck": self.deck_id, "timestamp": self.timestamp,
            "package_sha256": self.sha256, "package_inputs": self.package_inputs, "cards": self.cards,
            "note_types": {k: self.note_types[k] for k in sorted(self.note_types)},
        }
        yield _dumps(head)[:-1] + ',"strings":'
        yield from _array_parts(pool[i:i + _PART] for i in range(0, len(pool), _PART))
        yield ',"notes":'
        rows = self._rows_of(notes, fields, refs)
        yield from _array_parts(list(islice(rows, _PART)) for _ in range(0, len(notes) or 1, _PART))
        gone = {guid: [[n, text] for n, text in sorted(self.gone_blanks[guid].items())]
                for guid in self.hashes if guid in self.gone_blanks}
        if gone:  # (only after a cloze lost a blank: a manifest without one is as it always was)
            yield ',"gone_blanks":' + _dumps(gone)
        yield "}\n"

    def _rows_of(self, notes: list[NoteContent], fields: list[dict], refs: list[int]):
        """The stored rows (texts as positions in the string table), as tuples, made lazily.

        A note's texts are ``refs[start:end]``: field names and values, then its note type,
        topic, deck and tags (the last four); the slices are made from running sums of the widths.
        """
        ends = list(accumulate(map(_WIDTH, map(len, fields))))
        starts = [0, *ends[:-1]]
        at = lambda back: map(refs.__getitem__, map(sub, ends, repeat(back)))  # noqa: E731
        field_refs = map(refs.__getitem__, map(slice, starts, map(sub, ends, repeat(4))))
        return zip(self.hashes, self.hashes.values(), map(_QUESTION_ID, notes), map(_FACT_IDS, notes),
                   at(4), at(3), at(2), field_refs, at(1), map(int, map(_RETIRED, notes)))


_PART = 4096  # strings or notes per part of the written manifest
_FIELDS, _NOTE_TYPE, _TOPIC, _DECK, _TAGS, _QUESTION_ID, _FACT_IDS, _RETIRED = map(attrgetter, (
    "fields", "note_type", "topic", "deck", "tags", "question_id", "fact_ids", "retired"))
_WIDTH = (5).__add__  # a row's texts: its fields' names, values, and four more


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), check_circular=False)  # (no cycles)


def _array_parts(chunks):
    """A JSON array written from consecutive slices of it: '[' a,b ',' c,d ... ']'."""
    yield "["
    first = True
    for chunk in chunks:
        if chunk:
            yield ("" if first else ",") + _dumps(chunk)[1:-1]
            first = False
    yield "]"


def _note_of_row(row: list, strings: list[str]) -> NoteContent:
    guid, _, question_id, fact_ids, note_type, topic, deck, fields, tags, retired = row
    names = _split(strings[fields[0]])
    return NoteContent(guid=guid, question_id=question_id, fact_ids=list(fact_ids),
                       note_type=strings[note_type], topic=strings[topic], deck=strings[deck],
                       fields={name: strings[value] for name, value in zip(names, fields[1:])},
                       tags=_split(strings[tags]), retired=bool(retired))


def _split(joined: str) -> list[str]:
    return joined.split(_SEP) if joined else []


def manifest_path(out: Path, deck_id: str) -> Path:
    return Path(out) / f"{deck_id}.manifest.json"


def frozen_names(note_type: NoteType) -> dict:
    """What may never change once students have the note type."""
    return {"fields": list(note_type.fields), "cards": [c["name"] for c in note_type.cards],
            "cloze": bool(note_type.cloze)}


# --- reading, with validation ------------------------------------------------------

class _Bad(ValueError):
    """What is wrong with a manifest, in words for the teacher."""


def read_manifest(path: Path, deck_id: str | None = None) -> Manifest | None:
    """The previous build's manifest, None if there is none.

    A damaged one, or one of another deck than ``deck_id``, is an InvalidContent
    problem that says how to fix it.
    """
    path = Path(path)
    if not path.exists():
        return None
    shown = display_path(path)
    try:
        data = json.loads(path.read_bytes().decode("utf-8"), parse_constant=_no_constant)
        manifest = _manifest_of(data)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, MemoryError) as err:
        what = str(err) if isinstance(err, _Bad) else f"{type(err).__name__}: {err}"
        if isinstance(err, RecursionError):
            what = "it is nested too deeply"
        raise InvalidContent([Problem(shown, 1, 1, f"the previous build's manifest cannot be read "
                                      f"({what[:300]}); restore it from your backup, or delete it to "
                                      "start afresh (the next build then counts every note as added and "
                                      "cannot mark removed facts retired)")]) from None
    if deck_id is not None and manifest.deck_id != deck_id:
        raise InvalidContent([Problem(shown, 1, 1, f"this manifest belongs to deck '{manifest.deck_id}', "
                                      f"not to deck '{deck_id}' (was it copied or renamed?); building "
                                      "on it would ship the other deck's notes as retired cards. Put "
                                      f"deck '{deck_id}''s own manifest back from your backup, or delete "
                                      "this file to start afresh")])
    return manifest


def _no_constant(name: str):
    raise _Bad(f"'{name}' is not a number JSON allows")


def _manifest_of(data) -> Manifest:
    _expect(isinstance(data, dict), "it is not a JSON object")
    form = data.get("format")
    _expect(form in (1, 2) and not isinstance(form, bool), f"unknown manifest format {str(form)[:20]!r}")
    deck = data.get("deck")
    _expect(isinstance(deck, str) and deck != "", "'deck' is not a deck id")
    timestamp = data.get("timestamp")
    _expect(isinstance(timestamp, int) and not isinstance(timestamp, bool)
            and TIMESTAMP_RANGE[0] <= timestamp < TIMESTAMP_RANGE[1],
            "'timestamp' is not a build time between the years 2000 and 2100")
    sha = data.get("package_sha256")
    _expect(isinstance(sha, str) and bool(_SHA256.match(sha)), "'package_sha256' is not a sha256")
    note_types = _note_types(data.get("note_types", {}))
    if form == 1:
        notes, hashes = _notes_v1(data.get("notes"))
        return Manifest(deck, timestamp, sha, notes, note_types, hashes=hashes)
    inputs, cards = data.get("package_inputs"), data.get("cards")
    _expect(inputs is None or (isinstance(inputs, str) and bool(_SHA256.match(inputs))),
            "'package_inputs' is not a sha256")
    _expect(cards is None or (isinstance(cards, int) and not isinstance(cards, bool) and 0 <= cards < 2**31),
            "'cards' is not a card count")
    manifest = Manifest(deck, timestamp, sha, (), note_types, package_inputs=inputs, cards=cards)
    strings = data.get("strings")
    _expect(isinstance(strings, list) and _only(strings, str), "'strings' is not a list of texts")
    rows = data.get("notes")
    _expect(isinstance(rows, list), "'notes' is not a list")
    columns = _check_rows(rows, strings)
    guids = columns[0]
    manifest.hashes = dict(zip(guids, columns[1]))
    _expect(len(manifest.hashes) == len(rows), "a note is listed twice")
    manifest._rows = dict(zip(guids, rows))
    manifest.retired = set(compress(guids, columns[9]))
    manifest._strings = strings
    manifest.gone_blanks = _gone_blanks(data.get("gone_blanks", {}), manifest.hashes)
    return manifest


def _gone_blanks(data, notes: dict) -> dict[str, dict[int, str]]:
    """{guid: [[number, blank text], ...]} of notes the manifest lists."""
    _expect(isinstance(data, dict), "'gone_blanks' is not a mapping")
    gone = {}
    for guid, pairs in data.items():
        _expect(guid in notes, f"'gone_blanks' names note '{str(guid)[:40]}', which the manifest does not list")
        ok = (isinstance(pairs, list) and pairs != []
              and all(isinstance(pair, list) and len(pair) == 2 and type(pair[0]) is int
                      and 0 < pair[0] < 10_000 and isinstance(pair[1], str) for pair in pairs))
        _expect(ok, f"'gone_blanks' of note '{guid}' is not a list of [cloze number, text]")
        gone[guid] = {number: text for number, text in pairs}
    return gone


def _expect(ok: bool, what: str) -> None:
    if not ok:
        raise _Bad(what)


def _only(values, kind: type) -> bool:
    """Every value is exactly of ``kind`` (bool is not an int here); checked at C speed."""
    return set(map(type, values)) <= {kind}


def _check_rows(rows: list, strings: list[str]) -> list[tuple]:
    """Every note row has the manifest's shape; column by column, so 30,000 rows stay cheap.

    A row is [guid, content hash, question id, [fact ids], note type, topic, deck,
    [field names, value, value, ...], tags, retired 0/1]; texts other than ids are
    positions in ``strings``; field names and tags are stored joined by U+001F.
    Returns the ten columns.
    """
    shape = _only(rows, list) and set(map(len, rows)) <= {10}
    _expect(shape, "a note is not a list of 10 values")
    if not rows:
        return [()] * 10
    columns = list(zip(*rows))
    flat = lambda column: list(chain.from_iterable(column))  # noqa: E731
    texts = [*columns[0], *columns[1], *columns[2]]
    _expect(_only(texts, str), "a note's GUID, hash or question id is not a text")
    _expect(set(map(len, columns[0])) <= {20} and bool(_GUIDS.fullmatch("\n".join(columns[0]) + "\n")),
            "a note's GUID is not 20 hex digits")
    _expect(set(map(len, columns[1])) <= {16} and bool(_HASHES.fullmatch("\n".join(columns[1]) + "\n")),
            "a note's content hash is not 16 hex digits")
    lists = [*columns[3], *columns[7]]
    _expect(_only(lists, list), "a note's fact ids or fields are not a list")
    _expect(_only(flat(columns[3]), str), "a note's fact ids are not texts")
    _expect(min(map(len, columns[7])) >= 1, "a note's fields do not name their field names")
    indexes = [*columns[4], *columns[5], *columns[6], *flat(columns[7]), *columns[8]]
    _expect(_only(indexes, int) and (not indexes or 0 <= min(indexes) and max(indexes) < len(strings)),
            "a note refers to a text the manifest does not have")
    names = list(map(itemgetter(0), columns[7]))
    counts = {index: len(_split(strings[index])) + 1 for index in set(names)}  # names, then each value
    _expect(list(map(len, columns[7])) == list(map(counts.__getitem__, names)),
            "a note's field values do not match its field names")
    _expect(_only(columns[9], int) and set(columns[9]) <= {0, 1}, "a note's retired flag is not 0 or 1")
    return columns


def _note_types(data) -> dict:
    _expect(isinstance(data, dict), "'note_types' is not a mapping")
    for name, names in data.items():
        ok = (isinstance(names, dict) and set(names) <= {"fields", "cards", "cloze"}
              and all(isinstance(names.get(k, []), list) and all(isinstance(x, str) for x in names.get(k, []))
                      for k in ("fields", "cards"))
              and isinstance(names.get("cloze", False), bool))
        _expect(ok, f"note type '{str(name)[:40]}' does not list its field and card names")
    return dict(data)


_V1_KEYS = {"guid": str, "question_id": str, "fact_ids": list, "note_type": str, "topic": str,
            "deck": str, "fields": dict, "tags": list, "retired": bool, "hash": str}


def _notes_v1(data) -> tuple[list[NoteContent], dict[str, str]]:
    """Notes of a format-1 manifest (studykit 0.1): one full object per GUID."""
    _expect(isinstance(data, dict), "'notes' is not a mapping")
    notes, hashes = [], {}
    for guid, raw in data.items():
        ok = (isinstance(raw, dict) and all(type(raw.get(k)) is t for k, t in _V1_KEYS.items())
              and raw["guid"] == guid and bool(_GUID.match(guid)) and bool(_HASH.match(raw["hash"]))
              and all(isinstance(x, str) for x in raw["fact_ids"] + raw["tags"])
              and all(isinstance(k, str) and isinstance(v, str) for k, v in raw["fields"].items()))
        _expect(ok, f"note '{str(guid)[:40]}' is not in the manifest's shape")
        notes.append(NoteContent(**{key: raw[key] for key in NoteContent.__dataclass_fields__}))
        hashes[guid] = raw["hash"]
    return notes, hashes


# --- comparing ----------------------------------------------------------------------

def frozen_problems(previous: Manifest | None, note_types: dict[str, NoteType]) -> list[Problem]:
    """A shipped note type whose field or card names changed would be copied by Anki."""
    if previous is None:
        return []
    problems = []
    for type_id, shipped in sorted(previous.note_types.items()):
        current = note_types.get(type_id)
        if current is None or frozen_names(current) == shipped:
            continue
        now = frozen_names(current)
        what = [key for key in ("fields", "cards", "cloze") if now[key] != shipped.get(key)]
        detail = "; ".join(f"{key} were {shipped.get(key)}, now {now[key]}" for key in what)
        problems.append(Problem(current.path, 1, 1, f"note type '{type_id}' was shipped to students with "
                                f"other {' and '.join(what)} ({detail}); Anki would make a copy of the note "
                                "type and stop updating existing notes. Put the names back (styling and "
                                "card HTML may change), or give the changed note type a new id and the templates "
                                "that use it new ids (their old cards then retire)"))
    return problems


@dataclass
class Impact:
    """How this build's notes differ from the previous build's (lists of notes)."""

    added: list[NoteContent] = field(default_factory=list)
    changed: list[NoteContent] = field(default_factory=list)
    unchanged: list[NoteContent] = field(default_factory=list)
    retired: list[NoteContent] = field(default_factory=list)
    still_retired: list[NoteContent] = field(default_factory=list)

    @property
    def gone(self) -> list[NoteContent]:
        """Previous notes with no question any more: newly and formerly retired."""
        return self.retired + self.still_retired


def compare(previous: Manifest | None, notes: list[NoteContent],
            hashes: dict[str, str] | None = None) -> Impact:
    """Classify ``notes`` against ``previous`` by GUID and content hash.

    ``hashes`` (guid -> content hash of ``notes``) saves hashing them twice.
    """
    impact = Impact()
    before = previous.hashes if previous else {}
    was_retired = previous.retired if previous else set()
    for note in notes:
        old = before.get(note.guid)
        if old is None:
            impact.added.append(note)
        elif note.guid in was_retired or old != (hashes[note.guid] if hashes else note.content_hash()):
            impact.changed.append(note)
        else:
            impact.unchanged.append(note)
    if previous:
        current = {note.guid for note in notes}
        for guid in previous.hashes:
            if guid not in current:
                (impact.still_retired if guid in was_retired else impact.retired).append(previous.note(guid))
    return impact


def next_timestamp(previous: Manifest | None, now: float) -> int:
    """The timestamp for a build that changed something: strictly newer than the last one."""
    if previous is None:
        return int(now)
    return max(int(now), previous.timestamp + 1)
