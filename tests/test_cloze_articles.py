"""A blank hides the article before it ("a(n) ___": "an ___" would tell a vowel), but once the
blank is filled in the sentence reads as written: "construction of an oil refinery", never
"construction of a(n) oil refinery" (found in the shipped deck's cloze cards, GIFT questions,
answer keys and flashcards)."""

from __future__ import annotations

import html
import re

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from conftest import REPO, SOURCE_ID
from studykit import apkg, apkgfile, flashcards
from studykit.check import check_project
from studykit.export import export_project
from studykit.questions.make import cloze_segments
from studykit.questions.question import Question

REFINERY = "cloze/oil-refinery-first-request"  # "... construction of an oil refinery with a yearly capacity of 1 million tons"


def cloze(text: str, terms: list[str]) -> Question:
    question = Question(id="cloze/x", guid_key="x", template_id="cloze", style="fill_blank", topic="t",
                        source_id="s", facts=[], prompt="Fill in the blank.")
    question.cloze, question.cloze_text = cloze_segments(text, terms), text
    return question


def test_only_an_open_blank_hides_its_article():
    question = cloze("An envoy brought an ivory box and a letter.", ["envoy", "ivory box", "letter"])
    assert question.cloze_plain == "A(n) envoy brought a(n) ivory box and a(n) letter."
    assert "".join(t for t, _ in question.cloze_shown()) == "An envoy brought an ivory box and a letter."
    assert "".join("___" if n == 2 else t for t, n in question.cloze_shown({2})) == \
        "An envoy brought a(n) ___ and a letter."
    assert question.cloze_written() == ["An ", "envoy", " brought an ", "ivory box", " and a ", "letter", "."]


def test_a_sentence_without_articles_before_its_blanks_is_shown_unchanged():
    question = cloze("The USSR promised crude oil and ores.", ["crude oil", "ores"])
    assert question.cloze_shown() == question.cloze_shown({1, 2}) == question.cloze


@pytest.fixture(scope="module")
def checked():
    return check_project(REPO)


@pytest.fixture(scope="module")
def refinery(checked):
    question = next(q for q in checked.decks[SOURCE_ID].questions if q.id == REFINERY)
    assert "a(n) " in question.cloze_plain, "the shipped cloze this file is about blanks 'an oil refinery'"
    return question


def plain(card_html: str) -> str:
    text = re.sub(r"<style.*?</style>|<script.*?</script>", "", card_html, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def test_anki_shows_the_other_blank_filled_with_its_article_and_the_asked_one_without(checked, refinery,
                                                                                     tmp_path):
    project, recipe = checked.project, checked.project.decks[SOURCE_ID]
    package = apkgfile.write_package(project, recipe, apkg.notes_for(project, recipe, checked.decks[SOURCE_ID].questions),
                                 1_700_000_000)
    (tmp_path / "deck.apkg").write_bytes(package.data)
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(tmp_path / "deck.apkg"),
                                                         options=ImportAnkiPackageOptions()))
        note = next(col.get_note(n) for n in col.find_notes("") if html.unescape(col.get_note(n)["QuestionId"]) == REFINERY)
        assert "a(n)" not in note["Text"]
        fronts = {card.ord: plain(card.question()) for card in note.cards()}
        backs = {card.ord: plain(card.answer()) for card in note.cards()}
    finally:
        col.close()
    assert len(fronts) == 2
    assert "construction of [...] with a yearly capacity of 1 million tons" in fronts[0]
    assert "construction of an oil refinery with a yearly capacity of [...]" in fronts[1]
    assert all("a(n)" not in side for side in [*fronts.values(), *backs.values()])
    assert "construction of an oil refinery with a yearly capacity of 1 million tons" in backs[0]


def test_gift_fills_the_other_blank_with_its_article(tmp_path):
    text = export_project(REPO, "gift", out=tmp_path)[0].path.read_text(encoding="utf-8")
    second = next(line for line in text.splitlines() if line.startswith(f"::{REFINERY}/c2::"))
    assert "construction of an oil refinery with a yearly capacity of {" in second
    first = next(line for line in text.splitlines() if line.startswith(f"::{REFINERY}/c1::"))
    assert "construction of a(n) {=oil refinery" in first  # the asked blank still hides its article


def test_quizlet_fills_the_other_blank_with_its_article(tmp_path):
    text = export_project(REPO, "quizlet", out=tmp_path)[0].path.read_text(encoding="utf-8")
    assert any("construction of an oil refinery with a yearly capacity of _____" in line
               for line in text.splitlines())
    assert not re.search(r"a\(n\) oil refinery", text)


def test_answer_keys_fill_blanks_with_their_articles(built):
    keys = sorted(built.glob("*answer-key-*.html"))
    assert keys
    for key in keys:
        assert not re.search(r"a\(n\)\s*<span class=\"filled\">", key.read_text(encoding="utf-8")), key.name


def test_a_flashcard_back_reads_the_sentence_as_written(refinery):
    back = flashcards.back(refinery)
    assert "construction of an oil refinery" in back.lines[0]
    front = flashcards.front(refinery)
    assert "construction of a(n) _____" in front.lines[0]
