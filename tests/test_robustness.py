"""No traceback for any mistake: seeded random edits of every kind of YAML file.

Each case copies the shipped project, replaces, deletes or renames one value
somewhere in one file, and runs the whole check.  The check may report
problems (that is its job) but must never raise anything else; a broken file
must be named in the problems.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
import yaml

from studykit.check import check_project
from studykit.errors import StudykitError

from conftest import REPO

ODD_VALUES = [None, True, 7, 2.5, "", "text", [], ["a"], {}, {"k": "v"}, [{"x": 1}],
              "{{ nope }}", "{% if %}", "-1"]


def _nodes(value, path=()):
    yield path
    children = value.items() if isinstance(value, dict) else enumerate(value) \
        if isinstance(value, list) else ()
    for key, child in children:
        yield from _nodes(child, path + (key,))


def mutate(data, rng: random.Random):
    """Replace, delete or misspell one randomly chosen value."""
    path = rng.choice(list(_nodes(data))[1:])
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    roll = rng.random()
    if roll < 0.2 and isinstance(parent, dict):
        del parent[path[-1]]
    elif roll < 0.3 and isinstance(parent, dict):
        parent[f"{path[-1]}x"] = parent.pop(path[-1])
    else:
        parent[path[-1]] = rng.choice(ODD_VALUES)
    return data


YAML_FILES = sorted(str(p.relative_to(REPO)) for part in ("seeds", "question_templates", "decks")
                    for p in (REPO / part).glob("**/*.yaml"))


@pytest.mark.parametrize("seed", range(40))
def test_a_random_edit_gives_problems_never_a_traceback(tmp_path, seed):
    rng = random.Random(seed)
    project = tmp_path / "project"
    for part in ("seeds", "question_templates", "decks"):
        shutil.copytree(REPO / part, project / part)
    target = project / rng.choice(YAML_FILES)
    target.write_text(yaml.safe_dump(mutate(yaml.safe_load(target.read_text()), rng),
                                     allow_unicode=True, sort_keys=False))
    try:
        result = check_project(project)
    except StudykitError:
        return
    for problem in result.problems:
        assert problem.line >= 1 and problem.col >= 1 and problem.message
    if result.problems:
        assert any(Path(p.path).name == target.name for p in result.problems) or \
            any(target.name in p.message for p in result.problems), result.problems
