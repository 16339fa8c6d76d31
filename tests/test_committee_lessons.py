"""What (invented) minutes of evidence before a select committee of 1866 taught the whose-view
question: a mother's answer "The doctor said it was the wet clay and the cold" offered the
committee's medical witness, Dr. Ellis Pryce, as a wrong answer, though the view reported is a
doctor's; a holder the passage reports as speaking or thinking is no wrong option.  And the
brickmaster's "I should not object to ten ..." got no whose-view at all: a passage in the first
person was taken for the writer's, whom the sheet's header names, though a witness's "I" is the
witness's own.  Now it is skipped only when the holder is the source's author, or when its "I"
reports what "he told us"."""

from __future__ import annotations

import pytest

from studykit.questions.writer_voice import is_writer, reported_in, reports_another

from small_project import by_template, make_project, render

TEXT = ("You are the wife of a moulder? -- Yes, sir. Why do you send so young a child? -- The child's shillings "
        "pay the rent. The doctor said it was the wet clay and the cold. "
        "You are a brickmaster? -- I am. There is a night school at the chapel, but few of them go. "
        "You are the medical officer of the union? -- I am. They are stunted in growth. "
        "The Factory Acts do not reach them. Girls should not be employed in the yards at all.")


def claim(fid: str, quote: str, holder: str) -> str:
    return f"""
  - id: {fid}
    kind: claim
    statement: {quote}
    question: What did the witness say?
    answer: {quote}
    quote: {quote}
    data: {{holder: {holder}}}
"""


FACTS = "topic: main\nfacts:" + "".join([
    claim("doctor-said", "The doctor said it was the wet clay and the cold.", "Mrs. Hannah Doyle"),
    claim("rent", "The child's shillings pay the rent.", "Mrs. Hannah Doyle"),
    claim("school", "There is a night school at the chapel, but few of them go.", "Mr. Samuel Crane"),
    claim("stunted", "They are stunted in growth.", "Dr. Ellis Pryce"),
    claim("acts", "The Factory Acts do not reach them.", "Dr. Ellis Pryce"),
    claim("girls", "Girls should not be employed in the yards at all.", "the Reverend Mr. Hale"),
])


@pytest.fixture(scope="module")
def views(tmp_path_factory):
    _, result = render(make_project(tmp_path_factory.mktemp("committee"), TEXT, FACTS, called="the minutes"))
    return by_template(result, "whose-view")


def test_a_holder_the_passage_reports_as_speaking_is_no_wrong_option(views):
    assert "Dr. Ellis Pryce" not in views["doctor-said"].options
    assert views["doctor-said"].answer == "Mrs. Hannah Doyle"


def test_the_holder_stays_an_option_where_the_passage_does_not_report_them(views):
    assert "Dr. Ellis Pryce" in views["rent"].options
    assert "Dr. Ellis Pryce" in views["school"].options


@pytest.mark.parametrize("holder, passage, reported", [
    ("Dr. Ellis Pryce", "The doctor said it was the wet clay and the cold.", True),  # by the title's office
    ("Mr. Samuel Crane", "Crane told me the yard would close.", True),  # by the last word
    ("the Korean delegation", "The delegation also declared its support.", True),
    ("the god at Delphi", "the god's answer was", False),  # named, but reports nothing
    ("Mr. Samuel Crane", "You are the wife of a moulder in Mr. Crane's yard?", False),
    ("Mrs. Hannah Doyle", "The doctor said it was the wet clay.", False),
])
def test_a_passage_reports_a_holder_it_names_before_a_verb_of_saying(holder, passage, reported):
    assert reported_in(holder, passage) is reported


WITNESSES = ("I should not object to ten, if it were made the rule for every yard. We could not live upon my "
             "husband's wages alone. There is a night school at the chapel, but few of them go. "
             "They are stunted in growth. He told us the relief would come; I did not believe him. "
             "I went to the yards myself.")

VOICES = "topic: main\nfacts:" + "".join([
    claim("object", "I should not object to ten, if it were made the rule for every yard.", "Mr. Samuel Crane"),
    claim("wages", "We could not live upon my husband's wages alone.", "Mrs. Hannah Doyle"),
    claim("school", "There is a night school at the chapel, but few of them go.", "Mr. Samuel Crane"),
    claim("stunted", "They are stunted in growth.", "Dr. Ellis Pryce"),
    claim("relief", "He told us the relief would come; I did not believe him.", "Dr. Ellis Pryce"),
    claim("yards", "I went to the yards myself.", "the clerk"),
])


def voices(tmp_path, author: str) -> dict:
    root = make_project(tmp_path, WITNESSES, VOICES, called="the minutes")
    yaml = root / "seeds" / "doc" / "source.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("author: A. Writer", f"author: {author}"),
                    encoding="utf-8")
    _, result = render(root)
    return by_template(result, "whose-view")


def test_a_witness_speaking_as_i_gets_a_whose_view(tmp_path):
    asked = voices(tmp_path, "Thomas Gale, clerk to the committee")
    assert asked["object"].answer == "Mr. Samuel Crane" and asked["wages"].answer == "Mrs. Hannah Doyle"
    assert "yards" not in asked  # the clerk is the author the header names
    assert "relief" not in asked  # its "I" reports what "he told us": the writer's voice, two views


