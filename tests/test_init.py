"""studykit init: a new project that checks and builds as created, with the repo's own templates."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from studykit.check import check_project
from studykit.cli import app
from studykit.scaffold import create_project


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_the_new_project_passes_check_and_build(tmp_path):
    dest = tmp_path / "new-project"
    created = run("init", str(dest))
    assert created.exit_code == 0, created.output
    checked = run("check", str(dest), "--json")
    assert checked.exit_code == 0, checked.output
    summary = json.loads(checked.output)
    assert summary["ok"] and summary["facts"] >= 2 and all(summary["decks"].values())
    built = run("build", "-p", str(dest), "--json")
    assert built.exit_code == 0, built.output
    [deck] = json.loads(built.output)["decks"]
    assert deck["notes"] > 0 and Path(deck["apkg"]).is_file()
    sheets = [dest / "dist" / name for name in deck["worksheets"]]
    assert sheets and all(sheet.is_file() for sheet in sheets)
    exported = run("export", "all", "-p", str(dest), "-q")
    assert exported.exit_code == 0, exported.output


def test_the_templates_are_the_repository_defaults(repo, tmp_path):
    files = create_project(tmp_path / "p")
    shipped = sorted(p.relative_to(repo) for p in (repo / "question_templates").rglob("*") if p.is_file())
    copied = sorted(f for f in files if f.parts[0] == "question_templates")
    assert copied == shipped
    for relative in shipped:
        assert (tmp_path / "p" / relative).read_bytes() == (repo / relative).read_bytes()


def test_the_sample_is_a_sample_not_the_shipped_report(repo, tmp_path):
    create_project(tmp_path / "p")
    result = check_project(tmp_path / "p")
    shipped = check_project(repo).project
    assert not set(result.project.sources) & set(shipped.sources)
    assert not set(result.project.decks) & set(shipped.decks)
    for source in result.project.sources.values():
        assert "sample" in source.text.lower() and "sample" in source.citation.lower()
        assert all(s.text[:200] not in source.text for s in shipped.sources.values())


def test_an_empty_folder_is_fine(tmp_path):
    (tmp_path / "empty").mkdir()
    assert run("init", str(tmp_path / "empty")).exit_code == 0
    assert (tmp_path / "empty" / "seeds").is_dir()


def test_a_folder_that_is_not_empty_is_refused_untouched(tmp_path):
    dest = tmp_path / "busy"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine")
    refused = run("init", str(dest))
    assert refused.exit_code == 2
    assert "not empty" in refused.output
    assert [p.name for p in dest.iterdir()] == ["notes.txt"]
    assert (dest / "notes.txt").read_text() == "mine"


def test_a_file_is_refused(tmp_path):
    (tmp_path / "file").write_text("x")
    refused = run("init", str(tmp_path / "file"))
    assert refused.exit_code == 2 and "is a file" in refused.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]
