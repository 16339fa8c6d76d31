"""Atomic publishing (src/studykit/atomic.py), with real files: a build's outputs are replaced
completely or not at all, whatever fails on the way (a full disk part-way through a write, a
folder where a file goes, a killed writer), the next writer cleans up what a killed one left,
and two writers never share an output folder.

Fast on purpose (no builds): these are the tests the mutation run of `atomic` uses. A full disk
is a real file-size limit (RLIMIT_FSIZE: the kernel refuses the write part-way, as a full disk
does); a killed writer is a forked copy of this process killed with SIGKILL mid-write.
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from studykit import atomic
from studykit.atomic import CannotWrite, OutputLock, Staging, remove_leftovers, write_bytes_atomic
from studykit.errors import UsageError

HOST = socket.gethostname()


def files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative name -> bytes), hidden ones included."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def previous_build(out: Path) -> dict[str, bytes]:
    """An output folder as the last build left it."""
    (out / "sheets").mkdir(parents=True)
    (out / "deck.apkg").write_bytes(b"old deck")
    (out / "deck.manifest.json").write_text("old manifest")
    (out / "sheets" / "a.pdf").write_bytes(b"old sheet a")
    return files(out)


def dead_pid() -> int:
    """The id of a process that has ended (so no writer of that id is alive)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