@pytest.mark.parametrize("holder, author, writer", [
    ("Eliza Renwick", "Eliza Renwick, wife of the garrison surgeon (an invented diarist)", True),
    ("Governor George Ashdown", "George Ashdown, Governor (invented)", True),  # the name without its title
    ("the diarist", "Eliza Renwick, an invented diarist", True),  # the holder's last word
    ("the writer", "Anne Lister", True),
    ("the prisoner", "Josiah Penn, clerk of the court, who took it in short-hand", False),
    ("Mr. Samuel Crane", "The Select Committee on the Employment of Children in Brickfields", False),
    ("Mr. Samuel Crane", "", True),  # a fact made without its source's author: any holder may be
])
def test_a_holder_is_the_writer_the_header_names(holder, author, writer):
    assert is_writer(holder, author) is writer


@pytest.mark.parametrize("passage, reports", [
    ("He told us the relief army would come; I did not.", True),
    ("and she said it was her own", True),
    ("I should not object to ten.", False),
    ("The doctor said it was the wet clay.", False),  # a named speaker: reported_in's case
])
def test_an_i_that_reports_what_he_told_us_is_the_writers(passage, reports):
    assert reports_another(passage) is reports


def test_an_edited_author_reaches_the_cached_facts(tmp_path, monkeypatch):
    """The author decides whose "I" a passage is: a fact file kept under one author is checked
    again under another."""
    from studykit.load import load_project

    monkeypatch.setenv("STUDYKIT_CACHE", str(tmp_path / "cache"))
    root = make_project(tmp_path / "p", WITNESSES, VOICES, called="the minutes")
    yaml = root / "seeds" / "doc" / "source.yaml"
    assert load_project(root)[0].facts["object"].author == "A. Writer"
    assert load_project(root)[0].facts["object"].author == "A. Writer"  # from the cache
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("author: A. Writer", "author: Samuel Crane"),
                    encoding="utf-8")
    assert load_project(root)[0].facts["object"].author == "Samuel Crane"


LAID_UP = """
topic: main
facts:
  - id: laid-up
    kind: event
    statement: STATEMENT
    question: How long was Mary Doyle laid up?
    answer: Six weeks
    quote: QUOTE
"""


@pytest.mark.parametrize("statement, quote", [
    ("Mary Doyle was laid up for six weeks in the winter of 1865 with her chest.",
     "My eldest girl, Mary Doyle, was laid up for six weeks last winter with her chest."),
    ("Dr. Pryce measured 60 children of the yards in the autumn of 1865.",
     "I measured 60 children of the yards last autumn"),
    ("The whole number was 97, more than twice that of 1865.",
     "The whole number was 97, being more than twice the number of the year before."),
])
def test_last_winter_and_the_year_before_give_the_year_before_the_minutes(tmp_path, statement, quote):
    """The relative-words warning tells the teacher to write 'the winter of 1865' for 'last
    winter' (minutes of June 1866); check then took 1865 for a number the quote does not give."""
    from studykit.load import load_project

    text = ("My eldest girl, Mary Doyle, was laid up for six weeks last winter with her chest. I measured 60 "
            "children of the yards last autumn. The whole number was 97, being more than twice the number of "
            "the year before.")
    root = make_project(tmp_path, text, LAID_UP.replace("STATEMENT", statement).replace("QUOTE", quote))
    yaml = root / "seeds" / "doc" / "source.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("date: 1863-11-19", "date: 1866-06-12"), encoding="utf-8")
    assert [str(p) for p in load_project(root)[1] if not p.is_warning] == []
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("date: 1866-06-12", "date: 1867-06-12"), encoding="utf-8")
    problems = [str(p) for p in load_project(root)[1] if not p.is_warning]
    assert problems and "the number 1865" in problems[0], problems  # minutes of 1867 mean 1866


SPOUSES = ("We could not live upon my husband's wages alone. I should not object to ten. There is a night "
           "school at the chapel. They are stunted in growth. My wife keeps the accounts of the yard.")


def test_whose_view_offers_no_holder_of_the_other_sex_than_the_speaker(tmp_path):
    """"... my husband's wages" beside "Mr. Samuel Crane", "Mr. John Hale" and "Mrs. Hannah Doyle":
    the titles alone leave one answer."""
    facts = "topic: main\nfacts:" + "".join([
        claim("wages", "We could not live upon my husband's wages alone.", "Mrs. Hannah Doyle"),
        claim("object", "I should not object to ten.", "Mr. Samuel Crane"),
        claim("school", "There is a night school at the chapel.", "Mr. John Hale"),
        claim("stunted", "They are stunted in growth.", "Dr. Ellis Pryce"),
        claim("accounts", "My wife keeps the accounts of the yard.", "Mrs. Ann Moy"),
    ])
    root = make_project(tmp_path, SPOUSES, facts, called="the minutes")
    yaml = root / "seeds" / "doc" / "source.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("author: A. Writer", "author: The Committee"),
                    encoding="utf-8")
    asked = by_template(render(root)[1], "whose-view")
    assert not {"Mr. Samuel Crane", "Mr. John Hale"} & set(asked["wages"].options), asked["wages"].options
    assert {"Mrs. Ann Moy", "Dr. Ellis Pryce"} <= set(asked["wages"].options)  # a woman; a title of no sex
    assert "Mrs. Hannah Doyle" not in asked["accounts"].options and "Dr. Ellis Pryce" in asked["accounts"].options
    assert "Mrs. Hannah Doyle" in asked["object"].options  # a passage that says nothing of its speaker
