"""The careful YAML load: PyYAML's nodes built in Python, with every refusal, warning and position.

:mod:`studykit.yamlio` is what the rest of studykit calls, and it imports this module (and with
it PyYAML, a tenth of ``check``'s imports) only when a text must really be parsed: on an
unchanged project every file comes back from the cache (:mod:`studykit.yamlcache`).
"""

from __future__ import annotations

import math

import yaml

from .errors import Problem
from .yamlio import (_ISO_DATE, CONTROL_CHARS, MAX_DEPTH, MAX_INT_DIGITS, STR_TAG, LocDict, LocList,
                     impossible_date)


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parses ~10x faster


class _Error(yaml.constructor.ConstructorError):
    """A value studykit refuses; its message is complete (no "invalid YAML" prefix)."""


ALIASES_REFUSED = ("YAML aliases (*name) and merge keys (<<) are not allowed in studykit files: "
                   "write the value out in full where it is needed")


class LocatingLoader(_BaseLoader):
    """SafeLoader whose mappings and sequences carry positions."""

    lines: list[str] = []
    has_anchors = True  # only a text with '&' can hold aliases

    def __init__(self, stream):
        super().__init__(stream)
        if not self.yaml_path_resolvers:
            # libyaml calls PyYAML's two path-resolver hooks around every node, and without a path
            # resolver they do nothing: calls of C functions that do nothing cost a fraction of theirs.
            self.descend_resolver, self.ascend_resolver = slice, tuple

    def resolve(self, kind, value, implicit):
        """PyYAML's tag for a node, without trying its patterns on text that none can match.

        libyaml asks this for every node; most plain values of a project are prose whose
        first character starts no pattern, or is a letter starting only the one-word
        patterns (true, No, null ...: at most 5 letters and the line break '$' allows).
        """
        if kind is yaml.ScalarNode and implicit[0] and value and _PATTERN_STARTS is not None:
            first = value[0]
            if first not in _PATTERN_STARTS or (first in _WORD_STARTS and len(value) > 6):
                return STR_TAG
        if kind is yaml.ScalarNode and implicit[0] and len(value) <= _SHORT and self._plain_resolvers():
            tag = _RESOLVED.get(value)  # keys and short words ('id', 'topic', 'true', '1967') recur
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_RESOLVED) < _RESOLVED_LIMIT:
                    _RESOLVED[value] = tag
            return tag
        return super().resolve(kind, value, implicit)

    def _plain_resolvers(self) -> bool:
        """Whether the tag of a plain scalar depends on its text alone: this class's own implicit
        patterns and no path resolvers (PyYAML's resolve then reads nothing else)."""
        return (self.yaml_implicit_resolvers is LocatingLoader.yaml_implicit_resolvers
                and not self.yaml_path_resolvers)

    def construct_document(self, node):
        if self.has_anchors or _depth(node) > MAX_DEPTH:
            _check_shape(node)
        return super().construct_document(node)


_RESOLVED: dict[str, str] = {}  # a short plain scalar's text -> its tag (see LocatingLoader.resolve)
_SHORT, _RESOLVED_LIMIT = 24, 8192


# First characters some pattern starts with (None: a pattern for any first character, so every
# value is left to PyYAML's own resolve)
_PATTERN_STARTS = None if None in LocatingLoader.yaml_implicit_resolvers else frozenset(
    key for key in LocatingLoader.yaml_implicit_resolvers if key)
# First characters whose patterns are only bool and null words (yes, No, TRUE, off, null ...)
_WORD_STARTS = frozenset(key for key in _PATTERN_STARTS or () if key.isalpha() and {
    tag for tag, _ in LocatingLoader.yaml_implicit_resolvers[key]} <= {"tag:yaml.org,2002:bool",
                                                                      "tag:yaml.org,2002:null"})


def _depth(root: yaml.Node) -> int:
    """How deep the node tree nests, level by level (cheap: no positions, no identity set)."""
    depth, level = 0, [root]
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            return depth
        below = []
        for node in level:
            if isinstance(node, yaml.MappingNode):
                for pair in node.value:
                    below.extend(pair)
            elif isinstance(node, yaml.SequenceNode):
                below.extend(node.value)
        level = below
    return depth


def _check_shape(root: yaml.Node) -> None:
    """Refuse aliases and deep nesting before anything is built (iteratively: no recursion)."""
    seen: set[int] = set()
    stack = [(root, 1, None)]
    while stack:
        node, depth, parent_mark = stack.pop()
        if id(node) in seen:
            raise _Error(None, None, ALIASES_REFUSED, parent_mark or node.start_mark)
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _Error(None, None, f"the data nests more than {MAX_DEPTH} levels deep; studykit files "
                         "need only a few levels: check the indentation and brackets", node.start_mark)
        if isinstance(node, yaml.MappingNode):  # pushed in reverse: visited in document order
            for key, value in reversed(node.value):
                stack.append((value, depth + 1, key.start_mark))
                stack.append((key, depth + 1, key.start_mark))
        elif isinstance(node, yaml.SequenceNode):
            for child in reversed(node.value):
                stack.append((child, depth + 1, node.start_mark))



