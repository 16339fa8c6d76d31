"""Which facts are comparable, and which options are plausible.

Multiple-choice distractors, true/false false versions and matching spares come
only from *comparable* facts: the same source, the same kind and the same
``category`` (a Soviet official among Soviet officials, a city among places).

Facts without a ``category``: figures are compared with other uncategorised
figures of the same source (templates add a same-unit rule with
``sibling_when``), because a number in the same unit is a fair option; for
every other kind nothing is borrowed, since a term and a city look alike to a
program.  Such facts still get their hand-written ``distractors`` and
``false_statements``, and a question that finds too few plausible options is
not made (``studykit preview`` says why).

Speed: facts are indexed once by (source, kind, category); each question looks
at a bounded, seeded sample of its group, so rendering stays linear in facts.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from typing import Callable, Iterator

from ..model import Fact
from .option_keys import named_in, option_key
from .remembered import per_text

SAMPLE_LIMIT = 24  # comparable facts tried per question: bounds work on large groups
BORROWING_KINDS_WITHOUT_CATEGORY = ("figure",)
_SMALL_WORDS = {"of", "the", "and", "de", "von", "van", "la", "le", "du", "der", "al", "bin", "for", "in"}
_ARTICLES = {"the", "a", "an"}
# Titles English writes after "the" before a person's name: "the Rev. John Keble", "the Rt. Hon. W. Pitt".
_STYLES = {"rev", "revd", "reverend", "hon", "honourable", "honorable"}
_STYLE_DEGREES = {"rt", "right", "very", "most"}  # only before a style: "the Right Bank" is no title
# A rank held of a place names one person the way a name does: "the Earl of Derby", "the Duke of
# Wellington", "the Grand Duke of Baden", "the King of Prussia" (but "the Council of Northwick" is a body).
_TERRITORIAL_RANKS = {"duke", "duchess", "marquess", "marquis", "marchioness", "earl", "count", "countess",
                      "viscount", "viscountess", "baron", "baroness", "prince", "princess", "archduke",
                      "archduchess", "elector", "electress", "margrave", "landgrave", "king", "queen",
                      "emperor", "empress", "tsar", "tsarina", "czar", "sultan", "shah", "khan", "doge"}


class FactIndex:
    """The deck's facts grouped by what makes them comparable, built once per render."""

    def __init__(self, facts: list[Fact]):
        self.groups: dict[tuple[str, str, str | None], list[Fact]] = {}
        self.kinds: dict[tuple[str, str], list[Fact]] = {}
        for fact in facts:
            self.groups.setdefault(self.key(fact), []).append(fact)
            self.kinds.setdefault((fact.source_id, fact.kind), []).append(fact)

    @staticmethod
    def key(fact: Fact) -> tuple[str, str, str | None]:
        return fact.source_id, fact.kind, fact.category

    def comparable(self, fact: Fact, pool: str = "category") -> list[Fact]:
        """Facts this one may borrow options from (itself included; callers skip it by id).

        ``pool: kind`` is for templates whose options are comparable across categories
        (the holders of claims: whose view is this?).
        """
        if pool == "kind":
            return self.kinds.get((fact.source_id, fact.kind), [])
        if fact.category is None and fact.kind not in BORROWING_KINDS_WITHOUT_CATEGORY:
            return []
        return self.groups.get(self.key(fact), [])


def sample(pool: list[Fact], rng: random.Random, skip_id: str, limit: int = SAMPLE_LIMIT) -> Iterator[Fact]:
    """Up to ``limit`` facts of ``pool`` (never ``skip_id``) in a seeded random order.

    Small pools are shuffled whole; large ones are drawn from without replacement,
    so the cost per question is bounded whatever the pool's size.
    """
    if len(pool) <= 2 * limit:
        order = [f for f in pool if f.id != skip_id]
        rng.shuffle(order)
        yield from order[:limit]
        return
    seen: set[int] = set()
    given, size = 0, len(pool)
    below = rng._randbelow  # what randrange(size) returns for a size > 0, without its argument checks
    while given < limit and len(seen) < size:
        i = below(size)
        if i in seen:
            continue
        seen.add(i)
        if pool[i].id != skip_id:
            given += 1
            yield pool[i]


@per_text
def form_of(text: str) -> tuple[str, str]:
    """What an option looks like: a number and its unit, a proper name, or other text.

    A phrase opening with an article is no name, however it is capitalised: "the
    Relief Commissioner" is a holder like "the county surveyor" (but "the Rev. John
    Keble" and "the Earl of Derby" are names: "the" before a clergyman's or a peer's style, or
    before a rank held of a place, belongs to it).  A name with an
    apposition ("Arthur Penrose, the Relief Commissioner") is a form of its own:
    among bare names it would say which person it is.
    """
    key = option_key(text)
    match = re.match(r"^(?:about |c |some |around )?[\d][\d,. ]*(.*)$", key)
    if match:
        return "number", match.group(1).strip()
    head, comma, rest = text.partition(",")
    words = re.findall(r"[^\W\d_][\w'-]*", head)
    if len(words) > 2 and words[0].lower() == "the" and (_styled(words[1:]) or _territorial(words[1:])):
        words = words[1:]  # "the Rt. Rev. Thomas Hale", "the Earl of Derby": a name with its title
    if not words or words[0].lower() in _ARTICLES:
        return "text", ""
    # a script without capitals (Chinese, Korean, Arabic ...) tells no name from a term: its words do not decide
    cased = [w for w in words if w[0].isupper() or w[0].islower()]
    if all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in cased):
        return "name", "with apposition" if rest.strip() else ""
    return "text", ""


