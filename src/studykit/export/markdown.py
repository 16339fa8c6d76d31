"""A Markdown study sheet: the deck's facts grouped by topic, each with its quote and citation.

Every fact behind an exported question appears once, under its topic, in
study order: its question and answer, the statement, the verbatim quote with
the citation, and any background labelled as not coming from the source.
Fact text is backslash-escaped so that Markdown shows it literally.
"""

from __future__ import annotations

import re

from ..model import Fact, Project
from ..questions import Question
from .common import exportable

_INLINE = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?\w+;)")
_BLOCK_MARKER = re.compile(r"^(?:([#>+=-])|(\d+)([.)]))")


def escape(text: str) -> str:
    """Plain text as one line of Markdown that renders to exactly that text."""
    text = _INLINE.sub(lambda m: "\\" + (m.group(1) or "&"), " ".join(text.split()))
    return _BLOCK_MARKER.sub(lambda m: "\\" + m.group(1) if m.group(1)
                             else m.group(2) + "\\" + m.group(3), text)


def write(project: Project, deck, questions: list[Question]) -> tuple[str, int]:
    """The study sheet for one deck, and how many facts it holds."""
    facts = _facts_by_topic(exportable(questions), deck.topics)
    lines = [f"# {escape(deck.title)}: study sheet", ""]
    for source_id in deck.sources:
        source = project.sources.get(source_id)
        if source is None:
            continue
        lines.append(f"Source: {escape(source.citation)}" + (f" <{source.url}>" if source.url else ""))
        lines.append("")
    number = 0
    for topic_id, topic_facts in facts.items():
        number += 1
        lines += [f"## {number}. {escape(_topic_title(project, deck, topic_facts[0], topic_id))}", ""]
        for fact in topic_facts:
            lines += _fact_lines(project, fact)
    return "\n".join(lines).rstrip() + "\n", sum(len(f) for f in facts.values())


def _facts_by_topic(questions: list[Question], topic_order: list[str]) -> dict[str, list[Fact]]:
    grouped: dict[str, dict[str, Fact]] = {topic: {} for topic in topic_order}
    for question in questions:
        for fact in question.facts:
            grouped.setdefault(fact.topic, {}).setdefault(fact.id, fact)
    return {topic: list(facts.values()) for topic, facts in grouped.items() if facts}


def _topic_title(project: Project, deck, fact: Fact, topic_id: str) -> str:
    if topic_id in deck.subdecks:
        return deck.subdecks[topic_id]
    topic = project.sources[fact.source_id].topic(topic_id)
    return topic.title if topic else topic_id


def _fact_lines(project: Project, fact: Fact) -> list[str]:
    source = project.sources[fact.source_id]
    quote = " … ".join(" ".join(q.split()) for q in fact.quotes)
    lines = [
        f"**{escape(fact.question)}**  ",
        escape(fact.answer),
        "",
        escape(fact.statement),
        "",
        f"> {escape(quote)}  ",
        f"> — {escape(source.citation)}",
        "",
    ]
    if fact.context:
        lines += [f"*Context (not from the source):* {escape(fact.context)}", ""]
    return lines
