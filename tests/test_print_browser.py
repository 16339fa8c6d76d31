"""The HTML sheets in real headless Chromium: printed page count, paper, footers, nothing too wide.

A teacher may print the HTML from a browser instead of using the PDF, so the
same print CSS must hold there.  Overflow is measured in the browser itself:
a copy of the page gets a small script that drops screen-only CSS, sets the
page to the printable width and lists every element that sticks out.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from studykit import worksheet

from test_pdf import flat, long_question_sheet
from test_worksheet import DECK, printed_questions

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars"]

PROBE = """
<script>
(function () {
  // Print layout without printing: screen-only rules out, the printable width in.
  for (const sheet of Array.from(document.styleSheets)) {
    for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
      const media = sheet.cssRules[i].media;
      if (media && !/print|all/.test(media.mediaText)) sheet.deleteRule(i);
    }
  }
  document.documentElement.style.width = "WIDTH_MM";
  const page = document.documentElement.getBoundingClientRect();
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const spills = el instanceof HTMLElement && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1;
    if (box.right > page.right + 0.5 || box.left < page.left - 0.5 || spills) {
      wide.push({tag: el.tagName, cls: String(el.className.baseVal ?? el.className),
                 right: box.right, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth});
    }
  }
  // The question number must end before the text starts; the points must start after it ends.
  const crowded = [];
  for (const question of document.querySelectorAll(".question")) {
    const stem = question.querySelector(".stem"), style = getComputedStyle(question);
    const textLeft = question.getBoundingClientRect().left + parseFloat(style.paddingLeft);
    const stemBox = stem.getBoundingClientRect();
    const textRight = stemBox.right - parseFloat(getComputedStyle(stem).paddingRight);
    // the number's text itself: the stem's own first text, up to the tab that ends it
    const first = Array.from(stem.childNodes).find(node => node.nodeType === Node.TEXT_NODE);
    const range = document.createRange();
    range.setStart(first, 0);
    range.setEnd(first, first.data.indexOf("\t"));
    if (range.toString() !== question.dataset.number + ".") crowded.push("unnumbered " + question.dataset.number);
    const number = range.getBoundingClientRect();
    const pointsNode = stem.querySelector(".points"), points = pointsNode.getBoundingClientRect();
    // floated points (fill-ins) make the text wrap around them: only a right column can crowd it
    const column = getComputedStyle(pointsNode).float === "none";
    if (number.right > textLeft + 0.5 || (column && points.left < textRight - 0.5)) {
      crowded.push(question.dataset.number);
    }
  }
  // Each blank of a fill-in (a run of underscores): its printed width.
  const blanks = [];
  for (const stem of document.querySelectorAll(".stem.cloze")) {
    const walker = document.createTreeWalker(stem, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const run of node.data.matchAll(/_{5,}/g)) {
        const range = document.createRange();
        range.setStart(node, run.index);
        range.setEnd(node, run.index + run[0].length);
        blanks.push(range.getBoundingClientRect().width);
      }
    }
  }
  const report = document.createElement("pre");
  report.id = "overflow-report";
  report.textContent = JSON.stringify({pageWidth: page.width, checked: document.body.querySelectorAll("*").length,
                                       wide: wide, crowded: crowded, questions: document.querySelectorAll(".question").length,
                                       blanks: blanks});
  document.body.appendChild(report);
})();
</script>
"""


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return CHROMIUM


def run_chromium(chromium: Path, profile: Path, *args: str) -> str:
    done = subprocess.run([str(chromium), *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def print_to_pdf(chromium: Path, html: Path, tmp: Path) -> Path:
    target = tmp / f"{html.stem}.chromium.pdf"
    run_chromium(chromium, tmp / "profile", f"--print-to-pdf={target}", "--no-pdf-header-footer",
                 html.resolve().as_uri())
    assert target.exists()
    return target


def overflow_report(chromium: Path, html: str, paper: str, tmp: Path) -> dict:
    width = f"{worksheet.content_width_mm(paper)}mm"
    probe = tmp / "probe.html"
    probe.write_text(html.replace("</body>", PROBE.replace("WIDTH_MM", width) + "</body>"),
                     encoding="utf-8")
    dom = run_chromium(chromium, tmp / "profile", "--window-size=1200,1600",
                       "--virtual-time-budget=5000", "--dump-dom", probe.resolve().as_uri())
    found = re.search(r'<pre id="overflow-report">(.*?)</pre>', dom, re.S)
    assert found, dom[-2000:]
    report = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&")
                        .replace("&lt;", "<").replace("&gt;", ">"))
    expected = worksheet.content_width_mm(paper) * 96 / 25.4
    assert abs(report["pageWidth"] - expected) < 1, report["pageWidth"]
    return report


def test_chromium_prints_the_same_pages_as_the_pdf(chromium, built, tmp_path):
    """Worksheets print on as many pages as the PDF; a key may differ by one page (Chromium
    balances the two columns of quick answers and breaks the evidence on its own)."""
    for html in sorted(built.glob("*.html")):
        printed = pypdf.PdfReader(print_to_pdf(chromium, html, tmp_path))
        made = pypdf.PdfReader(html.with_suffix(".pdf"))
        if "answer-key" in html.name:
            assert abs(len(printed.pages) - len(made.pages)) <= 1, html.name
        else:
            assert len(printed.pages) == len(made.pages), html.name
        box = printed.pages[0].mediabox
        assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
        letter = html.stem.rsplit("-", 1)[1]
        for number, page in enumerate(printed.pages, start=1):
            assert f"Version {letter} · Page {number} of {len(printed.pages)}" in flat(page.extract_text())


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_nothing_is_wider_than_the_page_and_numbers_do_not_crowd_the_text(chromium, shipped, tmp_path, paper):
    recipe = replace(shipped.project.decks[DECK], worksheet={"paper": paper})  # every question
    (sheet, key), = worksheet.sheets(shipped.project, recipe, shipped.decks[DECK])
    for page in (sheet, key):
        report = overflow_report(chromium, worksheet.render_sheet(page), paper, tmp_path)
        assert report["checked"] > 1000 and report["questions"] >= 100  # three-digit numbers too
        assert report["wide"] == []
        assert report["crowded"] == []
    # every blank the same width (no hint at the answer's length), room for a word in handwriting
    blanks = overflow_report(chromium, worksheet.render_sheet(sheet), paper, tmp_path)["blanks"]
    assert len(blanks) >= 5 and max(blanks) - min(blanks) < 0.5
    assert min(blanks) >= 45 * 96 / 25.4


def test_the_overflow_probe_sees_what_sticks_out(chromium, built, tmp_path):
    html = (built / f"{DECK}-worksheet-A.html").read_text(encoding="utf-8")
    spoiled = html.replace("</header>", '</header><p class="too-wide" style="width: 250mm">wide</p>'
                           '<p class="spills" style="width: 20mm; white-space: nowrap">'
                           'a line far too long for its box</p>', 1)
    report = overflow_report(chromium, spoiled, "a4", tmp_path)
    assert {"too-wide", "spills"} <= {item["cls"] for item in report["wide"]}


def test_the_probe_sees_three_digit_numbers_in_a_two_digit_gutter(chromium, shipped, tmp_path):
    recipe = replace(shipped.project.decks[DECK], worksheet={})
    (sheet, _), = worksheet.sheets(shipped.project, recipe, shipped.decks[DECK])
    html = worksheet.render_sheet(sheet)
    assert " many-questions" in html
    report = overflow_report(chromium, html.replace(" many-questions", "", 1), "a4", tmp_path)
    assert "100" in report["crowded"] and "9" not in report["crowded"]


def test_a_long_question_spans_pages_in_chromium_too(chromium, tmp_path, project):
    html = tmp_path / "long.html"
    html.write_text(long_question_sheet(project), encoding="utf-8")
    pages = [flat(p.extract_text()) for p in pypdf.PdfReader(print_to_pdf(chromium, html, tmp_path)).pages]
    long_one, after = printed_questions(html.read_text(encoding="utf-8"))
    assert len(pages) >= 3
    assert flat(long_one["stem"]) in pages[0]
    assert flat(after["stem"]) in pages[-1]
    assert all(flat(option) in pages[-1] for option in after["options"])
