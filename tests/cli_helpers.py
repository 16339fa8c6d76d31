"""Helpers for the command-line tests: a small project of their own, and running the real program."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
from contextlib import contextmanager, redirect_stderr, redirect_stdout
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


def run_in_process(*args: str, cwd: Path | None = None, env: dict | None = None,
                   timeout: float = 600) -> subprocess.CompletedProcess:
    """The same command as :func:`studykit`, run by the console script's own ``main`` in this process.

    Streams, exit status, working folder and environment are the program's own (stdout and
    stderr captured, not terminals, so the width is the default as in a pipe;
    ``STUDYKIT_DEBUG`` unset); what a fresh process would not remember is forgotten first.  It saves starting
    Python and importing studykit for every case: tests about the process itself (its exit
    status through the real entry point, its streams) keep a run of :func:`studykit` too.
    """
    from studykit import cli

    out, err = io.StringIO(), io.StringIO()
    with _like_a_new_process(cwd, env, out), _time_limit(timeout), redirect_stdout(out), redirect_stderr(err):
        status = cli.main(list(args))
    return subprocess.CompletedProcess(["studykit", *args], status, out.getvalue(), err.getvalue())


@contextmanager
def _like_a_new_process(cwd: Path | None, env: dict | None, stdout: io.StringIO):
    from studykit.errors import display_path

    write = sys.modules.get("studykit.worksheets.write")
    saved_cwd, saved_env, saved_stdout = os.getcwd(), dict(os.environ), sys.__stdout__
    os.environ.update(env or {})
    os.environ.pop("STUDYKIT_DEBUG", None)
    sys.__stdout__ = stdout  # the terminal's width is asked of it: not a terminal, so the default
    display_path.cache_clear()  # relative to the working folder, which changes here
    if write is not None:
        write._said.clear()  # "no PDFs" is said once per process
    try:
        if cwd is not None:
            os.chdir(cwd)
        yield
    finally:
        os.chdir(saved_cwd)
        sys.__stdout__ = saved_stdout
        os.environ.clear()
        os.environ.update(saved_env)
        display_path.cache_clear()


class TookTooLong(BaseException):
    """Not an Exception: the program must not report it as a bug of its own (exit 3)."""


@contextmanager
def _time_limit(seconds: float):
    """Like subprocess.run's timeout: a hang fails the test instead of stalling the suite."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise TookTooLong(f"the command ran longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def one_json_document(stdout: str) -> dict:
    """stdout holds exactly one JSON document (json.loads fails on anything before or after)."""
    data = json.loads(stdout)
    assert isinstance(data, dict)
    return data


def assert_problem_shape(problem: dict) -> None:
    assert set(problem) >= {"path", "line", "col", "message", "severity"}
    assert problem["line"] >= 1 and problem["col"] >= 1 and problem["message"]
    assert problem["severity"] in ("error", "warning")
