"""What an (invented) siege diary of 1798 taught the questions about people: two gunners, "A gunner
of the North Battery, Samuel Pike" and "A gunner of the South Battery, Thomas Bell", and a teacher's
role for Bell cut to "a gunner", made "Who is described in the diary as a gunner?" with two right
answers, a matching question whose role "a gunner" fitted two people, and a true/false whose false
version "Samuel Pike is a gunner" could only be true.  An indefinite role the document also gives
someone else (its words in a row, not read back by "the" or a possessive) now makes none of them."""

from __future__ import annotations

import pytest

from small_project import by_template, make_project, render

DIARY = ("Monday, 7th May. A gunner of the North Battery, Samuel Pike, was killed by the first of them. "
         "Tuesday, 22d May. A gunner of the South Battery, Thomas Bell, lost his arm. "
         "The Commissary, Mr. Henry Gaunt, allowed them only 45. "
         "Mr. Ambrose Hale, the rector of St. Mary's, preached upon patience. "
         "The Governor, Colonel Arthur Blakeney, has given three orders. "
         "Dr. James Renwick, surgeon to the garrison, went to the hospital.")

PEOPLE = """
topic: main
facts:
  - {id: pike, kind: person, category: garrison, statement: Samuel Pike was killed by the first shell.,
     question: Who was killed by the first shell?, answer: Samuel Pike,
     quote: "A gunner of the North Battery, Samuel Pike, was killed", data: {name: Samuel Pike, role: a gunner of the North Battery}}
  - {id: bell, kind: person, category: garrison, statement: Thomas Bell lost his arm.,
     question: Who lost his arm?, answer: Thomas Bell,
     quote: "A gunner of the South Battery, Thomas Bell, lost his arm.", data: {name: Thomas Bell, role: BELL_ROLE}}
  - {id: gaunt, kind: person, category: garrison, statement: Mr. Henry Gaunt was the Commissary.,
     question: Who allowed the bakers only 45 sacks?, answer: Mr. Henry Gaunt,
     quote: "The Commissary, Mr. Henry Gaunt, allowed them only 45.", data: {name: Mr. Henry Gaunt, role: the Commissary}}
  - {id: hale, kind: person, category: garrison, statement: Mr. Ambrose Hale was the rector of St. Mary's.,
     question: Who preached upon patience?, answer: Mr. Ambrose Hale,
     quote: "Mr. Ambrose Hale, the rector of St. Mary's, preached upon patience.", data: {name: Mr. Ambrose Hale, role: "the rector of St. Mary's"}}
  - {id: blakeney, kind: person, category: garrison, statement: Colonel Arthur Blakeney was the Governor.,
     question: Who gave three orders?, answer: Colonel Arthur Blakeney,
     quote: "The Governor, Colonel Arthur Blakeney, has given three orders.", data: {name: Colonel Arthur Blakeney, role: the Governor}}
  - {id: renwick, kind: person, category: garrison, statement: Dr. James Renwick was surgeon to the garrison.,
     question: Who went to the hospital?, answer: Dr. James Renwick,
     quote: "Dr. James Renwick, surgeon to the garrison, went to the hospital.", data: {name: Dr. James Renwick, role: surgeon to the garrison}}
"""


@pytest.mark.parametrize("bell_role, shared", [
    ("a gunner", True),  # "A gunner of the North Battery, Samuel Pike" is one too
    ("a gunner of the South Battery", False),  # the qualifier tells them apart
])
def test_no_who_is_matching_or_true_false_on_a_role_the_document_gives_someone_else(tmp_path, bell_role, shared):
    make_project(tmp_path, DIARY, PEOPLE.replace("BELL_ROLE", bell_role), called="the diary",
                 deck_templates=["who-is", "true-false-person", "matching-people"])
    project, result = render(tmp_path)
    assert bool(project.facts["bell"].role_elsewhere) is shared
    who = by_template(result, "who-is")
    assert "pike" in who and "gaunt" in who  # "a gunner of the North Battery" names one man
    assert ("bell" in who) is not shared, who.get("bell") and who["bell"].prompt
    assert ("bell" in by_template(result, "true-false-person")) is not shared
    matching = [q for q in result.questions if q.template_id == "matching-people"]
    assert len(matching) == 1
    roles = [left for left, _ in matching[0].pairs]
    assert (bell_role in roles) is not shared and "a gunner of the North Battery" in roles, roles


