"""A small declarative schema checker for YAML mappings.

Like mkdocs' config validation it names the bad option, says what was
expected and, for a misspelt key, suggests the nearest known one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from .errors import Problem
from .yamlio import LocDict, LocList, impossible_date
from . import regexcache

# Ids must match as a whole string (re.fullmatch): "grain\n" is not an id.
ID_PATTERN = regexcache.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH = r"\b(?P<month>" + "|".join(f"{m[:3]}(?:{m[3:]})?" for m in MONTHS) + r")\b\.?"
_DAY_MONTH_YEAR = regexcache.compile(r"(?P<day>\d{1,2})\s+" + _MONTH + r"\s+(?P<year>\d{1,4})", re.I)
_MONTH_DAY_YEAR = regexcache.compile(_MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{1,4})", re.I)
_ISO = regexcache.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?")
MAX_DATE_LENGTH = 60


def is_id(value: Any) -> bool:
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


@dataclass(frozen=True)
class Field:
    """What one key of a mapping may hold.

    ``kind`` is one of: text, line (one line of text: a title), url (http or
    https), integer, number, bool, date, id, texts, ids, text_or_texts, mapping,
    list.  ``minimum``/``maximum`` bound integers and numbers.
    """

    kind: str
    required: bool = False
    choices: tuple[str, ...] | None = None
    nullable: bool = False
    hint: str = ""
    minimum: float | None = None  # integer and number: the smallest value allowed
    maximum: float | None = None  # ... and the largest


_KIND_WORDS = {
    "text": "text",
    "line": "one line of text",
    "url": "a web address starting with https:// or http://",
    "integer": "a whole number",
    "number": "a number",
    "bool": "true or false",
    "hedge": "true (printed 'about') or the source's own words before the number, such as 'over' or 'not more than'",
    "date": "a date as historians write it: 1967-06-02, 2 June 1967, March 1852, 1863, c. 1790 or 433 BC",
    "id": "a kebab-case id like pier-opened (lower-case letters, digits and single hyphens)",
    "texts": "a list of texts",
    "ids": "a list of kebab-case ids",
    "text_or_texts": "text or a list of texts",
    "mapping": "a mapping of keys to values",
    "list": "a list",
}


def describe(value: Any) -> str:
    """Name a YAML value's type the way a teacher would."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value; put text in quotes)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "text" if value.strip() else "empty text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _is_text(value: Any) -> bool:
    """Text with something besides whitespace (``value.strip() != ""``, without stripping it)."""
    return isinstance(value, str) and value != "" and not value.isspace()


def _type_ok(kind: str, value: Any) -> bool:
    return _TYPE_CHECKS[kind](value)


# Made once (a project of 10,000 facts checks about 120,000 values).
_TYPE_CHECKS: dict[str, Callable[[Any], bool]] = {
    "text": _is_text,
    "line": _is_text,
    "url": _is_text,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "hedge": lambda v: isinstance(v, bool) or (_is_text(v) and "\n" not in v and 0 < len(v.split()) <= 4),
    "date": lambda v: _is_text(v) or (isinstance(v, int) and not isinstance(v, bool) and v > 0),
    "id": is_id,
    "texts": lambda v: isinstance(v, list) and all(_is_text(x) for x in v),
    "ids": lambda v: isinstance(v, list) and all(is_id(x) for x in v),
    "text_or_texts": lambda v: _is_text(v)
    or (isinstance(v, list) and len(v) > 0 and all(_is_text(x) for x in v)),
    "mapping": lambda v: isinstance(v, dict),
    "list": lambda v: isinstance(v, list),
}


def check_mapping(
    data: Any,
    fields: dict[str, Field],
    path: str,
    what: str,
    where: tuple[int, int] = (1, 1),
) -> list[Problem]:
    """Check ``data`` against ``fields``; ``what`` names it in messages."""
    if _passes(data, fields):
        return []  # most mappings: nothing to say, found without building a message
    if not isinstance(data, dict):
        return [Problem(path, *where, f"{what} must be a mapping of keys to values, not {describe(data)}")]
    problems = []
    loc = data.loc if isinstance(data, LocDict) else (lambda key=None: where)
    key_loc = data.key_loc if isinstance(data, LocDict) else (lambda key: where)
    for key in data:
        if key not in fields:
            message = _comma_message(data, key, what) or _unknown_key_message(key, fields, what)
            problems.append(Problem(path, *key_loc(key), message))
    for key, field in fields.items():
        if key not in data:
            if field.required:
                problems.append(
                    Problem(path, *loc(), f"{what} is missing the required key '{key}' "
                            f"({_KIND_WORDS[field.kind]}){_hint(field)}")
                )
            continue
        problems.extend(_check_value(data[key], field, key, path, loc, what))
    return problems


