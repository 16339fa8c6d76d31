"""Quality warnings for ``studykit check``: what makes a question wrong outside its document.

Each warning has the position of the field to fix and says how; ``check --strict``
makes them fail.  They are about content a program can judge for any document:

- relative time and reference words ("this year", "these", "both") that lose
  their meaning once a question stands alone on a card or a worksheet;
- cloze blanks that are trivial (a stop word, a count of a list that follows);
- two templates asking one fact the same thing in the same style;
- figures the source hedges ("about 100") printed without their hedge;
- an ordered list whose items carry their years in the order asked ("the peace (421 BC)");
- a figure whose one number stands for more: a range ("8,000 to 9,000 men") or a sum
  in two units ("9 talents and 2,000 drachmas"), which every figure card would cut short.
"""

from __future__ import annotations

import re

from ..errors import Problem
from ..model import Fact, Project
from .. import quotes
from .question import Question, RenderResult
from .wording import alike as _alike, figure as figure_text, hedge_words, option_key, side_hedge

RELATIVE_WORDS = (
    "this year", "last year", "next year", "this month", "last month", "this summer", "last summer",
    "this spring", "last spring", "this autumn", "last autumn", "this winter", "last winter",
    "this week", "last week", "current", "currently", "recently", "recent", "these", "those", "both",
    "the latter", "the former", "yesterday", "tomorrow", "nowadays", "the last negotiations",
    "the summer before", "the year before",
)
_RELATIVE = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(RELATIVE_WORDS, key=len, reverse=True))
                       + r")\b", re.IGNORECASE)
# The last word of each phrase: text that _RELATIVE matches contains one (ignoring case).
_RELATIVE_LAST = frozenset(phrase.split()[-1] for phrase in RELATIVE_WORDS)
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|'[^']*'(?!\w)")
TRIVIAL_TERMS = {
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "to", "for", "with", "by", "at", "from",
    "some", "many", "few", "several", "all", "any", "it", "its", "they", "them", "this", "that",
    "these", "those", "he", "she", "we", "is", "was", "were", "are", "be", "been", "not", "no", "yes",
    "after", "before", "then", "now", "costs", "things", "time", "a long time", "after a long time",
    "some foods", "matters", "issues", "points", "items",
}
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve")
_COUNT = re.compile(r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")( (\w+))?", re.IGNORECASE)
_COUNTED = {"points", "items", "things", "parts", "aspects", "ways", "proposals", "matters", "issues"}
_NOT_DEICTIC = re.compile(r"\b(these|those) (who|whom|which|that)\b|\bboth\b(?=[^.;]{0,80}\band\b)",
                          re.IGNORECASE)
HEDGES = ("about", "around", "approximately", "roughly", "some", "nearly", "almost", "c.", "circa",
          "over", "more than", "less than", "up to")


def warn(path: str, where: tuple[int, int], message: str) -> Problem:
    return Problem(path, where[0], where[1], message, severity="warning")


def quality_warnings(project: Project, rendered: dict[str, RenderResult]) -> list[Problem]:
    """Every quality warning of the project: facts first, then the questions made from them."""
    found: list[Problem] = []
    for fact in project.facts.values():
        source = project.sources.get(fact.source_id)
        found += relative_words(fact, dated_year(source) if source else None)
        found += trivial_blanks(fact)
        found += lost_hedge_in_fact(fact)
        found += unflagged_hedge(fact)
        found += partial_figure(fact)
        found += order_given_by_numbers(fact)
    seen: set[str] = set()
    for result in rendered.values():
        fresh = [q for q in result.questions if q.id not in seen]
        seen.update(q.id for q in fresh)
        found += same_question_twice(project, fresh)
        found += lost_hedge_in_questions(project, fresh)
    return sorted(set(found))


# --- facts ---------------------------------------------------------------------------

REFERENCE_WORDS = ("these", "those", "both")


