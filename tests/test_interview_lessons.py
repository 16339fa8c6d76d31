"""What an (invented) oral-history interview of 1978 taught the checks: a quote list cut by a comma
says so, a bound the quote writes before a number in words ('nearly seven hours') is found, an
analysis's points written as a list are told where they go, and "Alfie and me were" is the
speaker's own voice."""

from __future__ import annotations

import pytest

from studykit.load import load_project
from studykit.questions.writer_voice import in_first_person

from small_project import make_project

TEXT = ("It was the first of September, 1939, a Friday. We went by train from King's Cross; it took "
        "nearly seven hours because the train kept stopping. Alfie and me were nearly the last, "
        "because nobody wanted two.")

JOURNEY = """
  - id: journey
    kind: figure
    statement: The train journey took nearly seven hours.
    question: How long did the train journey take?
    answer: Nearly seven hours
    quote: it took nearly seven hours because the train kept stopping
    data: {item: the train journey, unit: hours, value: VALUE, approximate: WORDS}
"""

DAY = """
  - id: day
    kind: event
    statement: Edith was evacuated on 1 September 1939 and went by train from King's Cross.
    question: When was Edith evacuated?
    answer: On 1 September 1939
    quote: QUOTE
    data: {when: 1 September 1939}
"""

ESSAY = """
  - id: last-chosen
    kind: claim
    statement: Edith and Alfie were nearly the last to be chosen, because nobody wanted two.
    question: Why were Edith and Alfie nearly the last to be chosen?
    answer: Nobody wanted two children
    quote: Alfie and me were nearly the last, because nobody wanted two.
    data: {holder: Edith Marsh}
    analysis:
      question: What does Edith's memory of being chosen tell us about billeting?
      points: [families chose the children they wanted, brothers and sisters were hard to place]
"""


def problems(tmp_path, facts: str) -> list[str]:
    make_project(tmp_path, TEXT, "topic: main\nfacts:" + facts)
    _, found = load_project(tmp_path)
    return [str(p) for p in found if not p.is_warning]


def test_a_bound_the_quote_writes_before_a_number_in_words_is_found(tmp_path):
    assert problems(tmp_path, JOURNEY.replace("VALUE", "7").replace("WORDS", "nearly")) == []


@pytest.mark.parametrize("value, words", [("7", "about"), ("6", "nearly")])
def test_a_bound_or_number_the_quote_does_not_write_is_still_refused(tmp_path, value, words):
    found = problems(tmp_path, JOURNEY.replace("VALUE", value).replace("WORDS", words))
    assert any(f"'approximate: {words}' must be the words the quote puts right before" in p for p in found), found


def test_a_quote_list_cut_by_a_comma_says_which_item_to_quote(tmp_path):
    facts = DAY.replace("QUOTE", "[It was the first of September, 1939, We went by train from King's Cross]")
    (found,) = problems(tmp_path, facts)
    assert "'quote' item #2 must be text, not the number 1939; if it ends item #1 (inside [ ] a comma ends " \
           "an item), put that item in quotes: \"It was the first of September, 1939\"" in found
    quoted = DAY.replace("QUOTE", "[\"It was the first of September, 1939\", We went by train from King's Cross]")
    assert problems(tmp_path / "fixed", quoted) == []


def test_an_analysis_with_its_points_as_a_list_is_told_where_they_go(tmp_path):
    found = problems(tmp_path, ESSAY)
    assert any("analysis: 'points' must be a whole number, not a list; the marks it is worth; what a full "
               "answer mentions goes under 'marking_points'" in p for p in found), found


@pytest.mark.parametrize("passage, speaks", [
    ("Alfie and me were nearly the last, because nobody wanted two.", True),
    ("Me and Alfie went to chapel on Sundays.", True),
    ("Mum had told me to keep hold of Alfie.", False),
])
def test_a_speaker_saying_alfie_and_me_speaks_in_the_first_person(passage, speaks):
    assert in_first_person(passage) is speaks
