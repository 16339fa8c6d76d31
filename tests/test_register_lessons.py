"""What an (invented) parish burial register of 1832 taught the trade rule: "Which surgeon attended
the sick of the cholera ...?" offered Ann Pigg, "a child of the Staithe", Elizabeth Lound, "an
inmate of the Workhouse", and John Pigg, "a wherryman of the Staithe": a child or an inmate holds
no trade, and a word in -man ("wherryman", "lighterman") names one the word list lacked."""

from __future__ import annotations

import pytest

from studykit.questions.titles import of_other_trade

from small_project import by_template, make_project, render

TEXT = ("Ann Pigg, of the Staithe, aged 4 years. John Pigg, of the Staithe, wherryman. Elizabeth Lound, of the "
        "Workhouse. Robert Cubitt, of Church Street, surgeon. Henry Dade, of Church Street, surgeon. Richard "
        "Moy, of the Quay, surgeon. William Gedge, husband of the above. Mary Ling, of the Quay, washerwoman.")


def person(fid: str, name: str, role: str, question: str, quote: str) -> str:
    return f"""
  - id: {fid}
    kind: person
    category: the-dead
    statement: {quote}.
    question: {question}
    answer: {name}
    quote: {quote}
    data: {{name: {name}, role: {role}}}
"""


FACTS = "topic: main\nfacts:" + "".join([
    person("ann", "Ann Pigg", "a child of the Staithe", "Which child of the Staithe was buried aged 4?",
           "Ann Pigg, of the Staithe, aged 4 years"),
    person("john", "John Pigg", "a wherryman of the Staithe", "Which wherryman of the Staithe was buried?",
           "John Pigg, of the Staithe, wherryman"),
    person("lound", "Elizabeth Lound", "an inmate of the Workhouse", "Who of the Workhouse was buried?",
           "Elizabeth Lound, of the Workhouse"),
    person("cubitt", "Robert Cubitt", "a surgeon of Church Street", "Which surgeon attended the sick day and night?",
           "Robert Cubitt, of Church Street, surgeon"),
    person("dade", "Henry Dade", "a surgeon of Church Street", "Who was Henry Dade?",
           "Henry Dade, of Church Street, surgeon"),
    person("moy", "Richard Moy", "a surgeon of the Quay", "Who was Richard Moy?", "Richard Moy, of the Quay, surgeon"),
    person("gedge", "William Gedge", "the husband of Sarah Gedge", "Who was the husband of Sarah Gedge?",
           "William Gedge, husband of the above"),
])


@pytest.fixture(scope="module")
def choices(tmp_path_factory):
    _, result = render(make_project(tmp_path_factory.mktemp("register"), TEXT, FACTS, called="the register"))
    return by_template(result, "choice-answer")


def test_which_surgeon_offers_no_child_inmate_or_wherryman(choices):
    options = set(choices["cubitt"].options)
    assert not options & {"Ann Pigg", "Elizabeth Lound", "John Pigg"}, options
    assert {"Henry Dade", "Richard Moy"} <= options  # the other surgeons are the fair options


@pytest.mark.parametrize("role, other", [
    ("a child of the Staithe", True), ("an inmate of the Workhouse", True), ("a wherryman of the Staithe", True),
    ("a washerwoman of the Quay", True), ("the wherrymen of the Staithe", True),
    ("the husband of Sarah Gedge", False),  # a husband may be a surgeon
    ("a gentleman of the town", False), ("an Englishman", False), ("a surgeon of the Quay", False),
])
def test_a_role_in_man_or_a_station_without_a_trade_is_another_trade(role, other):
    assert of_other_trade({"data": {"role": role}}, "Which surgeon attended the sick?",
                          "a surgeon of Church Street") is other


def test_which_wherryman_asks_by_a_trade_in_man():
    assert of_other_trade({"data": {"role": "a surgeon of Church Street"}}, "Which wherryman was buried?",
                          "a wherryman of the Staithe")


OUTBREAK = """
topic: main
facts:
  - id: outbreak
    kind: event
    statement: The cholera broke out in Mill Lane on 6 July 1832.
    question: Where in the parish did the cholera break out?
    answer: In Mill Lane
    quote: Both of the cholera, which broke out in Mill Lane on the 6th of July, 1832.
    key_terms: [KEY]
    data: {where: Mill Lane, when: 6 July 1832}
"""


@pytest.mark.parametrize("key, asked", [("6 July 1832", False), ("cholera", True)])
def test_no_when_card_on_a_date_the_cloze_blanks(tmp_path, key, asked):
    """'When? The cholera broke out in Mill Lane on _____.' is the cloze card 'The cholera broke
    out in Mill Lane on [6 July 1832]' again."""
    _, result = render(make_project(tmp_path, "Both of the cholera, which broke out in Mill Lane on the 6th of "
                                    "July, 1832.", OUTBREAK.replace("KEY", key), called="the register"))
    assert ("outbreak" in by_template(result, "when")) is asked
    assert "outbreak" in by_template(result, "cloze")
