"""How options, stems and answers are compared: by a key without case, punctuation, a leading
article or numbers in words, so an option the stem names, a role that echoes its name or two
stems that ask the same thing are found whatever their spelling."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import quotes, regexcache
from .figure_text import number
from .remembered import per_text

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
        for word in key.split(" "):  # (a loop: a generator's set-up costs as much as the test)
            if word not in folded:
                return False
    return f" {key} " in f" {option_key(stem)} "


def echoing(text: str, other: str) -> bool:
    """Whether ``text`` repeats a word of ``other`` beyond the small ones: a role that echoes the
    name ('Captain Haines' as 'Ashby's captain') answers a true-or-false question on it."""
    words = set(option_key(text).split()) - _STOP
    return any(w in words for w in option_key(other).split() if len(w) > 1 and w not in _STOP)


def word_clue(stem: str, answer: str, wrong: list[str]) -> str:
    """A word of ``stem`` (beyond the small ones) that ``answer`` repeats and no wrong option does,
    else '': "Which witness was the reeve?" among names answers itself with "Walter the Reeve"."""
    def words(text: str) -> set[str]:
        return {w for w in option_key(text).split() if len(w) > 2 and w not in _STOP}
    clue = (words(stem) & words(answer)).difference(*map(words, wrong))
    return min(clue) if clue else ""


LENGTH_CLUE = 2  # an answer this many times as long as every wrong option stands out alone


def length_clue(answer: str, wrong: list[str]) -> tuple[int, int] | None:
    """(the answer's length, the longest wrong option's) when the answer alone is long, else None:
    "The old widow of the former keeper who lived in the cottage" among "The pilot" and "The
    inspector" is the one a test-wise student picks (the longest, most qualified option)."""
    longest = max((len(option) for option in wrong), default=0)
    if wrong and len(answer) >= LENGTH_CLUE * longest and len(answer) - longest >= 15:
        return len(answer), longest
    return None


def reads_as(one: str, other: str) -> bool:
    """Whether two texts say the same once numbers in words are read as digits (case and
    punctuation aside): "Seven years" reads as "7 years", "About five weeks" as "about 5 weeks"."""
    return _in_digits(one) == _in_digits(other)


@per_text
def _in_digits(text: str) -> str:
    """The text's key with its numbers in figures, once per text: a figure template's rule reads the
    fact's answer so twice per fact, and reading numbers in words is a pattern's scan."""
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
