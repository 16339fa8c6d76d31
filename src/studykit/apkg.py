"""Stage 3 (Anki): rendered questions -> note contents -> a reproducible ``.apkg``.

Anki keeps a student's review history only while a note keeps its GUID, and it
updates a note only when the incoming modification time is strictly newer.
So GUIDs come from ``question.guid_key`` alone (never from the text), note
type and deck ids are derived from their names, and the package is written
with a caller-chosen timestamp into a zip with fixed metadata: the same
notes and the same timestamp give the same bytes.

Notes are first described as plain :class:`NoteContent` data, which the build
manifest stores, so a note whose fact was removed can be rebuilt (retired)
from the previous build alone.  genanki is imported only when writing.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import sqlite3
import tempfile
import warnings
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import InvalidContent, Problem
from .model import DeckRecipe, NoteType, Project

RETIRED_TAG = "retired"
RETIRED_STATUS = ("Retired: the fact behind this card was removed from the deck. "
                  "You can delete it: search tag:retired in the Browser.")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


# --- stable identifiers ---------------------------------------------------------

def stable_id(*parts: str) -> int:
    """An Anki id in 2^30..2^31 that depends only on ``parts`` (never random, never 1)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return 2**30 + int.from_bytes(digest[:8], "big") % 2**30


def note_type_id(note_type: NoteType) -> int:
    return stable_id("studykit-note-type", note_type.id)


def deck_id(recipe_id: str, topic: str | None = None) -> int:
    """The parent deck's id (no topic) or a topic subdeck's id."""
    return stable_id("studykit-deck", recipe_id, *([topic] if topic else []))


def note_guid(guid_key: str) -> str:
    """The note GUID: a hash of the question's guid_key, so text edits keep it."""
    return hashlib.sha256(guid_key.encode()).hexdigest()[:20]


def tag(text: str) -> str:
    """A tag Anki accepts: no whitespace."""
    return re.sub(r"\s+", "-", text.strip())


# --- note contents --------------------------------------------------------------

@dataclass
class NoteContent:
    """Everything one Anki note holds, as plain data (what the manifest stores)."""

    guid: str
    question_id: str
    fact_ids: list[str]
    note_type: str
    topic: str
    deck: str
    fields: dict[str, str]
    tags: list[str]
    retired: bool = False

    def content_hash(self) -> str:
        """Changes exactly when the student would see a different note."""
        data = {"note_type": self.note_type, "fields": self.fields, "tags": sorted(self.tags)}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "NoteContent":
        return cls(**{key: data[key] for key in cls.__dataclass_fields__})


def subdeck_names(project: Project, recipe: DeckRecipe) -> dict[str, str]:
    """Full deck name per topic: ``Recipe title::NN Topic title``.

    Anki studies subdecks in alphabetical order, so the names carry the
    recipe's topic position; ``recipe.subdecks`` overrides the titles.
    """
    titles = {}
    for source_id in recipe.sources:
        for topic in project.sources[source_id].topics:
            titles.setdefault(topic.id, topic.title)
    return {
        topic: f"{_deck_part(recipe.title)}::{n:02d} {_deck_part(recipe.subdecks.get(topic, titles.get(topic, topic)))}"
        for n, topic in enumerate(recipe.topics, start=1)
    }


def _deck_part(title: str) -> str:
    return " ".join(str(title).replace("::", ":").split())


def notes_for(project: Project, recipe: DeckRecipe, questions) -> list[NoteContent]:
    """One note per question meant for Anki, in study order."""
    decks = subdeck_names(project, recipe)
    notes = []
    for question in questions:
        if "anki" not in question.targets or not question.note_type:
            continue
        note_type = project.note_types[question.note_type]
        common = _common_fields(project, question)
        fields = {name: question.fields.get(name, common.get(name, "")) for name in note_type.fields}
        notes.append(NoteContent(
            guid=note_guid(question.guid_key), question_id=question.id,
            fact_ids=[f.id for f in question.facts], note_type=note_type.id, topic=question.topic,
            deck=decks[question.topic], fields=fields, tags=_tags(question),
        ))
    _refuse_duplicate_guids(recipe, notes)
    return notes


