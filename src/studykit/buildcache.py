"""Skip a build whose inputs, options and outputs are exactly as the last build left them.

The record ``<out>/.studykit-build.json`` holds a fingerprint of everything a
build reads (every file's bytes under the project's input folders, studykit's
own code, the versions of the libraries that shape the outputs, the build
options) and the sha256 of every file that build published, with its report.
A build whose fingerprint matches, and whose recorded outputs all exist with
those hashes, renders nothing and reports nothing changed.

Safe under killed and concurrent builds: the record is written (atomically)
only after the outputs it describes were published, and it lists the hashes
of the bytes this build staged, never of whatever is in the folder; so an
output that is missing, half-written or replaced by another build never
matches and the next build does the work.

The record also keeps a stamp of the input files' names, sizes and times,
never trusted as proof of anything: a build whose inputs' stamp differs from
it most likely has work to do, so it starts its PDF helper before hashing.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

RECORD_NAME = ".studykit-build.json"
RECORD_FORMAT = 1
INPUT_FOLDERS = ("seeds", "question_templates", "decks", "layouts")
# Libraries whose version changes the bytes of an output (text2num reads the numbers in words that
# a fact's check accepts, so it decides which facts a project keeps: see load/factcache.py).
OUTPUT_LIBRARIES = ("genanki", "jinja2", "weasyprint", "pydyf", "pyyaml", "text2num")


def fingerprint(root: Path, options: dict) -> str:
    """A hash of every input of a build of ``root`` with ``options``."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    root = Path(root)
    for folder in INPUT_FOLDERS:
        for path in _files(root / folder):
            digest.update(f"\0{path.relative_to(root).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _files(folder: Path) -> list[Path]:
    found = []
    for base, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        # Regular files only: a pipe would block the build, a link to /dev/zero never ends.
        found.extend(Path(base) / n for n in sorted(names)
                     if not n.startswith(".") and os.path.isfile(os.path.join(base, n)))
    return found


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """studykit's own files and the versions of the libraries behind its outputs."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(sys.version.encode())
    for path in _files(package):
        digest.update(f"\0{path.relative_to(package).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    digest.update(" ".join(_library_versions()).encode())
    return digest.hexdigest()


def library_version(name: str) -> str | None:
    """The version of one of OUTPUT_LIBRARIES installed first on sys.path, as its dist-info names it.

    What ``importlib.metadata.version`` answers, without importing it (40 ms);
    None when no dist-info folder names it.
    """
    wanted = name.replace("-", "_").lower()
    for folder in _library_versions():
        project, _, version = folder[:-len(".dist-info")].partition("-")
        if project.lower() == wanted:
            return version
    return None


@lru_cache(maxsize=1)
def _library_versions() -> tuple[str, ...]:
    """dist-info folder names of OUTPUT_LIBRARIES (cheaper than importlib.metadata)."""
    wanted = {name.replace("-", "_").lower() for name in OUTPUT_LIBRARIES}
    found = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found += sorted(n for n in names if n.endswith(".dist-info")
                        and n.split("-")[0].lower() in wanted)
    return tuple(found)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def staged_hashes(stage) -> dict[str, str]:
    """sha256 of every file a Staging holds, taken before it is published."""
    return {name: sha256_file(stage.dir / name) for name in stage.names if (stage.dir / name).is_file()}


def read_record(out: Path, key: str) -> dict | None:
    """The last build's report when its fingerprint is ``key`` and its outputs are intact."""
    try:
        record = json.loads((Path(out) / RECORD_NAME).read_bytes())
        if record.get("format") != RECORD_FORMAT or record.get("key") != key:
            return None
        outputs = record["outputs"]
        if not outputs or not all(sha256_file(Path(out) / name) == digest for name, digest in outputs.items()):
            return None
        return record["report"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None  # no record, or an unusable one: do the work


def input_stamp(root: Path) -> str:
    """A hash of the input files' names, sizes and modification times: a cheap hint, never proof.

    Equal to the last build's, the inputs are most likely unchanged (the fingerprint
    decides); different, a build most likely has work to do (see printhint.early_helper).
    """
    digest = hashlib.sha256()
    root = Path(root)
    for folder in INPUT_FOLDERS:
        for path in _files(root / folder):
            try:
                stat = path.stat()
            except OSError:
                continue
            digest.update(f"{path.relative_to(root).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def recorded_stamp(out: Path) -> str | None:
    """The input stamp the last build in ``out`` recorded (None without a usable record)."""
    try:
        record = json.loads((Path(out) / RECORD_NAME).read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    stamp = record.get("stamp") if isinstance(record, dict) else None
    return stamp if isinstance(stamp, str) else None


def restamp(out: Path, stamp: str) -> None:
    """Record this stamp for the inputs the record's fingerprint still matches (files touched, not changed).

    Only the hint changes; if another build replaced the record meanwhile, the one
    written here may no longer match the outputs, which only means the next build
    does the work again.
    """
    try:
        record = json.loads((Path(out) / RECORD_NAME).read_bytes())
    except (OSError, ValueError, RecursionError):
        return
    if isinstance(record, dict) and record.get("stamp") != stamp:
        write_record(out, record.get("key"), stamp, record.get("outputs"), record.get("report"))


def has_record(out: Path) -> bool:
    """Whether ``out`` holds a build record at all (usable or not)."""
    return (Path(out) / RECORD_NAME).is_file()


def write_record(out: Path, key: str, stamp: str | None, outputs: dict[str, str], report: dict) -> None:
    """Call only after the outputs were published.

    The record is only a cache: when it cannot be written (a full disk) the build still
    succeeded, and saying otherwise would hide the files it replaced; the next build does
    the work again.
    """
    from .atomic import write_text_atomic

    record = {"format": RECORD_FORMAT, "key": key, "stamp": stamp, "outputs": outputs, "report": report}
    try:
        write_text_atomic(Path(out) / RECORD_NAME, json.dumps(record, separators=(",", ":")))
    except OSError:
        pass


def forget(out: Path) -> None:
    """Drop the record before publishing new outputs (a crash then cannot pair old and new)."""
    try:
        (Path(out) / RECORD_NAME).unlink()
    except FileNotFoundError:
        pass
