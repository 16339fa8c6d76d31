"""No question whose answer its topic's title names.

A topic's title is printed above its questions: the worksheet's section heading, the Anki
subdeck a student studies, the practice page's topic list.  Under "The siege of Pagai" the
where card "Where? In 429 BC the Phalarians ... laid siege to _____." and the reverse card "what
does the figure of 7 months refer to? -> the siege of Pagai" answer themselves (the ancient
example, until this rule); so did the treaty example's cloze "The [indemnity] Varesia paid ..."
under "The indemnity and the debts", and the shipped report's blank "provocative actions of
[South Korea]" under "Japan and South Korea".  A cloze keeps its other blanks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from small_project import by_template, make_project, render

from studykit.check import check_project

REPO = Path(__file__).resolve().parent.parent
PROJECTS = [REPO, *sorted(p for p in (REPO / "examples").iterdir() if (p / "decks").is_dir())]

TEXT = ("In 429 BC the Phalarians came by land and laid siege to Pagai. The siege lasted seven months. "
        "In 428 BC the Phalarians burned the farms at Eresos. In 427 BC the walls of Pagai were mended.")

FACTS = """
topic: siege
facts:
  - id: siege-army
    kind: event
    statement: In 429 BC the Phalarians came by land and laid siege to Pagai.
    question: In which year did the Phalarians lay siege to Pagai?
    answer: In 429 BC
    quote: In 429 BC the Phalarians came by land and laid siege to Pagai.
    key_terms: [429 BC]
    data: {where: Pagai}
  - id: walls-mended
    kind: event
    statement: In 427 BC the walls of Pagai were mended.
    question: What was mended in 427 BC?
    answer: The walls
    quote: In 427 BC the walls of Pagai were mended.
    key_terms: [Pagai, 427 BC]
  - id: siege-length
    kind: figure
    statement: The siege of Pagai lasted seven months.
    question: How long did the siege of Pagai last?
    answer: 7 months
    quote: The siege lasted seven months.
    key_terms: [siege]
    data: {item: the siege of Pagai, unit: months, value: 7}
  - id: farms-burned
    kind: event
    statement: In 428 BC the Phalarians burned the farms at Eresos.
    question: What did the Phalarians burn in 428 BC?
    answer: Farms
    quote: In 428 BC the Phalarians burned the farms at Eresos.
    key_terms: [428 BC]
    data: {where: Eresos}
"""


def _rendered(tmp_path: Path):
    make_project(tmp_path, TEXT, FACTS, called="the chronicle", topics=("siege",))
    yaml = tmp_path / "seeds" / "doc" / "source.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("title: Siege", "title: The siege of Pagai"),
                    encoding="utf-8")
    return render(tmp_path)


def test_a_where_card_its_heading_answers_is_not_made(tmp_path):
    _, result = _rendered(tmp_path)
    where = by_template(result, "where")
    assert "siege-army" not in where
    assert "farms-burned" in where  # a place the heading does not name is asked
    reason = result.reasons["where/siege-army"]
    assert "The siege of Pagai" in reason and "Pagai" in reason


def test_a_reverse_card_its_heading_answers_is_not_made(tmp_path):
    _, result = _rendered(tmp_path)
    assert "siege-length" not in by_template(result, "figure-reverse")
    assert "The siege of Pagai" in result.reasons["figure-reverse/siege-length"]
    assert "siege-length" in by_template(result, "recall")  # "How long ...?" asks the figure


def test_a_cloze_keeps_only_the_blanks_its_heading_does_not_name(tmp_path):
    _, result = _rendered(tmp_path)
    cloze = by_template(result, "cloze")
    assert [t for t, n in cloze["walls-mended"].cloze if n] == ["427 BC"]
    assert "siege-length" not in cloze  # its one blank, "siege", is the heading's word
    assert "The siege of Pagai" in result.reasons["cloze/siege-length"]


def test_the_answer_is_compared_without_its_article_or_preposition(tmp_path):
    from studykit.questions.headings import names_answer

    assert names_answer("The siege of Pagai", "at Pagai")
    assert names_answer("The indemnity and the debts", "An indemnity")
    assert names_answer("Japan and South Korea", "South Korea's")
    assert not names_answer("The peace and the cost of the war", "the cost of the war to Koressa")
    assert not names_answer("Japan and South Korea", "Japanese credit to South Korea")
    assert not names_answer("The siege of Pagai", "")


def test_the_decks_own_title_gives_no_answer(tmp_path):
    """"Who was the prisoner?" -> "John Harker" in the deck "The Trial of John Harker, 1786" (the
    trial example's recall, who-is and cloze cards, until this rule), as "Where were the
    ratifications exchanged?" -> "At Castelbrück" in "The Treaty of Castelbrück"."""
    _rendered(tmp_path)
    recipe = tmp_path / "decks" / "doc.yaml"
    recipe.write_text(recipe.read_text(encoding="utf-8").replace("title: Doc", "title: The Farms at Eresos"),
                      encoding="utf-8")
    _, result = render(tmp_path)
    assert "farms-burned" not in by_template(result, "recall")  # "What did they burn?" -> "Farms"
    assert "The Farms at Eresos::The siege of Pagai" in result.reasons["recall/farms-burned"]
    assert "siege-length" in by_template(result, "recall")


def test_the_trial_and_treaty_examples_ask_nothing_their_deck_titles_name():
    trial = check_project(REPO / "examples" / "trial-1786")
    ids = {q.id for d in trial.decks.values() for q in d.questions}
    assert not ids & {"recall/harker-prisoner", "who-is/harker-prisoner", "cloze/harker-prisoner"}
    [deck] = trial.decks.values()
    assert "'The Trial of John Harker, 1786 (invented)::" in deck.reasons["recall/harker-prisoner"]
    treaty = check_project(REPO / "examples" / "treaty-1815")
    assert "recall/ratification-place" not in {q.id for d in treaty.decks.values() for q in d.questions}


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name)
def test_no_shipped_or_example_question_is_answered_by_its_heading(root):
    from studykit.questions.headings import heading, names_answer

    checked = check_project(root)
    for deck_id, deck in checked.decks.items():
        for q in deck.questions:
            title = heading(checked.project, q.fact, checked.project.decks[deck_id].title)
            assert title.endswith(checked.project.sources[q.source_id].topic(q.topic).title)
            asked = [t for t, n in q.cloze if n] if q.cloze else (
                [q.answer] if q.style in ("short_answer", "multiple_choice") else [])
            assert not [a for a in asked if names_answer(title, a)], (q.id, title)


def test_check_warns_at_a_key_term_its_topic_title_names(tmp_path):
    """The cloze leaves such a term unblanked, yet its "Fill in the blanks." counted it: the fact's
    data should say what is asked (the shipped 'South Korea' under 'Japan and South Korea')."""
    _rendered(tmp_path)
    found = [str(p) for p in check_project(tmp_path, strict=True).reported if "key term" in p.message]
    assert [m for m in found if "'walls-mended'" in m and "'Pagai'" in m and "key_terms" in m], found
    assert [m for m in found if "'siege-length'" in m and "'siege'" in m], found
    assert not [m for m in found if "'farms-burned'" in m]
