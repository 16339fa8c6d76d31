"""Stage 1: read a project folder and validate everything in it.

Layout of a project::

    seeds/<source>/source.yaml      metadata and topics of one document
    seeds/<source>/<text file>      the document's full text
    seeds/<source>/facts/*.yaml     curated facts quoting that text
    question_templates/*.yaml       question templates (YAML + Jinja2)
    question_templates/note_types/*.yaml   Anki note types
    decks/*.yaml                    deck recipes

:func:`load_project` never raises for a user mistake: it returns the
problems it found, each with ``path:line:col``.
"""

from __future__ import annotations

import functools
from pathlib import Path

from . import collector, quotes
from .errors import Problem, UsageError, display_path, working_folder
from .model import (
    FACT_KINDS, DeckRecipe, Fact, NoteType, Project, QuestionTemplate, Source, Topic, plain_data,
)
from .schema import Field, check_mapping, describe, did_you_mean, is_id, line_problem, value_ok
from .yamlio import LocDict, LocList, load_yaml, read_text

MAX_SOURCE_TEXT_BYTES = 64 * 1024 * 1024  # far beyond any document; a runaway file is refused

SOURCE_FIELDS = {
    "id": Field("id", required=True),
    "title": Field("line", required=True),
    "date": Field("date", required=True, hint="written as the document gives it; it prints as written"),
    "author": Field("line", required=True),
    "citation": Field("text", required=True, hint="a short citation printed on every card"),
    "text": Field("text", required=True, hint="the file name of the full text, e.g. source.txt"),
    "topics": Field("list", required=True, hint="a list of {id, title} in teaching order"),
    "archive": Field("text"),
    "translator": Field("text"),
    "url": Field("url"),
    "called": Field("line", hint="how questions name the document, e.g. 'the report' or 'the letter'"),
}
TOPIC_FIELDS = {"id": Field("id", required=True), "title": Field("line", required=True)}

FACT_FILE_FIELDS = {
    "topic": Field("id", hint="the default topic of the facts in this file"),
    "facts": Field("list", required=True),
}
FACT_FIELDS = {
    "id": Field("id", required=True, hint="ids are stable names; never derive them from the text"),
    "kind": Field("text", required=True, choices=FACT_KINDS),
    "topic": Field("id"),
    "statement": Field("text", required=True),
    "question": Field("text", required=True),
    "answer": Field("text", required=True),
    "quote": Field("text_or_texts", required=True,
                   hint="copy the supporting words verbatim from the source text"),
    "key_terms": Field("texts", hint="words of the statement worth blanking in a cloze card"),
    "data": Field("mapping"),
    "tags": Field("ids", hint="tags are kebab-case, without spaces"),
    "context": Field("text", hint="background that is NOT from the source"),
    "was": Field("ids", hint="former ids of this fact, oldest first"),
    "category": Field("id", hint="what the fact is comparable with, e.g. town-official or place; "
                      "multiple-choice and true/false options come only from facts of the same category"),
    "distractors": Field("texts", hint="hand-written wrong options for multiple choice"),
    "false_statements": Field("texts", hint="hand-written false versions for true/false questions"),
    "accept": Field("texts", hint="other answers a marker must accept besides 'answer'"),
    "analysis": Field("mapping", hint="a teacher's analysis question: {question, marking_points, points}"),
    "skip": Field("ids", hint="ids of question templates that must not ask about this fact, "
                  "e.g. [whose-view] when the quoted passage mixes two views"),
}
ANALYSIS_FIELDS = {
    "question": Field("text", required=True, hint="e.g. Why did the writer ask for the loan?"),
    "marking_points": Field("texts", required=True, hint="what a full answer mentions, one point each"),
    "points": Field("integer", hint="the marks it is worth; what a full answer mentions goes under "
                    "'marking_points'"),
    "answer": Field("text", hint="a model answer; default: the marking points"),
    "lines": Field("integer", hint="writing lines on the worksheet"),
}
DATA_FIELDS = {
    "figure": {
        "item": Field("text", required=True), "unit": Field("text"),
        "value": Field("number"), "requested": Field("number"), "promised": Field("number"),
        "requested_unit": Field("text", nullable=True), "promised_unit": Field("text", nullable=True),
        "promised_as": Field("line", hint="the source's word for the second figure when it was not a "
                             "promise, as a past participle: recommended, granted, voted (default: promised)"),
        "requested_as": Field("line", hint="the source's word for the first figure when it was not a "
                              "request, as a past participle: planned, proposed (default: requested)"),
        "year": Field("date", hint="the year the figure is for, as the source dates it: 1967, or 433 BC"),
        "approximate": Field("hedge", hint="true when the source hedges the figure ('about 100'), or the "
                             "source's own words for a bound ('not more than'), printed before the number"),
        "requested_approximate": Field("hedge", hint="the requested side's own hedge when the source hedges "
                                       "only that side: true ('about'), or its words ('over')"),
        "promised_approximate": Field("hedge", hint="the promised side's own hedge when the source hedges "
                                      "only that side: true ('about'), or its words ('not more than')"),
    },
    "list": {"items": Field("texts", required=True), "ordered": Field("bool"), "label": Field("text")},
    "person": {"name": Field("text", required=True), "role": Field("text")},
    "term": {"term": Field("text", required=True), "meaning": Field("text", required=True)},
    "event": {"where": Field("text"), "who": Field("text_or_texts"), "when": Field("text")},
    "claim": {"holder": Field("text", required=True, hint="whose view it is, e.g. the town council")},
}
NOTE_TYPE_FIELDS = {
    "id": Field("id", required=True), "name": Field("text", required=True),
    "fields": Field("texts", required=True), "cards": Field("list", required=True),
    "css": Field("text"), "cloze": Field("bool"),
}
CARD_FIELDS = {"name": Field("text", required=True), "front": Field("text", required=True),
               "back": Field("text", required=True)}


