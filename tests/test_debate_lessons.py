"""What an (invented) House of Commons debate of 1909 taught the checks: "last year" in a
document of 1909 is 1908, so a fact may say "in 1908" as the warning about 'last year' advises."""

from __future__ import annotations

import pytest

from studykit.load import load_project
from studykit.quotes import years_from_now

from small_project import make_project

TEXT = ("The country is already paying £8,750,000 a year for pensions, far beyond the estimate of "
        "£6,500,000 given to this House last year. The Bill will come into force next year.")

ESTIMATE = """
  - id: estimate
    kind: figure
    statement: STATEMENT
    question: What estimate of the yearly cost of pensions had been given to the House?
    answer: £6,500,000
    quote: QUOTE
    data: {item: the estimate of the yearly cost of pensions, unit: £, value: 6500000}
"""


def found(tmp_path, statement: str, quote: str) -> list[str]:
    make_project(tmp_path, TEXT, "topic: main\nfacts:" + ESTIMATE.replace("STATEMENT", statement)
                 .replace("QUOTE", quote))  # the small project's document is dated 1863-11-19
    _, problems = load_project(tmp_path)
    return [str(p) for p in problems]


@pytest.mark.parametrize("text, steps", [
    ("given to this House last year", {-1}), ("It will come into force Next Year.", {1}),
    ("LAST YEAR and next year", {-1, 1}), ("a year for pensions", set()), ("the yearly cost", set()),
])
def test_last_and_next_year_count_from_the_documents_year(text, steps):
    assert years_from_now(text) == steps


def test_a_fact_may_name_the_year_a_quote_calls_last_year(tmp_path):
    quote = "far beyond the estimate of £6,500,000 given to this House last year."
    assert found(tmp_path, "The estimate given to the House in 1862 had been £6,500,000.", quote) == []


def test_a_year_the_quote_does_not_name_is_still_refused(tmp_path):
    quote = "far beyond the estimate of £6,500,000 given to this House last year."
    problems = found(tmp_path, "The estimate given to the House in 1861 had been £6,500,000.", quote)
    assert len(problems) == 1 and "the number 1861 in its statement does not appear in its quote" in problems[0]


def test_the_warning_about_last_year_names_the_year_it_means(tmp_path):
    quote = "far beyond the estimate of £6,500,000 given to this House last year."
    from studykit.check import check_project

    found(tmp_path, "The estimate given to the House last year had been £6,500,000.", quote)
    problems = [str(w) for w in check_project(tmp_path).warnings]
    assert any("its statement says 'last year'" in p and "'in 1863' for 'this year', 'in 1862' for 'last year'"
               in p for p in problems), problems
