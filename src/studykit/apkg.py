"""Stage 3 (Anki): rendered questions -> note contents -> a reproducible ``.apkg``.

Anki keeps a student's review history only while a note keeps its GUID, and it
updates a note only when the incoming modification time is strictly newer.
So GUIDs come from ``question.guid_key`` alone (never from the text), note
type and deck ids are derived from their names, and the package is written
with a caller-chosen timestamp into a zip with fixed metadata: the same
notes and the same timestamp give the same bytes.

Notes are first described as plain :class:`NoteContent` data, which the build
manifest stores, so a note whose fact was removed can be rebuilt (retired)
from the previous build alone.  :mod:`studykit.apkgfile` writes them into the
package (``studykit check`` makes the notes too, to find problems, and never
writes one).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from . import regexcache
from .errors import InvalidContent, Problem
from .model import DeckRecipe, NoteType, Project

RETIRED_TAG = "retired"
RETIRED_STATUS = ("Retired: this question is no longer in the deck (its fact was removed, or the question is no longer asked). "
                  "You can delete it: search tag:retired in the Browser (AnkiDroid: Card browser).")
CONTEXT_LABEL = "Context (not from {document}):"
TYPED_FIELD = "Typed"  # what a type_answer note type compares the student's typing with
_HASH_JSON = json.JSONEncoder(sort_keys=True)  # = json.dumps(..., sort_keys=True), built once


def _hash_encoder():
    """``_HASH_JSON.encode`` of a dict as one call of the C encoder, made once: ``encode`` makes a new
    C encoder for every note (a quarter of the hashing of a 10,000-fact deck).  The same text:
    the same separators, key order and escaping; no circular check (a note's data has no cycles)."""
    make = json.encoder.c_make_encoder
    if make is None:  # no C accelerator: the encoder's own way
        return _HASH_JSON.encode
    encode = make(None, _HASH_JSON.default, json.encoder.encode_basestring_ascii, None,
                  _HASH_JSON.key_separator, _HASH_JSON.item_separator, True, False, True)
    return lambda data: "".join(encode(data, 0))


_HASH_TEXT = _hash_encoder()


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


_SPACES = regexcache.compile(r"\s+")
# A text that html.escape and editor_html give back as it is: none of '&<>"' nor a quote, no-break
# space or line break (ids, mostly).
_AS_STORED = regexcache.compile("[^&<>\"'\u00a0\t\n\r]*")


@lru_cache(maxsize=4096)
def tag(text: str) -> str:
    """A tag Anki accepts: no whitespace.  (Cached: a deck has few tags, each on many notes.)"""
    return _SPACES.sub("-", text.strip())


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
        return hashlib.sha256(_HASH_TEXT(data).encode()).hexdigest()[:16]

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
        topic: f"{deck_part(recipe.title)}::{n:02d} {deck_part(recipe.subdecks.get(topic, titles.get(topic, topic)))}"
        for n, topic in enumerate(recipe.topics, start=1)
    }


def deck_part(title: str) -> str:
    """A title as one part of an Anki deck name: "::" would start a subdeck, spaces run together."""
    return " ".join(str(title).replace("::", ":").split())


def notes_for(project: Project, recipe: DeckRecipe, questions) -> list[NoteContent]:
    """One note per question meant for Anki, in study order."""
    decks = subdeck_names(project, recipe)
    notes, problems = [], []
    shown: dict = {}  # what every note of a fact or source shows alike, made once (see _note_fields)
    tags: dict = {}  # see _tags
    kinds: dict = {}  # (template id, note type id) -> see _note_kind
    for question in questions:
        if "anki" not in question.targets or not question.note_type:
            continue
        kind = kinds.get((question.template_id, question.note_type))
        if kind is None:
            kind = kinds[question.template_id, question.note_type] = _note_kind(project, question)
        note_type, typed = kind
        fields = _note_fields(project, question, note_type, shown)
        if isinstance(typed, Problem):
            problems.append(typed)
        elif typed:
            answer = _typed_answer(project, question, problems)
            if TYPED_FIELD not in question.fields:
                fields[TYPED_FIELD] = editor_html(answer)
        facts = question.facts
        notes.append(NoteContent(  # (by position: guid, question id, fact ids, note type, topic, deck, fields, tags)
            note_guid(question.guid_key), question.id, [facts[0].id] if len(facts) == 1 else [f.id for f in facts],
            note_type.id, question.topic, decks[question.topic], fields, _tags(question, tags),
        ))
    if problems:
        raise InvalidContent(list(dict.fromkeys(problems)))
    _refuse_duplicate_guids(recipe, notes)
    return notes