class _Loader:
    """Collects problems while reading one project folder."""

    def __init__(self, root: Path):
        self.root = root
        self.project = Project(root=root)
        self.problems: list[Problem] = []
        # Sources whose source.yaml could not be used: recipes naming them or their
        # topics would only echo that first problem, so those checks are skipped.
        self.broken_sources = 0
        self.broken_note_types: set = set()  # ids (and file names) of note types that failed
        self.former_ids: dict[str, Fact] = {}  # was: id -> the fact claiming it (first claim)
        self._shown: dict[Path, str] = {}
        self._last_path: Path | None = None  # the path shown last, and how (hashing a Path is not free)
        self._last_shown = ""
        self._cwd: Path | None = None  # the working folder resolved, once per load

    def shown(self, path: Path) -> str:
        if path is self._last_path:  # asked several times for each fact of the file being read
            return self._last_shown
        found = self._shown.get(path)
        if found is None:
            if self._cwd is None:
                self._cwd = working_folder()
            found = self._shown[path] = display_path(path, None, self._cwd)
        self._last_path, self._last_shown = path, found
        return found

    def yaml(self, path: Path):
        data, problems = load_yaml(path, self.shown(path))
        self.problems.extend(problems)
        return data

    def check(self, data, fields, path: Path, what: str, where=(1, 1)) -> bool:
        found = check_mapping(data, fields, self.shown(path), what, where)
        self.problems.extend(found)
        return not found

    def add(self, path: Path, where: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.shown(path), where[0], where[1], message))


def load_project(root: Path) -> tuple[Project, list[Problem]]:
    """Read and validate the project in ``root``; return it with its problems."""
    root = Path(root)
    if not root.is_dir():
        raise UsageError(f"{root}: no such project folder; pass the folder that holds seeds/ and decks/")
    if not (root / "seeds").is_dir():
        raise UsageError(
            f"{root}: not a studykit project (no seeds/ folder); "
            "run it in a project folder or create one with 'studykit init DIR'"
        )
    loader = _Loader(root)
    with collector.paused():
        for source_dir in sorted(p for p in (root / "seeds").iterdir() if p.is_dir()):
            _load_source(loader, source_dir)
        _load_note_types(loader)
        _load_templates(loader)
        _check_skipped_templates(loader)
        _load_decks(loader)
    return loader.project, loader.problems


# --- sources -----------------------------------------------------------------

def _load_source(loader: _Loader, source_dir: Path) -> None:
    meta_path = source_dir / "source.yaml"
    if not meta_path.exists():
        loader.add(meta_path, (1, 1), "missing source.yaml: every folder in seeds/ describes one "
                   "document (id, title, date, author, citation, text, topics)")
        return
    meta = loader.yaml(meta_path)
    complete = meta is not None and loader.check(meta, SOURCE_FIELDS, meta_path, "source")
    if isinstance(meta, LocDict):
        _warn_cut_in_file(loader, meta_path, meta, "source", str(meta.get("id", source_dir.name)))
    if not isinstance(meta, dict) or not is_id(meta.get("id")) or not isinstance(meta.get("topics"), list):
        loader.broken_sources += 1
        return
    # Every field that is valid is used even when others are not, so that facts and
    # recipes are still checked and nothing echoes the first problem.
    good = {key: value for key, value in meta.items()
            if key in SOURCE_FIELDS and value_ok(value, SOURCE_FIELDS[key])}
    topics = _load_topics(loader, meta, meta_path)
    text = _source_text(loader, meta, source_dir, meta_path) if "text" in good else None
    if meta["id"] in loader.project.sources:
        loader.add(meta_path, meta.loc("id"), f"source id '{meta['id']}' is used by another source; "
                   "give each document its own id")
        return
    source = Source(
        id=meta["id"], title=good.get("title", meta["id"]).strip(), date=str(good.get("date", "")).strip(),
        author=good.get("author", "").strip(), citation=good.get("citation", ""), text=text or "",
        path=source_dir / str(good.get("text", "")), topics=topics, archive=good.get("archive", ""),
        translator=good.get("translator", ""), url=good.get("url", "").strip(),
        called=good.get("called", "the source").strip(),
    )
    loader.project.sources[source.id] = source
    if not complete:
        loader.broken_sources += 1
    if text is None:  # registered so recipes resolve, but its facts cannot be checked
        return
    index = quotes.QuoteIndex(text)
    topic_ids = {t.id for t in topics}
    for fact_path in sorted((source_dir / "facts").glob("**/*.yaml")):
        _load_fact_file(loader, fact_path, source, index, topic_ids)