_ERA = r"\s*(B\.?C\.?(?:E\.?)?|A\.?D\.?|C\.?E\.?)(?![\w.])"


def dated_year(source) -> "str | None":
    """The document's year as its date writes it, with its era: '400 BC' of 'c. 400 BC'."""
    year = source.year
    if year is None:
        return None
    era = re.search(rf"(?<!\d){year}{_ERA}", source.date, re.IGNORECASE)
    return f"{year} {era.group(1)}" if era else str(year)


def relative_words(fact: Fact, year: "int | str | None" = None) -> list[Problem]:
    """'this year', 'recently', 'these'... in what a card shows, outside quotation marks.

    Time words are always reported.  Reference words ('these', 'those', 'both')
    are reported where nothing before them can be what they point to: opening
    the text, or 'both these'; never when the document itself says it (the
    same words in the fact's quote, as in a speech's 'these old soldiers').
    """
    dated = f"'in {year}'" if year else "'in' and the year"
    found = []
    quoted = None  # the quote as compared, made only for a reference word (most facts have none)
    for key in ("statement", "question", "answer"):
        text = getattr(fact, key)
        if not _may_be_relative(text) or not _RELATIVE.search(text):
            continue  # blanking quotations and non-deictic uses can only remove matches
        text = _QUOTED.sub(lambda m: " " * len(m.group()), text)
        text = _NOT_DEICTIC.sub(lambda m: " " * len(m.group()), text)
        for match in _RELATIVE.finditer(text):
            word = match.group(1)
            if word.lower() in REFERENCE_WORDS:
                if quoted is None:
                    quoted = quotes.normalize(" ".join(fact.quotes)).casefold()
                if not _dangling(text, match, quoted):
                    continue
            found.append(warn(fact.path, fact.position(key), (
                f"fact '{fact.id}': its {key} says '{word}', which means nothing once the question "
                f"stands alone on a card or worksheet; say what it refers to (a date such as {dated} "
                f"for 'this year', the things meant by 'these' or 'both')")))
    return found


def _may_be_relative(text: str) -> bool:
    """False only when ``_RELATIVE`` cannot match: no phrase's last word is in the text at all.

    A few substring searches instead of a 30-phrase alternation tried at every
    word (28 us for a question's text).  Text with characters outside ASCII may
    match a phrase ignoring case ('theſe'): it is left to the pattern.
    """
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(word in lowered for word in _RELATIVE_LAST)


def _dangling(text: str, match, quoted: str) -> bool:
    """A reference word with nothing before it to refer to, and not the document's own words."""
    phrase = " ".join(text[match.start():].split()[:2]).casefold().strip(".,;:")
    if phrase and phrase in quoted:
        return False
    before = text[:match.start()]
    opening = re.sub(r"^\s*according to [^,]*,", "", before, flags=re.IGNORECASE).strip()
    return not opening or before.rstrip().lower().endswith("both")


_FIRST_NUMBER = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)")


def order_given_by_numbers(fact: Fact) -> list[Problem]:
    """An ordered list whose every item carries a number (a year, a date) that runs in the
    order asked: the ordering question answers itself ('(438 BC)' ... '(421 BC)')."""
    if fact.kind != "list" or not fact.data.get("ordered"):
        return []
    items = [str(item) for item in fact.data.get("items") or []]
    numbers = [_FIRST_NUMBER.search(item) for item in items]
    if len(items) < 3 or not all(numbers):
        return []
    values = [float(match.group(1).replace(",", "")) for match in numbers]
    pairs = list(zip(values, values[1:]))
    if not (all(a < b for a, b in pairs) or all(a > b for a, b in pairs)):
        return []
    shown = ", ".join(f"'{match.group(1)}'" for match in numbers[:3]) + (" ..." if len(items) > 3 else "")
    return [warn(fact.path, fact.position("data.items"), (
        f"fact '{fact.id}': every item carries a number in the order asked ({shown}), so the ordering "
        "question answers itself; take the numbers out of the items (ask for the dates with 'when' "
        "cards of the events, or in the fact's question)"))]


