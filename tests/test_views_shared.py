"""A fact's template view shares the fact's own lists and data (copying them cost ~40 ms of a
10,000-fact render), which is safe only while nothing alters a view.  Here every project is
checked and built with every output, and each view made on the way is compared afterwards with
a deep copy taken when it was made: a step that appends to a view's accepted forms, sorts its
key terms or sets a data key would alter the fact itself, and fails here.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from studykit.build import build_project
from studykit.check import check_project
from studykit.model import Fact

from test_scale import _generate

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if (p / "seeds").is_dir())
OUTPUTS = ["anki", "worksheet", "practice", "cards"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return _generate(300, tmp_path_factory.mktemp("views") / "g")


@pytest.mark.parametrize("name", ["shipped", *(p.name for p in EXAMPLES), "generated"])
def test_no_check_or_build_step_alters_a_facts_view(name, generated, tmp_path, monkeypatch):
    root = {"shipped": REPO, "generated": generated}.get(name) or REPO / "examples" / name
    made: list[tuple[Fact, dict, dict]] = []
    as_template_data = Fact.as_template_data

    def recorded(fact: Fact) -> dict:
        view = as_template_data(fact)
        made.append((fact, view, copy.deepcopy(view)))
        return view

    monkeypatch.setattr(Fact, "as_template_data", recorded)
    check_project(root, strict=False)
    only = [kind for kind in OUTPUTS if kind != "worksheet" or name != "generated"]  # (deck-only course)
    build_project(root, out=tmp_path / "out", only=only)
    assert len(made) >= 2 * len({fact.id for fact, _, _ in made}) > 40  # a check's views and a build's
    for fact, view, then in made:
        assert view == then, fact.id
        assert as_template_data(fact) == then, fact.id
        assert view["quotes"] is fact.quotes and view["data"] is fact.data  # shared, not copied
