"""A question is the same note in every deck that holds it: its options and false versions come
from the whole document in the document's own order, not from the topics one deck takes."""

from __future__ import annotations

import shutil

from studykit.check import check_project

from conftest import REPO, SOURCE_ID


def test_a_unit_deck_asks_its_questions_exactly_as_the_whole_deck_does(tmp_path):
    for part in ("seeds", "question_templates", "decks"):
        shutil.copytree(REPO / part, tmp_path / part)
    # A unit deck that takes two topics, in another order than the document's.
    (tmp_path / "decks" / "unit.yaml").write_text(
        f"id: unit\ntitle: Unit\nsources: [{SOURCE_ID}]\ntopics: [china, visit]\n"
        "templates: [whose-view, choice-answer, true-false-person, true-false-statement]\n",
        encoding="utf-8")
    result = check_project(tmp_path)
    assert result.problems == []
    whole = {q.id: q for q in result.decks[SOURCE_ID].questions}
    unit = result.decks["unit"].questions
    assert len(unit) > 20 and {q.template_id for q in unit} == {
        "whose-view", "choice-answer", "true-false-person", "true-false-statement"}
    for q in unit:
        same = whole[q.id]
        assert (q.prompt, q.options, q.correct, q.answer, q.fields) == (
            same.prompt, same.options, same.correct, same.answer, same.fields), q.id
