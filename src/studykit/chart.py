"""A bar chart of figure facts: what was requested next to what was promised.

Pictures teach comparisons better than a table, so the answer key shows the
figures as bars, and a worksheet can print the same chart without its bars
for students to draw.  This module only computes geometry (in SVG user units)
from the ``requested``/``promised`` data of figure facts; the drawing itself
is the Jinja layout ``layouts/chart.svg.j2``.

Honesty rules: values of different units, or of different kinds of quantity
(a fact's ``category``: a yearly capacity is not a delivery), never share an
axis (one panel each); a value whose unit the source does not give gets no
bar, only a note saying so; a value the source hedges (``data.approximate``)
is labelled "about" and drawn with a dashed outline.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .model import Fact
from .quotes import format_number

SIDES = ("requested", "promised")
LAYOUTS = Path(__file__).parent / "layouts"

WIDTH = 680          # the whole chart, in SVG user units (scaled to the page width)
LABEL_WIDTH = 205    # the item label column
BAR_LEFT = 215
BAR_RIGHT = 560      # leaves room for value labels right of the longest bar
BAR_HEIGHT = 12
BAR_GAP = 3
LINE_HEIGHT = 13
LABEL_CHARS = 32     # characters of an item label per line at 11 units
ROW_PADDING = 10
LEGEND_HEIGHT = 30
PANEL_TITLE_HEIGHT = 22
AXIS_HEIGHT = 26
PANEL_GAP = 14


@dataclass
class Bar:
    """A side drawn as a bar: its value, label and place."""

    side: str
    value: float
    label: str          # the value with its unit, e.g. "75,000 tons"
    y: float
    width: float
    approximate: bool = False


@dataclass
class Note:
    """A side that gets no bar: not given at all, or given without a unit / in another unit."""

    side: str
    y: float
    value: str = ""     # the number as the source gives it ("" when not given)
    unit: str | None = None

    @property
    def shown(self) -> str:
        """The number with its unit as documents print it ('450,000 tons', '£450,000')."""
        from .questions.figure_text import with_unit

        return with_unit(self.value, self.unit)


@dataclass
class Row:
    """One fact's row: its label lines, bars and notes."""

    fact_id: str
    label_lines: list[str]
    y: float
    height: float
    bars: list[Bar] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass
class Tick:
    """A mark on the value axis."""

    x: float
    label: str


@dataclass
class Panel:
    """The rows that share one axis: one unit and one category."""

    unit: str | None
    category: str | None
    y: float
    height: float
    rows: list[Row]
    ticks: list[Tick]
    axis_y: float
    category_words: str = ""  # the category as the panel's title prints it ('aid from Ohio')


@dataclass
class Chart:
    """The whole chart: its panels, the facts it shows and its size."""

    panels: list[Panel]
    facts: list[Fact]
    width: float = WIDTH
    height: float = 0

    @property
    def bar_count(self) -> int:
        return sum(len(row.bars) for panel in self.panels for row in panel.rows)


def charted(fact: Fact) -> bool:
    """A figure fact with a requested and/or promised value."""
    return fact.kind == "figure" and any(side in fact.data for side in SIDES)


def figure_chart(facts: list[Fact], labels: dict[str, str] | None = None) -> Chart | None:
    """Lay out every charted fact of ``facts``, one panel per unit and category; None when none qualify.

    ``labels`` gives the word for "about" on approximate values (default English).
    """
    chosen = [f for f in facts if charted(f)]
    if not chosen:
        return None
    about = (labels or {}).get("about", "about")
    by_panel: dict[tuple[str | None, str | None], list[Fact]] = {}
    for fact in chosen:
        by_panel.setdefault((_panel_unit(fact), getattr(fact, "category", None)), []).append(fact)
    chart = Chart(panels=[], facts=chosen)
    y = LEGEND_HEIGHT
    for (unit, category), members in by_panel.items():
        panel = _panel(unit, category, members, y, about)
        chart.panels.append(panel)
        y += panel.height + PANEL_GAP
    chart.height = y - PANEL_GAP
    return chart


def side_unit(fact: Fact, side: str) -> str | None:
    """The unit of one side ('value', 'requested', 'promised'): its own, else the figure's; None: no unit."""
    return fact.data.get(f"{side}_unit", fact.data.get("unit"))


def _panel_unit(fact: Fact) -> str | None:
    """The unit of the fact's bars: the promised side's, else the requested side's."""
    for side in reversed(SIDES):
        if side in fact.data and side_unit(fact, side):
            return side_unit(fact, side)
    return None


