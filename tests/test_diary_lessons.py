"""Lessons of a new genre, a private diary (an invented farmer's wife's diary of the cold summer
of 1816): the diarist writes of her household and neighbours by first name and pronoun.

- "Thomas says the wheat ... will not come to harvest" was asked "whose view?" with "Thomas"
  left in the passage and "Thomas Marsh" among the options: a person's own name names them by
  any of its words, so it is blanked ("_____ says the wheat ...").
- "In the diary, Ellen [the diarist's sister] is the miller" and "Mrs. Ward [a widow] is the
  dealer from Newmarket" were false by sex alone: a false version never puts a woman in a man's
  role where the document gives both (a man in a woman's role only where its words say so: "Mr.
  Pell is the widow at the Fen End").
"""

from __future__ import annotations

from small_project import by_template, make_project, render

TEXT = ("Thomas says the wheat on the long field will not come to harvest before September. "
        "He thinks the cold a judgement on the county. Mr. Hobbs the miller will not grind under 2s. "
        "The dealer, a Mr. Pell of Newmarket, said no man would pay more. My sister Ellen writes from Lynn. "
        "Mrs. Ward, the widow at the Fen End, came for hers and cried. Hay is dear this year.")

PEOPLE = [("hobbs", "Mr. Hobbs", "the miller", "Mr. Hobbs the miller will not grind under 2s."),
          ("pell", "Mr. Pell", "the dealer from Newmarket", "The dealer, a Mr. Pell of Newmarket, said no man would pay more."),
          ("ellen", "Ellen", "the writer's sister at Lynn", "My sister Ellen writes from Lynn."),
          ("ward", "Mrs. Ward", "the widow at the Fen End", "Mrs. Ward, the widow at the Fen End, came for hers and cried.")]
VIEWS = [("wheat", "Thomas Marsh", "Thomas says the wheat on the long field will not come to harvest before September."),
         ("judgement", "Mr. Crowe", "He thinks the cold a judgement on the county."),
         ("hay", "the writer", "Hay is dear this year.")]


def _asked(tmp_path):
    facts = "topic: main\nfacts:\n" + "".join(f"""\
  - id: {fid}
    kind: person
    statement: "{quote}"
    question: Who was {role}?
    answer: "{name}"
    quote: "{quote}"
    category: household
    data: {{name: "{name}", role: "{role}"}}
""" for fid, name, role, quote in PEOPLE) + "".join(f"""\
  - id: {fid}
    kind: claim
    statement: "{quote}"
    question: What was said?
    answer: "{quote}"
    quote: "{quote}"
    data: {{holder: "{holder}"}}
""" for fid, holder, quote in VIEWS)
    root = make_project(tmp_path, TEXT, facts, called="the diary",
                        deck_templates=["whose-view", "true-false-person"])
    _, result = render(root)
    return result


def test_a_person_named_by_a_first_name_is_blanked_in_a_whose_view_passage(tmp_path):
    asked = by_template(_asked(tmp_path), "whose-view")
    wheat = asked["wheat"]
    assert wheat.answer == "Thomas Marsh"
    assert "\u201c_____ says the wheat on the long field" in wheat.prompt and "Thomas" not in wheat.prompt


def test_a_false_version_never_puts_a_woman_in_a_man_s_role(tmp_path):
    asked = by_template(_asked(tmp_path), "true-false-person")
    women, men = ("Ellen", "Mrs. Ward"), ("Mr. Hobbs", "Mr. Pell")
    for fid, others in (("hobbs", women), ("pell", women), ("ellen", men), ("ward", men)):
        question = asked[fid]
        assert question.truth or not any(f", {name} is" in question.prompt for name in others), question.prompt
    assert any(not q.truth for q in asked.values())  # false versions there are, of the same sex
    from studykit.questions.titles import woman_for_man

    ellen = {"data": {"name": "Ellen", "role": "the writer's sister at Lynn"}}
    hobbs = {"data": {"name": "Mr. Hobbs", "role": "the miller"}}
    assert woman_for_man(ellen, hobbs) and not woman_for_man(hobbs, ellen)
    assert not woman_for_man(hobbs, {"data": {"name": "Mr. Pell", "role": "a dealer"}})
    assert not woman_for_man(ellen, {"data": {"name": "Thomas Marsh", "role": "a farmer"}})  # his sex is not given
