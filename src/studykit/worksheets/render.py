"""Printing a sheet: the Jinja layouts (a project's ``layouts/`` first), and the
small pieces of wording the layouts need (points, quick answers, titles).

Layouts run sandboxed with autoescaping and StrictUndefined, since a project
may bring its own.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .. import chart as charts
from ..errors import InvalidContent, Problem
from ..model import Fact
from ..questions import snippetcache
from ..questions.punctuation import quoted
from .items import Item, Section
from .spec import PAPERS

MARGINS_MM = (15, 15, 17, 15)  # top, right, bottom, left: one margin for A4 and Letter
PACKAGED_LAYOUTS = charts.LAYOUTS
QUICK_CHARS = 90  # a quick answer longer than this is cut with "…" (the full one follows)
FRACTIONS = {Fraction(1, 2): "½", Fraction(1, 3): "⅓", Fraction(2, 3): "⅔", Fraction(1, 4): "¼",
             Fraction(3, 4): "¾"}


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
    labels: dict[str, str] = field(default_factory=dict)
    chart_svg: str = ""
    chart_facts: list[Fact] = field(default_factory=list)
    layouts: Path | None = None  # the project's own layouts folder, when it has one

    @property
    def points(self) -> int:
        return sum(s.points for s in self.sections)

    @property
    def count(self) -> int:
        return sum(len(s.items) for s in self.sections)

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    @property
    def kind(self) -> str:
        return self.labels["answer_key"] if self.key else self.labels["worksheet"]

    @property
    def heading(self) -> str:
        """The sheet's h1: the title; for a key 'Title – Answer key' (never 'Worksheet' twice)."""
        return f"{self.base_title} – {self.labels['answer_key']}" if self.key else self.title

    @property
    def base_title(self) -> str:
        word = re.escape(self.labels["worksheet"])
        return re.sub(rf"\s*[:,–—-]?\s*{word}\s*$", "", self.title, flags=re.I) or self.title

    @property
    def page_title(self) -> str:
        """The HTML <title> (browser tab, print header)."""
        version = f"{self.labels['version']} {self.letter}"
        if self.key or self.title != self.base_title:
            return f"{self.heading}, {version}"
        return f"{self.title}: {self.kind}, {version}"

    @property
    def references(self) -> dict[str, str]:
        """Source id -> the short reference printed after each quote ('[1]')."""
        return {source.id: f"[{n}]" for n, source in enumerate(self.sources, start=1)}

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


# --- wording ---------------------------------------------------------------------

def points_label(item: Item, labels: dict[str, str]) -> str:
    """'(2 points)'; with several blanks also what each blank is worth: '(1 point, ½ per blank)'."""
    word = labels["point"] if item.points == 1 else labels["points"]
    text = f"{item.points} {word}"
    if item.blanks > 1 and item.points:
        each = Fraction(item.points, item.blanks)
        share = FRACTIONS.get(each) or (str(each.numerator) if each.denominator == 1
                                        else f"{float(each):.2g}")
        text += f", {share} {labels['per_blank']}"
    return f"({text})"


def points_word(points: int, labels: dict[str, str]) -> str:
    return f"{points} {labels['point'] if points == 1 else labels['points']}"


_BARE_NUMBER = re.compile(r"(about |c\. |~)?[\d][\d,.]*")


def with_unit_note(value: str, fact: Fact | None, labels: dict[str, str]) -> str:
    """A bare number from a figure whose source gives no unit says so (no marking down for it).

    Only a side the data gives without a unit: "31" answering a figure of 31 deaths is the
    teacher's short answer, and the source does give a unit."""
    if fact is None or fact.kind != "figure" or not _BARE_NUMBER.fullmatch(value.strip()):
        return value
    return f"{value} ({labels['no_unit']})" if _unitless_side(value, fact) else value


def _unitless_side(value: str, fact: Fact) -> bool:
    """Whether ``value`` ('75,000', 'about 400') is one of the figure's sides that has no unit."""
    try:
        number = float(re.sub(r"[^\d.]", "", value.replace(",", "")))
    except ValueError:
        return False
    return any(isinstance(shown, (int, float)) and not isinstance(shown, bool) and float(shown) == number
               and charts.side_unit(fact, side) is None
               for side, shown in ((s, fact.data.get(s)) for s in ("value", "requested", "promised")))