def _source_text(loader: _Loader, meta: LocDict, source_dir: Path, meta_path: Path) -> str | None:
    """The document's full text: a regular file inside its source folder, of a sane size."""
    name = meta["text"]
    text_path = source_dir / name
    shown = loader.shown(text_path)
    try:
        inside = source_dir.resolve() in text_path.resolve().parents
    except (OSError, RuntimeError):  # a symlink loop
        inside = False
    if not inside:
        loader.add(meta_path, meta.loc("text"), f"the source text '{name}' is not inside the source's "
                   f"folder {loader.shown(source_dir)}; copy the document's text into that folder "
                   "and give its file name")
        return None
    text, problems = read_text(text_path, shown, MAX_SOURCE_TEXT_BYTES)
    if text is None:
        loader.add(meta_path, meta.loc("text"),
                   f"the source text '{name}' cannot be read ({problems[0].message}); "
                   f"put the document's full text in {shown}")
    elif not text.strip():  # else every fact's quote would be reported as not found
        loader.add(meta_path, meta.loc("text"), f"the source text '{name}' is empty; paste the "
                   f"document's full text into {shown} (its facts are checked against it)")
        return None
    return text


def _load_topics(loader: _Loader, meta: LocDict, path: Path) -> list[Topic]:
    topics: list[Topic] = []
    for i, item in enumerate(meta["topics"]):
        where = meta["topics"].loc(i) if isinstance(meta["topics"], LocList) else meta.loc("topics")
        valid = loader.check(item, TOPIC_FIELDS, path, f"topic #{i + 1}", where)
        if not isinstance(item, dict) or not is_id(item.get("id")):
            continue
        if any(t.id == item["id"] for t in topics):
            loader.add(path, where, f"topic '{item['id']}' is listed twice; remove one")
        else:  # kept even with a bad title, so facts in it do not echo "unknown topic"
            topics.append(Topic(item["id"], item["title"].strip()) if valid
                          else Topic(item["id"], item["id"], titled=False))
    if not topics:
        loader.add(path, meta.loc("topics"), "a source needs at least one topic: "
                   "topics: [{id: visit, title: The visit}]")
    return topics


# --- facts -------------------------------------------------------------------

def _load_fact_file(loader: _Loader, path: Path, source: Source, index: quotes.QuoteIndex,
                    topic_ids: set[str]) -> None:
    data = loader.yaml(path)
    if data is None or not loader.check(data, FACT_FILE_FIELDS, path, "fact file"):
        return
    default_topic = data.get("topic")
    located = _FilePositions(path, loader.shown(path))
    for i, raw in enumerate(data["facts"]):
        where = data["facts"].loc(i)
        fact = _load_fact(loader, path, raw, where, source, default_topic, topic_ids)
        if fact is not None:
            fact.locate = functools.partial(located.of, i, fact.id)
            _warn_cut_by_comment(loader, path, raw, fact.id)
            _check_fact_against_source(loader, path, raw, fact, index, source)
            _register_fact(loader, path, raw, fact)


# Fact keys holding prose, where a '#' may belong to the text rather than start a comment.
PROSE_KEYS = ("statement", "question", "answer", "quote", "key_terms", "context", "accept",
              "distractors", "false_statements", "analysis", "data")


def _warn_cut_by_comment(loader: _Loader, path: Path, raw: LocDict, fact_id: str) -> None:
    """A '#' after unquoted text starts a YAML comment: the text may have been cut short."""
    if not raw.may_be_cut:  # its file has no comment after a value
        return
    for key in PROSE_KEYS:
        if key not in raw:
            continue
        if key in raw.cut_by_comment:
            _warn_cut(loader, path, raw.cut_by_comment[key], raw[key], fact_id, key)
        for sub, value, where in _cut_inside(raw[key]):
            _warn_cut(loader, path, where, value, fact_id, f"{key} {sub}")


def _cut_inside(value, depth: int = 0, whole: bool = False):
    """(label, text, position of '#') for every cut text inside a list or mapping.

    ``whole``: a file's top level, whose keys are labelled bare (title, not 'title')."""
    if depth > 5 or not isinstance(value, (LocDict, LocList)):
        return
    items = value.items() if isinstance(value, LocDict) else enumerate(value)
    for key, item in items:
        label = f"#{key + 1}" if isinstance(value, LocList) else (str(key) if whole else f"'{key}'")
        if key in value.cut_by_comment:
            yield label, item, value.cut_by_comment[key]
        yield from ((f"{label} {sub}", v, w) for sub, v, w in _cut_inside(item, depth + 1))


