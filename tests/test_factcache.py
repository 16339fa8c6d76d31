"""Fact files checked once and kept (load/factcache.py) give exactly what checking them again gives.

The reference is every check with the cache turned off: the same facts (every field a question
or a note is made from) and the same problems and warnings, at the same places, whether a file
comes from the cache or is checked afresh, and whatever changed since it was kept.
"""

from __future__ import annotations

import dataclasses
import pickle
import shutil
from pathlib import Path

import pytest

from studykit import usercache
from studykit.check import check_project
from studykit.load import facts as fact_files
from studykit.load import load_project

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "gettysburg-address"


@pytest.fixture
def project(tmp_path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "project"))


def loaded(project: Path, monkeypatch, cache: Path | str) -> tuple[list, list[str]]:
    monkeypatch.setenv("STUDYKIT_CACHE", str(cache))
    found, problems = load_project(project)
    facts = [{k: v for k, v in dataclasses.asdict(f).items() if k not in ("locate", "positions")}
             for f in found.facts.values()]
    return facts, sorted(str(p) for p in problems)


def checked_files(monkeypatch) -> list[Path]:
    """The fact files checked afresh from now on (not taken from the cache)."""
    calls: list[Path] = []
    real = fact_files._load_fact
    monkeypatch.setattr(fact_files, "_load_fact", lambda loader, path, *a: calls.append(path) or real(loader, path, *a))
    return calls


def same_as_uncached(project: Path, monkeypatch, cache: Path) -> list[str]:
    """Load without the cache, then twice with it (filling it, then reading it): all the same."""
    fresh = loaded(project, monkeypatch, "")
    assert loaded(project, monkeypatch, cache) == fresh
    assert loaded(project, monkeypatch, cache) == fresh
    return fresh[1]


def test_a_checked_file_is_not_checked_again_and_gives_the_same_facts(project, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    fresh = loaded(project, monkeypatch, "")
    assert loaded(project, monkeypatch, cache) == fresh
    calls = checked_files(monkeypatch)
    assert loaded(project, monkeypatch, cache) == fresh
    assert calls == []  # every fact file came from the cache
    assert len([p for p in (cache / "facts").rglob("*") if p.is_file()]) == 5


def test_ids_across_files_are_checked_on_every_run_at_their_places(project, tmp_path, monkeypatch):
    """Each file is fine by itself (so kept); together they reuse an id and claim a former id twice."""
    folder = next((project / "seeds").iterdir()) / "facts"
    first, second = sorted(folder.glob("*.yaml"))[:2]
    first_ids = [line.split("id:")[1].strip() for line in first.read_text().splitlines() if "- id:" in line]
    second_ids = [line.split("id:")[1].strip() for line in second.read_text().splitlines() if "- id:" in line]
    taken = first_ids[0]
    first.write_text(first.read_text().replace(f"- id: {first_ids[1]}\n", f"- id: {first_ids[1]}\n    was: [old-one]\n"))
    second.write_text(second.read_text().replace(f"- id: {second_ids[0]}\n", f"- id: {taken}\n")
                      .replace(f"- id: {second_ids[1]}\n", f"- id: {second_ids[1]}\n    was: [old-one]\n"))
    problems = same_as_uncached(project, monkeypatch, tmp_path / "cache")
    assert any(f"fact id '{taken}' is already used at" in p for p in problems), problems
    assert any("former id 'old-one'" in p for p in problems), problems


def test_a_file_with_a_problem_or_warning_is_not_kept_and_is_reported_every_run(project, tmp_path, monkeypatch):
    folder = next((project / "seeds").iterdir()) / "facts"
    bad, warned = sorted(folder.glob("*.yaml"))[:2]
    bad.write_text(bad.read_text().replace("statement:", "statment:", 1))
    lines = warned.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("answer:"))
    lines[at] += " # a comment after a plain value"
    warned.write_text("\n".join(lines) + "\n")
    cache = tmp_path / "cache"
    problems = same_as_uncached(project, monkeypatch, cache)
    assert any(f"{bad.name}:" in p and "statment" in p for p in problems), problems
    assert any(f"{warned.name}:{at + 1}:" in p for p in problems), problems
    calls = checked_files(monkeypatch)
    loaded(project, monkeypatch, cache)
    assert sorted({p.name for p in calls}) == sorted([bad.name, warned.name])


@pytest.mark.parametrize("change", ["source text", "topic", "date", "called"])
def test_a_change_to_the_source_checks_its_files_again(project, tmp_path, monkeypatch, change):
    """A file kept while its quotes, topics and numbers were right is found wrong once its source changes."""
    cache = tmp_path / "cache"
    loaded(project, monkeypatch, cache)
    source = next((project / "seeds").iterdir())
    meta = source / "source.yaml"
    if change == "source text":
        text = source / "source.txt"
        text.write_text(text.read_text().replace("Four score", "Five score"))
    elif change == "topic":
        lines = meta.read_text().splitlines()
        at = next(i for i, line in enumerate(lines) if line.strip().startswith("- id:"))
        lines[at] = lines[at].replace("id:", "id: renamed-")
        meta.write_text("\n".join(lines) + "\n")
    elif change == "date":
        meta.write_text(meta.read_text().replace("1863", "1864", 1))
    else:
        meta.write_text(meta.read_text().replace("called: the address", "called: the speech of the day"))
    fresh = loaded(project, monkeypatch, "")
    assert loaded(project, monkeypatch, cache) == fresh
    if change != "called":
        assert fresh[1]  # the change broke something the cache must not hide
    else:
        assert {f["document"] for f in fresh[0]} == {"the speech of the day"}


def test_a_damaged_or_planted_entry_is_checked_again(project, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    fresh = loaded(project, monkeypatch, "")
    loaded(project, monkeypatch, cache)
    entries = sorted(p for p in (cache / "facts").rglob("*") if p.is_file())
    touched = tmp_path / "touched"
    damages = [b"", b"not an entry", usercache.sealed(entries[1].name, pickle.dumps([1, 2])),
               usercache.sealed(entries[2].name, pickle.dumps(_Planted(touched))),
               usercache.sealed(entries[3].name, pickle.dumps([(0, ("too", "short"))]))]
    for entry, damage in zip(entries, damages):
        entry.write_bytes(damage)
    calls = checked_files(monkeypatch)
    assert loaded(project, monkeypatch, cache) == fresh
    assert len({p.name for p in calls}) == 5 and not touched.exists()
    assert loaded(project, monkeypatch, cache) == fresh  # and written whole again


def test_a_whole_check_from_the_cache_reports_what_a_check_without_it_reports(project, tmp_path, monkeypatch):
    """Loading, rendering, notes and quality warnings (which read a kept fact's positions from its file)."""
    monkeypatch.setenv("STUDYKIT_CACHE", "")
    fresh = [str(p) for p in check_project(project).reported]
    monkeypatch.setenv("STUDYKIT_CACHE", str(tmp_path / "cache"))
    runs = [[str(p) for p in check_project(project).reported] for _ in range(2)]
    assert runs == [fresh, fresh]


class _Planted:
    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self):
        return (Path.touch, (self.path,))