def _child(loader: LocatingLoader, node: yaml.Node):
    """``construct_object`` for a value or key; plain text, most of a project, is taken as it is.

    Aliases never reach here (see construct_document), so no node needs remembering.
    """
    if node.__class__ is yaml.ScalarNode and node.tag == STR_TAG:
        value = node.value
        if not CONTROL_CHARS.search(value):
            return value
        return _construct_str(loader, node)  # refuses it with its message
    return loader.construct_object(node, deep=True)


def _construct_mapping(loader: LocatingLoader, node: yaml.MappingNode) -> LocDict:
    loader.flatten_mapping(node)
    result = LocDict()
    result.line, result.col = _pos(node.start_mark)
    result.flow_style = bool(node.flow_style)
    for key_node, value_node in node.value:
        key = _child(loader, key_node)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "a mapping key must be plain text", key_node.start_mark) from None
        if key in result:
            first_line = result.key_locs[key][0]
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first used on line {first_line}); "
                "remove one of them or merge their values",
                key_node.start_mark,
            )
        result[key] = _child(loader, value_node)
        result.locs[key] = _pos(value_node.start_mark)
        result.key_locs[key] = _pos(key_node.start_mark)
        cut = _comment_after(loader, value_node)
        if cut:
            if not result.cut_by_comment:
                result.cut_by_comment = {}
            result.cut_by_comment[key] = cut
    return _marked(result, result.values())


def _construct_sequence(loader: LocatingLoader, node: yaml.SequenceNode) -> LocList:
    result = LocList([_child(loader, child) for child in node.value])
    result.line, result.col = _pos(node.start_mark)
    result.locs = [_pos(child.start_mark) for child in node.value]
    for i, child in enumerate(node.value):
        cut = _comment_after(loader, child)
        if cut:
            if not result.cut_by_comment:
                result.cut_by_comment = {}
            result.cut_by_comment[i] = cut
    return _marked(result, result)


def _marked(result, children):
    """``result`` marked as holding no text a comment may have cut, when none of it does (then
    load.comments looks no further into it): kept with the load, so a check asks once per file."""
    if not result.cut_by_comment and not any(getattr(child, "may_be_cut", False) for child in children):
        result.may_be_cut = False
    return result


def _comment_after(loader: LocatingLoader, node) -> tuple[int, int] | None:
    """Where a '#' comment follows a plain text value on its last line (it may have cut it)."""
    if not isinstance(node, yaml.ScalarNode) or node.style or node.tag != "tag:yaml.org,2002:str":
        return None
    end = node.end_mark
    if end.line >= len(loader.lines):
        return None
    rest = loader.lines[end.line][end.column:]
    if "#" not in rest or not rest.lstrip().startswith("#"):
        return None
    return (end.line + 1, end.column + 1 + rest.index("#"))


def _construct_str(loader: LocatingLoader, node) -> str:
    value = loader.construct_scalar(node)
    bad = CONTROL_CHARS.search(value)
    if bad:
        raise _Error(None, None, f"this text contains the control character {_name_control(bad.group())}, "
                     "which breaks Anki packages and XML exports; delete it (it is usually pasted "
                     "in invisibly from another program)", node.start_mark)
    return value


def _name_control(char: str) -> str:
    names = {"\x00": "NUL", "\x1b": "ESC (escape)", "\x1f": "unit separator", "\x0b": "vertical tab",
             "\x0c": "form feed", "\x7f": "DEL", "\x08": "backspace"}
    name = names.get(char)
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _construct_int(loader: LocatingLoader, node) -> int:
    digits = sum(ch.isdigit() for ch in node.value)
    if digits > MAX_INT_DIGITS:
        raise _Error(None, None, f"this number has {digits} digits; studykit accepts numbers of up to "
                     f"{MAX_INT_DIGITS} digits: check it, or put it in quotes if it is text", node.start_mark)
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:
        raise _Error(None, None, f"'{node.value}' cannot be read as a whole number; "
                     "check it, or put it in quotes if it is text", node.start_mark) from None


def _construct_float(loader: LocatingLoader, node) -> float:
    value = yaml.constructor.SafeConstructor.construct_yaml_float(loader, node)
    if not math.isfinite(value):
        raise _Error(None, None, f"'{node.value}' is not a finite number; write the figure itself, "
                     "or put it in quotes if it is text", node.start_mark)
    return value


