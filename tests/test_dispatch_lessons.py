"""What an (invented) governor's dispatch of 1838 taught the checks and the questions: a number the
source gives earlier in the quote's own long sentence ("In the attack of the 2nd of September the
garrison lost 7 men killed and 19 wounded, of whom 4 have since died") was named in the message
as words cut short with "…", which, pasted into the quote as the message said, were then no
passage of the source; the message now names words the teacher can paste as they are.  And the
dispatch gives "every ten days" for two things (the supply boats arrive every ten days; the
sentries are relieved every ten days), so the reverse card "what does the figure of 10 days refer
to?" had two right answers: a figure the document also gives outside its fact's quote gets none
(the trial of 1786 lost one the same way: its handkerchief valued at 2 shillings, its garret let
"at two shillings a week")."""

from __future__ import annotations

import pytest

from studykit import figure_places, quotes
from studykit.load import load_project

from small_project import by_template, make_project, render

ATTACK = ("In the attack of the 2nd of September the garrison lost 7 men killed and 19 wounded, of whom 4 "
          "have since died of their wounds.")

DIED = """
topic: main
facts:
  - id: died
    kind: event
    statement: Of the men wounded on 2 September, 4 had since died of their wounds.
    question: How many of the wounded had died?
    answer: 4 men
    quote: QUOTE
"""


def errors(tmp_path, quote: str) -> list[str]:
    make_project(tmp_path, ATTACK, DIED.replace("QUOTE", quote), called="the dispatch")
    _, problems = load_project(tmp_path)
    return [p.message for p in problems if p.severity == "error"]


def test_the_words_a_message_names_before_a_long_quote_are_a_passage_to_paste(tmp_path):
    [message] = errors(tmp_path / "a", "19 wounded, of whom 4 have since died of their wounds.")
    named = message.split('just before the quote, in "', 1)[1].split('"', 1)[0]
    assert "…" not in named and "2nd" in named and named in ATTACK, message
    # pasted as the message says, the quote is found and the number given
    assert errors(tmp_path / "b", f'["{named}", "19 wounded, of whom 4 have since died of their wounds."]') == []


BOATS = ("The fort is supplied by boats, which arrive every ten days when the river serves. The men receive "
         "one pound of biscuit a day. SENTRIES")
TEN_DAYS = """
topic: main
facts:
  - id: boats
    kind: figure
    statement: Boats reached the fort every ten days.
    question: How often did the boats reach the fort?
    answer: Every ten days
    quote: The fort is supplied by boats, which arrive every ten days when the river serves.
    data: {item: the interval between supply boats, unit: days, value: 10}
"""


@pytest.mark.parametrize("sentries, reverse", [
    ("The sentries on the north wall are relieved every ten days.", False),  # ten days for a second thing
    ("The sentries are relieved every 10 days.", False),  # in figures too
    ("The boats take four days to come up.", True),
    ("In the tenth day of the siege a boat came.", True),  # an ordinal is no figure of ten days
    ("Of the ten days of their passage nothing is said.", True),  # 'the ten days': the figure given already
    ("Ten men and forty sheep, 12 days old, were sent.", True),  # 'ten men', not ten days
])
def test_no_reverse_card_on_a_figure_the_document_gives_for_something_else_too(tmp_path, sentries, reverse):
    make_project(tmp_path, BOATS.replace("SENTRIES", sentries), TEN_DAYS, called="the dispatch",
                 deck_templates=["figure-reverse", "recall"])
    _, result = render(tmp_path)
    assert ("boats" in by_template(result, "figure-reverse")) is reverse
    assert "boats" in by_template(result, "recall")  # the fact itself is still asked


def test_a_promised_figure_keeps_its_reverse_card_since_its_word_tells_it_apart(tmp_path):
    facts = TEN_DAYS.replace("value: 10}", "requested: 12, promised: 10, promised_as: granted}").replace(
        "quote: The fort", "quote: [The men asked for boats every twelve days. The fort")
    facts = facts.replace("when the river serves.", "when the river serves.]")
    text = "The men asked for boats every twelve days. " + BOATS.replace("SENTRIES", "The sentries are relieved every ten days.")
    make_project(tmp_path, text, facts, called="the dispatch", deck_templates=["figure-reverse"])
    _, result = render(tmp_path)
    assert "granted figure of 10 days" in by_template(result, "figure-reverse")["boats"].prompt


