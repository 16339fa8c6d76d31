"""Careful YAML loads kept between runs give exactly what loading again gives, and only that.

The reference is a fresh careful load of the same text: data, every position, the
comment-cut marks and the problems must be the same whether a file comes from the
cache or not.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from studykit import usercache, yamlcache, yamlio
from studykit.check import check_project
from test_yamlio_fast import snapshot

REPO = Path(__file__).resolve().parent.parent
PROJECT_FILES = sorted(
    p for root in ("seeds", "decks", "question_templates", "examples") for p in (REPO / root).rglob("*.yaml")
)


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("STUDYKIT_CACHE", str(folder))
    return folder


def counting_careful_loads(monkeypatch) -> list[str]:
    calls: list[str] = []
    careful = yamlio.careful_load
    monkeypatch.setattr(yamlio, "careful_load", lambda text: calls.append(text) or careful(text))
    return calls


def load(path: Path):
    data, problems = yamlio.load_yaml(path, path.name)
    assert problems == []
    return snapshot(data)


def test_every_project_file_loads_from_the_cache_as_it_loads_afresh(cache, monkeypatch):
    assert len(PROJECT_FILES) > 40
    monkeypatch.setenv("STUDYKIT_CACHE", "")
    fresh = [load(p) for p in PROJECT_FILES]
    monkeypatch.setenv("STUDYKIT_CACHE", str(cache))
    first = [load(p) for p in PROJECT_FILES]  # loads and keeps
    calls = counting_careful_loads(monkeypatch)
    second = [load(p) for p in PROJECT_FILES]
    assert first == fresh and second == fresh
    assert calls == []  # every careful load came from the cache
    assert len(list((cache / "yaml").rglob("*"))) > 20


def test_a_value_cut_by_a_comment_is_warned_about_on_every_run(cache, tmp_path):
    project = Path(shutil.copytree(REPO / "examples" / "gettysburg-address", tmp_path / "project"))
    facts = sorted((project / "seeds").rglob("facts/*.yaml"))[0]
    lines = facts.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("answer:"))
    lines[at] = lines[at] + " # a comment after a plain value"
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runs = [[str(w) for w in check_project(project).warnings] for _ in range(2)]
    assert runs[0] == runs[1]
    assert any(f"{facts.name}:{at + 1}:" in w and "#" in w for w in runs[0]), runs[0]


def test_an_edited_file_is_loaded_afresh(cache, tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("# a recipe\nname: one\n", encoding="utf-8")
    assert yamlio.load_yaml(path, "f.yaml")[0] == {"name": "one"}
    path.write_text("# a recipe\nname: two\n", encoding="utf-8")
    assert yamlio.load_yaml(path, "f.yaml")[0] == {"name": "two"}


def test_a_file_with_a_problem_is_refused_at_its_place_on_every_run_and_never_kept(cache, tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("# a recipe\nname: one\nname: two\n", encoding="utf-8")
    runs = [[str(p) for p in yamlio.load_yaml(path, "f.yaml")[1]] for _ in range(2)]
    assert runs[0] == runs[1] and runs[0] and runs[0][0].startswith("f.yaml:3:")
    assert not (cache / "yaml").exists()


def test_a_damaged_entry_is_loaded_again_and_written_whole(cache, tmp_path, monkeypatch):
    text = "# a recipe\nname: one\nitems: [a, b]\n"
    expected = snapshot(yamlio.careful_load(text))
    yamlio.kept_careful_load(text)
    (entry,) = [p for p in (cache / "yaml").rglob("*") if p.is_file()]
    good = entry.read_bytes()
    whole = usercache.sealed  # a whole entry of the wrong shape: only the reading refuses it
    for damage in (b"", b"not a pickle", good[: len(good) // 2], whole(entry.name, pickle.dumps([1, 2])),
                   whole(entry.name, pickle.dumps("text"))):
        entry.write_bytes(damage)
        calls = counting_careful_loads(monkeypatch)
        assert snapshot(yamlio.kept_careful_load(text)) == expected
        assert len(calls) == 1
        monkeypatch.undo()
        monkeypatch.setenv("STUDYKIT_CACHE", str(cache))
        assert snapshot(yamlcache.recall(text)) == expected  # rewritten whole


def test_an_entry_naming_another_class_is_not_loaded(cache, tmp_path):
    """Entries are read with the loader's two containers only: a planted callable never runs."""
    text = "# a recipe\nname: one\n"
    yamlio.kept_careful_load(text)
    (entry,) = [p for p in (cache / "yaml").rglob("*") if p.is_file()]
    touched = tmp_path / "touched"
    entry.write_bytes(usercache.sealed(entry.name, pickle.dumps(_Planted(touched))))  # whole, yet planted
    assert yamlio.kept_careful_load(text) == {"name": "one"}
    assert not touched.exists()


class _Planted:
    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self):
        return (Path.touch, (self.path,))


def test_an_empty_setting_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("STUDYKIT_CACHE", "")
    yamlio.kept_careful_load("# a recipe\nname: one\n")
    assert not (tmp_path / "home").exists() and not (tmp_path / "xdg").exists()
