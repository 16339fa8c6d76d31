"""whose-view never offers the document's own writer as a wrong option.

A passage is its writer's: asked whose view a passage of the clerk's letter gives, a student
rules "The clerk's letter" out at once when the answer is the mayor.  The template says
``distractors: {offer_writer: false}``; borrowed options naming the writer (or the document)
are left out, and the shortcut that skips a pool with nothing left to borrow still holds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from studykit.check import check_project
from studykit.questions.writer_named import names_the_writer

REPO = Path(__file__).resolve().parent.parent

SOURCE = """\
The bridge must be rebuilt before the winter, whatever it costs.
The tax on carts is too high for the trade of the town.
The market opens too late in the day for those who come from far.
A second weir on the river would keep the wheels turning in summer.
The bridge was already unsafe a year ago.
"""

HOLDERS = {  # fact id -> (holder, the sentence quoted: none names its holder)
    "bridge": ("the mayor", "The bridge must be rebuilt before the winter, whatever it costs."),
    "tax": ("the council", "The tax on carts is too high for the trade of the town."),
    "market": ("the farmers", "The market opens too late in the day for those who come from far."),
    "weir": ("the millers", "A second weir on the river would keep the wheels turning in summer."),
    "same": ("the clerk's letter", "The bridge was already unsafe a year ago."),
}


def _project(root: Path) -> Path:
    seeds = root / "seeds" / "town-letter"
    (seeds / "facts").mkdir(parents=True)
    (seeds / "source.txt").write_text(SOURCE, encoding="utf-8")
    (seeds / "source.yaml").write_text(
        "id: town-letter\ntitle: A Letter on the Town's Affairs\ndate: 1850-03-01\n"
        "author: Mary Brown, clerk of the town (invented)\n"
        "citation: Mary Brown, letter on the town's affairs, 1 March 1850 (invented)\n"
        "text: source.txt\ncalled: the letter\ntopics:\n  - id: views\n    title: Views in the town\n",
        encoding="utf-8")
    facts = ["topic: views", "facts:"]
    for fact_id, (holder, quote) in HOLDERS.items():
        facts += [f"  - id: {fact_id}", "    kind: claim", f"    statement: {quote}",
                  f"    question: What is said about the {fact_id}?", f"    answer: {quote}",
                  f"    quote: \"{quote}\"", f"    data: {{holder: \"{holder}\"}}", "    tags: [views]"]
    (seeds / "facts" / "views.yaml").write_text("\n".join(facts) + "\n", encoding="utf-8")
    shutil.copytree(REPO / "question_templates", root / "question_templates")
    (root / "decks").mkdir()
    (root / "decks" / "town.yaml").write_text(
        "id: town\ntitle: The Town Letter\nsources: [town-letter]\ntopics: [views]\ntemplates: [whose-view]\n",
        encoding="utf-8")
    return root


def _whose_view(project: Path) -> dict:
    result = check_project(project)
    assert result.problems == []
    rendered = result.decks["town"]
    return {q.id: q for q in rendered.questions}, rendered.reasons


def test_the_writer_is_no_wrong_option_beside_the_holders_of_views(tmp_path):
    questions, _ = _whose_view(_project(tmp_path))
    mayor = questions["whose-view/bridge"]
    assert mayor.answer == "The mayor"
    assert len(mayor.options) == 4 and "The clerk's letter" not in mayor.options
    for question in questions.values():
        if question.answer != "The clerk's letter":
            assert "The clerk's letter" not in question.options, question.options
    # The writer's own view is still asked, with the others' holders as its options.
    own = questions["whose-view/same"]
    assert own.answer == "The clerk's letter" and len(own.options) == 4


def test_without_the_rule_the_writer_is_offered(tmp_path):
    """The same project with the template's rule taken out: the writer is offered (what the rule fixes)."""
    project = _project(tmp_path)
    template = project / "question_templates" / "whose-view.yaml"
    template.write_text(template.read_text(encoding="utf-8").replace("  offer_writer: false\n", ""),
                        encoding="utf-8")
    questions, _ = _whose_view(project)
    assert any("The clerk's letter" in q.options for q in questions.values()
               if q.answer != "The clerk's letter")


def test_a_question_left_without_options_says_the_writer_was_left_out(tmp_path):
    project = _project(tmp_path)
    views = project / "seeds" / "town-letter" / "facts" / "views.yaml"
    text = views.read_text(encoding="utf-8")
    for other in ("the council", "the farmers", "the millers"):  # every other holder is the writer
        text = text.replace(f'holder: "{other}"', "holder: \"the clerk's letter\"")
    views.write_text(text, encoding="utf-8")
    questions, reasons = _whose_view(project)
    assert "whose-view/bridge" not in questions
    assert "naming the document's own writer" in reasons["whose-view/bridge"]


@pytest.mark.parametrize("option, author, called, named", [
    ("The ambassador's report", "The Czechoslovak ambassador in Moscow (as the archive's summary says)",
     "the report", True),
    ("The report", "The Czechoslovak ambassador in Moscow", "the report", True),
    ("Soviet comrades", "The Czechoslovak ambassador in Moscow", "the report", False),
    ("The Wilson Center Digital Archive summary", "The Czechoslovak ambassador in Moscow (as the "
     "archive's summary says)", "the report", False),
    ("The chronicler", "An unnamed Koressian chronicler (invented)", "the chronicle", True),
    ("Lincoln", "Abraham Lincoln", "the address", True),
    ("The Varesian plenipotentiaries", "The plenipotentiaries of Aldavia, Varesia and Lusenia", "the treaty",
     False),  # one party of the several that wrote: a fair option
    ("The court", "Josiah Penn, clerk of the court, who took it in short-hand", "the record", False),
    ("Josiah Penn", "Josiah Penn, clerk of the court, who took it in short-hand", "the record", True),
    ("The clerk", "Josiah Penn, clerk of the court, who took it in short-hand", "the record", True),
    ("The Lusenian envoy", "The plenipotentiaries of Aldavia, Varesia and Lusenia", "the treaty", False),
    ("", "Abraham Lincoln", "the address", False),
])
def test_which_options_name_the_writer(option, author, called, named):
    assert names_the_writer(option, author, called) is named