def _panel(unit: str | None, category: str | None, facts: list[Fact], top: float, about: str) -> Panel:
    values = [f.data[s] for f in facts for s in SIDES if s in f.data and side_unit(f, s) == unit]
    step, scale_top = nice_scale(max(values, default=0))
    span = BAR_RIGHT - BAR_LEFT
    x_of = lambda value: span * value / scale_top  # noqa: E731
    y = top + PANEL_TITLE_HEIGHT
    rows = []
    for fact in facts:
        row = _row(fact, unit, y, x_of, about)
        rows.append(row)
        y += row.height
    ticks = [Tick(BAR_LEFT + x_of(i * step), format_number(i * step))
             for i in range(round(scale_top / step) + 1)]
    return Panel(unit, category, top, y + AXIS_HEIGHT - top, rows, ticks, y,
                 category_words(category, facts) if category else "")


def category_words(category: str, facts: list[Fact]) -> str:
    """A category id as words, each spelled as the facts write it inside a sentence: an id is
    lower case, the names in it are not ('aid-from-ohio' -> 'aid from Ohio', when the
    facts write "grain from Ohio"; 'delivery' stays 'delivery')."""
    texts = [str(f.data.get("item", "")) for f in facts] + [f.statement for f in facts]
    return " ".join(_as_written(word, texts) for word in category.split("-"))


def _as_written(word: str, texts: list[str]) -> str:
    """``word`` capitalised as the texts always write it where no sentence starts, else as it is."""
    spellings = {match.group(0) for text in texts
                 for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
                 if not re.search(r"(^|[.!?:]\s+)$", text[:match.start()])}
    if len(spellings) == 1:
        written = spellings.pop()
        if written[:1].isupper():
            return written
    return word


def _row(fact: Fact, unit: str | None, top: float, x_of, about: str = "about") -> Row:
    from .questions.figure_text import hedge_words, side_hedge, with_unit  # loaded already wherever a chart is drawn

    lines = wrap(str(fact.data.get("item", fact.id)), LABEL_CHARS)
    height = max(len(lines) * LINE_HEIGHT, 2 * BAR_HEIGHT + BAR_GAP) + ROW_PADDING
    row = Row(fact.id, lines, top, height)
    for i, side in enumerate(SIDES):
        y = top + ROW_PADDING / 2 + i * (BAR_HEIGHT + BAR_GAP)
        unit_here = side_unit(fact, side)
        if side not in fact.data:
            row.notes.append(Note(side, y))
        elif unit_here != unit or unit is None:
            row.notes.append(Note(side, y, format_number(fact.data[side]), unit_here))
        else:
            value = fact.data[side]
            hedge = hedge_words(side_hedge(fact.data, side), about)  # 'about', or 'over'
            hedged = bool(hedge)
            label = f"{hedge + ' ' if hedged else ''}{with_unit(format_number(value), unit)}"
            row.bars.append(Bar(side, value, label, y, x_of(value), hedged))
    return row


def nice_scale(maximum: float, ticks: int = 4) -> tuple[float, float]:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) and the axis end it gives."""
    if maximum <= 0:
        return 1, 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return step, math.ceil(maximum / step - 1e-9) * step


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` characters at spaces."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@lru_cache(maxsize=1)
def _environment():
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    from .questions import snippetcache

    env = SandboxedEnvironment(loader=jinja2.FileSystemLoader(LAYOUTS), autoescape=True,
                               trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    snippetcache.attach(env)  # the compiled layout is kept between builds
    return env


def chart_svg(chart: Chart, blank: bool = False, pattern_id: str = "hatch", env=None,
              labels: dict[str, str] | None = None) -> str:
    """The chart as inline SVG markup; ``blank`` leaves out bars and values (an exercise).

    ``pattern_id`` must be unique within one HTML page that holds several charts;
    ``env`` is the worksheet's Jinja environment (a project's own layouts first).
    """
    from markupsafe import Markup

    from .worksheets.spec import LABELS

    template = (env or _environment()).get_template("chart.svg.j2")
    return Markup(template.render(chart=chart, blank=blank, pattern_id=pattern_id,
                                  labels={**LABELS, **(labels or {})},
                                  bar_left=BAR_LEFT, bar_right=BAR_RIGHT, bar_height=BAR_HEIGHT,
                                  label_width=LABEL_WIDTH, line_height=LINE_HEIGHT))
