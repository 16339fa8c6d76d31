"""Quality warnings for ``studykit check``: what makes a question wrong outside its document.

Each warning has the position of the field to fix and says how; ``check --strict``
makes them fail.  They are about content a program can judge for any document:

- relative time and reference words ("this year", "these", "both") that lose
  their meaning once a question stands alone on a card or a worksheet;
- cloze blanks that are trivial (a stop word, a count of a list that follows) or worked out from the
  numbers beside them (:mod:`.blank_sums`);
- a number in words above twelve in a statement or answer ('eighteen months') the quote does not give;
- two items of a list in [ ] that the fact writes as one text with a comma ('[Articles IV, V and VII]');
- two templates asking one fact the same thing in the same style;
- figures the source hedges ("about 100") printed without their hedge, and a figure whose
  one number stands for more (a range, a sum in two units): see :mod:`.figure_quality`;
- an ordered list whose items carry their years, dates, ordinals or article numbers in the order
  asked ("the peace (421 BC)", "1 June 1815" ..., "the first instalment" ..., "Article IV" ...);
- a fact's own `distractors` that a clue rule refused (see :mod:`.own_options`);
- an ordered list whose own question names every item in the order asked (:mod:`.order_named`).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problem, warning
from ..model import Fact, Project
from .. import quotes, regexcache
from .question import Question, RenderResult
from .figure_quality import hedged_numbers, lost_hedge_in_fact, partial_figure, unflagged_hedge, unhedged
from .option_keys import alike as _alike, option_key
from .headings import named_key_terms
from .order_named import order_named
from .ordered_items import order_given_by_numbers
from .own_options import refused_own_options
from .blank_sums import worked_out_blanks

RELATIVE_WORDS = (
    "this year", "last year", "next year", "this month", "last month", "this summer", "last summer",
    "this spring", "last spring", "this autumn", "last autumn", "this winter", "last winter",
    "this week", "last week", "current", "currently", "recently", "recent", "these", "those", "both",
    "the latter", "the former", "yesterday", "tomorrow", "nowadays", "the last negotiations",
    "the summer before", "the year before",
)
_RELATIVE = regexcache.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(RELATIVE_WORDS, key=len, reverse=True))
                               + r")\b", re.IGNORECASE)
# The last word of each phrase: text that _RELATIVE matches contains one (ignoring case).
_RELATIVE_LAST = frozenset(phrase.split()[-1] for phrase in RELATIVE_WORDS)
_QUOTED = regexcache.compile(r"\"[^\"]*\"|“[^”]*”|'[^']*'(?!\w)")
TRIVIAL_TERMS = {
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "to", "for", "with", "by", "at", "from",
    "some", "many", "few", "several", "all", "any", "it", "its", "they", "them", "this", "that",
    "these", "those", "he", "she", "we", "is", "was", "were", "are", "be", "been", "not", "no", "yes",
    "after", "before", "then", "now", "costs", "things", "time", "a long time", "after a long time",
    "some foods", "matters", "issues", "points", "items",
}
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve")
_COUNT = regexcache.compile(r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")( (\w+))?", re.IGNORECASE)
_COUNTED = {"points", "items", "things", "parts", "aspects", "ways", "proposals", "matters", "issues"}
_NOT_DEICTIC = regexcache.compile(r"\b(these|those) (who|whom|which|that)\b|\bboth\b(?=[^.;]{0,80}\band\b)",
                                  re.IGNORECASE)


def quality_warnings(project: Project, rendered: dict[str, RenderResult]) -> list[Problem]:
    """Every quality warning of the project: facts first, then the questions made from them."""
    found: list[Problem] = []
    for fact in project.facts.values():
        source = project.sources.get(fact.source_id)
        if len(fact.quotes) > 1 and source is not None:
            found += quote_split_at_a_comma(fact, source.text)
        found += relative_words(fact, dated_year(source) if source else None)
        found += trivial_blanks(fact)
        found += worked_out_blanks(fact)
        found += lost_hedge_in_fact(fact)
        found += unflagged_hedge(fact)
        found += partial_figure(fact)
        found += unquoted_number_words(fact)
        found += split_at_a_comma(fact)
        found += split_inside_brackets(fact)
        found += yes_or_no(fact)
        found += ownerless_possessive(fact)
    seen: set[str] = set()
    for result in rendered.values():
        fresh = [q for q in result.questions if q.id not in seen]
        seen.update(q.id for q in fresh)
        found += same_question_twice(project, fresh)
        found += lost_hedge_in_questions(project, fresh)
        found += [w for q in fresh if q.style == "table" for w in crossed_columns(project, q)]
        # Only where an ordering question is made: a fact that skips it is fine as it is.
        found += [w for q in fresh if q.style == "ordering" for w in order_given_by_numbers(q.fact)]
        found += [w for q in fresh if q.style == "ordering" for w in order_named(q.fact, q.order)]
    found += refused_own_options(project, rendered)
    found += named_key_terms(project)
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


_COUNT_WORDS_MAX = 12  # 'two plenipotentiaries', 'the first': counts a fact makes of what the quote lists
# Every number word above twelve has one of these in it (a cheap test before reading the words).
_BIG_NUMBER_STEMS = ("teen", "twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet",
                     "hundred", "thousand", "million", "billion", "score", "dozen")


def unquoted_number_words(fact: Fact) -> list[Problem]:
    """A number written in words in the statement or answer ('eighteen months') that the quote
    does not give: facts are exact, and the digit check reads digits only.  Small numbers are
    left alone: a fact may count what its quote lists ('two plenipotentiaries')."""
    found, quoted = [], None
    for key in ("statement", "answer"):
        text = getattr(fact, key)
        lower = text.lower()
        if not any(stem in lower for stem in _BIG_NUMBER_STEMS):
            continue
        for words, value in quotes.number_words(text):
            if value <= _COUNT_WORDS_MAX:
                continue
            if quoted is None:
                quoted = set()
                for quote in fact.quotes:
                    quoted |= quotes.numbers_in(quote) | {v for _, v in quotes.number_words(quote)}
            if value not in quoted and not _scaled_and_quoted(words, value, text, quoted):
                found.append(warning(fact.path, fact.position(key), (
                    f"fact '{fact.id}': its {key} says '{words}' ({quotes.format_number(value)}), which its "
                    "quote does not give; facts are exact: quote the words that give it, or move a "
                    "number of your own to 'context'")))
    return found


_SCALE_WORDS = frozenset({"hundred", "thousand", "million", "billion"})


def _scaled_and_quoted(words: str, value: float, text: str, quoted: set[float]) -> bool:
    """Whether ``words`` is a bare scale after figures ("62 million") whose whole, 62,000,000, the
    quote gives (as "62 millions of cubic feet"): the word alone is no number of the statement's."""
    return words.lower() in _SCALE_WORDS and any(
        number in quoted for number in quotes.numbers_in(text) if number > value and number % value == 0)