def trivial_blanks(fact: Fact) -> list[Problem]:
    """Key terms not worth a blank: stop words and counts of a list that follows."""
    found = []
    for i, term in enumerate(fact.key_terms):
        key = option_key(term)
        if key in TRIVIAL_TERMS or (len(key) < 3 and not key.isdigit()):  # '73' ships is a figure
            why = "a word any student could guess"
        elif _is_count_of_list(fact, key):
            why = "a count, which the items after it give away"
        else:
            continue
        found.append(warn(fact.path, fact.position(f"key_terms.{i}"), (
            f"fact '{fact.id}': the cloze blank '{term}' is trivial ({why}); remove it from "
            "key_terms and blank a name, date, figure or term worth remembering")))
    return found


def _is_count_of_list(fact: Fact, key: str) -> bool:
    match = _COUNT.fullmatch(key)
    if not match:
        return False
    if match.group(3) in _COUNTED:
        return True
    items = fact.data.get("items") if fact.kind == "list" else None
    number = match.group(1).lower()
    value = int(number) if number.isdigit() else _NUMBER_WORDS.index(number)
    return bool(items) and value == len(items)


def _approximate_numbers(fact: Fact) -> list[tuple[float, str]]:
    """Each hedged side's number with the words it is printed with ('about', or the data's own)."""
    if fact.kind != "figure":
        return []
    return [(fact.data[side], hedge_words(side_hedge(fact.data, side))) for side in ("value", "requested", "promised")
            if isinstance(fact.data.get(side), (int, float)) and side_hedge(fact.data, side)]


def _unhedged(text: str, number: float, words: str = "") -> bool:
    """Whether ``number`` appears in ``text`` without a hedge word (or the data's own ``words``)
    just before it."""
    shown = re.escape(quotes.format_number(number))
    hedges = HEDGES + ((words.lower(),) if words else ())
    for match in re.finditer(rf"(?<![\d,.]){shown}(?![\d,])", text):
        before = text[max(0, match.start() - 24):match.start()].lower().rstrip().rstrip(_SIGNS).rstrip()
        if not any(before.endswith(h) for h in hedges):  # 'about 100', 'not more than $12,500'
            return True
    return False


def lost_hedge_in_fact(fact: Fact) -> list[Problem]:
    found = []
    for number, hedge in _approximate_numbers(fact):
        for key in ("statement", "answer"):
            if _unhedged(getattr(fact, key), number, hedge):
                found.append(warn(fact.path, fact.position(key), (
                    f"fact '{fact.id}': its {key} gives {quotes.format_number(number)} without "
                    f"the source's hedge (its data hedges it: '{hedge}'); write "
                    f"'{hedge} {quotes.format_number(number)}' as the source does")))
    return found


APPROXIMATING = ("about", "around", "approximately", "roughly", "some", "nearly", "almost", "c.", "circa")
_APPROXIMATED = re.compile(r"\b(" + "|".join(re.escape(h) for h in APPROXIMATING) + r")\s+$", re.IGNORECASE)


def unflagged_hedge(fact: Fact) -> list[Problem]:
    """A figure the quote gives as "about 100" while its data says nothing: every template
    would print a plain 100 (bounds such as "over 100" are not about, so not asked for)."""
    if fact.kind != "figure":
        return []
    sides = [side for side in ("value", "requested", "promised")
             if isinstance(fact.data.get(side), (int, float)) and not isinstance(fact.data.get(side), bool)]
    hedged = {side: _hedge_before(fact.quotes, fact.data[side]) for side in sides
              if not side_hedge(fact.data, side)}
    hedged = {side: words for side, words in hedged.items() if words}
    every_side = len(hedged) == len(sides)  # then one 'approximate: true' says it
    found = []
    for side, words in hedged.items():
        number = fact.data[side]
        key = "approximate" if every_side else f"{side}_approximate"
        found.append(warn(fact.path, fact.position(f"data.{side}"), (
            f"fact '{fact.id}': its quote says '{words} {quotes.format_number(number)}', but its data "
            f"gives {side} {quotes.plain_number(number)} as exact; add '{key}: true' to its data "
            "so that every card, sheet and export prints 'about'")))
    return found