@pytest.mark.parametrize("text, role, shared", [
    # the charter's grantor is a knight too: "Who is described ... as a knight?" has two answers
    ("I, Robert de Walden, knight, have given it. Witnesses: Sir Geoffrey Basset, knight; Master Simon.",
     "a knight", True),
    # the same pawnbroker named again by "the", or a servant by her master's name: no one else
    ("Joseph Linley, a pawnbroker, sworn. I took the goods to the pawnbroker in the street.", "a pawnbroker", False),
    ("Ann Cole, a servant, sworn. Mr. Pryor's servant saw it.", "a servant", False),
    # "three envoys" are others, but none of them is an envoy of the Phalarians
    ("The Council sent three envoys to Phalaros. After him an envoy of the Phalarians, Agesandros, spoke.",
     "an envoy of the Phalarians", False),
    ("Samuel Pike, a gunner, fell. A gunner of the South Battery, Thomas Bell, lost his arm.", "a gunner", True),
    ("Samuel Pike, one of the gunners, fell. Thomas Bell, one of the gunners, lost his arm.",
     "one of the gunners", True),
    ("The Commissary, Mr. Henry Gaunt, spoke. The Commissary, Mr. Wren, spoke later.", "the Commissary", False),
])
def test_an_indefinite_role_is_given_elsewhere_only_to_someone_new(tmp_path, text, role, shared):
    name = {"a knight": "Sir Geoffrey Basset", "a pawnbroker": "Joseph Linley", "a servant": "Ann Cole",
            "an envoy of the Phalarians": "Agesandros"}.get(role, "Samuel Pike" if "Pike" in text else "Mr. Henry Gaunt")
    quote = {"a knight": "Sir Geoffrey Basset, knight", "a pawnbroker": "Joseph Linley, a pawnbroker, sworn.",
             "a servant": "Ann Cole, a servant, sworn.",
             "an envoy of the Phalarians": "an envoy of the Phalarians, Agesandros, spoke."}.get(role)
    if quote is None:
        quote = text.split(". ")[0] + "."
    facts = f"""
    topic: main
    facts:
      - id: one
        kind: person
        statement: {name} is named.
        question: Who is named first?
        answer: {name}
        quote: "{quote}"
        data: {{name: {name}, role: {role}}}
    """
    make_project(tmp_path, text, facts, deck_templates=["who-is"])
    project, result = render(tmp_path)
    assert bool(project.facts["one"].role_elsewhere) is shared, project.facts["one"].role_elsewhere
    assert bool(by_template(result, "who-is")) is not shared


@pytest.mark.parametrize("quote, sex", [
    # the maid is the clause's subject: 'him' is the surgeon, and says nothing of her
    ("our maid Mary Tate, who held the lamp for him, fainted afterwards.", ""),
    ("my servant Mary Tull, who nursed him in his last illness", ""),
    ("my servant Mary Tull, who nursed me herself", "f"),  # a reflexive is hers
    ("my servant Mary Tull, if she be living", "f"),
    ("unto my son William Brayley my farm, to him and his heirs", "m"),  # no clause: him is the son
])
def test_pronouns_in_a_relative_clause_after_a_name_are_someone_elses(quote, sex):
    from studykit.questions.titles import person_sex

    name = "Mary Tate" if "Tate" in quote else "William Brayley" if "William" in quote else "Mary Tull"
    assert person_sex({"kind": "person", "data": {"name": name, "role": "a member of the household"},
                       "quote": quote}) == sex


