"""What an (invented) medical report on cholera of 1854 taught the Anki and YAML layers: a rate
whose unit has a number of its own ('315 deaths per 10,000 houses') is typed as its figure, and a
unit cut at its thousands comma is put back without a space."""

from __future__ import annotations

from studykit.load import load_project

from small_project import make_project

TEXT = ("The Southwark Company's houses had 1,263 deaths, being 315 deaths in every 10,000 houses, and "
        "the Lambeth Company's houses 98 deaths, being 37 deaths in every 10,000 houses.")

RATES = """
  - id: southwark-rate
    kind: figure
    category: rate
    statement: The Southwark Company's houses had 315 deaths in every 10,000 houses.
    question: How many deaths in every 10,000 houses did the Southwark Company's houses have?
    answer: 315 in every 10,000 houses
    quote: being 315 deaths in every 10,000 houses, and
    data: {item: the death rate in the Southwark Company's houses, unit: UNIT, value: 315}
"""


def test_a_rate_whose_unit_has_a_number_is_a_type_the_answer_card_of_its_figure(tmp_path):
    """figure-typed once stopped the build: 'type_answer needs an answer with exactly one number,
    but ... has '315 deaths per 10,000 houses''; the number to type is the figure, 315."""
    from studykit import apkg
    from studykit.questions import render_deck

    make_project(tmp_path, TEXT, "topic: main\nfacts:" + RATES.replace("UNIT", '"deaths per 10,000 houses"'),
                 deck_templates=["figure-typed"])
    project, problems = load_project(tmp_path)
    assert [p for p in problems if not p.is_warning] == []
    recipe = project.decks["doc"]
    result = render_deck(project, recipe)
    (question,) = result.questions
    assert question.answer == "315 deaths per 10,000 houses"
    (note,) = apkg.notes_for(project, recipe, result.questions)
    assert note.fields["Typed"] == "315"  # what Anki compares the student's typing with


def test_a_unit_cut_at_its_thousands_comma_is_told_without_an_added_space(tmp_path):
    make_project(tmp_path, TEXT, "topic: main\nfacts:" + RATES.replace("UNIT", "deaths per 10,000 houses"))
    _, problems = load_project(tmp_path)
    found = [str(p) for p in problems]
    assert any("so '000 houses' was read as a key; put the value in quotes: unit: \"deaths per 10,000 houses\""
               in p for p in found), found
