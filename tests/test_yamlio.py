"""yamlio: safe loading with positions; every malformed file becomes one clear Problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from studykit.yamlio import LocDict, load_yaml


def load(tmp_path: Path, content: bytes | str):
    path = tmp_path / "f.yaml"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return load_yaml(path, "f.yaml")


def test_positions_of_values_and_items_are_remembered(tmp_path):
    data, problems = load(tmp_path, "a: 1\nfacts:\n  - id: x\n    kind: figure\n")
    assert problems == []
    assert isinstance(data, LocDict)
    assert data.loc("a") == (1, 4)
    assert data["facts"].loc(0) == (3, 5)
    assert data["facts"][0].loc("kind") == (4, 11)


def test_bom_and_crlf_are_accepted(tmp_path):
    data, problems = load(tmp_path, "\ufeffa: one\r\nb: [1, 2]\r\n".encode("utf-8"))
    assert problems == []
    assert data == {"a": "one", "b": [1, 2]}


@pytest.mark.parametrize(
    "content, line, col, words",
    [
        ("a:\n\tb: 1\n", 2, 1, "tab"),
        ("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first used on line 1)"),
        ("a:\n  b: 1\n c: 2\n", 3, 2, "indentation"),
        ("title: Soviet: Korean\n", 1, 14, "put text that contains ': ' in quotes"),
        ("", 1, 1, "the file is empty"),
        ("# only a comment\n", 1, 1, "the file is empty"),
    ],
)
def test_malformed_yaml_is_one_problem_with_position(tmp_path, content, line, col, words):
    data, problems = load(tmp_path, content)
    assert data is None
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line, problem.col) == ("f.yaml", line, col)
    assert words in problem.message


def test_bytes_that_are_not_utf8_are_located(tmp_path):
    data, problems = load(tmp_path, b"a: ok\nb: caf\xe9\n")
    assert data is None
    assert (problems[0].line, problems[0].col) == (2, 7)
    assert "not UTF-8" in problems[0].message and "0xE9" in problems[0].message


@pytest.mark.parametrize(
    "content",
    [
        'x: !!python/object/apply:os.system ["touch {marker}"]\n',
        'x: !!python/object/new:subprocess.Popen [["touch", "{marker}"]]\n',
        "x: !!python/name:os.system\n",
        "x: !custom 1\n",
    ],
)
def test_object_constructing_tags_are_refused_and_never_run(tmp_path, content):
    marker = tmp_path / "ran"
    data, problems = load(tmp_path, content.format(marker=marker))
    assert data is None
    assert not marker.exists()
    assert "is not allowed" in problems[0].message
    assert problems[0].line == 1


@pytest.mark.parametrize("value", [".inf", "-.Inf", ".nan"])
def test_an_infinite_or_undefined_number_is_refused_where_it_is(tmp_path, value):
    data, problems = load(tmp_path, f"title: A report\nvalue: {value}\n")
    assert data is None
    assert (problems[0].line, problems[0].col) == (2, 8)
    assert f"'{value}' is not a finite number" in problems[0].message


def test_missing_file_is_a_problem_not_an_exception(tmp_path):
    data, problems = load_yaml(tmp_path / "nope.yaml", "nope.yaml")
    assert data is None and problems[0].message == "file not found"


@pytest.mark.parametrize("content, line, col", [
    ("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n", 3, 7),    # the merge key's *b
    ("a: &x [1, 2]\nb: 3\nc:\n  d: *x\n", 4, 6),               # the alias, not its key
    ("q: [&x one, two, *x]\n", 1, 18),
])
def test_an_alias_is_refused_where_it_is_written(tmp_path, content, line, col):
    path = tmp_path / "f.yaml"
    path.write_text(content, encoding="utf-8")
    data, problems = load_yaml(path, "f.yaml")
    assert data is None
    assert [(p.line, p.col) for p in problems] == [(line, col)]
    assert "aliases (*name)" in problems[0].message and "write the value out in full" in problems[0].message


def test_only_what_holds_a_value_cut_by_a_comment_is_looked_into_again():
    """The careful load marks each mapping and list that holds no value a '#' may have cut
    (load.comments then skips it): only the path down to a cut value stays marked."""
    from studykit import yamlio

    data = yamlio.careful_load("facts:\n- id: a\n  tags: [x, y]\n- id: b\n  data: {who: the king # or queen\n    }\n")
    assert data.may_be_cut and data["facts"].may_be_cut and data["facts"][1].may_be_cut
    assert data["facts"][1]["data"].cut_by_comment == {"who": (5, 24)}
    assert not data["facts"][0].may_be_cut and not data["facts"][0]["tags"].may_be_cut
    clean = yamlio.careful_load("a: 1  # a comment after a number cuts no text\nb: [x]\n")
    assert not clean.may_be_cut and not clean["b"].may_be_cut
