"""Safe YAML loading that remembers where every value came from.

Mappings load as :class:`LocDict` and sequences as :class:`LocList`; both
know the line and column of themselves and of each item, so a validator can
point at the exact spot of a mistake.  Only plain YAML is accepted: tags that
would construct Python objects are refused before anything runs, duplicate
keys are errors, and a BOM or CRLF line endings are fine.

Bad input is refused where it is written, never with a traceback: aliases
(``*name``: studykit files never need them, and they are how "billion laughs"
files explode), nesting deeper than any project needs, integers too long to be
a figure, infinite or NaN numbers, dates that do not exist, and control
characters that break Anki packages and XML exports.  Dates stay the text
the teacher wrote ("1863", "March 1852" and "1967-06-02" alike), so they
print as written.

PyYAML itself is imported only when a text must really be parsed (:mod:`.yamlcareful`, the
careful load, and :mod:`.yamlfast`): on an unchanged project every file comes back from the
cache (:mod:`.yamlcache`), so ``check`` never imports it.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

from .errors import Problem
from .textfile import MAX_FILE_BYTES, decode_text, read_text  # noqa: F401 - read here, and by load
from . import regexcache

MAX_DEPTH = 40  # a fact file nests 4 deep; anything past this is a mistake or an attack
MAX_INT_DIGITS = 18  # more digits than any figure in a document (10**18 is a quintillion)
# C0 controls other than tab and line breaks: U+001F is Anki's field separator,
# NUL and ESC make XML exports not well-formed; DEL and C1 controls likewise.
CONTROL_CHARS = regexcache.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ISO_DATE = regexcache.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
STR_TAG = "tag:yaml.org,2002:str"


class LocDict(dict):
    """A dict that knows its own position and the position of each value."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line, self.col = 1, 1
        self.locs: dict[Any, tuple[int, int]] = {}
        self.key_locs: dict[Any, tuple[int, int]] = {}

    def loc(self, key=None) -> tuple[int, int]:
        """Position of the value under ``key``, or of the mapping itself."""
        found = self.locs.get(key) if key is not None else None
        return found if found is not None else (self.line, self.col)

    def key_loc(self, key) -> tuple[int, int]:
        return self.key_locs.get(key, (self.line, self.col))


    # Keys whose plain (unquoted) text value is followed by a '#' comment on the
    # same line: the comment may have cut the text.  key -> (line, col) of the '#'.
    cut_by_comment: dict[Any, tuple[int, int]] = {}
    # Keys that stand alone in a {flow, mapping} with no value: usually the rest
    # of the previous value after a comma.
    flow_style = False
    may_be_cut = True  # False: no value inside it has a comment after it (or it was loaded the fast way)


class LocList(list):
    """A list that knows its own position and the position of each item."""

    def __init__(self, *args):
        super().__init__(*args)
        self.line, self.col = 1, 1
        self.locs: list[tuple[int, int]] = []

    def loc(self, index=None) -> tuple[int, int]:
        if index is None or index >= len(self.locs):
            return (self.line, self.col)
        return self.locs[index]

    cut_by_comment: dict[int, tuple[int, int]] = {}
    may_be_cut = True




def may_load_fast(text: str, comments: bool = True) -> bool:
    """Whether the text holds nothing the careful load refuses or warns about that the fast load
    could not see: an anchor or alias ('&'; a '*' works only with one), a comment after a value (a
    plain value ends only at a blank before '#', or at a line break the careful load reads as part
    of the line: U+2028, U+2029) or a control character.  A comment alone on its line cuts nothing;
    ``comments=False`` refuses every comment after a blank (see _load)."""
    if comments:
        commented = _comment_after_text(text)
    else:
        commented = " #" in text or "\t#" in text
    return ("&" not in text and not commented and not _has_control(text)
            and (text.isascii() or ("\u2028" not in text and "\u2029" not in text)))


# A '#' after a blank on a line that starts with something else than a comment: only there can a
# comment follow a plain value (whose end the careful load looks after).
_COMMENT_AFTER_TEXT = regexcache.compile(r"^[ \t]*[^ \t\n#][^\n]*?[ \t]#", re.MULTILINE)


