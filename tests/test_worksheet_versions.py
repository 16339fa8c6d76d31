"""Worksheet versions and their keys, on small hand-made sections (no project, no PDF).

A version reorders kinds, questions and options from its seed; its key must follow that
version's order.  Every expected answer here is read off the question itself (its right
option, its pairs, its order) and then looked up in what the version printed, so the test
does not repeat the shuffle.  These are the tests the mutation run of the worksheet
versions uses (benchmarks/mutation.py worksheet-versions).
"""

from __future__ import annotations

import os
import string
import subprocess
import sys

import pytest

from studykit.model import Fact
from studykit.questions import Question
from studykit.worksheets.items import Group, Item, Section
from studykit.worksheets.render import quick_answer
from studykit.worksheets.spec import LABELS
from studykit.worksheets.versions import version


def fact(n: int, kind: str = "event", **data) -> Fact:
    return Fact(id=f"f{n}", kind=kind, topic="t", statement=f"Statement {n}.", question="?", answer="a",
                quotes=["q"], source_id="s", path="facts.yaml", line=n, col=1, data=data)


def question(style: str, n: int, **fields) -> Question:
    facts = fields.pop("facts", [fact(n, fields.pop("kind", "event"))])
    return Question(id=f"{style}/{n}", guid_key=f"{style}/{n}", template_id=style, style=style, topic="t",
                    source_id="s", facts=facts, prompt=fields.pop("prompt", f"Prompt {n}?"), **fields)


def choice(n: int) -> Question:
    options = [f"option {n}.{i}" for i in range(5)]
    return question("multiple_choice", n, options=options, correct=n % 5, answer=options[n % 5])


def matching(n: int) -> Question:
    pairs = [(f"left {n}.{i}", f"right {n}.{i}") for i in range(5)]
    return question("matching", n, pairs=pairs, options=[r for _, r in pairs] + [f"spare {n}"])


def ordering(n: int) -> Question:
    return question("ordering", n, order=[f"step {n}.{i}" for i in range(5)])


def table(n: int) -> Question:
    rows = [[f"year {n}.{i}", f"{i * 100}"] for i in range(4)]
    return question("table", n, rows=rows, facts=[fact(10 * n + i) for i in range(4)],
                    columns=[{"header": "Year"}, {"header": "Tons", "blank": True}])


def sections() -> list[Section]:
    first = Section("t1", "First", [
        Group("multiple_choice", [Item("multiple_choice", 1, choice(n)) for n in range(1, 5)]),
        Group("true_false", [Item("true_false", 1, question("true_false", n, truth=n % 2 == 0))
                             for n in range(5, 8)]),
        Group("matching", [Item("matching", 5, matching(8)), Item("matching", 5, matching(9))]),
    ])
    second = Section("t2", "Second", [
        Group("ordering", [Item("ordering", 2, ordering(n)) for n in (10, 11, 12)]),
        Group("table", [Item("table", 4, table(13))]),
        Group("short_answer", [Item("short_answer", 1, question("short_answer", 14, answer="In May"))]),
    ])
    return [first, second]


def printed(letter: str, seed: int = 7) -> list[Section]:
    return version(sections(), "deck", seed, letter)


def items_of(sheet: list[Section]) -> list[Item]:
    return [item for section in sheet for item in section.items]


def test_every_version_prints_every_question_once_numbered_straight_through_its_sections():
    originals = [[i.question.id for i in s.items] for s in sections()]
    for letter in "ABCD":
        sheet = printed(letter)
        assert [(s.topic, s.title) for s in sheet] == [("t1", "First"), ("t2", "Second")]
        assert [sorted(i.question.id for i in s.items) for s in sheet] == [sorted(ids) for ids in originals]
        assert [i.number for i in items_of(sheet)] == list(range(1, 15))
        assert [i.points for i in items_of(sheet)] == [
            {"multiple_choice": 1, "true_false": 1, "matching": 5, "ordering": 2, "table": 4,
             "short_answer": 1}[i.kind] for i in items_of(sheet)]
        for section in sheet:  # a kind's questions stay together under its one instruction
            kinds = [i.kind for i in section.items]
            runs = [k for n, k in enumerate(kinds) if n == 0 or kinds[n - 1] != k]
            assert len(runs) == len(set(kinds))


