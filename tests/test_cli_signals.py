"""The program as a hurried teacher stops it: Ctrl-C (SIGINT) in the middle of a build or a watch,
a reader that goes away (``studykit list facts | head``), and runs killed while filling the user
cache. Real processes throughout: exit status 130 and one line for Ctrl-C, a quiet 141 (as a
shell reports ``cat | head``) for a closed pipe, never a traceback, previous outputs untouched."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from cli_helpers import A_FACT, DECK, FACTS, small_project

BOUND = 300  # seconds: only a bound against hanging, not a speed check


@pytest.fixture
def project(tmp_path) -> Path:
    return small_project(tmp_path / "p")


def _environment(**extra: str) -> dict:
    env = dict(os.environ, **extra)
    env.pop("STUDYKIT_DEBUG", None)
    return env


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def left_in_session(pid: int) -> list[str]:
    """Processes still running in the session the command led (PDF helpers, workers)."""
    found = subprocess.run(["pgrep", "-s", str(pid)], capture_output=True, text=True)
    return found.stdout.split()


# --- Ctrl-C --------------------------------------------------------------------------------------

@pytest.mark.parametrize("again", [None, 0.01, 0.05], ids=["once", "twice-10ms", "twice-50ms"])
def test_ctrl_c_while_a_build_prints_says_interrupted_and_keeps_the_previous_outputs(tmp_path, again):
    project = small_project(tmp_path / "p", worksheet=True)
    env = _environment(STUDYKIT_CACHE="")
    first = subprocess.run([sys.executable, "-m", "studykit", "build", "-q"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=BOUND)
    assert first.returncode == 0, first.stderr
    before = digests(project / "dist")
    path = project / FACTS  # a real change, so the next build has sheets to print again
    path.write_text(path.read_text(encoding="utf-8").replace("answer: Mr. Thomas Hale\n",
                                                             "answer: Thomas Hale, the Mayor\n", 1),
                    encoding="utf-8")
    # As a terminal's Ctrl-C: to the whole process group (the build and its PDF helper), once the
    # build says it is printing the sheets.
    build = subprocess.Popen([sys.executable, "-m", "studykit", "build", "--verbose"], cwd=project,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    seen = []
    for line in build.stderr:
        seen.append(line)
        if "writing worksheets" in line:
            os.killpg(build.pid, signal.SIGINT)
            if again is not None:  # pressed again while the first press's cleanup runs
                time.sleep(again)
                os.killpg(build.pid, signal.SIGINT)
            break
    rest = build.stderr.read()
    build.wait(timeout=BOUND)
    lines = "".join(seen[1:] + [rest]).splitlines()
    assert build.returncode == 130, lines
    assert lines[-1] == "interrupted" and "Traceback" not in rest, lines
    assert build.stdout.read() == ""
    assert digests(project / "dist") == before  # nothing published, no staging folder left
    assert left_in_session(build.pid) == []


def test_ctrl_c_before_any_command_ran_is_one_line_too():
    # Ctrl-C that reaches the top while studykit is still being imported: no traceback either.
    shown = subprocess.run([sys.executable, "-c", "import studykit.quickcli; raise KeyboardInterrupt"],
                           capture_output=True, text=True, env=_environment(), timeout=BOUND)
    assert (shown.returncode, shown.stdout, shown.stderr) == (130, "", "interrupted\n")


def test_other_errors_reaching_the_top_keep_their_traceback():
    shown = subprocess.run([sys.executable, "-c", "import studykit.quickcli; raise ValueError('x')"],
                           capture_output=True, text=True, env=_environment(), timeout=BOUND)
    assert shown.returncode == 1 and shown.stderr.splitlines()[-1] == "ValueError: x"


def _watch_stopped(project, stop) -> tuple[int, str, str]:
    """Status, stdout and stderr of `watch` stopped by ``stop(process)`` once its first build is done."""
    watch = subprocess.Popen([sys.executable, "-m", "studykit", "watch", "-q"], cwd=project,
                             env=_environment(STUDYKIT_CACHE=""), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        while not (project / "dist" / f"{DECK}.apkg").exists():  # the first build is done
            assert watch.poll() is None, watch.stderr.read()
            time.sleep(0.05)
        stop(watch)
        out, err = watch.communicate(timeout=BOUND)
    finally:
        if watch.poll() is None:
            os.killpg(watch.pid, signal.SIGKILL)
    return watch.returncode, out, err


def test_ctrl_c_stops_watch_with_one_line_and_status_130(project):
    status, out, err = _watch_stopped(project, lambda watch: os.killpg(watch.pid, signal.SIGINT))
    assert status == 130
    assert err == "stopped watching\n" and out == ""


PRESSED_AGAIN = textwrap.dedent("""
    import os, signal, sys, threading, time
    from studykit import quickcli
    from studykit.atomic import Staging
    def work():
        with Staging(sys.argv[1]) as stage:
            for i in range(2000):  # a staging folder that takes a while to remove
                stage.path(f"part{i}/page.txt").write_text("x")
            for delay in sys.argv[2].split(","):  # Ctrl-C again, while the first one's cleanup runs
                threading.Timer(float(delay), os.kill, (os.getpid(), signal.SIGINT)).start()
            os.kill(os.getpid(), signal.SIGINT)  # the first Ctrl-C
            time.sleep(60)
    try:
        work()
    except KeyboardInterrupt:
        quickcli.say_interrupted()
        sys.exit(quickcli.stopped_status())
