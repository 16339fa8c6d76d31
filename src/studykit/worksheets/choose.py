"""Choosing a sheet's questions: what each section asks for, with no giveaways.

Candidates are ranked by a hash of their GUID key (so adding a fact rarely
changes the choice); facts not yet asked about come first; a candidate that
would give away another chosen question's answer (see :mod:`giveaways`) is
never taken.  Exhibits (tables, charts, matching) are chosen before the
quick questions so that those never crowd them out.

With ``draw: per-version`` a section draws, per version, other questions of
the same styles and points from the pool (questions no earlier version holds
first), so copying from a neighbour does not help; with ``draw: same`` every
version holds the same questions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .. import chart as charts
from ..errors import Problem
from ..model import DeckRecipe, Fact, Project
from ..questions import Question, RenderResult, deck_facts, stable_seed
from .giveaways import Profile, clash, profile
from .items import Group, Item, Section
from .spec import BANK_ORDER, CHART, EXHIBITS, WorksheetSpec


@dataclass
class _Sheet:
    """The questions chosen so far for one version, with what they show and ask."""

    profiles: list[Profile] = field(default_factory=list)
    facts: set[str] = field(default_factory=set)
    placed: set[str] = field(default_factory=set)

    def fits(self, candidate: Profile) -> str | None:
        for chosen in self.profiles:
            why = clash(candidate, chosen)
            if why:
                return why
        return None

    def add(self, item: Item, prof: Profile) -> None:
        self.profiles.append(prof)
        self.facts.update(f.id for f in item.facts)
        if item.question is not None:
            self.placed.add(item.question.id)


def worksheet_pool(rendered: RenderResult) -> list[Question]:
    return [q for q in rendered.questions if "worksheet" in q.targets]


def choose_versions(spec: WorksheetSpec, project: Project, recipe: DeckRecipe,
                    rendered: RenderResult, letters: list[str],
                    shortfalls: list[str] | None = None) -> dict[str, list[Section]]:
    """Each version's sections, in the recipe's order (not yet shuffled or numbered)."""
    pool = worksheet_pool(rendered)
    facts = deck_facts(project, recipe)
    chosen: dict[str, list[Section]] = {}
    earlier: set[str] = set()  # question ids an earlier version holds
    first: list[Section] | None = None
    for letter in letters:
        said = shortfalls if first is None else None
        sections = _choose(spec, recipe, pool, facts, letter, earlier, first, said)
        if first is None:
            first = sections
        earlier.update(i.question.id for s in sections for i in s.items if i.question is not None)
        chosen[letter] = sections
    return chosen


def _slots(spec: WorksheetSpec):
    """(section index, kind, count) in the order they are filled: exhibits first."""
    slots = []
    for i, section in enumerate(spec.sections):
        counts = section.counts if section.counts is not None else dict.fromkeys(BANK_ORDER)
        slots += [(i, kind, count) for kind, count in counts.items()]
    return sorted(slots, key=lambda s: 0 if s[1] in EXHIBITS else 1)


def _choose(spec, recipe, pool, facts, letter, earlier, first, shortfalls) -> list[Section]:
    sheet = _Sheet()
    picked: dict[tuple[int, str], list[Item]] = {}
    for i, kind, count in _slots(spec):
        section = spec.sections[i]
        if kind == CHART:
            items = _chart_items(spec, [f for f in facts if f.topic == section.topic], count, sheet)
        else:
            candidates = [q for q in pool if q.topic == section.topic and q.style == kind
                          and q.id not in sheet.placed]
            per_version = section.draw == "per-version" and first is not None
            target = _first_items(first, i, kind) if per_version else None
            items, left_out = _pick(candidates, count, sheet, letter if section.draw == "per-version"
                                    else "", earlier if per_version else set(), target)
            if count is not None and len(items) < count and shortfalls is not None:
                shortfalls.append(_shortfall(recipe, section.title, section.topic, kind, count,
                                             len(candidates), len(items), left_out))
        picked[(i, kind)] = items
    sections = []
    for i, section in enumerate(spec.sections):
        counts = section.counts if section.counts is not None else dict.fromkeys(BANK_ORDER)
        groups = [Group(kind, picked[(i, kind)]) for kind in counts if picked.get((i, kind))]
        sections.append(Section(section.topic, section.title, groups))
    return sections


def _first_items(first: list[Section], index: int, kind: str) -> list[Item]:
    return [item for group in first[index].groups if group.kind == kind for item in group.items]


def _pick(candidates: list[Question], count: int | None, sheet: _Sheet, letter: str,
          earlier: set[str], target: list[Item] | None) -> tuple[list[Item], int]:
    """The chosen items (in study order) and how many candidates were left out as giveaways."""
    if count is None:  # 'all': the teacher asked for every question, a bank
        items = [Item(kind=q.style, points=q.points, question=q) for q in candidates]
        for item in items:
            sheet.add(item, profile(item))
        return items, 0
    ranked = sorted(candidates, key=lambda q: (q.id in earlier,
                                               stable_seed("worksheet", letter, q.guid_key)))
    ranked = sorted(ranked, key=lambda q: bool({f.id for f in q.facts} & sheet.facts))  # fresh first
    needs = Counter((i.question.template_id, i.points) for i in target) if target else None
    chosen: list[Question] = []
    left_out = 0
    for want in (_same_template, _same_points, _anything) if target else (_anything,):
        for q in ranked:
            if len(chosen) >= count or q in chosen or not want(q, needs):
                continue
            item = Item(kind=q.style, points=q.points, question=q)
            prof = profile(item)
            if sheet.fits(prof):
                left_out += 1
                continue
            sheet.add(item, prof)
            chosen.append(q)
            if needs is not None:
                _use(needs, q)
        if needs is not None and not +needs:
            break
    if target and len(chosen) < len(target):  # too few comparable: repeat the first version's
        for item in target:
            if len(chosen) < len(target) and item.question not in chosen:
                chosen.append(item.question)
    order = {q.id: n for n, q in enumerate(candidates)}
    return [Item(kind=q.style, points=q.points, question=q)
            for q in sorted(chosen, key=lambda q: order.get(q.id, len(order)))], left_out


def _same_template(q: Question, needs: Counter | None) -> bool:
    return needs is None or needs[(q.template_id, q.points)] > 0


def _same_points(q: Question, needs: Counter | None) -> bool:
    return needs is None or any(n > 0 and points == q.points for (_, points), n in needs.items())


def _anything(q: Question, needs: Counter | None) -> bool:
    return needs is None


def _use(needs: Counter, q: Question) -> None:
    if needs[(q.template_id, q.points)] > 0:
        needs[(q.template_id, q.points)] -= 1
        return
    key = next(k for k, n in needs.items() if n > 0 and k[1] == q.points)
    needs[key] -= 1


def _chart_items(spec: WorksheetSpec, facts: list[Fact], count: int | None, sheet: _Sheet) -> list[Item]:
    figure = charts.figure_chart(facts, spec.labels)
    if figure is None or count == 0:
        return []
    item = Item(kind=CHART, points=spec.chart_points, chart=figure)
    prof = profile(item)
    if sheet.fits(prof):
        return []
    sheet.add(item, prof)
    return [item]


def _shortfall(recipe: DeckRecipe, title: str, topic: str, kind: str, count: int, made: int,
               got: int, left_out: int) -> str:
    why = (f"; {left_out} more would give away another question's answer on the sheet"
           if left_out and got < made else "")
    return (f"{recipe.path}: worksheet section '{title}' asks for {count} {kind} question(s) but "
            f"the templates make {made} for topic '{topic}'{why}; the sheet has {got}")
