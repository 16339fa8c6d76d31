"""Atomic output: a build either replaces its outputs completely or not at all.

Writers put every file into a :class:`Staging` folder inside the output
folder; only when all of them succeeded are the files moved into place, each
with an atomic ``os.replace``.  On any error the staging folder is removed and
the previous outputs stay untouched; if moving files into place fails half-way
the files already moved are put back (and the message names any that could
not be).  Staging folders and temporary files carry their writer's process id,
so the next writer removes those left by a killed process.  :class:`OutputLock`
keeps two builds from writing into the same folder at once.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Callable

from .errors import UsageError

STAGING_PREFIX = ".studykit-staging-"
LOCK_NAME = ".studykit.lock"
LOCK_WAIT_ENV = "STUDYKIT_LOCK_WAIT"  # seconds a build waits for another one (default below)
LOCK_WAIT_SECONDS = 120.0
UNOWNED_STALE_SECONDS = 600  # leftovers that name no process are stale after this long
_STAGING_OWNER = re.compile(re.escape(STAGING_PREFIX) + r"(\d+)-")
_TEMP_OWNER = re.compile(r"^\..+\.(\d+)-[a-z0-9_]+\.tmp$")


class CannotWrite(UsageError):
    """The output folder cannot take the files (read-only, a file, a name too long, disk full)."""


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write one file so readers never see it half-written."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def shown(path: Path, limit: int = 100) -> str:
    """A path short enough for a message (an over-long name is the error being reported)."""
    text = str(path)
    return text if len(text) <= limit else text[: limit - 21] + "…" + text[-20:]


def cannot_write(folder: Path, err: OSError, replaced: list[Path] | None = None) -> CannotWrite:
    """The message for a failed write: why, and exactly which files changed (usually none)."""
    reason = err.strerror or str(err)
    if Path(folder).is_symlink() and not Path(folder).exists():  # mkdir says only 'File exists'
        reason = f"it is a link to {shown(Path(os.readlink(folder)))}, which does not exist"
    blocker = _in_the_way(Path(folder), err)
    if blocker is not None:
        what, wanted = ("a folder", "a file") if blocker.is_dir() else ("a file", "a folder")
        reason = (f"{blocker.relative_to(folder)} is {what} where studykit writes {wanted} ({reason}); "
                  "move it away, or build into another folder with --out")
    if not replaced:
        return CannotWrite(f"cannot write to {shown(folder)}: {reason}; nothing was changed there")
    names = ", ".join(str(p.relative_to(folder)) for p in replaced)
    return CannotWrite(f"cannot write to {shown(folder)}: {reason}; only these files were replaced "
                       f"by the new version: {names}; every other file there is unchanged")


def _in_the_way(folder: Path, err: OSError) -> Path | None:
    """The file or folder inside ``folder`` whose kind made ``err`` (a folder named like an output,
    a file named like a cache folder), or None when the error is of another sort."""
    import errno

    if err.errno not in (errno.EISDIR, errno.ENOTDIR, errno.EEXIST):
        return None
    for name in (err.filename2, err.filename):
        if not name:
            continue
        path = Path(os.fsdecode(name))
        for candidate in (path, *path.parents):
            if candidate == folder or folder not in candidate.parents:
                break
            if err.errno == errno.EISDIR and candidate.is_dir() or err.errno != errno.EISDIR and candidate.is_file():
                return candidate
    return None


class Staging:
    """Collect a build's files, then publish them together.

    Use as a context manager::

        with Staging(out_dir) as stage:
            stage.path("deck.apkg").write_bytes(...)
        # published here; on an exception nothing is published

    An OSError while staging or publishing becomes :class:`CannotWrite`.
    """

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.dir: Path | None = None
        self.names: dict[str, None] = {}  # in the order staged, each once
        self.made_out_dir = False  # the output folder was made here: removed again if nothing lands

    def __enter__(self) -> "Staging":
        try:
            if self.out_dir.exists() and not self.out_dir.is_dir():
                raise CannotWrite(f"{shown(self.out_dir)} is a file, not a folder; "
                                  "pass --out with a folder")
            self.made_out_dir = not self.out_dir.exists()
            self.out_dir.mkdir(parents=True, exist_ok=True)
            remove_leftovers(self.out_dir)
            import tempfile

            self.dir = Path(tempfile.mkdtemp(dir=self.out_dir, prefix=f"{STAGING_PREFIX}{os.getpid()}-"))
        except OSError as err:
            raise cannot_write(self.out_dir, err) from None
        return self

    def path(self, relative: str) -> Path:
        """Where to write ``relative`` (a path inside the output folder) for now."""
        assert self.dir is not None, "use Staging as a context manager"
        target = self.dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        self.names[relative] = None
        return target

    def publish(self) -> list[Path]:
        """Move every staged file into the output folder (one os.replace each), or none of them."""
        done: list[tuple[Path, Path | None]] = []  # (published file, the previous version kept)
        try:
            for relative in self.names:
                staged = self.dir / relative
                if not staged.exists():
                    continue
                final = self.out_dir / relative
                final.parent.mkdir(parents=True, exist_ok=True)
                previous = self._keep_previous(final, relative)
                os.replace(staged, final)
                done.append((final, previous))
        except OSError as err:
            raise cannot_write(self.out_dir, err, self._roll_back(done)) from None
        return [final for final, _ in done]

    def _keep_previous(self, final: Path, relative: str) -> Path | None:
        """A hard link (or copy) of the file about to be replaced, to put back on failure."""
        if not final.is_file():
            return None
        kept = self.dir / ".previous" / relative
        kept.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(final, kept)
        except OSError:
            import shutil

            shutil.copy2(final, kept)
        return kept

    @staticmethod
    def _roll_back(done: list[tuple[Path, Path | None]]) -> list[Path]:
        """Put the previous versions back; return the files that still hold the new version."""
        stuck = []
        for final, previous in reversed(done):
            try:
                if previous is not None:
                    os.replace(previous, final)
                else:
                    final.unlink()
            except OSError:
                stuck.append(final)
        return sorted(stuck)

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.publish()
            elif isinstance(exc, OSError):
                raise cannot_write(self.out_dir, exc) from None
        finally:
            import shutil

            if self.dir is not None:
                shutil.rmtree(self.dir, ignore_errors=True)
            if self.made_out_dir and exc_type is not None:
                try:
                    self.out_dir.rmdir()  # "nothing was changed there": not even a new empty folder
                except OSError:
                    pass  # not empty (another writer's files) or already gone


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove staging folders and temporary files that killed writers left in ``folder``."""
    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed  # housekeeping only: the write that follows reports a real fault
    for path in entries:
        if not _is_leftover(path.name) or not _is_stale(path, _owner_pid(path.name)):
            continue
        if path.is_dir() and not path.is_symlink():
            import shutil

            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _is_leftover(name: str) -> bool:
    return name.startswith(STAGING_PREFIX) or bool(_TEMP_OWNER.match(name))


