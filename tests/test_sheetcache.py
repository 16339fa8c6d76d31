"""A worksheet's HTML is rendered again only when what the sheet shows changed (studykit.sheetcache).

Real builds of a small project whose sheet prints one topic: a spy on the
layout step (``render_sheet``) records which sheets were rendered, and every
output is compared byte for byte with a fresh build, made without any cache,
of the same project.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from studykit import sheetcache
from studykit.build import build_project
from studykit.worksheets import write

from sheet_projects import RECALL, make_project, visit_facts

SHEETS = sorted(f"test-deck-{kind}-{letter}.html" for letter in "AB" for kind in ("worksheet", "answer-key"))


@pytest.fixture
def rendered(monkeypatch):
    """The sheets each build rendered (worksheet or answer key, version letter)."""
    calls: list[str] = []
    real = write.render_sheet

    def recording(sheet):
        calls.append(f"{'answer-key' if sheet.key else 'worksheet'}-{sheet.letter}")
        return real(sheet)

    monkeypatch.setattr(write, "render_sheet", recording)
    return calls


def project(where: Path) -> Path:
    return make_project(where, visit_facts(), {"recall": RECALL},
                        {"variants": 2, "sections": [{"topic": "main"}]}, topics=("main", "later"))


def edit(root: Path, old: str, new: str) -> None:
    for path in (root / "seeds").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new), encoding="utf-8")


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".html", ".pdf")}


def fresh(root: Path, where: Path) -> dict[str, bytes]:
    """What a build without any cache makes of ``root`` now."""
    build_project(root, out=where)
    return outputs(where)


def test_a_fact_not_on_the_sheet_renders_no_sheet_and_one_on_it_renders_those_that_show_it(tmp_path, rendered):
    root, out = project(tmp_path / "p"), tmp_path / "dist"
    build_project(root, out=out)
    assert sorted(rendered) == sorted(n[len("test-deck-"):-len(".html")] for n in SHEETS)
    edit(root, "Where was dinner served?", "In which building was dinner served?")  # topic 'later'
    rendered.clear()
    build_project(root, out=out)
    assert rendered == []  # the deck changed, no sheet did
    assert outputs(out) == fresh(root, tmp_path / "fresh1")
    edit(root, "What played at the station?", "What kind of band played at the station?")  # on every sheet
    rendered.clear()
    build_project(root, out=out)
    assert len(rendered) == 4
    assert outputs(out) == fresh(root, tmp_path / "fresh2")
    assert "What kind of band played" in (out / "test-deck-worksheet-A.html").read_text(encoding="utf-8")


def test_a_damaged_sheet_is_rendered_again(tmp_path, rendered):
    root, out = project(tmp_path / "p"), tmp_path / "dist"
    build_project(root, out=out)
    good = (out / "test-deck-worksheet-B.html").read_bytes()
    (out / "test-deck-worksheet-B.html").write_bytes(good[:200])  # cut short, its record unchanged
    edit(root, "Where was dinner served?", "In which building was dinner served?")
    rendered.clear()
    build_project(root, out=out)
    assert rendered == ["worksheet-B"]
    assert (out / "test-deck-worksheet-B.html").read_bytes() == good


def test_an_edited_layout_of_the_project_renders_every_sheet_again(tmp_path, rendered):
    root, out = project(tmp_path / "p"), tmp_path / "dist"
    (root / "layouts").mkdir()
    packaged = Path(write.__file__).parent.parent / "layouts" / "worksheet.html.j2"
    layout = root / "layouts" / "worksheet.html.j2"
    layout.write_text(packaged.read_text(encoding="utf-8"), encoding="utf-8")
    build_project(root, out=out)
    text = layout.read_text(encoding="utf-8")
    layout.write_text(text.replace('<table class="fill-in">', '<table class="fill-in" data-room="4">'),
                      encoding="utf-8")
    rendered.clear()
    build_project(root, out=out)
    assert sorted(rendered) == ["answer-key-A", "answer-key-B", "worksheet-A", "worksheet-B"]
    assert 'data-room="4"' in (out / "test-deck-worksheet-A.html").read_text(encoding="utf-8")


def test_the_key_tells_apart_what_prints_differently():
    from markupsafe import Markup

    from studykit.worksheets.items import Section

    def key(value):
        digest = __import__("hashlib").sha256()
        sheetcache._feed(digest, value, set())
        return digest.hexdigest()

    assert key("<b>x</b>") != key(Markup("<b>x</b>"))  # escaped, or printed as markup
    assert key(["a", "b"]) != key(["ab"]) != key(("a", "b"))
    assert key({"a": 1, "b": 2}) != key({"b": 2, "a": 1})  # a layout prints a mapping in its order
    assert key(1) != key(1.0) != key("1") != key(True)
    with pytest.raises(sheetcache.Unreadable):
        key([object()])
    loop: list = []
    loop.append(loop)
    with pytest.raises(sheetcache.Unreadable):
        key(loop)
    assert key(Section("main", "Topic main", [])) == key(Section("main", "Topic main", []))
