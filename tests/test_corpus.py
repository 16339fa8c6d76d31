"""The shipped corpus: complete, exact to the report, and its README example valid."""

from __future__ import annotations

import re
from collections import Counter

from studykit import quotes
from studykit.load import load_project

from conftest import SOURCE_ID


def shipped(repo):
    project, problems = load_project(repo)
    assert problems == [], "\n".join(map(str, problems))
    return project


def test_every_figure_in_the_shipped_facts_appears_in_the_source_text(repo):
    project = shipped(repo)
    source_numbers = quotes.numbers_in(project.sources[SOURCE_ID].text)
    figures = [f for f in project.facts.values() if f.kind == "figure"]
    assert len(figures) >= 8
    for fact in figures:
        for number in quotes.numbers_of_data(fact.data):
            assert number in source_numbers, (fact.id, number)


def test_the_report_figures_named_in_the_brief_are_exact(repo):
    project = shipped(repo)
    by_item = {f.data["item"].casefold(): f.data for f in project.facts.values() if f.kind == "figure"}
    grain = next(d for item, d in by_item.items() if "grain" in item)
    assert (grain["requested"], grain["promised"], grain["unit"]) == (200000, 75000, "tons")
    coal = next(d for item, d in by_item.items() if "coking coal" in item)
    assert (coal["requested"], coal["promised"], coal["promised_unit"]) == (400000, 200000, "tons")
    assert coal["requested_unit"] is None  # the report gives no unit for the request
    values = {d.get("value") for d in by_item.values()} | {d.get("promised") for d in by_item.values()}
    assert {800, 500, 300, 50000, 100, 100000, 400}.issubset(values)


def test_every_topic_is_covered_and_every_kind_used(repo):
    project = shipped(repo)
    topics = Counter(f.topic for f in project.facts.values())
    assert set(topics) == {t.id for t in project.sources[SOURCE_ID].topics}
    assert 60 <= len(project.facts) <= 120
    kinds = Counter(f.kind for f in project.facts.values())
    assert set(kinds) == {"event", "claim", "figure", "list", "person", "term"}


def test_context_is_kept_apart_from_what_the_report_says(repo):
    project = shipped(repo)
    with_context = [f for f in project.facts.values() if f.context]
    assert with_context, "GOSR and similar need context for students"
    for fact in with_context:
        assert quotes.normalize(fact.context) not in quotes.normalize(project.sources[SOURCE_ID].text)


def test_readme_fact_example_is_valid(repo, project):
    readme = (repo / "README.md").read_text()
    example = re.search(r"```yaml\n(topic: aid\nfacts:\n.*?)```", readme, re.S).group(1)
    facts_dir = project / "seeds" / SOURCE_ID / "facts"
    for old in facts_dir.glob("*.yaml"):
        old.unlink()
    (facts_dir / "readme.yaml").write_text(example)
    loaded, problems = load_project(project)
    assert [p for p in problems if "readme.yaml" in p.path] == []
    assert len(loaded.facts) == 1
