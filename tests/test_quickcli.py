"""A plain ``check`` or ``build`` is answered without typer, with the very output typer's path gives.

The quick path (studykit.quickcli, the console script and ``python -m
studykit``) reads only the plain forms of the two commands a teacher runs after
every edit; everything else goes to the full command line (studykit.cli).
Each form below runs both ways, in fresh processes on identical copies of a
project, and must print the same stdout and stderr and exit the same way.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import DECK, break_a_fact, small_project

from studykit.quickcli import plain

FULL = "import sys; from studykit.cli import main; sys.exit(main(sys.argv[1:]))"
QUICK = "import sys; from studykit.quickcli import main; sys.exit(main(sys.argv[1:]))"


def run(code: str, args: list[str], cwd: Path) -> tuple[int, str, str]:
    env = dict(os.environ)
    env.pop("STUDYKIT_DEBUG", None)
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)
    return done.returncode, shown(done.stdout, cwd), shown(done.stderr, cwd)


def shown(text: str, cwd: Path) -> str:
    """The text with what differs between two first builds at different moments left out."""
    text = text.replace(str(cwd), "<project>")
    text = re.sub(r'"(timestamp|sha256|bytes)": ("[0-9a-f]+"|\d+)', r'"\1": ...', text)
    return re.sub(r"\d+ KB", "... KB", text)  # the package's size follows its timestamp


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    base = tmp_path_factory.mktemp("quick")
    good = small_project(base / "good")
    broken = small_project(base / "broken")
    break_a_fact(broken)
    return {"good": good, "broken": broken}


@pytest.mark.parametrize(("which", "args"), [
    ("good", ["check"]),
    ("good", ["check", "--json"]),
    ("good", ["check", "-q", "--strict"]),
    ("good", ["check", "-p", "."]),
    ("good", ["check", "no-such-folder"]),
    ("broken", ["check"]),
    ("broken", ["check", "--json", "-v"]),
    ("broken", ["build", "--json"]),
    ("good", ["build"]),
    ("good", ["build", "--json", "--only", "anki"]),
    ("good", ["build", "no-such-deck"]),
    ("good", ["build", "--out", "-"]),
    ("good", ["build", "-o", "out", "--variants", "2", "--seed", "7", DECK]),
], ids=lambda v: v if isinstance(v, str) else " ".join(v))
def test_the_quick_path_prints_what_the_full_command_line_prints(tmp_path, projects, which, args):
    assert plain(args) is not None  # really the quick path
    full, quick = tmp_path / "full", tmp_path / "quick"
    shutil.copytree(projects[which], full)
    shutil.copytree(projects[which], quick)
    expected = run(FULL, args, full)
    assert run(QUICK, args, quick) == expected
    assert expected[0] in (0, 1, 2)
    written = lambda root: sorted(p.relative_to(root).as_posix() for p in root.rglob("*")  # noqa: E731
                                  if p.is_file() and ".studykit" not in p.as_posix())
    assert written(quick) == written(full)


@pytest.mark.parametrize("args", [
    ["--help"], ["check", "--help"], ["check", "-h"], ["check", "-qv"], ["check", "a", "b"],
    ["check", "--"], ["check", "-p"], ["build", "--variants", "two"], ["build", "--only"],
    ["build", "-p=."], ["export", "gift"], ["check", "--frobnicate"], [],
], ids=" ".join)
def test_anything_else_is_left_to_typer(args):
    assert plain(args) is None


def test_shell_completion_is_left_to_typer(monkeypatch):
    monkeypatch.setenv("_STUDYKIT_COMPLETE", "bash_complete")
    assert plain(["check"]) is None


def test_the_forms_read_here_mean_what_typer_reads(tmp_path):
    assert plain(["build", "a", "--only", "cards", "--only=practice", "-o", "x", "--project=p", "b"]) == (
        "build", {"positional": ["a", "b"], "only": ["cards", "practice"], "out_dir": Path("x"),
                  "project": Path("p")})
    assert plain(["check", "-q", "--json", "here"]) == (
        "check", {"positional": ["here"], "quiet": True, "as_json": True})


def test_a_stream_that_cannot_take_the_text_gets_what_typer_gives_it(tmp_path):
    """PYTHONIOENCODING=ascii and a dash in the summary: the quick path hands the line to click."""
    code = "import sys; from studykit.quickcli import echo; echo(sys.argv[1]); echo(sys.argv[1], err=True)"
    full = "import sys, typer; typer.echo(sys.argv[1]); typer.echo(sys.argv[1], err=True)"
    env = dict(os.environ, PYTHONIOENCODING="ascii")
    shown = [subprocess.run([sys.executable, "-c", c, "Soviet–Korean relations"], env=env, capture_output=True)
             for c in (code, full)]
    assert shown[0].returncode == shown[1].returncode == 0
    assert (shown[0].stdout, shown[0].stderr) == (shown[1].stdout, shown[1].stderr)
