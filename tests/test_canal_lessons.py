"""What an (invented) canal company's half-yearly report of 1848 taught.

- Its toll was cut "by one eighth", which check refused as 12.5% (it read an ordinal 8), though
  "one in eight" was read.
- A part offered beside its total: "What figure does the report give for coal carried? 28,410 |
  131,205 | 214,360 | 36,900 tons" offered the whole tonnage, of which coal is a part; and the
  question on the whole tonnage offered only its parts, so its answer was the largest option."""

from __future__ import annotations

import pytest

from studykit.load import load_project
from studykit.quotes import shares_in

from small_project import by_template, make_project, render

TOLL = ("The Directors have reduced the toll upon coal carried the whole length of the Canal by one eighth, "
        "from the 1st of November.")

TOLL_FACT = """
topic: main
facts:
  - id: toll-cut
    kind: figure
    statement: The Directors reduced the toll on coal by one eighth.
    question: By how much was the toll on coal reduced?
    answer: By one eighth
    quote: The Directors have reduced the toll upon coal carried the whole length of the Canal by one eighth
    data: {item: the cut in the toll on coal, unit: "%", value: 12.5}
"""


@pytest.mark.parametrize("text, read", [
    ("reduced by one eighth, from", [("one eighth", 12.5)]),
    ("three-eighths of the men", [("three-eighths", 37.5)]),
    ("an eighth of the water", [("an eighth", 12.5)]),
    ("one twentieth of the tolls", [("one twentieth", 5.0)]),
    ("on the eighth day", []), ("the twentieth of May", []),
])
def test_an_eighth_and_a_twentieth_are_shares_in_per_cent(text, read):
    assert shares_in(text) == read


def test_a_toll_cut_by_one_eighth_may_be_a_figure_of_12_5_per_cent(tmp_path):
    make_project(tmp_path, TOLL, TOLL_FACT, called="the report")
    _, found = load_project(tmp_path)
    assert [str(p) for p in found if not p.is_warning] == []


TRAFFIC = ("The tonnage carried on the Canal in the half-year was 214,360 tons, against 198,742 tons in the "
           "corresponding half-year of 1846. Of this quantity, coal formed 131,205 tons; corn and flour, 28,410 "
           "tons; lime, limestone and road-stone, 36,900 tons; and general merchandise, 17,845 tons. "
           "A memorial signed by forty-two Proprietors was read. Item, five cows, 21 tons of hay. "
           "Item, forty sheep, 12 tons of hay. Item, two horses, 9 tons of hay. "
           "They granted aid in the total amount of 800 million USD (500 million USD in credit and "
           "300 million USD in reparations).")


def tons(fid: str, item: str, quote: str, value: str, category: str = "tonnage", unit: str = "tons") -> str:
    return f"""
  - id: {fid}
    kind: figure
    category: {category}
    statement: {quote}.
    question: How much was carried?
    answer: {value} {unit}
    quote: {quote}
    data: {{item: {item}, unit: {unit}, value: {value.replace(",", "")}}}
"""


TONNAGE = "topic: main\nfacts:" + "".join([
    tons("total", "the tonnage carried in the half-year", "The tonnage carried on the Canal in the half-year was 214,360 tons", "214,360"),
    tons("coal", "coal carried", "coal formed 131,205 tons", "131,205"),
    tons("corn", "corn and flour carried", "corn and flour, 28,410 tons", "28,410"),
    tons("lime", "lime and stone carried", "road-stone, 36,900 tons", "36,900"),
    tons("goods", "general merchandise carried", "general merchandise, 17,845 tons", "17,845"),
    tons("cows", "the hay for five cows", "five cows, 21 tons of hay", "21", "hay"),
    tons("sheep", "the hay for forty sheep", "forty sheep, 12 tons of hay", "12", "hay"),
    tons("horses", "the hay for two horses", "two horses, 9 tons of hay", "9", "hay"),
    tons("aid", "total Japanese aid", "in the total amount of 800 million USD", "800", "aid", "million USD"),
    tons("credit", "Japanese credit", "500 million USD in credit", "500", "aid", "million USD"),
    tons("reparations", "Japanese reparations", "300 million USD in reparations", "300", "aid", "million USD"),
])


