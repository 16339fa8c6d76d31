"""What the questions stage produces: :class:`Question` and :class:`RenderResult`."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from typing import Any, Container

from .. import regexcache
from ..errors import Problem
from ..model import Fact

STYLES = ("short_answer", "multiple_choice", "true_false", "fill_blank", "matching", "ordering", "table",
          "essay")
TARGETS = ("anki", "worksheet", "export")
MACHINE_WORDS = 3  # a short answer of more words is marked by hand (exported as an essay)
_NUMBER_ANSWER = regexcache.compile(r"(about |c\. |some )?[\d][\d,.]*(\s*%|\s+[A-Za-z.]+){0,3}")


@dataclass
class Question:
    """One question made from a template and one fact (or a group of facts)."""

    id: str
    guid_key: str
    template_id: str
    style: str
    topic: str
    source_id: str
    facts: list[Fact]
    prompt: str
    answer: str = ""
    options: list[str] = field(default_factory=list)
    correct: int | None = None
    truth: bool | None = None
    cloze: list[tuple[str, int]] = field(default_factory=list)
    cloze_text: str = ""  # the sentence the cloze blanks, as written ("an", where the blank shows "a(n)")
    pairs: list[tuple[str, str]] = field(default_factory=list)
    pair_titles: tuple[str, str] = ("", "")
    order: list[str] = field(default_factory=list)
    columns: list[dict[str, Any]] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    note_type: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    points: int = 1
    lines: int = 2
    targets: tuple[str, ...] = TARGETS
    accept: list[str] = field(default_factory=list)  # other answers a marker accepts
    any_order: bool = False  # a list answer ('a; b; c') accepted in any order
    marking_points: list[str] = field(default_factory=list)  # essay: what a full answer mentions
    false_from: str = ""  # a false true/false statement: the fact whose name or figure it borrows

    @property
    def fact(self) -> Fact:
        return self.facts[0]

    @property
    def correct_letter(self) -> str:
        return "ABCDEFGHIJ"[self.correct] if self.correct is not None else ""

    @property
    def cloze_plain(self) -> str:
        """The segments joined: the sentence with every blank filled, as the blanks show it."""
        return "".join(text for text, _ in self.cloze)

    @property
    def cloze_sentence(self) -> str:
        """The sentence as written ("an", where the blank shows "a(n)"): what a marker reads."""
        return self.cloze_text or self.cloze_plain

    def cloze_shown(self, open_blanks: Container[int] = ()) -> list[tuple[str, int]]:
        """The segments as a reader meets them with the blanks ``open_blanks`` left empty and the
        others filled in: "a(n)" only before an open blank (it hides the answer's first letter);
        before a filled one the article reads as written ("an oil refinery", not "a(n) oil refinery")."""
        written = self.cloze_written()
        return [(written[i] if not n and i + 1 < len(self.cloze) and self.cloze[i + 1][1] not in open_blanks
                 else text, n) for i, (text, n) in enumerate(self.cloze)]

    def cloze_written(self) -> list[str]:
        """Each segment's text as the sentence writes it: a plain one may end "an ", not "a(n) "."""
        shown = [text for text, _ in self.cloze]
        if not self.cloze_text:
            return shown
        written, pos = [], 0
        for i, (text, n) in enumerate(self.cloze):
            end = (pos + len(text) if n else self.cloze_text.find(shown[i + 1], pos) if i + 1 < len(shown)
                   else len(self.cloze_text))
            if end < pos:  # not the sentence these segments came from: keep what they show
                return shown
            written.append(self.cloze_text[pos:end])
            pos = end
        return written

    def machine_answers(self) -> list[str]:
        """Every accepted form, when a machine can mark the answer; else [] (mark by hand).

        Machine-markable: each form is a number with an optional unit, or at most
        three words.  Longer answers are exported as essay (manually graded) items.
        """
        if self.style not in ("short_answer", "fill_blank") or not self.answer:
            return []
        forms = [self.answer] + [a for a in self.accept if a != self.answer]
        return forms if all(machine_markable(form) for form in forms) else []


def machine_markable(text: str) -> bool:
    """A number with an optional unit, a date ('On 1 June 1815'), a few words, or a name of a few
    words with its title ('The Rev. Thomas Earle', whose bare name is accepted too): what exact
    matching can mark fairly."""
    text = text.strip()
    if _NUMBER_ANSWER.fullmatch(text):
        return True
    if len(text.split()) > MACHINE_WORDS:
        from .answer_forms import bare_date  # lazy: only long answers ask

        return bool(bare_date(text)) or bool(styled_name(text))
    return bool(text)


def styled_name(text: str) -> str:
    """The name of a few capitalised words a long answer styles ('Thomas Earle' of 'The Rev.
    Thomas Earle'), or ''."""
    from .titles import untitled  # lazy: only long answers ask

    core = untitled(text)
    words = core.split()
    if core == text or not 0 < len(words) <= MACHINE_WORDS or not all(w[:1].isupper() for w in words):
        return ""
    return core


@dataclass
class RenderResult:
    """The questions made, the template problems, and which questions were not made and why."""

    questions: list[Question]
    problems: list[Problem]
    skipped: list[str]  # "template/fact" (or "template/group/n") of questions not made
    reasons: dict[str, str] = field(default_factory=dict)  # skipped id -> why, for preview
    problem_facts: dict[Problem, list[str]] = field(default_factory=dict)  # problem -> facts hit
    # kept id -> the earlier question it asks the same as, for other outputs (make._drop_repeats):
    # the practice page, which asks every question, shows only the earlier one
    repeats: dict[str, str] = field(default_factory=dict)

    def skip(self, qid: str, reason: str) -> None:
        self.skipped.append(qid)
        self.reasons[qid] = reason


def stable_seed(*parts: str) -> int:
    """A seed that depends only on its text parts (never on time or hash randomisation)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return int(digest[:16], 16)


def seeded(guid_key: str) -> random.Random:
    """The question's own random order (made only for the styles that shuffle or sample: seeding
    is a hash and a generator set-up, and most questions of a course need neither)."""
    return random.Random(stable_seed(guid_key))


def shuffled_differently(items: list[str], rng: random.Random) -> list[str]:
    """The items shuffled so that fewer than half keep their place: a list printed half in
    order gives its first and last away, and one printed with none in place tells a test-wise
    student where each item is not (of three items, two orders would be left).  One place over
    when repeated items allow no other way."""
    if len(items) < 2:
        return list(items)
    shuffled = list(items)
    for _ in range(50):
        rng.shuffle(shuffled)
        if 2 * sum(moved == kept for moved, kept in zip(shuffled, items)) < len(items):
            return shuffled
    return items[1:] + items[:1]
