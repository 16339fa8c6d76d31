"""Every command explains itself: --help shows examples that run as written, and the README's
command table says what --help says."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from conftest import REPO
from studykit.cli import app
from studykit.load import load_project

README = "README.md"


def command_paths(group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command, as the words typed after 'studykit' (groups and their subcommands)."""
    found = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        found.append(path)
        if getattr(command, "commands", None):
            found += command_paths(command, path)
    return found


ROOT = typer.main.get_command(app)
COMMANDS = command_paths(ROOT)


def command_of(path: tuple[str, ...]):
    command = ROOT
    for word in path:
        command = command.commands[word]
    return command


LEAVES = [path for path in COMMANDS if not getattr(command_of(path), "commands", None)]


def help_text(*words: str) -> str:
    shown = CliRunner().invoke(app, [*words, "--help"])
    assert shown.exit_code == 0, shown.output
    return shown.stdout


def examples(path: tuple[str, ...]) -> list[str]:
    """The lines of the 'Examples:' block of a command's --help."""
    lines = help_text(*path).splitlines()
    start = lines.index("  Examples:") + 1
    block = []
    for line in lines[start:]:
        if not line.startswith("    studykit "):
            break
        block.append(line.strip())
    return block


def test_the_workflow_commands_are_registered():
    assert {("export",), ("diff",), ("watch",), ("preview",), ("init",), ("list", "facts"),
            ("list", "templates"), ("list", "decks"), ("check",), ("build",)} <= set(COMMANDS)


@pytest.mark.parametrize("path", LEAVES, ids=" ".join)
def test_help_has_examples_of_this_command(path):
    found = examples(path)
    assert found, f"'studykit {' '.join(path)} --help' has no examples"
    assert all(e.split()[:1 + len(path)] == ["studykit", *path] for e in found)


@pytest.mark.parametrize("path", [(), *COMMANDS], ids=lambda p: " ".join(p) or "studykit")
def test_help_has_no_typer_leftovers(path):
    text = help_text(*path)
    assert not re.search(r"<[a-z_\[\]. ]+>", text), text  # <list[str]>, <path>, <int range>
    assert "[[" not in text and "]...]" not in text
    assert "x>=" not in text and "examples/my-project" not in text


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_the_readme_documents_the_command(repo, path):
    text = (repo / README).read_text(encoding="utf-8")
    assert f"studykit {' '.join(path)}" in text, f"README.md never shows 'studykit {' '.join(path)}'"


def readme_command_table(repo: Path) -> dict[str, tuple[str, str]]:
    """The README's '## Commands' table: command -> (what it does, example)."""
    text = (repo / README).read_text(encoding="utf-8")
    section = text.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = (cells[1], cells[2].strip("`"))
    return rows


def test_the_readme_command_table_matches_help(repo):
    table = readme_command_table(repo)
    assert set(table) == {" ".join(path) for path in LEAVES}
    for name, (what, example) in table.items():
        path = tuple(name.split())
        first_line = command_of(path).help.strip().splitlines()[0].rstrip(".")
        assert what == first_line, f"README says '{what}' for {name}; --help says '{first_line}'"
        assert example in examples(path), f"README example '{example}' is not in 'studykit {name} --help'"


# --- every example runs as written, from a copy of the shipped project --------------------------

ALL_EXAMPLES = [example for path in LEAVES for example in examples(path)]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A copy of the shipped project to run the examples in, and a private HOME for '~'.

    The shipped recipe prints every output, the 126-page flashcard PDF included; each build
    example would render the same PDFs again in a new output folder.  So one real build made
    here hands its PDFs, with the PDF cache's records, to the folders the examples build into
    (``dist/`` and ``~/decks``): the examples then check, render and write everything else
    for real, and reuse a PDF only where its HTML is unchanged (see studykit.pdfcache).
    """
    from studykit.build import build_project
    from studykit.pdfcache import CACHE_DIR

    root = tmp_path_factory.mktemp("examples")
    project = root / "project"
    for part in ("seeds", "question_templates", "decks"):
        shutil.copytree(REPO / part, project / part)
    (root / "home").mkdir()
    seed = root / "pdfs"
    build_project(project, out=seed)
    for out in (project / "dist", root / "home" / "decks"):
        shutil.copytree(seed / CACHE_DIR, out / CACHE_DIR)
        for pdf in seed.glob("*.pdf"):
            shutil.copy2(pdf, out / pdf.name)
    return project, root / "home"


def example_env(home: Path) -> dict:
    bin_dir = str(Path(sys.executable).parent)  # where the 'studykit' script is installed
    return dict(os.environ, HOME=str(home), PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
                NO_COLOR="1")


@pytest.mark.parametrize("example", [e for e in ALL_EXAMPLES if not e.startswith("studykit watch")])
def test_the_example_runs_as_written(workspace, example):
    project, home = workspace
    done = subprocess.run(["bash", "-c", example], cwd=project, env=example_env(home),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{example}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr


def test_the_watch_example_runs_until_ctrl_c(workspace):
    project, home = workspace
    [example] = [e for e in ALL_EXAMPLES if e.startswith("studykit watch")]
    watcher = subprocess.Popen(["bash", "-c", f"exec {example}"], cwd=project, env=example_env(home),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for line in watcher.stderr:
            if line.startswith("watching for changes"):
                break
        watcher.send_signal(signal.SIGINT)
        out, err = watcher.communicate(timeout=120)
    finally:
        watcher.kill()
    assert watcher.returncode == 130, err  # Ctrl-C: interrupted
    assert "stopped watching" in err and "Traceback" not in err


# --- shell completion ------------------------------------------------------------------------

@pytest.mark.parametrize("words, expected", [
    ("studykit li", "list"),
    ("studykit export mo", "moodle-xml"),
])
def test_shell_completion_offers_commands_and_formats(repo, words, expected):
    assert expected in complete(repo, words)


def test_shell_completion_offers_fact_ids(repo):
    project, _ = load_project(repo)
    prefix = next(iter(project.facts))[:3]
    assert set(complete(repo, f"studykit preview {prefix}")) == {
        f for f in project.facts if f.startswith(prefix)}


def complete(cwd, words: str) -> list[str]:
    """What bash completion offers after ``words`` (the real program, as the shell runs it)."""
    env = dict(os.environ, COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - 1),
               _STUDYKIT_COMPLETE="complete_bash")
    shown = subprocess.run([sys.executable, "-m", "studykit"], env=env, cwd=cwd,
                           capture_output=True, text=True, timeout=60)
    return shown.stdout.split()
