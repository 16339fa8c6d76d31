"""The user's cache folder: what a run keeps for the next one, never inside the project.

``$STUDYKIT_CACHE``, else ``$XDG_CACHE_HOME/studykit``, else ``~/.cache/studykit``;
``STUDYKIT_CACHE=`` (empty) turns every cache off.  Each cache has a subfolder
(compiled snippets, loaded files); a folder that cannot be written is ignored.

Some entries are run: compiled snippets are Python code, and the regex engine
takes its code as kept.  So an entry is only as trustworthy as the folder it is
in, and a folder is used only when no one but the user (or the system) could
have put a file there: the cache folder must be the user's (or root's) and not
writable by others (its group may write when that group is the user's alone), unless
it is sticky like /tmp (then only the subfolders, which must be the user's and not
writable by others, hold entries).  A folder that
fails this is not used at all (nothing is read or written there) and a run says
so once.  studykit creates its folders readable by the user alone.

Every entry is sealed: its name and a checksum of its bytes come first, so a
truncated, damaged or swapped file (another entry's bytes under this name) is
never taken for the entry, whatever its bytes happen to parse as.
"""

from __future__ import annotations

import io
import os
import pickle
import stat
import sys
import zlib
from pathlib import Path
from typing import Any, Callable

_SEAL = b"SKC1"  # then the checksum of the entry's name and bytes (4 bytes), then the bytes
_HEAD = len(_SEAL) + 4
_trusted: dict[str, bool] = {}  # folder -> whether it may hold entries, found once per process
_warned: set[str] = set()
_groups: dict[int, bool] = {}  # gid -> whether it is the user's private group
_roots: dict[tuple, str | None] = {}  # the cache folder's text, per setting of the variables naming it
_swept: set[str] = set()  # folders whose leftovers of killed runs this run removed


def folder(name: str) -> Path | None:
    """The subfolder ``name`` of the cache, or None when caching is turned off."""
    return None if (root := _root()) is None else root / name


def _root() -> Path | None:
    chosen = os.environ.get("STUDYKIT_CACHE")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "studykit"


def read(path: Path) -> bytes | None:
    """The bytes kept at ``path``; None when there is no entry, or it is damaged, not this entry,
    or in a folder others could have written."""
    where = os.fspath(path)
    folder, _, name = where.rpartition(os.sep)
    if not (_trusted.get(folder) or trusted(folder)):
        return None
    try:
        with open(where, "rb") as file:
            data = file.read()
    except (OSError, ValueError):
        return None
    return unsealed(name, data)


def write_atomically(path: Path, data: bytes) -> None:
    """Keep ``data`` at ``path``, whole or not at all (a concurrent run never reads half a file);
    a folder that cannot be written, or that others could write, is ignored.  Folders are looked
    at (and made when missing) once per run: a first run writes hundreds of entries."""
    target = os.fspath(path)
    folder, _, name = target.rpartition(os.sep)
    if not (_trusted.get(folder) or _made(folder)):
        return
    if folder not in _swept:
        _sweep(folder)
    temp = f"{target}.{os.getpid()}.tmp"
    try:
        with open(temp, "wb") as out:
            out.write(sealed(name, data))
        os.replace(temp, target)
    except (OSError, ValueError):
        try:
            os.unlink(temp)
        except OSError:
            pass


def _sweep(folder: str) -> None:
    """Remove what runs killed while writing here left (``<entry>.<pid>.tmp`` of a process that is
    gone): never read, but they would pile up.  Once per folder per run that writes into it, so
    only runs that fill the cache pay for the listing."""
    _swept.add(folder)
    try:
        with os.scandir(folder) as entries:
            temps = [entry.name for entry in entries if entry.name.endswith(".tmp")]
    except OSError:
        return
    if not temps:
        return
    from .atomic import process_alive

    for name in temps:
        pid = name[:-4].rpartition(".")[2]
        if pid.isdigit() and not process_alive(int(pid)):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass  # gone meanwhile, or not ours to remove: harmless either way


def has_marker(path: Path) -> bool:
    """Whether an empty marker (see :func:`put_marker`) is at ``path``."""
    return trusted(path.parent) and path.is_file()


def put_marker(path: Path) -> None:
    """Leave a file at ``path`` saying something about its name (e.g. 'this snippet parses')."""
    write_atomically(path, b"")


def sealed(name: str, data: bytes) -> bytes:
    """``data`` as the entry ``name`` holds it: after a checksum of both."""
    return _SEAL + _checksum(name, data).to_bytes(4, "big") + data


def unsealed(name: str, data: bytes) -> bytes | None:
    """The bytes of entry ``name`` from what its file holds, or None if it is not that, whole."""
    if not data.startswith(_SEAL) or len(data) < _HEAD:
        return None
    body = data[_HEAD:]
    return body if _checksum(name, body) == int.from_bytes(data[len(_SEAL):_HEAD], "big") else None


