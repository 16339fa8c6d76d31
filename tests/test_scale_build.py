"""What a build's check leaves out is only what a build never shows.

A build checks the project first (``build.check_project``) but shows no warnings, so it skips the
quality and print checks (``check_project(quality=False)``).  These tests prove that leaving them
out changes nothing a build uses: the same problems, questions, skip reasons and notes, and that
those two checks only ever give warnings.  (Speed itself is measured in benchmarks/, never here.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studykit import build
from studykit.check import check_project
from studykit.fonts import print_warnings
from studykit.questions.quality import quality_warnings

from small_project import make_project

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = [REPO / "examples" / name for name in ("gettysburg-address", "ancient-chronicle", "treaty-1815")]

TEXT = ("This year the mayor promised about 100 machines. These were sent to Boston. "
        "Both sides agreed on the four points.")
# Built to draw quality warnings: a relative time word, a figure given as exact whose quote
# hedges it ("about 100").
WARNED = """\
facts:
  - id: machines
    kind: figure
    topic: main
    statement: This year the mayor promised about 100 machines.
    question: How many machines did the mayor promise this year?
    answer: 100 machines
    quote: This year the mayor promised about 100 machines.
    data: {item: machines, unit: pieces, promised: 100}
  - id: sent
    kind: event
    topic: main
    statement: These were sent to Boston.
    question: Where were these sent?
    answer: To Boston
    key_terms: [Boston]
    quote: These were sent to Boston.
"""


@pytest.fixture(scope="module")
def warned(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("warned"), TEXT, WARNED)


def _same_for_a_build(root: Path) -> None:
    full = check_project(root)
    lean = build.check_project(root)
    assert lean.problems == full.problems
    assert set(lean.warnings) <= set(full.warnings)
    assert lean.decks.keys() == full.decks.keys()
    for deck_id, rendered in full.decks.items():
        other = lean.decks[deck_id]
        assert [q.__dict__ for q in other.questions] == [q.__dict__ for q in rendered.questions]
        assert other.reasons == rendered.reasons
    assert lean.notes == full.notes


@pytest.mark.parametrize("root", [REPO, *EXAMPLES], ids=lambda p: p.name)
def test_a_builds_check_gives_what_a_full_check_gives_but_warnings(root):
    _same_for_a_build(root)


def test_warnings_left_out_by_a_build_are_there_in_check(warned):
    full = check_project(warned)
    assert full.problems == []
    messages = " ".join(w.message for w in full.warnings)
    assert "'This year'" in messages and "'approximate: true'" in messages  # the quality check ran
    lean = build.check_project(warned)
    assert lean.warnings == []  # neither the quality nor the print check ran
    _same_for_a_build(warned)


def test_a_project_with_warnings_builds(warned, tmp_path):
    report = build.build_project(warned, out=tmp_path / "dist", only=["anki"])
    [deck] = report.decks
    assert deck.notes > 0 and (tmp_path / "dist" / "doc.apkg").is_file()


@pytest.mark.parametrize("root", [REPO, *EXAMPLES], ids=lambda p: p.name)
def test_the_checks_a_build_skips_give_only_warnings(root, warned):
    """On every project at hand (errors there would stop a build, which no longer looks)."""
    for project_root in (root, warned):
        checked = check_project(project_root)
        found = quality_warnings(checked.project, checked.decks) + print_warnings(checked.project)
        assert all(p.severity == "warning" for p in found), [str(p) for p in found if not p.is_warning]


def test_the_quality_rules_make_warnings_only():
    """No quality rule builds a Problem of its own (its severity would be an error): each goes
    through ``errors.warning``."""
    folder = REPO / "src" / "studykit" / "questions"
    for name in ("quality.py", "figure_quality.py"):
        source = (folder / name).read_text(encoding="utf-8")
        assert "warning(" in source
        assert not re.search(r"\bProblem\(", source), name


def _drop_repeats_one_by_one(result) -> None:
    """make._drop_repeats written plainly: every question's key made as it comes, and each
    question compared with every earlier kept one of its key."""
    from studykit.questions.option_keys import option_key

    asked, kept = {}, []
    for question in result.questions:
        if len(question.facts) != 1:
            kept.append(question)
            continue
        key = (question.fact.id, question.style, option_key(question.prompt), option_key(question.answer))
        before = asked.setdefault(key, [])
        if before:
            result.repeats[question.id] = before[0].id
        covering = [q for q in before if set(q.targets) & set(question.targets)]
        left = tuple(t for t in question.targets if not any(t in q.targets for q in covering))
        if not left:
            del result.repeats[question.id]
            result.skip(question.id, "asks the same as " + " and ".join(q.id for q in covering))
            continue
        question.targets = left
        before.append(question)
        kept.append(question)
    result.questions[:] = kept


@pytest.mark.parametrize("root", [REPO, *EXAMPLES], ids=lambda p: p.name)
def test_repeats_are_dropped_as_one_by_one(root):
    """On every question of a project before repeats are dropped, and on those questions again
    with copies of each in other orders and with other targets (so many are repeats)."""
    import copy
    import random

    from studykit.questions import make
    from studykit.questions.question import RenderResult

    seen = []
    original = make._drop_repeats
    make._drop_repeats = lambda result: (seen.append(list(result.questions)), original(result))
    try:
        check_project(root)
    finally:
        make._drop_repeats = original
    rng = random.Random(5)
    for questions in seen:
        copies = []
        for q in questions:
            other = copy.copy(q)
            other.id = q.id + "/again"
            other.targets = rng.choice([q.targets, ("worksheet",), ("anki",), ("export", "anki")])
            copies.append(other)
        for order in (questions, questions + copies, rng.sample(questions + copies, len(questions) * 2)):
            fast = RenderResult([copy.copy(q) for q in order], [], [])
            careful = RenderResult([copy.copy(q) for q in order], [], [])
            make._drop_repeats(fast)
            _drop_repeats_one_by_one(careful)
            assert [(q.id, q.targets) for q in fast.questions] == [(q.id, q.targets) for q in careful.questions]
            assert fast.reasons == careful.reasons and fast.skipped == careful.skipped
            assert fast.repeats == careful.repeats
        assert any("asks the same as" in reason for reason in careful.reasons.values())
