"""Command-line manners (issue 14), run as a user runs them: the console script's own entry point.

Each rule is checked once in a real subprocess (the first case of each list) and for its
other cases by the same entry point inside the test process (``run_in_process``: the same
streams, exit status and working folder, without starting Python and importing studykit again).

Streams (results on stdout; problems, notes and progress on stderr), one JSON document
on stdout for every --json command whatever happens, exit statuses 0/1/2/3, --quiet and
--verbose on every command, -h/--version/bare help, --out - and no control characters.
"""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import (
    A_FACT, DECK, FACTS, assert_problem_shape, break_a_fact, one_json_document, run_in_process, small_project,
    studykit,
)

from studykit import __version__, cli


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    """A valid small project, built once (read-only for the tests that use it)."""
    project = small_project(tmp_path_factory.mktemp("clean") / "p")
    assert run_in_process("build", "-q", cwd=project).returncode == 0
    return project


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> tuple[Path, int]:
    """A small project with one mistake: the first fact's kind is 'evnt'."""
    project = small_project(tmp_path_factory.mktemp("broken") / "p")
    _, line = break_a_fact(project)
    return project, line


JSON_COMMANDS = [["check"], ["build"], ["diff"], ["export", "gift"], ["preview", A_FACT],
                 ["list", "facts"], ["list", "templates"], ["list", "decks"]]


def run_for(case, cases):
    """The real program in a subprocess for the first case of a list, the same entry point in-process for the rest."""
    return studykit if case == cases[0] else run_in_process


# --- help and version ------------------------------------------------------------------------

def test_bare_studykit_prints_help_on_stdout_and_exits_0():
    shown = studykit()
    assert shown.returncode == 0 and shown.stderr == ""
    assert shown.stdout.startswith("Usage: studykit") and "Commands:" in shown.stdout
    assert shown.stdout == run_in_process("--help").stdout == run_in_process("-h").stdout


def test_bare_list_prints_its_help():
    shown = run_in_process("list")
    assert shown.returncode == 0 and shown.stderr == "" and "facts" in shown.stdout


def test_version():
    shown = studykit("--version")
    assert (shown.returncode, shown.stdout, shown.stderr) == (0, f"studykit {__version__}\n", "")


@pytest.mark.parametrize("command", [["check"], ["build"], ["export"], ["list", "facts"], ["init"]])
def test_h_is_help_on_every_command(command):
    short, long = run_in_process(*command, "-h"), run_in_process(*command, "--help")
    assert short.returncode == 0 and short.stdout == long.stdout and "Examples:" in short.stdout


# --- JSON: one document on stdout in every case ------------------------------------------------

@pytest.mark.parametrize("command", JSON_COMMANDS, ids=" ".join)
def test_json_on_success(clean, command, tmp_path):
    extra = ["--out", str(tmp_path / "out")] if command[0] in ("build", "export") else []
    shown = run_for(command, JSON_COMMANDS)(*command, *extra, "--json", cwd=clean)
    assert shown.returncode == 0, shown.stderr
    document = one_json_document(shown.stdout)
    assert document["ok"] is True and document["problems"] == []
    assert shown.stderr == ""


@pytest.mark.parametrize("command", JSON_COMMANDS, ids=" ".join)
def test_json_with_problems_in_the_files(broken, command, tmp_path):
    project, line = broken
    shown = run_for(command, JSON_COMMANDS)(*command, "--json", cwd=project)
    assert shown.returncode == 1, shown.stderr
    document = one_json_document(shown.stdout)
    assert document["ok"] is False and document["problems"]
    for problem in document["problems"]:
        assert_problem_shape(problem)
    [mistake] = [p for p in document["problems"] if "evnt" in p["message"]]
    assert (mistake["path"], mistake["line"], mistake["severity"]) == (str(FACTS), line, "error")
    assert "Traceback" not in shown.stderr
    assert not (project / "dist").exists()


USAGE_ERRORS = [
    ["build", "no-such-deck"], ["diff", "no-such-deck"], ["export", "gift", "no-such-deck"],
    ["export", "gif"], ["preview", "no-such-fact"], ["list", "facts", "--topic", "no-such-topic"],
    ["check", "--colour"], ["build", "--variants", "many"], ["build", "--out", "-"],
    ["export", "gift", "--out", "-"],
]


@pytest.mark.parametrize("command", USAGE_ERRORS, ids=" ".join)
def test_json_with_a_usage_error(clean, command):
    shown = run_for(command, USAGE_ERRORS)(*command, "--json", cwd=clean)
    assert shown.returncode == 2, shown.stderr
    document = one_json_document(shown.stdout)
    assert document["ok"] is False and document["exit_status"] == 2 and document["error"]
    assert document["problems"] == []
    assert shown.stderr.strip() and "Traceback" not in shown.stderr


