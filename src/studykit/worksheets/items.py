"""What a printed sheet is made of: sections of groups of numbered items.

An :class:`Item` is one question as one version prints it (options in that
version's order); the same question on another version is another Item.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field

from .. import chart as charts
from ..model import Fact
from ..questions import Question

# A question estimated taller than this may break across pages; shorter ones never do.
# Well under the printable height of A4 (265 mm) and Letter (247 mm).
TALL_MM = 180


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

    @property
    def blanks(self) -> int:
        q = self.question
        return sum(1 for _, n in q.cloze if n) if q is not None and self.kind == "fill_blank" else 0

    @property
    def marking_points(self) -> list[str]:
        return list(getattr(self.question, "marking_points", None) or [])

    @property
    def accept(self) -> list[str]:
        """Other forms of a written answer the key accepts; none where the student circles,
        ticks or numbers (multiple choice, true/false, matching, ordering)."""
        q = self.question
        if q is None or not (self.lined or self.kind in ("fill_blank", "table")):
            return []
        shown: dict[str, str] = {_as_marked(q.answer): q.answer}
        for form in getattr(q, "accept", None) or []:
            known = shown.setdefault(_as_marked(form), form)
            if _opens_with_article(known) and not _opens_with_article(form) and known != q.answer:
                shown[_as_marked(form)] = form  # "Soviet Army Day reception" stands for "the ..." and "a ..."
        return [form for form in shown.values() if form != q.answer]

    @property
    def lined(self) -> bool:
        """Printed as a question with writing lines (short answers, essays, styles without a form of their own)."""
        return self.kind in ("short_answer", "essay") or self.kind not in KNOWN_FORMS

    def height_mm(self, key: bool = False) -> float:
        """A rough printed height: enough to tell a question that may not fit on one page."""
        q = self.question
        if q is None:
            return 12 + self.chart.height * 180 / charts.WIDTH
        text_lines = lambda text, per_line=80: -(-len(text) // per_line)  # noqa: E731
        height = 5.3 * text_lines(q.prompt + q.cloze_plain) + 6 * len(q.cloze) / 3
        height += 6.5 * (len(q.options) + len(q.pairs) + len(q.rows))
        if key:
            height += 5 * len(self.marking_points)
        elif self.lined:
            height += 8 * q.lines
        return height

    @property
    def tall(self) -> bool:
        """Taller than a page may hold: allowed to flow over a page break (never cut)."""
        return self.height_mm() > TALL_MM

    @property
    def tall_in_key(self) -> bool:
        return self.height_mm(key=True) > TALL_MM


# Styles with a printed form of their own; any other style prints as a question with lines.
KNOWN_FORMS = ("short_answer", "multiple_choice", "true_false", "fill_blank", "matching",
               "ordering", "table", "chart", "essay")


@dataclass
class Group:
    """The items of one kind in a section, printed under one heading."""

    kind: str
    items: list[Item]


@dataclass
class Section:
    """One topic's part of a sheet: its title and its groups."""

    topic: str
    title: str
    groups: list[Group]

    @property
    def items(self) -> list[Item]:
        return [item for group in self.groups for item in group.items]

    @property
    def points(self) -> int:
        return sum(item.points for item in self.items)


_ARTICLES = ("a", "an", "the")


def _opens_with_article(form: str) -> bool:
    words = form.split()
    return len(words) > 1 and words[0].lower() in _ARTICLES


def _as_marked(form: str) -> str:
    """What a marker compares: "the Soviet Army Day reception", "a Soviet Army Day reception" and
    "Soviet army day reception" are one answer on a key (nobody marks an article or a capital wrong)."""
    words = form.split()
    return " ".join(words[1:] if _opens_with_article(form) else words).casefold()
