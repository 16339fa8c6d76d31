"""Choosing a sheet's questions: what each section asks for, with no giveaways.

Candidates are ranked by a hash of their GUID key (so adding a fact rarely
changes the choice); facts not yet asked about come first; a candidate that
would give away another chosen question's answer (see :mod:`giveaways`), or
whose answer the sheet's own header prints (its title, instructions and source
lines: "Who wrote the report?" under "Author: ..."), is never taken.  Exhibits (tables, charts, matching) are chosen before the
quick questions so that those never crowd them out.

With ``draw: per-version`` a section draws, per version, other questions of
the same styles and points from the pool (questions no earlier version holds
first), so copying from a neighbour does not help; with ``draw: same`` every
version holds the same questions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from .. import chart as charts
from ..model import DeckRecipe, Fact, Project
from ..questions import Question, RenderResult, deck_facts, stable_seed
from ..questions.option_keys import option_key
from .giveaways import Profile, clash, fold, profile, shows, worth_checking
from .lone_answers import fewest_tells, tells
from .items import Group, Item, Section
from .spec import BANK_ORDER, CHART, EXHIBITS, WorksheetSpec


@dataclass
class _Sheet:
    """The questions chosen so far for one version, with what they show and ask."""

    header: Profile | None = None  # what the sheet prints above its questions
    profiles: list[Profile] = field(default_factory=list)
    facts: set[str] = field(default_factory=set)
    placed: set[str] = field(default_factory=set)
    offered: set[str] = field(default_factory=set)  # the options multiple choice shows (as option keys)
    classes: frozenset[str] = frozenset()  # templates whose options are classes, not one fact's (see class_templates)
    option_keys: dict[str, set[str]] = field(default_factory=dict)  # question id -> its options' keys
    header_named: dict[str, bool] = field(default_factory=dict)  # question id -> see header_names_option
    option_sets: list[frozenset[str]] = field(default_factory=list)  # the option sets multiple choice prints
    figures_offered: set[str] = field(default_factory=set)  # wrong options of figure multiple choice, folded
    stems: list[str] = field(default_factory=list)  # what the chosen questions show (prompt, cloze sentence), folded
    choices: list[Question] = field(default_factory=list)  # the multiple choice questions chosen

    def fits(self, candidate: Profile) -> str | None:
        if self.header is not None and clash(candidate, self.header):
            return HEADER_CLASH
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
            self.stems.append(_stem(item.question))
            self.offered |= self.offered_by(item.question)
            if item.question.style == "multiple_choice" and item.question.correct is not None:
                self.choices.append(item.question)
            if self.counts_options(item.question):
                self.option_sets.append(_option_set(item.question))
                self.figures_offered |= {fold(o) for o in item.question.options
                                         if o != item.question.answer and worth_checking(fold(o))}

    def repeats_options(self, q: Question) -> bool:
        """Whether ``q`` prints the options another multiple choice on the sheet prints, or only
        some of them ('9, 15, 22, 26 children' under Kent and '9, 22, 26 children' under Cornwall):
        a teacher prints one set once, since the two answer each other by elimination."""
        if not self.option_sets or not self.counts_options(q):
            return False
        mine = _option_set(q)
        return any(mine <= theirs or theirs <= mine for theirs in self.option_sets)

    def crosses(self, q: Question) -> bool:
        """Whether ``q`` offers options the sheet already offers: two multiple choice questions
        over one set of figures or names ('6 seats', '11 seats', '23 seats') answer each other
        by elimination, and a sheet of them asks one thing twice."""
        return bool(self.offered_by(q) & self.offered) or self.shows_figure_offered(q)

    def shows_figure_offered(self, q: Question) -> bool:
        """Whether ``q``'s stem shows a wrong option of a figure multiple choice on the sheet: "what
        does the figure of 57 deaths refer to?" beside "... the town's dead who died of sickness?
        155 / 26 / 57 deaths" strikes that option, and the options hint at the other's answer; so
        does a fill-in's sentence ("_____ were to pay a duty of 12 per cent" beside "12 / 10 / 5
        per cent"), whichever of the two the sheet took first."""
        if q.style == "multiple_choice":  # those it can leave out are left out (_without_options_shown)
            return self.strikes_too_many(q)
        if not self.figures_offered:
            return False
        stem = _stem(q)
        return any(shows(stem, figure) for figure in self.figures_offered)

    def shown_wrong(self, q: Question) -> list[str]:
        """The wrong options of a figure multiple choice that the sheet's questions already show
        (an essay's "the buckles at 15 shillings" beside "15 shillings" offered for the
        handkerchief): a student strikes them out unasked."""
        if not self.stems or not self.counts_options(q):
            return []
        return [o for o in q.options if o != q.answer and worth_checking(fold(o))
                and any(shows(stem, fold(o)) for stem in self.stems)]

    def strikes_too_many(self, q: Question) -> bool:
        """Whether the sheet shows so many wrong options of this figure multiple choice that
        fewer than ``MIN_WRONG`` would be left (the handkerchief's "39 / 2 / 8 / 15 shillings"
        beside an essay quoting 15 and 39 shillings is a choice of two)."""
        shown = self.shown_wrong(q)
        return bool(shown) and len(q.options) - 1 - len(shown) < MIN_WRONG

    def counts_options(self, q: Question) -> bool:
        """Whether ``q`` is a multiple choice on figures: each county has one figure, so one
        answer known strikes it from the other's options; a person or party may answer several
        questions ('whose view?' twice over the same four parties eliminates nothing)."""
        return (q.style == "multiple_choice" and q.template_id not in self.classes
                and bool(q.facts) and all(f.kind == "figure" for f in q.facts))

    def header_names_option(self, q: Question) -> bool:
        """Whether a wrong option of this multiple choice is printed in the sheet's header, which
        gives it another part ("Author: ..., clerk of the court" beside "Before which judge ...?"
        offering that clerk), so a student strikes it out unasked."""
        if self.header is None or q.style != "multiple_choice" or q.template_id in self.classes:
            return False
        named = self.header_named.get(q.id)
        if named is None:  # asked again at every turn of the section: worked out once
            named = self.header_named[q.id] = any(shows(self.header.shown, fold(o)) for o in q.options
                                                  if o != q.answer and worth_checking(fold(o)))
        return named

    def offered_by(self, q: Question) -> set[str]:
        """A multiple choice question's options, answer included, as option keys; none for
        true/false, nor for a template whose options are classes (whose view: 'Soviet comrades'
        answers many passages, so knowing one answer eliminates nothing elsewhere)."""
        if q.style != "multiple_choice" or q.template_id in self.classes:
            return set()
        keys = self.option_keys.get(q.id)
        if keys is None:
            keys = self.option_keys[q.id] = {option_key(str(o)) for o in q.options}
        return keys


