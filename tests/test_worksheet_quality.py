"""What a worksheet holds, on small projects of their own: requests take turns scarcest first
(a topic's only essay is not crowded out by a style that had other questions to offer), and
two multiple-choice questions offering the same names share a sheet."""

from __future__ import annotations

import yaml

from studykit import worksheets
from studykit.check import check_project

from conftest import REPO
from sheet_projects import RECALL, fact, make_project
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


def _whose_view() -> dict:
    """The shipped whose-view template, for the worksheet only (no note type needed)."""
    spec = yaml.safe_load((REPO / "question_templates" / "whose-view.yaml").read_text(encoding="utf-8"))
    for key in ("note_type", "fields"):
        spec.pop(key, None)
    return spec


HOLDERS = ["the council", "the assembly", "the envoys", "the chronicler"]
VIEWS = ["The plain was never theirs.", "Twenty ships are too few.", "The wall came late.",
         "A small city keeps its freedom by its ships."]


def test_two_whose_view_questions_offering_the_same_holders_share_a_sheet(tmp_path):
    # Each passage's holder is offered among the other's options: no giveaway, since both
    # questions offer it. (A holder named in another question's stem still is one.)
    facts = [fact(f"view-{i}", f"{holder.capitalize()} held: {view}", "Whose view?", holder, view,
                  kind="claim", data={"holder": holder})
             for i, (holder, view) in enumerate(zip(HOLDERS, VIEWS))]
    root = make_project(tmp_path, facts, {"whose-view": _whose_view()},
                        {"sections": [{"topic": "main", "questions": {"multiple_choice": 2}}]})
    checked = check_project(root)
    assert not checked.problems, checked.problems
    said = []
    [(sheet, _)] = worksheets.sheets(checked.project, checked.project.decks[DECK], checked.decks[DECK],
                                     shortfalls=said)
    chosen = ids(sheet)
    assert len(chosen) == 2 and all(q.startswith("whose-view/") for q in chosen), chosen
    assert said == []
    questions = [item.question for item in sheet.items]
    answers = {q.answer.lower() for q in questions}
    assert all(answers <= {o.lower() for o in q.options} for q in questions)  # each offers the other's answer


def test_no_version_prints_half_an_ordering_or_a_matching_in_its_own_place():
    # Not only the whole answer: never half the items where they belong (the first and last
    # steps of an ordering given free), over many seeds and letters; yet not never one either,
    # which would be a rule a test-wise student could use.
    from test_worksheet_versions import items_of, matching, ordering
    from studykit.worksheets.items import Group, Item, Section
    from studykit.worksheets.versions import version

    section = Section("t", "T", [Group("ordering", [Item("ordering", 2, ordering(n)) for n in range(1, 4)]),
                                 Group("matching", [Item("matching", 5, matching(n)) for n in range(4, 6)])])
    kept = {"ordering": 0, "matching": 0}
    for seed in range(40):
        for letter in "ABCD":
            for item in items_of(version([section], "deck", seed, letter)):
                q = item.question
                if item.kind == "ordering":
                    in_place = sum(shown == right for shown, right in zip(item.options, q.order))
                    assert 2 * in_place < len(q.order), item.options
                else:  # row n's answer printed as option n for fewer than half the rows
                    answers = dict(q.pairs)
                    in_place = sum(item.options[n] == answers[left] for n, left in enumerate(item.left))
                    assert 2 * in_place < len(item.left), item.options
                kept[item.kind] += in_place > 0
    assert kept["ordering"] and kept["matching"], kept
