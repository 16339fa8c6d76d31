"""genanki's answers kept in the user cache (studykit.ankimodels): the same package bytes whether
genanki is asked or its kept answers are read, and a build with them does not import genanki."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import genanki

from studykit import ankimodels, apkg, apkgfile, usercache
from studykit.check import check_project

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "gettysburg-address"


def _deck(tmp_path: Path):
    project = Path(shutil.copytree(EXAMPLE, tmp_path / "project"))
    result = check_project(project)
    [recipe] = result.project.decks.values()
    return result.project, recipe, result.notes[recipe.id]


def test_kept_answers_are_genankis_own_json_after_a_round_trip_through_the_cache(tmp_path, monkeypatch):
    project, recipe, notes = _deck(tmp_path)
    specs = apkgfile._model_specs(project, notes)
    monkeypatch.setenv("STUDYKIT_CACHE", str(tmp_path / "cache"))
    made = ankimodels.kept(specs)  # asks genanki, keeps the answers
    [entry] = (tmp_path / "cache" / "anki").iterdir()
    read = ankimodels.kept(specs)  # reads them back
    assert json.loads(usercache.unsealed(entry.name, entry.read_bytes()))["models"].keys() == specs.keys()
    for kept in (made, read):
        for type_id, spec in specs.items():
            model, own = genanki.Model(**json.loads(json.dumps(spec))), kept.models[type_id]
            assert json.dumps(own.to_json(1_700_000_123, 42)) == json.dumps(model.to_json(1_700_000_123, 42))
            assert (own.model_id, own.model_type, own.sort_field_index, own._req) == (
                model.model_id, model.model_type, model.sort_field_index, model._req)
        deck = genanki.Deck(apkg.deck_id(recipe.id), "A::Deck", description="<b>about</b>")
        assert json.dumps(kept.deck(deck.deck_id, deck.name, deck.description).to_json()) == json.dumps(deck.to_json())
        assert (kept.schema, kept.col) == (genanki.apkg_schema.APKG_SCHEMA, genanki.apkg_col.APKG_COL)


def test_an_entry_of_another_shape_is_made_again_with_genanki(tmp_path, monkeypatch):
    project, recipe, notes = _deck(tmp_path)
    monkeypatch.setenv("STUDYKIT_CACHE", "")
    expected = apkgfile.write_package(project, recipe, notes, 1_700_000_000).data
    monkeypatch.setenv("STUDYKIT_CACHE", str(tmp_path / "cache"))
    assert apkgfile.write_package(project, recipe, notes, 1_700_000_000).data == expected  # fills the cache
    [entry] = (tmp_path / "cache" / "anki").iterdir()
    for planted in (b'{"schema": 1}', b"[]", b'{"schema": "", "col": "", "deck": {}, "models": {"x": []}}'):
        entry.write_bytes(usercache.sealed(entry.name, planted))  # whole and sealed, but not an entry's shape
        assert apkgfile.write_package(project, recipe, notes, 1_700_000_000).data == expected


def test_a_build_with_the_answers_kept_does_not_import_genanki(tmp_path):
    project = Path(shutil.copytree(EXAMPLE, tmp_path / "project"))
    env = dict(os.environ, STUDYKIT_CACHE=str(tmp_path / "cache"))
    script = ("import sys; from studykit.build import build_project; from pathlib import Path; "
              "build_project(Path(sys.argv[1]), out=Path(sys.argv[2]), only=['anki']); "
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('genanki', 'asyncio', 'chevron')))")
    for run in ("first", "second"):  # (each into a new folder: the package is written both times)
        done = subprocess.run([sys.executable, "-c", script, str(project), str(tmp_path / run)], env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / run / "gettysburg-address.apkg").stat().st_size > 1000
        imported = json.loads(done.stdout.strip().splitlines()[-1].replace("'", '"'))
        assert ("genanki" in imported) == (run == "first"), imported
        assert ("asyncio" in imported) == (run == "first"), imported