def _styled(words: list[str]) -> bool:
    """Whether ``words`` open with a clergyman's or a peer's style ('Rev.', 'Rt. Hon.') and a name."""
    lower = [w.lower() for w in words]
    at = 1 if lower[0] in _STYLE_DEGREES else 0
    return len(lower) > at + 1 and lower[at] in _STYLES


def _territorial(words: list[str]) -> bool:
    """Whether ``words`` are a rank held of a place: 'Earl of Derby', 'Grand Duke of Baden'."""
    lower = [w.lower() for w in words]
    at = 1 if lower[0] == "grand" else 0
    return (len(words) > at + 2 and lower[at] in _TERRITORIAL_RANKS and lower[at + 1] == "of"
            and words[at + 2][:1].isupper())


def describe_form(form: tuple[str, str]) -> str:
    """The answer's form in words, so preview can say why borrowed options did not fit."""
    kind, detail = form
    if kind == "number":
        return f"a number of {detail}" if detail else "a bare number"
    if kind == "name":
        return "a name with an apposition after a comma" if detail else "a name"
    return "text that is no name"


def _one_unit(form: tuple[str, str], other: tuple[str, str]) -> bool:
    """Whether two numbers are in one unit, the singular after 1 and the plural after others:
    '1 shilling' beside '15 shillings', '1 death per 1,000' beside '37 deaths per 1,000'."""
    if form[0] != "number" or other[0] != "number":
        return False
    return _unit_key(form[1]) == _unit_key(other[1])


def _unit_key(unit: str) -> str:
    first, space, rest = unit.partition(" ")
    return (first[:-1] if first.endswith("s") else first) + space + rest


def _one_word_either(text: str, form: tuple[str, str], answer: str, answer_form: tuple[str, str]) -> bool:
    """Whether one of a name and a text is a single capitalised word, which may be either: an
    option starts with a capital, so "Death" and "Whipping" are words like "Transportation for
    seven years" as well as names like "Smith" (two capitalised words, "John Smith", say a name)."""
    if {form, answer_form} != {("name", ""), ("text", "")}:
        return False
    word = text if form == ("name", "") else answer
    return bool(re.fullmatch(r"[^\W\d_][\w'-]*", word.strip())) and not word.strip()[1:2].isupper()


def _overlap(a: str, b: str) -> bool:
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


class Options:
    """Collects plausible options for one question, refusing implausible ones with a reason."""

    def __init__(self, answer: str, stem: str, also_right: list[str] = (), same_form: bool = True,
                 form: tuple[str, str] | None = None):
        self.answer = answer
        self.stem = stem
        self.form = form if form is not None else form_of(answer)  # (given: a true or false claim is text)
        self.same_form = same_form  # False: one class whatever the form (holders: people and bodies)
        self.taken = {option_key(answer)} | {option_key(a) for a in also_right}
        self.chosen: list[str] = []
        self.refused: Counter = Counter()

    def offer(self, text: str, true_elsewhere: "bool | Callable[[], bool]" = False) -> bool:
        """Add ``text`` if it is plausible; ``true_elsewhere``: another fact makes it right.

        ``true_elsewhere`` may be a function, asked only when the cheaper reasons pass
        (it renders the sibling's question, and most borrowed texts are refused before).
        """
        reason = self._refusal(text, true_elsewhere)
        if reason:
            self.refused[reason] += 1
            return False
        self.taken.add(option_key(text))
        self.chosen.append(text)
        return True

    def _refusal(self, text: str, true_elsewhere) -> str:
        key = option_key(text)
        if not key:
            return "empty"
        if key in self.taken:
            return "the same as another option"
        if true_elsewhere if not callable(true_elsewhere) else true_elsewhere():
            return "also right according to another fact"
        if named_in(text, self.stem):
            return "named in the question"
        form = form_of(text)
        if (form != self.form and self.same_form and not _one_word_either(text, form, self.answer, self.form)
                and not _one_unit(form, self.form)):
            return f"of another form than the answer ({describe_form(self.form)})"
        if form[0] != "number" and any(_overlap(key, taken) for taken in self.taken):
            return "overlapping another option ('the council' and 'members of the council')"
        return ""

    def why_too_few(self, found: int, needed: int, comparable: int, fact: Fact,
                    hand_written: str = "distractors", pool: str = "category", left_out: int = 0,
                    other_topics: int = 0) -> str:
        """The reason a question was not made, for preview.

        ``left_out``: facts of the pool the template's ``sibling_when`` refused (figures in
        another unit): then a category would not help, and the fix says so.  ``other_topics``:
        comparable facts of other topics, which a ``same_topic`` template does not borrow from."""
        if pool == "kind":
            what = "any category"
        else:
            what = f"category '{fact.category}'" if fact.category else "no category"
        if other_topics:
            what += f", in topic '{fact.topic}'"
        parts = [f"only {found} plausible option(s) besides the answer, {needed} needed; "
                 f"{comparable} comparable fact(s) ({fact.kind}, {what})"]
        if left_out:
            parts.append(f"{left_out} more left out by the template's 'sibling_when' rule")
        if other_topics:
            parts.append(f"{other_topics} more in other topics, which the template's 'same_topic: true' "
                         "leaves out")
        if self.refused:
            parts.append("refused: " + ", ".join(f"{n} option(s) {why}" for why, n in sorted(self.refused.items())))
        if left_out:
            parts.append(f"add '{hand_written}:' to the fact, or facts its 'sibling_when' accepts")
        elif other_topics and fact.category:
            parts.append(f"add '{hand_written}:' to the fact, or facts of its category to topic '{fact.topic}'")
        elif not fact.category:
            parts.append(f"give the fact a 'category:' shared with comparable facts, or '{hand_written}:'")
        else:
            parts.append(f"add '{hand_written}:' to the fact or more facts of its category")
        return "; ".join(parts)
