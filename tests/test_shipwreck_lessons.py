"""What an (invented) newspaper report of a shipwreck in 1912 taught the true/false questions on
people: a false version that borrows a name written with an office ("Captain E. J. Morrow is a
steerage passenger from Cork") is false by its title alone, so a false version borrows only a
name with the same office, or none; styles and ranks of nobility ('Mr.', 'Lord', 'Count')
are no office and borrow freely, as before."""

from __future__ import annotations

import pytest

from studykit.check import check_project
from studykit.questions.titles import office

from small_project import add_worksheet_section, make_project

TEXT = ("Captain E. J. Morrow was the last to leave the bridge. Mr. Patrick Dunne, a steerage "
        "passenger from Cork, said the gates were shut. Mr. John Walsh, a saloon passenger from "
        "Dublin, saw the boats lowered. Mr. Henry Price, the ship's purser, kept the list.")

PEOPLE = """
topic: main
facts:
  - id: morrow
    kind: person
    statement: Captain E. J. Morrow was the last to leave the bridge.
    question: Who was the last to leave the bridge?
    answer: Captain E. J. Morrow
    quote: Captain E. J. Morrow was the last to leave the bridge.
    data: {name: Captain E. J. Morrow, role: the last man to leave the bridge}
    category: people
  - id: dunne
    kind: person
    statement: Mr. Patrick Dunne was a steerage passenger from Cork.
    question: Who was the steerage passenger from Cork?
    answer: Mr. Patrick Dunne
    quote: Mr. Patrick Dunne, a steerage passenger from Cork, said the gates were shut.
    data: {name: Mr. Patrick Dunne, role: a steerage passenger from Cork}
    category: people
  - id: walsh
    kind: person
    statement: Mr. John Walsh was a saloon passenger from Dublin.
    question: Who was the saloon passenger from Dublin?
    answer: Mr. John Walsh
    quote: Mr. John Walsh, a saloon passenger from Dublin, saw the boats lowered.
    data: {name: Mr. John Walsh, role: a saloon passenger from Dublin}
    category: people
  - id: price
    kind: person
    statement: Mr. Henry Price was the ship's purser.
    question: Who was the ship's purser?
    answer: Mr. Henry Price
    quote: Mr. Henry Price, the ship's purser, kept the list.
    data: {name: Mr. Henry Price, role: the ship's purser}
    category: people
"""


@pytest.mark.parametrize("name, found", [
    ("Captain E. J. Morrow", "captain"), ("Capt. Haines", "captain"), ("Gen. Grant", "general"),
    ("Dr. Snow", "doctor"), ("Bishop Hooper", "bishop"), ("the Mayor of Dover", "mayor"),
    ("Councillor Ada Price", "councillor"), ("the Rev. Thomas Hale", "reverend"),
    ("Mr. Patrick Dunne", ""), ("Lord Halsey", ""), ("the Count of Rethel", ""),
    ("His Excellency Prince Leopold", ""), ("Sir Edward Ashby", ""), ("Sudarikov", ""),
    ("Major", ""),  # one word: a name, not a title
    ("Messrs. Smith and Jones", ""),
])
def test_the_office_a_title_gives(name, found):
    assert office(name) == found


def test_a_false_version_never_borrows_a_name_with_another_office(tmp_path):
    make_project(tmp_path, TEXT, PEOPLE, called="the report")
    report = check_project(tmp_path)
    assert report.problems == [], report.problems
    made = [q for r in report.decks.values() for q in r.questions if q.template_id == "true-false-person"]
    false = [q for q in made if q.truth is False]
    assert false, [q.prompt for q in made]  # the passengers and the purser lend to each other
    for q in false:  # the captain's name is lent to no passenger, and no passenger's to him
        assert "morrow" not in {q.facts[0].id, q.false_from}, q.prompt


# --- a table whose columns cross ------------------------------------------------------------

SAVED_TEXT = ("312 were picked up; 187 are missing and must be presumed drowned. Of the 120 passengers "
              "in the cabins, 96 were saved; of the 268 passengers in the steerage, only 131.")


def saved(fid: str, quote: str, first: tuple[str, int], second: tuple[str, int], item: str) -> str:
    return f"""
  - id: {fid}
    kind: figure
    statement: "{quote}"
    question: How many?
    answer: "{first[1]} {first[0]}; {second[1]} {second[0]}"
    quote: "{quote}"
    data: {{item: {item}, unit: people, requested: {first[1]}, promised: {second[1]}, requested_as: {first[0]}, promised_as: {second[0]}}}
"""


def table_warnings(tmp_path, facts: str) -> list[str]:
    make_project(tmp_path, SAVED_TEXT, "topic: main\nfacts:" + facts, called="the report")
    add_worksheet_section(tmp_path, "{table: 1}")
    report = check_project(tmp_path)
    assert report.problems == [], report.problems
    return [w.message for w in report.warnings if "two columns" in w.message]


def test_a_table_whose_columns_share_a_name_is_warned(tmp_path):
    facts = (saved("all", "312 were picked up; 187 are missing", ("saved", 312), ("missing", 187), "all aboard")
             + saved("cabin", "Of the 120 passengers in the cabins, 96 were saved", ("carried", 120), ("saved", 96),
                     "cabin passengers"))
    [message] = table_warnings(tmp_path, facts)
    assert "'Saved or carried' and 'Missing or saved'" in message and "'saved' names the first figure" in message
    assert "'all', 'cabin'" in message and "skip: [figures-table]" in message


def test_a_table_whose_columns_keep_their_names_is_not(tmp_path):
    facts = (saved("cabin", "Of the 120 passengers in the cabins, 96 were saved", ("carried", 120), ("saved", 96),
                   "cabin passengers")
             + saved("steerage", "of the 268 passengers in the steerage, only 131", ("carried", 268), ("saved", 131),
                     "steerage passengers"))
    assert table_warnings(tmp_path, facts) == []
