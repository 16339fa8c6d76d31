"""The PDF step: a PDF is made again only when its HTML changed, never skipped when it must be.

Builds run through the real ``studykit build`` (WeasyPrint included); a spy on
``pdf.html_to_pdfs`` records which PDFs were rendered, and the PDFs' text is
read back with pypdf.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pypdf
import pytest

from studykit import pdf
from studykit.build import build_project

from sheet_projects import RECALL, fact, make_project

FACTS = [
    fact("weather", "It rained on the day of the visit.", "What was the weather on the day of the visit?",
         "rain", "It rained on the day of the visit."),
    fact("music", "A brass band played at the station.", "What played at the station?", "a brass band",
         "A brass band played at the station."),
    fact("dinner", "Dinner was served in the town hall.", "Where was dinner served?", "the town hall",
         "Dinner was served in the town hall.", topic="later"),
]
NAMES = [f"test-deck-{kind}-{letter}.pdf" for letter in "AB" for kind in ("worksheet", "answer-key")]


@pytest.fixture
def spy(monkeypatch):
    """Which PDFs WeasyPrint was asked to make, per build (by the text of their HTML)."""
    calls: list[list[str]] = []
    real = pdf.html_to_pdfs

    def recording(pages, workers=None):
        calls.append(list(pages))
        return real(pages, workers)

    monkeypatch.setattr(pdf, "html_to_pdfs", recording)
    return calls


def project(tmp_path: Path) -> Path:
    # only the 'main' topic is on the sheet: the fact of topic 'later' is in the deck, not on paper
    return make_project(tmp_path / "project", [dict(f) for f in FACTS], {"recall": RECALL},
                        {"variants": 2, "sections": [{"topic": "main"}]}, topics=("main", "later"))


def rendered_names(out: Path, pages: list[str]) -> list[str]:
    by_html = {(out / n.replace(".pdf", ".html")).read_text(encoding="utf-8"): n for n in NAMES}
    return sorted(by_html[html] for html in pages)


def text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)


def edit_fact(root: Path, old: str, new: str) -> None:
    for path in (root / "seeds" / "doc").rglob("*"):
        if path.is_file() and old in path.read_text(encoding="utf-8"):
            path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_changed_fact_re_renders_exactly_the_pdfs_that_show_it(tmp_path, spy):
    root, out = project(tmp_path), tmp_path / "dist"
    build_project(root, out=out)
    assert rendered_names(out, spy[-1]) == sorted(NAMES)
    build_project(root, out=out)  # nothing changed: nothing rendered
    assert len(spy) == 1
    edit_fact(root, "Dinner was served in the town hall.", "Dinner was served in the old town hall.")
    edit_fact(root, "the town hall\n", "the old town hall\n")
    build_project(root, out=out)  # a fact no sheet shows
    assert len(spy) == 1
    edit_fact(root, "A brass band played", "A brass band of miners played")
    build_project(root, out=out)  # its quote is evidence in both keys only
    assert rendered_names(out, spy[-1]) == ["test-deck-answer-key-A.pdf", "test-deck-answer-key-B.pdf"]
    assert "brass band of miners" in text(out / "test-deck-answer-key-B.pdf")
    edit_fact(root, "What played at the station?", "What music was played at the station?")
    build_project(root, out=out)  # its question is on every sheet and key
    assert rendered_names(out, spy[-1]) == sorted(NAMES)
    assert "What music was played at the station?" in text(out / "test-deck-worksheet-A.pdf")


def test_an_unchanged_rebuild_never_imports_weasyprint(tmp_path, spy, monkeypatch):
    root, out = project(tmp_path), tmp_path / "dist"
    build_project(root, out=out)
    before = {n: (out / n).read_bytes() for n in NAMES}
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # an import now fails loudly
    said = []
    monkeypatch.setattr("studykit.worksheets.write._tell_once", said.append)
    report = build_project(root, out=out)
    assert said == [] and len(spy) == 1
    assert {n: (out / n).read_bytes() for n in NAMES} == before
    assert set(NAMES) <= set(report.decks[0].worksheets)


@pytest.mark.parametrize("damage", ["truncated pdf", "other pdf", "record for new html", "garbled record",
                                    "no record"])
def test_a_killed_or_concurrent_build_never_makes_the_next_skip_a_needed_pdf(tmp_path, spy, damage):
    root, out = project(tmp_path), tmp_path / "dist"
    build_project(root, out=out)
    victim = out / "test-deck-worksheet-A.pdf"
    record = out / ".studykit-cache" / "pdf" / f"{victim.name}.json"
    good = victim.read_bytes()
    if damage == "truncated pdf":  # killed while writing (a copy made without atomic rename)
        victim.write_bytes(good[: len(good) // 2])
    elif damage == "other pdf":  # another build published another version's PDF here
        victim.write_bytes((out / "test-deck-worksheet-B.pdf").read_bytes())
    elif damage == "record for new html":  # a record written, its PDF never published
        edit_fact(root, "What played at the station?", "Who played at the station?")
        entry = json.loads(record.read_text())
        entry["pdf"] = hashlib.sha256(b"the PDF that was never published").hexdigest()
        record.write_text(json.dumps(entry))
    elif damage == "garbled record":
        record.write_text('{"html": ')
    else:
        record.unlink()
    build_project(root, out=out)
    assert "test-deck-worksheet-A.pdf" in rendered_names(out, spy[-1])
    published = victim.read_bytes()
    assert published.startswith(b"%PDF-") and pypdf.PdfReader(victim).pages
    if damage == "record for new html":
        assert "Who played at the station?" in text(victim)
    else:
        assert published == good
    spy.clear()
    build_project(root, out=out)  # and now the cache is whole again
    assert spy == []


def test_several_pdfs_render_in_parallel_processes_with_the_same_bytes(tmp_path):
    pages = [f"<p>page {n}</p>" for n in range(3)]
    assert pdf.html_to_pdfs(pages, workers=2) == [pdf.html_to_pdf(p) for p in pages]
