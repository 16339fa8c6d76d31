"""The (worksheet, answer key) pair of every version, ready to render."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import chart as charts
from ..errors import UsageError
from ..model import DeckRecipe, Project
from ..questions import RenderResult, deck_facts
from .choose import Shortfall, choose_versions
from .spec import CHART, LABELS, MAX_VARIANTS, worksheet_spec
from .versions import version

if TYPE_CHECKING:
    from .render import Sheet


def letters(count: int) -> list[str]:
    return [chr(ord("A") + i) for i in range(count)]


def sheets(project: Project, recipe: DeckRecipe, rendered: RenderResult, *,
           variants: int | None = None, seed: int | None = None,
           shortfalls: list[Shortfall] | None = None) -> list[tuple[Sheet, Sheet]]:
    """(worksheet, answer key) per version; command-line values override the recipe's."""
    from .render import Sheet, environment, project_layouts  # the layouts: not for ``studykit check``

    spec = worksheet_spec(recipe, project)
    count = spec.variants if variants is None else variants
    seed = spec.seed if seed is None else seed
    if not 1 <= count <= MAX_VARIANTS:
        raise UsageError(f"--variants must be 1 to {MAX_VARIANTS} (one letter per version), not {count}")
    chosen = choose_versions(spec, project, recipe, rendered, letters(count), shortfalls)
    sources = [project.sources[s] for s in recipe.sources if s in project.sources]
    layouts = project_layouts(project.root)
    labels = _in_the_facts_words(spec.labels, deck_facts(project, recipe))
    pairs = []
    for letter in letters(count):
        sections = version(chosen[letter], recipe.id, seed, letter)
        # The answer key shows the chart unless the sheet already asks students to draw it.
        exercise = any(g.kind == CHART for s in sections for g in s.groups)
        figure = (charts.figure_chart(deck_facts(project, recipe), labels)
                  if spec.chart and not exercise else None)
        key_chart = charts.chart_svg(figure, pattern_id="hatch-key", env=environment(layouts),
                                     labels=labels) if figure else ""
        common = dict(title=spec.title, letter=letter, variants=count, paper=spec.paper,
                      header=spec.header, instructions=spec.instructions, sources=sources,
                      sections=sections, labels=labels, layouts=layouts)
        key = Sheet(key=True, chart_svg=key_chart, chart_facts=figure.facts if figure else [], **common)
        pairs.append((Sheet(key=False, **common), key))
    return pairs


def _in_the_facts_words(labels: dict[str, str], facts) -> dict[str, str]:
    """The chart's sides in the facts' own words ('requested_as: planned', 'promised_as:
    recommended'), so a key does not call a recommendation a promise; a recipe that renamed a
    side keeps its word."""
    named = dict(labels)
    for side in ("requested", "promised"):
        words = list(dict.fromkeys(f.data.get(f"{side}_as") or side for f in facts
                                   if f.kind == "figure" and side in f.data))
        if words in ([], [side]) or labels[side] != LABELS[side]:
            continue
        joined = " or ".join(words)
        named[side] = joined[:1].upper() + joined[1:]
        for key in ("chart_task", "chart_slots"):
            if labels[key] == LABELS[key]:
                named[key] = re.sub(rf"\b{side}\b", joined, named[key])
    return _with_slot_letters(named, labels)


def _with_slot_letters(named: dict[str, str], labels: dict[str, str]) -> dict[str, str]:
    """The letter marking each side's bar on a blank chart, the first of its heading's word ("G"
    beside "Granted", not the "P" of promised), more letters where both would start alike
    ("Req", "Rec"); the note on the slots says the same letters."""
    first, second = named["requested"].strip() or "R", named["promised"].strip() or "P"
    size = 1
    while size < max(len(first), len(second)) and first[:size].upper() == second[:size].upper():
        size += 1
    named["requested_letter"], named["promised_letter"] = first[:size].upper(), second[:size].upper()
    if labels["chart_slots"] == LABELS["chart_slots"]:
        letters = f"{named['requested_letter']}, {named['promised_letter']}"
        named["chart_slots"] = letters + named["chart_slots"][len("R, P"):]
    return named
