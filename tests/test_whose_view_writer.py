"""whose-view keeps the document's own writer among the wrong options.

Telling the writer's own judgement from a view the writer reports is what whose-view asks.  A
writer who holds some of the views asked ("The clerk's letter": the clerk's own opinion) must be
offered in the other questions too: a rule that left the writer out of every question but its own
made the option a tell (the shipped report's "The ambassador's report" was offered in 12 questions
and right in all 12).
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from studykit.check import check_project

REPO = Path(__file__).resolve().parent.parent

SOURCE = """\
The bridge must be rebuilt before the winter, whatever it costs.
The tax on carts is too high for the trade of the town.
The market opens too late in the day for those who come from far.
A second weir on the river would keep the wheels turning in summer.
The bridge was already unsafe a year ago.
"""

HOLDERS = {  # fact id -> (holder, the sentence quoted: none names its holder)
    "bridge": ("the mayor", "The bridge must be rebuilt before the winter, whatever it costs."),
    "tax": ("the council", "The tax on carts is too high for the trade of the town."),
    "market": ("the farmers", "The market opens too late in the day for those who come from far."),
    "weir": ("the millers", "A second weir on the river would keep the wheels turning in summer."),
    "same": ("the clerk's letter", "The bridge was already unsafe a year ago."),
}


def _project(root: Path) -> Path:
    seeds = root / "seeds" / "town-letter"
    (seeds / "facts").mkdir(parents=True)
    (seeds / "source.txt").write_text(SOURCE, encoding="utf-8")
    (seeds / "source.yaml").write_text(
        "id: town-letter\ntitle: A Letter on the Town's Affairs\ndate: 1850-03-01\n"
        "author: Mary Brown, clerk of the town (invented)\n"
        "citation: Mary Brown, letter on the town's affairs, 1 March 1850 (invented)\n"
        "text: source.txt\ncalled: the letter\ntopics:\n  - id: views\n    title: Views in the town\n",
        encoding="utf-8")
    facts = ["topic: views", "facts:"]
    for fact_id, (holder, quote) in HOLDERS.items():
        facts += [f"  - id: {fact_id}", "    kind: claim", f"    statement: {quote}",
                  f"    question: What is said about the {fact_id}?", f"    answer: {quote}",
                  f"    quote: \"{quote}\"", f"    data: {{holder: \"{holder}\"}}", "    tags: [views]"]
    (seeds / "facts" / "views.yaml").write_text("\n".join(facts) + "\n", encoding="utf-8")
    shutil.copytree(REPO / "question_templates", root / "question_templates")
    (root / "decks").mkdir()
    (root / "decks" / "town.yaml").write_text(
        "id: town\ntitle: The Town Letter\nsources: [town-letter]\ntopics: [views]\ntemplates: [whose-view]\n",
        encoding="utf-8")
    return root


def _whose_view(project: Path) -> dict:
    result = check_project(project)
    assert result.problems == []
    rendered = result.decks["town"]
    return {q.id: q for q in rendered.questions}, rendered.reasons


def test_the_writer_holding_a_view_is_offered_where_it_is_wrong_too(tmp_path):
    questions, _ = _whose_view(_project(tmp_path))
    own = questions["whose-view/same"]
    assert own.answer == "The clerk's letter" and len(own.options) == 4
    others = [q for q in questions.values() if q.answer != "The clerk's letter"]
    assert len(others) == 4 and all(len(q.options) == 4 for q in others)
    # five holders, four options each: the writer is among the others' options, as any holder is
    assert any("The clerk's letter" in q.options for q in others), [q.options for q in others]


def _right_and_wrong(project: Path) -> tuple[Counter, Counter]:
    right, wrong = Counter(), Counter()
    for rendered in check_project(project).decks.values():
        for question in rendered.questions:
            if question.id.startswith("whose-view/"):
                right[question.answer] += 1
                wrong.update(option for option in question.options if option != question.answer)
    return right, wrong


@pytest.mark.parametrize("project", [REPO, *sorted(p for p in (REPO / "examples").iterdir() if p.is_dir())],
                         ids=lambda p: p.name)
def test_no_whose_view_answer_is_offered_only_where_it_is_right(project):
    """An answer of several questions, which a question with another answer could offer, is
    offered wrong somewhere too (an option seen only where it is right is learnt as a tell)."""
    right, wrong = _right_and_wrong(project)
    for answer in right:
        if right[answer] >= 2 and sum(right.values()) > right[answer]:
            assert wrong[answer] > 0, (answer, dict(right), dict(wrong))