@contextmanager
def file_size_limit(size: int):
    """Writes past ``size`` bytes fail with EFBIG part-way, as writes to a full disk fail."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)


def killed_while(action) -> int:
    """Run ``action`` in a forked copy of this process that is killed (SIGKILL) inside it."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            action()
        finally:
            os.kill(os.getpid(), signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    return pid


# --- one file written atomically ---------------------------------------------------------------

def test_a_file_is_written_whole_into_a_new_folder_with_nothing_else_left(tmp_path):
    target = tmp_path / "new" / "deeper" / "notes.json"
    write_bytes_atomic(target, b'{"a": 1}')
    atomic.write_text_atomic(tmp_path / "new" / "caf\u00e9.txt", "caf\u00e9 \u2013 ok")
    assert files(tmp_path) == {"new/deeper/notes.json": b'{"a": 1}',
                               "new/caf\u00e9.txt": "caf\u00e9 \u2013 ok".encode("utf-8")}


def test_the_unfinished_file_sits_beside_the_target_named_for_its_writer(tmp_path, monkeypatch):
    """Beside the target, so the final rename stays on one disk (atomic); named with the writer's
    process id, so the next writer knows whose leftover it is."""
    (tmp_path / "notes.json").write_bytes(b"previous")
    seen = []

    def stop_before_renaming(src, dst):
        seen.append((Path(src), Path(src).read_bytes(), sorted(p.name for p in tmp_path.iterdir())))
        raise KeyboardInterrupt  # interrupted at the last moment

    monkeypatch.setattr(os, "replace", stop_before_renaming)
    with pytest.raises(KeyboardInterrupt):
        write_bytes_atomic(tmp_path / "notes.json", b"new")
    [(temporary, content, listing)] = seen
    assert temporary.parent == tmp_path and content == b"new"
    assert temporary.name.startswith(f".notes.json.{os.getpid()}-") and temporary.name.endswith(".tmp")
    assert listing == sorted([temporary.name, "notes.json"])
    assert files(tmp_path) == {"notes.json": b"previous"}  # the unfinished file is gone again


def test_a_full_disk_part_way_through_a_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "notes.json"
    target.write_bytes(b"previous")
    with pytest.raises(OSError) as caught, file_size_limit(4096):
        write_bytes_atomic(target, b"x" * 100_000)
    assert caught.value.errno == errno.EFBIG
    assert files(tmp_path) == {"notes.json": b"previous"}


def test_a_killed_write_leaves_the_previous_file_and_the_next_writer_clears_its_leftover(tmp_path, monkeypatch):
    target = tmp_path / "notes.json"
    target.write_bytes(b"previous")

    def write_and_die_before_the_rename():
        os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
        write_bytes_atomic(target, b"new")

    pid = killed_while(write_and_die_before_the_rename)
    [left] = [p for p in tmp_path.iterdir() if p != target]
    assert left.name.startswith(f".notes.json.{pid}-") and left.read_bytes() == b"new"
    assert target.read_bytes() == b"previous"
    assert remove_leftovers(tmp_path) == [left]
    assert files(tmp_path) == {"notes.json": b"previous"}


# --- a build's files published together --------------------------------------------------------

def test_staged_files_appear_only_when_the_build_is_done(tmp_path):
    out = tmp_path / "dist"
    before = previous_build(out)
    with Staging(out) as stage:
        stage.path("deck.apkg").write_bytes(b"new deck")
        stage.path("sheets/b.pdf").write_bytes(b"new sheet b")
        stage.path("answers/keys/a.pdf").write_bytes(b"new key a")
        assert files(out) == {**before, **{f"{stage.dir.name}/{k}": v for k, v in files(stage.dir).items()}}
        assert stage.dir.parent == out and stage.dir.name.startswith(f"{atomic.STAGING_PREFIX}{os.getpid()}-")
    assert files(out) == {**before, "deck.apkg": b"new deck", "sheets/b.pdf": b"new sheet b",
                          "answers/keys/a.pdf": b"new key a"}


def test_a_file_staged_twice_is_published_once_with_its_last_content(tmp_path):
    out = tmp_path / "dist"
    with Staging(out) as stage:
        stage.path("deck.apkg").write_bytes(b"first")
        stage.path("deck.apkg").write_bytes(b"second")
        published = stage.publish()
    assert published == [out / "deck.apkg"]
    assert files(out) == {"deck.apkg": b"second"}


def test_publish_lists_the_files_it_replaced_in_the_order_they_were_staged(tmp_path):
    out = tmp_path / "dist"
    previous_build(out)
    with Staging(out) as stage:
        stage.path("sheets/a.pdf").write_text("a")
        stage.path("asked-for-but-never-written.pdf")
        for name in ("deck.apkg", "z.txt"):
            stage.path(name).write_text(name)
        assert stage.publish() == [out / "sheets/a.pdf", out / "deck.apkg", out / "z.txt"]
    assert not (out / "asked-for-but-never-written.pdf").exists()


def test_a_writer_that_fails_publishes_nothing_and_leaves_no_staging_folder(tmp_path):
    out = tmp_path / "dist"
    before = previous_build(out)
    with pytest.raises(ValueError, match="a bad fact"):
        with Staging(out) as stage:
            stage.path("deck.apkg").write_bytes(b"new deck")
            raise ValueError("a bad fact")
    assert files(out) == before and sorted(p.name for p in out.iterdir()) == [
        "deck.apkg", "deck.manifest.json", "sheets"]


def test_a_full_disk_while_staging_is_a_clear_message_and_nothing_changes(tmp_path):
    out = tmp_path / "dist"
    before = previous_build(out)
    with pytest.raises(CannotWrite) as caught:
        with Staging(out) as stage:
            stage.path("deck.apkg").write_bytes(b"new deck")
            with file_size_limit(4096):
                stage.path("sheets/a.pdf").write_bytes(b"%PDF" * 50_000)
    assert str(caught.value) == f"cannot write to {out}: {os.strerror(errno.EFBIG)}; nothing was changed there"
    assert files(out) == before and sorted(p.name for p in out.iterdir()) == [
        "deck.apkg", "deck.manifest.json", "sheets"]


def test_a_folder_where_a_file_goes_puts_back_the_files_already_replaced(tmp_path):
    """The teacher made a folder named like a sheet: moving the sheet there fails after the deck
    and a new file were already moved; both are undone and the message says nothing changed."""
    out = tmp_path / "dist"
    previous_build(out)
    (out / "sheets" / "b.pdf").mkdir()
    (out / "sheets" / "b.pdf" / "mine.txt").write_text("the teacher's")
    before = files(out)
    with pytest.raises(CannotWrite) as caught:
        with Staging(out) as stage:
            stage.path("deck.apkg").write_bytes(b"new deck")
            stage.path("sheets/a.pdf").write_bytes(b"new sheet a")
            stage.path("new.txt").write_bytes(b"new file")
            stage.path("sheets/b.pdf").write_bytes(b"new sheet b")
    assert str(caught.value) == (f"cannot write to {out}: {Path('sheets', 'b.pdf')} is a folder where studykit "
                                 f"writes a file ({os.strerror(errno.EISDIR)}); move it away, or build into "
                                 "another folder with --out; nothing was changed there")
    assert files(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["deck.apkg", "deck.manifest.json", "sheets"]


def test_files_are_put_back_by_copy_where_the_disk_cannot_link(tmp_path, monkeypatch):
    out = tmp_path / "dist"
    previous_build(out)
    (out / "sheets" / "b.pdf").mkdir()
    before = files(out)

    def no_links(src, dst):
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "link", no_links)
    with pytest.raises(CannotWrite, match="nothing was changed there"):
        with Staging(out) as stage:
            stage.path("deck.apkg").write_bytes(b"new deck")
            stage.path("sheets/a.pdf").write_bytes(b"new sheet a")
            stage.path("sheets/b.pdf").write_bytes(b"new sheet b")
    assert files(out) == before


def test_files_that_cannot_be_put_back_are_named_in_sorted_order(tmp_path, monkeypatch):
    out = tmp_path / "dist"
    before = previous_build(out)
    real_replace, calls = os.replace, []

    def the_disk_fills_after_two_files(src, dst):
        calls.append(dst)
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", the_disk_fills_after_two_files)
    with pytest.raises(CannotWrite) as caught:
        with Staging(out) as stage:
            stage.path("deck.apkg").write_bytes(b"new deck")
            stage.path("sheets/a.pdf").write_bytes(b"new sheet a")
            stage.path("deck.manifest.json").write_bytes(b"new manifest")
    assert str(caught.value) == (
        f"cannot write to {out}: {os.strerror(errno.ENOSPC)}; only these files were replaced by the new "
        f"version: deck.apkg, {Path('sheets/a.pdf')}; every other file there is unchanged")
    assert files(out) == {**before, "deck.apkg": b"new deck", "sheets/a.pdf": b"new sheet a"}
    assert sorted(p.name for p in out.iterdir()) == ["deck.apkg", "deck.manifest.json", "sheets"]


def test_a_new_file_that_cannot_be_removed_again_is_named(tmp_path, monkeypatch):
    out = tmp_path / "dist"
    before = previous_build(out)
    real_replace, calls = os.replace, []

    def only_the_first_move_works(src, dst):
        calls.append(dst)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", only_the_first_move_works)
    real_unlink = Path.unlink

    def new_txt_is_stuck(self, missing_ok=False):
        if self.name == "new.txt":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", new_txt_is_stuck)
    with pytest.raises(CannotWrite) as caught:
        with Staging(out) as stage:
            stage.path("new.txt").write_bytes(b"new file")
            stage.path("deck.apkg").write_bytes(b"new deck")
    assert str(caught.value).endswith("only these files were replaced by the new version: new.txt; "
                                      "every other file there is unchanged")
    assert files(out) == {**before, "new.txt": b"new file"}


# --- output folders that cannot be written -------------------------------------------------------

@pytest.mark.parametrize("guard", [Staging, OutputLock])
def test_an_output_folder_that_is_a_file_is_refused_with_the_fix(tmp_path, guard):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("the teacher's notes")
    with pytest.raises(CannotWrite) as caught:
        with guard(blocker):
            pass
    assert str(caught.value) == f"{blocker} is a file, not a folder; pass --out with a folder"
    assert files(tmp_path) == {"notes.txt": b"the teacher's notes"}


@pytest.mark.parametrize("guard", [Staging, OutputLock])
def test_an_output_folder_inside_a_file_is_refused(tmp_path, guard):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("the teacher's notes")
    with pytest.raises(CannotWrite) as caught:
        with guard(blocker / "dist"):
            pass
    assert str(caught.value) == (f"cannot write to {blocker / 'dist'}: {os.strerror(errno.ENOTDIR)}; "
                                 "nothing was changed there")
    assert files(tmp_path) == {"notes.txt": b"the teacher's notes"}


def test_an_error_without_an_explanation_is_still_reported():
    message = str(atomic.cannot_write(Path("dist"), OSError("the device went away")))
    assert message == "cannot write to dist: the device went away; nothing was changed there"


def test_an_over_long_path_is_shown_by_its_start_and_end():
    assert atomic.shown(Path("d" * 100)) == "d" * 100
    long = Path("/home/teacher/" + "x" * 300 + "/deck.apkg")
    text = atomic.shown(long)
    assert len(text) == 100
    assert text == str(long)[:79] + "\u2026" + str(long)[-20:]
    assert atomic.shown(Path("a" * 101)).endswith("\u2026" + "a" * 20)
    assert atomic.shown(long, limit=40) == str(long)[:19] + "\u2026" + str(long)[-20:]


# --- what killed writers leave behind -------------------------------------------------------------

def test_a_killed_build_s_staging_folder_is_removed_by_the_next_build(tmp_path):
    out = tmp_path / "dist"
    before = previous_build(out)

    def stage_and_die():
        stage = Staging(out).__enter__()
        stage.path("deck.apkg").write_bytes(b"half a deck")

    pid = killed_while(stage_and_die)
    [left] = [p for p in out.iterdir() if p.name.startswith(atomic.STAGING_PREFIX)]
    assert left.name.startswith(f"{atomic.STAGING_PREFIX}{pid}-")
    with Staging(out) as stage:
        assert not left.exists()
        stage.path("deck.apkg").write_bytes(b"new deck")
    assert files(out) == {**before, "deck.apkg": b"new deck"}


def test_only_leftovers_of_writers_that_are_gone_are_removed(tmp_path):
    gone, mine = dead_pid(), os.getpid()
    out = tmp_path / "dist"
    out.mkdir()
    kept = [f"{atomic.STAGING_PREFIX}{mine}-abc", f".deck.apkg.{mine}-x1_y.tmp",  # a live writer's
            f"{atomic.STAGING_PREFIX}fresh",  # names no writer, and is recent
            "deck.apkg", "notes.tmp", ".deck.apkg.tmp", atomic.LOCK_NAME, f"deck.apkg.{gone}-abc.tmp",  # not ours
            f".deck.apkg.{gone}-ABC.tmp"]
    removed = [f"{atomic.STAGING_PREFIX}{gone}-abc", f".deck.apkg.{gone}-x1_y.tmp", f".sheets.pdf.{gone}-q.tmp"]
    for name in kept + removed:
        if name.startswith(atomic.STAGING_PREFIX):
            (out / name).mkdir()
            (out / name / "deck.apkg").write_bytes(b"half")
        else:
            (out / name).write_bytes(b"some bytes")
    assert sorted(remove_leftovers(out)) == sorted(out / name for name in removed)
    assert sorted(p.name for p in out.iterdir()) == sorted(kept)


def test_leftovers_that_name_no_writer_are_removed_once_they_are_ten_minutes_old(tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    ages = {f"{atomic.STAGING_PREFIX}old": 700, f"{atomic.STAGING_PREFIX}recent": 500,
            ".deck.apkg.old.tmp": 700}
    for name, age in ages.items():
        if name.startswith(atomic.STAGING_PREFIX):
            (out / name).mkdir()
        else:
            (out / name).write_bytes(b"x")
        os.utime(out / name, (time.time() - age, time.time() - age))
    assert remove_leftovers(out) == [out / f"{atomic.STAGING_PREFIX}old"]  # ".deck.apkg.old.tmp" names no writer
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{atomic.STAGING_PREFIX}recent", ".deck.apkg.old.tmp"])


def test_a_link_named_like_a_leftover_is_removed_without_touching_what_it_points_to(tmp_path):
    mine = tmp_path / "my-notes"
    mine.mkdir()
    (mine / "lesson.txt").write_text("keep me")
    out = tmp_path / "dist"
    out.mkdir()
    link = out / f"{atomic.STAGING_PREFIX}{dead_pid()}-abc"
    link.symlink_to(mine, target_is_directory=True)
    assert remove_leftovers(out) == [link]
    assert list(out.iterdir()) == [] and (mine / "lesson.txt").read_text() == "keep me"


def test_a_folder_that_cannot_be_listed_has_no_leftovers(tmp_path):
    assert remove_leftovers(tmp_path / "missing") == []
    (tmp_path / "file").write_text("x")
    assert remove_leftovers(tmp_path / "file") == []


def test_a_leftover_that_vanished_meanwhile_is_not_stale(tmp_path):
    """Another writer removed it between the listing and the look at its age."""
    assert atomic._is_stale(tmp_path / "gone", None) is False


def test_a_process_is_alive_while_it_runs_and_not_after():
    assert atomic.process_alive(os.getpid())
    # a child that any signal would end (even one its parent ignores, as under nohup)
    waits = ("import signal, sys\nfor s in (signal.SIGHUP, signal.SIGINT, signal.SIGTERM, signal.SIGUSR1):\n"
             "    signal.signal(s, signal.SIG_DFL)\nprint('ready', flush=True)\nsys.stdin.read()")
    child = subprocess.Popen([sys.executable, "-c", waits], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert child.stdout.readline() == b"ready\n"
        assert atomic.process_alive(child.pid)
    finally:
        child.communicate(b"")
    assert child.returncode == 0  # asking did not disturb it (no signal is sent)
    assert not atomic.process_alive(child.pid)


def test_a_process_this_user_may_not_signal_counts_as_alive(monkeypatch):
    """Another user's process (kill says EPERM, which root never hears): unknown is alive."""
    def not_permitted(pid, sig):
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "kill", not_permitted)
    assert atomic.process_alive(dead_pid())


def test_on_windows_no_process_is_guessed_dead(monkeypatch):
    pid = dead_pid()
    monkeypatch.setattr(os, "name", "nt")
    assert atomic.process_alive(pid)


# --- one writer per output folder ---------------------------------------------------------------

def test_the_lock_names_its_holder_and_goes_with_the_folder_it_made(tmp_path):
    out = tmp_path / "dist"
    with OutputLock(out) as lock:
        assert (out / atomic.LOCK_NAME).read_text() == f"{os.getpid()} {HOST}\n"
        umask = os.umask(0)
        os.umask(umask)
        assert stat.S_IMODE((out / atomic.LOCK_NAME).stat().st_mode) == 0o644 & ~umask  # a plain file, never run
        assert atomic.read_lock(lock.path) == (os.getpid(), HOST)
    assert not out.exists()  # the build failed before writing anything: no empty folder left

    out.mkdir()
    with OutputLock(out):
        pass
    assert out.is_dir() and list(out.iterdir()) == []  # a folder that was there stays

    with OutputLock(out / "new"):
        (out / "new" / "deck.apkg").write_bytes(b"deck")
    assert files(out) == {"new/deck.apkg": b"deck"}  # a folder with the build's files stays


def test_a_second_writer_waits_says_so_once_and_then_gives_up_with_the_fix(tmp_path):
    out = tmp_path / "dist"
    said = []
    with OutputLock(out):
        with pytest.raises(UsageError) as caught:
            with OutputLock(out, wait=0.3, say=said.append, poll=0.01):
                pass
        assert atomic.read_lock(out / atomic.LOCK_NAME) == (os.getpid(), HOST)
    assert said == [f"waiting for another build (process {os.getpid()} on {HOST}) to finish writing to {out}"]
    assert str(caught.value) == (
        f"another studykit build (process {os.getpid()} on {HOST}) is writing to {out}; waited 0.3 s. "
        f"Run this build when it has finished, or delete {out / atomic.LOCK_NAME} if no build is running")


def test_a_second_writer_takes_the_folder_when_the_first_is_done(tmp_path):
    """The first writer made the folder and removes it (empty) when it is done: the second makes
    it again and writes."""
    out = tmp_path / "dist"
    first = OutputLock(out).__enter__()
    said = []

    def first_finishes(message):
        said.append(message)
        first.__exit__(None, None, None)

    with OutputLock(out, wait=60, say=first_finishes, poll=0.01) as second:
        assert atomic.read_lock(second.path) == (os.getpid(), HOST)
        (out / "deck.apkg").write_bytes(b"deck")
    assert len(said) == 1 and files(out) == {"deck.apkg": b"deck"}


def test_a_lock_left_by_a_killed_build_on_this_machine_is_taken_over(tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    (out / atomic.LOCK_NAME).write_text(f"{dead_pid()} {HOST}\n")
    with OutputLock(out, wait=0) as lock:
        assert atomic.read_lock(lock.path) == (os.getpid(), HOST)
    assert list(out.iterdir()) == []


def test_a_lock_held_from_another_machine_is_respected(tmp_path):
    """A shared folder: a process id from another host says nothing about processes here."""
    out = tmp_path / "dist"
    out.mkdir()
    (out / atomic.LOCK_NAME).write_text(f"{dead_pid()} another-host\n")
    with pytest.raises(UsageError, match="another-host"):
        with OutputLock(out, wait=0):
            pass
    assert (out / atomic.LOCK_NAME).read_text().endswith(" another-host\n")


@pytest.mark.parametrize("age, taken_over", [(0, False), (9.5, False), (10.5, True), (60, True)])
def test_an_unreadable_lock_is_taken_over_only_once_it_is_old(tmp_path, age, taken_over):
    """A lock file still being written is empty for a moment; one unreadable for 10 s is stale."""
    out = tmp_path / "dist"
    out.mkdir()
    lock_file = out / atomic.LOCK_NAME
    lock_file.write_text("")
    os.utime(lock_file, (time.time() - age, time.time() - age))
    if taken_over:
        with OutputLock(out, wait=0):
            assert atomic.read_lock(lock_file) == (os.getpid(), HOST)
    else:
        with pytest.raises(UsageError) as caught:
            with OutputLock(out, wait=0):
                pass
        assert str(caught.value).startswith(f"another studykit build (unknown process) is writing to {out}")
        assert lock_file.read_text() == ""


def test_a_lock_taken_over_meanwhile_is_not_removed_by_the_old_holder(tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    with OutputLock(out) as lock:
        lock.path.write_text(f"12345 {HOST}\n")  # another build found it stale and took it
    assert (out / atomic.LOCK_NAME).read_text() == f"12345 {HOST}\n"


@pytest.mark.parametrize("text", ["", "12345", "12345 host extra", "x host", "\udcff"])
def test_a_lock_file_that_is_not_a_process_and_host_reads_as_unknown(tmp_path, text):
    path = tmp_path / atomic.LOCK_NAME
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    assert atomic.read_lock(path) is None
    assert atomic.read_lock(tmp_path / "missing") is None


@pytest.mark.parametrize("setting, seconds", [(None, 120.0), ("3", 3.0), ("0.5", 0.5), ("-5", 0.0),
                                              ("soon", 120.0)])
def test_how_long_a_writer_waits_comes_from_the_environment(tmp_path, monkeypatch, setting, seconds):
    if setting is None:
        monkeypatch.delenv(atomic.LOCK_WAIT_ENV, raising=False)
    else:
        monkeypatch.setenv(atomic.LOCK_WAIT_ENV, setting)
    assert OutputLock(tmp_path).wait == seconds
    assert OutputLock(tmp_path, wait=0).wait == 0  # an explicit wait wins, even none at all


def test_writers_in_many_threads_take_turns(tmp_path):
    """Eight writers at once on one folder: each holds the lock alone while it writes."""
    out = tmp_path / "dist"
    out.mkdir()
    inside, overlaps = [], []

    def write(n):
        with OutputLock(out, wait=60, poll=0.005):
            inside.append(n)
            if len(inside) > 1:
                overlaps.append(list(inside))
            with Staging(out) as stage:
                stage.path("deck.apkg").write_text(f"writer {n}")
            inside.remove(n)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps == []
    assert sorted(p.name for p in out.iterdir()) == ["deck.apkg"]


# --- folders made as needed; races with other writers; housekeeping that cannot finish ---------------

@pytest.mark.parametrize("guard", [Staging, OutputLock])
def test_an_output_folder_several_levels_deep_is_made(tmp_path, guard):
    out = tmp_path / "courses" / "history" / "dist"
    with guard(out):
        assert out.is_dir()


def test_leftovers_another_writer_cleared_at_the_same_moment_are_no_error(tmp_path, monkeypatch):
    """Two builds starting together both find a killed build's leftovers; one removes them first."""
    out = tmp_path / "dist"
    out.mkdir()
    gone = dead_pid()
    names = [f".deck.apkg.{gone}-abc.tmp", f".sheet.pdf.{gone}-abc.tmp"]
    for name in names:
        (out / name).write_bytes(b"half")
    real_iterdir = Path.iterdir

    def listed_then_cleared_by_the_other(self):
        entries = list(real_iterdir(self))
        for entry in entries:
            entry.unlink()  # the other build was quicker
        return iter(entries)

    monkeypatch.setattr(Path, "iterdir", listed_then_cleared_by_the_other)
    assert sorted(remove_leftovers(out)) == [out / name for name in names]


def test_a_stale_lock_another_writer_removed_at_the_same_moment_is_no_error(tmp_path, monkeypatch):
    out = tmp_path / "dist"
    out.mkdir()
    lock_file = out / atomic.LOCK_NAME
    lock_file.write_text(f"{dead_pid()} {HOST}\n")
    real_read_lock = atomic.read_lock

    def read_then_the_other_writer_removes_it(path):
        owner = real_read_lock(path)
        path.unlink(missing_ok=True)  # the other waiting build found it stale too, and was quicker
        return owner

    monkeypatch.setattr(atomic, "read_lock", read_then_the_other_writer_removes_it)
    with OutputLock(out, wait=0):
        monkeypatch.setattr(atomic, "read_lock", real_read_lock)
        assert real_read_lock(lock_file) == (os.getpid(), HOST)


@contextmanager
def undeletable(name: str, monkeypatch):
    """Files called ``name`` cannot be removed (held open elsewhere, no permission)."""
    real_unlink = os.unlink

    def unlink(path, *, dir_fd=None):
        if os.path.basename(path) == name:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_unlink(path, dir_fd=dir_fd)

    monkeypatch.setattr(os, "unlink", unlink)
    yield
    monkeypatch.setattr(os, "unlink", real_unlink)


def test_a_leftover_folder_that_cannot_be_removed_does_not_stop_the_next_build(tmp_path, monkeypatch):
    out = tmp_path / "dist"
    before = previous_build(out)
    left = out / f"{atomic.STAGING_PREFIX}{dead_pid()}-abc"
    left.mkdir()
    (left / "held.pdf").write_bytes(b"half")
    with undeletable("held.pdf", monkeypatch):
        with Staging(out) as stage:
            stage.path("deck.apkg").write_bytes(b"new deck")
    assert files(out) == {**before, "deck.apkg": b"new deck", f"{left.name}/held.pdf": b"half"}


def test_a_published_build_stays_published_when_its_staging_folder_cannot_be_cleared(tmp_path, monkeypatch):
    out = tmp_path / "dist"
    before = previous_build(out)
    with undeletable("deck.apkg", monkeypatch):  # the previous deck kept for a roll-back, held
        with Staging(out) as stage:
            stage.path("deck.apkg").write_bytes(b"new deck")
    [left] = [p.name for p in out.iterdir() if p.name.startswith(atomic.STAGING_PREFIX)]
    assert files(out) == {**before, "deck.apkg": b"new deck", f"{left}/.previous/deck.apkg": b"old deck"}
