"""Where a quote that is not in its source parts from it, so the message can point there.

Run only for a quote already known to be missing (``quotes.QuoteIndex.contains``
said no), so its cost never touches a clean project.  The quote's longest
beginning that the source holds, word by word, is found by bisection (each
probe is one substring search of the normalised text); when not even its first
words are there, its longest ending instead.  The message then shows the words
the source has at that spot beside the quote's, with the line of the source
file, and names the usual cause when it is one: a word broken by a hyphen at a
line end of a text copied from a PDF ("pre-" / "sence").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .quotes import normalize

SHOWN_WORDS = 6   # words shown on each side of the parting
AGREEING = 3      # fewer words in common than this tell nothing


@dataclass(frozen=True)
class Parting:
    """The quote agrees with the source for ``agreed`` words from one end, then differs."""

    agreed: int
    from_start: bool
    line: int            # line of the source file where the agreement ends (or starts)
    source_words: str    # what the source has next (or before)
    quote_words: str     # what the quote has there
    broken_word: bool    # the source has "pre- sence" where the quote has "presence"

    def describe(self, file_name: str) -> str:
        side = "first" if self.from_start else "last"
        where = "then" if self.from_start else "but before them"
        text = (f"{file_name} line {self.line} has its {side} {self.agreed} words, {where} "
                f"\"{self.source_words}\" where the quote has \"{self.quote_words}\"")
        if self.broken_word:
            text += ("; a word is broken by a hyphen at a line end there (text copied from a PDF): "
                     f"join it in {file_name}")
        return text


def parting(raw_text: str, normalized_text: str, quote: str) -> Parting | None:
    """Where ``quote`` leaves the source, or None when it shares too little with it to say."""
    words = normalize(quote).split(" ")
    head = _longest(words, normalized_text, from_start=True)
    if head >= AGREEING:
        return _describe(raw_text, normalized_text, words, head, True)
    tail = _longest(words, normalized_text, from_start=False)
    if tail >= AGREEING:
        return _describe(raw_text, normalized_text, words, tail, False)
    return None


def _longest(words: list[str], text: str, from_start: bool) -> int:
    """How many words from one end of the quote the text holds in a row (bisection: holding
    k words from the start means holding every shorter start too)."""
    low, high = 0, len(words) - 1  # all of them would be the whole quote, known to be missing
    while low < high:
        middle = (low + high + 1) // 2
        piece = words[:middle] if from_start else words[-middle:]
        if _holds(text, piece):
            low = middle
        else:
            high = middle - 1
    return low


def _holds(text: str, piece: list[str]) -> bool:
    """``piece`` at word starts of the text (its first word may begin mid-word, as in the index)."""
    return " ".join(piece) in text


def _describe(raw: str, text: str, words: list[str], agreed: int, from_start: bool) -> Parting:
    piece = " ".join(words[:agreed] if from_start else words[-agreed:])
    start = text.find(piece)
    end = start + len(piece)
    if from_start:
        # the next words; when the agreement ended mid-word, the rest of that word first
        source_words = " ".join(text[end:].lstrip(" ").split(" ")[:SHOWN_WORDS])
        quote_words = " ".join(words[agreed:agreed + SHOWN_WORDS])
        at = end
    else:
        source_words = " ".join(text[:start].split(" ")[-SHOWN_WORDS - 1:]).strip()
        quote_words = " ".join(words[max(0, len(words) - agreed - SHOWN_WORDS):len(words) - agreed])
        at = start
    broken = _broken_word(source_words, quote_words, from_start)
    return Parting(agreed, from_start, _line_of(raw, text, at), source_words, quote_words, broken)


def _broken_word(source_words: str, quote_words: str, from_start: bool) -> bool:
    """The source splits a word the quote writes whole: 'pre- sence' for 'presence'."""
    source, quote = source_words.split(" "), quote_words.split(" ")
    pairs = zip(source, source[1:])
    return any(first.endswith("-") and len(first) > 1 and first[:-1] + second in quote
               for first, second in pairs)


def _line_of(raw: str, text: str, position: int) -> int:
    """The line of the raw file holding the normalised text's ``position`` (words map one to one)."""
    word_index = text.count(" ", 0, position)
    for number, match in enumerate(re.finditer(r"\S+", raw)):
        if number == word_index:
            return raw.count("\n", 0, match.start()) + 1
    return raw.count("\n") + 1