def _passes(data: Any, fields: dict[str, Field]) -> bool:
    """Whether ``check_mapping`` finds nothing: the same checks, compiled once per schema into
    one test per key (a project of 10,000 facts checks 20,000 mappings)."""
    compiled = _COMPILED.get(id(fields))
    if compiled is None or compiled[0] is not fields:
        if len(_COMPILED) > 256:  # schemas are module constants; a caller making its own is not kept
            _COMPILED.clear()
        compiled = _COMPILED[id(fields)] = (fields, frozenset(fields),
                                            frozenset(k for k, f in fields.items() if f.required),
                                            {k: _value_test(f) for k, f in fields.items()})
    _, known, required, tests = compiled
    if not isinstance(data, dict):
        return False
    keys = data.keys()
    if not (keys <= known and required <= keys):
        return False
    for key, value in data.items():
        if not tests[key](value):
            return False
    return True


_COMPILED: dict[int, tuple] = {}  # id(fields) -> (fields, keys, required keys, a test per key)


def _value_test(field: Field) -> Callable[[Any], bool]:
    """Whether ``_check_value`` finds nothing for a value of ``field``, as one function."""
    type_ok, nullable, choices = _TYPE_CHECKS[field.kind], field.nullable, field.choices
    bounded = field.kind in ("date", "line", "url") or (
        field.kind in ("integer", "number") and (field.minimum is not None or field.maximum is not None))
    if not nullable and not bounded and choices is None:
        return type_ok  # the test below would only call it (most keys: one call less per value)

    def test(value) -> bool:
        if value is None and nullable:
            return True
        if not type_ok(value) or (bounded and value_problem(field, value)):
            return False
        if choices is not None:
            return all(item in choices for item in value) if isinstance(value, list) else value in choices
        return True

    return test


def value_ok(value: Any, field: Field) -> bool:
    """Whether ``value`` passes ``field`` (for using the good parts of a file that has problems)."""
    return not _check_value(value, field, "", "", (1, 1), "")


def _hint(field: Field) -> str:
    return f"; {field.hint}" if field.hint else ""


def _check_value(value, field: Field, key: str, path: str, where, what: str) -> list[Problem]:
    """``where``: the value's position, or a function of ``key`` giving it (asked only for a
    problem: a file loaded the fast way reads its positions again when first asked)."""
    if value is None and field.nullable:
        return []

    if not _type_ok(field.kind, value):
        bad_item = _bad_list_item(value, field)
        if bad_item:
            return [Problem(path, *bad_item[0], f"{what}: '{key}' {bad_item[1]}{_hint(field)}")]
        return [Problem(path, *_at(where, key), f"{what}: '{key}' must be {_KIND_WORDS[field.kind]}, "
                        f"not {describe(value)}{_quote_it(value, field, key)}{_hint(field)}")]
    wrong = value_problem(field, value)
    if wrong:
        return [Problem(path, *_at(where, key), f"{what}: '{key}' {wrong}{_hint(field)}")]
    if field.choices is not None:
        values = value if isinstance(value, list) else [value]
        for i, item in enumerate(values):
            if item not in field.choices:
                item_where = value.loc(i) if isinstance(value, LocList) else _at(where, key)
                return [Problem(path, *item_where, _choice_message(item, key, field.choices, what))]
    return []


def _quote_it(value, field: Field, key: str) -> str:
    """How to keep a number or a date that YAML read as one as text: quote it."""
    texts = ("text", "line", "text_or_texts", "texts")
    if field.kind not in texts or isinstance(value, (bool, str, list, dict)) or value is None:
        return ""
    return f"; put it in quotes to keep it as text ({key.rsplit('.', 1)[-1]}: \"{value}\")"


def _at(where, key) -> tuple[int, int]:
    return where(key) if callable(where) else where


def _bad_list_item(value: Any, field: Field) -> tuple[tuple[int, int], str] | None:
    """A list of the right kind but for one item: that item's position and what is wrong with it."""
    if field.kind not in ("ids", "texts", "text_or_texts") or not isinstance(value, list) or not value:
        return None
    ok = is_id if field.kind == "ids" else _is_text
    for i, item in enumerate(value):
        if ok(item):
            continue
        where = value.loc(i) if isinstance(value, LocList) else None
        if where is None:
            return None
        if field.kind == "ids" and isinstance(item, str) and item.strip():
            suggested = re.sub(r"[^a-z0-9]+", "-", item.lower()).strip("-")
            fix = f"; write '{suggested}'" if is_id(suggested) else ""
            return where, (f"item #{i + 1} '{item}' is not a kebab-case id (lower-case letters, "
                           f"digits and single hyphens){fix}")
        wanted = "a kebab-case id" if field.kind == "ids" else "text"
        return where, f"item #{i + 1} must be {wanted}, not {describe(item)}{_cut_by_comma(value, i)}"
    return None


