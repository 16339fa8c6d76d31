"""The PDF step: a PDF is made again only when its HTML changed, never skipped when it must be.

Builds run through the real ``studykit build`` (WeasyPrint included); a spy on
``pdf.html_to_pdfs`` records which PDFs were rendered, and the PDFs' text is
read back with pypdf.
"""

from __future__ import annotations

import hashlib
import html
import json
import sys
from pathlib import Path

import pypdf
import pytest

from studykit import pdf, pdfcache
from studykit.build import build_project

from sheet_projects import RECALL, make_project, shipped_cards_only, visit_facts

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
    return make_project(tmp_path / "project", visit_facts(), {"recall": RECALL},
                        {"variants": 2, "sections": [{"topic": "main"}]}, topics=("main", "later"))


def rendered_names(out: Path, pages: list[str]) -> list[str]:
    by_html = {(out / n.replace(".pdf", ".html")).read_text(encoding="utf-8"): n for n in NAMES}
    return sorted(by_html[html] for html in pages)


def text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)


def edit_fact(root: Path, old: str, new: str) -> None:
    for path in (root / "seeds").rglob("*"):
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


# --- the printable flashcards: one PDF rendered and cached in parts of a few sheets ---------------

CARDS = "soviet-korean-relations-1967-cards.pdf"
QUESTION = "Who wrote the report, according to the archive's summary?"


def cards_project(root: Path) -> Path:
    """The shipped facts of one topic (some 30 cards, 8 or 9 sheets), flashcards only."""
    return shipped_cards_only(root, ["document"])


def card_count(root: Path) -> int:
    """How many questions of the deck go to Anki, so onto paper."""
    from studykit.check import check_project

    checked = check_project(root)
    return sum("anki" in q.targets for q in next(iter(checked.decks.values())).questions)


def page_texts(path: Path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages]


@pytest.fixture
def one_sheet_parts(monkeypatch):
    """Parts of one sheet each (a front and a back page), so a small deck has several."""
    from studykit import flashcards

    monkeypatch.setattr(flashcards, "SHEETS_PER_PART", 1)


