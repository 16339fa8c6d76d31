"""What an (invented) factory inspector's report of 1874 taught the quote checks: "fifty-six hours
and a half" is 56.5 hours, a list answer numbered "1. ...; 2. ..." gives no figures, and the half
of "half-timers" is no number."""

from __future__ import annotations

import pytest

from studykit.load import load_project
from studykit.quotes import number_words, without_enumerators

from small_project import add_worksheet_section, by_template, make_project, render

TEXT = ("The highest fine was £20. The hours of work of women are now limited to fifty-six hours and a half in the week. "
        "The wages of half-timers are commonly 2s. 9d. a week. "
        "I would respectfully recommend, first, that all shafts be fenced; secondly, that "
        "certificates be signed by the manager; and thirdly, that an additional sub-inspector be appointed.")

HOURS = """
  - id: week-limit
    kind: figure
    statement: The work of women was limited to fifty-six hours and a half in the week.
    question: To how many hours a week was the work of women limited?
    answer: 56½ hours
    quote: limited to fifty-six hours and a half in the week
    data: {item: the weekly limit of women's work, unit: hours, value: VALUE}
"""

RECOMMENDATIONS = """
  - id: recommendations
    kind: list
    statement: The inspector made three recommendations.
    question: What did the inspector recommend, in the report's order?
    answer: ANSWER
    quote: I would respectfully recommend, first, that all shafts be fenced; secondly, that certificates be signed by the manager; and thirdly, that an additional sub-inspector be appointed.
    data:
      label: the inspector's recommendations
      ordered: true
      items: [Fence all shafts, Have certificates signed by the manager, Appoint a sub-inspector]
"""


def problems(tmp_path, facts: str) -> list[str]:
    make_project(tmp_path, TEXT, "topic: main\nfacts:" + facts)
    _, found = load_project(tmp_path)
    return [str(p) for p in found if not p.is_warning]


@pytest.mark.parametrize("text, read", [
    ("fifty-six hours and a half", 56.5),
    ("three years and a half", 3.5),
    ("Six Miles and a half", 6.5),
])
def test_a_number_of_things_and_a_half_reads_as_the_number_and_a_half(text, read):
    assert read in [value for _, value in number_words(text)]


@pytest.mark.parametrize("text", ["fifty-six hours and a quarter", "two and a half thousand",
                                  "the hours and a half", "six and a half and a half"])
def test_no_half_is_added_where_no_number_of_things_stands_before_it(text):
    assert not {value for _, value in number_words(text)} & {56.5, 2000.5, 6.5 + 0.5}


def test_a_figure_of_some_hours_and_a_half_is_found_in_its_quote(tmp_path):
    assert problems(tmp_path, HOURS.replace("VALUE", "56.5")) == []


def test_a_figure_the_quote_does_not_give_is_still_refused(tmp_path):
    found = problems(tmp_path, HOURS.replace("VALUE", "57.5"))
    assert len(found) == 1 and "the number 57.5 in its data does not appear in its quote" in found[0]


@pytest.mark.parametrize("words", ["half-timers", "a half-year", "half-past"])
def test_the_half_of_a_compound_word_is_no_number(words):
    assert number_words(f"The wages of {words} are low") == []


def test_a_numbered_list_answer_gives_no_figures_of_its_own(tmp_path):
    answer = "1. Fence all shafts; 2. Have certificates signed by the manager; 3. Appoint a sub-inspector"
    assert problems(tmp_path, RECOMMENDATIONS.replace("ANSWER", answer)) == []


def test_a_figure_inside_a_numbered_list_answer_is_still_checked(tmp_path):
    answer = "1. Fence all 40 shafts; 2. Have certificates signed by the manager; 3. Appoint a sub-inspector"
    found = problems(tmp_path, RECOMMENDATIONS.replace("ANSWER", answer))
    assert len(found) == 1 and "the number 40 in its answer does not appear in its quote" in found[0]