def _cut_by_comma(items: list, i: int) -> str:
    """[It was the first of September, 1939, ...]: the year was cut off the item before it."""
    before = items[i - 1] if i > 0 else None
    if not isinstance(before, str) or isinstance(items[i], bool) or not isinstance(items[i], (int, float)):
        return ""
    return (f"; if it ends item #{i} (inside [ ] a comma ends an item), put that item in quotes: "
            f"\"{before}, {items[i]}\"")


def value_problem(field: Field, value: Any) -> str:
    """What is wrong with a value of the right type ('' when nothing): bounds, dates, lines, urls."""
    if field.kind in ("integer", "number"):
        if field.minimum is not None and value < field.minimum:
            return f"must be at least {field.minimum:g}, not {value}"
        if field.maximum is not None and value > field.maximum:
            return f"must be at most {field.maximum:g}, not {value}"
        return ""
    if field.kind == "date":
        return date_problem(str(value))
    if field.kind == "line":
        return line_problem(value)
    if field.kind == "url":
        return url_problem(value)
    return ""


def line_problem(value: str) -> str:
    """A title must be one line: exports write it where a line break starts something else."""
    if "\n" in value.strip():
        return ("must be one line (a line break in a title starts a new line in exports, e.g. a "
                "GIFT category line); join the lines or use a '>-' folded value")
    return ""


def url_problem(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s/?#]+\S*", value.strip(), re.IGNORECASE):
        return (f"must be a web address starting with https:// or http://, not '{value.strip()[:60]}'; "
                "other addresses (file:, javascript:, ...) are not allowed")
    return ""


def date_problem(text: str) -> str:
    """Check a date as historians write it; full dates must exist. '' when it is fine."""
    text = text.strip()
    if len(text) > MAX_DATE_LENGTH or "\n" in text:
        return f"is too long for a date; write it on one line in at most {MAX_DATE_LENGTH} characters"
    if not re.search(r"\d", text):
        return (f"'{text}' has no year; write a date like 1967-06-02, 2 June 1967, March 1852, "
                "1863, c. 1790 or 433 BC")
    iso = _ISO.fullmatch(text)
    if iso:
        return _impossible(int(iso["year"]), int(iso["month"]), int(iso["day"] or 1), text)
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.search(text)
        if match:
            month = next(i for i, m in enumerate(MONTHS, 1) if m.startswith(match["month"].lower()[:3]))
            return _impossible(int(match["year"]), month, int(match["day"]), text)
    return ""


def _impossible(year: int, month: int, day: int, text: str) -> str:
    why = impossible_date(max(year, 1), month, day)
    return f"'{text}' is not a real date: {why}; correct it" if why else ""


def did_you_mean(value, known) -> str:
    """"did you mean 'x'? " for the nearest known name, or "" when none is near (for messages)."""
    from difflib import get_close_matches  # only a message needs it

    close = get_close_matches(str(value), [str(k) for k in known], n=1)
    return f"did you mean '{close[0]}'? " if close else ""


def _choice_message(item, key: str, choices, what: str) -> str:
    return (f"{what}: unknown {key} '{item}'; {did_you_mean(item, choices)}known values: "
            + ", ".join(str(c) for c in choices))


def _comma_message(data: dict, key, what: str) -> str:
    """{name: a, role: b, c}: YAML read 'c' as a key; the teacher meant 'b, c'."""
    if not getattr(data, "flow_style", False) or data[key] is not None:
        return ""
    keys = list(data)
    i = keys.index(key)
    if i == 0 or not isinstance(data[keys[i - 1]], str):
        return ""
    before = keys[i - 1]
    # "10,000 houses" was cut at its thousands comma: no space to put back
    joint = "," if data[before][-1:].isdigit() and str(key)[:1].isdigit() else ", "
    return (f"{what}: the value of '{before}' has a comma, and inside {{ }} a comma ends a value, so "
            f"'{key}' was read as a key; put the value in quotes: {before}: "
            f"\"{data[before]}{joint}{key}\"")


def _unknown_key_message(key, fields: dict[str, Field], what: str) -> str:
    from difflib import get_close_matches  # only a message needs it

    close = get_close_matches(str(key), list(fields), n=1)
    if close:
        return f"{what}: unknown key '{key}'; did you mean '{close[0]}'?"
    return f"{what}: unknown key '{key}'; allowed keys: " + ", ".join(fields)