MISSPELLED = [
    (["buidl"], "Did you mean 'build'?"), (["list", "fact"], "Did you mean 'facts'?"),
    (["check", "--strcit"], "(Possible options: --strict)"), (["export", "gitf"], "did you mean 'gift'?"),
    (["build", "sample-dek"], f"did you mean '{DECK}'?"), (["diff", "sample-dek"], f"did you mean '{DECK}'?"),
    (["export", "gift", "sample-dek"], f"did you mean '{DECK}'?"),
    (["build", "--only", "practise"], "did you mean 'practice'?"),
    (["preview", "pier-openned"], f"did you mean '{A_FACT}'"), (["list", "facts", "--kind", "evnt"], "did you mean 'event'?"),
]


@pytest.mark.parametrize("command, suggestion", MISSPELLED, ids=[" ".join(c) for c, _ in MISSPELLED])
def test_a_misspelled_name_gets_a_suggestion(clean, command, suggestion):
    shown = run_in_process(*command, cwd=clean, env={"STUDYKIT_CACHE": ""})
    assert shown.returncode == 2 and shown.stdout == ""
    assert suggestion in shown.stderr and "Traceback" not in shown.stderr, shown.stderr


# --- one stream rule: results on stdout, problems on stderr ----------------------------------------

PROBLEM_COMMANDS = [["check"], ["build"], ["diff"], ["export", "gift"], ["preview", A_FACT], ["list", "facts"]]


@pytest.mark.parametrize("command", PROBLEM_COMMANDS, ids=" ".join)
def test_problems_go_to_stderr(broken, command):
    project, line = broken
    shown = run_for(command, PROBLEM_COMMANDS)(*command, cwd=project)
    assert shown.returncode == 1
    assert f"{FACTS}:{line}:" in shown.stderr and "evnt" in shown.stderr
    assert "evnt" not in shown.stdout


RESULTS = [
    (["check"], "OK:"), (["build", "--out", "{tmp}"], f"{DECK}: wrote"),
    (["diff"], f"{DECK}: unchanged"), (["export", "gift", "--out", "{tmp}"], ".gift: "),
    (["preview", A_FACT], f"question(s) from {A_FACT}"), (["list", "decks"], DECK),
    (["init", "{tmp}/new"], "created"),
]


@pytest.mark.parametrize("command, result", RESULTS, ids=lambda v: v if isinstance(v, str) else " ".join(v))
def test_results_go_to_stdout_and_nothing_else_is_printed(clean, command, result, tmp_path):
    run = run_for((command, result), RESULTS)
    shown = run(*[word.replace("{tmp}", str(tmp_path)) for word in command], cwd=clean)
    assert shown.returncode == 0, shown.stderr
    assert result in shown.stdout and shown.stderr == ""


# --- --quiet and --verbose on every command -------------------------------------------------------

QUIET_COMMANDS = [["check"], ["build", "--out", "{tmp}"], ["diff"], ["export", "all", "--out", "{tmp}"],
                  ["preview", A_FACT], ["list", "facts"], ["list", "templates"], ["list", "decks"],
                  ["init", "{tmp}/new"]]


@pytest.mark.parametrize("command", QUIET_COMMANDS, ids=" ".join)
def test_quiet_prints_nothing_on_success(clean, command, tmp_path):
    run = run_for(command, QUIET_COMMANDS)
    shown = run(*[word.replace("{tmp}", str(tmp_path)) for word in command], "--quiet", cwd=clean)
    assert (shown.returncode, shown.stdout, shown.stderr) == (0, "", "")


@pytest.mark.parametrize("command", [["check"], ["build"], ["export", "gift"]], ids=" ".join)
def test_quiet_still_prints_the_problems(broken, command):
    project, line = broken
    shown = run_for(command, [["check"]])(*command, "-q", cwd=project)
    assert shown.returncode == 1 and shown.stdout == "" and f"{FACTS}:{line}:" in shown.stderr


def test_verbose_prints_each_step_on_stderr(clean, tmp_path):
    plain = run_in_process("build", "--out", str(tmp_path / "a"), cwd=clean)
    verbose = studykit("build", "--out", str(tmp_path / "b"), "--verbose", cwd=clean)
    assert verbose.returncode == plain.returncode == 0
    steps = verbose.stderr.splitlines()
    assert any(line.endswith("checking the project") for line in steps)
    assert any(line.endswith(f"{DECK}: writing the Anki package") for line in steps)
    assert plain.stderr == ""
    # The same report but for the folder, and the package's size: its note and card ids are the
    # build's time, so two builds' packages may differ by a few bytes and round to another KB.
    sized = lambda out, folder: re.sub(r"\d+ KB", "N KB", out.replace(str(folder), "OUT"))  # noqa: E731
    assert sized(verbose.stdout, tmp_path / "b") == sized(plain.stdout, tmp_path / "a")


