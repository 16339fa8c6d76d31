"""`studykit init` (issue 9.7, 9.6): '.', links, new parents; the sample's outputs do not outlive
the sample; the starter says nothing about the shipped report.

`init .` runs the real program in a subprocess (a shell sitting in the folder); the other
commands run the console script's entry point in the test process (``run_in_process``)."""

from __future__ import annotations


from cli_helpers import DECK, run_in_process, small_project, studykit



def test_init_dot_fills_the_current_empty_folder(tmp_path):
    here = tmp_path / "empty"
    here.mkdir()
    inode = here.stat().st_ino
    shown = studykit("init", ".", cwd=here)
    assert shown.returncode == 0, shown.stderr
    assert sorted(p.name for p in here.iterdir()) == ["decks", "question_templates", "seeds"]
    assert here.stat().st_ino == inode  # the same folder: a shell sitting in it sees the files
    assert run_in_process("check", "-q", cwd=here).returncode == 0


def test_init_into_a_link_fills_the_folder_it_points_to(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    inode = real.stat().st_ino
    shown = run_in_process("init", "link", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert link.is_symlink() and (real / "decks" / f"{DECK}.yaml").is_file()
    assert real.stat().st_ino == inode  # filled, not replaced: a shell sitting in it sees the files


def test_init_into_a_dangling_link_names_the_link(tmp_path):
    (tmp_path / "link").symlink_to(tmp_path / "missing")
    shown = run_in_process("init", "link", cwd=tmp_path)
    assert shown.returncode == 2 and shown.stdout == ""
    assert shown.stderr.strip() == f"error: link is a link to {tmp_path / 'missing'}, which does not " \
        "exist; create that folder first or pass another one"


def test_init_creates_missing_parents(tmp_path):
    shown = run_in_process("init", str(tmp_path / "decks" / "term-2" / "my-document"))  # two parents missing
    assert shown.returncode == 0, shown.stderr
    assert (tmp_path / "decks" / "term-2" / "my-document" / "seeds").is_dir()
    assert [p.name for p in tmp_path.iterdir()] == ["decks"]  # no staging folder left
    assert [p.name for p in (tmp_path / "decks").iterdir()] == ["term-2"]
    assert [p.name for p in (tmp_path / "decks" / "term-2").iterdir()] == ["my-document"]


def test_the_samples_outputs_go_once_its_recipe_is_replaced(tmp_path):
    project = small_project(tmp_path / "p", worksheet=True)
    assert run_in_process("build", "-q", cwd=project).returncode == 0
    assert run_in_process("export", "gift", "-q", cwd=project).returncode == 0
    dist = project / "dist"
    sample = sorted(p.name for p in dist.rglob("*") if p.is_file())
    assert f"{DECK}.apkg" in sample and f"exports/{DECK}.gift" in [str(p.relative_to(dist)) for p in
                                                                   dist.rglob("*") if p.is_file()]
    (dist / "my-notes.txt").write_text("the teacher's own file")
    recipe = project / "decks" / f"{DECK}.yaml"
    recipe.write_text(recipe.read_text().replace(f"id: {DECK}", "id: my-deck"))
    recipe.rename(recipe.with_name("my-deck.yaml"))
    shown = run_in_process("build", cwd=project)
    assert shown.returncode == 0, shown.stderr
    assert "removed the sample deck's outputs" in shown.stdout
    left = sorted(str(p.relative_to(dist)) for p in dist.rglob("*") if p.is_file())
    outputs = [name for name in left if not name.startswith(".")]  # not the build's own caches
    assert not [name for name in outputs if DECK in name], left
    assert "my-notes.txt" in left and "my-deck.apkg" in left


def test_a_deck_that_is_still_in_the_project_keeps_its_outputs(tmp_path):
    project = small_project(tmp_path / "p")
    assert run_in_process("build", "-q", cwd=project).returncode == 0
    shown = run_in_process("build", cwd=project)
    assert "removed" not in shown.stdout and (project / "dist" / f"{DECK}.apkg").is_file()


def test_the_starter_says_nothing_about_the_shipped_report(tmp_path):
    project = small_project(tmp_path / "p", worksheet=True)
    shipped_words = ["Soviet", "Korea", "1967", "Czechoslovak", "ambassador", "not from the report",
                     "the report"]
    for path in project.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            found = [word for word in shipped_words if word.lower() in text.lower()]
            assert not found, f"{path.relative_to(project)} mentions {found}"