def _stem(q: Question) -> str:
    """What a question shows before it is answered, folded: its prompt and a fill-in's sentence."""
    return fold(f"{q.prompt} {q.cloze_plain}" if q.cloze else q.prompt)


def class_templates(pool: list[Question]) -> frozenset[str]:
    """The multiple choice templates of which two questions give one answer: their options are
    classes ('Soviet comrades', 'the ambassador's report'), not the one fact each belongs to."""
    seen: set[tuple[str, str]] = set()
    classes: set[str] = set()
    for q in pool:
        if q.style == "multiple_choice" and q.template_id not in classes:
            key = (q.template_id, option_key(str(q.answer)))
            if key in seen:
                classes.add(q.template_id)
            seen.add(key)
    return frozenset(classes)


HEADER_CLASH = "its answer is printed in the sheet's header"
SAME_OPTIONS = "it prints the options another multiple choice on the sheet prints"


def _option_set(q: Question) -> frozenset[str]:
    return frozenset(option_key(str(o)) for o in q.options)


def header_profile(spec: WorksheetSpec, project: Project, recipe: DeckRecipe) -> Profile:
    """The header's text as a question that shows it and asks nothing (see page.html.j2)."""
    printed = [spec.title, spec.instructions]
    for source_id in recipe.sources:
        source = project.sources.get(source_id)
        if source is not None:
            printed += [source.citation, source.author or ""]
    return Profile(fold(" \n ".join(p for p in printed if p)), frozenset(), frozenset(), False)


def worksheet_pool(rendered: RenderResult) -> list[Question]:
    return [q for q in rendered.questions if "worksheet" in q.targets]


