"""English for templates: articles, plurals, agreement, figures with their hedge.

Exposed to templates as Jinja filters and tests (see :data:`FILTERS`, :data:`TESTS`)
so a template reads as English for every shape of fact: a plural name ("our
fathers"), a role without an article, a list label in the singular, a number the
source hedges ("about 100"), a year (never "1,967").  Articles and plurals come
from the ``inflect`` library, imported only for a word it was not asked before
(:mod:`.inflected` keeps its answers between runs).
"""

from __future__ import annotations

import re
from functools import lru_cache, wraps

from .. import quotes, regexcache
from ..schema import MONTHS
from . import inflected
from .titles import of_other_sex, office, ranked_above

RELATIVE_WORDS = ("who", "whom", "whose", "which", "that", "where", "when")
DETERMINERS = ("a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their",
               "our", "my", "your", "some", "any", "each", "every", "all", "both", "one", "two",
               "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# A phrase's head noun ends before one of these ("wishes of the comrades").
_HEAD_ENDS = set(RELATIVE_WORDS) | {"of", "for", "to", "in", "from", "by", "with", "on", "at",
                                    "about", "against", "over", "under", "during", "between"}
_DEFINITE_ALREADY = {"a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their",
                     "our", "my", "your", "each", "every", "all", "both"}
HEDGE = "about"
# Irregular past participles that open a clause rather than name a role.
_PARTICIPLES = {"brought", "made", "led", "sent", "held", "given", "taken", "known", "seen", "written",
                "chosen", "said", "told", "left", "built", "won", "fought", "taught", "thought", "bought",
                "kept", "found", "met", "paid", "set", "put", "born", "gone", "done", "begun", "become"}
_NOUNS_LIKE_VERBS = {"garden", "citizen", "children", "women", "men", "kitchen", "engineering",
                     "king", "queen", "red", "head", "chairman"}


# "a" or "an" just before a blank, as a whole word.
_ARTICLE_BEFORE_BLANK = regexcache.compile(r"(?<![\w'’-])(an|a)(\s+)$", re.IGNORECASE)


def neutral_article(text_before_blank: str) -> str:
    """"calling an ___" tells a student the answer starts with a vowel: write "a(n) ___"."""
    def neutral(match: re.Match) -> str:
        article = "A" if match.group(1)[0] == "A" else "a"
        return f"{article}(n){match.group(2)}"

    return _ARTICLE_BEFORE_BLANK.sub(neutral, text_before_blank)


def per_text(function):
    """``function`` of one text, remembered per text: a wording helper asked again and again for
    the same value (4,000 claims of one holder each ask whether it is plural).  Anything but a plain
    ``str`` (or more arguments) is passed through unremembered, so its result or error is as before."""
    known: dict[str, object] = {}

    @wraps(function)
    def remembered(text, *more):
        if more or type(text) is not str:
            return function(text, *more)
        found = known.get(text, _UNKNOWN)
        if found is _UNKNOWN:
            if len(known) >= _REMEMBERED:
                known.clear()
            found = known[text] = function(text)
        return found

    remembered.forget = known.clear
    return remembered


_UNKNOWN = object()
_REMEMBERED = 1 << 16  # texts each helper remembers (a course has a few thousand distinct holders)


# --- numbers ------------------------------------------------------------------

def number(value) -> str:
    """200000 -> '200,000' (years: use ``year``)."""
    return quotes.format_number(value)


def year(value) -> str:
    """1967 -> '1967': a year never takes a thousands separator."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


# Units written as a sign: a currency sign goes before the number ('£450,000'), a percent or
# degree sign right after it ('60%'), as the documents themselves print them.
SIGNS_BEFORE = frozenset({"£", "$", "€", "¥", "₹", "₽", "₩", "US$", "A$", "C$"})
SIGNS_AFTER = frozenset({"%", "‰", "°"})


def with_unit(number_text: str, unit=None) -> str:
    """'450,000' with 'pounds' -> '450,000 pounds'; with '£' -> '£450,000'; with '%' -> '60%'."""
    if not unit:
        return number_text
    unit = str(unit)
    if unit in SIGNS_BEFORE:
        return unit + number_text
    if unit in SIGNS_AFTER:
        return number_text + unit
    if number_text == "1":
        unit = _one_of(unit)
    return f"{number_text} {unit}"


def _one_of(unit: str) -> str:
    """The unit after the number 1: its first word in the singular ('1 shilling', '1 death per
    10,000 houses'); a unit that is no plural stays ('1 million tons', '1 head of cattle')."""
    first, space, rest = unit.partition(" ")
    if first.lower() in ("men", "women", "children", "people") or _ends_like_plural(first):
        one = inflected.ask("singular_noun", first)
        if one:
            return one + space + rest
    return unit


# A sign written out in words: a share, not a unit one can "type it in" ("Type it in per cent").
SIGN_WORDS = frozenset({"per cent", "percent", "per centum", "per mille", "per mil"})


def unit_sign(unit) -> bool:
    """Whether a unit is a sign ('£', '%') or a sign in words ('per cent'), not a word one can
    'type it in'."""
    text = str(unit)
    return text in SIGNS_BEFORE or text in SIGNS_AFTER or " ".join(text.lower().split()) in SIGN_WORDS


def qty(value, unit=None, approximate: "bool | str" = False) -> str:
    """A number with its unit, hedged as the source hedges it: 'about 100 pieces', or with the
    source's own words for a bound ('not more than 900 acres') when ``approximate`` is text."""
    text = with_unit(number(value), unit)
    hedge = hedge_words(approximate)
    return f"{hedge} {text}" if hedge else text


def hedge_words(approximate: "bool | str", about: str = HEDGE) -> str:
    """What goes before a hedged number: the data's own words, 'about' for true, '' for false."""
    if isinstance(approximate, str):
        return approximate.strip()
    return about if approximate else ""


def figure(data: dict, side: str = "value", unit_of: str | None = None) -> str:
    """One side of a figure's data ('value', 'requested', 'promised') as printed text.

    The unit is the side's own unit (``requested_unit``...) unless ``unit_of`` names
    another side; the side's hedge (``approximate: true``, or ``promised_approximate``
    for the promised side alone) adds "about".
    """
    unit_side = unit_of or side
    unit = data.get("unit") if unit_side == "value" else data.get(f"{unit_side}_unit", data.get("unit"))
    return qty(data[side], unit, side_hedge(data, side))


def side_hedge(data: dict, side: str) -> "bool | str":
    """The hedge of one side of a figure: its own (``requested_approximate``), else the figure's."""
    both = data.get("approximate") or False
    return both if side == "value" else (data.get(f"{side}_approximate", both) or False)


def share(part, whole, approximate: "bool | str" = False) -> str:
    """``75000 | share(200000)`` -> '37.5%': computed, never typed by hand; hedged as
    ``qty`` hedges ('about 37.5%', 'not more than 69.4%')."""
    if not whole:
        raise ValueError("share of a zero total")
    value = round(100 * part / whole, 1)
    hedge = hedge_words(approximate)
    return f"{hedge} {quotes.format_number(value)}%" if hedge else f"{quotes.format_number(value)}%"


def share_hedge(data: dict) -> "bool | str":
    """How the promised side's share of the request is hedged: 'about' when either side is
    about, the promised side's own bound when only it is bounded ('not more than 69.4%').
    A bounded request ('over 600') bounds the share the other way: no single word says it."""
    requested, promised = side_hedge(data, "requested"), side_hedge(data, "promised")
    if isinstance(requested, str):
        raise ValueError("the share of a bounded request has no hedge of its own")
    return promised if isinstance(promised, str) else bool(requested or promised)


def words(value) -> str:
    """4 -> 'four' (numbers up to ten read better as words in a sentence)."""
    value = int(value)
    return inflected.ask("number_to_words", value) if 0 <= value <= 10 else number(value)


# --- nouns and agreement ----------------------------------------------------------

def article(phrase: str) -> str:
    """'union' -> 'a union', 'hour' -> 'an hour'; phrases with a determiner or a name stay."""
    phrase = phrase.strip()
    first = phrase.split(" ", 1)[0] if phrase else ""
    if (not first or first.lower() in DETERMINERS or first[:1].isupper() or first[:1].isdigit()
            or is_plural(phrase)):
        return phrase
    return inflected.ask("a", phrase)


def definite(phrase: str) -> str:
    """'proposals of the delegation' -> 'the proposals of the delegation'; 'the four proposals' stays."""
    phrase = phrase.strip()
    first = phrase.split(" ", 1)[0] if phrase else ""
    if not first or first.lower() in _DEFINITE_ALREADY or first[:1].isupper():
        return phrase
    return f"the {phrase}"


# An article or possessive right after a noun opens a clause without "that": "places the troops
# were to evacuate", "goods his army took" (the head is "places", "goods", not "were", "took").
_CLAUSE_OPENERS = frozenset({"the", "a", "an", "this", "these", "those", "his", "her", "its", "their",
                             "our", "my", "your"})


def _head_split(phrase: str) -> tuple[list[str], list[str]]:
    tokens = phrase.split()
    for i, token in enumerate(tokens[1:], start=1):
        lower = token.lower()
        if lower in _HEAD_ENDS or (lower in _CLAUSE_OPENERS and tokens[i - 1].lower() not in DETERMINERS):
            return tokens[:i], tokens[i:]
    return tokens, []


_PLURAL_OPENERS = {"these", "those", "us", "we", "they", "them", "both", "all", "many", "several"}
# Nouns that end in s and name one thing: 'the address', 'the census', 'the analysis', 'the news'.
_SINGULAR_ENDINGS = ("ss", "us", "is")
_SINGULAR_IN_S = {"news"}


@per_text
def is_plural(phrase: str) -> bool:
    """Whether a noun phrase names several: 'our ancestors', 'the Koreans', 'these old soldiers',
    'the old soldiers, living and dead' (not 'Jane Smith', 'Jones', 'the delegation')."""
    phrase = phrase.strip().split(",", 1)[0]
    head, _ = _head_split(phrase)
    if not head:
        return False
    if head[0].lower() in _PLURAL_OPENERS:
        return True
    proper = head[0].lower() not in DETERMINERS
    for token in head[1:] if head[0].lower() in DETERMINERS else head:
        word = re.sub(r"[^\w'-]", "", token)
        if not word or (word[:1].isupper() and proper):
            continue  # a proper name: 'Jones', 'Jane Smith'
        if word.lower() in ("men", "women", "children", "people", "police") or (
                word == head[-1].strip(",") and _ends_like_plural(word)
                and inflected.ask("singular_noun", word)):
            return True
    return False


def _ends_like_plural(word: str) -> bool:
    lower = word.lower()
    return not lower.endswith(_SINGULAR_ENDINGS) and lower not in _SINGULAR_IN_S


def agree_with(verb: str, subject: str) -> str:
    """``'does' | agree_with('the minutes')`` -> 'do': a verb agrees with the document's name,
    so "What figure do the minutes give?" reads as well as "What figure does the report give?"."""
    return (inflected.ask("plural_verb", verb) or verb) if is_plural(subject) else verb


def plural(phrase: str) -> str:
    """'government of the people' -> 'governments of the people'; plural phrases stay."""
    phrase = phrase.strip()
    if not phrase or is_plural(phrase):
        return phrase
    head, rest = _head_split(phrase)
    if head[0].lower() in ("a", "an"):
        head = head[1:] or head
    head[-1] = inflected.ask("plural_noun", head[-1]) or head[-1]
    return " ".join(head + rest)


def be(subject: str, tense: str = "present") -> str:
    """'Smith' -> 'Smith is', 'our ancestors' -> 'our ancestors are' (tense 'past': was/were).

    An aside after a comma is closed before the verb: 'the brave men, living and
    dead, are' (not '... living and dead are').
    """
    many = is_plural(subject)
    verb = {("present", False): "is", ("present", True): "are",
            ("past", False): "was", ("past", True): "were"}[(tense, many)]
    subject = subject.strip()
    if "," in subject and not subject.endswith(","):
        subject += ","
    return f"{subject} {verb}"


def is_noun_phrase(text: str) -> bool:
    """False for a clause ('who struggled here') or a participle ('brought forth a nation')."""
    first = text.strip().split(" ", 1)[0] if text.strip() else ""
    if not first:
        return False
    lower = first.lower()
    if lower in RELATIVE_WORDS:
        return False
    if first[:1].isupper() or lower in DETERMINERS:
        return True
    if lower in _PARTICIPLES:
        return False
    return not re.search(r"(ed|en|ing)$", lower) or lower in _NOUNS_LIKE_VERBS


# A straight double quote opens a quotation at the start or after a space or bracket.
_OPENING_QUOTE = regexcache.compile(r'(?:^|(?<=[\s(\[{\u2014\u2013/-]))"')


# A straight single quote opening a quotation (after a space or bracket, before a word) with its
# closing one: "he told them, 'Hold the sea.' Then he left" (not the apostrophe of "Koreans'").
_SINGLE_PAIR = regexcache.compile(r"(?<![\w'])'(?=\w)([^'\n]*?[\w.,!?;:])'(?!\w)")


def quoted(text: str) -> str:
    """The source's words in “…”; the double quotes inside become single (a quote within a quote),
    so 'He said "no".' prints “He said ‘no’.”, not a tangle of double quotes; a quotation the
    source already gives in straight single quotes prints in curly ones to match."""
    if type(text) is not str or "'" in text:  # (each pattern needs its straight quote: most passages have none)
        text = _SINGLE_PAIR.sub("\u2018\\1\u2019", text)
    if '"' in text:
        text = _OPENING_QUOTE.sub("\u2018", text).replace('"', "\u2019")
    return "\u201c" + text.replace("\u201c", "\u2018").replace("\u201d", "\u2019") + "\u201d"


def capfirst(text: str) -> str:
    """Capitalise the first letter only ('oil refinery in Pyongyang' keeps its capital P)."""
    return text[:1].upper() + text[1:] if text else text


@per_text
def bare(text: str) -> str:
    """Without parenthesised asides: 'Korean comrades (as reported by Soviet comrades)' -> 'Korean comrades'."""
    return " ".join(re.sub(r"\s*\([^()]*\)", "", text).split())


@per_text
def final_noun(phrase: str) -> str:
    """The word a phrase ends on, asides dropped: 'members of the Korean delegation' ->
    'delegation'.  A passage that uses it ("the delegation mentioned ...") names that party."""
    words = re.sub(r"[^\w\s'-]", " ", bare(phrase)).split()
    return words[-1] if words else ""


_PREPOSITIONS = frozenset({"of", "at", "in", "from", "for", "on", "to", "with", "by", "under"})


@per_text
def head_noun(phrase: str) -> str:
    """The word before a phrase's first preposition: 'the judge at Salem' -> 'judge', 'the Council
    of Northwick' -> 'Council' (a passage saying "the god" or "the Council" names that party);
    without a preposition, the word it ends on ('Soviet comrades' -> 'comrades')."""
    words = re.sub(r"[^\w\s'-]", " ", bare(phrase)).split()
    for before, word in zip(words, words[1:]):
        if word.lower() in _PREPOSITIONS:
            return before
    return words[-1] if words else ""


def sentence(text: str) -> str:
    """Close a sentence with one full stop (never '..' or '?.')."""
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + "."


_PUNCTUATION = regexcache.compile(r"[^\w\s%]")


@lru_cache(maxsize=1 << 18, typed=True)
def option_key(text: str) -> str:
    """What two options are compared by: case, punctuation and spacing removed.

    Memoised: every option and stem is compared many times while options are chosen,
    and a course of 10,000 facts compares about 40,000 distinct texts (a smaller
    cache forgot each before it was asked again).
    """
    text = quotes.normalize(str(text)).casefold()
    words = _PUNCTUATION.sub(" ", text).split()
    if len(words) > 1 and words[0] in ("the", "a", "an"):
        words = words[1:]  # 'the Soviet side' and 'Soviet side' are one option
    return " ".join(words)


_STOP = {"the", "a", "an", "of", "in", "on", "to", "for", "and", "or", "by", "with", "at", "from", "as",
         "is", "was", "were", "are", "be", "did", "does", "do", "what", "which", "who", "whom", "where",
         "when", "how", "why", "according", "report", "letter", "document", "source", "described",
         "address", "this", "that"}


def named_in(text: str, stem: str) -> bool:
    """Whether ``text`` appears in ``stem`` as whole words, ignoring case and punctuation.

    A word of ``text``'s key that is nowhere in the stem's letters answers no at once: the stem's
    key is made only when every word is there (most stems are asked once, and a long one costs).
    Each word of a stem's key is in its casefolded text: folding changes only marks and spaces.
    """
    key = option_key(text)
    if not key:
        return False
    if type(stem) is str:
        folded = stem.casefold()
        if any(word not in folded for word in key.split(" ")):
            return False
    return f" {key} " in f" {option_key(stem)} "


def echoing(text: str, other: str) -> bool:
    """Whether ``text`` repeats a word of ``other`` beyond the small ones: a role that echoes the
    name ('Captain Haines' as 'Ashby's captain') answers a true-or-false question on it."""
    words = set(option_key(text).split()) - _STOP
    return any(w in words for w in option_key(other).split() if len(w) > 1 and w not in _STOP)


# Words for what was wanted or expected, as a figure's first side may be called ('planned' then
# 'delivered'): the second side answers it, so its share of the first means something.  'sent'
# then 'promised', or 'saved' beside 'presumed drowned', are two parts, and share nothing.
_WANTED = frozenset({
    "requested", "asked", "asked for", "demanded", "sought", "claimed", "called for", "wanted", "needed",
    "required", "planned", "proposed", "intended", "estimated", "expected", "forecast", "projected",
    "budgeted", "targeted", "aimed at", "hoped for", "ordered", "offered", "bid", "tendered", "quoted",
    "voted", "granted", "authorised", "authorized", "allotted", "allocated", "assessed", "levied",
    "pledged", "promised", "subscribed", "contracted", "agreed", "fixed", "set", "due", "owed",
    "recommended", "announced",
})


def wanted(word) -> bool:
    """Whether ``word``, the name of a figure's first side, says what was wanted or expected
    ('planned', 'estimated'), so the share of it the second side reached is worth asking."""
    return " ".join(str(word).lower().split()) in _WANTED


# What a writer quotes is someone else's voice: "..." and ‘...’ are left out of the first person.
_QUOTED_SPEECH = regexcache.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d|\u2018[^\u2019]*\u2019')
# "I" after the start, a small word or a mark ("which I attribute", "; I have"), never after a
# capitalised word ("Charles I was", "Article I"); "my" anywhere; "me" only as a speaker says
# "Alfie and me were".  "told me" is not counted: the passage reports someone else's words.
# (Every match starts with I, M or m: the lookahead first refuses the other places at once.)
_WRITER = regexcache.compile(r"(?=[IMm])(?:^|(?<=[\s(\[,;:\u2014-]))(?:I(?=\s+[a-z'])|[Mm]y\b|[Mm]e and\b|(?<=and )me\b(?! to\b))")


def in_first_person(passage: str) -> bool:
    """Whether the writer speaks in ``passage`` in the first person ('I have found', 'my
    sub-inspector'): asking whose view it gives answers itself, since the header names the writer."""
    text = str(passage)
    if '"' in text or "\u201c" in text or "\u2018" in text:  # where quoted speech can start
        text = _QUOTED_SPEECH.sub(" ", text)
    for match in _WRITER.finditer(text):
        before = text[:match.start()].rstrip().rsplit(None, 1)
        if match.group(0) == "I" and before and before[-1][:1].isupper() and not before[-1].endswith((".", ";", ":")):
            continue  # "Charles I was", "Then I went": a name's numeral, or left alone to be safe
        return True
    return False


def near(one, other, factor: float = 50) -> bool:
    """Whether two figures are within ``factor`` times each other: a wrong option a hundred
    times the answer (212 spoiled ballots offered as the 48,312 counted) gives itself away;
    fifty leaves a refinery of 2,000,000 tons and a plant of 50,000 tons comparable."""
    if not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in (one, other)):
        return False
    if one <= 0 or other <= 0:
        return one == other
    return max(one, other) <= factor * min(one, other)


HEDGED_APART = 1.25  # "about 300" and "about 250" can be told apart; "about 290" cannot


def apart(one, other, hedge=False) -> bool:
    """Whether a wrong figure ``one`` can be told from the right one ``other``: any difference
    for an exact figure; a quarter or more for one the source hedges (a false "about 290 ships"
    beside the source's "about 300 ships" is about right, and no student could decide it)."""
    if not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in (one, other)):
        return one != other
    if not hedge:
        return one != other
    if one <= 0 or other <= 0:
        return one != other
    return max(one, other) >= HEDGED_APART * min(one, other)


