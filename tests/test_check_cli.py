"""`studykit check` end to end: the shipped corpus is clean; bad input exits 1 without a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import run_in_process

from conftest import SOURCE_ID


def run_check(*args: str, cwd: Path | None = None, process: bool = False) -> subprocess.CompletedProcess:
    """`studykit check`: in a real subprocess when ``process`` (exit 0, 1 and 2 each have one), else
    through the console script's entry point in this process."""
    if not process:
        return run_in_process("check", *args, cwd=cwd)
    return subprocess.run([sys.executable, "-m", "studykit", "check", *args],
                          capture_output=True, text=True, cwd=cwd)


def test_shipped_project_checks_clean(repo):
    result = run_check(str(repo), process=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("OK:")
    assert "no problems found" in result.stdout


def test_json_output_for_scripts(repo):
    result = run_check(str(repo), "--json")
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["problems"] == []
    assert report["facts"] >= 60
    assert report["decks"][SOURCE_ID] > report["facts"]


def test_problems_are_listed_as_path_line_col_and_exit_1(project):
    facts = project / "seeds" / SOURCE_ID / "facts" / "aid.yaml"
    text = facts.read_text()
    facts.write_text(text.replace("kind: figure", "kind: figur", 1))
    result = run_check(str(project), process=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""  # problems go to stderr, like every command's
    [first] = [line for line in result.stderr.splitlines() if "figur'" in line]
    path, line, col, message = first.split(":", 3)
    assert path.endswith("facts/aid.yaml") and int(line) > 0 and int(col) > 0
    assert "unknown kind 'figur'; did you mean 'figure'?" in message
    assert "1 problem(s)" in result.stderr and "in 1 file(s)" in result.stderr


def test_paths_are_shown_relative_to_where_the_teacher_runs_it(project):
    facts = project / "seeds" / SOURCE_ID / "facts" / "aid.yaml"
    facts.write_bytes(facts.read_bytes() + b"\t\n")
    result = run_check(cwd=project)
    assert result.returncode == 1
    [tab] = [line for line in result.stderr.splitlines() if "tab character" in line]
    assert tab.startswith(f"seeds/{SOURCE_ID}/facts/aid.yaml:")


def test_yaml_that_tries_to_run_code_is_refused(project, tmp_path):
    marker = tmp_path / "pwned"
    bad = project / "seeds" / SOURCE_ID / "facts" / "evil.yaml"
    bad.write_text(f'topic: aid\nfacts: !!python/object/apply:os.system ["touch {marker}"]\n')
    result = run_check(str(project))
    assert result.returncode == 1
    assert not marker.exists()
    assert "evil.yaml:2:8: invalid YAML: the YAML tag '!!python/object/apply:os.system' is not allowed" \
        in result.stderr


def test_missing_folder_is_a_usage_error(tmp_path):
    result = run_check(str(tmp_path / "nowhere"), process=True)
    assert result.returncode == 2
    assert "no such project folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_option_is_a_usage_error(repo):
    result = run_check(str(repo), "--colour")
    assert result.returncode == 2
    assert "No such option" in result.stderr


@pytest.mark.parametrize("args, command", [(["check", "-p"], "studykit check"), (["build", "--out"], "studykit build"),
                                           (["list", "facts", "--topic"], "studykit list facts")])
def test_an_option_without_its_value_is_a_usage_error_with_the_way_to_help(args, command):
    """Click reports a missing value without the usage lines: the hint is added, no traceback."""
    result = subprocess.run([sys.executable, "-m", "studykit", *args], capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [f"Error: Option '{args[-1]}' requires an argument.",
                                          f"Try '{command} -h' for help."]


def test_project_may_also_be_given_with_p_like_the_other_commands(repo):
    result = run_check("-p", str(repo), "--quiet")
    assert result.returncode == 0 and result.stdout == ""
