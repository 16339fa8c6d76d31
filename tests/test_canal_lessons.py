"""What an (invented) canal company's half-yearly report of 1848 taught: its toll was cut "by one
eighth", which check refused as 12.5% (it read an ordinal 8), though "one in eight" was read."""

from __future__ import annotations

import pytest

from studykit.load import load_project
from studykit.quotes import shares_in

from small_project import make_project

TOLL = ("The Directors have reduced the toll upon coal carried the whole length of the Canal by one eighth, "
        "from the 1st of November.")

TOLL_FACT = """
topic: main
facts:
  - id: toll-cut
    kind: figure
    statement: The Directors reduced the toll on coal by one eighth.
    question: By how much was the toll on coal reduced?
    answer: By one eighth
    quote: The Directors have reduced the toll upon coal carried the whole length of the Canal by one eighth
    data: {item: the cut in the toll on coal, unit: "%", value: 12.5}
"""


@pytest.mark.parametrize("text, read", [
    ("reduced by one eighth, from", [("one eighth", 12.5)]),
    ("three-eighths of the men", [("three-eighths", 37.5)]),
    ("an eighth of the water", [("an eighth", 12.5)]),
    ("one twentieth of the tolls", [("one twentieth", 5.0)]),
    ("on the eighth day", []), ("the twentieth of May", []),
])
def test_an_eighth_and_a_twentieth_are_shares_in_per_cent(text, read):
    assert shares_in(text) == read


def test_a_toll_cut_by_one_eighth_may_be_a_figure_of_12_5_per_cent(tmp_path):
    make_project(tmp_path, TOLL, TOLL_FACT, called="the report")
    _, found = load_project(tmp_path)
    assert [str(p) for p in found if not p.is_warning] == []