def _construct_timestamp(loader: LocatingLoader, node) -> str:
    """Keep a date as the text written, after checking that the day exists."""
    text = loader.construct_scalar(node)
    match = _ISO_DATE.match(text)
    if match:
        problem = impossible_date(*(int(g) for g in match.groups()))
        if problem:
            raise _Error(None, None, f"'{text}' is not a real date: {problem}; correct it "
                         "(dates are written year-month-day, like 1967-06-02)", node.start_mark)
    return text


def _refuse_tag(loader: LocatingLoader, tag_suffix, node=None) -> None:
    node = node if node is not None else tag_suffix
    raise yaml.constructor.ConstructorError(
        None,
        None,
        f"the YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed: studykit reads plain YAML only "
        "(text, numbers, lists and mappings); remove the tag",
        node.start_mark,
    )


def _of_node(kind: type, construct, what: str = ""):
    """``construct`` for a node of ``kind`` only: an explicit tag on another kind of node
    ('!!int [1]', '!!omap [a: 1]') is refused as PyYAML refuses '!!str [a]', and a value an
    explicit tag cannot read ('!!bool maybe', '!!float' with nothing) as what it is not: never
    a traceback."""
    def checked(loader: LocatingLoader, node):
        if not isinstance(node, kind):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a {kind.id} node, but found {node.id}", node.start_mark)
        try:
            return construct(loader, node)
        except (ValueError, IndexError, KeyError):
            raise _Error(None, None, f"'{node.value}' cannot be read as {what}; check it, or put it "
                         "in quotes if it is text", node.start_mark) from None
    return checked


LocatingLoader.add_constructor("tag:yaml.org,2002:map", _of_node(yaml.MappingNode, _construct_mapping))
LocatingLoader.add_constructor("tag:yaml.org,2002:omap", _of_node(yaml.MappingNode, _construct_mapping))
LocatingLoader.add_constructor("tag:yaml.org,2002:seq", _of_node(yaml.SequenceNode, _construct_sequence))
LocatingLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)
LocatingLoader.add_constructor("tag:yaml.org,2002:int", _of_node(yaml.ScalarNode, _construct_int, "a whole number"))
LocatingLoader.add_constructor("tag:yaml.org,2002:float", _of_node(yaml.ScalarNode, _construct_float, "a number"))
LocatingLoader.add_constructor("tag:yaml.org,2002:timestamp", _of_node(yaml.ScalarNode, _construct_timestamp))
LocatingLoader.add_constructor("tag:yaml.org,2002:bool", _of_node(
    yaml.ScalarNode, yaml.constructor.SafeConstructor.construct_yaml_bool, "true or false"))
for _tag in ("binary", "set", "pairs"):
    LocatingLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)
LocatingLoader.add_multi_constructor("", _refuse_tag)
LocatingLoader.add_multi_constructor("!", _refuse_tag)
LocatingLoader.add_multi_constructor("tag:yaml.org,2002:python/", _refuse_tag)

def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n")
    if 1 <= line <= len(lines) and 1 <= col <= len(lines[line - 1]):
        return lines[line - 1][col - 1]
    return ""


def _yaml_error_message(err: yaml.YAMLError, found: str = "") -> str:
    problem = getattr(err, "problem", None) or str(err)
    if found == "\t" or "'\\t'" in problem:
        return "a tab character is used for indentation; YAML needs spaces: replace the tab with spaces"
    if problem.startswith("could not determine a constructor") or isinstance(err, _Error):
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


def careful_load(text: str):
    """The careful load: every refusal, warning and position, for any text."""
    loader = LocatingLoader(text)
    loader.lines = text.split("\n")
    loader.has_anchors = "&" in text
    if loader.has_anchors:
        _refuse_aliases(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _refuse_aliases(text: str) -> None:
    """Refuse the first alias where it is written (the composed tree only shows its anchor)."""
    parser = _BaseLoader(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise _Error(None, None, ALIASES_REFUSED, event.start_mark)
    finally:
        parser.dispose()


def load_problem(err: Exception, text: str, shown: str) -> Problem | None:
    """The problem a failed load of ``text`` reports; None for an error that is no YAML error."""
    if isinstance(err, yaml.MarkedYAMLError):
        mark = err.problem_mark or err.context_mark
        line, col = _pos(mark) if mark else (1, 1)
        return Problem(shown, line, col, _yaml_error_message(err, _char_at(text, line, col)))
    if isinstance(err, yaml.YAMLError):
        return Problem(shown, 1, 1, _yaml_error_message(err))
    if isinstance(err, RecursionError):  # defensive: _check_shape bounds nesting before construction
        return Problem(shown, 1, 1, "the data nests too deep; check the indentation and brackets")
    return None