@pytest.mark.parametrize("command", [["check"], ["build"], ["diff"], ["watch"], ["export", "gift"],
                                     ["preview", "x"], ["list", "facts"], ["list", "templates"],
                                     ["list", "decks"], ["init", "x"]], ids=" ".join)
def test_every_command_takes_quiet_and_verbose(command):
    text = run_in_process(*command, "--help").stdout
    assert "-q, --quiet" in text and "-v, --verbose" in text


# --- --out - --------------------------------------------------------------------------------

def test_out_dash_sends_a_single_export_to_stdout(clean, tmp_path):
    piped = studykit("export", "quizlet", DECK, "--out", "-", cwd=clean)
    assert piped.returncode == 0, piped.stderr
    written = run_in_process("export", "quizlet", DECK, "--out", str(tmp_path), "-q", cwd=clean)
    assert written.returncode == 0
    assert piped.stdout == (tmp_path / f"{DECK}.quizlet.txt").read_text(encoding="utf-8")
    assert "standard output" in piped.stderr
    assert not (clean / "-").exists()


@pytest.mark.parametrize("command", [["export", "all", "--out", "-"], ["build", "--out", "-"],
                                     ["diff", "--out", "-"]], ids=" ".join)
def test_out_dash_is_refused_when_there_are_several_files(clean, command):
    shown = run_for(command, [["export", "all", "--out", "-"]])(*command, cwd=clean)
    assert shown.returncode == 2 and shown.stdout == ""
    assert "--out -" in shown.stderr and "Traceback" not in shown.stderr
    assert not (clean / "-").exists()


# --- no progress bar, no control characters unless on a terminal ---------------------------------

def run_on_a_terminal(args: list[str], cwd: Path, env: dict) -> bytes:
    """Run the program with stdout and stderr on a pseudo-terminal; return everything it wrote."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "studykit", *args], cwd=cwd,
                               env=dict(os.environ, **env), stdout=follower, stderr=follower)
    os.close(follower)
    output = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 600)
        if not ready:
            break
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the program closed the terminal
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=600)
    os.close(leader)
    assert process.returncode == 0, output
    return output


def test_no_color_means_no_control_characters_even_on_a_terminal(tmp_path):
    project = small_project(tmp_path / "p", worksheet=True)  # slow enough for the bar's delay
    output = run_on_a_terminal(["build"], project, {"NO_COLOR": "1"})
    assert b"\x1b" not in output and b"\r" not in output.replace(b"\r\n", b"\n")
    assert f"{DECK}: wrote".encode() in output


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_needs_both_streams_on_a_terminal_and_no_no_color(monkeypatch):
    from studykit.progress import bar_allowed

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(sys, "stdout", FakeTerminal())
    assert bar_allowed(FakeTerminal())
    assert not bar_allowed(io.StringIO())  # stderr is a log file
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert not bar_allowed(FakeTerminal())  # stdout is a pipe
    monkeypatch.setattr(sys, "stdout", FakeTerminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not bar_allowed(FakeTerminal())


# --- exit status 3: a bug of ours ------------------------------------------------------------

def a_bug(*args, **kwargs):
    raise KeyError("a bug planted by the test")


def plant_a_bug(monkeypatch) -> None:
    """Make the first step of every command raise, wherever the command finds it."""
    import studykit.build
    import studykit.buildcache
    import studykit.check
    import studykit.listing

    for module in (studykit.check, studykit.build, studykit.listing):
        monkeypatch.setattr(module, "check_project", a_bug)
    monkeypatch.setattr(studykit.buildcache, "fingerprint", a_bug)  # a build's first step


@pytest.mark.parametrize("args", [["check"], ["build"], ["list", "decks"]], ids=" ".join)
def test_an_internal_error_exits_3_with_a_one_line_apology(clean, args, monkeypatch, capsys):
    plant_a_bug(monkeypatch)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    monkeypatch.chdir(clean)
    assert cli.main(args) == 3
    shown = capsys.readouterr()
    assert shown.out == ""
    [line] = shown.err.splitlines()
    assert "internal error" in line and "sorry" in line and "report it to" in line
    assert "a bug planted by the test" in line and "--verbose" in line
    assert "Traceback" not in shown.err


def test_verbose_or_the_debug_variable_shows_the_traceback(clean, monkeypatch, capsys):
    plant_a_bug(monkeypatch)
    monkeypatch.chdir(clean)
    assert cli.main(["check", "--verbose"]) == 3
    assert "Traceback" in capsys.readouterr().err
    monkeypatch.setenv(cli.DEBUG_ENV, "1")
    assert cli.main(["check"]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_an_internal_error_with_json_is_still_one_document(clean, monkeypatch, capsys):
    plant_a_bug(monkeypatch)
    monkeypatch.chdir(clean)
    assert cli.main(["diff", "--json"]) == 3
    document = one_json_document(capsys.readouterr().out)
    assert document["ok"] is False and document["exit_status"] == 3 and "internal error" in document["error"]
