"""Deck recipes: what they name must exist, and two sources may not title one topic twice."""

from __future__ import annotations

from ..model import DeckRecipe, Source, Topic
from ..schema import describe, is_id, line_problem
from ..yamlio import LocDict, LocList
from .comments import warn_cut_in_file
from .fields import DECK_FIELDS
from .loader import Loader


def load_decks(loader: Loader) -> None:
    project = loader.project
    for path in sorted((loader.root / "decks").glob("*.yaml")):
        data = loader.yaml(path)
        if data is None or not loader.check(data, DECK_FIELDS, path, "deck recipe"):
            continue
        warn_cut_in_file(loader, path, data, "deck recipe", str(data.get("id", path.stem)))
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
            from ..worksheets import check_worksheet_spec

            loader.problems.extend(check_worksheet_spec(recipe, project, loader.shown(path)))
        from ..outputs import check_outputs_spec

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
