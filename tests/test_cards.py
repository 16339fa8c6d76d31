"""Cards as students meet them: every template rendered by the real ``anki`` package.

What a student reads on each side (front and back of one card per template),
retired notes in a fresh and in an existing collection, search in Anki's
browser, and typed figures.  The browser side (tapping choices, layout,
night mode) is in test_cards_browser.py.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml
from anki.collection import Collection
from anki.scheduler.v3 import CardAnswer

from studykit import apkg
from studykit.build import build_project
from studykit.check import check_project
from studykit.errors import InvalidContent

from anki_pages import built_deck, import_package, shipped_copy, one_card_per_template, question_id, side_html
from conftest import REPO, SOURCE_ID

# Cards are what these tests are about; worksheet PDFs would only add seconds per build.
pytestmark = pytest.mark.outputs("anki")

STARTER = REPO / "src" / "studykit" / "starter"


def visible(side: str) -> str:
    """The text of a rendered side as read (tags, styles and scripts removed, entities decoded)."""
    side = re.sub(r"<(style|script)\b.*?</\1>", " ", side, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", side)).split())


def plain(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    """The shipped deck imported into a fresh collection: (project, questions by id, cards by template)."""
    tmp = tmp_path_factory.mktemp("cards")
    project, recipe, questions, notes, path = built_deck(shipped_copy(tmp / "project"), tmp / "deck.apkg")
    col = Collection(str(tmp / "fresh.anki2"))
    import_package(col, path)
    yield project, {q.id: q for q in questions}, col
    col.close()


def test_every_anki_template_has_a_card_with_a_front_and_a_back(deck):
    project, questions, col = deck
    recipe = project.decks[SOURCE_ID]
    expected = {t for t in recipe.templates if project.templates[t].note_type
                and "anki" in project.templates[t].spec.get("targets", ("anki",))}
    cards = one_card_per_template(col)
    assert set(cards) == expected
    for name, card in cards.items():
        question = questions[question_id(card)]
        front, back = visible(side_html(col, card, "front")), visible(side_html(col, card, "back"))
        assert front and back, name
        assert plain(question.prompt if question.style != "fill_blank" else "")[:20] in front
        assert project.sources[SOURCE_ID].citation in back  # the worksheets' citation, archive included
        assert project.sources[SOURCE_ID].citation not in front


def test_backs_say_each_thing_once(deck):
    project, questions, col = deck
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        question = questions[question_id(card)]
        fact = question.fact
        # Outside the quote (a statement may repeat the report's words on purpose).
        back = visible(re.sub(r'<blockquote class="quote">.*?</blockquote>', " ", side_html(col, card, "back"),
                              flags=re.S))
        statement = plain(fact.statement)
        if question.style == "fill_blank" or fact.kind == "list":
            # The cloze sentence or the list already says it: no second copy as the statement.
            assert back.count(statement) <= 1, question.id
        else:
            assert back.count(statement) == 1, question.id
        if question.style == "true_false":
            verdict = "✓ True" if question.truth else "✗ False"
            other = "✗ False" if question.truth else "✓ True"
            assert back.count(verdict) == 1 and other not in back, question.id
            assert '<span class="verdict verdict-' in card.answer()
        if question.style == "ordering":
            # The shuffled front list is hidden on the back (test_cards_browser checks it is
            # not visible); the answer lists each item once with its letter.
            answer_part = visible(re.sub(r'<blockquote class="quote">.*?</blockquote>', " ",
                                         card.answer().split('<hr id="answer">')[1], flags=re.S))
            for item in question.order:
                assert answer_part.count(item) == 1, (question.id, item)
            letters = "ABCDEFGHIJ"
            answer = re.search(r'<div class="answer">(.*?)</div>', card.answer(), re.S).group(1)
            shown = [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", answer)]
            assert shown == [f"{html.escape(item, quote=False)} ({letters[question.options.index(item)]})"
                             for item in question.order]


def test_the_ordering_front_letters_the_items_outside_the_bold_prompt(deck):
    _, questions, col = deck
    card = one_card_per_template(col)["ordering"]
    question = questions[question_id(card)]
    front = card.question()
    assert '<ol class="items" type="A">' in front
    items = re.findall(r"<li>(.*?)</li>", front.split('<ol class="items"')[1])
    assert [html.unescape(i) for i in items] == question.options
    assert question.options != question.order


def test_a_cloze_back_marks_the_blank_with_more_than_colour(deck):
    _, questions, col = deck
    card = one_card_per_template(col)["cloze"]
    question = questions[question_id(card)]
    term = next(text for text, n in question.cloze if n == card.ord + 1)
    shown = re.search(f'<span class="cloze" data-ordinal="{card.ord + 1}">(.*?)</span>', card.answer()).group(1)
    assert shown in (html.escape(term, quote=False), f"a {html.escape(term, quote=False)}",
                     f"an {html.escape(term, quote=False)}")  # a blank takes its article along
    assert '<div class="prompt cloze-text">' in card.answer()


def test_quotes_that_start_or_end_mid_sentence_get_an_ellipsis(deck):
    _, questions, col = deck
    seen = {"start": 0, "end": 0}
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        fact = questions[question_id(card)].fact
        quote = visible(re.search(r'<blockquote class="quote">(.*?)</blockquote>', card.answer(), re.S)
                        .group(1))
        first, last = fact.quotes[0].strip(), fact.quotes[-1].strip()
        if first[0].islower():
            assert quote.startswith("…" + first[:10]), quote
            seen["start"] += 1
        else:
            assert quote.startswith(first[:10]), quote
        if last.rstrip("\"”’')]")[-1:] not in (".", "!", "?", "…"):
            assert quote.endswith(last[-10:] + "…"), quote
            seen["end"] += 1
        else:
            assert quote.endswith(last[-10:]), quote
    assert seen["start"] and seen["end"]  # the shipped deck has both kinds


def test_context_is_labelled_with_what_the_source_is_called(tmp_path):
    """Another document ('the letter'): the label comes from source.yaml, not the note type."""
    project = tmp_path / "starter"
    shutil.copytree(STARTER, project, symlinks=False)
    _, _, questions, _, path = built_deck(project, tmp_path / "starter.apkg")
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        import_package(col, path)
        with_context = [c for c in map(col.get_card, col.find_cards(""))
                        if next(q for q in questions if q.id == question_id(c)).fact.context]
        assert with_context
        for card in with_context:
            back = visible(card.answer())
            assert "Context (not from the letter):" in back and "not from the report" not in back
        assert all("not from the" not in nt["css"] for nt in col.models.all())
    finally:
        col.close()


def test_every_note_type_shares_one_stylesheet():
    project, _ = check_project(REPO).project, None
    sheets = {nt.id: nt.css for nt in project.note_types.values()}
    assert len(sheets) >= 4 and len(set(sheets.values())) == 1, sorted(sheets)
    css = next(iter(sheets.values()))
    # The body is .card in Anki's reviewer: a margin here would replace Anki's page margin.
    card_rule = re.search(r"\.card \{([^}]*)\}", css).group(1)
    assert "margin" not in card_rule and "padding" not in card_rule


# --- search ---------------------------------------------------------------------------

def test_fields_are_stored_as_ankis_editor_stores_them_so_search_finds_every_note(deck):
    _, questions, col = deck
    for note_id in col.find_notes(""):
        for value in col.get_note(note_id).fields:
            assert not re.search(r"&#39;|&#x27;|&#34;|&quot;|[\t\r\n]", value), value
    # Which notes mention the phrase, worked out from the questions' own plain text.
    phrase = "People's"
    expected = set()
    for question in questions.values():
        if "anki" not in question.targets or not question.note_type:
            continue
        texts = [question.prompt, question.answer, *question.options, *question.order,
                 question.cloze_plain, question.fact.statement, *question.fact.quotes, question.fact.context]
        if any(phrase in text for text in texts):
            expected.add(apkg.note_guid(question.guid_key))
    found = {col.get_note(n).guid for n in col.find_notes(phrase)}
    assert len(expected) >= 5 and found == expected


# --- retired notes ------------------------------------------------------------------

def remove_fact(project: Path, fact_id: str) -> None:
    for path in sorted((project / "seeds" / SOURCE_ID / "facts").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kept = [f for f in data["facts"] if f["id"] != fact_id]
        if len(kept) != len(data["facts"]):
            data["facts"] = kept
            path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def study_everything(col: Collection, deck_name: str) -> None:
    """Select the deck and lift the daily limit of new cards, so the queue holds every due card."""
    col.decks.select(col.decks.id_for_name(deck_name))
    config = col.decks.config_dict_for_deck_id(col.decks.id_for_name(deck_name))
    config["new"]["perDay"] = config["rev"]["perDay"] = 9999
    col.decks.save(config)


def study(col: Collection, count: int) -> list[int]:
    """Answer the next ``count`` cards of the queue with the real scheduler; their card ids."""
    done = []
    for _ in range(count):
        queued = col.sched.get_queued_cards(fetch_limit=1).cards[0]
        card = col.get_card(queued.card.id)
        card.start_timer()
        col.sched.answer_card(col.sched.build_answer(card=card, states=queued.states, rating=CardAnswer.GOOD))
        done.append(card.id)
    return done


@pytest.fixture
def two_builds(project, tmp_path):
    """The shipped project built, then rebuilt without the first facts of the first topic."""
    out = tmp_path / "dist"
    first = build_project(project, out=out).decks[0]
    first_package = tmp_path / "first.apkg"
    shutil.copy(first.apkg, first_package)
    result = check_project(project)
    facts = [f for f in result.project.facts.values() if f.topic == result.project.decks[SOURCE_ID].topics[0]]
    removed = [facts[0].id, facts[1].id]
    for fact_id in removed:
        remove_fact(project, fact_id)
    second = build_project(project, out=out).decks[0]
    assert second.retired
    return first_package, second, removed


def test_a_first_import_never_puts_a_retired_card_in_the_study_queue(two_builds, tmp_path):
    _, second, removed = two_builds
    col = Collection(str(tmp_path / "newcomer.anki2"))
    try:
        log = import_package(col, second.apkg)
        assert not log.conflicting
        retired_notes = col.find_notes("tag:retired")
        assert len(retired_notes) == len(second.retired)  # the notes arrive (searchable) ...
        assert col.find_cards("tag:retired") == []       # ... but bring nothing to study
        study_everything(col, second.title)
        queued = col.sched.get_queued_cards(fetch_limit=1000).cards
        assert len(queued) == col.card_count()
        assert all("retired" not in col.get_card(q.card.id).note().tags for q in queued)
        assert not any(fid in removed for c in queued
                       for fid in [question_id(col.get_card(c.card.id)).split("/")[1]])
    finally:
        col.close()


def test_reimport_over_an_older_collection_keeps_reviews_note_ids_and_shows_the_notice(two_builds, tmp_path):
    first_package, second, removed = two_builds
    col = Collection(str(tmp_path / "student.anki2"))
    try:
        import_package(col, first_package)
        study_everything(col, second.title)
        # Study the first cards of the deck: they include the removed facts' cards.
        studied = study(col, 12)
        studied_retired = [c for c in studied if question_id(col.get_card(c)).split("/")[1] in removed]
        assert studied_retired
        state = lambda cid: (lambda c: (c.nid, c.type, c.queue, c.due, c.ivl, c.reps))(col.get_card(cid))  # noqa
        before = {cid: state(cid) for cid in studied}
        reviews = col.db.scalar("SELECT count() FROM revlog")
        notes_before = sorted(col.find_notes(""))
        cards_before = sorted(col.find_cards(""))

        log = import_package(col, second.apkg)
        col.models._clear_cache()
        assert not log.conflicting and not log.new
        assert sorted(col.find_notes("")) == notes_before           # note ids kept
        assert sorted(col.find_cards("")) == cards_before           # every card kept
        assert {cid: state(cid) for cid in studied} == before       # scheduling kept
        assert col.db.scalar("SELECT count() FROM revlog") == reviews
        assert not [m["name"] for m in col.models.all() if m["name"].endswith("+")]
        for cid in studied_retired:
            card = col.get_card(cid)
            assert "retired" in card.note().tags
            assert apkg.RETIRED_STATUS in visible(card.question())
            assert apkg.RETIRED_STATUS in visible(card.answer())
    finally:
        col.close()


def test_reimport_over_a_deck_built_with_older_card_html_updates_it_in_place(project, tmp_path):
    """A student's deck from before a change of note type HTML/CSS and field content keeps its history."""
    types = project / "question_templates" / "note_types"
    for path in types.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["css"] = ".card { margin: 0 auto; }"
        for card in data["cards"]:
            card["front"] = card["front"].replace('<div class="sk', '<div class="old-sk')
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    old = tmp_path / "old.apkg"
    built_deck(project, old, timestamp=1_600_000_000)
    shutil.rmtree(types)
    shutil.copytree(REPO / "question_templates" / "note_types", types)
    new = tmp_path / "new.apkg"
    built_deck(project, new, timestamp=1_700_000_000)

    col = Collection(str(tmp_path / "student.anki2"))
    try:
        import_package(col, old)
        study_everything(col, check_project(project).project.decks[SOURCE_ID].title)
        studied = study(col, 5)
        before = {cid: col.get_card(cid).reps for cid in studied}
        log = import_package(col, new)
        col.models._clear_cache()
        assert not log.conflicting and not log.new and len(log.updated) == col.note_count()
        assert {cid: col.get_card(cid).reps for cid in studied} == before
        assert all("old-sk" not in col.get_card(cid).question() for cid in studied)
        assert {m["name"] for m in col.models.all()} >= {"studykit Question", "studykit Multiple Choice"}
        assert not [m["name"] for m in col.models.all() if m["name"].endswith("+")]
    finally:
        col.close()


