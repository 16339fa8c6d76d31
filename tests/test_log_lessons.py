"""What an (invented) ship's journal of 1794 taught the checks: a log gives each entry's date in
a heading ("Sunday, 13th April."), so a fact's date is missing from a quote of the entry's
sentence, and the message now names the heading to quote (as it does "Article 1." before an
article's text); and a latitude, "44 degrees 10 minutes North", is a sum in two units like "9
talents and 2,000 drachmas", though no "and" joins them; and a quote list written in [ ] with an
unquoted comma, "[Friday, 18th April., Latitude observed ...]", quotes "Friday" and "18th
April." (both found in the source, so nothing failed), and the key printed "Friday … 18th April."."""

from __future__ import annotations

import pytest

from studykit.check import check_project
from studykit.load import load_project

from small_project import make_project

LOG = ("Sunday, 13th April. Strong gales and a heavy head sea. Shipped a great deal of water. "
       "Lost sight of the Fortitude at 4 P.M.\n\nArticle 1. The fortress of Kessel shall be given up.")

LOST = """
topic: main
facts:
  - id: lost
    kind: event
    statement: STATEMENT
    question: What happened?
    answer: The ship lost sight of the Fortitude
    quote: QUOTE
"""


def messages(tmp_path, statement: str, quote: str) -> list[str]:
    make_project(tmp_path, LOG, LOST.replace("STATEMENT", statement).replace("QUOTE", quote), called="the journal")
    _, problems = load_project(tmp_path)
    return [p.message for p in problems if p.severity == "error"]


def test_a_date_in_the_entrys_heading_is_named_as_the_words_to_quote(tmp_path):
    [message] = messages(tmp_path, "On 13 April the ship lost sight of the Fortitude.",
                         "Lost sight of the Fortitude at 4 P.M.")
    assert message == (
        "fact 'lost': the number 13 in its statement does not appear in its quote; the source gives 13 just "
        "before the quote, in \"Sunday, 13th April.\": quote those words too (a quote may be a list of passages: "
        "[\"Sunday, 13th April.\", \"Lost sight of the ...\"])")


def test_an_articles_number_before_its_text_is_named_too(tmp_path):
    [message] = messages(tmp_path, "Article 1 gives up the fortress of Kessel.",
                         "The fortress of Kessel shall be given up.")
    assert 'the source gives 1 just before the quote, in "Article 1."' in message


def test_a_number_given_nowhere_before_the_quote_keeps_the_plain_fix(tmp_path):
    [message] = messages(tmp_path, "On 14 April the ship lost sight of the Fortitude.",
                         "Lost sight of the Fortitude at 4 P.M.")
    assert message.endswith("does not appear in its quote; correct the figure or quote the sentence that gives it")


LATITUDE = """
topic: main
facts:
  - id: latitude
    kind: figure
    statement: The latitude observed was ANSWER.
    question: What latitude was observed?
    answer: ANSWER
    quote: Latitude observed ANSWER.
    data: {item: the latitude observed, unit: UNIT, value: 44}
"""


@pytest.mark.parametrize("answer, unit, warned", [
    ("44 degrees 10 minutes North", "degrees North", True),
    ("44 degrees 10 minutes", "degrees", True),
    ("44 degrees and 10 minutes", "degrees", True),
    ("44 degrees North", "degrees North", False),
])
def test_degrees_and_minutes_are_a_sum_in_two_units(tmp_path, answer, unit, warned):
    make_project(tmp_path, f"Latitude observed {answer}.",
                 LATITUDE.replace("ANSWER", answer).replace("UNIT", unit), called="the journal")
    found = [w.message for w in check_project(tmp_path).warnings if "sum in two units" in w.message]
    assert bool(found) is warned, found


CUT = """
topic: main
facts:
  - id: lost
    kind: event
    statement: On 13 April the ship lost sight of the Fortitude.
    question: What happened on 13 April?
    answer: The ship lost sight of the Fortitude
    quote: QUOTE
"""


