"""The project's structure once loaded: sources, facts, templates, deck recipes.

Plain dataclasses with no I/O, so every later stage (questions, Anki,
worksheets, exports) works on the same validated objects.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from . import regexcache

FACT_KINDS = ("event", "claim", "figure", "list", "person", "term")


@dataclass(frozen=True)
class Topic:
    """One topic of a source: its id (what facts and recipes name) and its title."""

    id: str
    title: str
    titled: bool = True  # False: its title was refused (reported there), so the id stands in


_YEAR = regexcache.compile(r"(?<!\d)\d{3,4}(?!\d)")


@dataclass
class Source:
    """One primary-source document: its metadata and full text."""

    id: str
    title: str
    date: str
    author: str
    citation: str
    text: str
    path: Path
    topics: list[Topic]
    archive: str = ""
    translator: str = ""
    url: str = ""
    called: str = "the source"

    def topic(self, topic_id: str) -> Topic | None:
        index = self.__dict__.get("_topic_index")
        if index is None or len(index) != len(self.topics):  # built once; topics are set at load
            index = self.__dict__["_topic_index"] = {t.id: t for t in reversed(self.topics)}
        return index.get(topic_id)

    @property
    def year(self) -> int | None:
        """The year the document is dated (1967 of "1967-06-02", "2 June 1967" or "c. 1967"), if any."""
        match = _YEAR.search(self.date)
        return int(match.group()) if match else None

    @property
    def short_citation(self) -> str:
        """'"Title", 2 June 1967': the document and its date, as printed on every card."""
        try:
            day = _dt.date.fromisoformat(self.date)
            date = f"{day.day} {day.strftime('%B')} {day.year}"
        except ValueError:
            date = self.date
        return f'"{self.title}", {date}'


@dataclass
class Fact:
    """One learnable statement drawn from a source, with its verbatim quote(s)."""

    id: str
    kind: str
    topic: str
    statement: str
    question: str
    answer: str
    quotes: list[str]
    source_id: str
    path: str
    line: int
    col: int
    key_terms: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    context: str = ""
    was: list[str] = field(default_factory=list)
    document: str = "the source"
    author: str = ""  # the source's author, as the sheet's header prints it (whose-view: is the holder the writer?)
    category: str | None = None  # what the fact is comparable with (options come only from these)
    distractors: list[str] = field(default_factory=list)  # hand-written wrong options
    false_statements: list[str] = field(default_factory=list)  # hand-written false versions
    accept: list[str] = field(default_factory=list)  # other answers a marker accepts
    analysis: dict[str, Any] | None = None  # {question, marking_points, points, answer}
    skip: list[str] = field(default_factory=list)  # templates that must not ask about this fact
    # a figure's sides the document also gives outside the fact's quotes ('value' -> the words
    # around each such place): its reverse card would have two right answers (figure_places)
    figure_elsewhere: dict[str, list[str]] = field(default_factory=dict, compare=False)
    # where the document gives a person's indefinite role ('a gunner') to someone else: who-is
    # would have two right answers (role_places)
    role_elsewhere: list[str] = field(default_factory=list, compare=False)
    positions: dict[str, tuple[int, int]] | None = field(default=None, repr=False, compare=False)
    # line and column of each field in its file ('statement', 'key_terms.0', 'data.approximate'), for warnings;
    # None until a warning first asks: then ``locate`` reads them from the file (see load.facts._FilePositions)
    locate: Callable[[], dict[str, tuple[int, int]]] | None = field(default=None, repr=False, compare=False)

    @property
    def identity(self) -> str:
        """The id that note GUIDs follow: the oldest former id, else the id."""
        return self.was[0] if self.was else self.id

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"

    def position(self, key: str) -> tuple[int, int]:
        """Where a field of this fact is written (falls back to the fact's own position)."""
        if self.positions is None:
            self.positions = self.locate() if self.locate is not None else {}
        return self.positions.get(key) or self.positions.get(key.split(".", 1)[0]) or (self.line, self.col)

    def as_template_data(self) -> dict[str, Any]:
        """The fact as plain data for Jinja templates, sharing the fact's own lists and data (already
        plain: the loader strips position tracking): nothing alters a view (the sandbox is immutable;
        no Python step writes to one: tests/test_views_shared.py), and copying them cost ~40 ms of
        a 10,000-fact course's render."""
        return {
            "id": self.id,
            "kind": self.kind,
            "topic": self.topic,
            "statement": self.statement,
            "question": self.question,
            "answer": self.answer,
            "quote": " … ".join(self.quotes),
            "quotes": self.quotes,
            "key_terms": self.key_terms,
            "data": self.data,
            "tags": self.tags,
            "context": self.context,
            "source": self.source_id,
            "document": self.document,
            "author": self.author,
            "category": self.category,
            "distractors": self.distractors,
            "false_statements": self.false_statements,
            "accept": self.accept,
            "analysis": self.analysis,
            "figure_elsewhere": self.figure_elsewhere,
            "role_elsewhere": self.role_elsewhere,
        }


def plain_data(value: Any) -> Any:
    """Strip position-tracking subclasses so templates see ordinary data (and a fact keeps no
    loaded file alive: see yamlio's fast load)."""
    if isinstance(value, dict):
        return {k: plain_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_data(v) for v in value]
    return value


@dataclass
class QuestionTemplate:
    """A YAML question template: which facts it applies to and how it asks."""

    id: str
    path: str
    spec: dict[str, Any]
    broken: bool = False  # invalid: reported by check, never rendered


    @property
    def style(self) -> str:
        return self.spec.get("style", "short_answer")

    @property
    def note_type(self) -> str | None:
        return self.spec.get("note_type")

    @property
    def scope(self) -> str:
        return self.spec.get("scope", "each")


# Note fields the Anki writer fills itself from the fact and its source (when a
# note type has them); question templates fill the other fields.
COMMON_NOTE_FIELDS = ("Statement", "Quote", "Citation", "Context", "Status", "QuestionId")


@dataclass
class NoteType:
    """An Anki note type defined in YAML; its field and card names are frozen once shipped."""

    id: str
    name: str
    fields: list[str]
    cards: list[dict[str, str]]
    css: str
    cloze: bool
    path: str


@dataclass
class DeckRecipe:
    """A deck recipe from decks/*.yaml."""

    id: str
    title: str
    path: str
    sources: list[str]
    topics: list[str]
    templates: list[str]
    subdecks: dict[str, str]
    worksheet: dict[str, Any] | None
    spec: dict[str, Any]


@dataclass
class Project:
    """Everything loaded from one project folder."""

    root: Path
    sources: dict[str, Source] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    templates: dict[str, QuestionTemplate] = field(default_factory=dict)
    note_types: dict[str, NoteType] = field(default_factory=dict)
    decks: dict[str, DeckRecipe] = field(default_factory=dict)

    def facts_of_kind(self, kind: str) -> list[Fact]:
        return [f for f in self.facts.values() if f.kind == kind]

    def facts_in_topic(self, topic: str) -> list[Fact]:
        return [f for f in self.facts.values() if f.topic == topic]

    def siblings(self, fact: Fact) -> list[Fact]:
        """Other facts of the same kind and source: candidates for distractors."""
        return [
            f for f in self.facts.values()
            if f.kind == fact.kind and f.source_id == fact.source_id and f.id != fact.id
        ]