def cut(text: str, limit: int = QUICK_CHARS) -> str:
    """``text`` cut at a word to ``limit`` characters, ending in "…" (never "close · …": a separator
    or a comma the cut leaves at the end goes)."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ·;,:\u2013\u2014-") + " …"


def quick_answer(item: Item, labels: dict[str, str]) -> str:
    """The answer in a few words, for marking at a glance (every style has one)."""
    q = item.question
    if item.kind == "chart" or q is None:
        return labels["see_chart"]
    if item.kind == "multiple_choice":
        return f"{item.correct_letter} ({cut(q.answer, 40)})"
    if item.kind == "true_false":
        return labels["true"] if q.truth else labels["false"]
    if item.kind == "matching":
        return " ".join(f"{n}{letter}" for n, letter in enumerate(item.match_key, start=1))
    if item.kind == "ordering":
        return " ".join(str(n) for n in item.order_key)
    if item.kind == "fill_blank":
        return " / ".join(text for text, n in q.cloze if n)
    if item.kind == "table":
        return "; ".join(table_quick_row(item, row, i, labels) for i, row in enumerate(item.rows))
    if item.kind == "essay" and item.marking_points:
        return cut(" · ".join(item.marking_points))
    fact = q.facts[0] if len(q.facts) == 1 else None
    return cut(with_unit_note(q.answer, fact, labels))


# The quick answers print in two columns, laid out here rather than with CSS columns: WeasyPrint
# balances CSS columns by laying the list out again and again (a third of a key's layout time).
QUICK_GAP_MM = 8.0
QUICK_CHAR_MM = 1.86  # the average advance of a character of the quick answers (9.5 pt DejaVu Serif)
QUICK_INDENT_MM = (8.0, 10.0)  # the number's hanging indent (2.4em, or 3em from 100 questions)
QUICK_FIRST_ROWS = 36  # lines per column of the first pair of columns (page 1 also holds the header)
QUICK_ROWS = 48  # lines per column of each later pair: a page's worth, with room for a wrong guess


def quick_columns(items: list[Item], labels: dict[str, str], paper: str) -> list[list[list[Item]]]:
    """The quick answers as blocks of two columns, in reading order (down the left, then the right).

    Each block holds at most a page's worth of lines per column (it is kept on one
    page), and is balanced as CSS columns would be: the left column is the taller
    when they cannot be equal.
    """
    many = len(items) >= 100
    width = (content_width_mm(paper) - QUICK_GAP_MM) / 2 - QUICK_INDENT_MM[many]
    per_line = max(10, int(width / QUICK_CHAR_MM))
    heights = [_wrapped_lines(quick_answer(item, labels), per_line) for item in items]
    blocks, start = [], 0
    while start < len(items):
        end, lines, rows = start, 0, QUICK_ROWS if blocks else QUICK_FIRST_ROWS
        while end < len(items) and (end == start or lines + heights[end] <= 2 * rows):
            lines += heights[end]
            end += 1
        split = _balanced_split(heights[start:end])
        blocks.append([items[start:start + split], items[start + split:end]])
        start = end
    return blocks


def _wrapped_lines(text: str, per_line: int) -> int:
    """How many lines ``text`` takes, wrapped at word boundaries ``per_line`` characters wide."""
    lines, used = 1, 0
    for word in str(text).split():
        if used and used + 1 + len(word) > per_line:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


def _balanced_split(heights: list[int]) -> int:
    """Where the right column starts, as CSS balances columns: the lowest height that holds
    everything in two columns, and the left column filled up to it."""
    prefix = [0]
    for height in heights:
        prefix.append(prefix[-1] + height)
    lowest = min(max(left, prefix[-1] - left) for left in prefix)
    return max(k for k, left in enumerate(prefix) if left <= lowest)


def table_quick_row(item: Item, row: list[str], i: int, labels: dict[str, str]) -> str:
    q = item.question
    fact = item.row_facts[i] if i < len(item.row_facts) else None
    shown = [c for c, col in zip(row, q.columns) if not col.get("blank")]
    asked = [with_unit_note(c, fact, labels) for c, col in zip(row, q.columns) if col.get("blank")]
    return f"{' '.join(shown)}: {' / '.join(asked)}"


def css_string(text: str) -> Markup:
    """Text as a quoted CSS string (for page footers): no way out of the string or the style."""
    escaped = "".join(c if c.isalnum() or c in " .,;:!?()-–·'" else f"\\{ord(c):x} " for c in str(text))
    return Markup(f'"{escaped}"')


# --- the Jinja environment ----------------------------------------------------------

@lru_cache(maxsize=8)
def environment(project_layouts: Path | None = None):
    """Layouts from the project's ``layouts/`` first, then the packaged ones (sandboxed)."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    folders = [str(project_layouts)] if project_layouts else []
    loader = jinja2.FileSystemLoader([*folders, str(PACKAGED_LAYOUTS)])
    env = SandboxedEnvironment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                               undefined=jinja2.StrictUndefined)
    env.globals.update(letters=string.ascii_uppercase, points_label=points_label,
                       points_word=points_word, quick_answer=quick_answer, quick_columns=quick_columns,
                       with_unit_note=with_unit_note)
    env.globals["chart_svg"] = lambda chart, **kw: charts.chart_svg(chart, env=env, **kw)
    env.filters["css_string"] = css_string
    env.filters["quoted"] = quoted
    snippetcache.attach(env)  # the compiled layouts are kept between builds
    return env


def project_layouts(root: Path | None) -> Path | None:
    folder = Path(root) / "layouts" if root is not None else None
    return folder if folder is not None and folder.is_dir() else None


def render_sheet(sheet: Sheet) -> str:
    """The sheet's HTML.  A broken layout of the project's own raises InvalidContent at its line."""
    import jinja2

    layout = "answer-key.html.j2" if sheet.key else "worksheet.html.j2"
    try:
        return keep_per_cent(environment(sheet.layouts).get_template(layout).render(sheet=sheet,
                                                                                  labels=sheet.labels))
    except jinja2.TemplateError as err:
        if sheet.layouts is None:
            raise
        raise InvalidContent([_layout_problem(err, sheet.layouts, layout)]) from None


_PER_CENT = re.compile(r"(?<=\d) (?=per cent\b)|(?<=\bper) (?=cent\b)", re.IGNORECASE)


def keep_per_cent(html: str) -> str:
    """'12 per cent' on one line: a printed sheet broke it into '12 per' / 'cent'."""
    return _PER_CENT.sub("\u00a0", html) if "per cent" in html.lower() else html


def _layout_problem(err, folder: Path, layout: str) -> Problem:
    """Where in the project's layouts the error is: the innermost frame in that folder."""
    import traceback

    path, line = getattr(err, "filename", None), getattr(err, "lineno", None)
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename and Path(frame.filename).parent == folder:
            path, line = frame.filename, frame.lineno
    path = path or str(folder / layout)
    what = "not allowed in the layout sandbox" if "Security" in type(err).__name__ else type(err).__name__
    return Problem(path, line or 1, 1, f"layout: {what}: {getattr(err, 'message', None) or err}; "
                   f"fix the project's layout or delete it to use the packaged one")