def reads_as(one: str, other: str) -> bool:
    """Whether two texts say the same once numbers in words are read as digits (case and
    punctuation aside): "Seven years" reads as "7 years", "About five weeks" as "about 5 weeks"."""
    return _in_digits(one) == _in_digits(other)


def _in_digits(text: str) -> str:
    return option_key(in_figures(text))


def in_figures(text: str) -> str:
    """``text`` with its numbers in words written in figures: "About five weeks" -> "About 5 weeks"."""
    text = str(text)
    for words, value in quotes.number_words(text):
        if not words[:1].isdigit():
            text = re.sub(rf"(?<![\w-]){re.escape(words)}(?![\w-])", number(value), text, count=1)
    return text


def alike(one: str, other: str) -> bool:
    """Whether two texts ask with mostly the same words: then they ask the same thing."""
    a = {w for w in option_key(one).split() if w not in _STOP}
    b = {w for w in option_key(other).split() if w not in _STOP}
    return bool(a and b) and len(a & b) / len(a | b) >= 0.5


_MONTH_NAMES = "|".join(MONTHS)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"  # '2 July' or '2nd July'
_DAY_MONTH = regexcache.compile(rf"{_DAY} (?:of )?(?P<month>{_MONTH_NAMES}),?(?: (?P<year>\d{{1,4}}))?", re.I)
_MONTH_DAY = regexcache.compile(rf"(?P<month>{_MONTH_NAMES}) {_DAY}(?:,? (?P<year>\d{{1,4}}))?", re.I)
_ISO_DAY = regexcache.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")


