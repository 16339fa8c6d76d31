"""What (invented) minutes of evidence before a select committee of 1866 taught the whose-view
question: a mother's answer "The doctor said it was the wet clay and the cold" offered the
committee's medical witness, Dr. Ellis Pryce, as a wrong answer, though the view reported is a
doctor's; a holder the passage reports as speaking or thinking is no wrong option."""

from __future__ import annotations

import pytest

from studykit.questions.writer_voice import reported_in

from small_project import by_template, make_project, render

TEXT = ("You are the wife of a moulder? -- Yes, sir. Why do you send so young a child? -- The child's shillings "
        "pay the rent. The doctor said it was the wet clay and the cold. "
        "You are a brickmaster? -- I am. There is a night school at the chapel, but few of them go. "
        "You are the medical officer of the union? -- I am. They are stunted in growth. "
        "The Factory Acts do not reach them. Girls should not be employed in the yards at all.")


def claim(fid: str, quote: str, holder: str) -> str:
    return f"""
  - id: {fid}
    kind: claim
    statement: {quote}
    question: What did the witness say?
    answer: {quote}
    quote: {quote}
    data: {{holder: {holder}}}
"""


FACTS = "topic: main\nfacts:" + "".join([
    claim("doctor-said", "The doctor said it was the wet clay and the cold.", "Mrs. Hannah Doyle"),
    claim("rent", "The child's shillings pay the rent.", "Mrs. Hannah Doyle"),
    claim("school", "There is a night school at the chapel, but few of them go.", "Mr. Samuel Crane"),
    claim("stunted", "They are stunted in growth.", "Dr. Ellis Pryce"),
    claim("acts", "The Factory Acts do not reach them.", "Dr. Ellis Pryce"),
    claim("girls", "Girls should not be employed in the yards at all.", "the Reverend Mr. Hale"),
])


@pytest.fixture(scope="module")
def views(tmp_path_factory):
    _, result = render(make_project(tmp_path_factory.mktemp("committee"), TEXT, FACTS, called="the minutes"))
    return by_template(result, "whose-view")


def test_a_holder_the_passage_reports_as_speaking_is_no_wrong_option(views):
    assert "Dr. Ellis Pryce" not in views["doctor-said"].options
    assert views["doctor-said"].answer == "Mrs. Hannah Doyle"


def test_the_holder_stays_an_option_where_the_passage_does_not_report_them(views):
    assert "Dr. Ellis Pryce" in views["rent"].options
    assert "Dr. Ellis Pryce" in views["school"].options


@pytest.mark.parametrize("holder, passage, reported", [
    ("Dr. Ellis Pryce", "The doctor said it was the wet clay and the cold.", True),  # by the title's office
    ("Mr. Samuel Crane", "Crane told me the yard would close.", True),  # by the last word
    ("the Korean delegation", "The delegation also declared its support.", True),
    ("the god at Delphi", "the god's answer was", False),  # named, but reports nothing
    ("Mr. Samuel Crane", "You are the wife of a moulder in Mr. Crane's yard?", False),
    ("Mrs. Hannah Doyle", "The doctor said it was the wet clay.", False),
])
def test_a_passage_reports_a_holder_it_names_before_a_verb_of_saying(holder, passage, reported):
    assert reported_in(holder, passage) is reported
