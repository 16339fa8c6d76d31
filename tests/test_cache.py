"""The build cache: nothing is redone that has not changed, and nothing needed is ever skipped.

Projects come from benchmarks/generate.py (a dozen valid facts of every kind);
the real build runs, and only calls are counted (the real functions still run).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from studykit import apkg, apkgfile, build
from studykit.build import build_project
from studykit.buildcache import RECORD_NAME

REPO = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


@pytest.fixture
def project(tmp_path) -> Path:
    return _generator()(12, tmp_path / "project")


@pytest.fixture
def calls(monkeypatch) -> dict:
    """Counts of the expensive steps: checking (loading + rendering) and writing the package."""
    counts = {"check": 0, "package": 0}

    def counted(name, real):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(build, "check_project", counted("check", build.check_project))
    monkeypatch.setattr(apkgfile, "write_package", counted("package", apkgfile.write_package))
    return counts


def files(out: Path) -> dict[str, str]:
    """sha256 of every output (the cache record, which holds the last report, aside)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())
            if p.is_file() and p.name != RECORD_NAME}


def edit_fact(project: Path, fact_id: str, key: str, text: str) -> None:
    for path in (project / "seeds" / "synthetic" / "facts").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for fact in data["facts"]:
            if fact["id"] == fact_id:
                fact[key] = text
                path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
                return
    raise AssertionError(f"no fact {fact_id}")


def questions_of(report, fact_id: str) -> set[str]:
    deck = report.decks[0]
    return {q for q in deck.added + deck.changed + deck.unchanged if q.endswith(f"/{fact_id}")}


# --- an unchanged rebuild renders nothing -----------------------------------------------------

def test_an_unchanged_rebuild_renders_nothing_writes_nothing_and_reports_no_change(project, calls):
    out = project / "dist"
    first = build_project(project)
    assert calls == {"check": 1, "package": 1}
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir()}

    again = build_project(project)

    assert calls == {"check": 1, "package": 1}  # no loading, no rendering, no package
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir()} == before
    deck, was = again.decks[0], first.decks[0]
    assert (deck.added, deck.changed, deck.retired) == ([], [], [])
    assert sorted(deck.unchanged) == sorted(was.added) and len(deck.unchanged) == deck.notes == was.notes
    assert not deck.package_changed and not deck.first_build
    assert (deck.sha256, deck.timestamp, deck.cards) == (was.sha256, was.timestamp, was.cards)
    assert "unchanged (byte-identical)" in again.lines()[0]


def test_a_dry_run_with_nothing_changed_renders_nothing(project, calls):
    build_project(project)
    dry = build_project(project, dry_run=True)
    assert calls["check"] == 1 and dry.dry_run
    assert dry.decks[0].changed == [] and not dry.decks[0].package_changed


@pytest.mark.parametrize("option", [{"seed": 5}, {"variants": 3}, {"decks": ["synthetic"]}])
def test_other_build_options_are_another_build(project, calls, option):
    build_project(project)
    build_project(project, **option)
    assert calls["check"] == 2


@pytest.mark.parametrize("path", ["seeds/synthetic/source.txt", "question_templates/recall.yaml",
                                  "question_templates/note_types/basic.yaml", "decks/synthetic.yaml"])
