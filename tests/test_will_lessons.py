"""What an (invented) will of 1742 with its inventory taught the questions about people: first
names carry no sex, so a person the document shows as a woman only by her role ("my daughter Ann")
or by its pronouns ("my servant Mary Tull, if she be living") was borrowed for a man's role or
offered as a son: "Mary Tull is the testator's brother-in-law", "Which son was left forty pounds?
... Ann Brayley".  The document's own words now give the sex: the name's style, the nouns of the
person's own role, else the pronouns right after the name in its quote."""

from __future__ import annotations

import pytest

from studykit.questions.titles import of_other_sex, person_sex

from small_project import by_template, make_project, render


def person(name, role="", quote=""):
    return {"kind": "person", "data": {"name": name, "role": role}, "quote": quote}


@pytest.mark.parametrize("who, sex", [
    (person("Mrs. Hannah Lees"), "f"),  # the style first
    (person("Ann Brayley", "the daughter of Thomas Brayley"), "f"),  # the nouns of her own role
    (person("Richard Vosper", "Thomas Brayley's brother-in-law"), "m"),
    (person("Mary Tull", "a servant", "unto my servant Mary Tull, if she be living in my service"), "f"),
    (person("William Brayley", "heir", "unto my son William Brayley my farm, to him and his heirs"), "m"),
    # a pronoun before the name, or in the next sentence, speaks of someone else
    (person("Mary Cole", "a lodger", "Mr. Pryor said his lodger Mary Cole left. He went out"), ""),
    (person("Ann Cole", "a builder", "Ann Cole kept the yard her husband and his son built"), ""),  # both
    (person("Margaret Brayley", "the wife of Thomas Brayley and executrix of his will"), "f"),  # 'his': another
    (person("Thomas Lane", "a master bricklayer", "Thomas Lane built the house"), "m"),  # 'master'
    (person("Jo Pike", "a carrier", "Jo Pike carried the goods"), ""),  # the name alone says nothing
    ("Mr. Joseph Crossley", "m"), ("John Barlow", ""),  # a bare name, as before
])
def test_the_sex_a_document_shows_for_a_person(who, sex):
    assert person_sex(who) == sex


@pytest.mark.parametrize("role, other", [
    ("Thomas Brayley's brother-in-law", True), ("the master bricklayer who built the house", True),
    ("a servant in the house", False), ("her husband's sister", False),  # a pronoun speaks of another
    ("Which son was left forty pounds?", True), ("Which of the children was left the farm?", False),
])
def test_a_servant_called_she_is_of_the_other_sex_than_these_roles(role, other):
    mary = person("Mary Tull", "a servant", "unto my servant Mary Tull, if she be living in my service")
    assert of_other_sex(mary, role) is other


@pytest.mark.parametrize("text, sex", [
    ("Whom did he make sole executrix of his will?", "f"), ("the matron to the single women", "f"),
    ("the master of the barque", "m"), ("the son of the widow", "m"), ("the carrier", ""),
])
def test_the_sex_the_nouns_of_a_role_or_question_give(text, sex):
    from studykit.questions.titles import said_sex

    assert said_sex(text) == sex


TEXT = ("Item, I give unto my servant Mary Tull, if she be living in my service at my decease, forty shillings. "
        "Item, I give unto my brother-in-law Richard Vosper my grey mare. "
        "Item, I give unto Thomas Lane, master bricklayer, who built my house, five pounds. "
        "Item, I give unto Jo Pike, carrier, my cart. "
        "Item, I give unto my eldest son William Brayley my farm. Item, I give unto my younger son John "
        "Brayley forty pounds. Item, I give unto my daughter Ann Brayley thirty pounds. "
        "Item, I give unto my youngest son Peter Brayley my books.")