def test_versions_differ_from_each_other_and_from_another_seed_and_repeat_for_the_same_seed():
    def layout(sheet):
        return [(i.question.id, tuple(i.options), tuple(i.left), tuple(map(tuple, i.rows)))
                for i in items_of(sheet)]
    a, b = layout(printed("A")), layout(printed("B"))
    assert a != b and layout(printed("A", seed=8)) != a and layout(printed("A")) == a
    assert layout(version(sections(), "other-deck", 7, "A")) != a
    kinds_a = [[g.kind for g in s.groups] for s in printed("A")]
    assert any([[g.kind for g in s.groups] for s in printed(x)] != kinds_a for x in "BCDEFGH")
    options_seen = {tuple(i.options) for x in "ABCDEFGH" for i in items_of(printed(x))
                    if i.question.id == "multiple_choice/1"}
    assert len(options_seen) > 1


def test_a_version_is_the_same_in_a_new_process_whatever_its_hash_seed():
    code = ("from test_worksheet_versions import printed, items_of; "
            "print([(i.question.id, i.options, i.left) for i in items_of(printed('B'))])")
    here = os.path.dirname(__file__)
    runs = {subprocess.run([sys.executable, "-c", code], cwd=here, capture_output=True, text=True, check=True,
                           env=dict(os.environ, PYTHONHASHSEED=seed)).stdout for seed in ("1", "2")}
    assert runs == {str([(i.question.id, i.options, i.left) for i in items_of(printed("B"))]) + "\n"}


@pytest.mark.parametrize("letter", "ABC")
def test_each_versions_key_follows_that_versions_order(letter):
    for item in items_of(printed(letter)):
        q, key = item.question, quick_answer(item, LABELS)
        if item.kind == "multiple_choice":
            assert sorted(item.options) == sorted(q.options)
            letter_at = string.ascii_uppercase[item.options.index(q.options[q.correct])]
            assert key == f"{letter_at} ({q.answer})"
        elif item.kind == "true_false":
            assert item.options == ["True", "False"]
            assert key == ("True" if q.truth else "False")
            assert item.options[item.correct] == key
        elif item.kind == "matching":
            assert sorted(item.left) == sorted(left for left, _ in q.pairs)
            assert sorted(item.options) == sorted(q.options)  # the spare is offered too
            right_of = dict(q.pairs)
            letters = [string.ascii_uppercase[item.options.index(right_of[left])] for left in item.left]
            assert key == " ".join(f"{n}{x}" for n, x in enumerate(letters, start=1))
        elif item.kind == "ordering":
            assert sorted(item.options) == sorted(q.order)
            assert key == " ".join(str(q.order.index(step) + 1) for step in item.options)
        elif item.kind == "table":
            assert sorted(map(tuple, item.rows)) == sorted(map(tuple, q.rows))
            facts = {tuple(row): f for row, f in zip(q.rows, q.facts)}
            assert item.row_facts == [facts[tuple(row)] for row in item.rows]
            assert key == "; ".join(f"{row[0]}: {row[1]}" for row in item.rows)
        else:
            assert key == "In May"


def test_no_version_gives_an_ordering_or_a_matching_answer_away_by_printing_it_in_order():
    for letter in string.ascii_uppercase[:12]:
        for item in items_of(printed(letter)):
            if item.kind == "ordering":
                assert item.options != item.question.order
            if item.kind == "matching":
                key = quick_answer(item, LABELS)
                assert key != " ".join(f"{n}{x}" for n, x in enumerate(string.ascii_uppercase[:5], start=1))