def _hedge_before(quoted: list[str], number: float) -> str:
    """The approximating word right before ``number`` in a quote ('about'), or ''."""
    written = {quotes.format_number(number), quotes.plain_number(number), str(int(number))
               if float(number).is_integer() else str(number)}
    for quote in quoted:
        for shown in written:
            start = quote.find(shown)
            while start >= 0:  # str.find, not a pattern per number: a course has thousands of figures
                end = start + len(shown)
                whole = ((start == 0 or quote[start - 1] not in _NUMBER_CHARS)
                         and (end == len(quote) or quote[end] not in "0123456789,"))
                hedge = _APPROXIMATED.search(quote[max(0, start - 24):start].rstrip(_SIGNS)) if whole else None
                if hedge:
                    return hedge.group(1)
                start = quote.find(shown, start + 1)
    return ""


_NUMBER_CHARS = "0123456789,."
_SIGNS = "$£€¥"  # a sign between a hedge and its number: 'about $800'

_NUM = r"\d[\d,]*(?:\.\d+)?"
# "between 40 and 50", "8,000 to 9,000", "300 or 400", "40-50" (a unit word may follow the first
# number); not "rose from 200 to 300", a change whose new figure is one number
_RANGE = re.compile(rf"\bbetween\s+({_NUM})\s+(?:[A-Za-z]+\s+)?and\s+(?:about\s+)?({_NUM})"
                    rf"|(?<![\d,.])(?<!from )({_NUM})\s*(?:[A-Za-z]+\s+)?(?:to|or)\s+(?:about\s+)?({_NUM})"
                    rf"|(?<![\d,.])({_NUM})\s*[-\u2013\u2014]\s*({_NUM})", re.IGNORECASE)
# "9 talents and 2,000 drachmas": a number, its unit word, and a number in another unit word
_TWO_UNITS = re.compile(rf"(?<![\d,.])({_NUM})\s+([A-Za-z]+)\s+and\s+({_NUM})\s+([A-Za-z]+)")


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _same_word(one: str, other: str) -> bool:
    """'talent' and 'talents' are one unit word."""
    return one.lower().rstrip("s") == other.lower().rstrip("s")


def partial_figure(fact: Fact) -> list[Problem]:
    """A figure whose data keeps one number of a range or of a sum in two units: every figure
    card, sheet and export would print '8,000 men' for "8,000 to 9,000 men", or '9 talents' for
    "9 talents and 2,000 drachmas", and the answer on the key would contradict its own quote."""
    if fact.kind != "figure":
        return []
    sides = {side: fact.data[side] for side in ("value", "requested", "promised")
             if isinstance(fact.data.get(side), (int, float)) and not isinstance(fact.data.get(side), bool)}
    known = {float(n) for n in sides.values()}
    found = []
    for side, number in sides.items():
        shown = _range_with(fact, float(number), known)
        why = (f"a range, '{shown}'", "ranges") if shown else None
        if not shown:
            shown = _two_units_with(fact, float(number), known)
            why = (f"a sum in two units, '{shown}'", "sums in two units") if shown else None
        if why:
            printed = figure_text(fact.data, side)
            found.append(warn(fact.path, fact.position(f"data.{side}"), (
                f"fact '{fact.id}': its data keeps {side} {quotes.plain_number(number)} of {why[0]}, so "
                f"every figure question (multiple choice, true/false, the table, the key's chart) would "
                f"print '{printed}' as the source's figure; a figure is one number (studykit prints no "
                f"{why[1]}): make the fact 'kind: event' (or 'kind: claim' with a holder), whose recall "
                f"and cloze cards keep '{shown}' whole")))
    return found


