"""What an (invented) strike committee's report of 1889 taught the questions: a two-sided figure
whose first side is no request or plan ("sent £50 and promised £20 a week") gets no share
question, since "£20 (40% of the figure sent)" compares two parts of the help, not an answer
to a request; "four looms" in the item "no weaver to mind more than four looms" is no count of
the four demands; a sheet prefers a multiple choice offering no one its header names (the trial
of 1786: "Author: Josiah Penn, clerk of the court" beside "Before which judge ...?"); and a false
version on people borrows no name styled as of the other sex than its role ("Mrs. Hannah Lees is
the chairman of the meeting") or with a rank for a humble role ("Lord Halsey is a steerage
passenger from Cork", left by the shipwreck report of 1912)."""

from __future__ import annotations

import pytest

from studykit.questions.figure_compare import wanted

from small_project import by_template, make_project, render

TEXT = ("The Weavers of Hebden Vale have sent £50 and promised £20 a week while the strike lasts. "
        "The committee planned to pay £400 and paid £310. The committee asked the town for £200 "
        "and the town gave £96.")

HELP = """
  - id: {fid}
    kind: figure
    statement: {quote}
    question: What does the report give?
    answer: "£{first}; £{second}"
    quote: {quote}
    data: {{item: {item}, unit: "£", requested: {first}, promised: {second}{words}}}
"""


def facts(*rows: tuple[str, str, int, int, str, str]) -> str:
    return "topic: main\nfacts:" + "".join(
        HELP.format(fid=fid, quote=quote, first=first, second=second, item=item, words=words)
        for fid, quote, first, second, item, words in rows)


@pytest.mark.parametrize("word, fits", [
    ("planned", True), ("estimated", True), ("asked for", True), ("Demanded", True), ("promised", True),
    ("sent", False), ("saved", False), ("counted first", False), ("went in with", False),
])
def test_words_for_what_was_wanted(word, fits):
    assert wanted(word) is fits


def test_no_share_of_a_first_side_that_was_no_request_or_plan(tmp_path):
    make_project(tmp_path, TEXT, facts(
        ("hebden", "The Weavers of Hebden Vale have sent £50 and promised £20 a week while the strike lasts.",
         50, 20, "help from Hebden Vale", ", requested_as: sent"),
        ("pay", "The committee planned to pay £400 and paid £310.", 400, 310, "strike pay",
         ", requested_as: planned, promised_as: paid"),
        ("town", "The committee asked the town for £200 and the town gave £96.", 200, 96, "help from the town",
         ", promised_as: given")), called="the report")
    _, result = render(tmp_path)
    shares = by_template(result, "requested-vs-promised")
    assert sorted(shares) == ["pay", "town"]
    assert shares["pay"].answer == "£310 (77.5% of the figure planned)"
    assert shares["town"].answer == "£96 (48% of the request)"


DEMANDS = """
topic: main
facts:
  - id: demands
    kind: list
    statement: The four demands were that the notice be withdrawn, that no weaver mind more than four looms, that fines be posted, and that no one be dismissed.
    question: What were the four demands?
    answer: The notice withdrawn; no more than four looms; fines posted; no one dismissed
    quote: the notice of reduction be withdrawn; that no weaver be made to mind more than four looms; that fines be posted; that no person be dismissed
    key_terms: [KEY]
    data:
      label: the demands
      items: [the notice withdrawn, no weaver to mind more than four looms, fines posted, no one dismissed]
"""
DEMANDS_TEXT = ("First, that the notice of reduction be withdrawn; that no weaver be made to mind more than four "
                "looms; that fines be posted; that no person be dismissed.")


@pytest.mark.parametrize("key, trivial", [("four looms", False), ("four demands", True), ("four", True)])
def test_a_count_within_an_item_is_no_count_of_the_list(tmp_path, key, trivial):
    from studykit.check import check_project

    make_project(tmp_path, DEMANDS_TEXT, DEMANDS.replace("KEY", key), called="the report")
    warnings = [w.message for w in check_project(tmp_path).warnings if "trivial" in w.message]
    assert bool(warnings) is trivial, warnings


# A sheet's header prints its source's author (here 'Josiah Penn, clerk of the court') with the part
# they played: a multiple choice offering that name beside "Who presided?" lets a student strike
# it out unasked (the trial record of 1786: "Author: Josiah Penn, clerk of the court").
COURT = [("penn", "Josiah Penn took down the proceedings.", "Who took down the proceedings?", "Josiah Penn"),
         ("judge", "Sir Edward Ashby presided.", "Who presided?", "Sir Edward Ashby"),
         ("rowland", "Mr. Rowland opened the case.", "Who opened the case?", "Mr. Rowland"),
         ("keane", "Mr. Keane defended the prisoner.", "Who defended the prisoner?", "Mr. Keane"),
         ("pryor", "Samuel Pryor was robbed.", "Who was robbed?", "Samuel Pryor"),
         ("linley", "Joseph Linley took the watch in pawn.", "Who took the watch in pawn?", "Joseph Linley"),
         # Two more, so that every ranking has two questions to take that neither offer the header's
         # name nor give each other away (each question also offers the answer of the next in its
         # ring: with six people, some rankings had none).
         ("hale", "Richard Hale took the prisoner.", "Who took the prisoner?", "Richard Hale"),
         ("cole", "Ann Cole washed the linen.", "Who washed the linen?", "Ann Cole")]