def test_a_two_step_ordering_is_always_printed_the_wrong_way_round():
    two = Section("t", "T", [Group("ordering", [Item("ordering", 1, question("ordering", 1, order=["a", "b"]))])])
    for letter in string.ascii_uppercase:
        [item] = version([two], "deck", 1, letter)[0].items
        assert (item.options, quick_answer(item, LABELS)) == (["b", "a"], "2 1")


def test_no_seed_prints_a_two_step_ordering_in_its_answer_order():
    # Ten shuffles of two items all land in order once in 1024 tries; 3,000 seeds meet that case.
    two = Section("t", "T", [Group("ordering", [Item("ordering", 1, question("ordering", 1, order=["a", "b"]))])])
    shown = {tuple(version([two], "deck", seed, "A")[0].items[0].options) for seed in range(3000)}
    assert shown == {("b", "a")}


def test_a_two_pair_matching_never_prints_its_answer_in_order():
    two = question("matching", 1, pairs=[("left a", "right a"), ("left b", "right b")])
    for letter in string.ascii_uppercase:
        [item] = version([Section("t", "T", [Group("matching", [Item("matching", 2, two)])])],
                         "deck", 1, letter)[0].items
        assert quick_answer(item, LABELS) in ("1B 2A",)


def test_a_chart_item_keeps_its_chart_on_every_version():
    chart = object()  # what a chart is does not matter to the shuffle: it is printed as it is
    for letter in "AB":
        [item] = version([Section("t", "T", [Group("chart", [Item("chart", 3, chart=chart)])])],
                         "deck", 1, letter)[0].items
        assert item.chart is chart and quick_answer(item, LABELS) == "see the chart"


def test_a_one_option_question_and_a_question_without_options_still_print():
    one = question("ordering", 1, order=["only"])
    bare = question("multiple_choice", 2, options=[], answer="x")
    unknown = question("multiple_choice", 3, options=["a", "b"], correct=None, answer="?")
    sheet = version([Section("t", "T", [Group("x", [Item("ordering", 1, one), Item("multiple_choice", 1, bare),
                                                    Item("multiple_choice", 1, unknown)])])], "deck", 1, "A")
    items = {i.question.id: i for i in sheet[0].items}
    assert items["ordering/1"].options == ["only"] and quick_answer(items["ordering/1"], LABELS) == "1"
    assert items["multiple_choice/2"].options == [] and items["multiple_choice/2"].correct is None
    assert sorted(items["multiple_choice/3"].options) == ["a", "b"] and items["multiple_choice/3"].correct is None


def test_a_table_whose_facts_do_not_match_its_rows_prints_without_row_facts():
    odd = table(1)
    odd.facts = odd.facts[:1]
    [item] = version([Section("t", "T", [Group("table", [Item("table", 1, odd)])])], "deck", 1, "A")[0].items
    assert sorted(map(tuple, item.rows)) == sorted(map(tuple, odd.rows)) and item.row_facts == []
    assert quick_answer(item, LABELS) == "; ".join(f"{row[0]}: {row[1]}" for row in item.rows)