def _common_fields(project: Project, question) -> dict[str, str]:
    facts = question.facts
    sources = {f.source_id: project.sources[f.source_id] for f in facts}
    return {
        "Statement": "<br>".join(html.escape(f.statement) for f in facts),
        "Quote": "<br>".join(html.escape(" … ".join(f.quotes)) for f in facts),
        "Citation": "<br>".join(html.escape(s.short_citation) for s in sources.values()),
        "Context": "<br>".join(html.escape(f.context) for f in facts if f.context),
        "Status": "",
        "QuestionId": html.escape(question.id),
    }


def _tags(question) -> list[str]:
    found = {question.source_id, question.topic, question.template_id}
    for fact in question.facts:
        found.add(fact.kind)
        found.update(fact.tags)
    found.discard(RETIRED_TAG)
    return sorted(tag(t) for t in found if t.strip())


def _refuse_duplicate_guids(recipe: DeckRecipe, notes: list[NoteContent]) -> None:
    seen: dict[str, str] = {}
    problems = []
    for note in notes:
        if note.guid in seen:
            problems.append(Problem(recipe.path, 1, 1, f"deck '{recipe.id}': questions "
                                    f"'{seen[note.guid]}' and '{note.question_id}' would be the same "
                                    "Anki note; give one of the facts or templates another id"))
        seen[note.guid] = note.question_id
    if problems:
        raise InvalidContent(problems)


def retire(note: NoteContent) -> NoteContent:
    """The note as students should now see it: tagged and visibly marked retired."""
    fields = dict(note.fields)
    if "Status" in fields:
        fields["Status"] = html.escape(RETIRED_STATUS)
    tags = sorted(set(note.tags) | {RETIRED_TAG})
    return NoteContent(note.guid, note.question_id, list(note.fact_ids), note.note_type,
                       note.topic, note.deck, fields, tags, retired=True)


# --- writing the package ------------------------------------------------------------

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
    import genanki

    models = _models(project, notes)
    decks = {recipe.title: genanki.Deck(deck_id(recipe.id), _deck_part(recipe.title),
                                        description=_description(project, recipe))}
    for position, note in enumerate(notes):
        deck = decks.get(note.deck)
        if deck is None:
            deck = decks[note.deck] = genanki.Deck(deck_id(recipe.id, note.topic), note.deck)
        model = models[note.note_type]
        values = [note.fields.get(f["name"], "") for f in model.fields]
        deck.add_note(genanki.Note(model=model, fields=values, tags=list(note.tags),
                                   guid=note.guid, due=position))
    _refuse_id_clashes(recipe, decks.values())
    return _zip_package(genanki.Package(list(decks.values())), timestamp)


def _models(project: Project, notes: list[NoteContent]) -> dict:
    import genanki

    models = {}
    for type_id in sorted({n.note_type for n in notes}):
        nt = project.note_types[type_id]
        models[type_id] = genanki.Model(
            note_type_id(nt), nt.name, fields=[{"name": name} for name in nt.fields],
            templates=[{"name": c["name"], "qfmt": c["front"], "afmt": c["back"]} for c in nt.cards],
            css=nt.css, model_type=genanki.Model.CLOZE if nt.cloze else genanki.Model.FRONT_BACK,
            sort_field_index=0,
        )
    return models


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


def _zip_package(package, timestamp: int) -> Package:
    """Write the collection with our own temp file (removed) into a reproducible zip."""
    import itertools

    with tempfile.TemporaryDirectory(prefix="studykit-apkg-") as tmp:
        db_path = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db_path)
        try:
            with warnings.catch_warnings():
                # Fields are escaped HTML by construction; genanki's tag heuristic is noise here.
                warnings.filterwarnings("ignore", message="Field contained the following invalid HTML")
                package.write_to_db(conn.cursor(), timestamp, itertools.count(timestamp * 1000))
            conn.commit()
            notes, = conn.execute("SELECT count(*) FROM notes").fetchone()
            cards, = conn.execute("SELECT count(*) FROM cards").fetchone()
        finally:
            conn.close()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in sorted({"collection.anki2": db_path.read_bytes(), "media": b"{}"}.items()):
                info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
    return Package(buffer.getvalue(), notes, cards)
