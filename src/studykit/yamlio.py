"""Safe YAML loading that remembers where every value came from.

Mappings load as :class:`LocDict` and sequences as :class:`LocList`; both
know the line and column of themselves and of each item, so a validator can
point at the exact spot of a mistake.  Only plain YAML is accepted: tags that
would construct Python objects are refused before anything runs, duplicate
keys are errors, and a BOM or CRLF line endings are fine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Problem


class LocDict(dict):
    """A dict that knows its own position and the position of each value."""

    line = 1
    col = 1

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locs: dict[Any, tuple[int, int]] = {}
        self.key_locs: dict[Any, tuple[int, int]] = {}

    def loc(self, key=None) -> tuple[int, int]:
        """Position of the value under ``key``, or of the mapping itself."""
        if key is None:
            return (self.line, self.col)
        return self.locs.get(key, (self.line, self.col))

    def key_loc(self, key) -> tuple[int, int]:
        return self.key_locs.get(key, (self.line, self.col))


class LocList(list):
    """A list that knows its own position and the position of each item."""

    line = 1
    col = 1

    def __init__(self, *args):
        super().__init__(*args)
        self.locs: list[tuple[int, int]] = []

    def loc(self, index=None) -> tuple[int, int]:
        if index is None or index >= len(self.locs):
            return (self.line, self.col)
        return self.locs[index]


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parses ~10x faster


class _LocatingLoader(_BaseLoader):
    """SafeLoader whose mappings and sequences carry positions."""


def _construct_mapping(loader: _LocatingLoader, node: yaml.MappingNode) -> LocDict:
    loader.flatten_mapping(node)
    result = LocDict()
    result.line, result.col = _pos(node.start_mark)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be plain text", key_node.start_mark
            ) from None
        if key in result:
            first_line = result.key_locs[key][0]
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first used on line {first_line}); "
                "remove one of them or merge their values",
                key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.locs[key] = _pos(value_node.start_mark)
        result.key_locs[key] = _pos(key_node.start_mark)
    return result


def _construct_sequence(loader: _LocatingLoader, node: yaml.SequenceNode) -> LocList:
    result = LocList(loader.construct_object(child, deep=True) for child in node.value)
    result.line, result.col = _pos(node.start_mark)
    result.locs = [_pos(child.start_mark) for child in node.value]
    return result


def _refuse_tag(loader: _LocatingLoader, tag_suffix, node) -> None:
    raise yaml.constructor.ConstructorError(
        None,
        None,
        f"the YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed: studykit reads plain YAML only "
        "(text, numbers, lists and mappings); remove the tag",
        node.start_mark,
    )


_LocatingLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LocatingLoader.add_constructor("tag:yaml.org,2002:omap", _construct_mapping)
_LocatingLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_LocatingLoader.add_multi_constructor("", _refuse_tag)
_LocatingLoader.add_multi_constructor("!", _refuse_tag)
_LocatingLoader.add_multi_constructor("tag:yaml.org,2002:python/", _refuse_tag)


def decode_text(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Bytes -> text, accepting a UTF-8 BOM and CRLF; a clear problem otherwise."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[err.start : err.start + 1].hex().upper()
        return None, [
            Problem(
                path,
                line,
                col,
                f"this file is not UTF-8 text (byte 0x{bad} cannot be decoded); "
                "save it as UTF-8 in your editor (\"Save with encoding: UTF-8\")",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """Read a text file, turning every OS or encoding failure into a Problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(shown, 1, 1, "file not found")]
    except OSError as err:
        return None, [Problem(shown, 1, 1, f"cannot read the file: {err.strerror}")]
    return decode_text(raw, shown)


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n")
    if 1 <= line <= len(lines) and 1 <= col <= len(lines[line - 1]):
        return lines[line - 1][col - 1]
    return ""


def _yaml_error_message(err: yaml.YAMLError, found: str = "") -> str:
    problem = getattr(err, "problem", None) or str(err)
    if found == "\t" or "'\\t'" in problem:
        return "a tab character is used for indentation; YAML needs spaces: replace the tab with spaces"
    if problem.startswith("could not determine a constructor"):
        return problem
    hints = {
        "mapping values are not allowed": "put text that contains ': ' in quotes, "
        "or check the indentation of this line",
        "expected <block end>, but found": "check the indentation: items of one list or "
        "mapping must start in the same column",
        "did not find expected key": "check the indentation and quotes of this and the line above",
        "found undefined alias": "define the &anchor before using the *alias",
    }
    for start, hint in hints.items():
        if problem.startswith(start):
            return f"invalid YAML: {problem}; {hint}"
    return f"invalid YAML: {problem}"


def load_yaml(path: Path, shown: str) -> tuple[Any, list[Problem]]:
    """Load one YAML file safely; return (data or None, problems)."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    try:
        data = yaml.load(text, Loader=_LocatingLoader)  # noqa: S506 - safe subclass
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = _pos(mark) if mark else (1, 1)
        return None, [Problem(shown, line, col, _yaml_error_message(err, _char_at(text, line, col)))]
    except yaml.YAMLError as err:
        return None, [Problem(shown, 1, 1, _yaml_error_message(err))]
    if data is None:
        return None, [Problem(shown, 1, 1, "the file is empty; add its content or delete the file")]
    return data, []