def _owner_pid(name: str) -> int | None:
    found = _STAGING_OWNER.match(name) or _TEMP_OWNER.match(name)
    return int(found.group(1)) if found else None


def _is_stale(path: Path, pid: int | None, unowned_after: float = UNOWNED_STALE_SECONDS) -> bool:
    if pid is None:  # written before names carried a process id, or still being written
        try:
            return time.time() - path.lstat().st_mtime > unowned_after
        except OSError:
            return False
    return not process_alive(pid)


def _hostname() -> str:
    """This machine's name, for the lock file: the kernel's node name where there is one (what
    socket.gethostname() answers on POSIX, without importing socket: 3 ms of every writing build)."""
    uname = getattr(os, "uname", None)
    if uname is not None:
        return uname().nodename
    import socket  # Windows: no os.uname

    return socket.gethostname()


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (unknown counts as alive)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # os.kill would end the process on Windows: never guess there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


class OutputLock:
    """One writer per output folder: a second build waits (bounded), then refuses with a message.

    The lock is a file created with O_EXCL holding the owner's pid and host; a
    lock whose process is gone (killed build) is stale and taken over.
    """

    def __init__(self, folder: Path, wait: float | None = None, say: Callable[[str], None] | None = None,
                 poll: float = 0.2):
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self.wait = wait if wait is not None else _wait_from_env()
        self.say = say or (lambda message: None)
        self.poll = poll
        self.created_folder = False

    def __enter__(self) -> "OutputLock":
        try:
            if self.folder.exists() and not self.folder.is_dir():
                raise CannotWrite(f"{shown(self.folder)} is a file, not a folder; pass --out with a folder")
            self.created_folder = not self.folder.exists()
            self.folder.mkdir(parents=True, exist_ok=True)
            self._acquire()
        except OSError as err:
            raise cannot_write(self.folder, err) from None
        return self

    def _acquire(self) -> None:
        deadline = time.monotonic() + self.wait
        told = False
        while True:
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileNotFoundError:  # the previous holder removed the folder it had created
                self.folder.mkdir(parents=True, exist_ok=True)
                continue
            except FileExistsError:
                owner = read_lock(self.path)
                if lock_is_stale(self.path, owner):
                    self.path.unlink(missing_ok=True)
                    continue
                if time.monotonic() >= deadline:
                    raise UsageError(
                        f"another studykit build ({_owner_text(owner)}) is writing to {shown(self.folder)}; "
                        f"waited {self.wait:g} s. Run this build when it has finished, or delete "
                        f"{shown(self.path)} if no build is running") from None
                if not told:
                    self.say(f"waiting for another build ({_owner_text(owner)}) to finish writing "
                             f"to {shown(self.folder)}")
                    told = True
                time.sleep(self.poll)
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()} {_hostname()}\n")
            return

    def __exit__(self, *exc) -> None:
        if read_lock(self.path) == (os.getpid(), _hostname()):
            self.path.unlink(missing_ok=True)
        if self.created_folder:
            try:
                self.folder.rmdir()  # only if the build left it empty (it failed)
            except OSError:
                pass


def read_lock(path: Path) -> tuple[int, str] | None:
    """(pid, host) from a lock file; None when it is unreadable or still being written."""
    try:
        pid, host = path.read_text(encoding="utf-8").split()
        return int(pid), host
    except (OSError, ValueError):
        return None


def lock_is_stale(path: Path, owner: tuple[int, str] | None) -> bool:
    if owner is None:
        return _is_stale(path, None, unowned_after=10)
    pid, host = owner
    return host == _hostname() and not process_alive(pid)


def _owner_text(owner: tuple[int, str] | None) -> str:
    return f"process {owner[0]} on {owner[1]}" if owner else "unknown process"


def _wait_from_env() -> float:
    try:
        return max(0.0, float(os.environ.get(LOCK_WAIT_ENV, LOCK_WAIT_SECONDS)))
    except ValueError:
        return LOCK_WAIT_SECONDS
