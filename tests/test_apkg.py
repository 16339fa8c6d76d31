"""apkg: the package imports into a real Anki collection with the notes, cards and decks we expect.

Every check imports with the official ``anki`` library into a temporary
collection and reads back what a student would see.
"""

from __future__ import annotations

import html
import json
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path

import markupsafe
import pytest
import yaml
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from studykit import apkg, apkgfile
from studykit.check import check_project
from studykit.load import load_project

from conftest import REPO, SOURCE_ID


def rendered_deck(root: Path):
    """The project's only deck recipe and its rendered questions (the build's input)."""
    result = check_project(root)
    assert result.problems == []
    [recipe] = result.project.decks.values()
    return result.project, recipe, result.decks[recipe.id].questions


def anki_questions(questions):
    return [q for q in questions if "anki" in q.targets and q.note_type]


def write(project, recipe, questions, path: Path, timestamp: int = 1_700_000_000) -> apkgfile.Package:
    package = apkgfile.write_package(project, recipe, apkg.notes_for(project, recipe, questions), timestamp)
    path.write_bytes(package.data)
    return package


def import_into(col: Collection, path: Path):
    started = time.perf_counter()
    response = col.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(path), options=ImportAnkiPackageOptions()))
    print(f"anki import of {path.name}: {time.perf_counter() - started:.3f} s")
    return response.log


