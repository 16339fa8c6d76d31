"""The build manifest: what the previous build shipped, so the next one can compare.

``dist/<deck-id>.manifest.json`` records, per note GUID, the note's full
content and a content hash, the package timestamp and sha256, and the note
types' frozen field and card names.  From it a build tells what it adds,
changes, keeps and retires, keeps retired notes in the package, chooses a
timestamp (reused when nothing changed, strictly newer otherwise) and refuses
a renamed field of a shipped note type.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .apkg import NoteContent
from .errors import InvalidContent, Problem, display_path
from .model import NoteType

FORMAT = 1


@dataclass
class Manifest:
    deck_id: str
    timestamp: int
    sha256: str
    notes: list[NoteContent]
    note_types: dict[str, dict] = field(default_factory=dict)

    def by_guid(self) -> dict[str, NoteContent]:
        return {note.guid: note for note in self.notes}

    def to_json(self) -> str:
        """Deterministic text: the same build gives the same manifest bytes."""
        data = {
            "format": FORMAT,
            "deck": self.deck_id,
            "timestamp": self.timestamp,
            "package_sha256": self.sha256,
            "note_types": self.note_types,
            "notes": {
                note.guid: {**note.as_dict(), "hash": note.content_hash()} for note in self.notes
            },
        }
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def manifest_path(out: Path, deck_id: str) -> Path:
    return Path(out) / f"{deck_id}.manifest.json"


def frozen_names(note_type: NoteType) -> dict:
    """What may never change once students have the note type."""
    return {"fields": list(note_type.fields), "cards": [c["name"] for c in note_type.cards],
            "cloze": bool(note_type.cloze)}


def read_manifest(path: Path) -> Manifest | None:
    """The previous build's manifest, None if there is none; a damaged one is a Problem."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown manifest format {data.get('format')!r}")
        return Manifest(
            deck_id=str(data["deck"]), timestamp=int(data["timestamp"]), sha256=str(data["package_sha256"]),
            notes=[NoteContent.from_dict(note) for note in data["notes"].values()],
            note_types=dict(data.get("note_types", {})),
        )
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as err:
        shown = display_path(path)
        raise InvalidContent([Problem(shown, 1, 1, f"the previous build's manifest cannot be read "
                                      f"({type(err).__name__}: {err}); restore it from your backup, or "
                                      "delete it to start afresh (the next build then counts every note "
                                      "as added and cannot mark removed facts retired)")]) from None


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
                                "card HTML may change), or give the changed note type a new id"))
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


def compare(previous: Manifest | None, notes: list[NoteContent]) -> Impact:
    """Classify ``notes`` against ``previous`` by GUID and content hash."""
    impact = Impact()
    before = previous.by_guid() if previous else {}
    for note in notes:
        old = before.get(note.guid)
        if old is None:
            impact.added.append(note)
        elif old.retired or old.content_hash() != note.content_hash():
            impact.changed.append(note)
        else:
            impact.unchanged.append(note)
    current = {note.guid for note in notes}
    for old in previous.notes if previous else ():
        if old.guid not in current:
            (impact.still_retired if old.retired else impact.retired).append(old)
    return impact


def next_timestamp(previous: Manifest | None, now: float) -> int:
    """The timestamp for a build that changed something: strictly newer than the last one."""
    if previous is None:
        return int(now)
    return max(int(now), previous.timestamp + 1)
