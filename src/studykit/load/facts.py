"""A fact file: each fact checked against its schema and made a Fact, its id registered once."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable

from .. import quotes
from ..model import Fact, Source, plain_data
from ..schema import is_id
from ..yamlio import LocDict, LocList, load_yaml, load_yaml_text, read_text
from .against_source import check_fact_against_source
from . import factcache
from .comments import warn_cut_by_comment
from .figure_words import warn_unless_participles
from .fields import ANALYSIS_FIELDS, DATA_FIELDS, FACT_FIELDS, FACT_FILE_FIELDS
from .loader import Loader


def load_fact_file(loader: Loader, path: Path, source: Source, index: quotes.QuoteIndex,
                    topic_ids: set[str]) -> None:
    shown = loader.shown(path)
    text, problems = read_text(path, shown)
    if text is None:
        loader.problems.extend(problems)
        return
    located = _FilePositions(path, shown)
    kept_at = factcache.entry(text, source, index.derived)
    kept = factcache.recall(kept_at) if kept_at is not None else None
    if kept is not None:  # checked by an earlier run, without a problem: only what spans files is checked
        for i, fact in kept:
            fact.path = shown
            fact.locate = functools.partial(located.of, i, fact.id)
            _register_fact(loader, path, fact, fact.position)  # (read from the file if a problem asks)
        return
    data, problems = load_yaml_text(text, shown, keep=kept_at is None)
    loader.problems.extend(problems)
    before = len(loader.problems)
    spanning = 0  # problems of what spans files (not the file's own)
    checked = []
    if data is not None and loader.check(data, FACT_FILE_FIELDS, path, "fact file"):
        default_topic = data.get("topic")
        for i, raw in enumerate(data["facts"]):
            where = data["facts"].loc(i)
            fact = _load_fact(loader, path, raw, where, source, default_topic, topic_ids)
            if fact is not None:
                fact.locate = functools.partial(located.of, i, fact.id)
                warn_cut_by_comment(loader, path, raw, fact.id)
                check_fact_against_source(loader, path, raw, fact, index, source)
                checked.append((i, fact))
                spanning -= len(loader.problems)
                _register_fact(loader, path, fact, raw.loc)
                spanning += len(loader.problems)
    if kept_at is not None and not problems and len(loader.problems) - before == spanning:
        factcache.keep(kept_at, checked)  # (a file with problems of its own is checked on every run)


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
    if raw["kind"] == "figure":
        warn_unless_participles(loader, path, data, label)
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
        document=source.called, author=source.author, category=raw.get("category"),
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


def _register_fact(loader: Loader, path: Path, fact: Fact, at: Callable[[str], tuple[int, int]]) -> None:
    """Register the fact's id and former ids, once across all files (``at``: where a key of the
    fact is written, asked only for a problem)."""
    project = loader.project
    if fact.id in project.facts:
        first = project.facts[fact.id]
        loader.add(path, at("id"), f"fact id '{fact.id}' is already used at {first.where}; "
                   "ids must be unique across all fact files: rename one")
        return
    former = loader.former_ids
    for old in fact.was:
        if old in project.facts:
            other = project.facts[old]
            loader.add(path, at("was"), f"fact '{fact.id}' lists '{old}' as a former id, "
                       f"but fact '{other.id}' ({other.where}) has that id now; their cards "
                       "would be the same Anki notes: remove it from 'was:' or rename the other fact")
        elif old in former:
            other = former[old]
            loader.add(path, at("was"), f"fact '{fact.id}' claims former id '{old}', "
                       f"which fact '{other.id}' ({other.where}) also claims; a former id "
                       "belongs to one fact only")
    if fact.id in former:
        other = former[fact.id]
        loader.add(path, at("id"), f"fact id '{fact.id}' is a former id of fact "
                   f"'{other.id}' ({other.where}); their cards would be the same Anki notes: "
                   "give this fact a new id")
    for old in fact.was:
        former.setdefault(old, fact)
    project.facts[fact.id] = fact
