"""The other writings of an answer a marker accepts: a date in the other usual order or era
spelling, a date without its 'On', millions as people write them, a time of day in figures
(machine marking matches exact strings, so each right writing must be listed)."""

from __future__ import annotations

import re

from .. import quotes, regexcache
from ..schema import MONTHS
from .option_keys import option_key

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
    answer = str(answer)
    if not quotes.may_have_digits(answer):  # every whole date has its year in digits (most answers: none)
        return ""
    answer = " ".join(answer.split())
    if answer.isascii() and not may_be_date(answer.lower()):  # most figures: '3,000 tons'
        return ""
    match = _BEFORE_DATE.fullmatch(answer)
    bare = match["date"] if match else answer
    return bare if (_DATE_START.match(bare) or _spelled_day(bare)) and date_forms(bare) else ""


# How a date's era may end once its dots are stripped ('B.C.' -> 'b.c'): see _ERA_AFTER.
_ERA_ENDS = ("bc", "b.c", "ad", "a.d", "ce", "c.e")  # (B.C.E. ends as C.E. does)


def may_be_date(lowered: str) -> bool:
    """False when a lowercased ASCII text cannot be a whole date date_forms knows: it names no
    month, has no ISO dash and neither starts nor ends as an era may. Cheaper than the patterns
    it spares (most answers with a figure are sums and counts, asked of every question)."""
    return ("-" in lowered or lowered.rstrip(".").endswith(_ERA_ENDS)
            or lowered.startswith(("a", "on a", "in a")) or any(month in lowered for month in MONTHS))


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


_POSSESSIVE_END = regexcache.compile(r"(?:['\u2019]s|(?<=s)['\u2019])\.?$")


def owner_alone(answer: str) -> list[str]:
    """['Lieutenant Edward Fane', 'Edward Fane'] for the answer "Lieutenant Edward Fane's" to
    "Whose conduct did he praise?": the owner named without the possessive (and without a title)
    is right too, and an exact-match quiz would mark it wrong."""
    text = " ".join(str(answer).split())
    if "'" not in text and "\u2019" not in text:  # most answers: no possessive at all
        return []
    from .titles import untitled  # lazy: only possessive answers ask (an import statement costs a call)

    owner = _POSSESSIVE_END.sub("", text)
    words = owner.split()
    if owner == text or not words or len(words) > OWNER_WORDS or not words[-1][:1].isupper():
        return []  # "... too well known at Pell's" names a shop in a sentence, not an owner
    forms = [owner, untitled(owner)]
    return [form for n, form in enumerate(forms) if option_key(form) not in map(option_key, forms[:n])]


OWNER_WORDS = 4  # an owner is a name of a few words ('The King of Norland'), not a sentence


_ORDINAL_END = regexcache.compile(r"(?:first|second|third|th)$", re.IGNORECASE)
FIGURE_WORDS = 6  # an answer of at most this many words may be a figure written in words


def figure_forms(answer: str) -> list[str]:
    """A figure written in words as a student writes it in figures: 'nearly fourteen hours' ->
    ['nearly 14 hours'], 'twelve' -> ['12'], 'Four score and seven years' -> ['87 years'].  Only
    a short answer with one run of cardinal number words (not 'the first', not 'one tenth',
    which a quiz's exact match would then read as '1 10')."""
    words = str(answer).split()
    if not words or len(words) > FIGURE_WORDS or quotes.may_have_digits(answer):
        return []
    runs = [(text, value) for text, value in quotes.number_words(answer)]
    runs = [(text, value) for text, value in runs
            if not any(text != other and text in other for other, _ in runs)]  # the longest reading
    if len(runs) != 1:
        return []
    text, value = runs[0]
    if value != int(value) or value == 1 or _ORDINAL_END.search(text.split()[-1]):
        return []
    written = answer.replace(text, quotes.format_number(int(value)), 1)
    return [written] if written not in (answer, "") else []