PEOPLE = """
topic: main
facts:
  - {{id: tull-{n}, kind: person, category: household, statement: Mary Tull was the testator's servant.,
     question: Who was the testator's servant?, answer: Mary Tull,
     quote: "unto my servant Mary Tull, if she be living in my service", data: {{name: Mary Tull, role: a servant in the testator's house}}}}
  - {{id: vosper-{n}, kind: person, category: household, statement: Richard Vosper was the testator's brother-in-law.,
     question: Who was left the grey mare?, answer: Richard Vosper,
     quote: unto my brother-in-law Richard Vosper my grey mare, data: {{name: Richard Vosper, role: the testator's brother-in-law}}}}
  - {{id: lane-{n}, kind: person, category: household, statement: Thomas Lane was the master bricklayer who built the house.,
     question: Who built the testator's house?, answer: Thomas Lane,
     quote: "unto Thomas Lane, master bricklayer, who built my house", data: {{name: Thomas Lane, role: the master bricklayer who built the house}}}}
  - {{id: pike-{n}, kind: person, category: household, statement: Jo Pike was a carrier.,
     question: Who was left the cart?, answer: Jo Pike,
     quote: "unto Jo Pike, carrier, my cart", data: {{name: Jo Pike, role: a carrier}}}}
  - {{id: william-{n}, kind: person, category: children, statement: William Brayley was left the farm.,
     question: Which son was left the farm?, answer: William Brayley,
     quote: unto my eldest son William Brayley my farm, data: {{name: William Brayley, role: the eldest son}}}}
  - {{id: john-{n}, kind: person, category: children, statement: John Brayley was left forty pounds.,
     question: Which son was left forty pounds?, answer: John Brayley,
     quote: unto my younger son John Brayley forty pounds, data: {{name: John Brayley, role: the younger son}}}}
  - {{id: ann-{n}, kind: person, category: children, statement: Ann Brayley was left thirty pounds.,
     question: Which of the children was left thirty pounds?, answer: Ann Brayley,
     quote: unto my daughter Ann Brayley thirty pounds, data: {{name: Ann Brayley, role: the daughter}}}}
  - {{id: peter-{n}, kind: person, category: children, statement: Peter Brayley was left the books.,
     question: Which son was left the books?, answer: Peter Brayley,
     quote: unto my youngest son Peter Brayley my books, data: {{name: Peter Brayley, role: the youngest son}}}}
"""


@pytest.mark.parametrize("n", range(6))  # the ids seed which statements are false and what they borrow
def test_no_false_version_or_option_borrows_a_person_the_document_shows_as_of_the_other_sex(tmp_path, n):
    make_project(tmp_path, TEXT, PEOPLE.format(n=n), called="the will",
                 deck_templates=["true-false-person", "choice-answer"])
    _, result = render(tmp_path)
    statements = by_template(result, "true-false-person")
    assert {f"tull-{n}", f"lane-{n}", f"pike-{n}"} <= set(statements)  # each still finds a fair false version
    for fact_id in (f"vosper-{n}", f"lane-{n}"):  # a man's role: never "Mary Tull is ..."
        if fact_id in statements:
            assert "Mary Tull" not in statements[fact_id].prompt, statements[fact_id].prompt
    choices = by_template(result, "choice-answer")
    for fact_id in (f"william-{n}", f"john-{n}", f"peter-{n}"):  # "Which son ...?" never offers the daughter
        assert fact_id in choices and "Ann Brayley" not in choices[fact_id].options, choices[fact_id].options
    assert "Ann Brayley" in choices[f"ann-{n}"].options  # "Which of the children ...?" asks for no sex


PURSE = """
topic: main
facts:
  - id: purse
    kind: figure
    statement: Thomas Brayley's purse and apparel were valued at 6 pounds.
    question: At how much were his purse and apparel valued?
    answer: 6 pounds
    quote: Imprimis, his purse and apparel, 6 pounds.
    data: {item: ITEM, unit: pounds, value: 6}
  - id: goods
    kind: list
    statement: The inventory lists his purse and his apparel.
    question: What does the inventory list first?
    answer: His purse; his apparel
    quote: Imprimis, his purse and apparel, 6 pounds.
    data: {label: LABEL, items: [his purse, his apparel]}
"""


@pytest.mark.parametrize("item, label, warned", [
    ("his purse and apparel", "the first goods listed", {"purse"}),
    ("Thomas Brayley's purse and apparel", "their first goods", {"goods"}),
    ("Thomas Brayley's purse and apparel", "the first goods listed", set()),
    ("the purse and apparel of his father", "the first goods listed", set()),  # whose: said after it
])
def test_an_item_opening_with_his_names_no_one_on_a_card(tmp_path, item, label, warned):
    """"What figure does the will give for his purse and apparel?": the item opens with 'his', and
    the question prints it without the sentence that said whose."""
    from studykit.check import check_project

    make_project(tmp_path, "Imprimis, his purse and apparel, 6 pounds.",
                 PURSE.replace("ITEM", item).replace("LABEL", label), called="the will")
    warnings = [w for w in check_project(tmp_path).warnings if "names no one" in str(w)]
    assert {w.message.split("'")[1] for w in warnings} == warned, [str(w) for w in warnings]
    for w in warnings:  # at the data line of the fact it names
        assert w.line == (10 if "'purse'" in w.message else 17), str(w)
