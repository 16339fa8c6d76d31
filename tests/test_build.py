"""build: rebuilding after fact edits keeps students' review history (real Anki import and scheduler).

Also: byte-identical rebuilds, the impact report, atomic failure, and the
``studykit build`` command's exit codes and output.
"""

from __future__ import annotations

import hashlib
import html
import json
import time
from pathlib import Path

import pytest
import yaml
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.scheduler.v3 import CardAnswer
from typer.testing import CliRunner

from studykit import apkg
from studykit.build import build_project
from studykit.buildcache import RECORD_NAME
from studykit.check import check_project
from studykit.cli import app
from studykit.errors import InvalidContent, UsageError


# The Anki package is what these tests are about; worksheet PDFs would only add seconds per build.
pytestmark = pytest.mark.outputs("anki")

# --- helpers ---------------------------------------------------------------------

def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def import_into(col: Collection, path: Path):
    started = time.perf_counter()
    response = col.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(path), options=ImportAnkiPackageOptions()))
    print(f"anki import: {time.perf_counter() - started:.3f} s")
    col.models._clear_cache()  # the Python-side cache misses imported note type changes
    return response.log


def note_ids_by_question(col: Collection) -> dict[str, int]:
    return {html.unescape(col.get_note(n)["QuestionId"]): n for n in col.find_notes("")}


def review(col: Collection, note_id: int) -> int:
    """Study the note's first card now with the real scheduler (rating Good); return its id."""
    card = col.get_card(min(col.card_ids_of_note(note_id)))
    col.sched.reposition_new_cards([card.id], starting_from=0, step_size=1, randomize=False,
                                   shift_existing=True)
    col.decks.select(card.did)
    queued = col.sched.get_queued_cards(fetch_limit=1).cards[0]
    assert queued.card.id == card.id
    card = col.get_card(card.id)
    card.start_timer()
    col.sched.answer_card(col.sched.build_answer(card=card, states=queued.states, rating=CardAnswer.GOOD))
    return card.id


def scheduling(col: Collection, card_id: int) -> tuple:
    card = col.get_card(card_id)
    reviews = col.db.scalar("SELECT count() FROM revlog WHERE cid = ?", card_id)
    return (card.nid, card.type, card.queue, card.due, card.ivl, card.factor, card.reps, card.lapses,
            card.left, reviews)