def split_at_a_comma(fact: Fact) -> list[Problem]:
    """Two items of a list in [ ] that the fact writes as one text with a comma between them:
    YAML ended the item at the comma ('[Articles IV, V and VII]' blanks 'Articles IV' and
    'V and VII'; '[Oriel, Charles, Marquess of Oriel]' accepts 'Charles' alone).  Blanks and
    options are suspect only when the second runs on with 'and' or 'or' (the rest of a series):
    '[coking coal, sulphur]' blanks two words of one list on purpose."""
    found = []
    texts = None
    for key in ("key_terms", "accept", "distractors"):
        items = getattr(fact, key)
        for i, (first, second) in enumerate(zip(items, items[1:])):
            if key != "accept" and not _ENDS_A_SERIES.search(second):
                continue  # blanks or options from one series ('tobacco, cigarettes') are meant as two
            joined = f"{first}, {second}"
            if texts is None:
                texts = quotes.normalize(" ".join([fact.statement, fact.answer, *fact.quotes])).casefold()
            if quotes.normalize(joined).casefold() not in texts or not _written_in_brackets(fact, key, joined):
                continue
            found.append(warning(fact.path, fact.position(f"{key}.{i}"), (
                f"fact '{fact.id}': its {key} has '{first}' and '{second}' as two items, but the fact "
                f"writes '{joined}' as one: inside [ ] a comma ends an item; put it in quotes: "
                f"[\"{joined}\"] (or, for two items, write the list one item a line)")))
    return found


_AUXILIARIES = frozenset({"did", "was", "were", "is", "are", "does", "do", "had", "has", "have", "could",
                          "would", "will", "can", "should", "must", "may", "might", "shall"})
