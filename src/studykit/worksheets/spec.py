"""The recipe's ``worksheet:`` mapping: validation (path:line:col) and defaults.

Everything a teacher may set about a printed sheet lives here, including the
printed words (``labels:``) so a sheet can be in the teacher's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Problem
from ..model import DeckRecipe, Project
from ..questions import STYLES
from ..schema import Field, check_mapping, did_you_mean

CHART = "chart"  # the draw-the-bars exercise, chosen in a section like a question style
# Every style the sheet knows how to print; a style added later prints like a short answer.
KINDS = tuple(STYLES) + tuple(s for s in ("essay",) if s not in STYLES) + (CHART,)
# Kinds in the order a full question bank prints them: quick ones first, writing last.
BANK_ORDER = ("true_false", "multiple_choice", "matching", "fill_blank", "ordering", "table",
              CHART, "short_answer", "essay")
# Styles that show several facts at once (a table, a chart, a matching grid): chosen first,
# so that no quicker question on the same facts can be picked before them and give them away.
EXHIBITS = ("table", CHART, "matching")
DRAWS = ("same", "per-version")
PAPERS = {"a4": ("A4", 210.0), "letter": ("letter", 215.9)}
MAX_VARIANTS = 26

# The words printed on sheets and keys.  A recipe's ``labels:`` replaces any of them.
LABELS = {
    "worksheet": "Worksheet",
    "answer_key": "Answer key",
    "version": "Version",
    "page": "Page",
    "of": "of",
    "name": "Name",
    "class": "Class",
    "date": "Date",
    "total": "Total",
    "point": "point",
    "points": "points",
    "per_blank": "per blank",
    "source": "Source",
    "author": "Author",
    "continued": "continued",
    "answer": "Answer",
    "quick_answers": "Quick answers",
    "question_number": "No.",
    "see_chart": "see the chart",
    "true": "True",
    "false": "False",
    "correct_statement": "The source says",
    "letter": "Letter",
    "marking_points": "Marking points",
    "model_answer": "Model answer",
    "also_accept": "Also accept",
    "any_order": "in any order",
    "fact": "Fact",
    "quotes_from": "Quotes are from",
    "background": "Background, not from the source",
    "no_unit": "no unit in the source",
    "about": "about",
    "figures_at_a_glance": "The figures at a glance",
    "drawn_from": "Drawn from the facts",
    "requested": "Requested",
    "promised": "Promised",
    "in_unit": "In",
    "no_unit_panel": "Figures without a unit in the source",
    "not_given": "not given in the source",
    "no_bar_no_unit": "no unit given in the source (no bar)",
    "no_bar_other_unit": "(another unit, no bar)",
    "chart_task": ("Draw a bar for each figure the source gives: hatched for the amount requested, "
                   "solid for the amount promised. Each panel has its own unit and scale."),
    "chart_key_task": "Draw the bars (the chart as it should look).",
    "chart_slots": "R, P: where a requested or promised bar goes",
    "spare_options": "Some items on the right are not used.",
    # one line of instructions above each kind of question
    "multiple_choice": "Circle the letter of the best answer.",
    "true_false": "Tick True or False for each statement.",
    "matching": "Write the letter of the matching item in the box next to each number.",
    "ordering": "Number the items in the order the source gives them (1 = first).",
    "table": "Fill in the empty cells.",
    "chart": "Draw the bars on the empty chart.",
    "short_answer": "Answer on the lines.",
    "essay": "Answer in full sentences, with evidence from the source.",
    "fill_blank": "Write the missing words on the blanks.",
}

WORKSHEET_FIELDS = {
    "title": Field("text", hint="default: the deck title"),
    "instructions": Field("text", hint="a paragraph printed under the header"),
    "paper": Field("text", choices=tuple(PAPERS)),
    "variants": Field("integer", hint=f"how many shuffled versions (A, B, ...), 1 to {MAX_VARIANTS}"),
    "seed": Field("integer", hint="the same seed prints the same versions"),
    "draw": Field("text", choices=DRAWS, hint="per-version: each version draws other, comparable "
                  "questions from the pool; same (default): every version holds the same questions"),
    "sections": Field("list", hint="a list of {topic, title, questions: {style: count}}; "
                      "default: one section per deck topic with every question"),
    "header": Field("texts", hint="the lines students fill in; default: [Name, Class, Date]"),
    "labels": Field("mapping", hint="printed words to replace, e.g. {name: Jméno, total: Celkem}"),
    "chart": Field("bool", hint="show the chart of requested and promised figures on the answer key"),
    "chart_points": Field("integer", minimum=0, maximum=100, hint="points for the draw-the-bars exercise"),
}
SECTION_FIELDS = {
    "topic": Field("id", required=True, hint="one of the deck's topics"),
    "title": Field("text", hint="default: the topic's title"),
    "questions": Field("mapping", hint="question style -> how many (a number or 'all'); "
                       "default: every question of the topic"),
    "draw": Field("text", choices=DRAWS, hint="overrides the worksheet's 'draw' for this section"),
}
LABEL_FIELDS = {key: Field("text", hint=f"default: {value!r}") for key, value in LABELS.items()}


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
    if "labels" in data:
        problems += check_mapping(data["labels"], LABEL_FIELDS, path, "worksheet labels", loc("labels"))
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
    return f"{what}: unknown question style '{kind}'; {did_you_mean(kind, KINDS)}known: {', '.join(KINDS)}"


@dataclass
class SectionSpec:
    """What the recipe asks of one section: its topic, title, counts per kind and drawing."""

    topic: str
    title: str
    counts: dict[str, int | None] | None  # kind -> count (None: all); None: every kind, all
    draw: str = "same"
    index: int = 0  # position in the recipe's list (for messages)


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
    labels: dict[str, str] = field(default_factory=lambda: dict(LABELS))


def worksheet_spec(recipe: DeckRecipe, project: Project) -> WorksheetSpec:
    """The recipe's ``worksheet:`` settings; ``worksheet: {}`` gives a full question bank."""
    data = recipe.worksheet or {}
    labels = {**LABELS, **{k: str(v) for k, v in (data.get("labels") or {}).items() if k in LABELS}}
    titles = {t.id: t.title for s in recipe.sources if s in project.sources
              for t in project.sources[s].topics}
    raw_sections = data.get("sections") or [{"topic": topic} for topic in recipe.topics]
    draw = data.get("draw", "same")
    sections = []
    for i, raw in enumerate(raw_sections):
        counts = raw.get("questions")
        sections.append(SectionSpec(
            topic=raw["topic"], title=raw.get("title", titles.get(raw["topic"], raw["topic"])),
            counts=None if counts is None else
            {kind: (None if n == "all" else n) for kind, n in counts.items()},
            draw=raw.get("draw", draw), index=i,
        ))
    return WorksheetSpec(
        title=data.get("title", recipe.title), instructions=data.get("instructions", ""),
        paper=data.get("paper", "a4"), variants=data.get("variants", 1), seed=data.get("seed", 1),
        sections=sections,
        header=list(data.get("header", [labels["name"], labels["class"], labels["date"]])),
        chart=data.get("chart", True), chart_points=data.get("chart_points", 4), labels=labels,
    )