CHOICE = {"description": "Who (test)", "style": "multiple_choice", "applies_to": {"kinds": ["person"]},
          "prompt": "{{ fact.question }}", "answer": "{{ fact.data.name }}",
          "distractors": {"value": "{{ sibling.data.name }}", "count": 2, "minimum": 2},
          "points": 1, "targets": ["worksheet"]}


@pytest.mark.parametrize("n", range(12))  # the ids rank the candidates: twelve rankings
def test_a_multiple_choice_offering_a_name_the_header_prints_comes_last(tmp_path, n):
    from studykit import worksheets
    from studykit.check import check_project

    from sheet_projects import fact, make_project as make_sheet_project

    facts = [fact(f"{fid}-{n}", statement, question, answer, statement, kind="person", category="court",
                  data={"name": answer, "role": "one of the court"}) for fid, statement, question, answer in COURT]
    root = make_sheet_project(tmp_path, facts, {"choice": CHOICE},
                              {"sections": [{"topic": "main", "questions": {"multiple_choice": 2}}]})
    source = root / "seeds" / "doc" / "source.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("A. Writer", "Josiah Penn, clerk of the court"),
                      encoding="utf-8")
    checked = check_project(root)
    assert not checked.problems, checked.problems
    (sheet, _), = worksheets.sheets(checked.project, checked.project.decks["test-deck"], checked.decks["test-deck"])
    chosen = [item.question for item in sheet.items]
    assert len(chosen) == 2
    assert all("Josiah Penn" not in q.options for q in chosen), [q.options for q in chosen]


@pytest.mark.parametrize("name, role, apart", [
    ("Mrs. Hannah Lees", "the chairman of the meeting", True),
    ("Mrs. Hannah Lees", "the master who met the deputation", True),
    ("Mrs. Hannah Lees", "the ship's boy", True),
    ("Mr. Joseph Crossley", "the widow of the weaver", True),
    ("Lord Halsey", "her husband's brother", False),  # a role giving both says nothing
    ("Mrs. Hannah Lees", "the treasurer", False),
    ("Mr. Joseph Crossley", "the secretary", False),  # the secretary's own name is not shown
    ("John Barlow", "his widow", False),  # no style, no sex
])
def test_a_style_of_address_of_the_other_sex(name, role, apart):
    from studykit.questions.titles import of_other_sex

    assert of_other_sex(name, role) is apart


SEXES = """
topic: main
facts:
  - id: lees-N
    kind: person
    statement: Mrs. Hannah Lees was the secretary of the Association.
    question: Who was the secretary?
    answer: Mrs. Hannah Lees
    quote: Your secretary, Mrs. Hannah Lees
    data: {name: Mrs. Hannah Lees, role: the secretary of the Association}
    category: town
  - id: crossley-N
    kind: person
    statement: Mr. Joseph Crossley met the deputation.
    question: Who met the deputation?
    answer: Mr. Joseph Crossley
    quote: Mr. Joseph Crossley met your deputation
    data: {name: Mr. Joseph Crossley, role: the master who met the deputation}
    category: town
  - id: ashworth-N
    kind: person
    statement: Mr. Thomas Ashworth was in the chair.
    question: Who was in the chair?
    answer: Mr. Thomas Ashworth
    quote: Mr. Thomas Ashworth in the chair
    data: {name: Mr. Thomas Ashworth, role: the chairman of the meeting}
    category: town
"""
SEXES_TEXT = "Mr. Thomas Ashworth in the chair. Mr. Joseph Crossley met your deputation. Your secretary, Mrs. Hannah Lees"


@pytest.mark.parametrize("n", range(6))  # the ids seed which statements show their false version
def test_no_false_version_borrows_a_name_styled_as_the_other_sex(tmp_path, n):
    make_project(tmp_path, SEXES_TEXT, SEXES.replace("-N", f"-{n}"), called="the report",
                 deck_templates=["true-false-person"])
    _, result = render(tmp_path)
    made = by_template(result, "true-false-person")
    assert set(made) == {f"lees-{n}", f"crossley-{n}", f"ashworth-{n}"}  # each still finds a false version
    for fact_id, q in made.items():
        if not fact_id.startswith("lees"):  # "Mr. Joseph Crossley is the secretary" stays a fair falsehood
            assert "Mrs. Hannah Lees" not in q.prompt, q.prompt