""")


def _staging_left(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".studykit-staging-")]


@pytest.mark.parametrize("delay", ["0.003", "0.01", "0.03"])
def test_ctrl_c_pressed_again_during_the_cleanup_lets_it_remove_the_staging_folder(tmp_path, delay):
    out = tmp_path / "out"
    out.mkdir()
    (out / "deck.apkg").write_bytes(b"the previous build")
    shown = subprocess.run([sys.executable, "-c", PRESSED_AGAIN, str(out), delay],
                           capture_output=True, text=True, env=_environment(), timeout=BOUND)
    assert (shown.returncode, shown.stderr) == (130, "interrupted\n")
    assert [p.name for p in out.iterdir()] == ["deck.apkg"]  # no staging folder left
    assert (out / "deck.apkg").read_bytes() == b"the previous build"


PRESSED_THRICE = textwrap.dedent("""
    import os, signal, sys, threading, time
    from studykit import quickcli  # (as every command: its handlers installed)
    from studykit.atomic import Staging
    with Staging(sys.argv[1]) as stage:
        stage.path("deck.apkg").write_text("half-made")
        try:
            os.kill(os.getpid(), signal.SIGINT)  # the first Ctrl-C
            time.sleep(60)
        finally:  # a cleanup that hangs: Ctrl-C twice more
            threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT)).start()
            threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGINT)).start()
            time.sleep(60)