def _warn_cut(loader: _Loader, path: Path, where, value, fact_id: str, what: str,
              owner: str = "fact") -> None:
    loader.problems.append(Problem(
        loader.shown(path), where[0], where[1],
        f"{owner} '{fact_id}', {what}: this '#' starts a YAML comment, so the unquoted text before it "
        f"ends at \"{_shorten(str(value), 40)}\"; if the '#' and what follows belong to the text, "
        "put the whole value in quotes; if it is a comment, move it to a line of its own",
        severity="warning"))


def _warn_cut_in_file(loader: _Loader, path: Path, data, owner: str, name: str) -> None:
    """The same warning for source, template, note type and recipe files: any text of several
    words cut by a '#' ('title: Report #5' keeps only "Report"); a one-word value with a
    trailing comment ('style: matching  # ...') is left alone."""
    if not isinstance(data, LocDict):
        return
    for key, value, where in _cut_inside(data, 0, whole=True):
        if isinstance(value, str) and len(value.split()) > 1:
            _warn_cut(loader, path, where, value, name, key, owner)


def _load_fact(loader, path, raw, where, source: Source, default_topic, topic_ids) -> Fact | None:
    label = f"fact '{raw['id']}'" if isinstance(raw, dict) and is_id(raw.get("id")) \
        else f"the fact on line {where[0]}"
    if not loader.check(raw, FACT_FIELDS, path, label, where):
        return None
    topic = raw.get("topic", default_topic)
    if topic is None:
        loader.add(path, where, f"{label} has no topic: add 'topic:' to the fact or to the file")
        return None
    if topic not in topic_ids:
        known = ", ".join(t.id for t in source.topics)
        loader.add(path, raw.loc("topic") if "topic" in raw else raw.loc(), f"{label}: unknown topic "
                   f"'{topic}'; topics of source '{source.id}' are: {known} (add new ones to source.yaml)")
        return None
    data = raw["data"] if "data" in raw else LocDict()
    spec = DATA_FIELDS[raw["kind"]]
    if not loader.check(data, spec, path, f"{label} data ({raw['kind']})", _place_of(raw, "data")):
        return None
    if raw["kind"] == "figure" and not any(k in data for k in ("value", "requested", "promised")):
        loader.add(path, raw.loc("data"), f"{label}: a figure needs 'value', or 'requested' "
                   "and/or 'promised', in its data")
        return None
    for side in ("requested", "promised"):
        if raw["kind"] == "figure" and f"{side}_as" in data and side not in data:
            loader.add(path, data.loc(f"{side}_as"), f"{label}: '{side}_as' names the '{side}' figure, "
                       f"but the data has none; remove '{side}_as' or give the figure as '{side}'")
            return None
    if "analysis" in raw and not loader.check(raw["analysis"], ANALYSIS_FIELDS, path,
                                              f"{label} analysis", _place_of(raw, "analysis")):
        return None
    quote = raw["quote"]
    return Fact(
        id=raw["id"], kind=raw["kind"], topic=topic, statement=raw["statement"].strip(),
        question=raw["question"].strip(), answer=raw["answer"].strip(),
        quotes=[quote] if isinstance(quote, str) else list(quote), source_id=source.id,
        path=loader.shown(path), line=where[0], col=where[1],
        key_terms=list(raw.get("key_terms", [])), data=_normalize_figure(raw["kind"], data),
        tags=list(raw.get("tags", [])), context=raw.get("context", ""), was=list(raw.get("was", [])),
        document=source.called, category=raw.get("category"),
        distractors=list(raw.get("distractors", [])),
        false_statements=list(raw.get("false_statements", [])),
        accept=list(raw.get("accept", [])),
        analysis=plain_data(raw["analysis"]) if "analysis" in raw else None,
        skip=list(raw.get("skip", [])),
    )


def _place_of(raw: LocDict, key: str) -> tuple[int, int] | None:
    """Where check_mapping places a problem of a value that is no mapping; None for a mapping
    (or none: an empty LocDict stands in), which places its own, so a file loaded the fast way
    is not read again for nothing."""
    return None if key not in raw or isinstance(raw[key], LocDict) else raw.loc(key)


class _FilePositions:
    """The field positions of one file's facts, read again only when a warning first asks.

    Kept for every fact from the start, positions were a third of a large
    course's memory, and only the few facts with warnings ever need them.
    """

    def __init__(self, path: Path, shown: str):
        self.path, self.shown = path, shown
        self._facts: list | None = None

    def of(self, index: int, fact_id: str) -> dict[str, tuple[int, int]]:
        """Fact ``index``'s positions; {} (the fact's own position then) if the file changed since."""
        if self._facts is None:
            data, _ = load_yaml(self.path, self.shown)
            facts = data.get("facts") if isinstance(data, dict) else None
            self._facts = facts if isinstance(facts, list) else []
        raw = self._facts[index] if index < len(self._facts) else None
        if not isinstance(raw, LocDict) or raw.get("id") != fact_id:
            return {}
        return _positions(raw)