def test_quick_answers_say_what_a_marker_needs_at_a_glance():
    long_answer = "The harbour master wrote that " + "the new pier opened in spring and " * 4 + "then closed."
    fill = question("fill_blank", 1, cloze=[("The pier opened in ", 0), ("May", 1), (" of ", 0), ("1863", 2)])
    figure = question("short_answer", 2, answer="75,000", facts=[fact(2, "figure", value=75000)])
    # the source gives a unit ("31 ended in death"): a bare answer is the teacher's, not the source's
    with_unit_in_data = question("short_answer", 10, answer="31", facts=[fact(10, "figure", value=31, unit="deaths")])
    # the request has no unit in the source, the promise has one
    coal = fact(11, "figure", unit="tons", requested_unit=None, requested=400000, promised=200000)
    with_unit = question("short_answer", 3, answer="75,000 tons", kind="figure")
    event = question("short_answer", 4, answer="1863", kind="event")
    essay = question("essay", 5, marking_points=["names the pier", "says when"])
    chart = Item("chart", 3)
    cases = [
        (Item("fill_blank", 2, fill), "May / 1863"),
        (Item("short_answer", 1, figure), "75,000 (no unit in the source)"),
        (Item("short_answer", 1, with_unit_in_data), "31"),
        (Item("short_answer", 1, question("short_answer", 11, answer="400,000", facts=[coal])),
         "400,000 (no unit in the source)"),
        (Item("short_answer", 1, question("short_answer", 12, answer="200,000", facts=[coal])), "200,000"),
        (Item("short_answer", 1, with_unit), "75,000 tons"),
        (Item("short_answer", 1, event), "1863"),
        # a question about two figures does not say which has no unit
        (Item("short_answer", 1, question("short_answer", 9, answer="75,000",
                                          facts=[fact(1, "figure"), fact(2, "figure")])), "75,000"),
        (Item("essay", 4, essay), "names the pier · says when"),
        (Item("essay", 4, question("essay", 6, answer="A model answer.")), "A model answer."),
        (chart, "see the chart"),
    ]
    for item, expected in cases:
        assert quick_answer(item, LABELS) == expected
    cut = quick_answer(Item("short_answer", 1, question("short_answer", 7, answer=long_answer)), LABELS)
    assert len(cut) <= 90 and cut.endswith(" …") and long_answer.startswith(cut[:-2])
    assert long_answer[len(cut) - 2] == " "  # cut between words
    short_choice = question("multiple_choice", 8, options=["x", long_answer], correct=1, answer=long_answer)
    [item] = version([Section("t", "T", [Group("m", [Item("multiple_choice", 1, short_choice)])])],
                     "deck", 1, "A")[0].items
    key = quick_answer(item, LABELS)
    letter, rest = key.split(" ", 1)
    assert item.options[string.ascii_uppercase.index(letter)] == long_answer
    assert rest.startswith("(") and rest.endswith(" …)") and len(rest) - 2 <= 40


def test_a_long_quick_answer_keeps_as_many_whole_words_as_fit_in_90_characters():
    exactly = "x" * 86 + " end"  # 90 characters: fits, printed whole
    assert quick_answer(Item("short_answer", 1, question("short_answer", 1, answer=exactly)), LABELS) == exactly
    for first in range(1, 12):  # move the word boundaries across the limit
        answer = " ".join(["w" * first] + ["abcdefg"] * 15)
        key = quick_answer(Item("short_answer", 1, question("short_answer", 1, answer=answer)), LABELS)
        kept = key.removesuffix(" …")
        assert key.endswith(" …") and len(key) <= 90
        words = answer.split(" ")
        n = len(kept.split(" "))
        assert kept == " ".join(words[:n])  # whole words from the start
        assert len(" ".join(words[:n + 1])) + 2 > 90  # the next word would not have fitted


def test_a_tables_quick_answer_names_each_row_and_marks_bare_figures():
    rows = [["1966", "grain", "75,000", "tons"], ["1967", "coal", "about 400", "cars"]]
    facts = [fact(1, "figure", item="grain", requested=75000), fact(2, "event")]
    q = question("table", 1, rows=rows, facts=facts,
                 columns=[{"header": "Year"}, {"header": "Goods"}, {"header": "Amount", "blank": True},
                          {"header": "Unit", "blank": True}])
    [item] = version([Section("t", "T", [Group("table", [Item("table", 2, q)])])], "deck", 1, "A")[0].items
    expected = {"1966": "1966 grain: 75,000 (no unit in the source) / tons", "1967": "1967 coal: about 400 / cars"}
    assert quick_answer(item, LABELS) == "; ".join(expected[row[0]] for row in item.rows)
