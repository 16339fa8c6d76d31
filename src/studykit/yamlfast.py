"""The fast way to load a clean YAML file: libyaml's nodes straight to LocDicts and LocLists.

Two ways: :class:`FastLoad` when no file is kept between runs (``STUDYKIT_CACHE=``) leaves
positions to a careful twin, read only if a problem or warning asks; :class:`PlacedLoad`, for a
file to keep (:mod:`studykit.yamlcache`), takes every position from libyaml's nodes as it goes
and gives exactly what the careful load gives, for half its cost.

Most project files hold nothing the careful loader (:mod:`studykit.yamlio`) refuses or warns
about.  For those, its per-node checks and position bookkeeping are wasted: this module builds
the same data from libyaml's nodes and leaves positions to a *twin*, the same text read again
the careful way, the first time a problem or warning asks where something is.  Whatever it is
not sure of sends the whole file back to the careful loader, which stays the authority.
"""

from __future__ import annotations

import yaml

from .yamlcareful import LocatingLoader
from .yamlio import (CONTROL_CHARS, MAX_DEPTH, STR_TAG, LocDict, LocList, _has_control,  # noqa: F401
                     kept_careful_load, may_load_fast)


class Twins:
    """The positions of a file loaded the fast way: its text, read again the careful way on the
    first question about a position (a problem or warning to place), then its containers in
    document order (the fast load numbers its own in the same order)."""

    def __init__(self, text: str):
        self.text: str | None = text
        self.containers: list | None = None

    def of(self, n: int):
        if self.containers is None:
            self.containers = []
            stack = [kept_careful_load(self.text)]
            self.text = None
            while stack:  # pre-order, children in document order
                item = stack.pop()
                self.containers.append(item)
                children = item.values() if isinstance(item, dict) else item
                stack.extend(c for c in reversed(list(children)) if isinstance(c, (dict, list)))
        return self.containers[n]


_LAZY = ("line", "col", "locs", "key_locs")


class LazyLocDict(LocDict):
    """A LocDict of a fast load: its positions come from its careful twin when first asked."""

    may_be_cut = False

    def __init__(self, twins: Twins, n: int):  # noqa: D107  (no LocDict.__init__: nothing eager)
        self._twins, self._n = twins, n

    def __getattr__(self, name):
        if name not in _LAZY:
            raise AttributeError(name)
        twin = self._twins.of(self._n)
        self.line, self.col, self.locs, self.key_locs = twin.line, twin.col, twin.locs, twin.key_locs
        return getattr(self, name)


class LazyLocList(LocList):
    """A LocList of a fast load: its items' positions are kept (a fact's own line is in every
    fact), its own position comes from its careful twin when first asked."""

    may_be_cut = False

    def __init__(self, items: list, locs: list, twins: Twins, n: int):  # noqa: D107
        list.__init__(self, items)
        self.locs, self._twins, self._n = locs, twins, n

    def __getattr__(self, name):
        if name not in ("line", "col"):
            raise AttributeError(name)
        twin = self._twins.of(self._n)
        self.line, self.col = twin.line, twin.col
        return getattr(self, name)


class Unsure(Exception):
    """The fast load met something only the careful load decides (and places in its message)."""


_MAP_TAG, _SEQ_TAG = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_SCALAR_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("int", "float", "timestamp", "bool", "null")}