def edit_facts(facts_dir: Path, change) -> None:
    """Apply ``change(facts)`` to every fact file; rewrite only the files it changed."""
    for path in sorted(facts_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        before = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        change(data["facts"])
        after = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        if after != before:
            path.write_text(after, encoding="utf-8")


@pytest.fixture
def col(tmp_path):
    collection = Collection(str(tmp_path / "student.anki2"))
    yield collection
    collection.close()


def rendered(root: Path):
    result = check_project(root)
    assert result.problems == []
    [recipe] = result.project.decks.values()
    return result.project, result.decks[recipe.id].questions


# --- the student's story ------------------------------------------------------------

def test_rebuild_after_edits_updates_in_place_keeps_reviews_and_retires_removed_facts(
        project, facts_dir, col, tmp_path):
    out = tmp_path / "dist"
    started = time.perf_counter()
    first = build_project(project, out=out).decks[0]
    print(f"first build: {time.perf_counter() - started:.3f} s, {first.size} bytes")
    log = import_into(col, first.apkg)
    assert (len(log.new), len(log.duplicate), len(log.conflicting)) == (first.notes, 0, 0)

    loaded, questions = rendered(project)
    anki_questions = [q for q in questions if "anki" in q.targets and q.note_type]
    facts = list({q.fact.id: q.fact for q in anki_questions}.values())
    worded = next(f for f in facts if f.kind == "figure" and any(
        q.template_id == "figure-reverse" and q.fact is f for q in anki_questions))
    restated = next(f for f in facts if f is not worded)
    removed = next(f for f in reversed(facts) if f not in (worded, restated) and f.kind == "person")
    removed_questions = sorted(q.id for q in anki_questions if removed in q.facts)
    notes = note_ids_by_question(col)
    reviewed = {qid: review(col, notes[qid]) for qid in
                (f"recall/{restated.id}", f"figure-reverse/{worded.id}")}
    before = {qid: scheduling(col, card_id) for qid, card_id in reviewed.items()}
    assert all(state[-1] == 1 for state in before.values())  # one review logged each

    new_item = f"{worded.data['item']} (reworded)"
    added = {"id": "added-after-first-build", "kind": "claim", "topic": restated.topic,
             "statement": "A claim added after the first build.", "question": "Was this claim added later?",
             "answer": "Yes", "quote": restated.quotes[0], "data": {"holder": "the tester"}}

    def change(fact_list):
        for fact in fact_list:
            if fact["id"] == restated.id:
                fact["statement"] += " (Edited after the first build.)"
            if fact["id"] == worded.id:
                fact["data"]["item"] = new_item
        fact_list[:] = [f for f in fact_list if f["id"] != removed.id]
        if any(f["id"] == restated.id for f in fact_list):
            fact_list.append(added)

    edit_facts(facts_dir, change)
    second = build_project(project, out=out).decks[0]

    assert second.timestamp > first.timestamp  # strictly newer even within the same second
    assert {f"recall/{restated.id}", f"figure-reverse/{worded.id}"} <= set(second.changed)
    assert sorted(second.retired) == removed_questions
    assert f"recall/{added['id']}" in second.added
    assert second.notes == first.notes + len(second.added)

    log = import_into(col, second.apkg)
    assert (len(log.new), len(log.duplicate), len(log.conflicting)) == (len(second.added), 0, 0)
    assert col.note_count() == second.notes
    assert col.db.scalar("SELECT count(DISTINCT guid) FROM notes") == col.note_count()
    assert not [m["name"] for m in col.models.all() if m["name"].endswith("+")]  # no note type copies

    for qid, card_id in reviewed.items():
        assert scheduling(col, card_id) == before[qid]  # same note, same card, same review state
    restated_note = col.get_note(before[f"recall/{restated.id}"][0])
    assert "(Edited after the first build.)" in restated_note["Statement"]
    assert "(Edited after the first build.)" in col.get_card(reviewed[f"recall/{restated.id}"]).answer()
    worded_card = col.get_card(reviewed[f"figure-reverse/{worded.id}"])
    assert html.escape(new_item, quote=False) in worded_card.answer()

    notes = note_ids_by_question(col)
    for qid in removed_questions:
        note = col.get_note(notes[qid])
        assert "retired" in note.tags
        assert all(html.escape(apkg.RETIRED_STATUS) in card.question() for card in note.cards())
    assert sorted(html.unescape(col.get_note(n)["QuestionId"]) for n in col.find_notes("tag:retired")) \
        == removed_questions


def test_retired_notes_stay_retired_on_later_builds(project, facts_dir, tmp_path):
    out = tmp_path / "dist"
    build_project(project, out=out)
    gone = yaml.safe_load(next(iter(sorted(facts_dir.glob("*.yaml")))).read_text())["facts"][0]["id"]
    edit_facts(facts_dir, lambda facts: facts.__setitem__(slice(None), [f for f in facts if f["id"] != gone]))
    second = build_project(project, out=out).decks[0]
    third = build_project(project, out=out).decks[0]
    assert second.retired and third.retired == []
    assert sorted(third.still_retired) == sorted(second.retired)
    assert third.sha256 == second.sha256 and not third.package_changed
    assert third.notes == second.notes


def test_a_fact_renamed_with_was_keeps_its_notes(project, facts_dir, col, tmp_path):
    out = tmp_path / "dist"
    first = build_project(project, out=out).decks[0]
    import_into(col, first.apkg)
    old_id = yaml.safe_load(sorted(facts_dir.glob("*.yaml"))[0].read_text())["facts"][0]["id"]
    note_ids = {qid.replace(old_id, "renamed-fact"): nid for qid, nid in note_ids_by_question(col).items()
                if qid.endswith(f"/{old_id}")}
    assert note_ids

    def rename(facts):
        for fact in facts:
            if fact["id"] == old_id:
                fact["id"], fact["was"] = "renamed-fact", [old_id]

    edit_facts(facts_dir, rename)
    second = build_project(project, out=out).decks[0]
    assert (second.added, second.retired) == ([], [])
    assert set(note_ids) <= set(second.changed)
    log = import_into(col, second.apkg)
    assert (len(log.new), len(log.conflicting)) == (0, 0)
    assert {qid: nid for qid, nid in note_ids_by_question(col).items() if qid in note_ids} == note_ids


# --- reproducibility and the report ---------------------------------------------------------

@pytest.mark.outputs("anki", "worksheet")  # nothing left behind, worksheets included
def test_two_builds_without_change_give_the_same_bytes(project, tmp_path):
    out = tmp_path / "dist"
    first = build_project(project, out=out).decks[0]
    apkg_sha, manifest_text = sha256(first.apkg), first.manifest.read_text()
    second = build_project(project, out=out).decks[0]
    assert sha256(second.apkg) == apkg_sha == second.sha256
    assert second.manifest.read_text() == manifest_text
    assert second.timestamp == first.timestamp and not second.package_changed
    assert (len(second.added), len(second.changed), len(second.retired)) == (0, 0, 0)
    assert len(second.unchanged) == second.notes
    # nothing left behind: no staging folder, no temporary files, only the published outputs
    published = [first.apkg.name, first.manifest.name, *second.worksheets, RECORD_NAME]
    cache = ".studykit-cache"  # what the next build reuses (see studykit.pdfcache)
    assert sorted(p.name for p in out.iterdir() if p.name != cache) == sorted(published)


def test_a_deleted_package_is_rebuilt_identically_from_its_manifest(project, tmp_path):
    out = tmp_path / "dist"
    first = build_project(project, out=out).decks[0]
    digest = sha256(first.apkg)
    first.apkg.unlink()
    build_project(project, out=out)
    assert sha256(first.apkg) == digest


def test_a_dry_run_reports_the_impact_and_writes_nothing(project, facts_dir, tmp_path):
    out = tmp_path / "dist"
    dry = build_project(project, out=out, dry_run=True)
    assert not out.exists() and dry.dry_run
    assert dry.decks[0].first_build and len(dry.decks[0].added) == dry.decks[0].notes
    built = build_project(project, out=out).decks[0]
    assert (built.added, built.notes, built.cards) == (dry.decks[0].added, dry.decks[0].notes, dry.decks[0].cards)
    edit_facts(facts_dir, lambda facts: facts.__setitem__(slice(1), []))
    before = {p.name: sha256(p) if p.is_file() else "folder" for p in out.iterdir()}
    again = build_project(project, out=out, dry_run=True).decks[0]
    assert again.retired and again.package_changed
    assert {p.name: sha256(p) if p.is_file() else "folder" for p in out.iterdir()} == before


def test_invalid_content_fails_with_the_check_problems_and_keeps_the_previous_outputs(
        project, facts_dir, tmp_path):
    out = tmp_path / "dist"
    build_project(project, out=out)
    before = {p.name: sha256(p) if p.is_file() else "folder" for p in out.iterdir()}
    edit_facts(facts_dir, lambda facts: facts[0].__setitem__("quote", "Words the report never says."))
    expected = check_project(project).problems
    assert expected
    with pytest.raises(InvalidContent) as caught:
        build_project(project, out=out)
    assert caught.value.problems == expected
    assert {p.name: sha256(p) if p.is_file() else "folder" for p in out.iterdir()} == before  # no staging folder left either


def test_renaming_a_shipped_card_template_is_refused(project, tmp_path):
    out = tmp_path / "dist"
    build_project(project, out=out)
    before = {p.name: sha256(p) if p.is_file() else "folder" for p in out.iterdir()}
    note_type = project / "question_templates" / "note_types" / "basic.yaml"
    text = note_type.read_text()
    note_type.write_text(text.replace("  - name: Question\n", "  - name: Ask\n", 1))
    assert check_project(project).problems == []  # valid by itself: only the shipped deck forbids it
    with pytest.raises(InvalidContent) as caught:
        build_project(project, out=out)
    [problem] = caught.value.problems
    assert problem.path.endswith("basic.yaml") and "cards" in problem.message
    assert {p.name: sha256(p) if p.is_file() else "folder" for p in out.iterdir()} == before


def test_unknown_deck_names_are_a_usage_error_listing_the_known_decks(project, tmp_path):
    with pytest.raises(UsageError) as caught:
        build_project(project, ["no-such-deck"], out=tmp_path / "dist")
    assert "no-such-deck" in str(caught.value)
    assert all(deck in str(caught.value) for deck in check_project(project).project.decks)
    assert not (tmp_path / "dist").exists()


def test_an_output_path_that_is_a_file_is_a_usage_error(project, tmp_path):
    (tmp_path / "dist").write_text("not a folder")
    with pytest.raises(UsageError):
        build_project(project, out=tmp_path / "dist")


def test_progress_is_reported_per_step(project, tmp_path):
    steps: list[str] = []
    build_project(project, out=tmp_path / "dist", progress=steps.append)
    assert steps[0] == "checking the project"
    assert any("writing the Anki package" in step for step in steps)


# --- the command line ---------------------------------------------------------------------

def test_the_build_command_prints_the_impact_and_how_to_find_retired_notes(project, facts_dir, tmp_path):
    runner = CliRunner()
    out = tmp_path / "dist"
    result = runner.invoke(app, ["build", "-p", str(project), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "(first build)" in result.output and "added" in result.output
    edit_facts(facts_dir, lambda facts: facts.__setitem__(slice(1), []))
    result = runner.invoke(app, ["build", "-p", str(project), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "retired (no longer made):" in result.output and "tag:retired" in result.output

    result = runner.invoke(app, ["build", "-p", str(project), "--out", str(out), "--json"])
    [deck] = json.loads(result.output)["decks"]
    assert deck["counts"]["unchanged"] + deck["counts"]["still_retired"] == deck["notes"]
    assert deck["counts"]["retired"] == 0 and not deck["package_changed"]


def test_the_build_command_exit_codes(project, facts_dir, tmp_path):
    runner = CliRunner()
    out = tmp_path / "dist"
    result = runner.invoke(app, ["build", "nope", "-p", str(project), "--out", str(out)])
    assert result.exit_code == 2 and "known decks" in result.output
    edit_facts(facts_dir, lambda facts: facts[0].__setitem__("kind", "anecdote"))
    result = runner.invoke(app, ["build", "-p", str(project), "--out", str(out)])
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if "anecdote" in line]
    assert problems and all(line.split(":")[1].isdigit() and line.split(":")[2].isdigit() for line in problems)
    assert "nothing was written" in result.output
    assert not out.exists()