""")


def test_a_third_ctrl_c_ends_at_once_and_the_next_build_removes_what_was_left(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    shown = subprocess.run([sys.executable, "-c", PRESSED_THRICE, str(out)],
                           capture_output=True, text=True, env=_environment(), timeout=BOUND)
    assert shown.returncode == -signal.SIGINT  # ended by the signal itself, at once
    assert len(_staging_left(out)) == 1
    project = small_project(tmp_path / "p")
    built = subprocess.run([sys.executable, "-m", "studykit", "build", "-q", "--out", str(out)], cwd=project,
                           capture_output=True, text=True, env=_environment(), timeout=BOUND)
    assert (built.returncode, built.stderr) == (0, "")
    assert _staging_left(out) == [] and (out / f"{DECK}.apkg").is_file()


# --- SIGTERM and SIGHUP: `kill`, a CI job's timeout, a closed terminal ---------------------------

def _build_after_an_edit(tmp_path) -> tuple[Path, dict, dict]:
    """A project built once, then edited, so the next build has sheets to print again."""
    project = small_project(tmp_path / "p", worksheet=True)
    env = _environment(STUDYKIT_CACHE="")
    first = subprocess.run([sys.executable, "-m", "studykit", "build", "-q"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=BOUND)
    assert first.returncode == 0, first.stderr
    path = project / FACTS
    path.write_text(path.read_text(encoding="utf-8").replace("answer: Mr. Thomas Hale\n",
                                                             "answer: Thomas Hale, the Mayor\n", 1),
                    encoding="utf-8")
    return project, env, digests(project / "dist")


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)],
                         ids=["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("to_group", [False, True], ids=["pid", "group"])
def test_a_build_told_to_stop_cleans_up_says_so_and_exits_128_plus_the_signal(tmp_path, signum, status,
                                                                              to_group):
    # `kill PID` reaches the build alone; a CI timeout or a closed terminal reaches its whole group.
    project, env, before = _build_after_an_edit(tmp_path)
    build = subprocess.Popen([sys.executable, "-m", "studykit", "build", "--verbose"], cwd=project,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    seen = []
    for line in build.stderr:
        seen.append(line)
        if "writing worksheets" in line:
            (os.killpg if to_group else os.kill)(build.pid, signum)
            break
    rest = build.stderr.read()
    build.wait(timeout=BOUND)
    lines = "".join(seen[1:] + [rest]).splitlines()
    assert build.returncode == status, lines
    assert lines[-1] == "terminated" and "Traceback" not in rest, lines
    assert build.stdout.read() == ""
    assert digests(project / "dist") == before  # nothing published, no staging folder left
    assert [p.name for p in project.rglob("*") if "tmp" in p.name or "staging" in p.name] == []
    assert left_in_session(build.pid) == []


@pytest.mark.parametrize("signum, status, said", [(signal.SIGTERM, 143, "terminated"),
                                                  (signal.SIGINT, 130, "interrupted")], ids=["TERM", "INT"])
def test_a_typer_command_told_to_stop_says_so_too(project, signum, status, said):
    # typer turns a KeyboardInterrupt into a bare status 130: the line and the signal's status are ours.
    diff = subprocess.Popen([sys.executable, "-m", "studykit", "diff", "--verbose"], cwd=project,
                            env=_environment(STUDYKIT_CACHE=""), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    first = diff.stderr.readline()
    assert "checking the project" in first
    os.kill(diff.pid, signum)
    rest = diff.stderr.read()
    assert diff.wait(timeout=BOUND) == status
    assert rest.splitlines()[-1:] == [said] and "Traceback" not in rest, rest


def test_sigterm_stops_watch_with_its_one_line_and_status_143(project):
    status, out, err = _watch_stopped(project, lambda watch: watch.terminate())
    assert (status, err, out) == (143, "stopped watching\n", "")


def test_a_stop_signal_the_caller_ignores_stays_ignored(tmp_path):
    # `nohup studykit build` (SIGHUP ignored): a hang-up mid-build changes nothing; the build finishes.
    project, env, before = _build_after_an_edit(tmp_path)
    build = subprocess.Popen([sys.executable, "-m", "studykit", "build", "--verbose"], cwd=project,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True,
                             preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    for line in build.stderr:
        if "writing worksheets" in line:
            os.killpg(build.pid, signal.SIGHUP)
            break
    rest = build.stderr.read()
    assert build.wait(timeout=BOUND) == 0, rest
    assert "terminated" not in rest and digests(project / "dist") != before


SIGNALLED_TWICE = textwrap.dedent("""
    import os, signal, sys
    from studykit import quickcli
    def work():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
        finally:  # the cleanup, told to stop again half-way
            os.kill(os.getpid(), signal.SIGHUP)
            os.kill(os.getpid(), signal.SIGTERM)
            print("cleaned up", flush=True)
    sys.exit(quickcli.guarded(quickcli.Output(), work))
