"""The shipped `when` template: an event's date left out of its statement, asked back, with the
date accepted in the other usual order (a typed or exported answer is marked by its text)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from studykit.cli import app
from studykit.questions.answer_forms import date_forms

from small_project import by_template, make_project, render

TEXT = "On 19 November 1863 the cemetery was dedicated at Gettysburg. The band played on 2 July."

FACTS = """\
topic: main
facts:
  - id: dedication
    kind: event
    statement: The cemetery at Gettysburg was dedicated on 19 November 1863.
    question: What was dedicated at Gettysburg on 19 November 1863?
    answer: The cemetery
    quote: On 19 November 1863 the cemetery was dedicated at Gettysburg.
    data: {where: Gettysburg, when: 19 November 1863}
  - id: band
    kind: event
    statement: The band played on 2 July.
    question: When did the band play?
    answer: On 2 July
    quote: The band played on 2 July.
    data: {when: 2 July}
"""


def test_an_event_with_its_date_in_the_statement_is_asked_when(tmp_path):
    make_project(tmp_path, TEXT, FACTS, deck_templates=["recall", "when", "where"])
    _, result = render(tmp_path)
    when = by_template(result, "when")
    question = when["dedication"]
    assert question.prompt == "When? The cemetery at Gettysburg was dedicated on _____."
    assert question.answer == "19 November 1863"
    assert question.accept == ["November 19, 1863", "November 19 1863"]
    # the band's answer is its date already: the recall card asks it, and 'when' does not again
    assert "band" not in when and "band" in by_template(result, "recall")


def test_the_other_orders_of_a_date_are_accepted_in_a_gift_export(tmp_path):
    make_project(tmp_path, TEXT, FACTS, deck_templates=["when"])
    done = CliRunner().invoke(app, ["export", "gift", "--project", str(tmp_path), "--out", "-"])
    assert done.exit_code == 0, done.output
    [block] = [b for b in done.stdout.split("\n\n") if "When?" in b]
    assert "=19 November 1863" in block and "=November 19, 1863" in block and "=November 19 1863" in block


@pytest.mark.parametrize("written, others", [
    ("19 November 1863", ["November 19, 1863", "November 19 1863"]),
    ("November 19, 1863", ["19 November 1863", "November 19 1863"]),
    ("1863-11-19", ["19 November 1863", "November 19, 1863", "November 19 1863"]),
    ("2 july", ["2 July", "July 2"]),
    ("March 1", ["1 March"]),
    ("2nd July 1921", ["2 July 1921", "July 2, 1921", "July 2 1921"]),   # ordinal days too
    ("the 2nd of July 1921"[4:], ["2 July 1921", "July 2, 1921", "July 2 1921"]),
    ("July 2nd, 1921", ["2 July 1921", "July 2, 1921", "July 2 1921"]),
    ("March 1852", []),                      # no day: nothing to reorder
    ("at the Day of the Soviet Army", []),   # not a date
    ("32 March 1900", []),
    ("1967-13-01", []),
])
def test_date_forms_gives_the_other_usual_orders_of_a_whole_date(written, others):
    assert date_forms(written) == others