def _positions(raw: LocDict) -> dict[str, tuple[int, int]]:
    """Line and column of each field (and of list items and data keys) for warnings."""
    found = {}
    for key, value in raw.items():
        found[key] = raw.loc(key)
        if isinstance(value, LocList):
            for i in range(len(value)):
                found[f"{key}.{i}"] = value.loc(i)
        elif isinstance(value, LocDict):
            for sub in value:
                found[f"{key}.{sub}"] = value.loc(sub)
    return found


def _normalize_figure(kind: str, data: dict) -> dict:
    """Give figures explicit per-side units and hedges so templates need no defaulting logic."""
    data = plain_data(data)
    if kind == "figure":
        unit = data.get("unit")
        data.setdefault("unit", None)
        data.setdefault("approximate", False)
        for side in ("requested", "promised"):
            if side in data:
                data.setdefault(f"{side}_unit", unit)
                data.setdefault(f"{side}_approximate", data["approximate"])
    return data


def _check_fact_against_source(loader, path: Path, raw: LocDict, fact: Fact,
                               index: quotes.QuoteIndex, source: Source) -> None:
    """Quotes verbatim in the source, and every number of the fact in its quotes (or the
    document's own year, which a fact names where the document says "this year"; the year
    is None only when the source's date is broken, which is reported at the date)."""
    year = source.year
    for i, quote in enumerate(fact.quotes):
        if not index.contains(quote):
            where = raw.loc("quote") if isinstance(raw["quote"], str) else raw["quote"].loc(i)
            loader.add(path, where, f"fact '{fact.id}': quote not found in the source text of "
                       f"'{fact.source_id}': \"{_shorten(quote)}\"{_where_it_parts(source, index, quote)}; "
                       "copy it verbatim from the source (only whitespace, quote marks and dashes may differ)")
    quoted = set().union(*(quotes.numbers_in(q) for q in fact.quotes))
    in_words = [pair for q in fact.quotes for pair in quotes.number_words(q)]
    if fact.kind == "figure":  # a share in per cent may stand for "one in four", "two-thirds"
        in_words += [pair for q in fact.quotes for pair in quotes.shares_in(q)]
    quoted |= {value for _, value in in_words}
    if year is not None:  # the document's own year: "this spring" in a report of 1846 is "spring 1846"
        quoted.add(float(year))
        quoted |= {float(year + step) for q in fact.quotes for step in quotes.years_from_now(q)}
        month = quotes.month_of(source.date)  # "the 3d of December last" in January 1786 is 1785
        quoted |= {float(y) for q in fact.quotes for y in quotes.years_of_undated_months(q, year, month)}
    missing = [(n, raw.loc("data"), "data", quotes.plain_number(n))
               for n in quotes.numbers_of_data(fact.data) if n not in quoted]
    for key in ("statement", "answer"):
        text = getattr(fact, key)
        if key == "answer" and fact.kind == "list":  # "1. Fence the shafts; 2. ...": numbering, no figure
            text = quotes.without_enumerators(text)
        missing += [(n, raw.loc(key), key, quotes.as_written(n, text))
                    for n in sorted(quotes.numbers_in(text) - quoted)]
    if year is None:  # the source's date is broken (reported there): its year cannot be told apart yet
        missing = [m for m in missing if not quotes.year_like(m[0])]
    for number, where, key, shown in missing:
        loader.add(path, where, f"fact '{fact.id}': the number {shown} in its "
                   f"{key} does not appear in its quote{_words_read(in_words)}; "
                   f"{_old_money_fix(fact, key) or 'correct the figure or quote the sentence that gives it'}")
    _match_key_terms(loader, path, raw, fact)
    _check_bound_words(loader, path, raw, fact)
    if fact.kind == "list" and len(fact.data["items"]) < 2:
        loader.add(path, raw.loc("data"), f"fact '{fact.id}': a list needs at least two items")


def _check_bound_words(loader, path: Path, raw: LocDict, fact: Fact) -> None:
    """A bound's words (``approximate: not more than``) must be the quote's own words before its figure."""
    if fact.kind != "figure":
        return
    two_sided = "requested" in fact.data or "promised" in fact.data
    for key, sides in (("approximate", ("value", "requested", "promised")),
                       ("requested_approximate", ("requested",)), ("promised_approximate", ("promised",))):
        words = fact.data.get(key)
        if not isinstance(words, str) or (key != "approximate" and words == fact.data.get("approximate")):
            continue  # a side's hedge copied from 'approximate' is checked (or refused) there
        where = raw["data"].loc(key) if hasattr(raw.get("data"), "loc") and key in raw["data"] else raw.loc("data")
        if key == "approximate" and two_sided:
            loader.add(path, where, f"fact '{fact.id}': 'approximate: {words}' (a bound) is for a figure with one "
                       "'value'; for a requested/promised figure give the bound to the side the source bounds "
                       f"('promised_approximate: {words}' or 'requested_approximate: {words}'); 'approximate: "
                       "true' hedges both sides")
            continue
        if not _bound_in_quote(fact, words, sides):
            loader.add(path, where, f"fact '{fact.id}': '{key}: {words}' must be the words the quote puts "
                       "right before the figure (write 'approximate: not more than' for a quote saying 'not more "
                       "than 900 acres'), or true for a figure the quote gives as 'about'; the quote has no "
                       f"'{words}' before the figure")


