"""Characters no installed font can draw: in a printed sheet they come out as empty boxes.

WeasyPrint draws text with whatever font fontconfig finds for each character,
so a document in Chinese, Korean or Georgian prints only where a font for that
script is installed; where none is, the PDF silently shows boxes ("tofu").
``studykit check`` says so at the fact that holds the characters, before a
teacher prints a class set.  Only characters beyond the Latin alphabets are
looked up (every font covers those), with one ``fc-list`` call per run; without
fontconfig's ``fc-list`` nothing is said.
"""

from __future__ import annotations

import bisect
import functools
import shutil
import unicodedata

from . import regexcache

FIRST_LOOKED_UP = 0x250  # Basic Latin, Latin-1 and Latin Extended-A/B are in every text font
# ... and so are typographic punctuation (dashes, curly quotes, ellipsis) and currency signs
EVERY_FONT = ((0x2000, 0x206F), (0x20A0, 0x20BF))


_BEYOND = regexcache.compile(f"[^\\x00-\\u{FIRST_LOOKED_UP - 1:04x}"
                             + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in EVERY_FONT) + "]")


def beyond_latin(text: str) -> list[str]:
    """The distinct letters, digits, marks and symbols of ``text`` past the Latin alphabets,
    in the order they first appear (an English text is passed over by one regex scan)."""
    if not _BEYOND.search(text):
        return []
    return [c for c in dict.fromkeys(_BEYOND.findall(text)) if _drawn(c)]


def _drawn(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMNPS" and char not in "\u2028\u2029"


def undrawable(chars: list[str]) -> list[str] | None:
    """Which of ``chars`` no installed font covers; None when the fonts cannot be listed."""
    if not chars:
        return []
    coverage = installed_coverage()
    if coverage is None:
        return None
    starts, ends = coverage
    missing = []
    for char in chars:
        code = ord(char)
        i = bisect.bisect_right(starts, code) - 1
        if i < 0 or code > ends[i]:
            missing.append(char)
    return missing


@functools.lru_cache(maxsize=1)
def installed_coverage() -> tuple[list[int], list[int]] | None:
    """The code points the installed fonts cover, as merged ranges (starts, ends); None
    without ``fc-list`` or when it fails.  (``subprocess`` is imported here: a check of a
    document in Latin letters never asks.)"""
    import subprocess

    program = shutil.which("fc-list")
    if program is None:
        return None
    try:
        listed = subprocess.run([program, "--format", "%{charset}\n"], capture_output=True, text=True,
                                timeout=20, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    ranges = sorted(_ranges(listed))
    if not ranges:
        return None
    starts, ends = [], []
    for start, end in ranges:
        if starts and start <= ends[-1] + 1:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _ranges(listed: str):
    """(start, end) pairs of fc-list's charsets: '20-7e a0-17f 2013' per font and line."""
    for word in listed.split():
        low, _, high = word.partition("-")
        try:
            start = int(low, 16)
            yield start, int(high, 16) if high else start
        except ValueError:
            continue


# --- the warnings `studykit check` gives ------------------------------------------------------

PRINTED_KEYS = ("statement", "question", "answer", "quotes", "context", "distractors", "false_statements")
SHOWN_AT_MOST = 8


def print_warnings(project) -> list:
    """One warning per fact of a printing deck (worksheets or flashcards) whose text has
    characters no installed font draws, at the first field that has them."""
    from .errors import Problem
    from .outputs import recipe_outputs

    sources = {s for recipe in project.decks.values()
               if {"worksheet", "cards"} & set(recipe_outputs(recipe)) for s in recipe.sources}
    facts = [f for f in project.facts.values() if f.source_id in sources]
    wanted = {f.id: _fields_beyond_latin(f) for f in facts}
    every = sorted({c for fields in wanted.values() for _, chars in fields for c in chars})
    missing = set(undrawable(every) or ())
    found = []
    for fact in facts:
        for key, chars in wanted[fact.id]:
            lacking = [c for c in chars if c in missing]
            if lacking:
                line, col = fact.position(key)
                found.append(Problem(fact.path, line, col, _message(fact.id, key, lacking),
                                     severity="warning"))
                break
    return found


def _fields_beyond_latin(fact) -> list[tuple[str, list[str]]]:
    fields = []
    for key in PRINTED_KEYS:
        value = getattr(fact, key, "")
        text = " ".join(value) if isinstance(value, list) else str(value or "")
        chars = beyond_latin(text)
        if chars:
            fields.append(("quote" if key == "quotes" else key, chars))
    return fields


def _message(fact_id: str, key: str, lacking: list[str]) -> str:
    shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in lacking[:SHOWN_AT_MOST])
    more = f" and {len(lacking) - SHOWN_AT_MOST} more" if len(lacking) > SHOWN_AT_MOST else ""
    return (f"fact '{fact_id}': its {key} has characters no font installed here can draw: {shown}{more}; "
            "worksheets and flashcards printed on this computer show them as empty boxes (Anki draws "
            "them with the student's own fonts); install a font that covers them (for Chinese, "
            "Japanese and Korean, e.g. Noto Sans CJK), then check again")
