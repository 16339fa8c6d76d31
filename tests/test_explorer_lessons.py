"""What an (invented) explorer's journal of 1846 taught the questions: a preface that lists the
party ("two native guides, Warri and Balu") gives the role "a native guide" to two men, in the
plural, so "Who is described in the journal as a native guide?" has two right answers."""

from __future__ import annotations

import re

import pytest

from small_project import by_template, make_project, render

JOURNAL = ("Our party numbered seven: myself; Mr. John Tennant, the surveyor; William Cope, a convict servant; "
           "and two native guides, Warri and Balu. "
           "Thursday, 21st May. Warri led us round a stony range by a pass which he said his people used.")


def _guide(role: str, text: str = JOURNAL) -> str:
    return text, f"""
topic: main
facts:
  - id: warri
    kind: person
    statement: Warri led the party round a stony range.
    question: Who led the party round a stony range?
    answer: Warri
    quote: Warri led us round a stony range by a pass which he said his people used.
    data: {{name: Warri, role: {role}}}
  - id: tennant
    kind: person
    statement: Mr. John Tennant was the surveyor.
    question: Who is named first after the leader?
    answer: Mr. John Tennant
    quote: Mr. John Tennant, the surveyor
    data: {{name: Mr. John Tennant, role: the surveyor}}
"""


@pytest.mark.parametrize("role, text, shared", [
    ("a native guide", JOURNAL, True),  # "two native guides, Warri and Balu": Balu is one too
    ("a guide", JOURNAL, True),
    ("a native guide", JOURNAL.replace("two native guides, Warri and Balu", "Warri"), False),
    # the plural of the head noun, before its qualifier: "gunners of the North Battery"
    ("a gunner of the North Battery", "Two gunners of the North Battery, Pike and Bell, fell. Warri led us round "
     "a stony range by a pass which he said his people used.", True),
    ("a gunner of the North Battery", "Two gunners of the South Battery fell. Warri led us round "
     "a stony range by a pass which he said his people used.", False),
    ("a ferryman", "Three ferrymen waited. Warri led us round a stony range by a pass which he said his people used.",
     True),
])
def test_a_role_the_document_gives_in_the_plural_to_others_asks_no_who_is(tmp_path, role, text, shared):
    if "Tennant" not in text:
        text = "Mr. John Tennant, the surveyor, came. " + text
    make_project(tmp_path, *_guide(role, text), called="the journal", deck_templates=["who-is"])
    project, result = render(tmp_path)
    assert bool(project.facts["warri"].role_elsewhere) is shared, project.facts["warri"].role_elsewhere
    who = by_template(result, "who-is")
    assert "tennant" in who  # a definite role is never shared
    assert ("warri" in who) is not shared, who.get("warri") and who["warri"].prompt


SUPPLIES = ("I asked him for 12 horses and 6 months' provisions; he granted 8 horses and 4 months' provisions. "
            "The Board recommended 5 horses.")


def _horses(promised_as: str) -> str:
    return f"""
topic: main
facts:
  - id: horses
    kind: figure
    statement: Marsh asked for 12 horses; 8 were granted.
    question: How many horses did Marsh ask for, and how many were granted?
    answer: 12 horses asked for; 8 horses granted
    quote: I asked him for 12 horses and 6 months' provisions; he granted 8 horses and 4 months' provisions.
    data: {{item: horses, unit: horses, requested: 12, promised: 8, promised_as: {promised_as}}}
  - id: provisions
    kind: figure
    statement: Marsh asked for 6 months' provisions; 4 were granted.
    question: How many months' provisions were granted?
    answer: 4 months
    quote: I asked him for 12 horses and 6 months' provisions; he granted 8 horses and 4 months' provisions.
    data: {{item: provisions, unit: months, requested: 6, promised: 4, promised_as: {promised_as}}}
"""


