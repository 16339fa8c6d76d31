"""Faults around the commands (issue 11.5): unwritable outputs, a full disk, a publish that fails
half-way, leftovers of killed builds, and two builds at once. Real conditions where possible
(a file where a folder is expected, an over-long name, killed processes, a held lock); the full
disk is simulated in-process (os.replace / writes raising ENOSPC) because tests run as root."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from cli_helpers import DECK, FACTS, one_json_document, run_in_process, small_project, studykit

from studykit import atomic, buildcache, cli
from studykit.atomic import OutputLock, Staging
from studykit.build import build_project

LONG_NAME = "x" * 300  # longer than any file-name limit (255 bytes)


@pytest.fixture
def project(tmp_path) -> Path:
    return small_project(tmp_path / "p")


def digests(folder: Path) -> dict[str, str]:
    """Every output (and anything left behind); the build cache's record is only a cache."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.name != buildcache.RECORD_NAME}


def edit_the_letter(project: Path) -> None:
    """A real content change (a new answer wording) so the next build replaces files."""
    path = project / FACTS
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("answer: Mr. Thomas Hale\n", "answer: Thomas Hale, the Mayor\n", 1),
                    encoding="utf-8")


# --- outputs that cannot be written: a clear message, exit 2, no traceback ----------------------

@pytest.mark.parametrize("command", [["export", "gift"], ["build"]], ids=" ".join)
@pytest.mark.parametrize("where", ["a file", "inside a file", "an over-long name"])
def test_an_output_folder_that_cannot_be_written(project, tmp_path, command, where):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("the teacher's notes")
    out = {"a file": blocker, "inside a file": blocker / "out", "an over-long name": tmp_path / LONG_NAME}[where]
    run = studykit if (command, where) == (["build"], "a file") else run_in_process  # one real process
    shown = run(*command, "--out", str(out), cwd=project)
    assert shown.returncode == 2, shown.stderr
    assert shown.stdout == "" and "Traceback" not in shown.stderr
    [message] = shown.stderr.splitlines()
    assert message.startswith("error: ") and len(message) < 400
    assert {"a file": "not a folder", "inside a file": "Not a directory",
            "an over-long name": "File name too long"}[where] in message
    assert blocker.read_text() == "the teacher's notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "p"]


@pytest.mark.parametrize("command", [["export", "gift"], ["build"]], ids=" ".join)
def test_an_output_folder_that_is_a_link_to_nothing_says_so(project, tmp_path, command):
    # The folder's mkdir fails with a bare 'File exists': the message says what the name really is.
    (tmp_path / "out").symlink_to(tmp_path / "gone" / "decks")
    shown = run_in_process(*command, "--out", str(tmp_path / "out"), cwd=project)
    assert (shown.returncode, shown.stdout) == (2, "")
    assert shown.stderr.splitlines() == [
        f"error: cannot write to {tmp_path / 'out'}: it is a link to {tmp_path / 'gone' / 'decks'}, which does "
        "not exist; nothing was changed there"]
    assert not (tmp_path / "gone").exists()


def test_an_export_onto_dev_full_is_refused(project):
    shown = run_in_process("export", "gift", "--out", "/dev/full", cwd=project)
    assert shown.returncode == 2 and "not a folder" in shown.stderr and "Traceback" not in shown.stderr


def test_json_reports_an_unwritable_folder_as_one_document(project, tmp_path):
    shown = run_in_process("export", "gift", "--out", str(tmp_path / LONG_NAME), "--json", cwd=project)
    document = one_json_document(shown.stdout)
    assert shown.returncode == 2 and document["exit_status"] == 2
    assert "File name too long" in document["error"]


# --- a full disk -------------------------------------------------------------------------------

def enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_while_writing_keeps_the_previous_build(project, monkeypatch, capsys):
    out = project / "dist"
    build_project(project)
    before = digests(out)
    edit_the_letter(project)
    monkeypatch.setattr(Path, "write_bytes", enospc)  # every staged file write fails
    monkeypatch.chdir(project)
    assert cli.main(["build"]) == 2
    shown = capsys.readouterr()
    assert shown.err.strip() == f"error: cannot write to dist: {os.strerror(errno.ENOSPC)}; " \
        "nothing was changed there"
    assert digests(out) == before  # no staging folder, no lock, no temporary file left either