def _note_kind(project: Project, question) -> tuple[NoteType, Problem | bool]:
    """What the notes of one template and note type share: the note type, and whether their Typed
    field is filled (or the problem of a template and a note type that disagree about it)."""
    note_type = project.note_types[question.note_type]
    template = project.templates[question.template_id]
    typed = bool(template.spec.get("type_answer"))
    if typed != (TYPED_FIELD in note_type.fields):
        return note_type, _typed_mismatch(template, note_type)
    return note_type, typed


def _note_fields(project: Project, question, note_type: NoteType, shown: dict) -> dict[str, str]:
    """The note's fields in its note type's order, as stored (:func:`editor_html`): the question's
    own, else what its facts show (:func:`_common_fields`), else empty.

    A question about one fact takes what every note of that fact shows alike from ``shown``,
    stored once: a fact makes several notes, and most of a note's fields are its fact's.
    """
    own = question.fields
    facts = question.facts
    if len(facts) != 1:
        common = _common_fields(project, question, shown)
        return {name: editor_html(own.get(name, common.get(name, ""))) for name in note_type.fields}
    fact = facts[0]
    key = ("alike", id(fact))
    found = shown.get(key)
    if found is None:
        source = project.sources[fact.source_id]
        quote, context = _fact_html(fact, source, shown)
        statement = "" if fact.kind == "list" else _statement_html(fact, shown)  # (see _shows_statement)
        alike = {"Statement": statement, "Quote": quote, "Citation": _citation_html(source, shown),
                 "Context": context}
        found = shown[key] = ({name: editor_html(value) for name, value in alike.items()},
                              fact)  # fact: keeps id() unique
    alike = found[0]
    fields = {name: editor_html(own[name]) if name in own else alike.get(name, "") for name in note_type.fields}
    if "QuestionId" in fields and "QuestionId" not in own:
        shown_id = question.id  # an id of ids and '/': stored as it is (one search says so)
        fields["QuestionId"] = shown_id if _AS_STORED.fullmatch(shown_id) else editor_html(html.escape(shown_id))
    if fields.get("Statement") and "Statement" not in own and not _shows_statement(question, fact, shown):
        fields["Statement"] = ""
    return fields


def note_problems(project: Project, recipe: DeckRecipe, questions) -> list[Problem]:
    """What :func:`notes_for` refuses, found without making the notes (``studykit check`` shows no
    notes, and making their fields was a tenth of it): the same problems, or none."""
    problems: list[Problem] = []
    guids = []
    for question in questions:
        if "anki" not in question.targets or not question.note_type:
            continue
        note_type = project.note_types[question.note_type]
        template = project.templates[question.template_id]
        if bool(template.spec.get("type_answer")) != (TYPED_FIELD in note_type.fields):
            problems.append(_typed_mismatch(template, note_type))
        elif template.spec.get("type_answer"):
            _typed_answer(project, question, problems)
        guids.append((note_guid(question.guid_key), question.id))
    if problems:
        return list(dict.fromkeys(problems))
    return _guid_clashes(recipe, guids)


def _typed_mismatch(template, note_type: NoteType) -> Problem:
    if template.spec.get("type_answer"):
        return Problem(template.path, *template.spec.loc("type_answer"),
                       f"template '{template.id}': type_answer needs a note type with a "
                       f"'{TYPED_FIELD}' field and a {{{{type:{TYPED_FIELD}}}}} card, such as "
                       f"studykit-typed; note type '{note_type.id}' has none")
    return Problem(template.path, *template.spec.loc("note_type"),
                   f"template '{template.id}': note type '{note_type.id}' is a type-the-answer card; "
                   "add 'type_answer: true' (studykit then fills its Typed field) or choose another note type")


_NUMBER = regexcache.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def _without_numbered_units(answer: str, fact) -> str:
    """``answer`` without a unit of the fact's that has a number of its own ('315 deaths per
    10,000 houses' -> '315'): the figure is the number to type, the unit's number is no figure."""
    data = fact.data if fact is not None and isinstance(fact.data, dict) else {}
    for key in ("unit", "requested_unit", "promised_unit"):
        unit = data.get(key)
        if isinstance(unit, str) and any(c.isdigit() for c in unit):
            answer = answer.replace(unit, "")
    return answer