_BC = ("BC", "BCE", "B.C.", "B.C.E.")
_AD = ("AD", "CE", "A.D.", "C.E.")
_ERA_AFTER = regexcache.compile(r"(?P<date>.*\d)\s*(?P<era>B\.?C\.?(?:E\.?)?|A\.?D\.?|C\.?E\.?)", re.I)
_ERA_BEFORE = regexcache.compile(r"(?P<era>A\.?D\.?)\s*(?P<date>\d.*)", re.I)


def date_forms(text) -> list[str]:
    """The other usual writings of a date ('19 November 1863' -> 'November 19, 1863', ...), so
    an answer typed in the other order is accepted; a year BC or AD in the era's other spellings
    ('438 BC' -> '438 BCE', '438 B.C.'; never the bare '438', another year); text that is not one
    whole date gives none."""
    text = " ".join(str(text).split())
    era = _ERA_AFTER.fullmatch(text) or _ERA_BEFORE.fullmatch(text)
    if era:
        spellings = _BC if era["era"].upper().startswith("B") else _AD
        dates = [era["date"].strip(), *_day_month_forms(era["date"].strip())]
        forms = [f"{date} {spelling}" for date in dates for spelling in spellings]
        if spellings is _AD:
            forms += [f"{spelling} {date}" for date in dates for spelling in ("AD", "A.D.")]
        return [form for form in dict.fromkeys(forms) if form != text]
    return _day_month_forms(text)


