"""Printable flashcards: ``dist/<deck>-cards.pdf`` for cutting out.

Fronts are on odd pages and backs on even pages.  Each back page mirrors its
front page left to right, so a sheet printed double-sided with long-edge
binding puts every answer behind its question; crop marks show where to cut.
Every card carries its question id on both sides, so a mixed-up pile can be
sorted back.  The PDF comes from WeasyPrint through :mod:`studykit.pdf`, in
parts of a few sheets each, every part reused from the previous build when its
HTML has not changed (:mod:`studykit.pdfcache`): one edited fact renders
again the one part that shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..atomic import Staging
from ..model import DeckRecipe, Project
from ..questions import Question, RenderResult

HERE = Path(__file__).parent
SUFFIX = "-cards.pdf"
PAPERS = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}  # mm, portrait
SIZES = {"a7": (74.0, 105.0), "index-3x5": (127.0, 76.2)}  # mm, width x height as printed
MARGIN = 8.0  # mm a printer needs at each edge
GAP = 6.0  # mm between cards, where the crop marks go
SHEETS_PER_PART = 2  # sheets (front and back pages) rendered and cached together (see benchmarks/cards_parts.py)


@dataclass(frozen=True)
class Layout:
    """Where the cards sit on a sheet: the same grid for fronts, mirrored for backs."""

    paper: tuple[float, float]
    card: tuple[float, float]
    cols: int
    rows: int

    @property
    def per_page(self) -> int:
        return self.cols * self.rows

    def origin(self) -> tuple[float, float]:
        """The grid's top-left corner, centred on the sheet (so mirroring keeps it on the sheet)."""
        width = self.cols * self.card[0] + (self.cols - 1) * GAP
        height = self.rows * self.card[1] + (self.rows - 1) * GAP
        return (self.paper[0] - width) / 2, (self.paper[1] - height) / 2

    def position(self, slot: int, back: bool) -> tuple[float, float]:
        """Top-left corner (mm) of a slot; a back mirrors the column (long-edge duplex)."""
        row, col = divmod(slot, self.cols)
        if back:
            col = self.cols - 1 - col
        left, top = self.origin()
        return left + col * (self.card[0] + GAP), top + row * (self.card[1] + GAP)


