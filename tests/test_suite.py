"""The suite itself: CI runs the README's test command, in parallel, as documented."""

from __future__ import annotations

import re

from conftest import REPO


def readme_test_command() -> str:
    """The command of the quick start's second code block (install the test extras, run the tests)."""
    quick_start = (REPO / "README.md").read_text(encoding="utf-8").split("\n## Quick start\n", 1)[1]
    blocks = re.findall(r"```bash\n(.*?)\n```", quick_start.split("\n## ", 1)[0], flags=re.S)
    [command] = [block for block in blocks if "pytest" in block]
    return command


def test_ci_runs_the_readmes_test_command_exactly():
    command = readme_test_command()
    assert command.startswith("python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && ")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci


def test_the_parallel_run_is_installed_by_the_test_extras():
    """The command runs each test file on one of the cores (-n), so pytest-xdist is a test extra."""
    command = readme_test_command()
    assert re.search(r"pytest -n (auto|\d+)\b", command)
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")  # tomllib is Python 3.11+
    extras = re.search(r"(?ms)^\[project\.optional-dependencies\]\ntest = \[(.*?)^\]", pyproject).group(1)
    assert re.search(r'^\s*"pytest-xdist\b', extras, flags=re.M)