_YES_OR_NO = regexcache.compile(r"^\W*(?:yes|no)\b", re.IGNORECASE)


def yes_or_no(fact: Fact) -> list[Problem]:
    """A question answered yes or no ("Did the diarist believe ...? No; ..."): a student guesses
    half of them, and the card teaches the fact only in what its answer adds."""
    first = fact.question.split(" ", 1)[0].lower()
    if first not in _AUXILIARIES or not _YES_OR_NO.match(fact.answer):
        return []
    return [warning(fact.path, fact.position("question"), (
        f"fact '{fact.id}': its question is answered yes or no ('{_short(fact.question)}' -> "
        f"'{_short(fact.answer)}'): a student guesses half of such questions; ask what, who or why "
        "(\"What did the diarist think of ...?\"), so the answer is the fact itself"))]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def split_inside_brackets(fact: Fact) -> list[Problem]:
    """Two items of a list in [ ] cut at a comma inside ( ): "[farm work (bird-scaring, potato
    planting), truancy]" is read as 'farm work (bird-scaring' and 'potato planting)', and the key
    prints two broken marking points.  The first opens a bracket the second closes."""
    lists = [(key, getattr(fact, key)) for key in ("key_terms", "accept", "distractors", "false_statements")]
    if fact.kind == "list" and isinstance(fact.data.get("items"), list):
        lists.append(("data.items", fact.data["items"]))
    if fact.analysis and isinstance(fact.analysis.get("marking_points"), list):
        lists.append(("analysis.marking_points", fact.analysis["marking_points"]))
    found = []
    for key, items in lists:
        for i, (first, second) in enumerate(zip(items, items[1:])):
            if not (isinstance(first, str) and isinstance(second, str)):
                continue
            if first.count("(") > first.count(")") and second.count(")") > second.count("("):
                found.append(warning(fact.path, fact.position(f"{key}.{i}"), (
                    f"fact '{fact.id}': its {key.replace('.', ' ')} has '{first}' and '{second}' as two items, "
                    f"cut inside ( ): inside [ ] a comma ends an item even within brackets; put it in quotes: "
                    f"[\"{first}, {second}\"] (or write the list one item a line)")))
    return found


def quote_split_at_a_comma(fact: Fact, text: str) -> list[Problem]:
    """Two passages of a quote in [ ] that the source gives as one, with a comma between them:
    YAML ended the first at the comma ('[Friday, 18th April., Latitude observed ...]' quotes
    'Friday' and '18th April.'), and cards and keys print "Friday … 18th April."."""
    cut = [(first, second) for first, second in zip(fact.quotes, fact.quotes[1:])
           if f"{first}," in text and _followed_by(text, first, second)]  # a cheap pre-check first
    if not cut or not _written_in_brackets(fact, "quote", f"{cut[0][0]}, {cut[0][1]}"):
        return []
    (first, second), more = cut[0], len(cut) - 1
    joined = f"{first}, {second}"
    return [warning(fact.path, fact.position("quote"), (
        f"fact '{fact.id}': its quote has '{first}' and '{second}' as two passages, but the source writes "
        f"'{joined}' as one{f' (and {more} more such comma' + ('s' if more > 1 else '') + ')' if more else ''}: "
        f"inside [ ] a comma ends an item; put each passage in quotes: [\"{joined}\", ...] (or write the "
        "passages one a line)"))]


def _followed_by(text: str, first: str, second: str) -> bool:
    """Whether the source writes ``first``, a comma and ``second`` (whitespace and quote marks
    folded), looking only where it writes ``first,``: folding the whole text costs milliseconds."""
    want = quotes.normalize(f"{first}, {second}")
    at = text.find(f"{first},")
    while at >= 0:
        if quotes.normalize(text[at:at + len(want) + 40]).startswith(want):
            return True
        at = text.find(f"{first},", at + 1)
    return False


# The rest of a series after its first comma: 'V and VII' of 'Articles IV, V and VII'.
_ENDS_A_SERIES = regexcache.compile(r"\s(?:and|or)\s")