@pytest.mark.parametrize("promised_as, letters", [
    ("granted", ("R", "G")),  # the journal's chart marked the granted bars "P", of a word it never printed
    ("promised", ("R", "P")),
    ("recommended", ("REQ", "REC")),  # both start with R: enough letters to tell them apart
])
def test_a_blank_charts_bar_letters_are_its_headings_first_letters(tmp_path, promised_as, letters):
    from cli_helpers import run_in_process

    from small_project import add_worksheet_section

    make_project(tmp_path, SUPPLIES, _horses(promised_as), called="the journal", deck_templates=["recall"])
    add_worksheet_section(tmp_path, "{chart: 1}")
    done = run_in_process("build", "--only", "worksheet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [sheet] = (tmp_path / "dist").glob("*worksheet-A.html")
    page = sheet.read_text(encoding="utf-8")
    marks = re.findall(r'text-anchor="end">([^<]*)</text>', page)
    assert sorted(set(marks)) == sorted(letters) and len(marks) == 4, marks
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert f"{letters[0]}, {letters[1]}: where a requested or {promised_as} bar goes" in text


PARTY = ("Our party numbered four: Mr. John Tennant, the surveyor; Dr. Adam Fyfe, the botanist; Mrs. Tennant, "
         "the cook; and Captain Robert Marsh, the leader.")


@pytest.mark.parametrize("name, accepted", [
    ("Mr. John Tennant", ["John Tennant"]),  # was marked wrong by a quiz's exact match
    ("Dr. Adam Fyfe", ["Adam Fyfe"]),
    ("Captain Robert Marsh", ["Robert Marsh"]),
    ("Mrs. Tennant", []),  # "Tennant" alone is the surveyor's name too
])
def test_a_titled_name_of_three_words_is_accepted_without_its_title(tmp_path, name, accepted):
    from studykit.export.common import accepted_forms

    role = PARTY.split(name + ", ", 1)[1].split(";")[0].split(".")[0].removeprefix("and ")
    quote = f"{name}, {role}"
    facts = f"""
topic: main
facts:
  - id: one
    kind: person
    statement: {name} was {role}.
    question: Who was {role} of the party?
    answer: {name}
    quote: "{quote}"
    data: {{name: {name}, role: {role}}}
"""
    make_project(tmp_path, PARTY, facts, called="the journal", deck_templates=["recall"])
    _, result = render(tmp_path)
    [question] = result.questions
    assert question.accept == accepted
    assert accepted_forms(question) == [name, *accepted]


HORSES = "Two horses knocked up and were left behind. I have therefore determined to turn back."


@pytest.mark.parametrize("question, answer, quote, forms", [
    ("What happened to the two horses that were left behind?", "They knocked up",
     "Two horses knocked up and were left behind.", ["They knocked up", "knocked up"]),
    ("What did Marsh determine?", "To turn back", "I have therefore determined to turn back.",
     ["To turn back", "turn back"]),
    ("Who turned back?", "Captain Marsh", "I have therefore determined to turn back.", ["Captain Marsh"]),
])
def test_a_quiz_accepts_an_answer_without_its_opening_to_or_pronoun(tmp_path, question, answer, quote, forms):
    """A Moodle short answer marked "knocked up" wrong for "They knocked up"."""
    from studykit.export.common import accepted_forms

    facts = f"""
topic: main
facts:
  - id: one
    kind: event
    statement: The journal says so.
    question: {question}
    answer: {answer}
    quote: {quote}
"""
    make_project(tmp_path, HORSES, facts, called="the journal", deck_templates=["recall"])
    _, result = render(tmp_path)
    [made] = result.questions
    assert accepted_forms(made) == forms


@pytest.mark.parametrize("question, kept", [
    ("Which guide led the party round a stony range?", False),  # offered the surveyor and a convict servant
    ("Which convict servant was one of the party?", False),
    ("Who was one of the party?", True),  # asks by no trade: anyone of the party fits
])
def test_which_guide_never_offers_the_surveyor(tmp_path, question, kept):
    text = ("Mr. John Tennant, the surveyor; Dr. Adam Fyfe, the botanist and surgeon; "
            "William Cope, a convict servant; Warri, a native guide.")
    people = [("tennant", "Mr. John Tennant", "the surveyor"), ("fyfe", "Dr. Adam Fyfe", "the botanist and surgeon"),
              ("cope", "William Cope", "a convict servant"), ("warri", "Warri", "a native guide")]
    asked = "cope" if "servant" in question else "warri"
    facts = "topic: main\nfacts:\n" + "".join(f"""
  - id: {key}
    kind: person
    category: party
    statement: {name} was {role}.
    question: {question if key == asked else f"Who was {role}?"}
    answer: {name}
    quote: "{name}, {role}"
    data: {{name: {name}, role: {role}}}
""" for key, name, role in people)
    make_project(tmp_path, text, facts, called="the journal", deck_templates=["choice-answer"])
    _, result = render(tmp_path)
    made = by_template(result, "choice-answer")
    assert (asked in made) is kept, made.get(asked) and made[asked].options
