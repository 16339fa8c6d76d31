"""README: 'Tag a fact `doubtful` to keep it out of true/false, multiple choice and matching (drills
that would teach it as plain truth); it is still recalled with its context.'  The shipped report has
such facts (an attribution its context doubts), so the deck itself shows the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from studykit.check import check_project

DECK = "soviet-korean-relations-1967"
REPO = Path(__file__).resolve().parent.parent
DRILLS = ("true_false", "multiple_choice", "matching")


@pytest.fixture(scope="module")
def shipped():
    return check_project(REPO)


def test_a_doubtful_fact_is_in_no_drill_and_still_recalled_with_its_context(shipped):
    result = shipped
    doubtful = {f.id for f in result.project.facts.values() if "doubtful" in f.tags}
    assert doubtful
    questions = result.decks[DECK].questions
    drilled = {q.id: doubtful & {f.id for f in q.facts} for q in questions if q.style in DRILLS}
    assert {qid: ids for qid, ids in drilled.items() if ids} == {}
    recalled = {f.id for q in questions if q.style in ("short_answer", "fill_blank") for f in q.facts}
    assert doubtful <= recalled
    assert all(result.project.facts[fact_id].context for fact_id in doubtful)


def test_tagging_a_drilled_fact_doubtful_takes_it_out_of_every_drill(shipped, tmp_path):
    """One fact from each drill template of the shipped deck is tagged doubtful in a copy: no true/false,
    multiple choice or matching asks it any more, and its recall card stays."""
    import re
    import shutil

    chosen: dict[str, str] = {}  # template -> a fact it drills, whose tags are written [a, b]
    for q in shipped.decks[DECK].questions:
        if q.style in DRILLS and q.template_id not in chosen:
            fact = next((f for f in q.facts if "doubtful" not in f.tags and f.tags), None)
            if fact is not None:
                chosen[q.template_id] = fact.id
    assert {"choice-answer", "choice-figure", "matching-people", "true-false-person", "true-false-statement",
            "true-false-figure"} <= set(chosen)
    project = tmp_path / "project"
    for part in ("seeds", "question_templates", "decks"):
        shutil.copytree(REPO / part, project / part)
    for fact_id in set(chosen.values()):
        path = next(p for p in (project / "seeds").rglob("*.yaml") if f"- id: {fact_id}\n" in p.read_text("utf-8"))
        text = path.read_text("utf-8")
        start = text.index(f"- id: {fact_id}\n")
        tags = re.compile(r"(\n    tags: \[)([^\]\n]*)\]").search(text, start)
        following = text.find("\n  - id:", start + 1)
        assert tags and (following == -1 or tags.end() < following)  # the fact's own tags
        path.write_text(text[:tags.end() - 1] + ", doubtful]" + text[tags.end():], encoding="utf-8")
    after = check_project(project).decks[DECK].questions
    doubtful = set(chosen.values())
    assert [q.id for q in after if q.style in DRILLS and doubtful & {f.id for f in q.facts}] == []
    recalled = {f.id for q in after if q.style in ("short_answer", "fill_blank") for f in q.facts}
    assert doubtful <= recalled
