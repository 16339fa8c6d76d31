"""The user's cache folder under attack: a damaged, swapped, planted or raced entry never changes an
output, never raises, and code is never run from a folder someone else could write.

Every case runs real ``studykit`` processes on a copy of the Gettysburg example and compares
the outputs with those of a run with the cache turned off (``STUDYKIT_CACHE=``): the deck,
its manifest and the worksheets' HTML and PDF, byte for byte.  The build record is removed
before each compared build, so the build does its work in full (and keeps the reference's
timestamp, its inputs being the same).
"""

from __future__ import annotations

import marshal
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studykit import usercache
from studykit.buildcache import RECORD_NAME

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "gettysburg-address"
CACHES = ("yaml", "snippets", "regex", "inflect", "facts")


def studykit(project: Path, cache: Path | str, *args: str, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, STUDYKIT_CACHE=str(cache))
    return subprocess.run([sys.executable, "-m", "studykit", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600, **kw)


def build(project: Path, cache: Path | str, out: Path) -> subprocess.CompletedProcess:
    (out / RECORD_NAME).unlink(missing_ok=True)  # the work done in full, not skipped by the record
    return studykit(project, cache, "build", "--only", "anki", "--only", "worksheet", "--out", str(out))


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The example and its outputs built with every cache turned off."""
    root = tmp_path_factory.mktemp("reference")
    project = Path(shutil.copytree(EXAMPLE, root / "project", symlinks=False))
    # A prompt only Jinja renders (a loop in a loop), so the snippet cache holds compiled code
    # whatever the plain evaluation (questions/plain.py) comes to take over.
    (project / "question_templates" / "nested-loop.yaml").write_text(
        "style: short_answer\ntargets: [anki]\nnote_type: studykit-basic\n"
        "prompt: \"{% for a in [1] %}{% for b in [2] %}{% endfor %}{% endfor %}Say it again: {{ fact.statement }}\"\n"
        "answer: \"{{ fact.answer }}\"\nfields:\n  Front: \"{{ q.prompt }}\"\n  Back: \"{{ q.answer }}\"\n",
        encoding="utf-8")
    done = build(project, "", root / "dist")
    assert done.returncode == 0, done.stderr
    return project, root / "dist"


def same_as_reference(reference, cache: Path | str, tmp_path: Path, name: str = "dist"):
    """Build with ``cache`` into a copy of the reference outputs; the outputs must not change."""
    project, expected = reference
    out = Path(shutil.copytree(expected, tmp_path / name))
    done = build(project, cache, out)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert outputs(out) == outputs(expected)
    return done


def filled_cache(reference, tmp_path: Path) -> Path:
    cache = tmp_path / "cache"
    same_as_reference(reference, cache, tmp_path, "first")
    assert all((cache / name).is_dir() for name in CACHES)
    return cache


def entries(cache: Path, *names: str) -> list[Path]:
    return sorted(p for name in names or CACHES for p in (cache / name).rglob("*") if p.is_file() and p.stat().st_size)


def _cut(path: Path, others: dict[Path, bytes]) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _flip(path: Path, others: dict[Path, bytes]) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) * 2 // 3] ^= 0x04  # one bit, past the seal: a pickle or marshal that often still loads
    path.write_bytes(bytes(data))


def _swap(path: Path, others: dict[Path, bytes]) -> None:
    """Another entry's bytes, whole: an entry of the right shape under the wrong name."""
    donor = next((p for p in others if p.parent.parent == path.parent.parent and p != path), None)
    if donor is not None:  # a cache of one file (regex, inflect) has no other entry to take
        path.write_bytes(others[donor])


@pytest.mark.parametrize("damage", [_cut, _flip, _swap], ids=["cut", "one-bit", "swapped"])
def test_a_damaged_or_swapped_entry_gives_the_outputs_of_no_cache(reference, tmp_path, damage):
    cache = filled_cache(reference, tmp_path)
    originals = {p: p.read_bytes() for p in entries(cache)}
    for path in originals:
        damage(path, originals)
    same_as_reference(reference, cache, tmp_path)
    same_as_reference(reference, cache, tmp_path, "again")  # and the entries written again are sound


def planted(cache: Path, marker: Path) -> int:
    """Replace every compiled snippet by whole, sealed code that leaves ``marker``: what someone
    who could write into the folder could plant."""
    code = marshal.dumps(compile(f"open({str(marker)!r}, 'w').close()", "<planted>", "exec"))
    count = 0
    for path in entries(cache, "snippets"):
        data = usercache.unsealed(path.name, path.read_bytes())
        try:
            is_code = data is not None and type(marshal.loads(data)).__name__ == "code"
        except (EOFError, ValueError, TypeError):
            is_code = False
        if is_code:
            path.write_bytes(usercache.sealed(path.name, code))
            count += 1
    return count


def test_code_in_the_users_own_folder_is_run_which_is_why_others_must_not_write_there(reference, tmp_path):
    """The judgement behind the trust rule: a compiled snippet is run as it is read, so an entry is
    trusted exactly as much as the folder.  In the user's own folder the planted code runs."""
    cache = filled_cache(reference, tmp_path)
    marker = tmp_path / "planted-code-ran"
    assert planted(cache, marker) >= 1
    studykit(reference[0], cache, "check")
    assert marker.exists()


@pytest.mark.parametrize("opening", ["others may write", "another group may write", "another owner"])
def test_a_cache_folder_others_could_write_is_never_used(reference, tmp_path, opening):
    cache = filled_cache(reference, tmp_path)
    marker = tmp_path / "planted-code-ran"
    assert planted(cache, marker) >= 1
    folder = cache / "snippets"
    if opening == "another owner":
        os.chown(folder, 4242, 4242)
    elif opening == "another group may write":
        os.chown(folder, -1, 4242)
        folder.chmod(folder.stat().st_mode | stat.S_IWGRP)
    else:
        folder.chmod(folder.stat().st_mode | stat.S_IWOTH)
    before = sorted(str(p) for p in cache.rglob("*"))
    done = same_as_reference(reference, cache, tmp_path)
    assert not marker.exists()
    assert done.stderr.count(f"the cache folder {folder}") == 1, done.stderr  # said once, with the way out
    assert ("chmod go-w" in done.stderr) != (opening == "another owner")
    assert sorted(str(p) for p in cache.rglob("*")) == before  # nothing written there either


def test_a_folder_only_the_users_private_group_may_write_is_used(reference, tmp_path):
    """A umask of 002 with a group of one's own (user-private groups) makes every folder group-writable:
    harmless, so the cache is used (when the user's group has other members, it is not)."""
    import grp

    if grp.getgrgid(os.getegid()).gr_mem:
        pytest.skip("the user's group has other members here")
    cache = filled_cache(reference, tmp_path)
    for folder in [cache, *(p for p in cache.rglob("*") if p.is_dir())]:
        os.chown(folder, -1, os.getegid())
        folder.chmod(0o770)
    marker = tmp_path / "planted-code-ran"
    planted(cache, marker)
    done = studykit(reference[0], cache, "check")
    assert marker.exists() and "cache folder" not in done.stderr  # read: the folder is the user's alone


def test_a_sticky_shared_cache_folder_holds_the_users_own_subfolders(reference, tmp_path):
    """STUDYKIT_CACHE=/tmp-like folder (anyone may add, no one may replace another's): the subfolders
    studykit makes there are the user's alone, so they are used."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    same_as_reference(reference, shared, tmp_path, "first")
    assert all(stat.S_IMODE((shared / name).stat().st_mode) == 0o700 for name in CACHES)
    done = same_as_reference(reference, shared, tmp_path)
    assert "cache folder" not in done.stderr


def test_a_cache_setting_naming_a_file_warns_and_leaves_it_alone(reference, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("the teacher's notes")
    done = same_as_reference(reference, blocker, tmp_path)
    assert blocker.read_text() == "the teacher's notes"
    assert f"the cache folder {blocker} is not a folder" in done.stderr and "STUDYKIT_CACHE=" in done.stderr


def test_a_cache_setting_naming_a_deep_new_folder_makes_it_for_the_user_alone(reference, tmp_path):
    deep = tmp_path / "a" / "b" / "c" / "cache"
    same_as_reference(reference, deep, tmp_path, "first")
    made = [deep.parent.parent, deep.parent, deep, deep / "snippets", *(deep / "snippets").iterdir()]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o700 for p in made)
    assert entries(deep)
    done = same_as_reference(reference, deep, tmp_path)
    assert done.stderr.strip() == "" or "cache folder" not in done.stderr


def test_builds_and_checks_sharing_one_empty_cache_at_once_all_give_the_outputs_of_no_cache(reference, tmp_path):
    project, expected = reference
    cache = tmp_path / "cache"
    outs = [Path(shutil.copytree(expected, tmp_path / f"dist{n}")) for n in range(3)]
    env = dict(os.environ, STUDYKIT_CACHE=str(cache))
    running = []
    for out in outs:
        (out / RECORD_NAME).unlink()
        running.append(subprocess.Popen(
            [sys.executable, "-m", "studykit", "build", "--only", "anki", "--only", "worksheet", "--out", str(out)],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        running.append(subprocess.Popen([sys.executable, "-m", "studykit", "check"], cwd=project, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for process in running:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0 and "Traceback" not in err, err
    for out in outs:
        assert outputs(out) == outputs(expected)
    same_as_reference(reference, cache, tmp_path)  # and what they left is sound


@pytest.mark.parametrize("after", [0.4, 0.9, 1.6])
def test_a_build_killed_while_filling_the_cache_leaves_nothing_that_changes_the_next(reference, tmp_path, after):
    project, expected = reference
    cache = tmp_path / "cache"
    out = Path(shutil.copytree(expected, tmp_path / "killed"))
    (out / RECORD_NAME).unlink()
    process = subprocess.Popen([sys.executable, "-m", "studykit", "build", "--only", "anki", "--only",
                                "worksheet", "--out", str(out)], cwd=project,
                               env=dict(os.environ, STUDYKIT_CACHE=str(cache)),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(after)  # not a timing test: wherever the kill lands, the next build must be right
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    same_as_reference(reference, cache, tmp_path)


def test_the_regex_file_keeps_a_bounded_number_of_patterns_and_of_python_versions(reference, tmp_path):
    from studykit import regexcache

    cache = filled_cache(reference, tmp_path)
    (kept,) = entries(cache, "regex")
    own = marshal.loads(usercache.unsealed(kept.name, kept.read_bytes()))
    old = {(f"an old pattern {n}", 0): (0, [1], 0, {}, (None,)) for n in range(3 * regexcache.KEPT)}
    kept.write_bytes(usercache.sealed(kept.name, marshal.dumps(old)))  # an old studykit's patterns, many
    for n in range(2 * regexcache.FILES):
        other = kept.with_name(f"{n:064x}")  # files of other Pythons
        other.write_bytes(b"another Python's patterns")
        os.utime(other, (1_000_000 + n, 1_000_000 + n))
    same_as_reference(reference, cache, tmp_path)
    now = marshal.loads(usercache.unsealed(kept.name, kept.read_bytes()))
    assert len(now) == regexcache.KEPT and set(own) <= set(now)  # this run's own patterns first
    assert sorted(p.name for p in kept.parent.iterdir()) == sorted(
        [kept.name] + [f"{n:064x}" for n in range(2 * regexcache.FILES)][-(regexcache.FILES - 1):])