def test_a_maid_who_held_the_lamp_for_him_is_still_borrowed_for_a_womans_role(tmp_path):
    """Read as a man by 'him', the maid was never offered for "Which woman ...?" and was taken for
    a man's role; now the document says nothing of her sex, so neither rule leaves her out."""
    text = ("Our maid Mary Tate, who held the lamp for him, fainted afterwards. Mrs. Jane Cole, the "
            "laundress, washed the linen. Mrs. Ann Pratt, the cook's wife, baked. My husband's brother, "
            "Mr. John Renwick, kept the shop.")
    facts = """
    topic: main
    facts:
      - {id: tate, kind: person, category: house, statement: Mary Tate held the lamp., question: Who held the lamp?,
         answer: Mary Tate, quote: "Our maid Mary Tate, who held the lamp for him, fainted afterwards.",
         data: {name: Mary Tate, role: a member of the household}}
      - {id: cole, kind: person, category: house, statement: Mrs. Jane Cole washed the linen.,
         question: Which woman washed the linen?, answer: Mrs. Jane Cole,
         quote: "Mrs. Jane Cole, the laundress, washed the linen.", data: {name: Mrs. Jane Cole, role: the laundress}}
      - {id: pratt, kind: person, category: house, statement: Mrs. Ann Pratt baked., question: Which woman baked?,
         answer: Mrs. Ann Pratt, quote: "Mrs. Ann Pratt, the cook's wife, baked.", data: {name: Mrs. Ann Pratt, role: the cook's wife}}
      - {id: john, kind: person, category: house, statement: Mr. John Renwick kept the shop., question: Who kept the shop?,
         answer: Mr. John Renwick, quote: "Mr. John Renwick, kept the shop.", data: {name: Mr. John Renwick, role: the shopkeeper}}
    """
    make_project(tmp_path, text, facts, called="the diary", deck_templates=["choice-answer"])
    _, result = render(tmp_path)
    assert "Mary Tate" in by_template(result, "choice-answer")["cole"].options


SIEGE_DEATHS = ("Wednesday, 30th May. James counts 26 deaths from fever this week. Tuesday, 19th June. James "
                "reckons 212 dead in the town: 57 deaths by shot and shell, 155 deaths by sickness. The first "
                "shells fell in Bridge Street.")
DEATHS = """
topic: main
facts:
  - {{id: fever-{n}, kind: figure, category: deaths, statement: Dr. Renwick counted 26 deaths from fever in a week.,
     question: How many deaths from fever did he count that week?, answer: 26 deaths,
     quote: James counts 26 deaths from fever this week., data: {{item: deaths from fever in the week to 30 May, unit: deaths, value: 26}}}}
  - {{id: shot-{n}, kind: figure, category: deaths, statement: 57 of the dead were killed by shot and shell.,
     question: How many were killed by shot and shell?, answer: 57 deaths,
     quote: "57 deaths by shot and shell", data: {{item: the town's dead killed by shot and shell, unit: deaths, value: 57}}}}
  - {{id: sick-{n}, kind: figure, category: deaths, statement: 155 of the dead died of sickness.,
     question: How many died of sickness?, answer: 155 deaths,
     quote: "155 deaths by sickness", data: {{item: the town's dead who died of sickness, unit: deaths, value: 155}}}}
  - {{id: shells-{n}, kind: event, statement: The first shells fell in Bridge Street., question: Where did the first shells fall?,
     answer: In Bridge Street, quote: The first shells fell in Bridge Street.}}
"""