def choose_versions(spec: WorksheetSpec, project: Project, recipe: DeckRecipe,
                    rendered: RenderResult, letters: list[str],
                    shortfalls: list[Shortfall] | None = None) -> dict[str, list[Section]]:
    """Each version's sections, in the recipe's order (not yet shuffled or numbered)."""
    pool = worksheet_pool(rendered)
    facts = deck_facts(project, recipe)
    header = header_profile(spec, project, recipe)
    chosen: dict[str, list[Section]] = {}
    earlier: set[str] = set()  # question ids an earlier version holds
    first: list[Section] | None = None
    classes = class_templates(pool)
    for letter in letters:
        def choose(left_out: frozenset[str]):
            found: list[Shortfall] = []
            return _choose(spec, header, pool, facts, letter, earlier, first, found, classes, left_out), found
        def struck(questions: list[Question]) -> int:  # options the header names (see _Sheet)
            sheet = _Sheet(header=header, classes=classes)
            return sum(sheet.header_names_option(q) for q in questions)
        sections, found = fewest_tells(choose, _questions, choose(frozenset()), struck)
        if first is None and shortfalls is not None:
            shortfalls.extend(found)
        if first is None:
            first = sections
        earlier.update(i.question.id for s in sections for i in s.items if i.question is not None)
        chosen[letter] = sections
    return chosen


def _questions(chosen: tuple[list[Section], list]) -> list[Question]:
    return [item.question for section in chosen[0] for group in section.groups for item in group.items
            if item.question is not None]


def _counts(section, pool: list[Question]) -> dict[str, int | None]:
    """What a section asks for; without 'questions:' every question of its topic, in bank order
    (styles the bank order does not know, such as a new template style, last)."""
    if section.counts is not None:
        return section.counts
    styles = dict.fromkeys(q.style for q in pool if q.topic == section.topic)
    return dict.fromkeys([*BANK_ORDER, *(s for s in styles if s not in BANK_ORDER)])


def _slots(spec: WorksheetSpec, pool: list[Question]):
    """(section index, kind, count) of every section, in the recipe's order."""
    for i, section in enumerate(spec.sections):
        yield from ((i, kind, count) for kind, count in _counts(section, pool).items())


@dataclass
class _Slot:
    """One section's request for one kind: its ranked candidates and what it has taken."""

    index: int
    kind: str
    count: int | None
    candidates: list[Question]
    ranked: list[Question]
    needs: Counter | None = None      # per-version draw: (template, points) still to match
    target: list[Item] | None = None  # per-version draw: the first version's questions here
    chosen: list[Question] = field(default_factory=list)
    left_out: set[str] = field(default_factory=set)
    in_header: int = 0  # of left_out: answers the header prints
    same_options: int = 0  # of left_out: options another multiple choice prints
    tried: int = 0

    @property
    def full(self) -> bool:
        return self.count is not None and len(self.chosen) >= self.count


