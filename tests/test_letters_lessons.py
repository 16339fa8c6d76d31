"""What an (invented) soldier's letters of 1862 taught the questions on people: a role that
repeats a word of the name ("Captain Haines" as "Ashby's captain", "Corporal Dunn" as "a corporal
of Ashby's company") answers a true-or-false question on it and makes a matching pair by its
words, so neither is asked; the who-is card, which still needs the name, stays.  And the words a
two-sided figure's sides are called by: questions print them as past participles ("the figure
granted for ships"), so "came out with" or "sick" is warned where it is written."""

from __future__ import annotations

import pytest

from studykit.check import check_project
from studykit.questions.option_keys import echoing

from small_project import add_worksheet_section, make_project

TEXT = ("Corporal Dunn was killed the first day and Tom Whitlock is wounded in the arm. "
        "Capt. Haines put them to work as cooks and teamsters. Will Bell carried the colours. "
        "Old Riley kept the mules.")

PEOPLE = """
topic: main
facts:
  - id: dunn
    kind: person
    statement: Corporal Dunn was killed on the first day.
    question: Who was killed on the first day?
    answer: Corporal Dunn
    quote: Corporal Dunn was killed the first day
    data: {name: Corporal Dunn, role: "a corporal of the company, killed on the first day"}
    category: comrade
  - id: whitlock
    kind: person
    statement: Tom Whitlock was wounded in the arm.
    question: Who was wounded in the arm?
    answer: Tom Whitlock
    quote: Tom Whitlock is wounded in the arm.
    data: {name: Tom Whitlock, role: the soldier wounded in the arm}
    category: comrade
  - id: haines
    kind: person
    statement: Captain Haines put them to work as cooks and teamsters.
    question: Who put them to work?
    answer: Captain Haines
    quote: Capt. Haines put them to work as cooks and teamsters.
    data: {name: Captain Haines, role: the company's captain}
    category: comrade
  - id: bell
    kind: person
    statement: Will Bell carried the colours.
    question: Who carried the colours?
    answer: Will Bell
    quote: Will Bell carried the colours.
    data: {name: Will Bell, role: the bearer of the colours}
    category: comrade
  - id: riley
    kind: person
    statement: Old Riley kept the mules.
    question: Who kept the mules?
    answer: Old Riley
    quote: Old Riley kept the mules.
    data: {name: Old Riley, role: the keeper of the mules}
    category: comrade
"""


@pytest.mark.parametrize("role, name, echoes", [
    ("Ashby's captain", "Captain Haines", True),
    ("a corporal of Ashby's company", "Corporal Dunn", True),
    ("the Captain's clerk", "captain haines", True),  # any case
    ("the soldier wounded in the arm", "Tom Whitlock", False),
    ("the head of the Department", "Sudarikov", False),
    ("the keeper of the mules", "the Keeper", True),
    ("a man of the town", "the Mayor of the Town", True),
    ("an envoy of the Phalarians", "Agesandros", False),
    ("the founders of a new nation", "our fathers", False),
    ("Smith's son", "A. Smith", True),
    ("the one who fell", "A. Jones", False),  # 'a' and one-letter initials are no words to echo
])
def test_a_role_echoes_a_word_of_the_name(role, name, echoes):
    assert echoing(role, name) is echoes


def questions_by_template(tmp_path, template):
    make_project(tmp_path, TEXT, PEOPLE)
    add_worksheet_section(tmp_path, "{matching: 1}")
    report = check_project(tmp_path)
    assert report.problems == [], report.problems
    return [q for result in report.decks.values() for q in result.questions if q.template_id == template]


def test_no_true_or_false_on_a_role_that_echoes_the_name(tmp_path):
    asked = questions_by_template(tmp_path, "true-false-person")
    prompts = [q.prompt for q in asked]
    assert {q.facts[0].id for q in asked} == {"whitlock", "bell", "riley"}, prompts
    assert not any("is the company's captain" in p or "is a corporal" in p for p in prompts), prompts


def test_no_matching_pair_matched_by_its_words(tmp_path):
    (matching,) = questions_by_template(tmp_path, "matching-people")
    people = {right for _, right in matching.pairs}
    roles = {left for left, _ in matching.pairs}
    assert "Captain Haines" not in people and "the company's captain" not in roles, matching.pairs
    assert "Tom Whitlock" in people and "the keeper of the mules" in roles, matching.pairs


def test_who_is_still_asks_for_the_name(tmp_path):
    """'Who is described as the company's captain?' still needs 'Haines': the card stays."""
    asked = {q.facts[0].id: q for q in questions_by_template(tmp_path, "who-is")}
    assert asked["haines"].answer == "Captain Haines"


# --- the words of a figure's sides ------------------------------------------------------------

from studykit.load import load_project  # noqa: E402
from studykit.load.figure_words import reads_as_participle  # noqa: E402

COMPANY = """
topic: main
facts:
  - id: company
    kind: figure
    statement: The company went in with 64 men and came out with 41.
    question: How many men went in, and how many came out?
    answer: 64 went in; 41 came out
    quote: Our company went in with 64 men and come out with 41.
    data: {item: men of the company, unit: men, requested: 64, promised: 41, SIDES}
"""


@pytest.mark.parametrize("words, reads", [
    ("granted", True), ("lent", True), ("planned", True), ("recommended", True), ("voted", True),
    ("sent to hospital", True), ("paid", True), ("given", True), ("won", True), ("come", True),
    ("set aside", True), ("sunk", True),
    ("came out with", False), ("went in with", False), ("sick", False), ("gave", False),
    ("missing", False), ("was left", False), ("", False),
])
def test_a_side_is_called_by_a_past_participle(words, reads):
    assert reads_as_participle(words) is reads


def warnings_of(tmp_path, sides: str) -> list[str]:
    make_project(tmp_path, "Our company went in with 64 men and come out with 41.",
                 COMPANY.replace("SIDES", sides))
    _, found = load_project(tmp_path)
    assert not [p for p in found if not p.is_warning], found
    return [str(p) for p in found if p.is_warning]


def test_a_side_named_by_a_finite_verb_is_warned_at_its_word(tmp_path):
    found = warnings_of(tmp_path, "requested_as: went in with, promised_as: came out with")
    assert len(found) == 2, found
    assert "'requested_as: went in with' does not read as a past participle" in found[0]
    assert '"the figure came out with for men of the company"' in found[1]
    written = (tmp_path / "seeds" / "doc" / "facts" / "facts.yaml").read_text().splitlines()
    line = next(i for i, text in enumerate(written, 1) if "requested_as: went in with" in text)
    col = written[line - 1].index("requested_as: went in with") + len("requested_as: ") + 1
    assert f"facts.yaml:{line}:{col}:" in found[0], (found[0], line, col)


def test_participles_are_not_warned(tmp_path):
    assert warnings_of(tmp_path, "requested_as: sent in, promised_as: brought out") == []