def _bound_in_quote(fact: Fact, words: str, sides: tuple[str, ...]) -> bool:
    """Whether a quote puts ``words`` right before the number of one of ``sides``."""
    wanted = quotes.normalize(words).casefold()
    quoted = quotes.normalize(" ".join(fact.quotes)).casefold()
    for side in sides:
        number = fact.data.get(side)
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            continue
        unit = fact.data.get(f"{side}_unit", fact.data.get("unit"))
        signs = ("", str(unit).casefold()) if unit and len(str(unit)) == 1 else ("",)  # 'not more than $12,500'
        for shown in {quotes.format_number(number), quotes.plain_number(number), quotes.as_written(number, quoted)}:
            if any(f"{wanted} {sign}{shown}" in quoted for sign in signs):
                return True
        if any(value == number and f"{wanted} {words.casefold()}" in quoted  # "nearly seven hours"
               for words, value in quotes.number_words(quoted)):
            return True
    return False


def _old_money_fix(fact: Fact, key: str) -> str:
    """The fix for a figure worked out from pounds, shillings and pence ('2s. 9d.' as 33 pence):
    a figure is one number in one unit, which such a sum is not."""
    if fact.kind != "figure" or key != "data":
        return ""
    sums = [m.group(0) for q in fact.quotes for m in quotes.OLD_MONEY.finditer(q)]
    if not sums:
        return ""
    return (f"the quote gives a sum in pounds, shillings and pence ('{sums[0]}'), which no figure's "
            "'value' can hold: make the fact 'kind: event' (its answer the sum as the quote writes it), "
            "or give a figure only for a sum in one unit ('£20', '7s.')")


def _words_read(in_words: list[tuple[str, float]]) -> str:
    """Say which words of the quote were read as which number, so a miss can be understood."""
    if not in_words:
        return ""
    read = ", ".join(f"'{words}' as {quotes.format_number(value)}" for words, value in in_words[:6])
    return f" (numbers in words were read too: {read})"


def _match_key_terms(loader: _Loader, path: Path, raw: LocDict, fact: Fact) -> None:
    """Key terms match the statement ignoring case; the statement's spelling is what gets blanked."""
    lowered = fact.statement.lower()
    for i, term in enumerate(fact.key_terms):
        if term in fact.statement:
            continue
        start = lowered.find(term.lower())
        if start >= 0 and len(term.lower()) == len(term):
            fact.key_terms[i] = fact.statement[start:start + len(term)]
            continue
        loader.add(path, raw["key_terms"].loc(i), f"fact '{fact.id}': key term '{term}' does not "
                   "occur in the statement; key terms must be words of the statement (case does "
                   "not matter)")


def _where_it_parts(source: Source, index: quotes.QuoteIndex, quote: str) -> str:
    """'; source.txt line 8 has its first 12 words, then ...' (see quotemiss), or ''."""
    from .quotemiss import parting

    found = parting(source.text, index.text, quote)
    return f"; {found.describe(source.path.name)}" if found else ""