@pytest.mark.parametrize("name, role, above", [
    ("Lord Halsey", "a steerage passenger from Cork", True),
    ("Sir Edward Ashby", "servant to Mr. Pryor", True),
    ("the Duke of Rethel", "a seaman of the Providence", True),
    ("Lord Halsey", "a first-class passenger", False),
    ("Mr. Joseph Crossley", "a steerage passenger", False),  # 'Mr.' is no rank
    ("Patrick Dunne", "a steerage passenger", False),
])
def test_a_rank_against_a_humble_role(name, role, above):
    from studykit.questions.titles import ranked_above

    assert ranked_above(name, role) is above


PASSENGERS = """
topic: main
facts:
  - id: halsey-N
    kind: person
    statement: Lord Halsey was among the first-class passengers saved.
    question: Which first-class passenger was saved?
    answer: Lord Halsey
    quote: Lord Halsey, a first-class passenger, was saved
    data: {name: Lord Halsey, role: a first-class passenger who was saved}
    category: passenger
  - id: dunne-N
    kind: person
    statement: Patrick Dunne, a steerage passenger from Cork, was saved.
    question: Which steerage passenger from Cork was saved?
    answer: Patrick Dunne
    quote: Patrick Dunne, a steerage passenger from Cork, was saved
    data: {name: Patrick Dunne, role: a steerage passenger from Cork}
    category: passenger
  - id: reilly-N
    kind: person
    statement: Thomas Reilly, a steerage passenger from Galway, was drowned.
    question: Which steerage passenger from Galway was drowned?
    answer: Thomas Reilly
    quote: Thomas Reilly, a steerage passenger from Galway, was drowned
    data: {name: Thomas Reilly, role: a steerage passenger from Galway}
    category: passenger
"""
PASSENGERS_TEXT = ("Lord Halsey, a first-class passenger, was saved. Patrick Dunne, a steerage passenger from Cork, "
                   "was saved. Thomas Reilly, a steerage passenger from Galway, was drowned.")


@pytest.mark.parametrize("n", range(8))  # the ids seed which statements show their false version
def test_no_false_version_borrows_a_rank_for_a_humble_role(tmp_path, n):
    make_project(tmp_path, PASSENGERS_TEXT, PASSENGERS.replace("-N", f"-{n}"), called="the report",
                 deck_templates=["true-false-person"])
    _, result = render(tmp_path)
    made = by_template(result, "true-false-person")
    assert set(made) == {f"halsey-{n}", f"dunne-{n}", f"reilly-{n}"}
    assert not [q.prompt for q in made.values() if "Lord Halsey is a steerage" in q.prompt]


SHARE_TEXT = ("He offered to withdraw half the reduction. One half of the men came back. "
              "The duty on yarn was two and a half per cent. A quarter of the looms stood idle. "
              "Wool paid a half per cent. The strike had lasted two and a half weeks.")

SHARE = """
topic: main
facts:
  - id: share
    kind: figure
    statement: The report gives a share.
    question: What share does the report give?
    answer: The share it gives
    quote: {quote}
    data: {{item: the share, unit: "{unit}", value: {value}}}
"""


def _share_problems(tmp_path, quote: str, unit: str, value: float) -> list[str]:
    from studykit.load import load_project

    make_project(tmp_path, SHARE_TEXT, SHARE.format(quote=quote, unit=unit, value=value), called="the report")
    _, problems = load_project(tmp_path)
    return [str(p) for p in problems if p.severity == "error"]


@pytest.mark.parametrize("quote, unit, value, fits", [
    # "half" in a share in per cent is 50 (per cent), as "a quarter" is 25
    ("He offered to withdraw half the reduction.", "%", 50, True),
    ("He offered to withdraw half the reduction.", "per cent", 50, True),
    ("One half of the men came back.", "%", 50, True),
    ("A quarter of the looms stood idle.", "%", 25, True),
    ("He offered to withdraw half the reduction.", "%", 0.5, False),
    ("One half of the men came back.", "%", 0.5, False),
    # a half the quote puts in per cent itself is that per cent, not a share of a whole
    ("The duty on yarn was two and a half per cent.", "%", 2.5, True),
    ("The duty on yarn was two and a half per cent.", "%", 50, False),
    ("Wool paid a half per cent.", "%", 0.5, True),
    ("Wool paid a half per cent.", "%", 50, False),
    ("The strike had lasted two and a half weeks.", "%", 50, False),
    # a figure in another unit: "half" is still the number 0.5, never 50
    ("He offered to withdraw half the reduction.", "of the reduction", 0.5, True),
    ("He offered to withdraw half the reduction.", "of the reduction", 50, False),
])
def test_a_half_in_a_share_in_per_cent_is_fifty(tmp_path, quote, unit, value, fits):
    problems = _share_problems(tmp_path, quote, unit, value)
    assert (problems == []) is fits, problems


def test_a_share_in_per_cent_written_as_a_fraction_is_told_the_per_cent(tmp_path):
    problems = _share_problems(tmp_path, "He offered to withdraw half the reduction.", "%", 0.5)
    assert len(problems) == 1, problems
    assert "the number 0.5 in its data does not appear in its quote" in problems[0]
    assert "the figure is in per cent, where 'half' is 50: write 50" in problems[0]