def _choose(spec, header, pool, facts, letter, earlier, first, shortfalls, classes=frozenset(),
            left_out=frozenset()) -> list[Section]:
    """One version's sections; ``left_out``: questions not to take (see lone_answers.fewest_tells)."""
    sheet = _Sheet(header=header, classes=classes)
    picked: dict[tuple[int, str], list[Item]] = {}
    slots, every = [], []
    by_place: dict[tuple[str, str], list[Question]] = {}  # (topic, style) -> questions, in pool order
    for q in pool:
        by_place.setdefault((q.topic, q.style), []).append(q)
    for i, kind, count in _slots(spec, pool):
        section = spec.sections[i]
        if kind == CHART:
            picked[(i, kind)] = _chart_items(spec, [f for f in facts if f.topic == section.topic],
                                             count, sheet)
            continue
        candidates = list(by_place.get((section.topic, kind), ()))
        if count is None:  # 'all': the teacher asked for every question (a bank), taken last
            every.append((i, kind, candidates))
            continue
        drawn = section.draw == "per-version"
        ranked = sorted((q for q in candidates if q.id not in left_out), key=lambda q: (drawn and q.id in earlier,
                                                   stable_seed("worksheet", letter if drawn else "",
                                                               q.guid_key)))
        slot = _Slot(i, kind, count, candidates, ranked)
        if drawn and first is not None:
            slot.target = _first_items(first, i, kind)
            slot.count = len(slot.target)  # as many as the first version holds, same points
            slot.needs = Counter((t.question.template_id, t.points) for t in slot.target)
        slots.append(slot)
    # Exhibits first (whole), then the other requests one question at a time in turn,
    # so that no kind takes every fact before the next kind has had a turn; the requests
    # with the fewest candidates take their turn first (an essay question that is the
    # topic's only one is not crowded out by a multiple choice that had others to offer).
    for slot in [s for s in slots if s.kind in EXHIBITS]:
        while not slot.full and _take_next(slot, sheet):
            pass
    others = sorted((s for s in slots if s.kind not in EXHIBITS), key=lambda s: len(s.candidates))
    while any([_take_next(s, sheet) for s in others if not s.full]):
        pass
    for i, kind, candidates in every:
        picked[(i, kind)] = _take_all(candidates, sheet)
    for slot in slots:
        _fill_from_first_version(slot, sheet)
        order = {q.id: n for n, q in enumerate(slot.candidates)}
        picked[(slot.index, slot.kind)] = [
            Item(kind=q.style, points=q.points, question=_without_options_shown(q, sheet))
            for q in sorted(slot.chosen, key=lambda q: order.get(q.id, len(order)))]
        if len(slot.chosen) < slot.count and shortfalls is not None:
            section = spec.sections[slot.index]
            shortfalls.append(Shortfall(slot.index, section.title, section.topic, slot.kind, slot.count,
                                        len(slot.candidates), len(slot.chosen), len(slot.left_out),
                                        slot.in_header, slot.same_options))
    sections = []
    for i, section in enumerate(spec.sections):
        groups = [Group(kind, picked[(i, kind)]) for kind in _counts(section, pool)
                  if picked.get((i, kind))]
        sections.append(Section(section.topic, section.title, groups))
    return sections


def _first_items(first: list[Section], index: int, kind: str) -> list[Item]:
    return [item for group in first[index].groups if group.kind == kind for item in group.items]


def _take_all(candidates: list[Question], sheet: _Sheet) -> list[Item]:
    items = [Item(kind=q.style, points=q.points, question=q) for q in candidates
             if q.id not in sheet.placed]
    for item in items:
        sheet.add(item, profile(item))
    return items


def _take_next(slot: _Slot, sheet: _Sheet) -> bool:
    """Add the slot's best remaining candidate that fits the sheet; False when none is left.

    Candidates on facts the sheet does not ask about yet come first: those offering no one the
    header names before those that do (a wrong option the header gives a part is struck out
    unasked), then those offering none of the sheet's options before the others, then those
    leaving no answer printed only where it is right (see ``lone_answers.tells``), then those
    left with two wrong options or more once the ones the sheet shows are struck; with a
    per-version draw, only candidates matching the first version's template and points, then
    its points.
    """
    fresh = [q for q in slot.ranked if not {f.id for f in q.facts} & sheet.facts]
    fresh.sort(key=lambda q: (sheet.header_names_option(q), sheet.crosses(q), tells(sheet.choices, q),
                              sheet.strikes_too_many(q)))  # stable: ranked order kept
    fresh_ids = {q.id for q in fresh}
    stale = [q for q in slot.ranked if q.id not in fresh_ids]
    rules = (_same_template, _same_points) if slot.needs is not None else (_anything,)
    for rule in rules:
        for q in fresh + stale:
            if q.id in sheet.placed or q.id in slot.left_out or not rule(q, slot.needs):
                continue
            item = Item(kind=q.style, points=q.points, question=q)
            prof = profile(item)
            why = sheet.fits(prof)
            if why and why != HEADER_CLASH:
                q, item, prof, why = _without_options_asked(q, item, prof, sheet, why)
            if not why and sheet.repeats_options(q):
                why = SAME_OPTIONS
            if why:
                slot.left_out.add(q.id)
                slot.in_header += why == HEADER_CLASH
                slot.same_options += why == SAME_OPTIONS
                continue
            sheet.add(item, prof)
            slot.chosen.append(q)
            if slot.needs is not None:
                _use(slot.needs, q)
            return True
    return False


MIN_WRONG = 2  # wrong options a multiple choice keeps when some are left out for the sheet


