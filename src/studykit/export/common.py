"""What every quiz export shares: which questions go out, how each is asked, its feedback.

GIFT and Moodle XML both serialise the same :class:`QuizItem` list, so the two
formats can never disagree about a question's type, answers or feedback.

Rules a teacher can rely on (documented in the README):

* Only questions whose template targets ``export`` are exported.
* A short-answer question about one ``figure`` fact whose answer is a single
  number with an optional unit ("75,000 tons", "About 100 pieces") becomes a
  numeric question: the number without thousands separators, the unit added
  to the prompt, and a tolerance of ``tolerance`` percent of the number (10%
  when the answer itself is hedged with "about", "around", "approximately",
  "roughly", "nearly" or "some").
* A fill-in-the-blank question becomes one short-answer question per blank,
  the other blanks shown filled in (the way Anki makes one card per blank).
* Ordering and table questions cannot be asked in GIFT or Moodle XML, nor
  can matching with fewer than three pairs (Moodle refuses it); they are
  counted as skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Project
from ..questions import Question

HEDGED_TOLERANCE = 10.0
_HEDGES = ("about", "around", "approximately", "roughly", "nearly", "some", "almost", "circa")
_SINGLE_NUMBER = re.compile(
    r"^(?:(?P<hedge>" + "|".join(_HEDGES) + r")\s+)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?"
    r"(?:\s+(?P<unit>[^\d;,()]+?))?\.?$",
    re.IGNORECASE,
)
BLANK = "_____"
MIN_MATCHING_PAIRS = 3  # Moodle refuses a matching question with fewer


@dataclass
class Answer:
    """One answer of a quiz item: its text, whether it is right, and optional feedback."""

    text: str
    right: bool = True
    feedback: str = ""


@dataclass
class QuizItem:
    """One Moodle question, independent of the file format that will carry it.

    ``kind`` is one of multichoice, truefalse, shortanswer, numerical, matching.
    For a fill-in-the-blank item, ``before``/``after`` hold the text around the
    single blank (GIFT writes it as a missing-word question).
    """

    kind: str
    name: str
    category: str
    text: str
    answers: list[Answer] = field(default_factory=list)
    truth: bool | None = None
    number: str = ""
    tolerance: str = "0"
    pairs: list[tuple[str, str]] = field(default_factory=list)
    before: str | None = None
    after: str | None = None
    feedback: str = ""
    points: int = 1


@dataclass
class QuizItems:
    items: list[QuizItem]
    skipped: dict[str, int]


def exportable(questions: list[Question]) -> list[Question]:
    """The questions whose template sends them to exports."""
    return [q for q in questions if "export" in q.targets]


def plain_number(value: float) -> str:
    """A number as a quiz answer wants it: no thousands separators, no trailing .0."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


@dataclass(frozen=True)
class NumericAnswer:
    value: float
    unit: str
    tolerance: float


def numeric_answer(question: Question, tolerance_percent: float) -> NumericAnswer | None:
    """The number a short-answer figure question asks for, or None if it asks for more."""
    if question.style != "short_answer" or len(question.facts) != 1 or question.fact.kind != "figure":
        return None
    match = _SINGLE_NUMBER.match(" ".join(question.answer.split()))
    if match is None:
        return None
    value = float(match["number"].replace(",", "") + (match["fraction"] or ""))
    percent = max(HEDGED_TOLERANCE, tolerance_percent) if match["hedge"] else tolerance_percent
    return NumericAnswer(value, (match["unit"] or "").strip(), abs(value) * percent / 100)


def feedback_text(question: Question, project: Project) -> str:
    """The facts behind a question and where they come from: shown after answering."""
    parts = []
    for fact in question.facts:
        parts.append(fact.statement)
        if fact.context:
            parts.append(f"Context (not from the source): {fact.context}")
    sources = [project.sources[s] for s in dict.fromkeys(f.source_id for f in question.facts)
               if s in project.sources]
    parts += [f"Source: {source.citation}" for source in sources]
    return " ".join(" ".join(part.split()) for part in parts)


def category_path(deck_title: str, topic_title: str) -> str:
    """A Moodle category path; '/' inside a title is doubled, as Moodle expects."""
    return "$course$/" + "/".join(t.replace("/", "//") for t in (deck_title, topic_title))


def topic_title(project: Project, question: Question, subdecks: dict[str, str]) -> str:
    if question.topic in subdecks:
        return subdecks[question.topic]
    source = project.sources.get(question.source_id)
    topic = source.topic(question.topic) if source else None
    return topic.title if topic else question.topic


def quiz_items(project: Project, deck, questions: list[Question], tolerance_percent: float) -> QuizItems:
    """Map rendered questions onto Moodle question types (see the module docstring)."""
    items: list[QuizItem] = []
    skipped: dict[str, int] = {}
    for question in exportable(questions):
        category = category_path(deck.title, topic_title(project, question, deck.subdecks))
        made = _items_for(question, project, category, tolerance_percent)
        if made:
            items.extend(made)
        else:
            skipped[question.style] = skipped.get(question.style, 0) + 1
    return QuizItems(items, skipped)


def _items_for(question: Question, project: Project, category: str, tolerance: float) -> list[QuizItem]:
    base = dict(name=question.id, category=category, feedback=feedback_text(question, project),
                points=question.points)
    style = question.style
    if style == "multiple_choice":
        answers = [Answer(o, i == question.correct) for i, o in enumerate(question.options)]
        return [QuizItem("multichoice", text=question.prompt, answers=answers, **base)]
    if style == "true_false":
        return [QuizItem("truefalse", text=question.prompt, truth=bool(question.truth), **base)]
    if style == "matching":
        if len(question.pairs) < MIN_MATCHING_PAIRS:
            return []
        return [QuizItem("matching", text=question.prompt, pairs=list(question.pairs), **base)]
    if style == "fill_blank":
        return _blank_items(question, base)
    if style == "short_answer":
        numeric = numeric_answer(question, tolerance)
        if numeric is not None:
            unit = f" (Answer with a number; unit: {numeric.unit}.)" if numeric.unit else \
                " (Answer with a number.)"
            return [QuizItem("numerical", text=question.prompt + unit, number=plain_number(numeric.value),
                             tolerance=plain_number(numeric.tolerance), **base)]
        return [QuizItem("shortanswer", text=question.prompt,
                         answers=[Answer(a) for a in answer_variants(question.answer)], **base)]
    return []


def answer_variants(answer: str) -> list[str]:
    """The answer, plus the same answer with numbers written without thousands separators."""
    variants = [answer]
    bare = re.sub(r"(?<=\d),(?=\d{3}\b)", "", answer)
    if bare != answer:
        variants.append(bare)
    return variants


def _blank_items(question: Question, base: dict) -> list[QuizItem]:
    items = []
    blanks = sorted({n for _, n in question.cloze if n})
    for n in blanks:
        before, after, answer, seen = [], [], "", False
        for text, number in question.cloze:
            if number == n and not seen:
                answer, seen = text, True
            elif number == n:  # a second segment of the same blank is blanked too
                (after if seen else before).append(BLANK)
            else:
                (after if seen else before).append(text)
        name = base["name"] if len(blanks) == 1 else f"{base['name']}/c{n}"
        item_base = dict(base, name=name)
        prompt = f"{question.prompt} " if question.prompt else ""
        text = f"{prompt}{''.join(before)}{BLANK}{''.join(after)}"
        items.append(QuizItem("shortanswer", text=text, before=prompt + "".join(before),
                              after="".join(after), answers=[Answer(a) for a in answer_variants(answer)],
                              **item_base))
    return items
