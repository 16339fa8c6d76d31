"""Validate a whole project: load it, then render every deck's questions (writing nothing).

Rendering is part of checking because a template that names a missing field
is only found when it meets a fact.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .load import load_project
from .model import DeckRecipe, Project
from .questions import Renderer, RenderResult, render_deck
from .questions.quality import quality_warnings


@dataclass
class CheckResult:
    """Errors (``problems``: they stop a build) and quality ``warnings`` (they fail only --strict)."""

    project: Project
    problems: list[Problem]
    decks: dict[str, RenderResult] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    strict: bool = False
    notes: dict[str, list] = field(default_factory=dict)  # deck id -> its Anki notes, made while checking

    @property
    def ok(self) -> bool:
        return not self.problems and not (self.strict and self.warnings)

    @property
    def reported(self) -> list[Problem]:
        """Everything to print: errors first (they stop a build), then warnings, each in file order."""
        return sorted(set(self.problems)) + sorted(set(self.warnings))

    def summary(self) -> str:
        p = self.project
        questions = sum(len(r.questions) for r in self.decks.values())
        counts = (f"{len(p.sources)} source(s), {len(p.facts)} facts, {len(p.templates)} templates, "
                  f"{len(p.decks)} deck(s), {questions} questions")
        warned = f"; {len(self.warnings)} warning(s)" if self.warnings else ""
        if self.ok:
            return f"OK: {counts}; no problems found{warned}"
        failing = self.problems + (self.warnings if self.strict else [])
        files = len({x.path for x in failing})
        strict = " (warnings fail under --strict)" if self.strict and self.warnings else ""
        return f"{len(self.problems)} problem(s) in {files} file(s){warned}{strict}; {counts}"

    def as_dict(self) -> dict:
        p = self.project
        return {
            "ok": self.ok,
            "problems": [x.as_dict() for x in sorted(set(self.problems))],
            "warnings": [x.as_dict() for x in sorted(set(self.warnings))],
            "sources": len(p.sources), "facts": len(p.facts), "templates": len(p.templates),
            "decks": {deck_id: len(r.questions) for deck_id, r in self.decks.items()},
        }


def check_project(root: Path, strict: bool = False, choose_sheets: bool = True,
                  quality: bool = True, notes: bool = True,
                  shown: Callable[[DeckRecipe], Collection[str] | None] | None = None) -> CheckResult:
    """Load and validate ``root``; render every deck to find template errors.

    Problems of severity "warning" (question quality) go to ``warnings``: they
    never stop a build, and fail the check only when ``strict``.
    ``choose_sheets``: also choose each worksheet's questions, to warn about
    sections that giveaways leave short (a build does that while writing them).
    ``quality``: also look for quality and print warnings; a build shows no warnings, so it
    skips both (they only ever give warnings: ``tests/test_scale_build.py``).
    ``notes``: also make each deck's Anki notes (``CheckResult.notes``, for a build to use);
    without them the same problems are found, for less.
    ``shown`` (a build's): the question targets a deck's outputs show (None: all); only the
    templates with one of them are rendered, so only their errors are found (a template that
    does not load is a problem whatever its targets), and the worksheets' and Anki notes'
    problems are looked for only where the outputs show them.
    """
    project, problems = load_project(root)
    result = CheckResult(project, [], strict=strict)
    _sort_in(result, problems)
    renderer = Renderer()
    for deck_id, recipe in project.decks.items():
        targets = shown(recipe) if shown is not None else None
        rendered = render_deck(project, recipe, renderer, targets)
        result.decks[deck_id] = rendered
        _sort_in(result, rendered.problems)
        if recipe.worksheet is not None and not result.problems and _shows(targets, "worksheet"):
            from .worksheets import request_problems  # (not after errors: echoes of them)

            _sort_in(result, request_problems(project, recipe, rendered, choose=choose_sheets))
        if not result.problems and _shows(targets, "anki"):  # the notes need a fully loaded, rendered project
            _sort_in(result, _anki_problems(project, recipe, rendered, result.notes if notes else None))
    if quality:
        _sort_in(result, quality_warnings(project, result.decks))
    if quality and not result.problems:
        from .fonts import print_warnings  # what printed sheets would show as empty boxes

        _sort_in(result, print_warnings(project))
    result.problems = sorted(set(result.problems))
    result.warnings = sorted(set(result.warnings))
    return result


def _shows(targets: Collection[str] | None, target: str) -> bool:
    return targets is None or target in targets


def _anki_problems(project: Project, recipe, rendered: RenderResult, notes: dict | None) -> list[Problem]:
    """What would stop the deck's Anki notes (typed answers, GUID clashes), found without building.

    The notes go into ``notes`` for a build to use (making them again would cost it as much);
    ``notes`` None: only the problems.
    """
    from . import apkg
    from .errors import InvalidContent

    if notes is None:
        return apkg.note_problems(project, recipe, rendered.questions)
    try:
        notes[recipe.id] = apkg.notes_for(project, recipe, rendered.questions)
    except InvalidContent as err:
        return list(err.problems)
    return []


def _sort_in(result: CheckResult, problems: list[Problem]) -> None:
    for problem in problems:
        (result.warnings if problem.is_warning else result.problems).append(problem)
