"""Helpers for the command-line tests: a small project of their own, and running the real program."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from studykit.scaffold import create_project

DECK = "sample-deck"
FACTS = Path("seeds") / "sample-letter" / "facts" / "sample.yaml"
A_FACT = "pier-opened"


def small_project(dest: Path, worksheet: bool = False) -> Path:
    """The starter project (a short letter, one deck); without its worksheet unless asked (faster)."""
    create_project(dest)
    if not worksheet:
        recipe = dest / "decks" / f"{DECK}.yaml"
        text = recipe.read_text(encoding="utf-8")
        recipe.write_text(text.split("\nworksheet:", 1)[0] + "\n", encoding="utf-8")
    return dest


def break_a_fact(project: Path) -> tuple[Path, int]:
    """Give the first fact an unknown kind; return the file and the line of the mistake."""
    path = project / FACTS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if text.strip() == "kind: event")
    lines[line] = lines[line].replace("kind: event", "kind: evnt")
    path.write_text("".join(lines), encoding="utf-8")
    return path, line + 1


def studykit(*args: str, cwd: Path | None = None, env: dict | None = None,
             timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the real program as a user would (``python -m studykit``), capturing both streams."""
    environment = dict(os.environ, **(env or {}))
    environment.pop("STUDYKIT_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "studykit", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=timeout)


def one_json_document(stdout: str) -> dict:
    """stdout holds exactly one JSON document (json.loads fails on anything before or after)."""
    data = json.loads(stdout)
    assert isinstance(data, dict)
    return data


def assert_problem_shape(problem: dict) -> None:
    assert set(problem) >= {"path", "line", "col", "message", "severity"}
    assert problem["line"] >= 1 and problem["col"] >= 1 and problem["message"]
    assert problem["severity"] in ("error", "warning")