@pytest.mark.parametrize("text, left", [
    ("1. Aid; 2. Logging", "Aid; Logging"),
    ("1) aid;\n2) logging", "aid;\nlogging"),
    ("Paid 2. 5 million", "Paid 2. 5 million"),    # a number inside an item is no enumerator
    ("Aid 1.5 times; 2.5 units", "Aid 1.5 times; 2.5 units"),
])
def test_only_the_numbers_that_count_items_are_taken_off(text, left):
    assert " ".join(without_enumerators(text).split()) == " ".join(left.split())


WAGE = """
  - id: wage
    kind: figure
    statement: Half-timers were commonly paid 2s. 9d. a week.
    question: What was the weekly wage of a half-timer?
    answer: 2s. 9d. a week
    quote: The wages of half-timers are commonly 2s. 9d. a week.
    data: {item: the weekly wage of a half-timer, unit: pence, value: 33}
"""


def test_a_figure_worked_out_from_shillings_and_pence_is_told_to_be_an_event(tmp_path):
    (found,) = problems(tmp_path, WAGE)
    assert "the number 33 in its data does not appear in its quote" in found
    assert "pounds, shillings and pence ('2s. 9d.')" in found and "make the fact 'kind: event'" in found


FINE = """
  - id: fine
    kind: figure
    statement: The highest fine was £20.
    question: What was the highest fine?
    answer: £20
    quote: The highest fine was £20.
    data: {item: the highest fine, unit: £, value: VALUE}
"""


def test_a_figure_in_one_unit_of_old_money_gets_the_usual_fix(tmp_path):
    (found,) = problems(tmp_path / "wrong", FINE.replace("VALUE", "25"))
    assert "the number 25 in its data" in found and "correct the figure or quote the sentence" in found
    assert "shillings" not in found
    assert problems(tmp_path / "right", FINE.replace("VALUE", "20")) == []


def test_an_event_giving_a_sum_in_shillings_and_pence_loads_clean(tmp_path):
    event = WAGE.replace("kind: figure", "kind: event").replace(
        "data: {item: the weekly wage of a half-timer, unit: pence, value: 33}", "data: {who: half-timers}")
    assert problems(tmp_path, event) == []


@pytest.mark.parametrize("passage, writer_speaks", [
    ("I cannot too strongly repeat that fencing saves lives.", True),
    ("which I attribute chiefly to the closing of three mills", True),
    ("he said; I have found the Act well observed", True),
    ("of 2,400 certificates examined by my sub-inspector", True),
    ("In 1815 I was at Thornley", True),
    ("The delegates told me that the week had done no harm", False),  # their words, told to the writer
    ("They answered: \u201cI will not pay the same wages\u201d", False),  # quoted speech
    ('They answered: "I will not pay the same wages"', False),
    ("Charles I was crowned at Scone", False),  # a name's numeral
    ("Article I shall be binding", False),
    ("The occupiers declared the Act ruinous", False),
])
def test_a_passage_in_the_writers_first_person_is_told_apart(passage, writer_speaks):
    from studykit.questions.writer_voice import in_first_person

    assert in_first_person(passage) is writer_speaks


VIEWS = """
  - id: own-view
    kind: claim
    statement: The inspector found the Act well observed in the larger mills.
    question: Where did the inspector find the Act well observed?
    answer: In the larger mills
    quote: I have found the Act well observed in the larger mills.
    data: {holder: the inspector}
  - id: owners-view
    kind: claim
    statement: The occupiers said they could not pay the same wages for fewer hours.
    question: What did the occupiers say they could not do?
    answer: Pay the same wages for fewer hours
    quote: and that they could not pay the same wages for fewer hours.
    data: {holder: the occupiers of the smaller mills}
  - id: workers-view
    kind: claim
    statement: The delegates asked that no child be employed under fourteen.
    question: Under what age did the delegates ask that no child be employed?
    answer: Fourteen
    quote: they asked that no child be employed under the age of fourteen
    data: {holder: the delegates of the operatives}
"""