@pytest.fixture(scope="module")
def choices(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("canal"), TRAFFIC, TONNAGE, called="the report")
    _, result = render(root)
    return by_template(result, "choice-figure")


def test_a_part_is_not_offered_its_total(choices):
    for part in ("coal", "corn", "lime", "goods"):
        assert "214,360 tons" not in choices[part].options, choices[part].options
    assert "131,205 tons" in choices["corn"].options  # the other parts are fair options


def test_a_total_is_not_offered_its_parts(choices):
    """Its parts were its only options: the answer was the largest of them, every time."""
    assert "total" not in choices and "aid" not in choices


def test_numbers_that_add_up_by_chance_stay_options(choices):
    """'21 ... 12 ... 9 tons of hay': no word says the 21 is made of the others."""
    assert {"12 tons", "9 tons"} <= set(choices["cows"].options)
    assert "21 tons" in choices["sheep"].options


def test_the_sum_is_read_off_the_document_once_per_fact(tmp_path):
    from studykit.load import load_project

    project, _ = load_project(make_project(tmp_path, TRAFFIC, TONNAGE, called="the report"))
    facts = project.facts
    assert sorted(map(float, facts["total"].figure_elsewhere["sum"])) == [17845, 28410, 36900, 131205]
    assert facts["coal"].figure_elsewhere["sum"] == ["214360.0"]
    assert facts["aid"].figure_elsewhere["sum"] == ["300.0", "500.0"]  # "the total amount of" stands before it
    assert "sum" not in facts["cows"].figure_elsewhere


RESERVOIR = """
topic: main
facts:
  - id: reservoir
    kind: figure
    statement: STATEMENT
    question: How much water does the new reservoir hold?
    answer: 62,000,000 cubic feet
    quote: It holds 62 millions of cubic feet of water
    data: {item: the capacity of the reservoir, unit: cubic feet, value: 62000000}
"""


@pytest.mark.parametrize("statement, warned", [
    ("The new reservoir holds 62 million cubic feet of water.", False),  # the quote's "62 millions of"
    ("The new reservoir holds 63 million cubic feet of water.", True),
    ("The new reservoir holds a million cubic feet of water.", True),
])
def test_a_statement_in_millions_is_the_quotes_millions(tmp_path, statement, warned):
    from studykit.check import check_project

    make_project(tmp_path, "It holds 62 millions of cubic feet of water, and has been filled once.",
                 RESERVOIR.replace("STATEMENT", statement), called="the report")
    found = [str(w) for w in check_project(tmp_path).warnings if "which its quote does not give" in str(w)]
    assert bool(found) is warned, found


DIVIDEND = """
topic: main
facts:
  - id: dividend
    kind: figure
    statement: A memorial asked for a dividend of 5 UNIT a year; the Directors recommended 4 UNIT.
    question: What dividend did the memorial ask for, and what did the Directors recommend?
    answer: 5 UNIT asked; 4 UNIT recommended
    quote: [has asked that the dividend be raised to 5 UNIT per annum., cannot advise more than 4 UNIT per annum]
    data: {item: the dividend per annum, unit: UNIT, requested: 5, requested_as: asked, promised: 4, promised_as: recommended}
"""


@pytest.mark.parametrize("unit, asked", [("per cent", False), ("shillings", True)])
def test_no_share_of_a_rate_in_per_cent(tmp_path, unit, asked):
    """'4 per cent (80% of the figure asked)' asks a share of a share; 4 shillings of 5 is a fair share."""
    text = (f"A memorial has asked that the dividend be raised to 5 {unit} per annum. The Directors "
            f"cannot advise more than 4 {unit} per annum.")
    _, result = render(make_project(tmp_path, text, DIVIDEND.replace("UNIT", unit), called="the report"))
    assert ("dividend" in by_template(result, "requested-vs-promised")) is asked