@pytest.mark.parametrize("n", range(4))  # the ids seed the ranking
def test_a_short_answer_showing_a_figure_a_multiple_choice_offers_comes_last(tmp_path, n):
    """"What does the figure of 57 deaths refer to?" beside "What figure does the diary give for the
    town's dead who died of sickness? 155 / 26 / 57 deaths": the first strikes an option of the
    second, whose stem hints at the first's answer.  A short answer that shows no such figure is
    taken first."""
    from studykit import worksheets
    from studykit.check import check_project
    from small_project import add_worksheet_section

    make_project(tmp_path, SIEGE_DEATHS, DEATHS.format(n=n), called="the diary",
                 deck_templates=["choice-figure", "figure-reverse", "recall"])
    add_worksheet_section(tmp_path, "{multiple_choice: 1, short_answer: 1}")
    checked = check_project(tmp_path)
    for sheet, _ in worksheets.sheets(checked.project, checked.project.decks["doc"], checked.decks["doc"]):
        chosen = [item.question for item in sheet.items]
        options = [o for q in chosen if q.style == "multiple_choice" for o in q.options]
        assert len(chosen) == 2 and options, [q.id for q in chosen]
        for q in chosen:
            if q.style != "multiple_choice":
                assert not [o for o in options if o in q.prompt], (q.prompt, options)


@pytest.mark.parametrize("role, sex", [
    ("the keeper of the men's lodging", ""),  # the men are others: the keeper may be a woman
    ("the men's keeper", ""), ("the matron to the single women", "f"),
    ("the son of the widow", "m"),  # a son, whoever his mother
    ("Thomas Brayley's brother-in-law", "m"), ("the wife of the gunner", "f"),
])
def test_only_the_nouns_that_name_the_person_give_a_sex(role, sex):
    from studykit.questions.titles import said_sex

    assert said_sex(role) == sex


def test_a_woman_keeping_the_mens_lodging_may_be_borrowed_for_a_womans_role(tmp_path):
    """Read as a man by 'men's', the keeper was never borrowed for the matron's false version."""
    text = ("Mrs. Ann Voss, the matron, kept the sick ward. Jane Pole, the keeper of the men's lodging, swept it. "
            "Mrs. Ruth Dale, the cook's wife, baked.")
    facts = """
    topic: main
    facts:
      - {id: voss, kind: person, category: house, statement: Mrs. Ann Voss kept the sick ward., question: Which woman kept the sick ward?,
         answer: Mrs. Ann Voss, quote: "Mrs. Ann Voss, the matron, kept the sick ward.", data: {name: Mrs. Ann Voss, role: the matron of the sick ward}}
      - {id: pole, kind: person, category: house, statement: Jane Pole swept the men's lodging., question: Who swept the lodging?,
         answer: Jane Pole, quote: "Jane Pole, the keeper of the men's lodging, swept it.", data: {name: Jane Pole, role: the keeper of the men's lodging}}
      - {id: dale, kind: person, category: house, statement: Mrs. Ruth Dale baked., question: Who baked?,
         answer: Mrs. Ruth Dale, quote: "Mrs. Ruth Dale, the cook's wife, baked.", data: {name: Mrs. Ruth Dale, role: the cook's wife}}
    """
    make_project(tmp_path, text, facts, called="the diary", deck_templates=["choice-answer"])
    _, result = render(tmp_path)
    assert "Jane Pole" in by_template(result, "choice-answer")["voss"].options


@pytest.mark.parametrize("question, answer, warned", [
    ("Did the diarist believe that the relief army would come?", "No; she did not", True),
    ("Was the bread ration cut?", "Yes, to 12 ounces", True),
    ("Was the ration cut to 12 or to 10 ounces?", "To 12 ounces", False),  # asks which
    ("What did the diarist think of the rector's promise?", "She did not believe it", False),
])
def test_a_question_answered_yes_or_no_is_warned(tmp_path, question, answer, warned):
    from studykit.check import check_project

    facts = f"""
    topic: main
    facts:
      - id: belief
        kind: claim
        statement: The diarist did not believe the relief would come.
        question: "{question}"
        answer: "{answer}"
        quote: Most of the congregation believed him; I did not.
        data: {{holder: the diarist}}
    """
    make_project(tmp_path, "Most of the congregation believed him; I did not.", facts, called="the diary")
    said = [w for w in check_project(tmp_path).warnings if "answered yes or no" in w.message]
    assert bool(said) is warned, [str(w) for w in said]
    if warned:
        assert said[0].line == 7, str(said[0])  # at the question
