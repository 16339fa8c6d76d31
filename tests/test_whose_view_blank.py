"""whose-view asks about a passage that names its holder with the naming words blanked.

"According to the opinion of the harbour masters, the quay is too short" answers its own question;
skipping such passages left the holders who are always named (the shipped report's "Soviet
comrades") offered in every question and right in none, so a student who always picked the writer
scored 75%.  Blanked ("According to the opinion of _____, ..."), the passage asks the student to
read the attribution; it is still not asked when, blanked, it names the holder another way.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from studykit.check import check_project
from studykit.questions.attribution import BLANK, holder_blanked, naming
from studykit.questions.punctuation import quoted

from small_project import whose_view_questions

REPO = Path(__file__).resolve().parent.parent

VIEWS = [  # fact id, holder, quote
    ("quay", "the harbour masters",
     "According to the opinion of the harbour masters, the quay is too short for the new ships."),
    ("strike", "the weavers' guild",
     "The weavers' guild did not rule out a strike. … The guild was stressing that wages had fallen."),
    ("others", "the harbour masters",
     "The harbour masters said that the pilots of other harbours disagreed with the other masters."),
    ("councillors", "the Council",
     "The Councillors thought the toll on carts too high for the trade of the town."),
    ("doubt", "the Council of the town",
     "the Council said among themselves that the bridge would not stand another winter."),
    ("alone", "the pilots", "The pilots agreed."),
    ("mayor", "the mayor", "A second weir on the river would keep the mills turning in summer."),
]


def _asked(tmp_path):
    return whose_view_questions(tmp_path, VIEWS)


def test_a_passage_naming_its_holder_is_asked_with_the_name_blanked(tmp_path):
    asked = _asked(tmp_path)
    quay = asked["quay"]
    assert quay.answer == "The harbour masters"
    assert ("\u201cAccording to the opinion of _____, the quay is too short for the new ships.\u201d"
            in quay.prompt)
    # a holder named twice is blanked twice, the article with it ("The weavers' guild", "The guild")
    assert ("\u201c_____ did not rule out a strike. … _____ was stressing that wages had fallen.\u201d"
            in asked["strike"].prompt)
    assert "the _____" not in asked["doubt"].prompt.lower()
    assert "\u201c_____ said among themselves that the bridge" in asked["doubt"].prompt


def test_a_passage_still_naming_its_holder_after_the_blank_is_not_asked(tmp_path):
    asked = _asked(tmp_path)
    # "the other masters" names the masters again by a word the blank cannot take (another party's
    # phrase), and "The pilots agreed." leaves nothing but the blank: neither is asked.
    assert "others" not in asked and "alone" not in asked
    # a name inside another word ("Councillors" for "the Council") is no name: asked as written
    assert "\u201cThe Councillors thought the toll on carts" in asked["councillors"].prompt
    assert BLANK not in asked["councillors"].prompt and BLANK not in asked["mayor"].prompt
    offered = {option for q in asked.values() for option in q.options}
    assert "The pilots" in offered  # a holder not asked about still lends its name


def test_the_blank_replaces_only_the_naming_words():
    # a phrase naming another party by the same noun is left ("Korean comrades" is not theirs)
    passage = "Their position, according to the opinion of Soviet comrades, was extreme for Korean comrades."
    assert holder_blanked(passage, "Soviet comrades") == (
        "Their position, according to the opinion of _____, was extreme for Korean comrades.")
    assert holder_blanked("The answer of the god was that", "the god at Delphi") == "The answer of _____ was that"
    assert holder_blanked("the delegation's requests", "members of the delegation") == "_____'s requests"


def _shipped_whose_view():
    result = check_project(REPO)
    assert result.ok
    return [q for deck in result.decks.values() for q in deck.questions if q.id.startswith("whose-view/")]


def test_the_shipped_deck_asks_every_holder_and_teaches_no_guess():
    questions = _shipped_whose_view()
    right = Counter(q.answer for q in questions)
    offered = {option for q in questions for option in q.options}
    # every holder offered is right somewhere: no option a student learns to strike out
    assert offered == set(right), offered - set(right)
    # 12 of 21: two passages whose blank shows a number ("_____ was stressing" for the members of
    # the delegation; "_____ do not believe" leaving one wrong option) are not asked
    assert right.most_common(1)[0][1] <= 0.58 * len(questions), right
    blanked = [q for q in questions if BLANK in q.prompt]
    assert {q.answer for q in blanked} >= {"Soviet comrades", "Members of the Korean delegation"}
    for q in blanked:
        shown = q.prompt[q.prompt.index("\u201c") + 1:q.prompt.rindex("\u201d")]
        source = quoted(" … ".join(q.fact.quotes))[1:-1]
        # verbatim apart from the blank, which stands for words of the source naming the holder
        assert re.fullmatch(".+?".join(map(re.escape, shown.split(BLANK))), source), (shown, source)
        assert not naming(shown, q.answer), shown