_MILLIONS = regexcache.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3}){2,})(?![\d,]*\d)")


def million_forms(answer: str) -> list[str]:
    """'12,000,000 francs' -> ['12 million francs']; '1,500,000 florins' -> ['1.5 million florins']:
    a sum of millions as people write it (at most two decimals: '1.25 million')."""
    def in_millions(match: re.Match) -> str:
        value = int(match.group(1).replace(",", ""))
        size, word = (1_000_000_000, "billion") if value >= 1_000_000_000 else (1_000_000, "million")
        if value % (size // 100):  # more than two decimals: no way people write it
            return match.group(0)
        return f"{value / size:.2f}".rstrip("0").rstrip(".") + f" {word}"

    if not quotes.may_have_digits(answer):  # most answers: no figure at all
        return []
    written = _MILLIONS.sub(in_millions, answer)
    return [written] if written != answer else []


_BEFORE_DATE = regexcache.compile(r"(?:on|in)\s+(?P<date>.+?)\.?", re.IGNORECASE)
_DATE_START = regexcache.compile(r"\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|a\.?d\.?\s+\d",
                         re.IGNORECASE)


def bare_date(answer: str) -> str:
    """The whole date an answer gives, without an opening 'On' or 'In' ('On 1 June 1815' ->
    '1 June 1815'); '' for an answer that is no whole date ('Before the winter of 429 BC')."""
    answer = " ".join(str(answer).split())
    if not quotes.may_have_digits(answer):  # every whole date has its year in digits (most answers: none)
        return ""
    match = _BEFORE_DATE.fullmatch(answer)
    bare = match["date"] if match else answer
    return bare if (_DATE_START.match(bare) or _spelled_day(bare)) and date_forms(bare) else ""


def date_alone(answer: str) -> list[str]:
    """['1 June 1815', 'June 1, 1815', ...] for the answer 'On 1 June 1815': the date typed
    without the preposition, or in the other usual order, is right too."""
    bare = bare_date(answer)
    if not bare:
        return []
    return ([bare] if bare != " ".join(answer.split()) else []) + date_forms(bare)


# A date as treaties and letters write it: 'the second day of May 1790', 'the 3rd of July, in the
# year of our Lord 1790'.
_SPELLED_DATE = regexcache.compile(
    rf"(?:the\s+)?(?P<day>(?:[a-z]+-)?[a-z]+(?:st|nd|rd|th)|\d{{1,2}}(?:st|nd|rd|th)?)\s+(?:day\s+)?of\s+"
    rf"(?P<month>{_MONTH_NAMES}),?\s+(?:in\s+the\s+year\s+(?:of\s+our\s+Lord\s+)?)?(?P<year>\d{{1,4}})", re.I)


def _spelled_day(text: str) -> str:
    """'the second day of May 1790' -> '2 May 1790'; '' when ``text`` is no date spelled so."""
    match = _SPELLED_DATE.fullmatch(text)
    if not match:
        return ""
    day = match["day"]
    if not day[0].isdigit():
        read = quotes.number_words(day)
        if len(read) != 1 or read[0][0].lower() != " ".join(day.lower().split()):
            return ""
        day = str(int(read[0][1]))
    number = int(re.match(r"\d+", day).group(0))
    return f"{number} {match['month'].capitalize()} {match['year']}"


def _day_month_forms(text: str) -> list[str]:
    spelled = _spelled_day(text)
    if spelled:
        return [spelled] + _day_month_forms(spelled)
    iso = _ISO_DAY.fullmatch(text)
    if iso and 1 <= int(iso["month"]) <= 12:
        day, month, year = int(iso["day"]), MONTHS[int(iso["month"]) - 1], iso["year"]
    else:
        match = _DAY_MONTH.fullmatch(text) or _MONTH_DAY.fullmatch(text)
        if not match:
            return []
        day, month, year = int(match["day"]), match["month"].lower(), match["year"]
    if not 1 <= day <= 31:
        return []
    month = month.capitalize()
    forms = ([f"{day} {month} {year}", f"{month} {day}, {year}", f"{month} {day} {year}"] if year
             else [f"{day} {month}", f"{month} {day}"])
    return [form for form in forms if form != text]


_HOURS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_HOUR = r"(?:\d{1,2}|" + "|".join(_HOURS) + ")"
_PART_OF_DAY = r"(?P<part>in the morning|in the forenoon|in the afternoon|in the evening|at night)"
# 'about three o'clock in the afternoon', 'at about ten in the forenoon', 'eight at night',
# 'between nine and ten in the morning': a time of day as the records of the time give it.
_TIME_OF_DAY = regexcache.compile(
    rf"(?:at\s+)?(?P<hedge>about|around|near|nearly)?\s*"
    rf"(?:(?P<h>{_HOUR})|between\s+(?P<from>{_HOUR})(?:\s+o'clock)?\s+and\s+(?P<to>{_HOUR}))"
    rf"(?:\s+o'clock)?\s+{_PART_OF_DAY}", re.IGNORECASE)


def time_forms(text) -> list[str]:
    """The usual writings of a time of day ('about three o'clock in the afternoon' -> '3 p.m.',
    'about 3 p.m.', 'three o'clock in the afternoon'; 'between nine and ten in the morning'
    -> 'between 9 and 10 a.m.'), so a marker accepts the time however it is written; text that
    is not one whole time of day gives none."""
    text = " ".join(str(text).split()).rstrip(".")
    if "in the " not in text.lower() and "at night" not in text.lower():  # most answers: no time of day
        return []
    match = _TIME_OF_DAY.fullmatch(text)
    if not match:
        return []
    hours = [_hour(match[k]) for k in (("h",) if match["h"] else ("from", "to"))]
    if not all(1 <= h <= 12 for h in hours):
        return []
    part = match["part"].lower()
    half = "a.m." if part in ("in the morning", "in the forenoon") else "p.m."
    if part == "at night" and not all(6 <= h <= 11 for h in hours):
        half = ""  # 'two at night' is 2 a.m., 'twelve at night' midnight: no p.m. to give
    hedge = f"{match['hedge'].lower()} " if match["hedge"] else ""
    said = re.sub(r"^at\s+", "", text, flags=re.IGNORECASE)  # 'about eleven', not 'at about eleven'
    plain = said[len(hedge):].strip() if hedge else said
    if len(hours) == 1:
        clock = [f"{hours[0]} {half}"] if half else []
    else:
        clock = [f"between {hours[0]} and {hours[1]} {half}"] if half else []
    forms = [said, plain] + clock + ([hedge + c for c in clock] if hedge else [])
    own = option_key(text)
    return [form for form in dict.fromkeys(forms) if option_key(form) != own]


def _hour(word: str) -> int:
    return int(word) if word.isdigit() else _HOURS.index(word.lower()) + 1


FILTERS = {
    "number": number, "year": year, "qty": qty, "figure": figure, "share": share, "words": words,
    "a": article, "article": article, "the": definite, "plural": plural, "be": be, "capfirst": capfirst,
    "sentence": sentence, "bare": bare, "final_noun": final_noun, "head_noun": head_noun, "date_forms": date_forms,
    "time_forms": time_forms,
    "agree_with": agree_with, "quoted": quoted, "share_hedge": share_hedge,
    "office": office,
}
TESTS = {"reads_as": reads_as, "unit_sign": unit_sign, "plural": is_plural, "noun_phrase": is_noun_phrase, "alike": alike, "named_in": named_in, "near": near,
         "apart": apart, "in_first_person": in_first_person,
         "echoing": echoing, "wanted": wanted, "of_other_sex": of_other_sex,
         "ranked_above": ranked_above}