@pytest.fixture
def col(tmp_path):
    collection = Collection(str(tmp_path / "collection.anki2"))
    yield collection
    collection.close()


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The shipped deck, built once into a temporary folder."""
    project, recipe, questions = rendered_deck(Path(__file__).resolve().parent.parent)
    path = tmp_path_factory.mktemp("shipped") / "deck.apkg"
    package = write(project, recipe, questions, path)
    return project, recipe, questions, path, package


def notes_by_question_id(col: Collection) -> dict:
    notes = {}
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        notes[html.unescape(note["QuestionId"])] = note
    return notes


def test_the_deck_imports_with_the_expected_notes_cards_decks_and_note_types(shipped, col):
    project, recipe, questions, path, package = shipped
    wanted = anki_questions(questions)
    expected_cards = sum(
        len({n for _, n in q.cloze if n}) if project.note_types[q.note_type].cloze
        else len(project.note_types[q.note_type].cards)
        for q in wanted)

    log = import_into(col, path)

    assert (len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting)) == (len(wanted), 0, 0, 0)
    assert col.note_count() == package.notes == len(wanted)
    assert col.card_count() == package.cards == expected_cards
    guids = {col.get_note(n).guid for n in col.find_notes("")}
    assert guids == {apkg.note_guid(q.guid_key) for q in wanted}
    topic_titles = {t.id: t.title for t in project.sources[SOURCE_ID].topics}
    used_topics = [t for t in recipe.topics if any(q.topic == t for q in wanted)]
    deck_names = {d.name for d in col.decks.all_names_and_ids()}
    assert {f"{recipe.title}::{recipe.topics.index(t) + 1:02d} {topic_titles[t]}" for t in used_topics} \
        <= deck_names
    for note_type in (project.note_types[t] for t in sorted({q.note_type for q in wanted})):
        model = col.models.by_name(note_type.name)
        assert model["id"] == apkg.note_type_id(note_type)
        assert [f["name"] for f in model["flds"]] == note_type.fields
        assert [t["name"] for t in model["tmpls"]] == [c["name"] for c in note_type.cards]


def test_notes_carry_their_source_topic_kind_template_and_fact_tags(shipped, col):
    import_into(col, shipped[3])
    notes = notes_by_question_id(col)
    # aid.yaml: topic aid, kind figure, tags [aid, grain, figures]; the recall template
    assert sorted(notes["recall/grain-requested-vs-promised"].tags) == \
        ["aid", "figure", "figures", "grain", "recall", "soviet-korean-relations-1967"]
    assert set(col.find_notes("tag:grain")) >= {notes["recall/grain-requested-vs-promised"].id}


def test_a_template_file_named_with_spaces_is_refused_so_every_tag_is_one_word(tmp_path):
    """A template's id is its file name, and its notes are tagged with it; Anki splits a tag at a
    space, so a file name that is not a kebab-case id is refused with the name to use instead."""
    from small_project import make_project
    from studykit.load import load_project

    root = make_project(tmp_path / "p", "The new pier opened in spring.\n", """\
        facts:
          - id: pier-opened
            topic: main
            kind: event
            statement: The new pier opened in spring.
            question: When did the new pier open?
            answer: In spring
            quote: The new pier opened in spring.
        """, templates={"Who Said It": (REPO / "question_templates" / "recall.yaml").read_text("utf-8")})
    _, problems = load_project(root)
    [problem] = [p for p in problems if p.severity == "error"]
    assert problem.path.endswith("question_templates/Who Said It.yaml") and (problem.line, problem.col) == (1, 1)
    assert "rename it to 'who-said-it.yaml'" in problem.message


def test_every_card_renders_with_statement_quote_and_citation(shipped, col):
    project, _, questions, path, _ = shipped
    import_into(col, path)
    by_id = {q.id: q for q in questions}
    source = project.sources[SOURCE_ID]
    text = lambda value: html.escape(value, quote=False)  # noqa: E731 - as Anki's editor stores text
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        question = by_id[html.unescape(card.note()["QuestionId"])]
        front, back = card.question(), card.answer()
        assert front.strip() and back.strip()
        # The statement is said once: not after a cloze sentence or a list that already says it.
        if question.fact.kind != "list" and question.style != "fill_blank":
            assert text(question.fact.statement) in back
        assert all(text(quote) in back for quote in question.fact.quotes)
        assert text(source.citation) in back
        if question.fact.context:
            assert text(question.fact.context) in back
            assert "Context (not from the report):" in back  # the label, from source.yaml's 'called'


def test_cloze_cards_blank_one_term_each(shipped, col):
    _, _, questions, path, _ = shipped
    import_into(col, path)
    notes = notes_by_question_id(col)
    cloze = next(q for q in questions if q.style == "fill_blank" and sum(1 for _, n in q.cloze if n) >= 2)
    terms = {n: text for text, n in cloze.cloze if n}
    cards = sorted(notes[cloze.id].cards(), key=lambda c: c.ord)
    assert len(cards) == len(terms)
    for card in cards:
        n, term = card.ord + 1, markupsafe.escape(terms[card.ord + 1])
        front, back = card.question(), card.answer()
        assert f'data-ordinal="{n}">[...]</span>' in front
        assert f'data-ordinal="{n}">{term}</span>' not in front
        assert f'<span class="cloze" data-ordinal="{n}">{term}</span>' in back
        others = [markupsafe.escape(t) for m, t in terms.items() if m != n]
        assert all(f'class="cloze-inactive" data-ordinal="{m}">{t}</span>' in front
                   for m, t in zip([m for m in terms if m != n], others))


def test_multiple_choice_cards_show_the_options_and_mark_the_right_one(shipped, col):
    _, _, questions, path, _ = shipped
    import_into(col, path)
    notes = notes_by_question_id(col)
    choice = next(q for q in questions if q.style == "multiple_choice" and q.note_type and "anki" in q.targets)
    [card] = notes[choice.id].cards()
    front, back = card.question(), card.answer()
    text = lambda value: html.escape(value, quote=False)  # noqa: E731
    options = "".join(f'<li class="correct">{text(o)}</li>' if o == choice.answer else f"<li>{text(o)}</li>"
                      for o in choice.options)
    assert f'<ol class="options">{options}</ol>' in front
    assert f'<div class="prompt">{text(choice.prompt)}</div>' in front
    assert f'<div class="answer">{text(choice.answer)}</div>' in back
    assert '<div class="answer">' not in front


def test_html_in_a_fact_shows_as_text(project, facts_dir, col, tmp_path):
    loaded, _ = load_project(project)
    quote = next(iter(loaded.facts.values())).quotes[0]
    fact = {
        "id": "markup-check", "kind": "claim", "topic": "visit",
        "statement": "Says <b>bold</b> & <script>alert('x')</script> plainly.",
        "question": "Is <i>this</i> markup?", "answer": "No, <u>text</u>.",
        "quote": quote, "context": "A <em>made-up</em> note.", "data": {"holder": "<the tester>"},
    }
    (facts_dir / "markup.yaml").write_text(yaml.safe_dump({"topic": "visit", "facts": [fact]}))
    project_, recipe, questions = rendered_deck(project)
    write(project_, recipe, questions, tmp_path / "deck.apkg")
    import_into(col, tmp_path / "deck.apkg")

    [card] = notes_by_question_id(col)["recall/markup-check"].cards()
    front, back = card.question(), card.answer()
    assert "Is &lt;i&gt;this&lt;/i&gt; markup?" in front and "<i>" not in front
    assert "No, &lt;u&gt;text&lt;/u&gt;." in back
    assert "Says &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in back
    assert "<b>" not in back and "<script>" not in back and "<em>" not in back


def test_new_cards_follow_the_recipe_topic_order(shipped, col):
    project, recipe, questions, path, _ = shipped
    import_into(col, path)
    topic_of = {q.id: q.topic for q in questions}
    rank = {topic: i for i, topic in enumerate(recipe.topics)}
    cards = [col.get_card(c) for c in col.find_cards("")]
    by_position = sorted(cards, key=lambda c: c.due)
    ranks = [rank[topic_of[html.unescape(c.note()["QuestionId"])]] for c in by_position]
    assert ranks == sorted(ranks)
    # Anki studies subdecks in name order; the names must sort in the recipe's order.
    subdecks = [d.name for d in col.decks.all_names_and_ids() if d.name.startswith(f"{recipe.title}::")]
    assert subdecks == sorted(subdecks)
    first_topic = min(ranks)
    col.decks.select(col.decks.id_for_name(recipe.title))
    top = col.sched.get_queued_cards(fetch_limit=1).cards[0]
    assert rank[topic_of[html.unescape(col.get_card(top.card.id).note()["QuestionId"])]] == first_topic


def _package_ids(path: Path) -> tuple[dict, list]:
    with zipfile.ZipFile(path) as archive, open(path.with_suffix(".anki2"), "wb") as db:
        db.write(archive.read("collection.anki2"))
    conn = sqlite3.connect(path.with_suffix(".anki2"))
    models, decks = conn.execute("SELECT models, decks FROM col").fetchone()
    conn.close()
    return ({m["name"]: int(m["id"]) for m in json.loads(models).values()},
            sorted((d["name"], d["id"]) for d in json.loads(decks).values()))


def test_note_type_and_deck_ids_are_fixed_and_independent_of_time(shipped, tmp_path):
    project, recipe, questions, _, _ = shipped
    write(project, recipe, questions, tmp_path / "a.apkg", 1_700_000_000)
    write(project, recipe, questions, tmp_path / "b.apkg", 1_800_000_000)
    first, second = _package_ids(tmp_path / "a.apkg"), _package_ids(tmp_path / "b.apkg")
    assert first == second
    models, decks = first
    ids = list(models.values()) + [i for name, i in decks if name != "Default"]
    assert all(2**30 <= i < 2**31 for i in ids)
    assert len(set(ids)) == len(ids)
    assert ("Default", 1) in decks and all(i != 1 for name, i in decks if name != "Default")


def test_the_same_notes_and_timestamp_give_the_same_bytes_and_no_temp_files(shipped, tmp_path,
                                                                             monkeypatch):
    project, recipe, questions, _, _ = shipped
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    one = write(project, recipe, questions, tmp_path / "one.apkg")
    two = write(project, recipe, questions, tmp_path / "two.apkg")
    assert one.sha256 == two.sha256
    assert list(private_tmp.iterdir()) == []
    other_time = write(project, recipe, questions, tmp_path / "three.apkg", 1_700_000_001)
    assert other_time.sha256 != one.sha256


def test_a_retired_note_is_tagged_and_shows_a_notice(shipped, col, tmp_path):
    """A student who has the note keeps its cards and sees the notice; a new student gets no card."""
    project, recipe, questions, first, _ = shipped
    notes = apkg.notes_for(project, recipe, questions)
    import_into(col, first)  # the student has every note, with its cards
    had_cards = len(col.get_note(col.db.scalar("select id from notes where guid = ?", notes[0].guid)).cards())
    retired = apkg.retire(notes[0])
    package = apkgfile.write_package(project, recipe, [retired] + notes[1:], 1_700_000_001)
    (tmp_path / "deck.apkg").write_bytes(package.data)
    import_into(col, tmp_path / "deck.apkg")
    [note_id] = col.find_notes("tag:retired")
    note = col.get_note(note_id)
    assert note.guid == notes[0].guid
    cards = note.cards()
    assert len(cards) == had_cards >= 1
    notice = "Retired: this question is no longer in the deck (its fact was removed, or the question is no longer asked)."
    assert all(notice in html.unescape(card.question()) for card in cards)
    assert [c for c in col.find_cards("") if col.get_card(c).nid == note_id] == [c.id for c in cards]

    fresh = Collection(str(tmp_path / "fresh.anki2"))
    try:
        import_into(fresh, tmp_path / "deck.apkg")
        [fresh_id] = fresh.find_notes("tag:retired")
        assert fresh.get_note(fresh_id).cards() == []
        assert fresh.card_count() == col.card_count() - had_cards
    finally:
        fresh.close()


def test_a_template_filling_a_field_its_note_type_lacks_is_a_problem(project):
    path = project / "question_templates" / "recall.yaml"
    path.write_text(path.read_text().replace("  Back:", "  Backside:").replace(
        "fields:\n", "fields:\n  Statement: '{{ fact.statement }}'\n"))
    problems = [p for p in check_project(project).problems if p.path.endswith("recall.yaml")]
    messages = " | ".join(p.message for p in problems)
    assert "has no field 'Backside'; its fields are: Front, Back" in messages
    assert "field 'Statement' is filled by studykit" in messages
    assert all(p.line > 1 for p in problems)


def test_a_template_naming_an_unknown_note_type_is_a_problem(project):
    path = project / "question_templates" / "recall.yaml"
    path.write_text(path.read_text().replace("note_type: studykit-basic", "note_type: studykit-basik"))
    [problem] = [p for p in check_project(project).problems if p.path.endswith("recall.yaml")]
    assert "unknown note type 'studykit-basik'" in problem.message and "studykit-basic" in problem.message


def test_writing_the_deck_leaves_no_temporary_file_behind(shipped, tmp_path, monkeypatch):
    # The database file is unlinked as soon as SQLite opened it: a build killed half-way leaves nothing in /tmp.
    project, recipe, questions, _, package = shipped
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    again = write(project, recipe, questions, tmp_path / "again.apkg")
    assert list(scratch.iterdir()) == []
    assert again.data == package.data  # the same bytes as before
    with zipfile.ZipFile(tmp_path / "again.apkg") as archive:
        (tmp_path / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        assert db.execute("SELECT count(*) FROM notes").fetchone() == (again.notes,)


def test_a_cloze_back_shows_its_sentence_once_even_with_a_neutral_article(shipped, col):
    # The cloze blanks "a significant event" with its article ("calls the visit [...]", no "a(n)"
    # to read on the back): the back shows the filled sentence, not the statement again beneath it.
    import_into(col, shipped[3])
    notes = notes_by_question_id(col)
    assert "visit {{c1::a significant event}}" in notes["cloze/visit-significant-event"]["Text"]
    assert notes["cloze/visit-significant-event"]["Statement"] == ""
    assert notes["cloze/brezhnev-greeted-delegation"]["Statement"] == ""
    # a question that does not restate the fact still shows it
    assert notes["recall/visit-significant-event"]["Statement"].startswith("A governmental delegation")


def test_two_topics_whose_subdecks_would_share_an_anki_id_are_refused(tmp_path):
    """Subdeck ids are 30-bit hashes: 'part-38008' and 'part-41913' of deck 'doc' collide (found by
    trying topic names). Anki would merge the two subdecks, so the build refuses and says which."""
    import textwrap

    from small_project import make_project

    from studykit.build import build_project
    from studykit.errors import InvalidContent

    assert apkg.deck_id("doc", "part-38008") == apkg.deck_id("doc", "part-41913")
    fact = """\
        topic: {topic}
        facts:
          - id: fact-{topic}
            kind: claim
            statement: The writer sent the letter.
            question: Who sent the letter?
            answer: The writer
            quote: "The writer sent the letter."
            data: {{holder: the writer}}
        """
    root = make_project(tmp_path / "p", "The writer sent the letter.\n", fact.format(topic="part-38008"),
                        deck_templates=["recall"], topics=("part-38008", "part-41913"))
    (root / "seeds" / "doc" / "facts" / "more.yaml").write_text(
        textwrap.dedent(fact.format(topic="part-41913")).replace("id: fact-", "id: other-"),
        encoding="utf-8")
    with pytest.raises(InvalidContent) as caught:
        build_project(root)
    [problem] = caught.value.problems
    assert Path(problem.path) == root / "decks" / "doc.yaml" and (problem.line, problem.col) == (1, 1)
    assert problem.message == ("subdecks 'Doc::01 Part-38008' and 'Doc::02 Part-41913' get the same Anki deck id; "
                               "rename a topic")
    assert not (root / "dist" / "doc.apkg").exists()


def test_a_title_with_anki_s_deck_separator_stays_one_deck_name_part(tmp_path):
    """Anki reads '::' in a deck name as a deeper subdeck: titles keep it as one ':'."""
    from small_project import make_project

    root = make_project(tmp_path / "p", "The writer sent the letter.\n", """\
        topic: main
        facts:
          - id: sent
            kind: claim
            statement: The writer sent the letter.
            question: Who sent the letter?
            answer: The writer
            quote: "The writer sent the letter."
            data: {holder: the writer}
            tags: [retired, letters]
        """, deck_templates=["recall"])
    recipe_path = root / "decks" / "doc.yaml"
    recipe_path.write_text(recipe_path.read_text().replace("title: Doc", "title: Korea::1967") +
                           "subdecks: {main: 'Visits  ::  Talks'}\n", encoding="utf-8")
    project, recipe, questions = rendered_deck(root)
    assert apkg.subdeck_names(project, recipe) == {"main": "Korea:1967::01 Visits : Talks"}
    [note] = apkg.notes_for(project, recipe, anki_questions(questions))
    assert note.deck == "Korea:1967::01 Visits : Talks"
    # a fact's own tag "retired" is dropped: only a retired note carries it (students search tag:retired)
    assert "retired" not in note.tags and "letters" in note.tags


def test_a_question_in_two_decks_is_one_note_studied_once_in_the_deck_imported_first(tmp_path):
    # A course keeps a unit deck beside the whole-report deck: the same question is the same note
    # (one GUID), so a student importing both studies it once, with one review history.
    import shutil
    for part in ("seeds", "question_templates", "decks"):
        shutil.copytree(REPO / part, tmp_path / part)
    (tmp_path / "decks" / "unit-visit.yaml").write_text(
        f"id: unit-visit\ntitle: Unit 1, the visit\nsources: [{SOURCE_ID}]\ntopics: [visit]\n"
        "templates: [recall]\n", encoding="utf-8")
    result = check_project(tmp_path)
    assert result.problems == []
    project, paths, ids = result.project, {}, {}
    for deck_id in ("unit-visit", SOURCE_ID):
        recipe = project.decks[deck_id]
        questions = anki_questions(result.decks[deck_id].questions)
        ids[deck_id] = {q.id for q in questions}
        paths[deck_id] = tmp_path / f"{deck_id}.apkg"
        write(project, recipe, questions, paths[deck_id])
    shared = ids["unit-visit"]
    assert shared and shared < ids[SOURCE_ID]
    col = Collection(str(tmp_path / "student.anki2"))
    try:
        assert len(import_into(col, paths["unit-visit"]).new) == len(shared)
        log = import_into(col, paths[SOURCE_ID])
        assert len(log.new) == len(ids[SOURCE_ID]) - len(shared)  # the unit's notes are not added again
        notes = notes_by_question_id(col)
        assert len(notes) == len(ids[SOURCE_ID])
        for qid in shared:  # ... and their cards stay where the student first got them
            decks = {col.decks.name(card.did) for card in notes[qid].cards()}
            assert decks == {"Unit 1, the visit::01 The visit and its diplomacy"}, (qid, decks)
    finally:
        col.close()
