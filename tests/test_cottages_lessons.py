"""What an (invented) report of a Commons debate of 1876 taught check: the division "Ayes 187;
Noes 163: Majority 24", written as "187 Ayes to 163 Noes, [a majority of 24]", blanks what any
student works out by subtracting; check warns at a blank the statement's other numbers give."""

from __future__ import annotations

import pytest

from studykit.check import check_project
from studykit.questions.blank_sums import _worked_out

from small_project import make_project

TEXT = ("The House divided:--Ayes 187; Noes 163: Majority 24. In one cottage he had found nine persons "
        "sleeping in a single room, ten feet by twelve. He had visited 63 parishes, and in 41 of them he "
        "found one bedroom.")

FACT = """
topic: main
facts:
  - id: division
    kind: event
    statement: STATEMENT
    question: What was the result of the division?
    answer: Ayes 187, Noes 163, a majority of 24
    quote: "The House divided:--Ayes 187; Noes 163: Majority 24."
    key_terms: [TERM]
"""


def warnings(tmp_path, statement: str, term: str) -> list[str]:
    facts = FACT.replace("STATEMENT", statement).replace("TERM", term)
    result = check_project(make_project(tmp_path, TEXT, facts, called="the report"))
    return [str(w) for w in result.warnings if "worked out" in str(w)]


def test_a_majority_blanked_beside_its_ayes_and_noes_is_warned(tmp_path):
    found = warnings(tmp_path, "The House divided, 187 Ayes to 163 Noes, a majority of 24.", "a majority of 24")
    assert len(found) == 1 and "(187 - 163 = 24)" in found[0] and "key_terms" not in found[0], found
    assert "facts.yaml:10:17:" in found[0]  # at the key term


def test_a_blank_the_other_numbers_do_not_give_is_not_warned(tmp_path):
    assert warnings(tmp_path, "The House divided, 187 Ayes to 163 Noes, a majority of 24.", "Ayes") == []
    assert warnings(tmp_path / "b", "The second reading was carried by a majority of 24.", "a majority of 24") == []


@pytest.mark.parametrize("blank, shown, how", [
    (24, [187, 163], "187 - 163 = 24"),
    (214360, [131205, 83155], "131,205 + 83,155 = 214,360"),
    (63, [41, 12, 10], "41 + 12 + 10 = 63"),
    (9, [10, 12], ""),  # ten feet by twelve gives no nine persons
    (24, [24, 48], "48 - 24 = 24"),
    (7, [7, 7], ""),  # a number equal to the blank is another thing, not a sum
])
def test_a_blank_is_worked_out_by_a_sum_or_a_difference(blank, shown, how):
    assert _worked_out(blank, shown) == how


RENT = """
topic: main
facts:
  - id: rent
    kind: figure
    statement: The cottages were to be let at rents BOUND 2 shillings a week.
    question: At what rent were the cottages to be let?
    answer: BOUND 2 shillings a week
    quote: to be let at rents BOUND 2s. a week
    data: {item: the weekly rent of the new cottages, unit: shillings, value: 2, approximate: BOUND}
"""


@pytest.mark.parametrize("bound, prompt", [
    ("not exceeding", "In the report, what does the figure “not exceeding 2 shillings” refer to?"),
    ("not more than", "In the report, what does the figure of not more than 2 shillings refer to?"),
])
def test_a_bound_in_a_participle_is_quoted_on_the_reverse_card(tmp_path, bound, prompt):
    """'the figure of not exceeding 2 shillings' is no sentence; 'the figure of not more than' is."""
    from small_project import by_template, render

    text = f"The Bill would enable the guardians to build cottages, to be let at rents {bound} 2s. a week."
    _, result = render(make_project(tmp_path, text, RENT.replace("BOUND", bound), called="the report"))
    assert by_template(result, "figure-reverse")["rent"].prompt == prompt