def _comment_after_text(text: str) -> bool:
    """Whether some line holds a comment after other text (the two cheap tests first: most files
    have no comment after a blank at all)."""
    return (" #" in text or "\t#" in text) and _COMMENT_AFTER_TEXT.search(text) is not None


# Bytes of an ASCII text that are no control character: what is left after deleting them is one.
_PRINTABLE_ASCII = bytes([9, 10, 13, *range(0x20, 0x7f)])


def _has_control(text: str) -> bool:
    """``CONTROL_CHARS.search(text)``, for an ASCII text (most files) without the regex: a tenth
    of the cost (deleting the printable bytes is one table pass in C)."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _PRINTABLE_ASCII))
    return CONTROL_CHARS.search(text) is not None


def impossible_date(year: int, month: int, day: int) -> str:
    """Why year-month-day does not exist, or '' when it does."""
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    try:
        _dt.date(year, month, day)
    except ValueError:
        return f"{_dt.date(2000, month, 1).strftime('%B')} {year} has no day {day}"
    return ""


def load_yaml(path: Path, shown: str) -> tuple[Any, list[Problem]]:
    """Load one YAML file safely; return (data or None, problems)."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    return load_yaml_text(text, shown)


def load_yaml_text(text: str, shown: str, keep: bool = True) -> tuple[Any, list[Problem]]:
    """:func:`load_yaml` of a file's text, read already; ``keep=False``: the load is not kept
    between runs (see :func:`_load`) when this run has to parse it."""
    try:
        data = _load(text, keep)
    except Exception as err:  # noqa: BLE001 - PyYAML's errors become problems (the careful load knows them)
        from .yamlcareful import load_problem

        problem = load_problem(err, text, shown)
        if problem is None:
            raise
        return None, [problem]
    if data is None:
        return None, [Problem(shown, 1, 1, "the file is empty; add its content or delete the file")]
    return data, []


def _load(text: str, keep: bool = True):
    """A text loaded the way that costs least for the same result.

    With the cache on (:mod:`studykit.yamlcache`): a file kept by an earlier run is read back,
    four times faster than any parse and with no parser at all; else it is loaded and kept, the
    fast way with every position (:class:`studykit.yamlfast.PlacedLoad`) when the text holds
    nothing the careful load refuses or warns about (see :func:`may_load_fast`), else the
    careful way.  Without the cache, the fast way leaves positions to a careful re-read made
    only if a problem or warning asks (:class:`studykit.yamlfast.FastLoad`).  ``keep=False``: loaded
    as without the cache, and not kept (its caller keeps what it makes of it instead, see
    :mod:`studykit.load.factcache`).
    """
    from . import yamlcache

    if not keep or not yamlcache.enabled():
        # Files with indented comments are mostly templates, whose positions are asked anyway
        # (every render is given its snippet's place): for them the careful load costs less
        # than the fast load and its twin.
        if may_load_fast(text, comments=False):
            from .yamlfast import FastLoad, Unsure  # imported once, then a dictionary lookup

            try:
                return FastLoad(text).load()
            except Unsure:
                pass
        return careful_load(text)
    entry = yamlcache.entry(text)
    data = yamlcache.recall(text, entry)
    if data is None:
        data = _placed_load(text) if may_load_fast(text) else None
        if data is None:
            data = careful_load(text)
        yamlcache.keep(text, data, entry)
    return data


def _placed_load(text: str):
    """The fast load with every position, or None when the careful load must decide."""
    from .yamlfast import PlacedLoad, Unsure

    try:
        return PlacedLoad(text).load()
    except Unsure:
        return None


def kept_careful_load(text: str):
    """The careful load, kept between runs for a text that loaded without a problem (see
    :mod:`studykit.yamlcache`): most files are not edited between two checks."""
    from . import yamlcache

    data = yamlcache.recall(text)
    if data is None:
        data = careful_load(text)
        yamlcache.keep(text, data)
    return data


def careful_load(text: str):
    """The careful load: every refusal, warning and position, for any text (:mod:`.yamlcareful`)."""
    from .yamlcareful import careful_load as load

    return load(text)

