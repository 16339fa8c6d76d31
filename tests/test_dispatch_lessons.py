"""What an (invented) governor's dispatch of 1838 taught the checks and the questions: a number the
source gives earlier in the quote's own long sentence ("In the attack of the 2nd of September the
garrison lost 7 men killed and 19 wounded, of whom 4 have since died") was named in the message
as words cut short with "…", which, pasted into the quote as the message said, were then no
passage of the source; the message now names words the teacher can paste as they are."""

from __future__ import annotations

from studykit.load import load_project

from small_project import make_project

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
