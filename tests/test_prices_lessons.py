"""What an (invented) merchant's price list of 1846 taught the figure cards: a second side called
by a phrase ("asked in November") read "what does the asked in November figure of 84
shillings refer to?"; a phrase now follows the number, and one word still goes before "figure"."""

from __future__ import annotations

import pytest

from small_project import by_template, make_project, render

TEXT = "White wheat, 84s. per quarter. A month ago the best white was to be had at 64s."

WHEAT = """
topic: main
facts:
  - id: wheat
    kind: figure
    statement: White wheat sold at 84 shillings a quarter, against 64 shillings a month before.
    question: What was the price of white wheat, and a month before?
    answer: 84 shillings; 64 shillings a month before
    quote: [White wheat, 84s. per quarter., A month ago the best white was to be had at 64s.]
    data: {item: white wheat a quarter, unit: shillings, requested: 64, promised: 84WORDS}
"""


@pytest.mark.parametrize("words, prompt", [
    (", requested_as: asked a month before, promised_as: asked in November",
     "In the price list, what does the figure of 84 shillings asked in November refer to?"),
    (", promised_as: asked", "In the price list, what does the asked figure of 84 shillings refer to?"),
    ("", "In the price list, what does the promised figure of 84 shillings refer to?"),
])
def test_a_side_called_by_a_phrase_follows_the_number(tmp_path, words, prompt):
    make_project(tmp_path, TEXT, WHEAT.replace("WORDS", words), called="the price list")
    _, result = render(tmp_path)
    assert by_template(result, "figure-reverse")["wheat"].prompt == prompt