def _without_options_asked(q: Question, item: Item, prof: Profile, sheet: _Sheet, why: str):
    """A multiple choice whose wrong options give away what the sheet's other questions ask
    (a census page's '58 souls' offered for Cornwall, asked for Tipperary), with those options
    left out, when it keeps at least ``MIN_WRONG`` wrong ones and then fits; else as it was.
    The question survives on the sheet with fewer options instead of being left off."""
    if q.style != "multiple_choice" or q.correct is None or q.template_id in sheet.classes:
        return q, item, prof, why
    asked = [term for chosen in sheet.profiles for term in chosen.asked]
    keep = [o for o in q.options if o == q.answer or not any(shows(fold(o), term) for term in asked)]
    if len(keep) == len(q.options) or len(keep) - 1 < MIN_WRONG:
        return q, item, prof, why
    fewer = replace(q, options=keep, correct=keep.index(q.answer))
    fewer_item = Item(kind=fewer.style, points=fewer.points, question=fewer)
    fewer_prof = profile(fewer_item)
    fits = sheet.fits(fewer_prof)
    return (fewer, fewer_item, fewer_prof, None) if fits is None else (q, item, prof, why)


def _without_options_shown(q: Question, sheet: _Sheet) -> Question:
    """Once the sheet is chosen: a figure multiple choice without the wrong options its other
    questions show, when it keeps at least ``MIN_WRONG`` wrong ones (else as it was: one that
    would keep fewer was taken last, see ``_take_next``)."""
    shown = sheet.shown_wrong(q)
    if not shown or len(q.options) - 1 - len(shown) < MIN_WRONG:
        return q
    keep = [o for o in q.options if o not in shown]
    return replace(q, options=keep, correct=keep.index(q.answer))


def _fill_from_first_version(slot: _Slot, sheet: _Sheet) -> None:
    """Too few comparable questions for this version: repeat the first version's (same points)."""
    if slot.target is None:
        return
    for item in slot.target:
        q = item.question
        if len(slot.chosen) < len(slot.target) and q.id not in sheet.placed:
            prof = profile(item)
            if not sheet.fits(prof):
                sheet.add(item, prof)
                slot.chosen.append(q)


def _same_template(q: Question, needs: Counter | None) -> bool:
    return needs is not None and needs[(q.template_id, q.points)] > 0


def _same_points(q: Question, needs: Counter | None) -> bool:
    return needs is not None and any(n > 0 and points == q.points for (_, points), n in needs.items())


def _anything(q: Question, needs: Counter | None) -> bool:
    return True


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
    if count is not None and sheet.fits(prof):
        return []
    sheet.add(item, prof)
    return [item]


@dataclass(frozen=True)
class Shortfall:
    """A section that got fewer questions of one style than it asked for, and why."""

    index: int  # the section's place in the recipe
    title: str
    topic: str
    kind: str
    count: int
    made: int
    got: int
    left_out: int  # questions left off because they would give away another's answer
    in_header: int = 0  # of those, questions whose answer the sheet's header prints
    same_options: int = 0  # of those, multiple choice printing another's very options

    def where(self, recipe: DeckRecipe) -> tuple[int, int]:
        """The line and column of the count in the recipe ('short_answer: 4')."""
        try:
            counts = recipe.worksheet["sections"][self.index]["questions"]
            return counts.loc(self.kind)
        except (AttributeError, KeyError, IndexError, TypeError):
            return (1, 1)

    def message(self) -> str:
        """What the section asked for, what it got and the fix on the first line; why the sheet left
        questions off, one reason a line (a teacher reads it in a terminal, not a log)."""
        said = (f"worksheet section '{self.title}' asks for {self.count} {self.kind} question(s) but "
                f"the templates make {self.made} for topic '{self.topic}'; the sheet has {self.got}; "
                f"fix: ask for at most {self.got}, or for another style")
        if not (self.left_out and self.got < self.made):
            return said
        others = self.left_out - self.in_header - self.same_options
        reasons = [f"{others} would give away another question's answer on the sheet"] if others else []
        if self.in_header:
            reasons.append(f"{self.in_header} ask for what the sheet's header prints (its title, instructions "
                           "or source line)")
        if self.same_options:
            reasons.append(f"{self.same_options} would print the same options as another multiple choice on "
                           "the sheet (the two answer each other by elimination)")
        return said + f"; why, of the {self.made}:" + "".join(f"\n  - {reason}" for reason in reasons)

    def located(self, recipe: DeckRecipe) -> str:
        line, col = self.where(recipe)
        return f"{recipe.path}:{line}:{col}: warning: {self.message()}"
