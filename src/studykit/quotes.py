"""Matching quotes against source text, and finding the numbers in text.

Quotes must be verbatim; only differences a copy-and-paste or a word
processor introduces are forgiven: whitespace and line breaks, typographic
quotes and dashes.
"""

from __future__ import annotations

import re

from . import regexcache

_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})

_NUMBER = regexcache.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(million|thousand|billion))?",
    re.IGNORECASE,
)
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def normalize(text: str) -> str:
    """Fold whitespace, typographic quotes and dashes so that copies compare equal.

    Every character folded is outside ASCII, so ASCII text (most of it) skips the
    table; splitting at whitespace and joining with one space is the same as
    replacing each run of ``\\s`` by a space and stripping (both use Unicode's
    whitespace), at a sixth of the cost.
    """
    if not text.isascii():
        text = text.translate(_TYPOGRAPHY)
    return " ".join(text.split())


def numbers_in(text: str) -> set[float]:
    """Every number written in ``text``; "1 million" counts as 1 and 1,000,000."""
    found: set[float] = set()
    if not may_have_digits(text):
        return found  # every number the pattern finds starts with a digit
    for match in _NUMBER.finditer(text):
        value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
        found.add(value)
        if match.group(3):
            found.add(value * _SCALE[match.group(3).lower()])
    return found


def numbers_at(text: str) -> list[tuple[int, int, float]]:
    """Every number of ``text`` that counts something, with where it stands, (start, end, value),
    in figures or words: "every ten days" gives (6, 9, 10.0); "2 million tons" gives 2,000,000 up
    to "million".  Ordinals ("the tenth month", "the 2nd") name a place in a row, not a count."""
    found = []
    if may_have_digits(text):
        for match in _NUMBER.finditer(text):
            if _DIGIT_ORDINAL.match(text, match.end(1)):
                continue
            value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
            if match.group(3):
                found.append((match.start(), match.end(), value * _SCALE[match.group(3).lower()]))
            found.append((match.start(), match.end(2) if match.group(2) else match.end(1), value))
    ordinal = {start for start, _, _ in _ordinals(text)}
    found += [(start, start + len(words), value) for start, words, value in _number_words_at(text)
              if start not in ordinal]
    return sorted(found)


_DIGIT_ORDINAL = regexcache.compile(r"(?:st|nd|rd|th|d)\b", re.IGNORECASE)  # '2nd', '3d of December'


# A sum in more than one of pounds, shillings and pence, as British documents wrote them before
# 1971: '£214 10s.', '2s. 9d.', '£3 4s. 6d.', '£1 0s. 6d.' (one unit alone, '£20' or '7s.', is a figure).
OLD_MONEY = regexcache.compile(r"£\s?\d[\d,]*\s+\d{1,2}\s?s\.(?:\s*\d{1,2}\s?d\.)?|\b\d{1,2}\s?s\.\s*\d{1,2}(?:½|¼|¾)?\s?d\.")


# "1. ...; 2. ...": a number that opens the text or an item after ';' or a line break, then '.' or ')'.
_ENUMERATOR = regexcache.compile(r"(^|;|\n)(\s*)\d{1,2}[.)](?=\s)")


def without_enumerators(text: str) -> str:
    """``text`` without the numbers that only count its items ("1. Aid; 2. Logging")."""
    return _ENUMERATOR.sub(r"\1\2", text)


_NEAR_YEARS = regexcache.compile(
    r"\b(?:(last|next) year|the (year before|previous year|preceding year|year after|following year)"
    r"|(last|next) (?:spring|summer|autumn|fall|winter))\b", re.IGNORECASE)
_SEASON_HINTS = ("ear", "EAR", "pring", "ummer", "utumn", "fall", "inter", "PRING", "UMMER", "UTUMN", "INTER")