@pytest.mark.parametrize("text, value, unit, found", [
    ("paid £310 and then £310 more", 310, "£", 2),
    ("a duty of 60% and of sixty per cent", 60, "%", 1),
    ("sixty per cent of them", 60, "per cent", 1),
    ("2 million tons of grain", 2_000_000, "tons", 1),
    ("the 2nd of May, 2 days later", 2, "days", 1),
    ("ten long days", 10, "days", 1),
    ("on his ninth day, and nine days out", 9, "days", 1),  # an ordinal names a place in a row
    ("400,000 of coal", 400_000, None, 0),  # no unit: a bare number stands in every date
])
def test_the_places_a_document_gives_a_figure(text, value, unit, found):
    assert len(figure_places.places(quotes.QuoteIndex(text), value, unit)) == found


OFFICERS = [("hollis", "Major Charles Hollis", "Who commanded the regulars?", "the commander of the regulars"),
            ("fane", "Lieutenant Edward Fane", "Who held the river gate?", "the officer at the river gate"),
            ("reid", "Mr. Alexander Reid", "Who was the surgeon?", "the surgeon of the fort"),
            ("pike", "Major Thomas Pike", "Who commanded the militia?", "the commander of the militia"),
            ("ives", "Major John Ives", "Who commanded the battery?", "the commander of the battery"),
            ("dyer", "Mr. Henry Dyer", "Who kept the stores?", "the storekeeper of the fort"),
            ("lane", "Mr. Walter Lane", "Who kept the accounts?", "the clerk of the fort")]
OFFICERS_TEXT = " ".join(f"{name}, {role}." for _, name, _, role in OFFICERS)


def test_a_multiple_choice_on_people_offers_only_names_with_the_answers_office(tmp_path):
    """"Who was the surgeon? Major Charles Hollis / Lieutenant Edward Fane / Mr. Alexander Reid": the
    only name without a rank answers a question on the civilian surgeon by its title alone."""
    facts = "topic: main\nfacts:\n" + "".join(f"""  - id: {fid}
    kind: person
    category: officers
    statement: {name} was {role}.
    question: {question}
    answer: {name}
    quote: "{name}, {role}."
    data: {{name: {name}, role: {role}}}
""" for fid, name, question, role in OFFICERS)
    make_project(tmp_path, OFFICERS_TEXT, facts, called="the dispatch", deck_templates=["choice-answer"])
    _, result = render(tmp_path)
    made = by_template(result, "choice-answer")
    assert set(made) == {"hollis", "pike", "ives", "reid", "dyer", "lane"}  # Fane, the one lieutenant: none
    for fid in ("hollis", "pike", "ives"):
        assert all(option.startswith("Major ") for option in made[fid].options), made[fid].options
    for fid in ("reid", "dyer", "lane"):
        assert all(option.startswith("Mr. ") for option in made[fid].options), made[fid].options


PRAISE = """
topic: main
facts:
  - id: praise
    kind: claim
    statement: Major Hollis spoke in the highest terms of the conduct of Lieutenant Edward Fane.
    question: Whose conduct did Major Hollis praise in the highest terms?
    answer: ANSWER
    quote: Major Hollis speaks in the highest terms of the conduct of Lieutenant Edward Fane
    data: {holder: Major Charles Hollis}
"""


@pytest.mark.parametrize("answer, accepted", [
    ("Lieutenant Edward Fane's", ["Lieutenant Edward Fane", "Edward Fane"]),  # the owner, titled or not
    ("Lieutenant Fane\u2019s", ["Lieutenant Fane", "Fane"]),
    ("Because he held the gate at Fane's", []),  # a sentence naming a place, not an owner
    ("Lieutenant Edward Fane", []),
])
def test_a_whose_answer_also_accepts_the_owner_without_the_possessive(tmp_path, answer, accepted):
    """"Whose conduct ...? Lieutenant Edward Fane's": an exact-match quiz marked "Edward Fane" wrong."""
    make_project(tmp_path, "Major Hollis speaks in the highest terms of the conduct of Lieutenant Edward Fane.",
                 PRAISE.replace("ANSWER", f'"{answer}"'), called="the dispatch", deck_templates=["recall"])
    _, result = render(tmp_path)
    assert by_template(result, "recall")["praise"].accept == accepted