VIEWS_TEXT = ("I have found the Act well observed in the larger mills. The occupiers declared the Act "
              "ruinous, and that they could not pay the same wages for fewer hours. The delegates, on the "
              "other hand, said they asked that no child be employed under the age of fourteen.")


def inspectors_report(tmp_path):
    """The views' project, written by the inspector the header names (his 'I' is the writer's)."""
    make_project(tmp_path, VIEWS_TEXT, "topic: main\nfacts:" + VIEWS, deck_templates=["whose-view"])
    yaml = tmp_path / "seeds" / "doc" / "source.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("author: A. Writer", "author: L. Horner, Inspector"),
                    encoding="utf-8")


def test_whose_view_asks_nothing_about_a_passage_where_the_writer_says_i(tmp_path):
    inspectors_report(tmp_path)
    _, result = render(tmp_path)
    asked = by_template(result, "whose-view")
    assert sorted(asked) == ["owners-view", "workers-view"]
    assert "The inspector" in asked["owners-view"].options  # still an option for the others


ACCIDENTS = """
  - id: fatal
    kind: figure
    statement: Of the accidents reported, 14 were fatal.
    question: How many of the accidents reported were fatal?
    answer: "14"
    quote: of which 14 were fatal
    data: {item: fatal accidents, unit: accidents, value: 14}
    distractors: DISTRACTORS
"""


@pytest.mark.parametrize("distractors", ['["4", "41"]', '["4 accidents", "41 accidents"]'])
def test_a_bare_figure_answer_lends_its_distractors_to_the_question_asked_with_its_unit(tmp_path, distractors):
    """The answer '14' and the question's '14 accidents' ask the same figure: the teacher's wrong
    figures are offered, in the question's words ('4' as '4 accidents')."""
    make_project(tmp_path, "There were reported 1,082 accidents, of which 14 were fatal.",
                 "topic: main\nfacts:" + ACCIDENTS.replace("DISTRACTORS", distractors),
                 deck_templates=["choice-figure"])
    _, result = render(tmp_path)
    question = by_template(result, "choice-figure")["fatal"]
    assert sorted(question.options) == ["14 accidents", "4 accidents", "41 accidents"]
    assert question.options[question.correct] == "14 accidents"


@pytest.mark.parametrize("distractor, own, asked, offered", [
    ("4", "14", "14 accidents", "4 accidents"),
    ("4", "14", "14", "4"),
    ("4 cases", "14", "14 accidents", "4 cases"),            # written with a unit: as written
    ("4", "14", "about 14 accidents", "4"),                  # not the answer's words plus a unit
    ("Ten", "Fourteen", "14 accidents", "Ten"),
    ("£21 a year", "£26 a year", "£26", "£21"),              # the words the question leaves off
    ("£21", "£26 a year", "£26", "£21"),
    ("10 per cent", "5 per cent of their value", "5 per cent", "10 per cent"),
])
def test_only_a_bare_distractor_of_a_bare_answer_takes_the_questions_unit(distractor, own, asked, offered):
    from studykit.questions.choices import in_asked_words

    assert in_asked_words(distractor, own, asked) == offered


def test_a_section_short_of_questions_says_which_facts_were_skipped_and_why(tmp_path):
    """The writer's own view ('I have found ...') makes no whose-view question: a section asking
    for one more multiple choice is told so, at the fact, not only what a question needs."""
    from cli_helpers import run_in_process

    inspectors_report(tmp_path)
    add_worksheet_section(tmp_path, "{multiple_choice: 3}")
    done = run_in_process("check", "--strict", cwd=tmp_path)
    out = done.stdout + done.stderr
    assert done.returncode == 1
    assert "asks for 3 multiple_choice question(s) but the deck's templates make 2; fix: " in out, out
    assert ("\n  - template 'whose-view' makes a question only for a fact with at least 2 comparable "
            "facts") in out, out
    assert "; here:\n      fact 'own-view': its 'skip_when' rule is true for it\n" in out, out
