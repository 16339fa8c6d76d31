"""What an (invented) newspaper report of a railway inquest of 1871 taught the reverse cards:
"In the report, what does the figure of 23 injured refer to? -> the injured besides the killed"
and "... 14 jurors? -> the members of the jury" are answered by their own stems, as the invented
ship's return's "6 deaths -> deaths on the voyage" was.  Where the item only repeats what the
unit counts, adds no name, place, date or count, and the document gives no other number in that
unit, no reverse card is made; "300 archers -> the archers from Crete" and "5 persons -> persons
killed in the collision" stay."""

from __future__ import annotations

import pytest

from studykit.questions.figure_compare import told_by_unit

from small_project import by_template, make_project, render


@pytest.mark.parametrize("item, unit, told", [
    ("the injured besides the killed", "injured", True),
    ("the members of the jury", "jurors", True),
    ("deaths on the voyage", "deaths", True),
    ("shepherds among the steerage passengers", "shepherds", True),
    ("the archers from Crete", "archers", False),  # a place to recall
    ("the rowers of one ship", "rowers", False),  # a count
    ("deaths from fever in the week to 30 May 1798", "deaths", False),  # a date
    ("persons killed in the collision", "persons", False),  # "5 persons" says nothing of what
    ("the speed allowed over the junction", "miles an hour", False),  # the unit names no thing
    ("the members of the crew", "men", False),
])
def test_an_item_the_unit_alone_names(item, unit, told):
    assert told_by_unit(item, unit) is told


TEXT = ("On Thursday the inquest upon the five persons killed in the collision was resumed before the "
        "coroner and a jury of fourteen. James Kirby, a porter, deposed: There were twenty-three injured "
        "besides the killed. OTHER")
FACTS = """
topic: main
facts:
  - {id: killed, kind: figure, category: casualties, statement: Five persons were killed in the collision.,
     question: How many persons were killed?, answer: 5 persons, quote: the five persons killed in the collision,
     data: {item: persons killed in the collision, unit: persons, value: 5}}
  - {id: injured, kind: figure, category: casualties, statement: Twenty-three were injured besides the killed.,
     question: How many were injured besides the killed?, answer: 23 injured,
     quote: There were twenty-three injured besides the killed.,
     data: {item: the injured besides the killed, unit: injured, value: 23}}
  - {id: jury, kind: figure, category: inquest, statement: The inquest had a jury of fourteen.,
     question: How many jurors sat?, answer: 14 jurors, quote: and a jury of fourteen.,
     data: {item: the members of the jury, unit: jurors, value: 14}}
"""


@pytest.mark.parametrize("other, asked", [
    ("", {"killed"}),  # "23 injured" and "14 jurors" name what they count
    # another number of injured and of jurors: the unit no longer tells which figure is meant
    ("The other train had 4 injured. Twelve jurors had sat at the first hearing.", {"killed", "injured", "jury"}),
])
def test_no_reverse_card_the_unit_alone_answers(tmp_path, other, asked):
    make_project(tmp_path, TEXT.replace("OTHER", other), FACTS, called="the report", deck_templates=["figure-reverse"])
    project, result = render(tmp_path)
    assert set(by_template(result, "figure-reverse")) == asked, [q.prompt for q in result.questions]
