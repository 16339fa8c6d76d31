"""A source folder: its source.yaml, its topics and the document's full text, then its facts."""

from __future__ import annotations

from pathlib import Path

from .. import quotes
from ..model import Source, Topic
from ..schema import is_id, value_ok
from ..yamlio import LocDict, LocList, read_text
from .comments import warn_cut_in_file
from .facts import load_fact_file
from .fields import SOURCE_FIELDS, TOPIC_FIELDS
from .loader import Loader


MAX_SOURCE_TEXT_BYTES = 64 * 1024 * 1024  # far beyond any document; a runaway file is refused


def load_source(loader: Loader, source_dir: Path) -> None:
    meta_path = source_dir / "source.yaml"
    if not meta_path.exists():
        loader.add(meta_path, (1, 1), "missing source.yaml: every folder in seeds/ describes one "
                   "document (id, title, date, author, citation, text, topics)")
        return
    meta = loader.yaml(meta_path)
    complete = meta is not None and loader.check(meta, SOURCE_FIELDS, meta_path, "source")
    if isinstance(meta, LocDict):
        warn_cut_in_file(loader, meta_path, meta, "source", str(meta.get("id", source_dir.name)))
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
        load_fact_file(loader, fact_path, source, index, topic_ids)


def _source_text(loader: Loader, meta: LocDict, source_dir: Path, meta_path: Path) -> str | None:
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


def _load_topics(loader: Loader, meta: LocDict, path: Path) -> list[Topic]:
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
