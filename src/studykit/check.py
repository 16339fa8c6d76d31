"""Validate a whole project: load it, then render every deck's questions (writing nothing).

Rendering is part of checking because a template that names a missing field
is only found when it meets a fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .load import load_project
from .model import Project
from .questions import Renderer, RenderResult, render_deck


@dataclass
class CheckResult:
    project: Project
    problems: list[Problem]
    decks: dict[str, RenderResult] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        p = self.project
        questions = sum(len(r.questions) for r in self.decks.values())
        counts = (f"{len(p.sources)} source(s), {len(p.facts)} facts, {len(p.templates)} templates, "
                  f"{len(p.decks)} deck(s), {questions} questions")
        if self.ok:
            return f"OK: {counts}; no problems found"
        files = len({x.path for x in self.problems})
        return f"{len(self.problems)} problem(s) in {files} file(s); {counts}"

    def as_dict(self) -> dict:
        p = self.project
        return {
            "ok": self.ok,
            "problems": [x.as_dict() for x in sorted(set(self.problems))],
            "sources": len(p.sources), "facts": len(p.facts), "templates": len(p.templates),
            "decks": {deck_id: len(r.questions) for deck_id, r in self.decks.items()},
        }


def check_project(root: Path) -> CheckResult:
    """Load and validate ``root``; render every deck to find template errors."""
    project, problems = load_project(root)
    result = CheckResult(project, list(problems))
    renderer = Renderer()
    for deck_id, recipe in project.decks.items():
        rendered = render_deck(project, recipe, renderer)
        result.decks[deck_id] = rendered
        result.problems.extend(rendered.problems)
    result.problems = sorted(set(result.problems))
    return result
