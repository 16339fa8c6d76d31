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


REPORT = ("William Oakes, a porter at Elmbury station, deposed. James Kirby, a porter, deposed. Thomas Vane, "
          "driver of the passenger train, deposed. My fireman, John Eyre, applied the brake. Henry Pratt, "
          "signalman at Hatch Lane Junction, deposed. Mr. Goodwin watched for the Company.")
PEOPLE = """
topic: main
facts:
  - {id: oakes, kind: person, category: men, statement: William Oakes saw the train go through.,
     question: QUESTION, answer: William Oakes, quote: "William Oakes, a porter at Elmbury station, deposed.",
     data: {name: William Oakes, role: a porter at Elmbury station}}
  - {id: kirby, kind: person, category: men, statement: James Kirby carried the injured.,
     question: Who carried the injured?, answer: James Kirby, quote: "James Kirby, a porter, deposed.",
     data: {name: James Kirby, role: a porter of the station}}
  - {id: vane, kind: person, category: men, statement: Thomas Vane drove the train., question: Who drove the train?,
     answer: Thomas Vane, quote: "Thomas Vane, driver of the passenger train, deposed.",
     data: {name: Thomas Vane, role: driver of the passenger train}}
  - {id: eyre, kind: person, category: men, statement: John Eyre applied the brake., question: Who applied the brake?,
     answer: John Eyre, quote: "My fireman, John Eyre, applied the brake.", data: {name: John Eyre, role: the fireman}}
  - {id: pratt, kind: person, category: men, statement: Henry Pratt was the signalman., question: Who was the signalman?,
     answer: Henry Pratt, quote: "Henry Pratt, signalman at Hatch Lane Junction, deposed.",
     data: {name: Henry Pratt, role: the signalman at Hatch Lane Junction}}
  - {id: goodwin, kind: person, category: men, statement: Mr. Goodwin watched for the Company.,
     question: Who watched for the Company?, answer: Mr. Goodwin, quote: Mr. Goodwin watched for the Company.,
     data: {name: Mr. Goodwin, role: the Company's representative}}
"""


@pytest.mark.parametrize("question, offered", [
    # the porter is asked by his trade: the driver, fireman and signalman are struck out unasked;
    # the Company's man (no trade) and the other porter stay
    ("Which porter saw the passenger train go through?", {"William Oakes", "James Kirby", "Mr. Goodwin"}),
    # no trade asked by: every man may be offered
    ("Who saw the passenger train go through?", None),
    # 'porter' here is what is asked, after the verb, not the noun asked by
    ("Which witness was a porter at Elmbury station?", None),
])
def test_which_trade_offers_no_one_of_another_trade(tmp_path, question, offered):
    make_project(tmp_path, REPORT, PEOPLE.replace("QUESTION", question), called="the report",
                 deck_templates=["choice-answer"])
    _, result = render(tmp_path)
    options = set(by_template(result, "choice-answer")["oakes"].options)
    if offered is None:
        assert {"Thomas Vane", "John Eyre", "Henry Pratt"} & options, options
    else:
        assert options == offered, options


RIDER_TEXT = ("The jury returned a verdict of accidental death, adding a rider: first, that the Company had kept "
              "the signalman on duty longer than its own rule allowed; second, that the speed of the passenger "
              "train over the junction was excessive; and third, that the points and signals ought to be "
              "interlocked without delay.")
RIDER = """
topic: main
facts:
  - id: rider
    kind: list
    statement: The jury's rider blamed the Company's hours, the train's speed and the lack of interlocking.
    question: What three findings did the jury add in its rider?
    answer: The signalman's hours; the speed; no interlocking
    quote: "adding a rider: first, that the Company had kept the signalman on duty longer than its own rule allowed; second, that the speed of the passenger train over the junction was excessive; and third, that the points and signals ought to be interlocked without delay."
    data:
      label: the findings of the jury's rider
      ordered: true
      items: [the Company kept the signalman on duty too long, the speed was excessive, the points and signals ought to be interlocked]
    analysis:
      question: Whom did the jury's rider hold responsible for the collision?
      marking_points: [the Company, for the signalman's hours, the speed, the lack of interlocking]
"""


def test_an_essay_shares_no_sheet_with_a_question_printing_its_facts(tmp_path):
    """"Put the findings of the jury's rider in order" printed the three findings right above "Whom
    did the jury's rider hold responsible?": the essay's argument, given on the sheet."""
    from studykit import worksheets
    from studykit.check import check_project
    from small_project import add_worksheet_section

    make_project(tmp_path, RIDER_TEXT, RIDER, called="the report", deck_templates=["ordering", "analysis"])
    add_worksheet_section(tmp_path, "{ordering: 1, essay: 1}")
    checked = check_project(tmp_path)
    for sheet, _ in worksheets.sheets(checked.project, checked.project.decks["doc"], checked.decks["doc"]):
        assert len(sheet.items) == 1, [item.question.id for item in sheet.items]
    assert [w for w in checked.warnings if "would give away another question's answer" in w.message]


@pytest.mark.parametrize("answer, forms", [
    ("nearly fourteen hours", ["nearly 14 hours"]), ("twelve", ["12"]), ("eleven times", ["11 times"]),
    ("Four score and seven years", ["87 years"]),
    ("the first of them", []), ("By one tenth", []), ("one of the Inspecting Officers", []),
    ("fifty-six hours and a half", []), ("Fairly perfect", []), ("12 hours", []),
])
def test_a_figure_in_words_is_also_accepted_in_figures(answer, forms):
    from studykit.questions.answer_forms import figure_forms

    assert figure_forms(answer) == forms


HOURS = """
topic: main
facts:
  - id: hours
    kind: event
    statement: The signalman had been on duty nearly fourteen hours, where the Company's rule allowed twelve.
    question: How long had the signalman been on duty?
    answer: nearly fourteen hours
    quote: that is nearly fourteen hours. The Company's rule is twelve hours.
    key_terms: [nearly fourteen hours, twelve]
"""


def test_a_quiz_marks_a_figure_typed_in_figures_for_one_written_in_words(tmp_path):
    """A cloze blank "[nearly fourteen hours]" and "[twelve]" went to Moodle accepting only those
    words: a student typing "nearly 14 hours" or "12" was marked wrong."""
    from cli_helpers import run_in_process

    make_project(tmp_path, "I came on duty at six; that is nearly fourteen hours. The Company's rule is twelve hours.",
                 HOURS, called="the report", deck_templates=["cloze", "recall"])
    done = run_in_process("export", "gift", "--out", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "=nearly fourteen hours =nearly 14 hours" in done.stdout, done.stdout
    assert "=twelve =12" in done.stdout, done.stdout