@pytest.mark.parametrize("quote, warned", [
    ("[Sunday, 13th April., Lost sight of the Fortitude at 4 P.M.]", True),
    ('["Sunday, 13th April.", Lost sight of the Fortitude at 4 P.M.]', False),
    ("\n      - Sunday, 13th April.\n      - Lost sight of the Fortitude at 4 P.M.", False),
    ("[13th April., Lost sight of the Fortitude at 4 P.M.]", False),  # two passages the source parts
])
def test_a_quote_list_cut_at_a_comma_is_warned(tmp_path, quote, warned):
    make_project(tmp_path, LOG, CUT.replace("QUOTE", quote), called="the journal")
    checked = check_project(tmp_path)
    assert not checked.problems, [p.message for p in checked.problems]
    found = [w.message for w in checked.warnings if "two passages" in w.message]
    if warned:
        assert found == ["fact 'lost': its quote has 'Sunday' and '13th April.' as two passages, but the source "
                         "writes 'Sunday, 13th April.' as one: inside [ ] a comma ends an item; put each passage in "
                         "quotes: [\"Sunday, 13th April.\", ...] (or write the passages one a line)"]
    else:
        assert found == []


# A name styled at length is marked by machine by its bare words: "The Rev. Thomas Earle" went to
# quiz exports as an essay (over three words), so Moodle asked a teacher to mark a name.
EARLE = """
topic: main
facts:
  - id: earle
    kind: person
    statement: The Rev. Thomas Earle read the service.
    question: Who read the service?
    answer: The Rev. Thomas Earle
    quote: The Rev. Thomas Earle read the service.
    data: {name: The Rev. Thomas Earle, role: the chaplain who read the service}
"""


def test_a_long_styled_name_is_marked_by_its_bare_words(tmp_path):
    from cli_helpers import run_in_process
    from small_project import by_template, render

    make_project(tmp_path, "The Rev. Thomas Earle read the service.", EARLE, called="the journal",
                 deck_templates=["recall"])
    _, result = render(tmp_path)
    recall = by_template(result, "recall")["earle"]
    assert recall.accept == ["Thomas Earle"]
    assert recall.machine_answers() == ["The Rev. Thomas Earle", "Thomas Earle"]
    done = run_in_process("export", "gift", "--out", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "=Thomas Earle" in done.stdout and "{}" not in done.stdout  # a short answer, not an essay


@pytest.mark.parametrize("text, markable", [
    ("The Rev. Thomas Earle", True), ("Capt. E. J. Morrow", True), ("Mrs. Hannah Lees", True),
    ("The Most Reverend the Archbishop of York", False), ("the tacklers and the winders", False),
    ("His Excellency Prince Karl of Aldavia", False),
])
def test_which_long_answers_are_styled_names(text, markable):
    from studykit.questions.question import machine_markable

    assert machine_markable(text) is markable


SOULS = """
topic: main
facts:
  - id: souls
    kind: figure
    statement: There were eighteen souls on board, including the master.
    question: How many souls were on board, including the master?
    answer: ANSWER
    quote: eighteen souls on board including the master.
    data: {item: the souls on board, unit: souls, value: 18}
"""


@pytest.mark.parametrize("answer, typed", [
    ("Eighteen", False), ('"18"', False), ("18 souls", False), ("Eighteen souls", False),
    ("Eighteen, including the master", True),  # says more than the figure: the typed card still asks it
])
def test_no_typed_card_when_the_recall_answer_is_the_bare_number(tmp_path, answer, typed):
    from small_project import by_template, render

    make_project(tmp_path, "Crew all sober and well, eighteen souls on board including the master.",
                 SOULS.replace("ANSWER", answer), called="the journal", deck_templates=["recall", "figure-typed"])
    _, result = render(tmp_path)
    assert ("souls" in by_template(result, "figure-typed")) is typed