def layout_for(size: str = "a7", paper: str = "a4") -> Layout:
    paper_mm, card = PAPERS[paper], SIZES[size]
    cols = max(1, int((paper_mm[0] - 2 * MARGIN + GAP) // (card[0] + GAP)))
    rows = max(1, int((paper_mm[1] - 2 * MARGIN + GAP) // (card[1] + GAP)))
    return Layout(paper_mm, card, cols, rows)


def card_questions(questions: list[Question]) -> list[Question]:
    """The deck's cards on paper: the questions that go to Anki."""
    return [q for q in questions if "anki" in q.targets]


def write_cards(project: Project, recipe: DeckRecipe, rendered: RenderResult, stage: Staging) -> str:
    """Write the deck's flashcard PDF into ``stage``; return the line the build prints."""
    from ..pdf import PdfUnavailable
    from ..pdfcache import write_pdfs  # an unchanged part of the deck is not rendered again

    spec = recipe.spec.get("cards") or {}
    layout = layout_for(spec.get("size", "a7"), spec.get("paper", "a4"))
    questions = card_questions(rendered.questions)
    parts = cards_html(project, recipe, questions, layout)
    name = recipe.id + SUFFIX
    try:
        write_pdfs([(name, parts)], stage)
    except PdfUnavailable as err:
        return f"flashcards: {err}"
    sheets = sum(-(-len(run) // layout.per_page) for run in topic_runs(questions))
    return (f"flashcards: {name} ({len(questions)} cards, {layout.per_page} per sheet, {sheets} sheets "
            f"= {2 * sheets} pages; print double-sided, flip on the long edge)")


# --- what each side says -------------------------------------------------------

@dataclass
class Side:
    """One side of a card: a heading line and blocks of text (lists are lists of lines)."""

    title: str
    lines: list[str]
    items: list[str]
    ordered: bool = False


def front(question: Question) -> Side:
    style = question.style
    if style == "multiple_choice":
        return Side(question.prompt, [], [f"{'ABCDEFGHIJ'[i]}. {o}" for i, o in enumerate(question.options)])
    if style == "true_false":
        return Side(question.prompt, ["True or false?"], [])
    if style == "fill_blank":
        return Side(question.prompt, ["".join("_____" if n else t for t, n in question.cloze)], [])
    if style == "matching":
        return Side(question.prompt, [" / ".join(question.pair_titles) if any(question.pair_titles) else ""],
                    [left for left, _ in question.pairs] + [f"{'ABCDEFGHIJ'[i]}. {o}"
                                                           for i, o in enumerate(question.options)])
    if style == "ordering":
        return Side(question.prompt, [], list(question.options))
    if style == "table":
        return Side(question.prompt, [], [_row(question, row, blank=True) for row in question.rows])
    return Side(question.prompt, [], [])


def back(question: Question) -> Side:
    style = question.style
    if style == "multiple_choice":
        return Side(f"{question.correct_letter}. {question.options[question.correct]}", [], [])
    if style == "true_false":
        return Side(question.answer, [s for s in (f.statement for f in question.facts)], [])
    if style == "fill_blank":
        return Side(", ".join(dict.fromkeys(t for t, n in question.cloze if n)), [question.cloze_sentence], [])
    if style == "matching":
        return Side("", [], [f"{left} \u2013 {right}" for left, right in question.pairs])
    if style == "ordering":
        return Side("", [], list(question.order), ordered=True)
    if style == "table":
        return Side("", [], [_row(question, row, blank=False) for row in question.rows])
    statements = [f.statement for f in question.facts if f.statement.strip() != question.answer.strip()]
    return Side(question.answer, statements[:1], list(question.marking_points))


def _row(question: Question, row: list[str], blank: bool) -> str:
    cells = []
    for column, value in zip(question.columns, row):
        shown = "_____" if blank and column.get("blank") else value
        cells.append(f"{column.get('title', '')}: {shown}")
    return "; ".join(cells)


def cards_html(project: Project, recipe: DeckRecipe, questions: list[Question], layout: Layout,
               sheets_per_part: int | None = None) -> list[str]:
    """The printable sheets as HTML pages for WeasyPrint, ``sheets_per_part`` sheets (both sides) each.

    Each page is whole (its own head and styles), so every part renders and is
    cached on its own; joined in order they are the deck's PDF.  Each topic
    starts a sheet (and a part) of its own: see :func:`topic_runs`.
    """
    import jinja2

    from ..questions import snippetcache

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    snippetcache.attach(env)  # the compiled layout is kept between builds
    template, marks = env.get_template("cards.html.j2"), crop_marks_image(layout)
    per_part = max(1, sheets_per_part or SHEETS_PER_PART)
    parts = [part for topic in topic_runs(questions)
             for part in _parts(_sheets(project, topic, layout), per_part)]
    return [template.render(title=recipe.title, sheets=part, layout=layout, marks=marks)
            for part in parts or [[]]]


def _parts(pages: list[dict], per_part: int) -> list[list[dict]]:
    """A topic's pages in parts of ``per_part`` sheets (a front and a back page each); a shorter
    rest joins the part before when that keeps it under twice the size (fewer, fuller parts)."""
    step = 2 * per_part
    parts = [pages[start:start + step] for start in range(0, len(pages), step)]
    if len(parts) > 1 and len(parts[-1]) < step and len(parts[-2]) + len(parts[-1]) < 2 * step:
        parts[-2:] = [parts[-2] + parts[-1]]
    return parts


def topic_runs(questions: list[Question]) -> list[list[Question]]:
    """The cards in deck order, cut where the topic changes: each topic starts a sheet of its own.

    A part of the PDF then never holds two topics, so a card added to or removed
    from one topic moves only the cards after it in that topic: the parts of
    every other topic keep their HTML and are reused from the cache.
    """
    runs: list[list[Question]] = []
    for q in questions:
        if not runs or runs[-1][0].topic != q.topic:
            runs.append([])
        runs[-1].append(q)
    return runs


def _sheets(project: Project, questions: list[Question], layout: Layout) -> list[dict]:
    """The pages that print ``questions``: per sheet its fronts, then its backs mirrored."""
    sheets = []
    for start in range(0, len(questions), layout.per_page):
        chunk = questions[start:start + layout.per_page]
        for is_back in (False, True):
            sheets.append({"back": is_back, "cards": [
                {"id": q.id, "side": (side := back(q) if is_back else front(q)), "dense": _dense(side, layout),
                 "id_pt": _id_size(q.id, layout),
                 "citation": _citation(project, q), "pos": layout.position(slot, is_back)}
                for slot, q in enumerate(chunk)]})
    return sheets


DENSE_CHARS = 60  # characters per square centimetre of card above which the text gets smaller


def _dense(side: Side, layout: Layout) -> bool:
    """Whether a side holds so much text that the card needs the smaller type."""
    chars = len(side.title) + sum(len(t) for t in side.lines) + sum(len(t) + 20 for t in side.items)
    return chars > DENSE_CHARS * layout.card[0] * layout.card[1] / 100 * 0.35


MONO_ADVANCE = 0.61  # width of one DejaVu Sans Mono character, in ems


def _id_size(question_id: str, layout: Layout) -> float:
    """The id's type size in points: 6.5, or smaller so a long id stays on one line."""
    room = (layout.card[0] - 10.5) * 72 / 25.4
    return round(min(6.5, room / (MONO_ADVANCE * max(1, len(question_id)))), 2)


def _citation(project: Project, question: Question) -> str:
    source = project.sources.get(question.source_id)
    return source.short_citation if source else ""


MARK_WIDTH = 0.25  # mm


def crop_marks_image(layout: Layout) -> str:
    """The crop marks as one SVG image the size of the sheet, as a ``data:`` URL.

    One background image per sheet instead of a box per mark: WeasyPrint reads
    the image once and styles and lays out no element for it (a third of the
    cards' layout time with a box per mark).
    """
    from urllib.parse import quote

    half = MARK_WIDTH / 2  # the line's centre, so it covers what a box's left or top border covered
    # one path of many strokes: WeasyPrint draws an SVG node by node, on every page
    strokes = " ".join(f'M{m["x"] + half:g} {m["y"] + half:g}L{m["x"] + m["w"] + half:g} {m["y"] + m["h"] + half:g}'
                       for m in _crop_marks(layout))
    width, height = layout.paper
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height}mm" '
           f'viewBox="0 0 {width} {height}"><path fill="none" stroke="#000" stroke-width="{MARK_WIDTH}" '
           f'd="{strokes}"/></svg>')
    return "data:image/svg+xml," + quote(svg, safe="")


def _crop_marks(layout: Layout) -> list[dict]:
    """Short lines in the gaps and margins at every card edge (the same on both sides)."""
    marks, length = [], 4.0
    left, top = layout.origin()
    w, h = layout.card
    xs = sorted({left + c * (w + GAP) + d for c in range(layout.cols) for d in (0.0, w)})
    ys = sorted({top + r * (h + GAP) + d for r in range(layout.rows) for d in (0.0, h)})
    for x in xs:  # vertical marks above and below the grid
        marks.append({"x": x, "y": ys[0] - length - 1, "w": 0, "h": length})
        marks.append({"x": x, "y": ys[-1] + 1, "w": 0, "h": length})
    for y in ys:  # horizontal marks left and right of the grid
        marks.append({"x": xs[0] - length - 1, "y": y, "w": length, "h": 0})
        marks.append({"x": xs[-1] + 1, "y": y, "w": length, "h": 0})
    return marks
