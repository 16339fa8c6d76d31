"""A worksheet's requests take turns scarcest first: the one question a topic has of a style
(its essay) is not crowded out by a style that had other questions to offer (a small project
of its own; the shipped and example sheets keep their questions)."""

from __future__ import annotations

from studykit import worksheets
from studykit.check import check_project

from sheet_projects import RECALL, make_project
from test_worksheet_rules import DECK, ESSAY, GIVEAWAY_FACTS, ids

# The essay's stem names three of the four short answers ('Anna Berg', 'the treaty', 'rain'):
# only the short answer on the brass band can share its sheet.
ESSAY_STEM = "Why does it matter that Anna Berg signed the treaty in the rain?"


def test_the_only_essay_of_a_topic_is_placed_before_a_short_answer_that_has_alternatives(tmp_path):
    facts = [dict(f) for f in GIVEAWAY_FACTS]
    facts[3].update(analysis={"question": ESSAY_STEM, "marking_points": ["a public gesture"]})
    # The recipe asks for the short answer first, as a teacher would list it.
    root = make_project(tmp_path, facts, {"recall": RECALL, "essay": ESSAY},
                        {"sections": [{"topic": "main", "questions": {"short_answer": 1, "essay": 1}}]})
    checked = check_project(root)
    assert not checked.problems, checked.problems
    assert not [w for w in checked.warnings if "would give away" in w.message], checked.warnings
    said = []
    for sheet, _ in worksheets.sheets(checked.project, checked.project.decks[DECK], checked.decks[DECK],
                                      shortfalls=said):
        assert sorted(ids(sheet)) == ["essay/music", "recall/music"]
    assert said == []