""")


def test_a_second_stop_signal_during_the_cleanup_lets_it_finish():
    shown = subprocess.run([sys.executable, "-c", SIGNALLED_TWICE], capture_output=True, text=True,
                           env=_environment(), timeout=BOUND)
    assert (shown.returncode, shown.stdout, shown.stderr) == (143, "cleaned up\n", "terminated\n")


def test_sigterm_before_any_command_ran_is_one_line_too():
    shown = subprocess.run([sys.executable, "-c", "import os, signal, studykit.quickcli; "
                            "os.kill(os.getpid(), signal.SIGTERM)"],
                           capture_output=True, text=True, env=_environment(), timeout=BOUND)
    assert (shown.returncode, shown.stdout, shown.stderr) == (143, "", "terminated\n")


# --- a reader that goes away --------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["list", "facts"], ["list", "facts", "--json"], ["preview", A_FACT], ["check"], ["check", "--json"],
    ["build"], ["diff"], ["export", "quizlet", DECK, "--out", "-"], ["--help"], ["build", "-h"],
    ["--version"],
], ids=" ".join)
def test_a_reader_that_went_away_ends_the_command_quietly(project, args):
    # `studykit list facts | head -1`, at its most abrupt: the pipe is closed before anything is
    # written. The command ends at once, says nothing, and exits 141 as `cat` would in a shell.
    reading, writing = os.pipe()
    os.close(reading)
    try:
        shown = subprocess.run([sys.executable, "-m", "studykit", *args], cwd=project, stdout=writing,
                               stderr=subprocess.PIPE, text=True, env=_environment(), timeout=BOUND)
    finally:
        os.close(writing)
    assert (shown.returncode, shown.stderr) == (141, "")


def test_a_reader_that_went_away_from_both_streams(project):
    (project / FACTS).write_text("facts: [", encoding="utf-8")  # problems to print on stderr
    reading, writing = os.pipe()
    os.close(reading)
    try:
        shown = subprocess.run([sys.executable, "-m", "studykit", "check"], cwd=project, stdout=writing,
                               stderr=writing, env=_environment(), timeout=BOUND)
    finally:
        os.close(writing)
    assert shown.returncode == 141


# --- runs killed while filling the user cache ------------------------------------------------------

KILLED_CACHE_WRITER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from studykit import usercache
    os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)  # killed between write and rename
    usercache.write_atomically(Path(sys.argv[1]), b"half")
""")


def test_what_runs_killed_while_filling_the_cache_left_is_removed_by_the_next_run_that_writes(
        project, tmp_path):
    cache = tmp_path / "cache"
    env = _environment(STUDYKIT_CACHE=str(cache))
    run = [sys.executable, "-m", "studykit", "build", "-q", "--out"]
    assert subprocess.run([*run, str(tmp_path / "first")], cwd=project, env=env, timeout=BOUND).returncode == 0
    folders = sorted({p.parent for p in cache.rglob("*") if p.is_file()})
    assert len(folders) > 10
    killed = subprocess.run([sys.executable, "-c", KILLED_CACHE_WRITER, str(folders[0] / "entry")],
                            env=env, timeout=BOUND)
    assert killed.returncode == -signal.SIGKILL
    [leftover] = folders[0].glob("*.tmp")
    dead = leftover.name.rsplit(".", 2)[1]
    assert leftover.name == f"entry.{dead}.tmp"
    for folder in folders:  # what many killed runs would leave: one in every folder
        for entry in folder.iterdir():
            entry.unlink()
        (folder / f"gone-{folder.name}.{dead}.tmp").write_bytes(b"half")
        (folder / f"alive-{folder.name}.{os.getpid()}.tmp").write_bytes(b"being written")

    assert subprocess.run([*run, str(tmp_path / "second")], cwd=project, env=env, timeout=BOUND).returncode == 0
    assert [p.name for p in cache.rglob(f"*.{dead}.tmp")] == []
    assert len(list(cache.rglob(f"*.{os.getpid()}.tmp"))) == len(folders)  # a live writer's: kept
    assert _notes(tmp_path / "second") == _notes(tmp_path / "first")  # the same deck (but its time)


def _notes(out: Path) -> tuple:
    manifest = json.loads((out / f"{DECK}.manifest.json").read_text(encoding="utf-8"))
    return manifest["notes"], manifest["strings"], manifest["cards"]