def years_from_now(text: str) -> set[int]:
    """The years ``text`` names counted from the document's own: "last year", "the year before" and
    "last winter" -1, "next year", "the following year" and "next summer" +1 (a fact may say "in
    1908" for "last year" in a debate of 1909, "the autumn of 1865" for "last autumn" in minutes of
    June 1866; the document's own year, which "last spring" in a June may be, needs no quote)."""
    if not any(hint in text for hint in _SEASON_HINTS):  # most quotes name no year or season
        return set()
    found: set[int] = set()
    for match in _NEAR_YEARS.finditer(text):
        word = (match.group(1) or match.group(2) or match.group(3)).lower()
        found.add(-1 if word in ("last", "year before", "previous year", "preceding year") else 1)
    return found


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
# A month the text names without a year after it ("the 3d of December last", "on the 5th of May"):
# capitalised, so the verb "may" and "to march" are no months.  The names open the pattern (searched
# for at C speed); one found inside a longer word is skipped where it is read (see starts_word).
_UNDATED_MONTH = regexcache.compile(r"(" + "|".join(_MONTH_NAMES) + "|" + "|".join(m.upper() for m in _MONTH_NAMES)
                                    + r")\b(?!,?\s*\d)(?:\s+(last|next)\b)?")
_ISO_MONTH = regexcache.compile(r"^\s*\d{3,4}-(\d\d)")
_ANY_MONTH = regexcache.compile(r"\b(" + "|".join(_MONTH_NAMES) + r")\b", re.IGNORECASE)


def month_of(date: str) -> int | None:
    """The month a document's date names (1 of "1786-01-11" or "11 January 1786"), if any."""
    iso = _ISO_MONTH.match(date)
    if iso:
        return int(iso.group(1))
    named = _ANY_MONTH.search(date)
    return _MONTH_NAMES.index(named.group(1).title()) + 1 if named else None


def years_of_undated_months(text: str, year: int, month: int | None) -> set[int]:
    """The years of the months ``text`` names without a year, in a document dated ``month``
    ``year``: the latest such month up to the document's date ("the 3d of December last" in a
    record of January 1786 is December 1785), or the first after it for "next"."""
    if month is None:
        return set()
    found = set()
    for match in _UNDATED_MONTH.finditer(text):
        if not starts_word(text, match.start()):
            continue
        named = _MONTH_NAMES.index(match.group(1).title()) + 1
        if match.group(2) == "next":
            found.add(year if named > month else year + 1)
        else:
            found.add(year if named <= month else year - 1)
            if match.group(2) == "last" and named == month:
                found.add(year - 1)
    return found


def starts_word(text: str, at: int) -> bool:
    """Whether a word starts at ``at`` (what '\\b' before a letter says): a pattern opening with '\\b'
    is tried at every character, one opening with its words is searched for them, and a word it
    finds inside a longer one ends where that one ends, so it hides no word starting after it."""
    return not at or not (text[at - 1].isalnum() or text[at - 1] == "_")


_DIGITS = b"0123456789"


def may_have_digits(text: str) -> bool:
    """False only when ``text`` has no digit: for an ASCII text, deleting its digits (one byte-table
    pass in C) leaves it as long as it was; a pattern's scan costs ten times more, and three of a
    fact's four texts (quote, statement, answer) have no figure.  Other text is left to the pattern
    (its ``\\d`` matches digits of every script)."""
    return not text.isascii() or len(text.encode("ascii").translate(None, _DIGITS)) != len(text)


def numbers_of_data(value) -> list[float]:
    """Numbers held in structured data: numeric values and digits inside strings."""
    if isinstance(value, dict):  # a fact's data (the usual call): its texts looked at here, most hold no digit
        found = []
        for item in value.values():
            if item.__class__ is str:
                if may_have_digits(item):
                    found += sorted(numbers_in(item))
            else:
                found += numbers_of_data(item)
        return found
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, (int, float)):
        return [float(value)]
    if isinstance(value, str):
        return sorted(numbers_in(value))
    if isinstance(value, list):
        return [n for v in value for n in numbers_of_data(v)]
    return []


def year_like(value: float) -> bool:
    """Whether a number reads as a year (1000-2999, whole)."""
    return float(value).is_integer() and 1000 <= value < 3000


def plain_number(value: float) -> str:
    """A number of structured data for a message: '200,000', but a year-like '1846', never '1,846'."""
    return str(int(value)) if year_like(value) else format_number(value)