# --- typed figures --------------------------------------------------------------------

def test_a_typed_figure_card_compares_the_number_without_separators(deck):
    project, questions, col = deck
    card = one_card_per_template(col)["figure-typed"]
    question = questions[question_id(card)]
    assert project.templates["figure-typed"].spec["type_answer"] is True
    note = card.note()
    figure = question.fact.data.get("promised", question.fact.data.get("value"))
    assert note["Typed"] == str(figure) and "," not in note["Typed"]
    assert "[[type:Typed]]" in card.question()
    right = col.compare_answer(note["Typed"], str(figure))
    wrong = col.compare_answer(note["Typed"], str(figure) + "1")
    assert "typeBad" not in right and "typeBad" in wrong or "typeMissed" in wrong


def test_type_answer_on_a_template_without_a_single_number_is_a_problem(project, tmp_path):
    path = project / "question_templates" / "recall.yaml"
    path.write_text(path.read_text().replace("note_type: studykit-basic",
                                             "note_type: studykit-typed\ntype_answer: true"))
    problems = check_project(project).problems  # found by check, before any build
    assert problems
    assert all(p.path.endswith("recall.yaml") and p.line > 1 for p in problems)
    assert "type_answer needs an answer with exactly one number" in problems[0].message
    with pytest.raises(InvalidContent):
        build_project(project, out=tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def test_typed_answer_takes_the_one_number_without_separators():
    assert apkg.typed_answer("75,000 tons") == "75000"
    assert apkg.typed_answer("About 100 pieces") == "100"
    assert apkg.typed_answer("2,000,000 tons") == "2000000"
    assert apkg.typed_answer("37.5%") == "37.5"
    assert apkg.typed_answer("200,000 tons asked; 75,000 tons promised") is None
    assert apkg.typed_answer("grain") is None


def test_type_answer_and_a_typed_note_type_go_together(project):
    path = project / "question_templates" / "recall.yaml"
    path.write_text(path.read_text().replace("note_type: studykit-basic", "note_type: studykit-typed"))
    typed = project / "question_templates" / "figure-typed.yaml"
    typed.write_text(typed.read_text().replace("note_type: studykit-typed", "note_type: studykit-basic"))
    problems = check_project(project).problems
    messages = {(Path(p.path).name, p.message.split(":")[0]) for p in problems}
    assert messages == {("recall.yaml", "template 'recall'"), ("figure-typed.yaml", "template 'figure-typed'")}
    text = " | ".join(p.message for p in problems)
    assert "add 'type_answer: true'" in text and "needs a note type with a 'Typed' field" in text
    assert all(p.line > 1 for p in problems)
