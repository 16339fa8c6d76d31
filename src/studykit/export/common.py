"""What every quiz export shares: which questions go out, how each is asked, its feedback.

GIFT, Moodle XML and QTI serialise the same :class:`QuizItem` list, so the
formats can never disagree about a question's type, answers or feedback.

Rules a teacher can rely on (documented in the README):

* Only questions whose template targets ``export`` are exported.
* A short-answer question about one ``figure`` fact whose answer is a single
  number with an optional unit ("75,000 tons", "About 100 pieces", "£3", "Seven
  years") becomes a numeric question: the number without thousands separators, the unit added
  to the prompt, and a tolerance of ``tolerance`` percent of the number (10%
  when the answer itself is hedged with "about", "around", "approximately",
  "roughly", "nearly" or "some").
* Any other short answer is marked by the machine only when every accepted
  form is short (a number, or at most three words); it then lists every
  accepted form (and, for a list accepted in any order, every order).
  A longer answer becomes an essay question marked by the teacher, with the
  model answer, the accepted forms and the quote as grader information.
* A fill-in-the-blank question is one question with all its blanks (Moodle's
  "Cloze (embedded answers)"); formats without such a type split it, one
  question per blank.  A blank too long to mark by machine is shown filled in;
  with no short blank at all the question becomes an essay.
* ``essay`` questions are essays with their marking points as grader information.
* Every question carries its stable id (Moodle's ID number) and tags: the
  topic, the template, the facts, and ``rev-<hash>`` of its content, which
  changes whenever the question's text, answers or feedback change.
* Ordering and table questions cannot be asked in these formats, nor can
  matching with fewer than three pairs (Moodle refuses it); they are counted
  as skipped.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass, field

from ..model import Project
from ..questions import Question
from ..questions.answer_forms import figure_forms, million_forms
from ..questions.figure_text import SIGNS_AFTER, SIGNS_BEFORE, with_unit
from ..questions.noun_phrases import restore_article, trailing_article
from ..questions.option_keys import in_figures
from ..questions.punctuation import quoted

HEDGED_TOLERANCE = 10.0
_HEDGES = ("about", "around", "approximately", "roughly", "nearly", "some", "almost", "circa")
_SINGLE_NUMBER = re.compile(
    r"^(?:(?P<hedge>" + "|".join(_HEDGES) + r")\s+)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?"
    r"(?:\s+(?P<unit>[^\d;,()]+?))?\.?$",
    re.IGNORECASE,
)
BLANK = "_____"
FORMULA_STARTS = ("=", "+", "-", "@")


def xml_comment_text(text: str) -> str:
    """Text safe inside an XML comment: one line, and never two hyphens in a row."""
    text = " ".join(text.split())
    while "--" in text:
        text = text.replace("--", "- -")
    return text.rstrip("-")


def spreadsheet_safe(cell: str, guard: str) -> str:
    """A TSV cell a spreadsheet never reads as a formula: ``guard`` goes before a leading = + - @."""
    return guard + cell if cell.startswith(FORMULA_STARTS) else cell
MIN_MATCHING_PAIRS = 3  # Moodle refuses a matching question with fewer
MAX_MACHINE_WORDS = 3   # longer answers are marked by the teacher (issue 8: exact match fails)
MAX_ORDERED_ITEMS = 4   # a list accepted in any order lists every order up to 4! = 24 forms
ONE_BLANK_PROMPT = "Fill in the blank."


@dataclass
class Answer:
    """One answer of a quiz item: its text, whether it is right, and optional feedback."""

    text: str
    right: bool = True
    feedback: str = ""


@dataclass
class Blank:
    """One blank of a cloze item: every form a student may type."""

    answers: list[str]
    article: str = ""  # the article written before it, where the text shows "a(n)" (filled in: "an")


@dataclass
class QuizItem:
    """One quiz question, independent of the file format that will carry it.

    ``kind`` is one of multichoice, truefalse, shortanswer, numerical,
    matching, essay, cloze.  A cloze item's ``parts`` alternate text and
    :class:`Blank`.  For a short answer split from a cloze, ``before``/``after``
    hold the text around its single blank (GIFT's missing-word form).
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
    parts: list[str | Blank] = field(default_factory=list)
    before: str | None = None
    after: str | None = None
    feedback: str = ""
    graderinfo: str = ""
    points: int = 1
    lines: int = 5
    idnumber: str = ""
    tags: list[str] = field(default_factory=list)
    question: Question | None = None

    @property
    def blanks(self) -> list[Blank]:
        return [part for part in self.parts if isinstance(part, Blank)]


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
    answer, sign = _without_sign(" ".join(question.answer.split()))
    match = _SINGLE_NUMBER.match(answer)
    in_words = match is None
    if in_words:  # "Seven years", "About five weeks"; not "half a talent" (no whole number)
        match = _SINGLE_NUMBER.match(in_figures(answer))
    if match is None or (sign and match["unit"]) or (in_words and match["fraction"]):
        return None
    value = float(match["number"].replace(",", "") + (match["fraction"] or ""))
    percent = max(HEDGED_TOLERANCE, tolerance_percent) if match["hedge"] else tolerance_percent
    unit = sign or _unit_of(question, (match["unit"] or "").strip())
    return NumericAnswer(value, unit, abs(value) * percent / 100)


def _without_sign(answer: str) -> tuple[str, str]:
    """'£3' -> ('3', '£'), 'about 60%' -> ('about 60', '%'): a sum or share printed with its sign
    is a number too, asked with the sign as its unit."""
    for sign in sorted(SIGNS_BEFORE, key=len, reverse=True):
        at = answer.find(sign)
        if at >= 0 and answer[at + len(sign):at + len(sign) + 1].isdigit() and _only_hedge(answer[:at]):
            return answer[:at] + answer[at + len(sign):], sign
    for sign in SIGNS_AFTER:
        if answer.endswith(sign) and answer[:-len(sign)][-1:].isdigit():
            return answer[:-len(sign)], sign
    return answer, ""


def _only_hedge(text: str) -> bool:
    return not text.strip() or text.strip().lower() in _HEDGES


def _unit_of(question: Question, after_number: str) -> str:
    """The unit to answer in: the figure's own unit when the answer goes on after it ('5 per cent
    of their value' is in 'per cent', not in 'per cent of their value')."""
    data = question.fact.data
    for unit in (data.get("unit"), data.get("promised_unit"), data.get("requested_unit")):
        if isinstance(unit, str) and after_number.lower().startswith(unit.lower() + " "):
            return unit
        if isinstance(unit, str) and after_number and with_unit("1", unit) == "1 " + after_number:
            return unit  # '1 shilling' is answered in shillings
    return after_number


def quote_text(question: Question) -> str:
    """The source's words behind a question, quoted."""
    return " … ".join(quoted(" ".join(q.split())) for f in question.facts for q in f.quotes)


def feedback_text(question: Question, project: Project) -> str:
    """The facts behind a question, their quotes and where they come from: shown after answering."""
    parts = []
    for fact in question.facts:
        parts.append(fact.statement)
        if fact.context:
            parts.append(f"Context (not from the source): {fact.context}")
    quote = quote_text(question)
    if quote:
        parts.append(f"Quote: {quote}")
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


def quiz_items(project: Project, deck, questions: list[Question], tolerance_percent: float,
               split_cloze: bool = False) -> QuizItems:
    """Map rendered questions onto quiz question types (see the module docstring).

    ``split_cloze``: one short-answer item per blank, for formats without a cloze type.
    """
    items: list[QuizItem] = []
    skipped: dict[str, int] = {}
    for question in exportable(questions):
        category = category_path(deck.title, topic_title(project, question, deck.subdecks))
        made = _items_for(question, project, category, tolerance_percent)
        if split_cloze:
            made = [piece for item in made for piece in split_blanks(item)]
        for item in made:
            _label(item, question)
        if made:
            items.extend(made)
        else:
            skipped[question.style] = skipped.get(question.style, 0) + 1
    return QuizItems(items, skipped)


# --- one question, its items --------------------------------------------------------

def _items_for(question: Question, project: Project, category: str, tolerance: float) -> list[QuizItem]:
    base = dict(name=question.id, category=category, feedback=feedback_text(question, project),
                points=question.points, question=question)
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
        return [_cloze_item(question, base)]
    if style == "essay":
        return [_essay(question, question.prompt, base)]
    if style == "short_answer":
        numeric = numeric_answer(question, tolerance)
        if numeric is not None:
            unit = f" (Answer with a number; unit: {numeric.unit}.)" if numeric.unit else \
                " (Answer with a number.)"
            return [QuizItem("numerical", text=question.prompt + unit, number=plain_number(numeric.value),
                             tolerance=plain_number(numeric.tolerance), **base)]
        forms = accepted_forms(question)
        if not forms:
            return [_essay(question, question.prompt, base)]
        return [QuizItem("shortanswer", text=question.prompt, answers=[Answer(a) for a in forms], **base)]
    return []


def _essay(question: Question, text: str, base: dict) -> QuizItem:
    """A question the teacher marks: the model answer, accepted forms, marking points and quote."""
    return QuizItem("essay", text=text, graderinfo=grader_info(question),
                    lines=max(3, question.lines), **base)


def grader_info(question: Question) -> str:
    lines = [f"Model answer: {question.answer}"] if question.answer else []
    if question.style == "fill_blank":
        lines = [f"Model answer: {question.cloze_sentence}"]
    others = [a for a in question.accept if a != question.answer]
    if others:
        lines.append("Also accept: " + "; ".join(others))
    if question.any_order:
        lines.append("The items may come in any order.")
    points = question.marking_points
    if points:
        lines.append("Marking points: " + " ".join(f"({i}) {p}" for i, p in enumerate(points, 1)))
    quote = quote_text(question)
    if quote:
        lines.append(f"Quote: {quote}")
    return "\n".join(" ".join(line.split()) for line in lines)


def accepted_forms(question: Question) -> list[str]:
    """Every form a machine may accept for a short answer, or [] if a teacher must mark it."""
    forms = question.machine_answers()
    if forms and question.any_order:
        forms = _any_order(forms)
    return _with_variants(forms)


def is_short(text: str) -> bool:
    """A number with an optional unit, or at most three words: an exact match can mark it."""
    text = " ".join(text.split()).rstrip(".")
    return bool(text) and (_SINGLE_NUMBER.match(text) is not None
                           or len(text.split()) <= MAX_MACHINE_WORDS)


def _any_order(forms: list[str]) -> list[str]:
    """A list answer ("a; b; c") in every order, when it has few enough items."""
    result = []
    for form in forms:
        items = [i.strip() for i in form.split(";") if i.strip()]
        if 1 < len(items) <= MAX_ORDERED_ITEMS:
            result += ["; ".join(p) for p in itertools.permutations(items)]
        else:
            result.append(form)
    return list(dict.fromkeys(result))


_ARTICLE = re.compile(r"(?i)(the|an?)\s+(?=\S)")
# "To turn back" and "They knocked up": the answer's own words come after its opening "to" or
# subject pronoun, and a student types "turn back", "knocked up".
_TO_OR_SUBJECT = re.compile(r"(?:To\s+(?=\S)|(?:They|He|She|It|We)\s+(?=[a-z]))")


def _with_variants(forms: list[str]) -> list[str]:
    """Each form, plus the same with numbers written in figures ('nearly 14 hours' for 'nearly fourteen
    hours'), without thousands separators or in millions, and without
    an article it opens with ('Athenians' for 'The Athenians': the practice page ignores
    articles, and a quiz's exact match must not mark the bare name wrong), and without an opening
    "to" or subject pronoun ('turn back' for 'To turn back', 'knocked up' for 'They knocked up')."""
    out, bare_words = [], []  # the answer's own words last: a teacher's accepted forms come first
    for form in forms + [written for form in forms for written in figure_forms(form)]:  # 'twelve' -> '12'
        out.append(form)
        bare = re.sub(r"(?<=\d),(?=\d{3}\b)", "", form)
        if bare != form:
            out.append(bare)
        out += million_forms(form)  # '12 million francs' for '12,000,000 francs'
        article = _ARTICLE.match(form)
        if article and ";" not in form:
            out.append(form[article.end():])
        opening = _TO_OR_SUBJECT.match(form)
        if opening and ";" not in form:
            bare_words.append(form[opening.end():])
    return list(dict.fromkeys(out + bare_words))


def answer_variants(answer: str) -> list[str]:
    """The answer, plus the same answer with numbers written without thousands separators."""
    return _with_variants([answer])


# --- cloze ------------------------------------------------------------------------------

def _cloze_item(question: Question, base: dict) -> QuizItem:
    """One cloze item: short blanks stay blanks, long ones are shown filled in."""
    parts: list[str | Blank] = []
    seen: dict[int, Blank] = {}
    short = {n for text, n in question.cloze if n and is_short(text)}
    written = question.cloze_written()
    for i, (text, number) in enumerate(question.cloze_shown(short)):
        if number in short:
            article = trailing_article(written[i - 1])[1] if i and written[i - 1] != question.cloze[i - 1][0] else ""
            blank = seen.setdefault(number, Blank(_with_variants([" ".join(text.split())]), article))
            parts.append(blank)
        elif parts and isinstance(parts[-1], str):
            parts[-1] += text
        else:
            parts.append(text)
    if not any(isinstance(p, Blank) for p in parts):
        return _cloze_essay(question, base)
    blanks = {id(p) for p in parts if isinstance(p, Blank)}
    several = len({n for _, n in question.cloze if n}) > 1
    prompt = ONE_BLANK_PROMPT if several and len(blanks) == 1 else question.prompt
    return QuizItem("cloze", text=prompt, parts=parts, **base)


def _cloze_essay(question: Question, base: dict) -> QuizItem:
    text = "".join(BLANK if n else t for t, n in question.cloze)
    return _essay(question, f"{question.prompt} {text}".strip(), base)


def split_blanks(item: QuizItem) -> list[QuizItem]:
    """A cloze item as one short-answer item per blank, the other blanks filled in.

    The items are named ``<id>/cN`` when there are several; each says "Fill in the blank."
    """
    if item.kind != "cloze":
        return [item]
    blanks = list(dict.fromkeys(id(b) for b in item.blanks))
    if len(blanks) == 1:
        return [_one_blank(item, blanks[0], item.name, item.text)]
    return [_one_blank(item, key, f"{item.name}/c{n}", ONE_BLANK_PROMPT)
            for n, key in enumerate(blanks, 1)]


def _one_blank(item: QuizItem, key: int, name: str, prompt: str) -> QuizItem:
    before, after, answers, found = [], [], [], False
    for part in item.parts:
        if isinstance(part, Blank) and id(part) == key and not found:
            answers, found = part.answers, True
        elif isinstance(part, Blank):
            side = after if found else before
            if id(part) != key and part.article and side:  # filled in: "an oil refinery", not "a(n) ..."
                side[-1] = restore_article(side[-1], part.article)
            side.append(BLANK if id(part) == key else part.answers[0])
        else:
            (after if found else before).append(part)
    lead = f"{prompt} " if prompt else ""
    return QuizItem("shortanswer", name=name, category=item.category,
                    text=f"{lead}{''.join(before)}{BLANK}{''.join(after)}",
                    before=lead + "".join(before), after="".join(after),
                    answers=[Answer(a) for a in answers], feedback=item.feedback, points=item.points,
                    question=item.question)


# --- ids and tags --------------------------------------------------------------------

MAX_IDNUMBER = 100  # Moodle's limit
MAX_TAG = 50


def _label(item: QuizItem, question: Question) -> None:
    """Give an item its Moodle ID number and tags."""
    item.idnumber = _bounded(item.name, MAX_IDNUMBER)
    tags = ["studykit", f"topic-{question.topic}", f"template-{question.template_id}",
            *(f"fact-{fact.id}" for fact in question.facts[:5]), f"rev-{revision(item)}"]
    item.tags = list(dict.fromkeys(_bounded(t, MAX_TAG) for t in tags))


def revision(item: QuizItem) -> str:
    """A short hash of what a student and teacher see: changes whenever the question does."""
    parts = [item.kind, item.text, item.feedback, item.graderinfo, item.number, item.tolerance,
             repr(item.truth), *(f"{a.right}:{a.text}" for a in item.answers),
             *(f"{l}->{r}" for l, r in item.pairs),
             *(p if isinstance(p, str) else "|".join(p.answers) for p in item.parts)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:8]


def _bounded(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return text[:limit - 9] + "-" + digest


def moodle_pattern(answer: str) -> str:
    """A short answer as Moodle compares it: '*' is Moodle's wildcard, so a literal one is '\\*'."""
    return answer.replace("*", "\\*")
