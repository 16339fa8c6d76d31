"""``studykit list``: the project's facts, templates and decks, as text columns or JSON.

Listing works on a project with problems too (a teacher looks up an id while
fixing a fact); the problems are counted so the caller can point to ``check``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .check import CheckResult, check_project
from .errors import Problem, UsageError
from .schema import did_you_mean
from .model import FACT_KINDS


@dataclass
class Listing:
    """Rows of one kind of thing, ready to print or to dump as JSON."""

    what: str
    columns: list[str]
    rows: list[dict]
    problems: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {self.what: self.rows, "problems": len(self.problems)}

    def lines(self, width: int = 100) -> list[str]:
        """Aligned columns; the last column is cut to fit ``width``."""
        if not self.rows:
            return []
        cells = [[_cell(row[c]) for c in self.columns] for row in self.rows]
        widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(self.columns)]
        lines = []
        for row in [[c.upper() for c in self.columns], *cells]:
            head = "  ".join(text.ljust(widths[i]) for i, text in enumerate(row[:-1]))
            room = max(20, width - len(head) - 2)
            last = row[-1] if len(row[-1]) <= room else row[-1][: room - 1] + "…"
            lines.append(f"{head}  {last}".rstrip() if head else last)
        return lines


def _cell(value) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value) or "-"
    if isinstance(value, dict):
        return ",".join(f"{k}={v}" for k, v in value.items()) or "-"
    return "-" if value in (None, "") else str(value)


def list_facts(root: Path, topic: str | None = None, kind: str | None = None,
               tag: str | None = None) -> Listing:
    """Facts in study order of their source's topics, filtered by topic, kind and tag."""
    checked = check_project(Path(root))
    facts = list(checked.project.facts.values())
    _known("topic", topic, {f.topic for f in facts} | _all_topics(checked))
    _known("tag", tag, {t for f in facts for t in f.tags})
    _known("kind", kind, set(FACT_KINDS))
    chosen = [f for f in facts if (topic is None or f.topic == topic)
              and (kind is None or f.kind == kind) and (tag is None or tag in f.tags)]
    order = _topic_order(checked)
    chosen.sort(key=lambda f: order.get((f.source_id, f.topic), len(order)))
    rows = [{
        "id": f.id, "kind": f.kind, "topic": f.topic, "source": f.source_id,
        "tags": list(f.tags), "was": list(f.was), "where": f.where, "question": f.question,
        "answer": f.answer, "statement": f.statement,
    } for f in chosen]
    return Listing("facts", ["id", "kind", "topic", "statement"], rows, checked.problems)


def list_templates(root: Path) -> Listing:
    """Templates with their style, targets and how many questions each makes per deck."""
    checked = check_project(Path(root))
    made: dict[str, int] = {}
    for rendered in checked.decks.values():
        for question in rendered.questions:
            made[question.template_id] = made.get(question.template_id, 0) + 1
    rows = [{
        "id": t.id, "style": t.style, "note_type": t.note_type,
        "targets": list(t.spec.get("targets", ["anki", "worksheet", "export"])),
        "questions": made.get(t.id, 0), "path": t.path,
        "description": " ".join(str(t.spec.get("description", "")).split()),
    } for t in checked.project.templates.values()]
    return Listing("templates", ["id", "style", "questions", "targets", "description"], rows,
                   checked.problems)


def list_decks(root: Path) -> Listing:
    """Deck recipes with their sources, topics, templates and question counts."""
    checked = check_project(Path(root))
    rows = []
    for recipe in checked.project.decks.values():
        questions = checked.decks[recipe.id].questions if recipe.id in checked.decks else []
        rows.append({
            "id": recipe.id, "title": recipe.title, "sources": list(recipe.sources),
            "topics": list(recipe.topics), "templates": len(recipe.templates),
            "facts": len({f.id for q in questions for f in q.facts}), "questions": len(questions),
            "path": recipe.path,
        })
    return Listing("decks", ["id", "facts", "questions", "path", "title"], rows, checked.problems)


def _all_topics(checked: CheckResult) -> set[str]:
    return {t.id for s in checked.project.sources.values() for t in s.topics}


def _topic_order(checked: CheckResult) -> dict[tuple[str, str], int]:
    order = {}
    for source in checked.project.sources.values():
        for topic in source.topics:
            order[(source.id, topic.id)] = len(order)
    return order


def _known(what: str, value: str | None, known: set[str]) -> None:
    """A filter naming something the project does not have is a typo: say so."""
    if value is None or value in known:
        return
    raise UsageError(f"no {what} '{value}' in this project; {did_you_mean(value, sorted(known))}"
                     f"{what}s: {', '.join(sorted(known)) or '(none)'}")