def typed_answer(answer: str) -> str | None:
    """The one number in ``answer`` without thousands separators ('75,000 tons' -> '75000')."""
    numbers = _NUMBER.findall(answer)
    return numbers[0].replace(",", "") if len(numbers) == 1 else None


def _typed_answer(project: Project, question, problems: list[Problem]) -> str:
    """The Typed field of a type_answer template's note (what Anki compares the typing with)."""
    typed = typed_answer(_without_numbered_units(question.answer, question.fact))
    if typed is None:
        template = project.templates[question.template_id]
        problems.append(Problem(template.path, *template.spec.loc("type_answer"),
                                f"template '{template.id}': type_answer needs an answer with exactly "
                                f"one number, but question '{question.id}' has '{question.answer}'; "
                                "remove type_answer or make the answer a single figure"))
        return ""
    return typed


def _common_fields(project: Project, question, shown: dict | None = None) -> dict[str, str]:
    """The fields every note type may show, from the question's facts and their sources (joined,
    for a question about several facts; one fact's are :func:`_note_fields`'s).

    ``shown`` keeps each fact's quote and background and each source's citation
    as HTML across the questions of one deck: a fact makes several notes.
    """
    shown = {} if shown is None else shown
    facts = question.facts
    sources = {f.source_id: project.sources[f.source_id] for f in facts}
    parts = [_fact_html(fact, sources[fact.source_id], shown) for fact in facts]
    return {
        "Statement": "<br>".join(_statement_html(f, shown) for f in facts if _shows_statement(question, f, shown)),
        "Quote": "<br>".join(quote for quote, _ in parts),
        "Citation": "<br>".join(_citation_html(source, shown) for source in sources.values()),
        "Context": "<br>".join(context for _, context in parts if context),
        "Status": "",
        "QuestionId": html.escape(question.id),
    }


def _fact_html(fact, source, shown: dict) -> tuple[str, str]:
    """A fact's quote and background (empty without one) as field HTML."""
    key = ("fact", id(fact))
    found = shown.get(key)
    if found is None:
        context = context_html(fact.context, source.called) if fact.context else ""
        found = shown[key] = (html.escape(quote_text(fact.quotes)), context, fact)  # fact: keeps id() unique
    return found[0], found[1]


def _citation_html(source, shown: dict) -> str:
    key = ("source", id(source))
    found = shown.get(key)
    if found is None:
        found = shown[key] = (html.escape(source.citation), source)
    return found[0]


def _statement_html(fact, shown: dict) -> str:
    """The fact's statement as field HTML (kept in ``shown``, see _folded_statement)."""
    return _folded_statement(fact, shown)[1]


def _shows_statement(question, fact, shown: dict | None = None) -> bool:
    """Say each thing once: no statement that repeats the cloze sentence, the list answer or the
    front (a true true-or-false question shows the statement itself).

    ``shown`` keeps each fact's statement, spaces folded, and its HTML across a deck's notes.
    """
    if fact.kind == "list":
        return False
    found = shown.get(("statement", id(fact))) if shown is not None else None
    statement = (found or _folded_statement(fact, shown))[0]
    for text in (question.cloze_sentence, question.prompt):
        # Folding spaces never lengthens a text: a shorter one cannot fold to the statement.
        if len(text) >= len(statement) and " ".join(text.split()) == statement:
            return False
    return True


def _folded_statement(fact, shown: dict | None) -> tuple:
    """(the fact's statement with its spaces folded, its HTML, the fact), kept in ``shown``."""
    key = ("statement", id(fact))
    found = shown.get(key) if shown is not None else None
    if found is None:
        found = (" ".join(fact.statement.split()), html.escape(fact.statement), fact)  # fact: keeps id() unique
        if shown is not None:
            shown[key] = found
    return found


def context_html(text: str, document: str) -> str:
    """Background, labelled as not coming from the document (named as source.yaml calls it)."""
    label = html.escape(CONTEXT_LABEL.format(document=document))
    return f'<span class="context-label">{label}</span> {html.escape(text)}'


_SENTENCE_END = regexcache.compile(r"[.!?…][\"'”’)\]]*$")


def quote_text(quotes: list[str]) -> str:
    """The quote fragments joined by '…', with '…' where a quote starts or ends mid-sentence."""
    text = " … ".join(q.strip() for q in quotes)
    first = next((c for c in text if c.isalnum()), "")
    if first.islower():
        text = "…" + text
    if not _SENTENCE_END.search(text):
        text += "…"
    return text


