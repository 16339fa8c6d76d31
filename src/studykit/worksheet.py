"""Printable worksheets and their answer keys, in shuffled versions for a class.

A deck recipe's ``worksheet:`` mapping says which questions of which kinds
each section (one per topic) holds.  The questions are the rendered
questions whose template targets ``worksheet``; each prints according to its
style.  The choice of questions depends only on the recipe and the facts, so
every version holds the same questions; the seed then shuffles, per version,
the order of questions within each kind and the options within each
question.  Same seed, same sheets.

Files, per version letter (always lettered, also when there is one version):
``<deck>-worksheet-A.html``/``.pdf`` and ``<deck>-answer-key-A.html``/``.pdf``.
The HTML is self-contained (inline CSS and SVG); the look lives in
``layouts/*.j2``.  PDFs come from WeasyPrint when it can load; otherwise the
HTML is still written and one line says why.
"""

from __future__ import annotations

import random
import string
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from . import chart as charts
from .errors import Problem, UsageError
from .model import DeckRecipe, Fact, Project
from .questions import STYLES, Question, RenderResult, deck_facts, stable_seed
from .schema import Field, check_mapping

CHART = "chart"  # the draw-the-bars exercise, chosen in a section like a question style
KINDS = STYLES + (CHART,)
# Kinds in the order a full question bank prints them: quick ones first, writing last.
BANK_ORDER = ("true_false", "multiple_choice", "matching", "fill_blank", "ordering", "table",
              CHART, "short_answer")
# Paper: CSS page size and width in mm; one margin for both, so a sheet made for
# one paper still fits the other when printed "fit to page".
PAPERS = {"a4": ("A4", 210.0), "letter": ("letter", 215.9)}
MARGINS_MM = (15, 15, 17, 15)  # top, right, bottom, left
# A question estimated taller than this may break across pages; shorter ones never do.
# Well under the printable height of A4 (265 mm) and Letter (247 mm).
TALL_MM = 180
MAX_VARIANTS = len(string.ascii_uppercase)

WORKSHEET_FIELDS = {
    "title": Field("text", hint="default: the deck title"),
    "instructions": Field("text", hint="a paragraph printed under the header"),
    "paper": Field("text", choices=tuple(PAPERS)),
    "variants": Field("integer", hint=f"how many shuffled versions (A, B, ...), 1 to {MAX_VARIANTS}"),
    "seed": Field("integer", hint="the same seed prints the same versions"),
    "sections": Field("list", hint="a list of {topic, title, questions: {style: count}}; "
                      "default: one section per deck topic with every question"),
    "header": Field("texts", hint="the lines students fill in; default: [Name, Class, Date]"),
    "chart": Field("bool", hint="show the chart of requested and promised figures on the answer key"),
    "chart_points": Field("integer", minimum=0, maximum=100, hint="points for the draw-the-bars exercise"),
}
SECTION_FIELDS = {
    "topic": Field("id", required=True, hint="one of the deck's topics"),
    "title": Field("text", hint="default: the topic's title"),
    "questions": Field("mapping", hint="question style -> how many (a number or 'all'); "
                       "default: every question of the topic"),
}


# --- the recipe's worksheet: validation and defaults ----------------------------

def check_worksheet_spec(recipe: DeckRecipe, project: Project, path: str) -> list[Problem]:
    """Problems in a recipe's ``worksheet:`` mapping, each at its path:line:col."""
    data = recipe.worksheet
    where = recipe.spec.loc("worksheet") if hasattr(recipe.spec, "loc") else (1, 1)
    problems = check_mapping(data, WORKSHEET_FIELDS, path, "worksheet", where)
    if problems or not isinstance(data, dict):
        return problems
    loc = data.loc
    variants = data.get("variants", 1)
    if not 1 <= variants <= MAX_VARIANTS:
        problems.append(Problem(path, *loc("variants"), f"worksheet: 'variants' must be 1 to "
                                f"{MAX_VARIANTS} (one letter per version), not {variants}"))
    if data.get("chart_points", 1) < 0:
        problems.append(Problem(path, *loc("chart_points"), "worksheet: 'chart_points' must not be negative"))
    for i, section in enumerate(data.get("sections", [])):
        problems += _check_section(section, data["sections"].loc(i), i, recipe, path)
    return problems


def _check_section(section, where, i: int, recipe: DeckRecipe, path: str) -> list[Problem]:
    what = f"worksheet section #{i + 1}"
    problems = check_mapping(section, SECTION_FIELDS, path, what, where)
    if problems:
        return problems
    if section["topic"] not in recipe.topics:
        problems.append(Problem(path, *section.loc("topic"), f"{what}: topic '{section['topic']}' is "
                                f"not one of the deck's topics: {', '.join(recipe.topics)}"))
    counts = section.get("questions", {})
    for kind, count in counts.items():
        if kind not in KINDS:
            problems.append(Problem(path, *counts.key_loc(kind), _unknown_kind(kind, what)))
        elif count != "all" and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
            problems.append(Problem(path, *counts.loc(kind), f"{what}: '{kind}' must be a number "
                                    f"of questions (0 or more) or 'all', not {count!r}"))
    return problems


