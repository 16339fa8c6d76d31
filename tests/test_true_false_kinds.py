"""A true/false statement on who held which role never borrows a holder of another kind.

"In the chronicle, the Phalarians are the body that voted a golden crown for Diotimos" (a people
for a council's act), "Tom Peck is the surgeon at the infirmary" (a child of the parish) and "Mrs.
Ellen Grant is a brickmaster at Tipton" are false versions no student could believe: each is told
false by the kind of holder or by the sex a compound trade gives, not by knowing the document.
"""

from __future__ import annotations

from small_project import by_template, make_project, render

PEOPLE = [  # fact id, name, role, the sentence quoted
    ("council", "the Council of Ashby", "the body that voted the new rate", "The Council of Ashby voted the new rate."),
    ("danes", "the Danes", "the people who burned the mill", "The Danes burned the mill."),
    ("child", "Tom Peck", "a child of the Staithe", "Tom Peck, a child of the Staithe, was found."),
    ("surgeon", "Ellis Pryce", "the surgeon at the infirmary", "Ellis Pryce, the surgeon at the infirmary, came."),
    ("grant", "Mrs. Ellen Grant", "the keeper of the toll house", "Mrs. Ellen Grant kept the toll house."),
    ("brick", "John Tipping", "a brickmaster at Tipton", "John Tipping, a brickmaster at Tipton, spoke."),
]


def _asked(tmp_path):
    text = " ".join(sentence for *_, sentence in PEOPLE)
    facts = "topic: main\nfacts:\n" + "".join(f"""\
  - id: {fid}
    kind: person
    statement: "{sentence}"
    question: Who was {role}?
    answer: "{name}"
    quote: "{sentence}"
    category: townsfolk
    data: {{name: "{name}", role: "{role}"}}
""" for fid, name, role, sentence in PEOPLE)
    root = make_project(tmp_path, text, facts, deck_templates=["true-false-person"])
    _, result = render(root)
    return by_template(result, "true-false-person"), result.reasons


def test_a_body_a_people_and_a_child_lend_no_false_version_to_another_kind(tmp_path):
    asked, reasons = _asked(tmp_path)
    # each of these three is the only one of its kind: no false version is left, so none is asked
    for fid in ("council", "danes", "child"):
        assert fid not in asked, (fid, asked[fid].prompt if fid in asked else "")
        assert "sibling_when" in reasons[f"true-false-person/{fid}"]
    # a trade's false version names a person of a trade (never the child, the body or the people);
    # a role of no known kind ("the keeper of the toll house") may be given to anyone
    for question in (asked["surgeon"], asked["brick"]):
        if not question.truth:
            assert not any(name in question.prompt for name in ("Tom Peck", "Council of Ashby", "Danes"))


def test_a_woman_is_not_offered_for_a_compound_master_s_trade(tmp_path):
    asked, _ = _asked(tmp_path)
    brick = asked["brick"]
    assert brick.truth or "Ellis Pryce" in brick.prompt, brick.prompt


def test_the_kinds_and_sexes_roles_give():
    from studykit.questions.titles import holder_kind, of_other_kind, said_sex

    assert holder_kind("the body that voted a golden crown for Diotimos") == "body"
    assert holder_kind("the people who burned the farms of the plain") == "people"
    assert holder_kind("a child of the Staithe") == "child"
    assert holder_kind("the surgeon at the infirmary") == "person"
    assert holder_kind("archon in 433 BC") == ""  # a role of no known kind may be anyone's
    assert of_other_kind({"data": {"role": "the people who burned the farms"}}, "the body that voted a crown")
    assert not of_other_kind({"data": {"role": "archon in 438 BC"}}, "the body that voted a crown")
    assert of_other_kind({"data": {"name": "Mrs. Ellen Grant", "role": "the keeper of the toll house"}},
                         "the body that voted a crown")
    assert said_sex("a brickmaster at Tipton Heath") == "m" and said_sex("the postmistress of the town") == "f"
    assert said_sex("a washerwoman of the Staithe") == "f" and said_sex("the master's men") == "m"
