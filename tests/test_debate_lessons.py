"""What an (invented) House of Commons debate of 1909 taught the checks: "last year" in a
document of 1909 is 1908, so a fact may say "in 1908" as the warning about 'last year' advises."""

from __future__ import annotations

import pytest

from studykit.load import load_project
from studykit.quotes import years_from_now

from small_project import make_project

TEXT = ("The country is already paying £8,750,000 a year for pensions, far beyond the estimate of "
        "£6,500,000 given to this House last year. The Bill will come into force next year.")

ESTIMATE = """
  - id: estimate
    kind: figure
    statement: STATEMENT
    question: What estimate of the yearly cost of pensions had been given to the House?
    answer: £6,500,000
    quote: QUOTE
    data: {item: the estimate of the yearly cost of pensions, unit: £, value: 6500000}
"""


def found(tmp_path, statement: str, quote: str) -> list[str]:
    make_project(tmp_path, TEXT, "topic: main\nfacts:" + ESTIMATE.replace("STATEMENT", statement)
                 .replace("QUOTE", quote))  # the small project's document is dated 1863-11-19
    _, problems = load_project(tmp_path)
    return [str(p) for p in problems]


@pytest.mark.parametrize("text, steps", [
    ("given to this House last year", {-1}), ("It will come into force Next Year.", {1}),
    ("LAST YEAR and next year", {-1, 1}), ("a year for pensions", set()), ("the yearly cost", set()),
])
def test_last_and_next_year_count_from_the_documents_year(text, steps):
    assert years_from_now(text) == steps


def test_a_fact_may_name_the_year_a_quote_calls_last_year(tmp_path):
    quote = "far beyond the estimate of £6,500,000 given to this House last year."
    assert found(tmp_path, "The estimate given to the House in 1862 had been £6,500,000.", quote) == []


def test_a_year_the_quote_does_not_name_is_still_refused(tmp_path):
    quote = "far beyond the estimate of £6,500,000 given to this House last year."
    problems = found(tmp_path, "The estimate given to the House in 1861 had been £6,500,000.", quote)
    assert len(problems) == 1 and "the number 1861 in its statement does not appear in its quote" in problems[0]


def test_the_warning_about_last_year_names_the_year_it_means(tmp_path):
    quote = "far beyond the estimate of £6,500,000 given to this House last year."
    from studykit.check import check_project

    found(tmp_path, "The estimate given to the House last year had been £6,500,000.", quote)
    problems = [str(w) for w in check_project(tmp_path).warnings]
    assert any("its statement says 'last year'" in p and "'in 1863' for 'this year', 'in 1862' for 'last year'"
               in p for p in problems), problems


MEMBERS_TEXT = ("The CHANCELLOR OF THE EXCHEQUER (Mr. Hartwell) moved the second reading. Mr. CRANE spoke "
                "against. Mr. LOWRY (Ashfield) spoke for it. Mr. PEMBERTON (Kelso Burghs) asked a question. "
                "Mr. DALE (Farley) seconded. Mr. ORMOND (Grange) replied.")


def member(fid: str, name: str, role: str, question: str, answer: str, quote: str) -> str:
    return f"""
  - id: {fid}
    kind: person
    category: member
    statement: {name} was {role}.
    question: {question}
    answer: {answer}
    quote: {quote}
    data: {{name: {name}, role: {role}}}
"""


MEMBERS = "topic: main\nfacts:" + "".join([
    member("hartwell", "Mr. Hartwell", "the Chancellor of the Exchequer", "Who moved the second reading?",
           "Mr. Hartwell", "The CHANCELLOR OF THE EXCHEQUER (Mr. Hartwell) moved the second reading."),
    member("crane", "Mr. Crane", "a Member who spoke against", "Who spoke against the Bill?", "Mr. Crane",
           "Mr. CRANE spoke against."),
    member("dale", "Mr. Dale", "the Member who seconded", "Who seconded the motion?", "Mr. Dale",
           "Mr. DALE (Farley) seconded."),
    member("lowry", "Mr. Lowry", "the Member for Ashfield", "Which constituency did Mr. Lowry represent?",
           "Ashfield", "Mr. LOWRY (Ashfield) spoke for it."),
    member("pemberton", "Mr. Pemberton", "the Member for Kelso Burghs",
           "Which constituency did Mr. Pemberton represent?", "Kelso Burghs",
           "Mr. PEMBERTON (Kelso Burghs) asked a question."),
    member("ormond", "Mr. Ormond", "the Member for Grange", "Which constituency did Mr. Ormond represent?",
           "Grange", "Mr. ORMOND (Grange) replied."),
])


def test_a_who_question_offers_people_and_a_which_place_question_offers_places(tmp_path):
    """'Who moved the second reading?' once offered 'Kelso Burghs' and 'Ashfield' (other person
    facts' answers), and 'Which constituency did Mr. Lowry represent?' offered 'Mr. Hartwell'."""
    from small_project import by_template, render

    make_project(tmp_path, MEMBERS_TEXT, MEMBERS, deck_templates=["choice-answer"])
    _, result = render(tmp_path)
    asked = by_template(result, "choice-answer")
    people, places = {"Mr. Hartwell", "Mr. Crane", "Mr. Dale"}, {"Ashfield", "Kelso Burghs", "Grange"}
    for fid in ("hartwell", "crane", "dale"):
        assert set(asked[fid].options) == people, asked[fid].options
    for fid in ("lowry", "pemberton", "ormond"):
        assert set(asked[fid].options) == places, asked[fid].options


LIMIT = """
  - id: limit
    kind: figure
    statement: The Bill raised the income limit for the full pension from £21 to £26 a year.
    question: To what did the Bill raise the yearly income limit for the full pension?
    answer: £26 a year
    quote: it raises the income limit for the full pension from £21 to £26 a year
    data: {item: the income limit for the full pension, unit: £, value: 26}
    distractors: [£21 a year, £31 a year]
"""


def test_distractors_written_as_the_answer_is_serve_the_figure_question_without_its_extra_words(tmp_path):
    from small_project import by_template, render

    make_project(tmp_path, "Secondly, it raises the income limit for the full pension from £21 to £26 a year.",
                 "topic: main\nfacts:" + LIMIT, deck_templates=["choice-figure"])
    _, result = render(tmp_path)
    assert sorted(by_template(result, "choice-figure")["limit"].options) == ["£21", "£26", "£31"]
