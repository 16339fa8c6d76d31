"""`studykit watch` as a teacher runs it (issue 11.6): the real program in a subprocess, real
file edits, stopped with Ctrl-C (SIGINT). Saves closer together than the debounce make one
rebuild; the build's own outputs never trigger one, even inside the watched folders."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from cli_helpers import DECK, FACTS, small_project, studykit

from studykit.errors import UsageError
from studykit.watch import watch_project

BOUND = 300  # seconds: generous, only a bound against hanging (not a speed check)


class WatchProcess:
    """``studykit watch`` in a subprocess, its lines read as they come.

    stdout and stderr share one pipe (``merged``) when a test needs their order; else they are
    read apart, to check which stream each line went to.
    """

    started: list[WatchProcess] = []  # every one a test made: killed after the test if still running

    def __init__(self, project: Path, *args: str, merged: bool = True):
        WatchProcess.started.append(self)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "studykit", "watch", *args], cwd=project, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if merged else subprocess.PIPE, text=True)
        self.lines: queue.Queue = queue.Queue()
        self.readers = [threading.Thread(target=self._read, args=(name,), daemon=True)
                        for name in (("stdout",) if merged else ("stdout", "stderr"))]
        for reader in self.readers:
            reader.start()

    def _read(self, name: str) -> None:
        for line in getattr(self.process, name):
            self.lines.put((name, line.rstrip("\n")))

    def next_pass(self) -> list[tuple[str, str]]:
        """Every line up to the next 'watching for changes' (one build or rebuild)."""
        seen = []
        while True:
            stream, line = self.lines.get(timeout=BOUND)
            if line.startswith("watching for changes"):
                return seen
            seen.append((stream, line))

    def until(self, text: str) -> list[tuple[str, str]]:
        seen = []
        while not any(text in line for _, line in seen):
            seen.append(self.lines.get(timeout=BOUND))
        return seen

    def stop(self) -> tuple[int, list[tuple[str, str]]]:
        self.process.send_signal(signal.SIGINT)
        status = self.process.wait(timeout=BOUND)
        for reader in self.readers:
            reader.join(timeout=BOUND)
        rest = []
        while not self.lines.empty():
            rest.append(self.lines.get())
        return status, rest


@pytest.fixture(autouse=True)
def no_watch_left_running():
    """A test that fails (a timeout on a loaded machine) leaves no ``studykit watch`` behind."""
    yield
    while WatchProcess.started:
        process = WatchProcess.started.pop().process
        if process.poll() is None:
            process.kill()
            process.wait(timeout=BOUND)


def changed_lines(lines) -> list[str]:
    return [line for _, line in lines if line.startswith(("changed:", "first build"))]


@pytest.fixture
def project(tmp_path) -> Path:
    return small_project(tmp_path / "p")


def append_comment(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n# {text}\n")


def test_saves_close_together_make_one_rebuild_and_outputs_never_trigger_one(project):
    out = project / "decks" / "out"  # inside a watched folder: its writes must be ignored
    files = [project / FACTS, project / "seeds" / "sample-letter" / "source.yaml",
             project / "decks" / f"{DECK}.yaml"]
    watcher = WatchProcess(project, "--out", str(out))
    try:
        first = watcher.next_pass()
        assert changed_lines(first) == ["first build"], first
        assert (out / f"{DECK}.apkg").is_file()

        for number, path in enumerate(files):  # an editor saving three files at once
            append_comment(path, f"save {number}")
        second = watcher.next_pass()
        [line] = changed_lines(second)
        assert line == "changed: " + ", ".join(sorted(str(p.relative_to(project)) for p in files))
        assert any(text.startswith(f"{DECK}: unchanged") for _, text in second)  # comments only

        # The next pass is caused by this save alone: not by the outputs the rebuild wrote.
        append_comment(files[0], "one more save")
        third = watcher.next_pass()
        assert changed_lines(third) == [f"changed: {FACTS}"], third
    finally:
        status, rest = watcher.stop()
    assert status == 130  # Ctrl-C: interrupted
    assert rest[-1][1] == "stopped watching"
    assert not any("Traceback" in line for _, line in rest)


def test_saves_a_moment_apart_make_one_rebuild(project):
    # An editor saving a file, then another a moment later (or "save all" on a slow disk):
    # the second save, 50 ms later, comes well inside the 400 ms quiet time: one rebuild shows both.
    files = [project / FACTS, project / "seeds" / "sample-letter" / "source.yaml"]
    watcher = WatchProcess(project)
    try:
        assert changed_lines(watcher.next_pass()) == ["first build"]
        for number, path in enumerate(files):
            append_comment(path, f"save {number}")
            time.sleep(0.05)
        [line] = changed_lines(watcher.next_pass())
        assert line == "changed: " + ", ".join(sorted(str(p.relative_to(project)) for p in files))
    finally:
        status, _ = watcher.stop()
    assert status == 130  # Ctrl-C: interrupted


def test_a_problem_goes_to_stderr_and_keeps_the_last_good_outputs(project):
    watcher = WatchProcess(project, merged=False)
    try:
        watcher.until("watching for changes")
        apkg = project / "dist" / f"{DECK}.apkg"
        good = apkg.read_bytes()
        path = project / FACTS
        path.write_text(path.read_text(encoding="utf-8").replace("kind: event", "kind: evnt", 1),
                        encoding="utf-8")
        broken = watcher.until("last good outputs are kept")
        assert apkg.read_bytes() == good
    finally:
        status, rest = watcher.stop()
    assert status == 130  # Ctrl-C: interrupted
    everything = broken + rest
    assert any(stream == "stderr" and "evnt" in line for stream, line in everything)
    assert not any(stream == "stdout" and "evnt" in line for stream, line in everything)


@pytest.mark.parametrize("out", ["seeds/out", "seeds/sample-letter/dist"])
def test_watching_into_seeds_is_refused_before_the_first_build(project, out):
    """The library refuses before building: were it to watch, ``max_rebuilds=1`` ends it after the
    first build, so a regression fails here at once (the CLI test below would wait for its bound)."""
    with pytest.raises(UsageError, match="inside seeds/"):
        watch_project(project, out=project / out, max_rebuilds=1)
    assert not (project / out).exists()


@pytest.mark.parametrize("out", ["seeds/out", "seeds/sample-letter/dist"])
def test_an_output_folder_inside_seeds_is_refused(project, out):
    shown = studykit("watch", "--out", out, cwd=project, timeout=BOUND)
    assert shown.returncode == 2 and shown.stdout == ""
    assert "inside seeds/" in shown.stderr and "Traceback" not in shown.stderr
    assert not (project / out).exists()


@pytest.mark.parametrize("args, said", [
    (["--out", "a-file"], "a-file: not a folder"),
    (["no-such-deck"], "unknown deck(s): no-such-deck"),
], ids=["out-is-a-file", "unknown-deck"])
def test_a_first_build_the_command_dooms_stops_watching_at_once(project, args, said):
    # No save in the project can mend the command line: rather than repeat it after every save,
    # watch says it once and ends, as any command given a wrong folder or deck does (status 2).
    (project / "a-file").write_text("not a folder\n", encoding="utf-8")
    watcher = WatchProcess(project, *args, merged=False)
    stream, first = watcher.lines.get(timeout=BOUND)  # a watch that went on says "first build" here
    assert stream == "stderr" and first.startswith(f"error: {said}") and first.endswith(
        "; stopped watching (no save can mend that: fix the command and run it again)"), first
    assert watcher.process.wait(timeout=BOUND) == 2
    for reader in watcher.readers:
        reader.join(timeout=BOUND)
    assert watcher.lines.empty()  # that line alone


def test_an_error_that_comes_back_on_every_save_is_said_in_full_once(project, tmp_path):
    out = tmp_path / "out"
    watcher = WatchProcess(project, "--out", str(out))
    try:
        assert changed_lines(watcher.next_pass()) == ["first build"]
        for child in out.iterdir():  # the output folder becomes a file while watch runs
            child.unlink()
        out.rmdir()
        out.write_text("now a file\n", encoding="utf-8")
        append_comment(project / FACTS, "first save")
        first = [line for _, line in watcher.next_pass()]
        append_comment(project / FACTS, "second save")
        second = [line for _, line in watcher.next_pass()]
    finally:
        status, _ = watcher.stop()
    assert status == 130
    assert first == [f"changed: {FACTS}", f"error: {out}: not a folder; pass --out with a folder for the "
                     "build outputs; the last good outputs are kept"], first
    assert second == [f"changed: {FACTS}", "error: the same as above; the last good outputs are kept"]
