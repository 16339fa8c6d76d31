"""yamlio's fast load gives what the careful load gives: the same data, positions and problems.

The careful load (every node constructed with its position, every check made) is the
reference; the fast load only reads texts it can prove clean and leaves positions to a
careful re-read, made when a position is first asked for.  The fast load is taken only when
no file is kept between runs (``STUDYKIT_CACHE=``): a kept careful load is read back faster still
(tests/test_yamlcache.py), so every test here turns the cache off.
"""

from __future__ import annotations

import datetime

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from studykit import yamlcareful, yamlfast, yamlio
from studykit.yamlio import LocDict, LocList


@pytest.fixture(autouse=True, scope="module")
def no_kept_files():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STUDYKIT_CACHE", "")
        yield


def outcome(load, text: str):
    """What a load gives: the data with every position, or the refusal with its place."""
    try:
        return "data", snapshot(load(text))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        return "error", type(err).__name__, str(err.problem), (mark.line, mark.column) if mark else None
    except yaml.YAMLError as err:
        return "error", type(err).__name__, str(err)


def snapshot(value):
    """The value as plain data, with the type and every position of each mapping and list."""
    if isinstance(value, LocDict):
        return ("map", value.line, value.col, value.flow_style, dict(value.cut_by_comment),
                [(k, value.loc(k), value.key_loc(k), snapshot(v)) for k, v in value.items()])
    if isinstance(value, LocList):
        return ("list", value.line, value.col, dict(value.cut_by_comment),
                [(value.loc(i), snapshot(v)) for i, v in enumerate(value)])
    assert not isinstance(value, (dict, list)), type(value)
    return (type(value).__name__, value)


def same_both_ways(text: str):
    fast, careful = outcome(yamlio._load, text), outcome(yamlio.careful_load, text)
    assert fast == careful
    return fast


CLEAN = [
    "a: 1\nfacts:\n  - id: x\n    kind: figure\n    data: {value: 3, unit: tons}\n",
    "topic: visit\nfacts:\n- id: a\n  quote: [one, two]\n  tags: [x, y]\n- id: b\n  skip: []\n  data: {}\n",
    "when: 1967-06-02\nyear: 1863\nratio: 2.5\nyes_no: yes\nnothing: null\ntilde: ~\nhex: 0x1F\n",
    "text: >-\n  folded\n  text\nlit: |\n  kept\n  lines\n",
    "q: 'single ''quoted'''\nd: \"double \\\"quoted\\\" \\u00e9\"\n",
    "title: Report#5 is kept\nurl: http://x.org/#anchor\n",  # '#' inside a value: no comment
    "- a\n- [b, c]\n- {d: e}\n- - f\n  - g\n",
    "just text\n",
    "explicit: !!str 12\nnum: !!int '7'\n",
    "empty:\nkey: value\n",
    "# a comment on its own line\na: 1\n",
]


@pytest.mark.parametrize("text", CLEAN)
def test_a_clean_text_loads_fast_with_the_careful_positions(text):
    result = same_both_ways(text)
    assert result[0] == "data"
    loaded = yamlio._load(text)
    if isinstance(loaded, dict):
        assert type(loaded) is yamlfast.LazyLocDict  # the fast way was taken


REFUSED_OR_APART = [
    "a: &x 1\nb: *x\n",                       # an alias
    "b: *x\n",                                # an alias without anchor
    "a: 1\nb: 2\na: 3\n",                     # a duplicate key
    "a: !!python/object:os.system x\n",       # a tag that would construct an object
    "a: !custom x\n",                         # a local tag
    "a: !!binary aGk=\n",
    "a: !!set {x}\n",
    "a: 1234567890123456789012\n",            # a number too long to be a figure
    "a: .nan\n",
    "a: -.inf\n",
    "a: 1867-02-30\n",                        # a date that does not exist
    "a: \"bell \\a\"\n",                      # an escaped control character
    "a: \"nul \\x00 in quotes\"\n",
    "a: fine\nb: text with a comment # cut\n",   # a comment cuts a plain value
    "title: Report #5\n",
    "a: {name: x, role: y, z}\n",             # a stray key in a flow mapping
    "<<: {a: 1}\nb: 2\n",                     # a merge key
    "1: one\n2: two\n",                       # keys that are not text
    "[a, b]: c\n",
    "? [a]\n: b\n",
    "a: 1\n---\nb: 2\n",                      # two documents
    "a: [1, 2\n",                             # broken YAML
    "a:\n\tb: 1\n",
    "a: b: c\n",
    "=: value\n",
    "a: !!omap [x: 1]\n",
    "a: !!timestamp 2001-12-14t21:59:43.10-05:00\n",
    "[" * 45 + "]" * 45 + "\n",               # deeper than any project needs
    "a:\n" + "".join("  " * i + "- \n" for i in range(1, 44)),
]