def _shorten(text: str, limit: int = 70) -> str:
    text = quotes.normalize(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _register_fact(loader: _Loader, path: Path, raw: LocDict, fact: Fact) -> None:
    project = loader.project
    if fact.id in project.facts:
        first = project.facts[fact.id]
        loader.add(path, raw.loc("id"), f"fact id '{fact.id}' is already used at {first.where}; "
                   "ids must be unique across all fact files: rename one")
        return
    former = loader.former_ids
    for old in fact.was:
        if old in project.facts:
            other = project.facts[old]
            loader.add(path, raw.loc("was"), f"fact '{fact.id}' lists '{old}' as a former id, "
                       f"but fact '{other.id}' ({other.where}) has that id now; their cards "
                       "would be the same Anki notes: remove it from 'was:' or rename the other fact")
        elif old in former:
            other = former[old]
            loader.add(path, raw.loc("was"), f"fact '{fact.id}' claims former id '{old}', "
                       f"which fact '{other.id}' ({other.where}) also claims; a former id "
                       "belongs to one fact only")
    if fact.id in former:
        other = former[fact.id]
        loader.add(path, raw.loc("id"), f"fact id '{fact.id}' is a former id of fact "
                   f"'{other.id}' ({other.where}); their cards would be the same Anki notes: "
                   "give this fact a new id")
    for old in fact.was:
        former.setdefault(old, fact)
    project.facts[fact.id] = fact


# --- note types, templates, decks --------------------------------------------

def _load_note_types(loader: _Loader) -> None:
    for path in sorted((loader.root / "question_templates" / "note_types").glob("*.yaml")):
        data = loader.yaml(path)
        ok = data is not None and loader.check(data, NOTE_TYPE_FIELDS, path, "note type")
        ok = ok and all(loader.check(card, CARD_FIELDS, path, f"card #{i + 1}", data["cards"].loc(i))
                        for i, card in enumerate(data["cards"]))
        if not ok:  # templates naming it would only echo this problem
            loader.broken_note_types.add(data.get("id") if isinstance(data, dict) else None)
            loader.broken_note_types.add(path.stem)
            continue
        _warn_cut_in_file(loader, path, data, "note type", str(data["id"]))
        if data["id"] in loader.project.note_types:
            loader.add(path, data.loc("id"), f"note type id '{data['id']}' is used twice")
            continue
        loader.project.note_types[data["id"]] = NoteType(
            id=data["id"], name=data["name"], fields=list(data["fields"]),
            cards=[dict(c) for c in data["cards"]], css=data.get("css", ""),
            cloze=data.get("cloze", False), path=loader.shown(path),
        )


def _load_templates(loader: _Loader) -> None:
    from .questions import TEMPLATE_FIELDS, check_template_spec

    for path in sorted((loader.root / "question_templates").glob("*.yaml")):
        data = loader.yaml(path)
        spec = data if isinstance(data, LocDict) else LocDict()
        template_id = spec.get("id", path.stem)
        if not isinstance(template_id, str):
            template_id = path.stem
        if "id" not in spec and not is_id(template_id):
            loader.add(path, (1, 1), _file_name_not_an_id(path))
            continue
        if template_id in loader.project.templates:
            loader.add(path, spec.loc("id"), f"template id '{template_id}' is used twice")
            continue
        template = QuestionTemplate(id=template_id, path=loader.shown(path), spec=spec)
        _warn_cut_in_file(loader, path, spec, "template", template_id)
        # An invalid template is still registered, so recipes naming it do not add
        # "unknown template" errors, but it is marked broken and never rendered.
        valid = data is not None and loader.check(data, TEMPLATE_FIELDS, path, "question template")
        problems = check_template_spec(template, loader.project) if valid else []
        note_type = spec.get("note_type")
        if isinstance(note_type, str) and note_type in loader.broken_note_types:  # reported already
            echo = spec.loc("note_type")
            problems = [p for p in problems if (p.line, p.col) != echo]
        loader.problems.extend(problems)
        template.broken = not valid or bool(problems)
        loader.project.templates[template_id] = template


def _file_name_not_an_id(path: Path) -> str:
    """Template ids come from file names, and note GUIDs and Anki tags from template ids."""
    import re

    suggested = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "my-template"
    return (f"question template file name '{path.name}' is not a kebab-case id (lower-case words "
            f"joined by single hyphens); rename it to '{suggested}.yaml' and use that id in recipes")


DECK_FIELDS = {
    "title": Field("line", required=True),
    "id": Field("id", hint="defaults to the file name; never change it once students use the deck"),
    "sources": Field("ids", hint="source ids from seeds/*/source.yaml; default: all"),
    "topics": Field("ids", hint="topic ids in the order cards should be studied; default: all"),
    "templates": Field("ids", hint="question template ids; default: all"),
    "subdecks": Field("mapping", hint="topic id -> subdeck title; default: the topic titles"),
    "worksheet": Field("mapping"),
    "description": Field("text"),
    "outputs": Field("texts", choices=("anki", "worksheet", "practice", "cards"),
                     hint="what 'studykit build' makes; default: anki, and worksheet when there is one"),
    "cards": Field("mapping", hint="printable flashcards: {size: a7 or index-3x5, paper: a4 or letter}"),
}


def _check_skipped_templates(loader: _Loader) -> None:
    """A fact's ``skip:`` must name templates that exist: a typo would skip nothing."""
    known = loader.project.templates
    if not known:
        return
    for fact in loader.project.facts.values():
        for i, template_id in enumerate(fact.skip):
            if template_id in known:
                continue
            loader.problems.append(Problem(
                fact.path, *fact.position(f"skip.{i}"),
                f"fact '{fact.id}': skip names no question template '{template_id}'; "
                f"{did_you_mean(template_id, sorted(known))}"
                f"known: {', '.join(sorted(known))} (defined in question_templates/)"))


def _load_decks(loader: _Loader) -> None:
    project = loader.project
    for path in sorted((loader.root / "decks").glob("*.yaml")):
        data = loader.yaml(path)
        if data is None or not loader.check(data, DECK_FIELDS, path, "deck recipe"):
            continue
        _warn_cut_in_file(loader, path, data, "deck recipe", str(data.get("id", path.stem)))
        sources = list(data.get("sources", list(project.sources)))
        all_topics = list(dict.fromkeys(t.id for s in sources if s in project.sources
                                        for t in project.sources[s].topics))
        recipe = DeckRecipe(
            id=data.get("id", path.stem), title=data["title"], path=loader.shown(path),
            sources=sources, topics=list(data.get("topics", all_topics)),
            templates=list(data.get("templates", list(project.templates))),
            subdecks=dict(data.get("subdecks", {})), worksheet=data.get("worksheet"), spec=data,
        )
        _check_deck_refs(loader, path, data, recipe, all_topics)
        if recipe.worksheet is not None and not loader.broken_sources:
            from .worksheets import check_worksheet_spec

            loader.problems.extend(check_worksheet_spec(recipe, project, loader.shown(path)))
        from .outputs import check_outputs_spec

        loader.problems.extend(check_outputs_spec(recipe, loader.shown(path)))
        if recipe.id in project.decks:
            loader.add(path, data.loc("id"), f"deck id '{recipe.id}' is used by another recipe")
            continue
        project.decks[recipe.id] = recipe


def _check_deck_refs(loader, path, data: LocDict, recipe: DeckRecipe, all_topics) -> None:
    project = loader.project
    refs = (("sources", project.sources, "seeds/*/source.yaml"),
            ("topics", all_topics, "the topics of the deck's sources"),
            ("templates", project.templates, "question_templates/"))
    for key, known, where_defined in refs:
        values = data.get(key)
        if values is None:
            continue
        first_line: dict[str, int] = {}
        for i, value in enumerate(values):
            if value in first_line:
                loader.add(path, values.loc(i), f"deck recipe: {key[:-1]} '{value}' is listed twice "
                           f"(first on line {first_line[value]}); remove one")
                continue
            first_line[value] = values.loc(i)[0]
            if value not in known and not (loader.broken_sources and key != "templates"):
                loader.add(path, values.loc(i), f"deck recipe: unknown {key[:-1]} '{value}'; "
                           f"known: {', '.join(known) or '(none)'} (defined in {where_defined})")
    _check_subdecks(loader, path, data, recipe)
    _check_shared_topics(loader, path, data, recipe)
    if not is_id(recipe.id):
        loader.add(path, (1, 1), f"deck id '{recipe.id}' is not kebab-case; rename the file or set 'id:'")


def _check_shared_topics(loader, path, data: LocDict, recipe: DeckRecipe) -> None:
    """A topic id two of the deck's sources give different titles would file one source's facts
    under the other's title (one subdeck, one worksheet section per topic): refused at the recipe.
    Sources that give a topic the same title share it on purpose."""
    sources = [loader.project.sources[s] for s in recipe.sources if s in loader.project.sources]
    first: dict[str, tuple[Source, Topic]] = {}
    for source in sources:
        for topic in source.topics:
            if topic.id not in recipe.topics or not topic.titled:  # a refused title is reported once
                continue
            seen = first.setdefault(topic.id, (source, topic))
            if seen[1].title == topic.title:
                continue
            where = _topic_ref(data, recipe, topic.id, source.id)
            loader.add(path, where, (
                f"deck recipe: topic '{topic.id}' is '{seen[1].title}' in source '{seen[0].id}' and "
                f"'{topic.title}' in source '{source.id}'; a deck has one subdeck and one worksheet "
                f"section title per topic, so one source's facts would be filed under the other's "
                f"title; fix: rename the topic in one source's source.yaml (and the 'topic:' of its "
                f"facts), or give both the same title if they are one topic"))
            first[topic.id] = (source, topic)  # one message per pair of titles


def _topic_ref(data: LocDict, recipe: DeckRecipe, topic_id: str, source_id: str) -> tuple[int, int]:
    """Where the recipe names the topic, else the source, else its first line."""
    for key, value in (("topics", topic_id), ("sources", source_id)):
        values = data.get(key)
        if isinstance(values, LocList) and value in values:
            return values.loc(values.index(value))
    return (1, 1)


def _check_subdecks(loader, path, data: LocDict, recipe: DeckRecipe) -> None:
    subdecks = data.get("subdecks")
    if not isinstance(subdecks, dict):
        return
    for topic, title in subdecks.items():
        if topic not in recipe.topics and not loader.broken_sources:
            loader.add(path, subdecks.key_loc(topic), f"deck recipe: subdeck for unknown "
                       f"topic '{topic}'; use one of: {', '.join(recipe.topics)}")
        if not isinstance(title, str) or not title.strip():
            loader.add(path, subdecks.loc(topic), f"deck recipe: the subdeck title of topic '{topic}' "
                       f"must be text, not {describe(title)}; write {topic}: Its title")
            recipe.subdecks.pop(topic, None)
        elif line_problem(title):
            loader.add(path, subdecks.loc(topic), f"deck recipe: the subdeck title of topic '{topic}' "
                       f"{line_problem(title)}")
            recipe.subdecks.pop(topic, None)
