"""Exports as a whole: formats, deck choice, the numeric rule, skipped styles, atomic output."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from studykit.check import check_project
from studykit.errors import InvalidContent, UsageError
from studykit.export import FORMATS, export_project
from studykit.export.common import numeric_answer, quiz_items

DECK = "soviet-korean-relations-1967"
REPO = Path(__file__).resolve().parent.parent


def test_all_writes_every_format_into_dist_exports(project):
    written = export_project(project, "all")
    assert {w.format for w in written} == set(FORMATS)
    for item in written:
        assert item.path == project / "dist" / "exports" / f"{DECK}{FORMATS[item.format].suffix}"
        assert item.path.stat().st_size > 0 and item.items > 0
    leftovers = [p for p in (project / "dist" / "exports").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_an_invalid_project_leaves_the_previous_exports_untouched(project, tmp_path):
    before = export_project(project, "gift", out=tmp_path / "out")[0]
    content = before.path.read_bytes()
    facts = sorted((project / "seeds" / DECK / "facts").glob("*.yaml"))[0]
    facts.write_text(facts.read_text(encoding="utf-8").replace("kind: ", "kind: nonsense-", 1),
                     encoding="utf-8")
    with pytest.raises(InvalidContent) as caught:
        export_project(project, "all", out=tmp_path / "out")
    assert any("nonsense-" in str(p) and p.line > 0 for p in caught.value.problems)
    assert before.path.read_bytes() == content
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [before.path.name]


@pytest.mark.parametrize("fmt, hint", [("gif", "gift"), ("moodle", "moodle-xml"), ("pdf", "")])
def test_an_unknown_format_is_a_usage_error_with_a_suggestion(repo, tmp_path, fmt, hint):
    with pytest.raises(UsageError) as caught:
        export_project(repo, fmt, out=tmp_path)
    assert f"did you mean '{hint}'" in str(caught.value) if hint else "choose one of" in str(caught.value)
    assert not any(tmp_path.iterdir())


def test_an_unknown_deck_is_a_usage_error(repo, tmp_path):
    with pytest.raises(UsageError, match=f"did you mean '{DECK}'"):
        export_project(repo, "gift", [DECK + "x"], out=tmp_path)


def test_a_negative_tolerance_is_a_usage_error(repo, tmp_path):
    with pytest.raises(UsageError, match="tolerance"):
        export_project(repo, "gift", out=tmp_path, tolerance=-1)


@pytest.fixture(scope="module")
def figure_question():
    result = check_project(REPO)
    return next(q for q in result.decks[DECK].questions
                if q.style == "short_answer" and q.fact.kind == "figure")


@pytest.mark.parametrize("answer, value, unit, tolerance", [
    ("75,000 tons", 75000, "tons", 0),
    ("1 million tons", 1, "million tons", 0),
    ("About 100 pieces", 100, "pieces", 10),
    ("400", 400, "", 0),
    ("37.5", 37.5, "", 0),
])
def test_a_single_number_answer_becomes_numeric(figure_question, answer, value, unit, tolerance):
    numeric = numeric_answer(dataclasses.replace(figure_question, answer=answer), 0)
    assert (numeric.value, numeric.unit, numeric.tolerance) == (value, unit, pytest.approx(tolerance))


@pytest.mark.parametrize("answer", [
    "200,000 tons requested; 75,000 tons promised", "75,000 tons (37.5% of the request)",
    "grain", "2 million tons; the Soviet side agreed",
])
def test_answers_with_more_than_one_number_stay_short_answers(figure_question, answer):
    assert numeric_answer(dataclasses.replace(figure_question, answer=answer), 0) is None


def test_only_figure_facts_give_numeric_questions(repo):
    result = check_project(repo)
    other = next(q for q in result.decks[DECK].questions
                 if q.style == "short_answer" and q.fact.kind != "figure")
    assert numeric_answer(dataclasses.replace(other, answer="400 people"), 0) is None


def test_styles_moodle_cannot_ask_are_counted_as_skipped(project, tmp_path):
    for name in ("ordering", "figures-table"):
        path = project / "question_templates" / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if not line.startswith("targets:")]
        path.write_text("\n".join(lines + ["targets: [worksheet, export]"]) + "\n", encoding="utf-8")
    result = check_project(project)
    rendered = result.decks[DECK].questions
    expected = {style: sum(1 for q in rendered if q.style == style) for style in ("ordering", "table")}
    assert all(expected.values())
    quiz = quiz_items(result.project, result.project.decks[DECK], rendered, 0)
    assert {k: v for k, v in quiz.skipped.items() if k in expected} == expected
    written = export_project(project, "gift", out=tmp_path / "out")[0]
    assert written.skipped == quiz.skipped
    assert "left out" in written.line()