def test_a_database_fault_while_writing_the_package_is_a_fault_not_a_bug(project, monkeypatch, capsys):
    import sqlite3

    out = project / "dist"
    build_project(project)
    before = digests(out)
    edit_the_letter(project)

    def unopenable(*args, **kwargs):
        raise sqlite3.OperationalError("unable to open database file")
    monkeypatch.setattr(sqlite3, "connect", unopenable)  # what a temp folder that vanished gives
    monkeypatch.chdir(project)
    assert cli.main(["build"]) == 2
    shown = capsys.readouterr()
    assert shown.err.strip() == "error: unable to open database file; nothing was changed"
    assert digests(out) == before


def test_a_publish_that_fails_half_way_puts_the_previous_files_back(project, monkeypatch):
    out = project / "dist"
    build_project(project)
    before = digests(out)
    edit_the_letter(project)
    real_replace, calls = os.replace, []

    def second_replace_fails(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            enospc()
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", second_replace_fails)
    with pytest.raises(atomic.CannotWrite) as caught:
        build_project(project)
    assert str(caught.value).endswith("nothing was changed there")
    assert digests(out) == before


def test_when_the_previous_files_cannot_be_put_back_the_message_names_the_replaced_ones(
        project, monkeypatch):
    out = project / "dist"
    build_project(project)
    before = digests(out)
    edit_the_letter(project)
    real_replace, calls = os.replace, []

    def only_the_first_replace_works(src, dst):
        calls.append(dst)
        if len(calls) > 1:
            enospc()
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", only_the_first_replace_works)
    with pytest.raises(atomic.CannotWrite) as caught:
        build_project(project)
    replaced = Path(calls[0]).name
    assert f"only these files were replaced by the new version: {replaced};" in str(caught.value)
    after = digests(out)
    assert {name for name in after if after[name] != before.get(name)} == {replaced}


# --- leftovers of killed builds ----------------------------------------------------------------

KILLED_WRITER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from studykit import atomic
    out = Path(sys.argv[1])
    if sys.argv[2] == "staging":
        stage = atomic.Staging(out).__enter__()
        stage.path("half-written.apkg").write_bytes(b"PK")
    else:
        os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
        atomic.write_bytes_atomic(out / "notes.json", b"{}")
    os.kill(os.getpid(), signal.SIGKILL)
""")


def kill_a_writer(out: Path, what: str) -> None:
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(out), what], timeout=120)
    assert done.returncode == -signal.SIGKILL


def test_the_next_build_removes_what_killed_builds_left(project):
    out = project / "dist"
    build_project(project)
    published = sorted(p.name for p in out.iterdir())
    kill_a_writer(out, "staging")
    kill_a_writer(out, "temporary file")
    left = sorted(p.name for p in out.iterdir() if p.name not in published)
    assert len(left) == 2 and left[0].startswith(".notes.json.") and left[0].endswith(".tmp")
    assert left[1].startswith(atomic.STAGING_PREFIX)
    shown = studykit("build", "-q", cwd=project)
    assert shown.returncode == 0, shown.stderr
    assert sorted(p.name for p in out.iterdir()) == published


def test_a_live_writers_staging_folder_is_left_alone(project, tmp_path):
    out = tmp_path / "out"
    with Staging(out) as other:  # this process is alive: its staging folder is not stale
        other.path("x.txt").write_text("x")
        with Staging(out) as mine:
            mine.path("y.txt").write_text("y")
        assert other.dir.is_dir()
    assert sorted(p.name for p in out.iterdir()) == ["x.txt", "y.txt"]


# --- two builds at once --------------------------------------------------------------------------

def test_a_second_build_gives_up_with_a_message_while_another_holds_the_folder(project):
    out = project / "dist"
    with OutputLock(out):
        shown = studykit("build", cwd=project, env={atomic.LOCK_WAIT_ENV: "1"})
        assert sorted(p.name for p in out.iterdir()) == [atomic.LOCK_NAME]  # nothing written
    assert shown.returncode == 2 and shown.stdout == ""
    [message] = shown.stderr.splitlines()
    assert f"another studykit build (process {os.getpid()} on" in message
    assert f"delete {Path('dist') / atomic.LOCK_NAME} if no build is running" in message


def test_a_second_build_waits_for_the_first_and_then_builds(project):
    out = project / "dist"
    lock = OutputLock(out).__enter__()
    second = subprocess.Popen([sys.executable, "-m", "studykit", "build", "--verbose"], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for line in second.stderr:
            if "waiting for another build" in line:
                break
        assert not (out / f"{DECK}.apkg").exists()  # it waits instead of writing
        lock.__exit__(None, None, None)
        stdout, _ = second.communicate(timeout=600)
    finally:
        second.kill()
    assert second.returncode == 0 and stdout.startswith(f"{DECK}: wrote")
    assert (out / f"{DECK}.apkg").is_file() and not (out / atomic.LOCK_NAME).exists()


def test_the_lock_of_a_killed_build_is_taken_over(project):
    out = project / "dist"
    out.mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()  # a process that has ended
    import socket

    (out / atomic.LOCK_NAME).write_text(f"{gone} {socket.gethostname()}\n")
    shown = studykit("build", "-q", cwd=project, env={atomic.LOCK_WAIT_ENV: "1"})
    assert shown.returncode == 0, shown.stderr
    assert not (out / atomic.LOCK_NAME).exists() and (out / f"{DECK}.apkg").is_file()


def test_two_builds_started_together_both_finish_and_agree(project):
    results = []

    def run():
        results.append(studykit("build", "--json", cwd=project))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    out = project / "dist"
    manifest = (out / f"{DECK}.manifest.json").read_text()
    package = hashlib.sha256((out / f"{DECK}.apkg").read_bytes()).hexdigest()
    assert package in manifest  # the manifest describes the package beside it
    assert sorted(p.name for p in out.iterdir() if p.name != buildcache.RECORD_NAME) == [
        f"{DECK}.apkg", f"{DECK}.manifest.json"]
    firsts = sorted(one_json_document(r.stdout)["decks"][0]["first_build"] for r in results)
    assert firsts == [False, True]  # the second read the first one's manifest: they never interleaved


# --- init ------------------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["inside a file", "an over-long name"])
def test_init_where_a_folder_cannot_be_made(tmp_path, where):
    (tmp_path / "notes.txt").write_text("mine")
    dest = {"inside a file": tmp_path / "notes.txt" / "new", "an over-long name": tmp_path / LONG_NAME}[where]
    shown = studykit("init", str(dest))
    assert shown.returncode == 2 and shown.stdout == "" and "Traceback" not in shown.stderr
    assert shown.stderr.startswith("error: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


class FullDisk:
    """A file opened by os.fdopen whose every write fails as on a full disk."""

    def __init__(self, handle):
        self.handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()

    def write(self, data):
        enospc()


def test_an_atomic_write_that_fails_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "record.json"
    target.write_text("the previous record")
    real = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *args, **kwargs: FullDisk(real(fd, *args, **kwargs)))
    with pytest.raises(OSError):
        atomic.write_bytes_atomic(target, b"the new record")
    assert target.read_text() == "the previous record"
    assert [p.name for p in tmp_path.iterdir()] == ["record.json"]


def test_a_full_disk_when_only_the_build_record_is_left_to_write_is_still_a_build(project, monkeypatch, capsys):
    """The outputs are already published: the message must not say nothing changed, nor leave a temporary file."""
    out = project / "dist"
    build_project(project)
    before = digests(out)
    edit_the_letter(project)
    real = os.fdopen

    def fdopen(fd, *args, **kwargs):  # the disk fills up just before the record is written
        handle = real(fd, *args, **kwargs)
        return FullDisk(handle) if buildcache.RECORD_NAME in os.readlink(f"/proc/self/fd/{fd}") else handle
    monkeypatch.setattr(os, "fdopen", fdopen)
    monkeypatch.chdir(project)
    assert cli.main(["build", "-q"]) == 0
    assert capsys.readouterr().err == ""
    after = digests(out)
    assert sorted(after) == sorted(before)  # the same files: no temporary file left beside them
    assert after[f"{DECK}.apkg"] != before[f"{DECK}.apkg"]  # the edit was published
    monkeypatch.undo()
    assert build_project(project).decks[0].changed == []  # no record: the next build looks again


def test_init_on_a_full_disk_says_so_in_one_line(tmp_path, monkeypatch, capsys):
    # copytree gathers every file's error into one list: the message was that list, 9 KB of paths
    monkeypatch.setattr(shutil, "copy2", enospc)
    dest = tmp_path / "new"
    assert cli.main(["init", str(dest)]) == 2
    shown = capsys.readouterr()
    assert shown.err == f"error: cannot create the project in {dest}: {os.strerror(errno.ENOSPC)}; " \
        "nothing was created\n"
    assert list(tmp_path.iterdir()) == []


def test_an_export_that_cannot_write_leaves_no_new_empty_folder(project, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(Path, "write_bytes", enospc)
    monkeypatch.setattr(Path, "write_text", enospc)
    monkeypatch.chdir(project)
    out = tmp_path / "exports" / "new"
    assert cli.main(["export", "all", "--out", str(out)]) == 2
    assert capsys.readouterr().err.endswith("nothing was changed there\n")
    assert not out.exists()  # "nothing was changed": not even an empty folder made