def _written_in_brackets(fact: Fact, key: str, joined: str) -> bool:
    """Whether the list is written in [ ] with the comma unquoted (read only for a suspect)."""
    line, col = fact.position(key)
    try:
        lines = Path(fact.path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        return False
    raw = lines[line - 1][col - 1:] if 0 < line <= len(lines) else ""
    return raw.lstrip().startswith("[") and joined in raw


def relative_words(fact: Fact, year: "int | str | None" = None) -> list[Problem]:
    """'this year', 'recently', 'these'... in what a card shows, outside quotation marks.

    Time words are always reported.  Reference words ('these', 'those', 'both')
    are reported where nothing before them can be what they point to: opening
    the text, or 'both these'; never when the document itself says it (the
    same words in the fact's quote, as in a speech's 'these old soldiers').
    """
    if isinstance(year, int) or (isinstance(year, str) and year.isdigit()):
        dated = f"'in {year}' for 'this year', 'in {int(year) - 1}' for 'last year'"
    else:  # a year with its era ('431 BC') is named as it is; no year: the advice in general
        dated = f"'in {year}' for 'this year'" if year else "'in' and the year for 'this year'"
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
            found.append(warning(fact.path, fact.position(key), (
                f"fact '{fact.id}': its {key} says '{word}', which means nothing once the question "
                f"stands alone on a card or worksheet; say what it refers to (a date such as {dated}, "
                f"the things meant by 'these' or 'both')")))
    return found


# A figure's item or a list's label opening with a possessive: the questions print it alone
# ("What figure does the will give for his purse and apparel?"), where it names no one.
_POSSESSIVE_OPENING = regexcache.compile(r"(his|her|their|its|my|our)\s", re.IGNORECASE)
_NAMING_FIELDS = {"figure": "item", "list": "label"}


def ownerless_possessive(fact: Fact) -> list[Problem]:
    """A figure's ``item`` or a list's ``label`` that opens with 'his', 'her', 'their' ...: the
    question prints it without the sentence that said whose ("the figure for his purse and
    apparel"), so the card names no one."""
    key = _NAMING_FIELDS.get(fact.kind)
    text = fact.data.get(key) if key else None
    if not isinstance(text, str):
        return []
    match = _POSSESSIVE_OPENING.match(text.strip())
    if not match:
        return []
    word = match.group(1)
    return [warning(fact.path, fact.position(f"data.{key}"), (
        f"fact '{fact.id}': its {key} '{text.strip()}' opens with '{word}', which names no one once "
        f"a question prints it alone ('the figure {fact.document} gives for {text.strip()}'); "
        f"say whose (a name, as 'Thomas Smith's ...' for '{word} ...')"))]


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
        found.append(warning(fact.path, fact.position(f"key_terms.{i}"), (
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
    if not items or value != len(items):
        return False
    # 'four looms' in the four demands' 'no weaver to mind more than four looms' is a word of an
    # item, not their count
    return not (match.group(3) and any(f" {key} " in f" {option_key(item)} " for item in map(str, items)))


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
            found.append(warning(path, where, (
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
            for number, hedge in hedged_numbers(fact):
                if q.style == "fill_blank":
                    continue  # the statement itself is checked above
                if any(unhedged(text, number, hedge) for text in _shown_texts(q)):
                    path, where = _template_where(project, q.template_id)
                    found.append(warning(path, where, (
                        f"template '{q.template_id}' prints {quotes.format_number(number)} for fact "
                        f"'{fact.id}' without '{hedge}', though the source hedges it; print figures "
                        "with the figure filter: fact.data | figure('promised')")))
    return found


def crossed_columns(project: Project, q: Question) -> list[Problem]:
    """A table whose two columns share a name ('Saved or carried', 'Presumed drowned or saved'):
    one fact calls its first figure what another calls its second, so a column means two things."""
    names = [{part.strip().casefold() for part in str(c.get("title", "")).split(" or ")} for c in q.columns]
    for i, one in enumerate(names):
        for j in range(i + 1, len(names)):
            shared = sorted(one & names[j] - {""})
            if shared:
                path, where = _template_where(project, q.template_id, "columns")
                facts = ", ".join(f"'{f.id}'" for f in q.facts)
                return [warning(path, where, (
                    f"template '{q.template_id}': the table of facts {facts} heads two columns "
                    f"'{q.columns[i]['title']}' and '{q.columns[j]['title']}': '{shared[0]}' names the "
                    "first figure of one fact and the second of another, so a column would mean two "
                    "things; give the same side the same word in every fact (requested_as, promised_as), "
                    f"or add 'skip: [{q.template_id}]' to the facts that differ"))]
    return []