def _checksum(name: str, data: bytes) -> int:
    return zlib.crc32(data, zlib.crc32(name.encode("utf-8", "surrogatepass")))


def trusted(path: Path | str) -> bool:
    """Whether ``path`` (a folder inside the cache) may hold entries: it and every folder from the
    cache folder down to it is the user's (or root's) and writable by no one else."""
    key = os.fspath(path)
    known = _trusted.get(key)
    if known is None:
        root, parent = _root_text(), os.path.dirname(key)
        if root is None or not key.startswith(root + os.sep):
            known = False
        elif parent == root:
            known = _safe(root, top=True) and _safe(key)
        else:
            known = trusted(parent) and _safe(key)
        _trusted[key] = known
    return known


def _root_text() -> str | None:
    """The cache folder as the text every folder below it starts with (checked once per folder,
    so string work, not pathlib's; found once per setting)."""
    setting = (os.environ.get("STUDYKIT_CACHE"), os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME"))
    if setting not in _roots:
        root = _root()
        _roots[setting] = None if root is None else str(root)
    return _roots[setting]


def _safe(path: Path | str, top: bool = False) -> bool:
    try:
        info = os.stat(path)
    except OSError:
        return False  # missing (made when something is kept) or unreachable: nothing to read
    if not stat.S_ISDIR(info.st_mode):
        _warn(f"studykit: the cache folder {path} is not a folder, so nothing is cached "
              "(point STUDYKIT_CACHE at a folder, or set STUDYKIT_CACHE= to turn caching off)")
        return False
    if hasattr(os, "geteuid") and info.st_uid not in (os.geteuid(), 0):
        _warn(f"studykit: the cache folder {path} belongs to someone else, so nothing is cached "
              "(point STUDYKIT_CACHE at a folder of your own)")
        return False
    writers = info.st_mode & (0o002 if _private_group(info.st_gid) else 0o022)
    if writers and not (top and info.st_mode & stat.S_ISVTX):
        _warn(f"studykit: others can write into the cache folder {path} (a planted entry could run "
              f"code), so nothing is cached; 'chmod go-w {path}' makes it usable")
        return False
    return True


def _private_group(gid: int) -> bool:
    """Whether ``gid`` is the user's own group with no other member (a user-private group, where
    a umask of 002 makes every new folder group-writable harmlessly)."""
    if gid not in _groups:
        try:
            import grp

            _groups[gid] = gid == os.getegid() and not grp.getgrgid(gid).gr_mem
        except (ImportError, KeyError, AttributeError):
            _groups[gid] = False
    return _groups[gid]


def _made(path: Path | str) -> bool:
    """Create the missing cache folders down to ``path``, readable by the user alone (as the XDG
    rules ask), and say whether entries may be written there."""
    key = os.fspath(path)
    if _trusted.get(key):
        return True
    root = _root_text()
    if root is None or not key.startswith(root + os.sep):
        return False
    missing, folder = [], key
    while folder and not os.path.isdir(folder):
        missing.append(folder)
        up = os.path.dirname(folder)
        folder = up if up != folder else ""
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass  # made meanwhile by another run: looked at below like any other
        except OSError:
            return False
        _trusted.pop(folder, None)  # not trusted while missing: look again
    return trusted(key)


def _warn(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        print(message, file=sys.stderr)


def pickled(value: Any, own: Any = None) -> bytes | None:
    """``value`` as bytes for an entry, with ``own`` (an object of this process the value points
    at, such as a Jinja environment) left out to be given back on reading; None if it cannot be."""
    out = io.BytesIO()
    try:
        if own is None:  # no hook: four times faster (a Python hook is called for every object)
            return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        _Pickler(out, own).dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None
    return out.getvalue()


def unpickled(data: bytes, allowed: Callable[[str, str], bool], own: Any = None) -> Any:
    """An entry read back naming only classes ``allowed(module, name)`` says yes to: one naming
    anything else (damage, or a planted file) raises, and nothing of it is called."""
    return _Unpickler(io.BytesIO(data), allowed, own).load()


class _Pickler(pickle.Pickler):
    def __init__(self, file, own: Any):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.own = own

    def persistent_id(self, obj):
        return "own" if self.own is not None and obj is self.own else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, allowed: Callable[[str, str], bool], own: Any):
        super().__init__(file)
        self.allowed, self.own = allowed, own

    def persistent_load(self, pid):
        if pid != "own" or self.own is None:
            raise pickle.UnpicklingError("an entry points at an object this run has not")
        return self.own

    def find_class(self, module: str, name: str):
        if self.allowed(module, name):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in this entry")