@pytest.mark.parametrize("text", REFUSED_OR_APART)
def test_what_the_careful_load_refuses_or_treats_apart_is_left_to_it(text):
    same_both_ways(text)


def test_an_escaped_control_character_is_refused_where_it_is():
    result = same_both_ways("a: ok\nb: \"bad\\x1fvalue\"\n")
    assert result[0] == "error" and "control character" in result[2] and result[3] == (1, 3)


def test_positions_are_read_again_only_when_asked(monkeypatch):
    calls = []
    careful = yamlio.careful_load
    monkeypatch.setattr(yamlfast, "kept_careful_load", lambda text: calls.append(text) or careful(text))
    data = yamlio._load("facts:\n- id: a\n  data: {x: 1}\n- id: b\n")
    assert data["facts"].loc(1) == (4, 3)  # items' positions are kept: no re-read
    assert data["facts"][0]["data"] == {"x": 1}
    assert calls == []
    assert data["facts"][0]["data"].loc("x") == (3, 13)
    assert data["facts"][0].key_loc("data") == (3, 3)
    assert data.loc() == (1, 1)
    assert len(calls) == 1  # once for the whole file


def test_an_iso_date_stays_the_text_written():
    data = yamlio._load("when: 1967-06-02\n")
    assert data["when"] == "1967-06-02" and not isinstance(data["when"], datetime.date)


# Texts made of the pieces YAML files are written with, including every piece the careful
# load refuses or reads apart: each is loaded both ways and must come out the same.
_PIECES = st.sampled_from([
    "a", "b", "id", "x y", ":", ": ", "- ", "  ", "\n", "\n  ", "\n- ", "#", " #", "&a ", "*a",
    "!!int ", "!x ", "{", "}", "[", "]", ", ", "'", '"', "\\x01", "\\n", "1", "1867-02-30", "1863-11-19",
    "0x1F", ".nan", "12345678901234567890", "yes", "~", "<<", "=", "|", ">-", "?", "\t", "\x1f", "é",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_any_text_loads_the_same_both_ways(text):
    same_both_ways(text)


@pytest.mark.parametrize("text, kind, found", [
    ("a: !!omap [x: 1]\n", "mapping", "sequence"),
    ("a: !!map [x]\n", "mapping", "sequence"),
    ("a: !!seq {a: 1}\n", "sequence", "mapping"),
    ("a: !!int [1]\n", "scalar", "sequence"),
    ("a: !!timestamp {b: 1}\n", "scalar", "mapping"),
])
def test_a_tag_on_the_wrong_kind_of_node_is_a_problem_not_a_traceback(tmp_path, text, kind, found):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    data, problems = yamlio.load_yaml(path, "f.yaml")
    assert data is None
    assert [str(p) for p in problems] == [
        f"f.yaml:1:4: invalid YAML: expected a {kind} node, but found {found}"]


def test_the_tags_of_plain_values_are_pyyamls():
    # The loader's quicker resolve against PyYAML's own, on every first character and the
    # words, numbers and dates its patterns read (with the line break their '$' allows).
    ours, pyyaml = yamlcareful.LocatingLoader(""), yaml.SafeLoader("")
    words = ["yes", "Yes", "YES", "no", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on",
             "Off", "OFF", "null", "Null", "NULL", "~", "", "nulls", "Nothing", "Trueish", "yesterday",
             "1863", "-12", "+3.5", "0x1F", "0o17", "1_000", "190:20:30", ".inf", "-.Inf", ".NaN", "1e5",
             "1863-11-19", "2001-12-14t21:59:43.10-05:00", "<<", "=", "!", "&", "*", "The report",
             "false alarm", "no one", "On the road", "Y", "n"]
    values = words + [w + "\n" for w in words] + [chr(c) for c in range(1, 0x3000)] + \
        [chr(c) + "xxxxxxx" for c in range(1, 0x300)]
    for value in values:
        for implicit in ((True, False), (False, True), (False, False)):
            assert ours.resolve(yaml.ScalarNode, value, implicit) == \
                pyyaml.resolve(yaml.ScalarNode, value, implicit), (value, implicit)
    for kind in (yaml.MappingNode, yaml.SequenceNode):
        assert ours.resolve(kind, None, (True, False)) == pyyaml.resolve(kind, None, (True, False))