def as_written(value: float, text: str) -> str:
    """How ``text`` writes the number ``value`` ('1846', '200,000', '1 million')."""
    for match in _NUMBER.finditer(text):
        number = float(match.group(1).replace(",", "") + (match.group(2) or ""))
        if number == value:
            return match.group(1) + (match.group(2) or "")
        if match.group(3) and number * _SCALE[match.group(3).lower()] == value:
            return match.group(0)
    return format_number(value)


def format_number(value: float) -> str:
    """200000 -> '200,000'; 37.5 -> '37.5'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


# --- finding quotes in a long text ------------------------------------------------

class QuoteIndex:
    """The normalised source text, with the positions of its word starts by their first characters.

    ``quote in text`` scans the whole text per quote, which makes checking a
    course of thousands of facts quadratic.  Here a quote is looked up by the
    first characters of one of its inner words (the one whose key is rarest in
    the text) and verified with ``startswith``, which costs about its own
    length.  Only the quote's first word may start mid-word in the text, so a
    missing inner key proves the quote absent; a quote with no usable inner
    word falls back to its first word, then to the full scan.  Short texts
    (where a scan is already fast) are not indexed at all.

    Before any of that, a quote that is one whole sentence of the text (about
    half of a real document's quotes, every quote of a generated course) is
    found with one set lookup among the text's sentences, split where a
    sentence ends; only a quote that is not one of them needs the word-start
    index, which is built on first need (a fifth of a second at 1.2 MB).
    Each sentence is a piece of the text, so a hit there is a hit in the text.
    """

    KEY = 12  # characters of a word start used as the index key
    MIN_INDEXED = 200_000  # characters; below this, the C-speed scan is faster than any index
    TRIED = 8  # inner words looked up per quote, to pick a rare one

    def __init__(self, text: str):
        self.text = normalize(text)
        self._starts: dict[str, list[int]] | None = None
        self._sentences: set[str] | None = None
        self.derived: dict = {}  # tables other modules read off the text once (figure_places)

    def contains(self, quote: str) -> bool:
        wanted = normalize(quote)
        if len(self.text) < self.MIN_INDEXED or len(wanted) < self.KEY:
            return wanted in self.text
        if self._sentences is None:
            self._sentences = set(_SENTENCE_END.split(self.text))
        if wanted in self._sentences:
            return True
        starts, key = self._index(), self.KEY
        best: tuple[int, list[int]] | None = None
        offsets = [i + 1 for i, ch in enumerate(wanted) if ch == " " and len(wanted) - i - 1 >= key]
        for offset in offsets[: self.TRIED]:
            found = starts.get(wanted[offset:offset + key])
            if found is None:
                return False  # an inner word of the quote starts nowhere in the text
            if best is None or len(found) < len(best[1]):
                best = (offset, found)
        if best is not None:
            offset, found = best
            return any(pos >= offset and self.text.startswith(wanted, pos - offset) for pos in found)
        if any(self.text.startswith(wanted, pos) for pos in starts.get(wanted[:key], ())):
            return True
        return wanted in self.text  # one long word, perhaps starting mid-word

    def _index(self) -> dict[str, list[int]]:
        if self._starts is None:
            text, key, starts = self.text, self.KEY, {}
            for match in re.finditer(r"(?:^| )(?=\S)", text):
                pos = match.end()
                starts.setdefault(text[pos:pos + key], []).append(pos)
            self._starts = starts
        return self._starts


# The space after a sentence: the space matched first, then what is before it (a pattern starting
# with a literal is searched for it at C speed; one starting with a look-behind is tried everywhere).
_SENTENCE_END = regexcache.compile(r" (?:(?<=[.!?\u2026] )|(?<=[.!?\u2026][\"')\]] ))")


# --- numbers written in words -------------------------------------------------------

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ("hundred", "thousand", "million", "billion")
_MULTIPLIERS = {"score": 20, "dozen": 12}  # old counting words the number library does not read
# "twelve millions of francs", "seven hundred millions": the plural scales of older English,
# a number only after a number word ("millions of francs" alone counts nothing).
_PLURAL_SCALES = ("hundreds", "thousands", "millions", "billions")
_CARDINAL = "|".join(sorted(_UNITS + _TENS + list(_SCALES) + list(_PLURAL_SCALES), key=len, reverse=True))
_WORD = rf"(?:(?:{'|'.join(_TENS)})-(?:{'|'.join(_UNITS[1:10])})|{_CARDINAL}|score|dozen|half)"
# A run: optional "a"/"an", then number words joined by spaces, hyphens or "and".
_RUN = regexcache.compile(rf"\b(?:an?\s+)?{_WORD}(?:(?:\s+and\s+(?:an?\s+)?|[\s-]+){_WORD})*\b", re.IGNORECASE)
_ANY_WORD = regexcache.compile(rf"\b{_WORD}\b", re.IGNORECASE)


def number_words(text: str) -> list[tuple[str, float]]:
    """Numbers written in words, as (the words, the number): "Four score and seven" -> 87.

    Cardinals ("two thousand", "seventy-five") are read by the text2num
    library; "score", "dozen" and "half" are added here.  Runs that cannot be
    read as one number are skipped rather than guessed.  Ordinals up to the
    ninety-ninth count as their number ("the first of December" gives 1, so
    a fact may say "1 December"; "Third, that ..." gives 3).
    """
    return [(words, value) for _, words, value in _number_words_at(text)]


def _number_words_at(text: str) -> list[tuple[int, str, float]]:
    """``number_words`` with where each stands, in order."""
    if not _may_have_number_words(text) or (not _ANY_WORD.search(text) and not _ANY_ORDINAL.search(text)):
        return []
    ordinals = _ordinals(text) + _halves(text)
    found = []
    for match in _RUN.finditer(text):
        if any(match.start() < end and start < match.end() for start, end, _ in ordinals):
            continue  # the "twenty" of "twenty-first", the "a dozen" of "half a dozen": no numbers of their own
        words = match.group(0)
        if text[match.end():match.end() + 1] == "-" and words.lower().endswith("half"):
            continue  # "half-timers", "half-year", "half-past six": a compound, not the number
        value = _read_run(words)
        if value is not None:
            found.append((match.start(), " ".join(words.split()), value))
            found += _and_a_half_after(text, match, value)
    found += [(start, words, value) for start, _, (words, value) in ordinals]
    return sorted(found)


# A half by itself ("half the reduction", "one half of the men"), and a per cent after it.
_LONE_HALF = regexcache.compile(r"(?:(?:an?|one)\s+)?half\b", re.IGNORECASE)
_PER_CENT_AFTER = regexcache.compile(r"\s+(?:(?:an?|of\s+(?:an?|one))\s+)?(?:per\s*cent|percent)\b|\s*%",
                                     re.IGNORECASE)


def per_cent_words(text: str) -> list[tuple[str, float]]:
    """``number_words`` for a figure in per cent: a half by itself ("half the reduction",
    "one half of the men") is 50 (per cent), not 0.5; a half the text puts in per cent
    itself ("half per cent", "half of one per cent", "two and a half per cent") stays as read."""
    found = []
    for start, words, value in _number_words_at(text):
        if value == 0.5:
            lone = _LONE_HALF.match(text, start)
            if lone is not None and " ".join(lone.group(0).split()) == words \
                    and not _PER_CENT_AFTER.match(text, lone.end()):
                value = 50.0
        found.append((words, value))
    return found


_ORDINAL_UNITS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
                  "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split()
_ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split()
_ORDINAL = regexcache.compile(rf"\b(?:({'|'.join(_TENS)})[\s-])?({'|'.join(_ORDINAL_UNITS[:9])})\b"
                              rf"|\b({'|'.join(_ORDINAL_UNITS + _ORDINAL_TENS)})\b", re.IGNORECASE)
_ANY_ORDINAL = regexcache.compile(rf"\b(?:{'|'.join(_ORDINAL_UNITS + _ORDINAL_TENS)})\b", re.IGNORECASE)
_WORD_CHARS = regexcache.compile(r"\w+")
_NUMBER_WORDS = frozenset(_UNITS + _TENS + list(_SCALES) + list(_PLURAL_SCALES) + list(_MULTIPLIERS) + ["half"]
                          + _ORDINAL_UNITS + _ORDINAL_TENS)


def _may_have_number_words(text: str) -> bool:
    """False only when no word of ``text`` can be a number word: a set lookup per word.

    Every match of ``_ANY_WORD`` or ``_ANY_ORDINAL`` is a whole run of word
    characters (the tens of "twenty-one" one by itself), so a text whose runs
    are all ASCII and none a number word has none.  The two patterns, an
    alternation of 60 words tried at every word, cost 30 times more; a run with
    other characters ("ſcore" matches "score" ignoring case) is left to them.
    """
    if text.isascii():  # one lowering and one set test for the whole text (the same runs, lowered)
        return not _NUMBER_WORDS.isdisjoint(_WORD_CHARS.findall(text.lower()))
    for run in _WORD_CHARS.findall(text):
        if not run.isascii() or run.lower() in _NUMBER_WORDS:
            return True
    return False


_HALF_OF = regexcache.compile(r"\b(?:an?\s+)?half(?:\s+an?)?\s+(dozen|score|hundred|thousand|million|billion)\b",
                              re.IGNORECASE)
_AFTER_NUMBER_AND = regexcache.compile(rf"\b{_WORD}\s+and\s+$", re.IGNORECASE)  # "two and a half thousand": not 500
_SIZES = {"dozen": 12, "score": 20, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
          "billion": 1_000_000_000}


def _halves(text: str) -> list[tuple[int, int, tuple[str, float]]]:
    """"half a dozen" -> 6, "a half million" -> 500,000, with where they stand."""
    return [(m.start(), m.end(), (" ".join(m.group(0).split()), _SIZES[m.group(1).lower()] / 2))
            for m in _HALF_OF.finditer(text)
            if not _AFTER_NUMBER_AND.search(text[max(0, m.start() - 40):m.start()])]


# "fifty-six hours and a half", "three years and a half": the half follows the thing counted.
_THING_AND_A_HALF = regexcache.compile(r"\s+([A-Za-z]+)\s+and\s+a\s+half\b", re.IGNORECASE)


def _and_a_half_after(text: str, run: re.Match, value: float) -> list[tuple[int, str, float]]:
    """The older English "<number> <things> and a half" (56.5 hours), if it follows ``run``."""
    after = _THING_AND_A_HALF.match(text, run.end())
    if after is None or not value.is_integer() or after.group(1).lower() in _NUMBER_WORDS | {"a", "an"}:
        return []
    return [(run.start(), " ".join(text[run.start():after.end()].split()), value + 0.5)]


def _ordinals(text: str) -> list[tuple[int, int, tuple[str, float]]]:
    """Ordinals written in words, with where they stand: "twenty-first" -> 21."""
    found = []
    for match in _ORDINAL.finditer(text):
        tens, unit, whole = match.groups()
        if whole:
            word = whole.lower()
            value = (_ORDINAL_UNITS.index(word) + 1 if word in _ORDINAL_UNITS
                     else 20 + 10 * _ORDINAL_TENS.index(word))
        else:
            value = (20 + 10 * _TENS.index(tens.lower()) if tens else 0) + _ORDINAL_UNITS.index(unit.lower()) + 1
        found.append((match.start(), match.end(), (" ".join(match.group(0).split()), float(value))))
    return found


def _read_run(words: str) -> float | None:
    tokens = re.findall(r"[a-z]+(?:-[a-z]+)?", words.lower())
    if tokens[0] in _PLURAL_SCALES:  # "millions of francs", "hundreds and thousands": no number
        return None
    tokens = [token[:-1] if token in _PLURAL_SCALES else token for token in tokens]
    if tokens[-1] == "half":  # "half", "a half", "two and a half"
        whole = tokens[:-1]
        if whole[-1:] in (["a"], ["an"], ["one"]):
            whole = whole[:-1]
        if whole[-1:] == ["and"]:
            whole = whole[:-1]
        base = _cardinal(whole) if whole else 0
        return None if base is None else base + 0.5
    if tokens[0] in ("a", "an"):  # "a dozen", "a hundred"; a lone "a" is no number
        tokens[0] = "one"
    for word, size in _MULTIPLIERS.items():  # "four score and seven": 4 * 20 + 7
        if word in tokens:
            i = tokens.index(word)
            count = _cardinal(tokens[:i]) if tokens[:i] else 1
            rest = tokens[i + 1:]
            if rest[:1] == ["and"]:
                rest = rest[1:]
            extra = _cardinal(rest) if rest else 0
            if count is None or extra is None:
                return None
            return count * size + extra
    return _cardinal(tokens)


def _cardinal(tokens: list[str]) -> float | None:
    """The cardinal ``tokens`` spell, or None: text2num itself refuses "and" at either end,
    "score", "dozen", "half", "a" and "an" (tests/test_promises_quotes.py holds it to that)."""
    from text_to_num import text2num  # lazy: only texts with number words need it

    try:
        return float(text2num(" ".join(tokens), "en"))
    except ValueError:
        return None


# A share as people write it: "one in four", "9 out of 10", "two-thirds", "a quarter".
_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
              "fifths": 5, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10, "twentieth": 20, "twentieths": 20}
_SHARE_OF = regexcache.compile(r" (?:in|out of) (?:every )?")  # the words around it are read as counts
_FRACTION = regexcache.compile(rf"\b(an?|one|two|three|four|five|seven|nine)[\s-]({'|'.join(_FRACTIONS)})\b",
                               re.IGNORECASE)


def shares_in(text: str) -> list[tuple[str, float]]:
    """Shares written in words that are an exact per cent, as (the words, the per cent): "one in
    four" 25, "9 out of 10" 90, "a quarter" 25, "one in eight" and "one eighth" 12.5 (a fact may give them as a
    figure in %); not the "a half" of "two and a half" nor of "a half per cent", which are the
    per cent themselves.  "One-third" is no exact per cent: 33.3% would be a number the source never gave."""
    found = []
    for match in _SHARE_OF.finditer(text) if (" in " in text or " out of " in text) else ():
        before, after = text[:match.start()].rsplit(None, 1), text[match.end():].split(None, 1)
        if not before or not after:
            continue
        part, whole = _count(before[-1].strip("\"'(")), _count(after[0].rstrip(".,;:!?)\"'"))
        if part is not None and whole and part <= whole and _exact_per_cent(part, whole):
            words = f"{before[-1].strip(chr(34) + chr(39) + '(')}{match.group(0)}{after[0].rstrip('.,;:!?)' + chr(34) + chr(39))}"
            found.append((" ".join(words.split()), round(100 * part / whole, 1)))
    hinted = "alf" in text or "alves" in text or "hird" in text or "uarter" in text or "ifth" in text \
        or "enth" in text or "ighth" in text or "tieth" in text
    for match in _FRACTION.finditer(text) if hinted else ():
        part = 1 if match.group(1).lower() in ("a", "an") else _count(match.group(1))
        whole = _FRACTIONS[match.group(2).lower()]
        if part is not None and part < whole and _exact_per_cent(part, whole) \
                and not _PER_CENT_AFTER.match(text, match.end()) \
                and not _AFTER_NUMBER_AND.search(text[max(0, match.start() - 40):match.start()]):
            found.append((" ".join(match.group(0).split()), round(100 * part / whole, 1)))
    return found


def _exact_per_cent(part: float, whole: float) -> bool:
    """Whether part/whole in per cent needs at most one decimal (1/8 is 12.5%, 1/3 no)."""
    return (1000 * part) % whole == 0


def _count(words: str) -> float | None:
    if words[:1].isdigit():
        digits = words.replace(",", "")
        return float(digits) if digits.isdigit() else None
    lower = words.lower()
    return float(_UNITS.index(lower)) if lower in _UNITS else float(20 + 10 * _TENS.index(lower)) \
        if lower in _TENS else None
