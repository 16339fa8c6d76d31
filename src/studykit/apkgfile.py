"""Stage 3 (Anki), its last step: note contents -> the ``.apkg`` file, the same bytes every time.

Every mod time is the caller's timestamp and the zip's metadata is fixed, so the same notes give
the same package; the collection's rows come from :mod:`studykit.ankitables`.  sqlite3 and zipfile
are imported only here, when writing (``studykit check`` makes the notes but never writes them), and
genanki only when the user cache does not keep its answers yet (:mod:`studykit.ankimodels`).
"""

from __future__ import annotations

import hashlib
import html
import os
from dataclasses import dataclass, field

from .apkg import NoteContent, deck_part, deck_id, note_type_id
from .errors import InvalidContent, Problem
from .model import DeckRecipe, Project

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass
class Package:
    """A written .apkg: its bytes and what is in it."""

    data: bytes
    notes: int
    cards: int
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        self.sha256 = hashlib.sha256(self.data).hexdigest()


def write_package(project: Project, recipe: DeckRecipe, notes: list[NoteContent],
                  timestamp: int) -> Package:
    """The .apkg for ``notes`` (already in study order) with every mod time = ``timestamp``."""
    from . import collector

    with collector.paused():  # 30,000 notes' rows, freed as a whole, no cycles
        return _write_package(project, recipe, notes, timestamp)


def _write_package(project: Project, recipe: DeckRecipe, notes: list[NoteContent], timestamp: int) -> Package:
    from . import ankimodels
    from .ankitables import BulkCollection, DeckNotes

    kept = ankimodels.kept(_model_specs(project, notes))  # (genanki's answers, imported only when not kept)
    models = kept.models
    decks = {recipe.title: DeckNotes(kept.deck(deck_id(recipe.id), deck_part(recipe.title),
                                               _description(project, recipe)), [])}
    names = {note_type: [f["name"] for f in model.fields] for note_type, model in models.items()}
    for position, note in enumerate(notes):
        deck = decks.get(note.deck)
        if deck is None:
            deck = decks[note.deck] = DeckNotes(kept.deck(deck_id(recipe.id, note.topic), note.deck), [])
        fields, wanted = note.fields, names[note.note_type]
        # A note of this build has the note type's fields in its order: its values are the row's.
        values = list(fields.values()) if len(fields) == len(wanted) and list(fields) == wanted \
            else [fields.get(name, "") for name in wanted]
        deck.notes.append((models[note.note_type], values, note.tags, note.guid, position))
    _refuse_id_clashes(recipe, [entry.deck for entry in decks.values()])
    retired = sorted(note.guid for note in notes if note.retired)
    return _zip_package(BulkCollection(list(decks.values()), (kept.schema, kept.col)), timestamp, retired)


def _model_specs(project: Project, notes: list[NoteContent]) -> dict[str, dict]:
    """The ``genanki.Model`` arguments of each note type the notes use (see :mod:`.ankimodels`)."""
    from .ankimodels import Model

    specs = {}
    for type_id in sorted({n.note_type for n in notes}):
        nt = project.note_types[type_id]
        specs[type_id] = {
            "model_id": note_type_id(nt), "name": nt.name, "fields": [{"name": name} for name in nt.fields],
            "templates": [{"name": c["name"], "qfmt": c["front"], "afmt": c["back"]} for c in nt.cards],
            "css": nt.css, "model_type": Model.CLOZE if nt.cloze else Model.FRONT_BACK, "sort_field_index": 0,
        }
    return specs


def _description(project: Project, recipe: DeckRecipe) -> str:
    parts = [html.escape(str(recipe.spec.get("description", "")).strip())]
    parts += [html.escape(project.sources[s].citation) for s in recipe.sources if s in project.sources]
    return "<br>".join(p for p in parts if p)


def _refuse_id_clashes(recipe: DeckRecipe, decks) -> None:
    ids: dict[int, str] = {}
    for deck in decks:
        if deck.deck_id in ids:
            raise InvalidContent([Problem(recipe.path, 1, 1, f"subdecks '{ids[deck.deck_id]}' and "
                                          f"'{deck.name}' get the same Anki deck id; rename a topic")])
        ids[deck.deck_id] = deck.name


def _zip_package(package, timestamp: int, cardless: list[str]) -> Package:
    """Write the collection (``package.write_to_db``, as genanki's Package has it) into a reproducible zip.

    Notes whose GUID is in ``cardless`` (retired notes) are shipped without
    cards: a first import then gives the student nothing to study from them
    (Anki's importer ignores suspension unless "import learning progress" is
    chosen), while an update over an existing collection still refreshes the
    note and keeps the student's own cards and their history.

    The database is a temporary file, as genanki's own writer makes it, but
    removed from its folder as soon as SQLite has opened it (without a journal
    SQLite keeps writing to it), so a killed build leaves nothing behind; it is
    read back in parts straight into the zip.  Held in memory instead, the
    database, SQLite's copy of it and that copy as bytes were the largest thing
    a whole course's build ever held.
    """
    import io
    import itertools
    import sqlite3
    import tempfile
    import zipfile

    handle, path = tempfile.mkstemp(prefix="studykit-", suffix=".anki2")
    try:
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA journal_mode=OFF")  # opens the file; no journal beside it
            conn.execute("PRAGMA synchronous=OFF")  # no fsync: the file is read back and dropped
        finally:
            os.unlink(path)
        try:
            package.write_to_db(conn.cursor(), timestamp, itertools.count(timestamp * 1000))
            conn.executemany("DELETE FROM cards WHERE nid IN (SELECT id FROM notes WHERE guid = ?)",
                             [(guid,) for guid in cardless])
            conn.commit()
            notes, = conn.execute("SELECT count(*) FROM notes").fetchone()
            cards, = conn.execute("SELECT count(*) FROM cards").fetchone()
        finally:
            conn.close()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            _zip_entry(archive, "collection.anki2", _database_parts(handle), os.fstat(handle).st_size)
            _zip_entry(archive, "media", [b"{}"], 2)
    finally:
        os.close(handle)
    return Package(buffer.getvalue(), notes, cards)


_PART = 1 << 20
# What a file database stamps in its header and a database made in memory leaves zero: the number
# of its transactions (bytes 24-27, 92-95) and the SQLite version that wrote it (96-99).
_STAMPS = ((24, 28), (92, 100))


def _database_parts(handle: int):
    """The database file's bytes in parts, its header stamps zeroed: the package does not depend
    on the SQLite version or on how many transactions made the database."""
    offset = 0
    while True:
        part = os.pread(handle, _PART, offset)
        if not part:
            return
        if offset == 0:
            part = bytearray(part)
            for start, end in _STAMPS:
                part[start:end] = bytes(end - start)
            part = bytes(part)
        yield part
        offset += len(part)


def _zip_entry(archive, name: str, parts, size: int) -> None:
    """One deflated entry with fixed metadata (what ``writestr`` writes, from parts)."""
    import zipfile

    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.file_size = size
    info._compresslevel = 1  # 3x faster than 6, ~10% bigger (writestr's compresslevel=1)
    with archive.open(info, "w") as entry:
        for part in parts:
            entry.write(part)