class FastLoad:
    """libyaml's nodes to LocDicts and LocLists directly, for a text with no anchor, comment
    after a value or control character (see yamlio._load).  Anything else the careful load would
    refuse or treat apart (another tag, a key that is not text, a duplicate key, deep nesting,
    an escaped control character, a number or date it refuses) raises Unsure, and the careful
    load reads the text instead: same data, same problems, same positions.

    A mapping's and a list's own positions and a mapping's value positions are left to the
    careful twin (see Twins): most files never need one.  Items' positions are kept.
    """

    def __init__(self, text: str):
        self.loader = LocatingLoader(text)
        self.twins = Twins(text)
        self.count = 0
        self.escapes = "\\" in text  # only a double-quoted escape can make a control character

    def load(self):
        try:
            node = self.loader.get_single_node()
            if node is None:
                return None
            return self.value(node, 1)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
            raise Unsure() from None
        finally:
            self.loader.dispose()

    def value(self, node, depth: int):
        cls = node.__class__
        if cls is yaml.ScalarNode:
            return self.scalar(node)
        if depth >= MAX_DEPTH:
            raise Unsure()
        if cls is yaml.MappingNode and node.tag == _MAP_TAG:
            return self.mapping(node, depth)
        if cls is yaml.SequenceNode and node.tag == _SEQ_TAG:
            return self.sequence(node, depth)
        raise Unsure()

    def scalar(self, node):
        if node.tag == STR_TAG:
            if self.escapes and node.style == '"' and CONTROL_CHARS.search(node.value):
                raise Unsure()
            return node.value
        if node.tag in _SCALAR_TAGS:
            return self.loader.yaml_constructors[node.tag](self.loader, node)
        raise Unsure()

    def mapping(self, node, depth: int) -> LocDict:
        result = LazyLocDict(self.twins, self.count)
        self.count += 1
        below = depth + 1
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode or key_node.tag != STR_TAG:
                raise Unsure()
            key = self.scalar(key_node)
            if value_node.__class__ is yaml.ScalarNode:
                result[key] = self.scalar(value_node)
            else:
                result[key] = self.value(value_node, below)
        if len(result) != len(node.value):  # a duplicate key
            raise Unsure()
        if node.flow_style:
            result.flow_style = True
        return result

    def sequence(self, node, depth: int) -> LocList:
        n = self.count
        self.count += 1
        below = depth + 1
        items = [self.scalar(child) if child.__class__ is yaml.ScalarNode else self.value(child, below)
                 for child in node.value]
        locs = [(mark.line + 1, mark.column + 1) for mark in (child.start_mark for child in node.value)]
        return LazyLocList(items, locs, self.twins, n)


_new_dict = dict.__new__


class PlacedLoad(FastLoad):
    """The fast load with every position taken as it goes: plain LocDicts and LocLists exactly as
    the careful load builds them (same attributes, set in the same order), to be kept between
    runs.  Nothing in a text the fast load takes is cut by a comment (see yamlio.may_load_fast),
    so every container is marked as holding no such text, as the careful load marks it."""

    def __init__(self, text: str):  # noqa: D107  (no twin: every position is read here)
        self.loader = LocatingLoader(text)
        self.escapes = "\\" in text

    def mapping(self, node, depth: int) -> LocDict:
        result = _new_dict(LocDict)  # LocDict.__init__'s attributes, in its order, set here
        mark = node.start_mark
        result.line, result.col = mark.line + 1, mark.column + 1
        result.locs = locs = {}
        result.key_locs = key_locs = {}
        result.flow_style = bool(node.flow_style)
        below = depth + 1
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode or key_node.tag != STR_TAG:
                raise Unsure()
            key = self.scalar(key_node)
            if key in result:  # a duplicate key: the careful load refuses it at its place
                raise Unsure()
            if value_node.__class__ is yaml.ScalarNode:
                result[key] = self.scalar(value_node)
            else:
                result[key] = self.value(value_node, below)
            mark = value_node.start_mark
            locs[key] = (mark.line + 1, mark.column + 1)
            mark = key_node.start_mark
            key_locs[key] = (mark.line + 1, mark.column + 1)
        result.may_be_cut = False
        return result

    def sequence(self, node, depth: int) -> LocList:
        below = depth + 1
        result = LocList([self.scalar(child) if child.__class__ is yaml.ScalarNode else self.value(child, below)
                          for child in node.value])
        mark = node.start_mark
        result.line, result.col = mark.line + 1, mark.column + 1
        result.locs = [(mark.line + 1, mark.column + 1) for mark in (child.start_mark for child in node.value)]
        result.may_be_cut = False
        return result
