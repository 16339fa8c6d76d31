"""Units written as signs print as documents print them: '£450,000', '60%', never '450,000 £'
or 'Type it in %'; word units keep their space ('450,000 pounds')."""

from __future__ import annotations

import pytest

from studykit.questions.figure_text import qty, with_unit

from small_project import by_template, make_project, render

TEXT = ("The delegation asked for a loan of £700,000; the bank agreed to £450,000 only. "
        "Goods were carried at 60% of the ordinary rate. The stores held 900 tons of coal. "
        "The line employed 3,000 workers.")

FACTS = """\
topic: main
facts:
  - id: loan
    kind: figure
    statement: The delegation asked for a loan of £700,000, and the bank agreed to lend £450,000.
    question: How large a loan did the delegation ask for?
    answer: £700,000
    quote: The delegation asked for a loan of £700,000; the bank agreed to £450,000 only.
    data: {item: the loan, unit: "£", requested: 700000, promised: 450000}
  - id: rate
    kind: figure
    statement: Goods were carried at 60% of the ordinary rate.
    question: At what share of the ordinary rate were goods carried?
    answer: At a reduced rate
    quote: Goods were carried at 60% of the ordinary rate.
    data: {item: the freight rate, unit: "%", value: 60}
  - id: coal
    kind: figure
    statement: The stores held 900 tons of coal.
    question: What did the stores hold?
    answer: Coal
    quote: The stores held 900 tons of coal.
    data: {item: coal in the stores, unit: tons, value: 900}
  - id: workers
    kind: figure
    statement: The line employed 3,000 workers.
    question: Whom did the line employ?
    answer: Workers
    quote: The line employed 3,000 workers.
    data: {item: workers on the line, unit: workers, value: 3000}
"""


@pytest.mark.parametrize("value, unit, approximate, printed", [
    (450000, "£", False, "£450,000"),
    (2, "US$", True, "about US$2"),
    (60, "%", False, "60%"),
    (450000, "pounds", False, "450,000 pounds"),
    (100, None, False, "100"),
])
def test_qty_puts_a_sign_where_documents_print_it(value, unit, approximate, printed):
    assert qty(value, unit, approximate) == printed


def test_with_unit_leaves_a_word_unit_after_a_space():
    assert with_unit("12", "men") == "12 men"


def test_questions_on_sign_units_print_the_sign_and_ask_no_typing_in_a_sign(tmp_path):
    make_project(tmp_path, TEXT, FACTS, deck_templates=[
        "recall", "figure-typed", "figure-reverse", "requested-vs-promised", "true-false-figure"])
    _, result = render(tmp_path)
    typed = by_template(result, "figure-typed")
    assert typed["loan"].prompt == "What figure does the letter give as promised for the loan?"
    assert typed["loan"].answer == "£450,000"
    assert typed["rate"].prompt == "What figure does the letter give for the freight rate?"
    assert typed["rate"].answer == "60%"
    assert typed["coal"].prompt.endswith("Type it in tons.")  # a word unit is still named
    # ... but not a unit the item names: what is counted ('Type it in workers' is no English)
    assert typed["workers"].prompt == "What figure does the letter give for workers on the line?"
    assert by_template(result, "figure-reverse")["loan"].prompt == (
        "In the letter, what does the promised figure of £450,000 refer to?")
    assert "£700,000" in by_template(result, "requested-vs-promised")["loan"].prompt
