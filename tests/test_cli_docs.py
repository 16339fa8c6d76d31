"""Every command explains itself: --help shows an example, and the README documents it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

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


COMMANDS = command_paths(typer.main.get_command(app))


def test_the_workflow_commands_are_registered():
    assert {("export",), ("diff",), ("watch",), ("preview",), ("init",), ("list", "facts"),
            ("list", "templates"), ("list", "decks"), ("check",), ("build",)} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_has_an_example_that_runs_this_command(path):
    shown = CliRunner().invoke(app, [*path, "--help"])
    assert shown.exit_code == 0, shown.output
    examples = [line.strip() for line in shown.output.splitlines() if line.strip().startswith("Example:")]
    assert examples, f"'studykit {' '.join(path)} --help' has no 'Example:' line"
    assert any(e.split("Example:", 1)[1].split()[:1 + len(path)] == ["studykit", *path] for e in examples)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_the_readme_documents_the_command(repo, path):
    text = (repo / README).read_text(encoding="utf-8")
    assert f"studykit {' '.join(path)}" in text, f"README.md never shows 'studykit {' '.join(path)}'"


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
