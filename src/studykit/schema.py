"""A small declarative schema checker for YAML mappings.

Like mkdocs' config validation it names the bad option, says what was
expected and, for a misspelt key, suggests the nearest known one.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable

from .errors import Problem
from .yamlio import LocDict, LocList

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Field:
    """What one key of a mapping may hold.

    ``kind`` is one of: text, integer, number, bool, date, id, texts, ids,
    text_or_texts, mapping, list.
    """

    kind: str
    required: bool = False
    choices: tuple[str, ...] | None = None
    nullable: bool = False
    hint: str = ""


_KIND_WORDS = {
    "text": "text",
    "integer": "a whole number",
    "number": "a number",
    "bool": "true or false",
    "date": "a date like 1967-06-02",
    "id": "a kebab-case id like grain-request (lower-case letters, digits and single hyphens)",
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
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _type_ok(kind: str, value: Any) -> bool:
    checks: dict[str, Callable[[Any], bool]] = {
        "text": _is_text,
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "bool": lambda v: isinstance(v, bool),
        "date": lambda v: isinstance(v, _dt.date)
        or (isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is not None),
        "id": lambda v: isinstance(v, str) and ID_PATTERN.match(v) is not None,
        "texts": lambda v: isinstance(v, list) and all(_is_text(x) for x in v),
        "ids": lambda v: isinstance(v, list)
        and all(isinstance(x, str) and ID_PATTERN.match(x) for x in v),
        "text_or_texts": lambda v: _is_text(v)
        or (isinstance(v, list) and len(v) > 0 and all(_is_text(x) for x in v)),
        "mapping": lambda v: isinstance(v, dict),
        "list": lambda v: isinstance(v, list),
    }
    return checks[kind](value)


def check_mapping(
    data: Any,
    fields: dict[str, Field],
    path: str,
    what: str,
    where: tuple[int, int] = (1, 1),
) -> list[Problem]:
    """Check ``data`` against ``fields``; ``what`` names it in messages."""
    if not isinstance(data, dict):
        return [Problem(path, *where, f"{what} must be a mapping of keys to values, not {describe(data)}")]
    problems = []
    loc = data.loc if isinstance(data, LocDict) else (lambda key=None: where)
    key_loc = data.key_loc if isinstance(data, LocDict) else (lambda key: where)
    for key in data:
        if key not in fields:
            problems.append(Problem(path, *key_loc(key), _unknown_key_message(key, fields, what)))
    for key, field in fields.items():
        if key not in data:
            if field.required:
                problems.append(
                    Problem(path, *loc(), f"{what} is missing the required key '{key}' "
                            f"({_KIND_WORDS[field.kind]}){_hint(field)}")
                )
            continue
        problems.extend(_check_value(data[key], field, key, path, loc(key), what))
    return problems


def _hint(field: Field) -> str:
    return f"; {field.hint}" if field.hint else ""


def _check_value(value, field: Field, key: str, path: str, where, what: str) -> list[Problem]:
    if value is None and field.nullable:
        return []
    if not _type_ok(field.kind, value):
        return [Problem(path, *where, f"{what}: '{key}' must be {_KIND_WORDS[field.kind]}, "
                        f"not {describe(value)}{_hint(field)}")]
    if field.choices is not None:
        values = value if isinstance(value, list) else [value]
        for i, item in enumerate(values):
            if item not in field.choices:
                item_where = value.loc(i) if isinstance(value, LocList) else where
                return [Problem(path, *item_where, _choice_message(item, key, field.choices, what))]
    return []


def _choice_message(item, key: str, choices, what: str) -> str:
    close = difflib.get_close_matches(str(item), [str(c) for c in choices], n=1)
    suggestion = f"did you mean '{close[0]}'? " if close else ""
    return (f"{what}: unknown {key} '{item}'; {suggestion}known values: "
            + ", ".join(str(c) for c in choices))


def _unknown_key_message(key, fields: dict[str, Field], what: str) -> str:
    close = difflib.get_close_matches(str(key), list(fields), n=1)
    if close:
        return f"{what}: unknown key '{key}'; did you mean '{close[0]}'?"
    return f"{what}: unknown key '{key}'; allowed keys: " + ", ".join(fields)