_TAG = regexcache.compile(r"(<[^>]*>)")
_TEXT_AS_EDITOR = {"&#39;": "'", "&#x27;": "'", "&#34;": '"', "&quot;": '"', "\u00a0": "&nbsp;"}
_TEXT_CHANGE = regexcache.compile("|".join(map(re.escape, _TEXT_AS_EDITOR)))
_LINE_BREAK = regexcache.compile(r"\r\n|[\t\n\r]")
_EDITOR_CHANGES = regexcache.compile("|".join(map(re.escape, [*_TEXT_AS_EDITOR, "\t", "\n", "\r"])))


def _may_change(text: str) -> bool:
    """Whether ``_EDITOR_CHANGES`` may match: a few substring searches (C speed) instead of the
    alternation tried at every character (every field of every note asks).  '&#' stands for the
    three numeric references; a text it lets through unchanged is given back unchanged."""
    return ("&#" in text or "&quot;" in text or "\u00a0" in text or "\n" in text or "\t" in text
            or "\r" in text)


def editor_html(text: str) -> str:
    """Field HTML as Anki's own editor stores it, so Anki's search finds what students type.

    The editor saves the browser's serialisation: apostrophes and quotes stay
    plain characters in text, only ``& < >`` and the no-break space are
    escaped.  Tabs and line breaks, mere spaces in HTML, become spaces so the
    TSV export carries exactly the same text.
    """
    if not _may_change(text):
        return text  # most fields: nothing the editor would store differently
    parts = _TAG.split(_LINE_BREAK.sub(" ", text))
    for i in range(0, len(parts), 2):  # even positions are text between tags
        parts[i] = _TEXT_CHANGE.sub(lambda m: _TEXT_AS_EDITOR[m.group()], parts[i])
    return "".join(parts)


def _tags(question, known: dict | None = None) -> list[str]:
    """The note's tags: its source, topic, template, facts' kinds and tags (sorted, no spaces).

    ``known`` keeps them per combination for one deck: most facts of a topic share their kind
    and tags, so the notes of one template ask the same again (each note gets its own list)."""
    if known is None or len(question.facts) != 1:
        return _tags_of(question)
    fact = question.facts[0]
    key = (question.source_id, question.topic, question.template_id, fact.kind, *fact.tags)
    found = known.get(key)
    if found is None:
        found = known[key] = _tags_of(question)
    return list(found)


def _tags_of(question) -> list[str]:
    found = {question.source_id, question.topic, question.template_id}
    for fact in question.facts:
        found.add(fact.kind)
        found.update(fact.tags)
    found.discard(RETIRED_TAG)
    return sorted(map(tag, filter(str.strip, found)))  # (each tag that is not blank, without spaces)


def _refuse_duplicate_guids(recipe: DeckRecipe, notes: list[NoteContent]) -> None:
    if len({note.guid for note in notes}) == len(notes):
        return  # (every GUID once: nothing to say, found without pairing each with its question)
    problems = _guid_clashes(recipe, [(note.guid, note.question_id) for note in notes])
    if problems:
        raise InvalidContent(problems)


def _guid_clashes(recipe: DeckRecipe, guids: list[tuple[str, str]]) -> list[Problem]:
    """A problem for each (GUID, question id) whose GUID an earlier question's note has."""
    seen: dict[str, str] = {}
    problems = []
    for guid, question_id in guids:
        if guid in seen:
            problems.append(Problem(recipe.path, 1, 1, f"deck '{recipe.id}': questions "
                                    f"'{seen[guid]}' and '{question_id}' would be the same "
                                    "Anki note; give one of the facts or templates another id"))
        seen[guid] = question_id
    return problems


def retire(note: NoteContent) -> NoteContent:
    """The note as students should now see it: tagged and visibly marked retired.

    Its fields come from an older build, so they are brought to today's form:
    stored as Anki's editor would, and any background labelled as not from
    the source.
    """
    fields = {name: editor_html(value) for name, value in note.fields.items()}
    if "Status" in fields:
        fields["Status"] = html.escape(RETIRED_STATUS)
    if fields.get("Context") and 'class="context-label"' not in fields["Context"]:
        label = html.escape(CONTEXT_LABEL.format(document="the source"))
        fields["Context"] = f'<span class="context-label">{label}</span> {fields["Context"]}'
    tags = sorted(set(note.tags) | {RETIRED_TAG})
    return NoteContent(note.guid, note.question_id, list(note.fact_ids), note.note_type,
                       note.topic, note.deck, fields, tags, retired=True)