def test_any_changed_input_file_is_another_build(project, calls, path):
    build_project(project)
    (project / path).write_text((project / path).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build_project(project)
    assert calls["check"] == 2


def test_a_new_project_layout_is_another_build(project, calls):
    """Worksheet layouts in the project's layouts/ folder are inputs too."""
    build_project(project)
    (project / "layouts").mkdir()
    (project / "layouts" / "print.css").write_text("body { color: black; }\n", encoding="utf-8")
    build_project(project)
    assert calls["check"] == 2


def test_another_output_folder_is_another_build(project, calls, tmp_path):
    build_project(project, out=tmp_path / "a")
    build_project(project, out=tmp_path / "b")
    assert calls["check"] == 2 and files(tmp_path / "a").keys() == files(tmp_path / "b").keys()


def test_a_new_studykit_or_library_version_is_another_build(project, calls, monkeypatch):
    from studykit import buildcache

    build_project(project)
    monkeypatch.setattr(buildcache, "code_fingerprint", lambda: "another version")
    again = build_project(project)
    assert calls["check"] == 2
    # the package inputs include the code too: rewritten once, same notes, newer timestamp
    assert calls["package"] == 2 and again.decks[0].changed == []


# --- a change re-renders exactly what shows it ------------------------------------------------

def test_a_changed_fact_changes_exactly_its_notes_and_writes_the_package_once(project, calls):
    first = build_project(project).decks[0]
    edit_fact(project, "claim-000003", "question", "How, according to the report, was it settled?")

    again = build_project(project).decks[0]

    assert calls == {"check": 2, "package": 2}  # one write per build, never two
    assert again.changed == ["recall/claim-000003"]
    assert sorted(again.unchanged) == sorted(set(first.added) - {"recall/claim-000003"})
    assert again.package_changed and again.timestamp > first.timestamp


def test_a_change_that_leaves_the_package_alone_keeps_its_bytes_and_timestamp(project, calls):
    """A recipe edit that only touches the worksheet: re-checked, but the .apkg is not rewritten."""
    first = build_project(project).decks[0]
    data = project / "dist" / "synthetic.apkg"
    recipe = project / "decks" / "synthetic.yaml"
    recipe.write_text(recipe.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")

    again = build_project(project).decks[0]

    assert calls == {"check": 2, "package": 1}
    assert (again.sha256, again.timestamp) == (first.sha256, first.timestamp)
    assert not again.package_changed and again.changed == []


def test_a_dry_run_after_a_change_writes_the_package_once_and_nothing_to_disk(project, calls):
    build_project(project)
    before = files(project / "dist")
    edit_fact(project, "claim-000003", "answer", "In favour of another side")
    dry = build_project(project, dry_run=True).decks[0]
    assert calls["package"] == 2 and dry.changed and dry.package_changed
    assert files(project / "dist") == before


# --- a killed build never makes the next one skip needed work -----------------------------------

def _killed(project: Path, damage) -> tuple[dict, dict]:
    """Build, damage the output folder as a killed build could, build again; the second build's outputs."""
    out = project / "dist"
    build_project(project)
    good = files(out)
    damage(out)
    build_project(project)
    return good, files(out)


@pytest.mark.parametrize("damage", [
    pytest.param(lambda out: (out / "synthetic.apkg").unlink(), id="record-without-package"),
    pytest.param(lambda out: (out / RECORD_NAME).unlink(), id="outputs-without-record"),
    pytest.param(lambda out: (out / "synthetic.apkg").write_bytes((out / "synthetic.apkg").read_bytes()[:999]),
                 id="half-written-package"),
    pytest.param(lambda out: (out / RECORD_NAME).write_text('{"format": 1, "key": '), id="half-written-record"),
])
def test_a_killed_build_is_redone(project, calls, damage):
    good, after = _killed(project, damage)
    assert calls["check"] == 2
    assert after == good  # every output back, byte for byte


def test_a_lost_manifest_is_redone_as_a_first_build(project, calls):
    good, after = _killed(project, lambda out: (out / "synthetic.manifest.json").unlink())
    assert calls["check"] == 2 and after.keys() == good.keys()


def test_a_record_of_other_inputs_is_not_used_for_these(project, calls):
    """Killed after publishing but before its record: the old record names other inputs."""
    out = project / "dist"
    build_project(project)
    old_record = (out / RECORD_NAME).read_bytes()
    edit_fact(project, "claim-000003", "answer", "In favour of another side")
    build_project(project)
    (out / RECORD_NAME).write_bytes(old_record)
    edit_fact(project, "claim-000003", "answer", "In favour of a third side")
    third = build_project(project).decks[0]
    assert calls["check"] == 3 and third.changed == ["recall/claim-000003"]


def test_outputs_replaced_by_another_build_are_not_taken_for_this_ones(project, calls, tmp_path):
    """A concurrent build of other inputs published into the same folder after our record."""
    out = project / "dist"
    build_project(project)
    other = _generator()(12, tmp_path / "other")
    edit_fact(other, "claim-000003", "answer", "In favour of another side")
    build_project(other, out=tmp_path / "other-dist")
    (out / "synthetic.apkg").write_bytes((tmp_path / "other-dist" / "synthetic.apkg").read_bytes())
    build_project(project)
    assert calls["check"] == 3


# --- determinism across processes -------------------------------------------------------------

def _cli_build(project: Path, hashseed: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    done = subprocess.run([sys.executable, "-m", "studykit", "build", "-p", str(project), "--json"],
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["decks"][0]


def test_an_unchanged_rebuild_in_a_new_process_with_another_hash_seed_is_identical(project):
    out = project / "dist"
    first = _cli_build(project, "1")
    built = files(out)
    cached = _cli_build(project, "2")            # skipped by the record
    assert files(out) == built
    (out / RECORD_NAME).unlink()
    redone = _cli_build(project, "3")            # done again in full, other hash seed
    assert files(out) == built
    for report in (cached, redone):
        assert report["counts"]["added"] == report["counts"]["changed"] == report["counts"]["retired"] == 0
        assert report["counts"]["unchanged"] == first["notes"] and not report["package_changed"]


def test_library_versions_read_from_dist_info_are_what_importlib_metadata_says():
    from importlib import metadata

    from studykit import buildcache

    for name in buildcache.OUTPUT_LIBRARIES:
        assert buildcache.library_version(name) == metadata.version(name)
    assert buildcache.library_version("no-such-library") is None


def test_a_build_makes_each_decks_notes_once_and_leaves_the_collector_as_it_was(project, monkeypatch):
    import gc

    made = []
    real = apkg.notes_for

    def counted(project, recipe, questions):
        made.append(recipe.id)
        return real(project, recipe, questions)
    monkeypatch.setattr(apkg, "notes_for", counted)
    report = build_project(project)
    assert made == [deck.deck_id for deck in report.decks]  # check made them, build reused them
    assert gc.get_freeze_count() == 0  # nothing stays frozen: `watch` frees each build's objects
    edit_fact(project, "claim-000003", "question", "How, according to the report, was it settled?")
    again = build_project(project)
    assert len(made) == 2 and again.decks[0].changed == ["recall/claim-000003"]
