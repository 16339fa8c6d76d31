"""What an (invented) school log book of 1889 taught: "Which pupil-teacher took Standard I?"
offered the Master and the infants' teacher beside the two pupil-teachers, so a student struck
them out unasked ('pupil-teacher' is one trade, not 'teacher'); and check named the heading of a
log entry, "Jan. 7th.", as "7th.", since it read the month's abbreviation as a sentence's end."""

from __future__ import annotations

import pytest

from small_project import by_template, make_project, render

TEXT = ("Kept by the Master, Edwin Sharpe. Jan. 14th. Mrs. Sharpe takes the infants' class as before. Martha "
        "Lane, a pupil-teacher, took Standard I; Albert Hicks, a pupil-teacher in his third year, took Standards "
        "II and III. Joseph Ward, a pupil-teacher in his first year, took the drill.")
STAFF = """
topic: main
facts:
  - {id: sharpe, kind: person, category: staff, statement: Edwin Sharpe kept the log book., question: Who kept the log book?,
     answer: Edwin Sharpe, quote: "Kept by the Master, Edwin Sharpe.", data: {name: Edwin Sharpe, role: the Master of the school}}
  - {id: mrs, kind: person, category: staff, statement: Mrs. Sharpe took the infants., question: Who took the infants' class?,
     answer: Mrs. Sharpe, quote: "Mrs. Sharpe takes the infants' class as before.", data: {name: Mrs. Sharpe, role: the teacher of the infants' class}}
  - {id: lane, kind: person, category: staff, statement: Martha Lane took Standard I., question: Which pupil-teacher took Standard I?,
     answer: Martha Lane, quote: "Martha Lane, a pupil-teacher, took Standard I", data: {name: Martha Lane, role: a pupil-teacher}}
  - {id: hicks, kind: person, category: staff, statement: Albert Hicks took Standards II and III.,
     question: Which pupil-teacher took Standards II and III?, answer: Albert Hicks,
     quote: "Albert Hicks, a pupil-teacher in his third year, took Standards II and III.", data: {name: Albert Hicks, role: a pupil-teacher in his third year}}
  - {id: ward, kind: person, category: staff, statement: Joseph Ward took the drill., question: Who took the drill?,
     answer: Joseph Ward, quote: "Joseph Ward, a pupil-teacher in his first year, took the drill.", data: {name: Joseph Ward, role: a pupil-teacher in his first year}}
"""


def test_which_pupil_teacher_offers_only_pupil_teachers(tmp_path):
    make_project(tmp_path, TEXT, STAFF, called="the log book", deck_templates=["choice-answer"])
    _, result = render(tmp_path)
    asked = by_template(result, "choice-answer")
    assert set(asked["lane"].options) == {"Martha Lane", "Albert Hicks", "Joseph Ward"}, asked["lane"].options
    assert set(asked["hicks"].options) == {"Martha Lane", "Albert Hicks", "Joseph Ward"}
    assert len(asked["mrs"].options) == 4  # "Who took ...?" asks by no trade: any three of the four others


@pytest.mark.parametrize("heading", ["Jan. 7th.", "Sept. 3rd.", "April 5th."])
def test_a_log_entrys_heading_with_its_month_abbreviated_is_named_whole(tmp_path, heading):
    from studykit.check import check_project

    day = heading.split()[1][:-3]
    text = f"Kept by the Master. {heading} Snow lying deep on the hill roads, so that few could come."
    facts = f"""
    topic: main
    facts:
      - id: snow
        kind: event
        statement: Snow kept the children away on the {day}th.
        question: What kept the children away?
        answer: Snow on the hill roads
        quote: Snow lying deep on the hill roads, so that few could come.
    """
    make_project(tmp_path, text, facts, called="the log book")
    problems = [str(p) for p in check_project(tmp_path).problems]
    assert any(f'in "{heading}": quote those words too' in p for p in problems), problems


@pytest.mark.parametrize("points, warned", [
    ("[weather (snow on the hill roads), farm work (bird-scaring, potato planting), truancy]", True),
    ('[weather (snow on the hill roads), "farm work (bird-scaring, potato planting)", truancy]', False),
    ("[weather, farm work, truancy]", False),
])
def test_a_marking_point_cut_inside_brackets_is_warned(tmp_path, points, warned):
    """The key printed "farm work (bird-scaring" and "potato planting)" as two marking points."""
    from studykit.check import check_project

    facts = f"""
    topic: main
    facts:
      - id: away
        kind: event
        statement: Many of the elder boys were away bird-scaring.
        question: Why were the elder boys away?
        answer: Bird-scaring
        quote: Many of the elder boys away bird-scaring.
        analysis:
          question: Why did children miss school?
          marking_points: {points}
    """
    make_project(tmp_path, "Many of the elder boys away bird-scaring.", facts, called="the log book")
    said = [str(w) for w in check_project(tmp_path).warnings if "cut inside ( )" in w.message]
    assert bool(said) is warned, said
    if warned:
        assert "'farm work (bird-scaring' and 'potato planting)'" in said[0], said


def test_a_chart_panel_whose_category_is_its_unit_says_it_once():
    """The invented inquest's chart titled its panel "In hours (hours)": the teacher's category
    'hours' for the signalman's hours on duty."""
    import xml.etree.ElementTree as ET

    from studykit import chart
    from studykit.model import Fact

    def figure(fact_id, category, **data):
        return Fact(id=fact_id, kind="figure", topic="t", statement="s", question="q", answer="a", quotes=["q"],
                    source_id="doc", path="p", line=1, col=1, data={"item": fact_id, **data}, category=category)

    drawn = chart.figure_chart([figure("duty", "hours", unit="hours", requested=12, promised=14),
                                figure("grain", "delivery", unit="tons", requested=200, promised=75)])
    titles = ["".join(t.itertext()) for t in ET.fromstring(str(chart.chart_svg(drawn))).iter()
              if t.tag.endswith("text")]
    assert "In hours" in titles and "In tons (delivery)" in titles, titles


@pytest.mark.parametrize("quote, hinted", [
    ("The grant was reduced by one tenth on account of the arithmetic.", True),  # 10% nowhere in the source
    ("The grant was reduced by 10 per cent on account of the arithmetic.", False),
    ("The grant was reduced by 10% on account of the arithmetic.", False),
])
def test_a_share_given_in_words_is_typed_in_per_cent(tmp_path, quote, hinted):
    """"What figure does the log book give for the reduction of the school's grant?" took only "10",
    where the log book says "one tenth": the card now says to type it in per cent."""
    facts = f"""
    topic: main
    facts:
      - id: grant
        kind: figure
        statement: The grant was reduced on account of the arithmetic.
        question: Why was the grant reduced?
        answer: On account of the arithmetic
        quote: {quote}
        data: {{item: the reduction of the school's grant, unit: "%", value: 10}}
    """
    make_project(tmp_path, quote, facts, called="the log book", deck_templates=["figure-typed"])
    _, result = render(tmp_path)
    prompt = by_template(result, "figure-typed")["grant"].prompt
    assert prompt.endswith("Type it in per cent.") is hinted, prompt
