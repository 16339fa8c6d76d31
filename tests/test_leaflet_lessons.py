"""What an (invented) wartime leaflet of 1942 taught the quote check: a share written in words
("one in four", "9 out of 10", "two-thirds") is the figure in per cent it exactly is."""

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
    ("only one-third of our food", [("one-third", 33.3)]),
    ("nearly Two-Thirds", [("Two-Thirds", 66.7)]),
    ("a quarter of them", [("a quarter", 25.0)]),
    ("the man in the moon", []), ("one in a million", []), ("ten in five", []), ("half the children", []),
])
def test_a_share_written_in_words_is_read_as_per_cent(text, read):
    assert shares_in(text) == read


def test_a_figure_in_per_cent_may_quote_one_in_four(tmp_path):
    assert problems(tmp_path, "One in four of the ships that bring our food has been sunk", "25") == []


def test_a_share_rounded_otherwise_than_to_one_decimal_is_refused_with_what_was_read(tmp_path):
    found = problems(tmp_path, "Before the war we grew only one-third of our food.", "33")
    assert len(found) == 2 and all("'one-third' as 33.3" in p for p in found), found
    assert problems(tmp_path / "exact", "Before the war we grew only one-third of our food.", "33.3") == []