def test_an_edited_fact_renders_again_only_the_part_of_the_flashcards_that_shows_it(
        tmp_path, spy, one_sheet_parts):
    root, out = cards_project(tmp_path / "project"), tmp_path / "dist"
    build_project(root, out=out)
    before = page_texts(out / CARDS)
    sheets = -(-card_count(root) // 4)  # A7 cards, 4 a sheet
    assert len(before) == 2 * sheets and len(spy[-1]) == sheets  # each sheet its own part
    page = next(n for n, t in enumerate(before) if QUESTION in t)  # the card's front page
    assert page % 2 == 0  # fronts are pages 1, 3, 5, ... (0, 2, 4, ... counted from 0)
    edit_fact(root, QUESTION, "Who wrote the report, in the archive's summary?")
    build_project(root, out=out)
    assert len(spy) == 2 and len(spy[-1]) == 1  # one part rendered, the other seven reused
    assert "Who wrote the report, in the archive's summary?" in html.unescape(spy[-1][0])
    after = page_texts(out / CARDS)
    assert len(after) == 2 * sheets
    changed = [n for n in range(2 * sheets) if after[n] != before[n]]
    assert changed == [page]  # only the front carries the question; its back (the answer) is as it was
    assert "Who wrote the report, in the archive's summary?" in after[page]
    # the joined PDF is the one a build without any cache makes
    fresh = tmp_path / "fresh"
    build_project(root, out=fresh)
    assert (fresh / CARDS).read_bytes() == (out / CARDS).read_bytes()
    # the cache keeps the parts in use and those of the previous build, no older ones
    parts = out / ".studykit-cache" / "pdf" / f"{CARDS}.parts"
    first = set(parts.glob("*.pdf"))
    edit_fact(root, "in the archive's summary?", "in the summary of the archive?")
    build_project(root, out=out)
    assert len(spy[-1]) == 1
    kept = set(parts.glob("*.pdf"))
    assert len(first) == len(kept) == sheets + 1 and len(first - kept) == 1  # the first build's part is gone


def test_the_flashcards_are_rendered_in_parts_of_two_sheets_the_last_of_three_and_joined_in_order(tmp_path, spy):
    import pypdf as pypdf_module

    root, out = cards_project(tmp_path / "project"), tmp_path / "dist"
    build_project(root, out=out)
    sheets = -(-card_count(root) // 4)  # A7 cards, 4 a sheet
    parts = spy[-1]
    assert sheets >= 3 and sheets % 2 and len(parts) == sheets // 2  # an odd last sheet joins the part before
    assert [part.count('<div class="sheet ') for part in parts] == [4] * (sheets // 2 - 1) + [6]
    reader = pypdf_module.PdfReader(out / CARDS, strict=True)
    assert len(reader.pages) == 2 * sheets and reader.metadata.title.endswith("flashcards")


def test_an_unchanged_deck_renders_no_part_and_damaged_parts_are_rendered_again(tmp_path, spy, one_sheet_parts):
    root, out = cards_project(tmp_path / "project"), tmp_path / "dist"
    build_project(root, out=out)
    good = (out / CARDS).read_bytes()
    key = lambda page: pdfcache.html_key(page, pdf.renderer_version())  # noqa: E731
    keys = [key(page) for page in spy[0]]
    edited = next(key(page) for page in spy[0] if QUESTION in html.unescape(page))
    folder = out / ".studykit-cache" / "pdf" / f"{CARDS}.parts"
    damaged = [k for k in keys if k != edited][:2]
    (folder / f"{damaged[0]}.pdf").write_bytes((folder / f"{damaged[0]}.pdf").read_bytes()[:100])  # cut short
    (folder / f"{damaged[1]}.pdf").write_bytes((folder / f"{edited}.pdf").read_bytes())  # another part's bytes
    build_project(root, out=out)  # nothing on the cards changed: the whole PDF is reused, no part rendered
    assert len(spy) == 1 and (out / CARDS).read_bytes() == good
    edit_fact(root, QUESTION, "Who wrote the report, in the archive's summary?")
    build_project(root, out=out)
    rendered = [key(page) for page in spy[-1]]
    assert set(rendered) - set(damaged) == {next(key(p) for p in spy[-1] if "in the archive" in html.unescape(p))}
    assert set(damaged) <= set(rendered) and len(rendered) == 3
    fresh = tmp_path / "fresh"
    build_project(root, out=fresh)
    assert (fresh / CARDS).read_bytes() == (out / CARDS).read_bytes()


class Killed(BaseException):
    """The build process ends here (not an error the build could handle)."""


def killed_after(count: int):
    """Staging.publish that moves ``count`` files into place, then the process is gone."""
    import os

    def publish(self):
        for relative in list(self.names)[:count]:
            final = self.out_dir / relative
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.dir / relative, final)
        raise Killed()
    return publish


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.suffix in (".pdf", ".html")}


@pytest.mark.parametrize("which", ["worksheets", "flashcards"])
def test_a_build_killed_while_publishing_never_makes_the_next_skip_a_pdf(tmp_path, monkeypatch, which,
                                                                         one_sheet_parts):
    """Killed after each number of published files in turn; the next build always ends as a fresh one."""
    from studykit.atomic import Staging

    def make(where: Path) -> Path:
        return project(where) if which == "worksheets" else cards_project(where / "project")

    def edit(root: Path) -> None:
        if which == "worksheets":
            edit_fact(root, "What played at the station?", "Who played at the station?")
        else:
            edit_fact(root, QUESTION, "Who wrote the report, in the archive's summary?")

    expected_root = make(tmp_path / "expected")
    edit(expected_root)
    build_project(expected_root, out=tmp_path / "expected-dist")
    expected = outputs(tmp_path / "expected-dist")
    staged: list[str] = []
    real_publish = Staging.publish

    def counting(self):
        staged[:] = list(self.names)
        return real_publish(self)

    count, kills = 0, 0
    while True:
        root, out = make(tmp_path / f"run{count}"), tmp_path / f"dist{count}"
        build_project(root, out=out)
        edit(root)
        monkeypatch.setattr(Staging, "publish", counting)
        if count:
            monkeypatch.setattr(Staging, "publish", killed_after(count - 1))
            with pytest.raises(Killed):
                build_project(root, out=out)
            kills += 1
        else:
            build_project(root, out=out)  # learn how many files a build publishes
        monkeypatch.setattr(Staging, "publish", real_publish)
        build_project(root, out=out)  # the next build, after the killed one
        assert outputs(out) == expected, f"killed after {count - 1} published files"
        count += 1
        if count > len(staged):
            break
    assert kills == len(staged) >= 3


@pytest.mark.parametrize("parts", [[[["a list"], "sha"]], [["key", 5]], [[None, None]], "parts", [{"key": "sha"}]])
def test_a_record_listing_parts_of_the_wrong_shape_lists_none(tmp_path, parts):
    """A damaged record (a part named by a list, a hash that is a number) means rendering the
    parts again, never a traceback; an entry of the right shape beside them is still used."""
    folder = tmp_path / pdfcache.parts_dir("cards.pdf")
    folder.mkdir(parents=True)
    (folder / "good.pdf").write_bytes(b"%PDF part")
    listed = ([*parts, ["good", hashlib.sha256(b"%PDF part").hexdigest()]] if isinstance(parts, list) else parts)
    (tmp_path / pdfcache.record_name("cards.pdf")).write_text(json.dumps({"html": "k", "parts": listed}))
    expected = {"good": b"%PDF part"} if isinstance(parts, list) else {}
    assert pdfcache.cached_parts(tmp_path, "cards.pdf", ["good", "key", "a list"]) == expected