def _range_with(fact: Fact, number: float, known: set[float]) -> str:
    """The range in the fact's answer, statement or quotes that has ``number`` at one end and
    a number the data does not give at the other ('' when there is none)."""
    for text in (fact.answer, fact.statement, *fact.quotes):
        for match in _RANGE.finditer(text):
            ends = [g for g in match.groups() if g is not None]
            low, high = _number(ends[0]), _number(ends[1])
            if number in (low, high) and not {low, high} <= known:
                return match.group(0)
    return ""


def _two_units_with(fact: Fact, number: float, known: set[float]) -> str:
    """'9 talents and 2,000 drachmas' in the fact's answer or key terms, for the figure's
    number in its own unit, when the data does not give the second number."""
    unit = str(fact.data.get("unit") or "")
    for text in (fact.answer, *fact.key_terms):
        for match in _TWO_UNITS.finditer(text):
            first, first_unit, second, second_unit = match.groups()
            if (_number(first) == number and unit and _same_word(first_unit, unit)
                    and not _same_word(second_unit, unit) and _number(second) not in known):
                return match.group(0)
    return ""


# --- questions -----------------------------------------------------------------------

def _template_where(project: Project, template_id: str, key: str = "prompt") -> tuple[str, tuple[int, int]]:
    template = project.templates[template_id]
    spec = template.spec
    return template.path, (spec.loc(key) if key in spec else spec.loc())


def same_question_twice(project: Project, questions: list[Question]) -> list[Problem]:
    """Two templates asking one fact for the same answer in the same style, for the same outputs."""
    found = []
    asked: dict[tuple, Question] = {}
    for q in questions:
        if len(q.facts) != 1 or not q.answer or q.style in ("true_false", "fill_blank"):
            continue
        key = (q.fact.id, q.style, option_key(q.answer))
        first = asked.get(key)
        if first is None:
            asked[key] = q
            continue
        if (first.template_id != q.template_id and set(first.targets) & set(q.targets)
                and _alike(first.prompt, q.prompt)):
            path, where = _template_where(project, q.template_id, "applies_to")
            found.append(warn(path, where, (
                f"templates '{first.template_id}' and '{q.template_id}' both ask fact '{q.fact.id}' "
                f"for '{q.answer}' ({q.style.replace('_', ' ')}); keep one question per thing asked: "
                f"add 'skip: [{q.template_id}]' to the fact ({q.fact.path}:{q.fact.line}), or for every "
                f"fact narrow '{q.template_id}' with applies_to (when/not_tags) or give the two "
                f"templates different targets")))
    return found


def _shown_texts(q: Question) -> list[str]:
    """The texts that present the source's figures: not a false statement, nor a wrong option
    (a distractor is another figure, printed in the asked side's hedge so that options read alike)."""
    if q.truth is False:
        return []
    right = [q.options[q.correct]] if q.options and isinstance(q.correct, int) else list(q.options)
    texts = [q.prompt, q.answer, *right, *(t for t, _ in q.cloze)]
    texts += [cell for row in q.rows for cell in row] + [side for pair in q.pairs for side in pair]
    return texts


def lost_hedge_in_questions(project: Project, questions: list[Question]) -> list[Problem]:
    found = []
    for q in questions:
        for fact in q.facts:
            for number, hedge in _approximate_numbers(fact):
                if q.style == "fill_blank":
                    continue  # the statement itself is checked above
                if any(_unhedged(text, number, hedge) for text in _shown_texts(q)):
                    path, where = _template_where(project, q.template_id)
                    found.append(warn(path, where, (
                        f"template '{q.template_id}' prints {quotes.format_number(number)} for fact "
                        f"'{fact.id}' without '{hedge}', though the source hedges it; print figures "
                        "with the figure filter: fact.data | figure('promised')")))
    return found
