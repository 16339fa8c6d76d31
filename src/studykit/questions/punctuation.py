"""The marks around a template's words: the source's words in curly quotes (a quote within a quote
in single ones), a capital first letter, one full stop, so no card prints '..' or a tangle
of straight quotes."""

from __future__ import annotations

from .. import regexcache

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


def sentence(text: str) -> str:
    """Close a sentence with one full stop (never '..' or '?.')."""
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + "."
