"""What an (invented) wartime leaflet of 1942 taught the quote check: a share written in words
("one in four", "9 out of 10") is the figure in per cent it exactly is; "one-third" is no exact
per cent and stays refused."""

from __future__ import annotations

import pytest

from studykit.load import load_project
from studykit.quotes import shares_in

from small_project import make_project

TEXT = ("One in four of the ships that bring our food has been sunk or damaged since 1939. "
        "Before the war we grew only one-third of our food.")

SHARE = """
  - id: share
    kind: figure
    statement: STATEMENT
    question: What share does the leaflet give?
    answer: ANSWER
    quote: QUOTE
    data: {item: the share, unit: "%", value: VALUE}
"""


def problems(tmp_path, quote: str, value: str) -> list[str]:
    facts = SHARE.replace("STATEMENT", quote).replace("QUOTE", quote).replace("VALUE", value).replace(
        "ANSWER", f"{value}%")
    make_project(tmp_path, TEXT, "topic: main\nfacts:" + facts)
    _, found = load_project(tmp_path)
    return [str(p) for p in found if not p.is_warning]


@pytest.mark.parametrize("text, read", [
    ("One in four of the ships", [("One in four", 25.0)]),
    ("9 out of 10 people", [("9 out of 10", 90.0)]),
    ("(one in four)", [("one in four", 25.0)]),
    ("a quarter of them", [("a quarter", 25.0)]),
    ("Three-Quarters", [("Three-Quarters", 75.0)]),
    ("one in eight", [("one in eight", 12.5)]),
    ("only one-third of our food", []),  # 33.3% would be a number the source never gave
    ("one in three", []), ("nearly two-thirds", []),
    ("the man in the moon", []), ("one in a million", []), ("ten in five", []), ("half the children", []),
])
def test_a_share_written_in_words_is_read_as_per_cent(text, read):
    assert shares_in(text) == read


def test_a_figure_in_per_cent_may_quote_one_in_four(tmp_path):
    assert problems(tmp_path, "One in four of the ships that bring our food has been sunk", "25") == []


def test_a_share_that_is_no_exact_per_cent_stays_refused(tmp_path):
    """'one-third' as 33.3%: every figure question would print a number the leaflet never gives."""
    for value in ("33", "33.3"):
        found = problems(tmp_path / value, "Before the war we grew only one-third of our food.", value)
        assert found and all(f"the number {value} in its" in p for p in found), found