def _unknown_kind(kind, what: str) -> str:
    import difflib

    close = difflib.get_close_matches(str(kind), KINDS, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"{what}: unknown question style '{kind}'; {hint}known: {', '.join(KINDS)}"


@dataclass
class SectionSpec:
    topic: str
    title: str
    counts: dict[str, int | None] | None  # kind -> count (None: all); None: every kind, all


@dataclass
class WorksheetSpec:
    """A recipe's worksheet settings with every default filled in."""

    title: str
    instructions: str
    paper: str
    variants: int
    seed: int
    sections: list[SectionSpec]
    header: list[str]
    chart: bool
    chart_points: int


def worksheet_spec(recipe: DeckRecipe, project: Project) -> WorksheetSpec:
    """The recipe's ``worksheet:`` settings; ``worksheet: {}`` gives a full question bank."""
    data = recipe.worksheet or {}
    titles = {t.id: t.title for s in recipe.sources if s in project.sources
              for t in project.sources[s].topics}
    raw_sections = data.get("sections") or [{"topic": topic} for topic in recipe.topics]
    sections = []
    for raw in raw_sections:
        counts = raw.get("questions")
        sections.append(SectionSpec(
            topic=raw["topic"], title=raw.get("title", titles.get(raw["topic"], raw["topic"])),
            counts=None if counts is None else
            {kind: (None if n == "all" else n) for kind, n in counts.items()},
        ))
    return WorksheetSpec(
        title=data.get("title", recipe.title), instructions=data.get("instructions", ""),
        paper=data.get("paper", "a4"), variants=data.get("variants", 1), seed=data.get("seed", 1),
        sections=sections, header=list(data.get("header", ["Name", "Class", "Date"])),
        chart=data.get("chart", True), chart_points=data.get("chart_points", 4),
    )


# --- choosing the questions (the same for every version) ------------------------

@dataclass
class Item:
    """One numbered question as one version prints it.

    ``options`` are in printed order: the lettered options (multiple choice),
    the lettered right column (matching) or the items to number (ordering).
    """

    kind: str
    points: int
    question: Question | None = None
    chart: charts.Chart | None = None
    number: int = 0
    options: list[str] = field(default_factory=list)
    correct: int | None = None
    left: list[str] = field(default_factory=list)
    match_key: list[str] = field(default_factory=list)   # matching: the letter for each left item
    order_key: list[int] = field(default_factory=list)   # ordering: each printed item's place
    rows: list[list[str]] = field(default_factory=list)
    row_facts: list[Fact] = field(default_factory=list)

    @property
    def facts(self) -> list[Fact]:
        return self.question.facts if self.question else self.chart.facts

    @property
    def correct_letter(self) -> str:
        return string.ascii_uppercase[self.correct] if self.correct is not None else ""

    def height_mm(self, key: bool = False) -> float:
        """A rough printed height: enough to tell a question that may not fit on one page."""
        q = self.question
        if q is None:
            return 12 + self.chart.height * 180 / charts.WIDTH
        text_lines = lambda text, per_line=80: -(-len(text) // per_line)  # noqa: E731
        height = 5.3 * text_lines(q.prompt + q.cloze_plain) + 6 * len(q.cloze) / 3
        height += 6.5 * (len(q.options) + len(q.pairs) + len(q.rows))
        if key:
            height += sum(4 * text_lines(" ".join(f.quotes + [f.context]), 110) + 4 for f in q.facts)
        elif q.style == "short_answer":
            height += 8 * q.lines
        return height

    @property
    def tall(self) -> bool:
        """Taller than a page may hold: allowed to flow over a page break (never cut)."""
        return self.height_mm() > TALL_MM

    @property
    def tall_in_key(self) -> bool:
        return self.height_mm(key=True) > TALL_MM


@dataclass
class Group:
    kind: str
    items: list[Item]


@dataclass
class Section:
    topic: str
    title: str
    groups: list[Group]

    @property
    def items(self) -> list[Item]:
        return [item for group in self.groups for item in group.items]

    @property
    def points(self) -> int:
        return sum(item.points for item in self.items)


def choose(spec: WorksheetSpec, project: Project, recipe: DeckRecipe,
           rendered: RenderResult, shortfalls: list[str] | None = None) -> list[Section]:
    """The sheet's questions in study order.

    Where a section asks for N of a kind, questions are ranked by a hash of
    their GUID key (so adding a fact rarely changes the choice) and facts not
    yet asked about on the sheet come first.  A section that asks for more
    than the templates make gets what there is, and ``shortfalls`` a line
    saying so (the teacher may want other kinds or more facts).
    """
    pool = [q for q in rendered.questions if "worksheet" in q.targets]
    facts = deck_facts(project, recipe)
    used_facts: set[str] = set()
    placed: set[str] = set()  # a topic may have several sections; a question appears once
    sections = []
    for section in spec.sections:
        in_topic = [q for q in pool if q.topic == section.topic and q.id not in placed]
        counts = section.counts if section.counts is not None else dict.fromkeys(BANK_ORDER)
        groups = []
        for kind, count in counts.items():
            if kind == CHART:
                items = _chart_items(spec, [f for f in facts if f.topic == section.topic], count)
            else:
                picked = _pick([q for q in in_topic if q.style == kind], count, used_facts)
                placed.update(q.id for q in picked)
                if count is not None and len(picked) < count and shortfalls is not None:
                    shortfalls.append(
                        f"{recipe.path}: worksheet section '{section.title}' asks for {count} "
                        f"{kind} question(s) but the templates make {len(picked)} for topic "
                        f"'{section.topic}'; the sheet has {len(picked)}")
                items = [Item(kind=kind, points=q.points, question=q) for q in picked]
            if items:
                groups.append(Group(kind, items))
        sections.append(Section(section.topic, section.title, groups))
    return sections


def _pick(candidates: list[Question], count: int | None, used_facts: set[str]) -> list[Question]:
    if count is None:
        chosen = candidates
    else:
        ranked = sorted(candidates, key=lambda q: stable_seed("worksheet", q.guid_key))
        fresh = [q for q in ranked if not {f.id for f in q.facts} & used_facts]
        chosen = (fresh + [q for q in ranked if q not in fresh])[:count]
    for question in chosen:
        used_facts.update(f.id for f in question.facts)
    ids = {q.id for q in chosen}
    return [q for q in candidates if q.id in ids]  # back in study order


def _chart_items(spec: WorksheetSpec, facts: list[Fact], count: int | None) -> list[Item]:
    figure = charts.figure_chart(facts)
    if figure is None or count == 0:
        return []
    return [Item(kind=CHART, points=spec.chart_points, chart=figure)]


# --- one version: shuffled from the seed ----------------------------------------

def letters(count: int) -> list[str]:
    return list(string.ascii_uppercase[:count])


def version(sections: list[Section], deck_id: str, seed: int, letter: str) -> list[Section]:
    """The sections as version ``letter`` prints them: shuffled, then numbered."""
    rng = random.Random(stable_seed("worksheet-version", deck_id, str(seed), letter))
    printed, number = [], 0
    for section in sections:
        groups = []
        for group in section.groups:
            items = [_shuffled_item(item, rng) for item in group.items]
            rng.shuffle(items)
            groups.append(Group(group.kind, items))
        for item in (i for g in groups for i in g.items):
            number += 1
            item.number = number
        printed.append(Section(section.topic, section.title, groups))
    return printed


def _shuffled_item(base: Item, rng: random.Random) -> Item:
    item = Item(kind=base.kind, points=base.points, question=base.question, chart=base.chart)
    q = base.question
    if q is None:
        return item
    if q.style == "multiple_choice":
        order = _permutation(len(q.options), rng)
        item.options = [q.options[i] for i in order]
        item.correct = order.index(q.correct)
    elif q.style == "true_false":
        item.options, item.correct = ["True", "False"], 0 if q.truth else 1
    elif q.style == "matching":
        lefts = _permutation(len(q.pairs), rng)
        rights = _permutation(len(q.pairs), rng, avoid=lefts)
        item.left = [q.pairs[i][0] for i in lefts]
        item.options = [q.pairs[i][1] for i in rights]
        item.match_key = [string.ascii_uppercase[rights.index(i)] for i in lefts]
    elif q.style == "ordering":
        order = _permutation(len(q.order), rng, avoid=list(range(len(q.order))))
        item.options = [q.order[i] for i in order]
        item.order_key = [i + 1 for i in order]
    elif q.style == "table":
        order = _permutation(len(q.rows), rng)
        item.rows = [q.rows[i] for i in order]
        item.row_facts = [q.facts[i] for i in order]
    return item


def _permutation(n: int, rng: random.Random, avoid: list[int] | None = None) -> list[int]:
    """A shuffled range(n), unlike ``avoid`` when possible (so the answer is never given away)."""
    order = list(range(n))
    for _ in range(10):
        rng.shuffle(order)
        if order != avoid or n < 2:
            break
    return order


# --- rendering and writing ------------------------------------------------------

@dataclass
class Sheet:
    """Everything a layout needs to print one worksheet or answer key."""

    title: str
    letter: str
    variants: int
    key: bool
    paper: str
    header: list[str]
    instructions: str
    sections: list[Section]
    sources: list[Any]
    chart_svg: str = ""
    chart_facts: list[Fact] = field(default_factory=list)

    @property
    def points(self) -> int:
        return sum(s.points for s in self.sections)

    @property
    def count(self) -> int:
        return sum(len(s.items) for s in self.sections)

    @property
    def citations(self) -> dict[str, str]:
        return {source.id: source.citation for source in self.sources}

    @property
    def page_size(self) -> str:
        return PAPERS[self.paper][0]

    @property
    def page_margin(self) -> str:
        return " ".join(f"{mm}mm" for mm in MARGINS_MM)


def content_width_mm(paper: str) -> float:
    """The printable width of a page: what no question may be wider than."""
    return PAPERS[paper][1] - MARGINS_MM[1] - MARGINS_MM[3]


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(charts.LAYOUTS), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.globals.update(letters=string.ascii_uppercase, chart_svg=charts.chart_svg,
                       blank_width=blank_width)
    return env


def blank_width(term: str) -> float:
    """The width of a fill-in blank in em: room for handwriting the term, never a giveaway."""
    return round(min(max(3.0, 0.55 * len(term) + 2.0), 24.0), 1)


def render_sheet(sheet: Sheet) -> str:
    layout = "answer-key.html.j2" if sheet.key else "worksheet.html.j2"
    return _environment().get_template(layout).render(sheet=sheet)


def sheets(project: Project, recipe: DeckRecipe, rendered: RenderResult, *,
           variants: int | None = None, seed: int | None = None,
           shortfalls: list[str] | None = None) -> list[tuple[Sheet, Sheet]]:
    """(worksheet, answer key) per version; command-line values override the recipe's."""
    spec = worksheet_spec(recipe, project)
    count = spec.variants if variants is None else variants
    seed = spec.seed if seed is None else seed
    if not 1 <= count <= MAX_VARIANTS:
        raise UsageError(f"--variants must be 1 to {MAX_VARIANTS} (one letter per version), not {count}")
    chosen = choose(spec, project, recipe, rendered, shortfalls)
    sources = [project.sources[s] for s in recipe.sources if s in project.sources]
    # The answer key shows the chart unless the sheet already asks students to draw it.
    exercise = any(g.kind == CHART for s in chosen for g in s.groups)
    figure = charts.figure_chart(deck_facts(project, recipe)) if spec.chart and not exercise else None
    key_chart = charts.chart_svg(figure, pattern_id="hatch-key") if figure else ""
    pairs = []
    for letter in letters(count):
        common = dict(title=spec.title, letter=letter, variants=count, paper=spec.paper,
                      header=spec.header, instructions=spec.instructions, sources=sources,
                      sections=version(chosen, recipe.id, seed, letter))
        key = Sheet(key=True, chart_svg=key_chart, chart_facts=figure.facts if figure else [], **common)
        pairs.append((Sheet(key=False, **common), key))
    return pairs


_said: set[str] = set()


def _tell_once(message: str) -> None:
    if message not in _said:
        _said.add(message)
        print(message, file=sys.stderr)


def write_worksheets(project: Project, recipe: DeckRecipe, rendered: RenderResult, stage, *,
                     variants: int | None = None, seed: int | None = None,
                     notify: Callable[[str], None] | None = None) -> list[str]:
    """Write every version's worksheet and answer key (HTML, and PDF when possible) into ``stage``.

    Returns the names written, relative to the output folder.  When no PDF can
    be made, or a section asks for more questions than there are, ``notify``
    (default: standard error, once) gets one line saying so.
    """
    from . import pdf

    notify = notify or _tell_once
    names: list[str] = []
    pdf_reason = None
    shortfalls: list[str] = []
    versions = sheets(project, recipe, rendered, variants=variants, seed=seed, shortfalls=shortfalls)
    for message in shortfalls:
        notify(message)
    for worksheet, key in versions:
        for sheet, kind in ((worksheet, "worksheet"), (key, "answer-key")):
            base = f"{recipe.id}-{kind}-{sheet.letter}"
            html = render_sheet(sheet)
            stage.path(f"{base}.html").write_text(html, encoding="utf-8")
            names.append(f"{base}.html")
            if pdf_reason is None:
                try:
                    data = pdf.html_to_pdf(html)
                except pdf.PdfUnavailable as err:
                    pdf_reason = str(err)
                    continue
                stage.path(f"{base}.pdf").write_bytes(data)
                names.append(f"{base}.pdf")
    if pdf_reason:
        notify(pdf_reason)
    return names
