"""What makes WeasyPrint slow on a worksheet: the sheet against plain paragraphs of its text.

Builds a sheet of about N questions (the shipped project's worksheet questions,
repeated under new ids, every style), renders it with WeasyPrint as studykit
prints it, with one construct at a time switched off (CSS overrides), and as
plain paragraphs holding the same text.  Runs are interleaved and repeated;
the table gives the fastest CPU time of each and its ratio to the plain text.

    python benchmarks/weasyprint_layout.py --questions 1000 --repeat 3

The target (issue 10.4): the sheet in at most 3 times the plain paragraphs.

What the measurements found (WeasyPrint 70, 2 cores shared with a load of
10-13, so times vary by a fifth between runs; cProfile's call counts, which do
not vary, were used to compare constructs):

- No single construct dominates.  On a 200-question sheet each construct
  switched off saves 5-14 % of the calls: writing lines 14 %, inline blocks
  (number, letters, boxes, blanks) 12 %, the points 12 %, the page footer and
  "(continued)" margin boxes 7 %, the chart's SVG 9 % (its 37 texts: 0.8 s
  profiled), tables 4 %, keep-together 5 %.  The sheet costs 5.9 times the
  plain paragraphs' calls and about 4.5 times their CPU.
- A 1,000-question sheet, profiled: HTML parsing (tinyhtml5, pure Python)
  20 % (the HTML is 2.7 times the plain text's: tags, data-* attributes),
  layout 56 % (inline blocks 13 %), the cascade 11 %, drawing and writing
  19 %.
- Removed, with pixel-identical pages: the float of the fill-in-the-blank
  points no longer leaks out of its stem (flow-root): while a float is in a
  formatting context WeasyPrint measures the min-content width of every
  later line box of the page (5 %); margin boxes have a fixed width (their
  content is not measured on every page, 6 %); writing lines have no wrapper
  element (5 %).  Together 8 % fewer calls on 200 questions.
- Issue 10's fourth session (the same machine, load 4-8; CPU of one run, cProfile
  call counts to compare constructs): the 1,000-question sheet went from 4.4-4.8
  times the plain paragraphs to 3.7-4.0 times (11.6-11.7 s against 3.0-3.2 s, 106 pages against
  59): tinyhtml5's cache of expressions never hit, so every attribute rebuilt its
  regular expression (parsing 1.05 -> 0.50 s; studykit.weasyfix repairs the cache,
  for the plain paragraphs too); the question number and an option's letter end in
  a tab that stops where the text starts instead of being inline blocks (9 % fewer
  calls on 200 questions, the same pages).  What is left is spread thin: the points
  are 11 % of the calls (their text, in another font; as an absolute box they cost
  only 2 % more than inline), the number's text 6 %, the blanks' inline blocks 3 %,
  two-column options 1 %, the margin boxes 1 %; the sheet has 1.8 times the pages
  and lines of the plain text.  The 3x target is not met.
- The answer key's CSS columns (quick answers) were a third of its layout:
  WeasyPrint balances columns by laying the list out again and again; two table
  cells filled by studykit render the key in 0.34 s instead of 0.64 s.  Its chart
  is now its costliest construct: the SVG is 30 % of the key, its text alone 17 %
  (WeasyPrint lays out and draws SVG text letter by letter).
- Issue 10's fifth session (load 2-9 from other work: times of one construct vary by a
  tenth between runs, so cProfile call counts and interleaved runs were used).  Measured
  per construct on sheets of one style each (1,000 questions of the shipped pool): a
  fill-in sheet cost 4.5 times its plain text, multiple choice 4.7, true/false 3.8,
  short answers 3.5.  An inline box costs about as much as an absolutely placed one
  (a bold number as a span: +0.8 ms a question against 2.4 ms for its plain paragraph;
  the points as an absolute box: +0.9 ms); the tab in a number or letter costs nothing.
  Found and changed: Python's cyclic garbage collection was a sixth of the sheet's CPU
  (its full passes walk the growing tree of boxes; 6 % of the plain paragraphs'): studykit
  now renders with it paused (weasyfix.gc_paused), and so does this benchmark, for both
  pages (--stock: as before).  The fill-in's floated points (the float made WeasyPrint
  measure the min-content width of every line box beside it: 10 % of a fill-in sheet's
  profile), now in the right column; blanks as inline blocks (9 % of the sheet's calls),
  now a run of underscores (more glyphs to draw: the time gain is smaller than the
  calls'); the first writing line, now the stem's border.  The layout changes cut 11 %
  of the calls but only 0-4 % of the CPU (within the noise).  The plain paragraphs leave
  out a blank's underscores (the words alone, as before), so that change cannot help the
  ratio by giving the plain text more to set.
- Still costly, left (then): the option letters as spans (23 % of a multiple-choice sheet's
  calls; plain letters would lose the bold), the true/false boxes (a quarter of a
  true/false sheet's calls; ballot-box glyphs are too small to tick), the bold number and
  the points (each a box per question); the key's chart (WeasyPrint lays out SVG text
  letter by letter); each page parses its inline stylesheet again (6 % of a key).
- Issue 10's evening session (the same machine, load 1-5; the lead allowed a modest change of
  look): each idea measured alone, interleaved with the sheet as it was in the same run (fastest
  and median of 4-5 rounds), then kept or dropped.  Kept: an option's letter and the question's
  number are plain text of the option and the stem, regular weight, each ending in a tab that
  stops where the text starts (white-space: pre-wrap keeps it), instead of bold spans; the last of
  several writing lines is the question's own bottom border (the gutter is now its left margin, so
  that border is as wide as the text: pixel-identical pages).  Together, 1,000 questions: 7.84 ->
  6.58 s (fastest of 5; medians 9.73 -> 7.55 s), 3.43 -> 2.87 times the plain paragraphs, the
  same 108 pages.  Dropped (no gain above the noise in the same runs): the true/false boxes as
  ballot-box characters (U+2610, in DejaVu Sans: 1.04 of the sheet), one column for short options
  instead of two inline-block columns (1.10, three more pages), the points given once per group
  ("1 point each": 1.00), a question's wrapper left out around a one-paragraph question (1.06),
  the number and the points as one justified absolute box (no gain in calls over the number as
  text).  cProfile's call counts misled here: the first page rendered in a process parses cffi's
  array types (pycparser) for every new glyph count, so the page measured first looked 5-9 %
  costlier; the benchmark now installs studykit.cffiarrays as studykit does.  The stylesheet
  each page parsed again (30 ms) is now parsed once per process (studykit.pdf), which does not
  show here (one page).  Where the rest goes (1,000 questions, profiled): the absolute points 9 %
  (1,052 boxes), the margin boxes 7 % (footer and "(continued)" on 108 pages), the pages
  themselves (108 against 59: writing lines and keep-together).
- Issue 10's fourteenth session (load 0.4-1): the sheet is rendered as studykit.pdf hands it to
  WeasyPrint, without the question ids and numbers (data-question, data-number: for scripts and tests
  reading the HTML output, no print rule reads them) and the line breaks before a block's tag (a text
  box each, dropped by the layout): 391 -> 316 kB for 1,000 questions, byte-identical PDFs; 3.01 ->
  2.97 times the plain paragraphs ("sheet as written" is the page before; fastest of 5, interleaved).
  Where the rest goes (profiled, 6.5 s): parsing 0.36 s, the cascade 0.64, layout 3.5 (the absolute
  points 0.44, of it 0.40 their own line's layout; margin boxes 0.41: WeasyPrint computes the 16
  margin boxes' styles again for every page), drawing and writing 1.65.
- Tried and left (an earlier session): WeasyPrint computes six pseudo-element styles (::marker,
  ::footnote-call, ...) for every element up front, 43,000 for a sheet's 6,900 elements;
  computing each when asked gave byte-identical PDFs but no gain above the noise in
  interleaved runs (-14 % to +7 %), so WeasyPrint is left as it is.
- Tried and left: one box with a repeating gradient for the writing lines
  (40 % cheaper, but greyer lines, a PDF three times as large, and a block
  that can no longer flow over a page break); an absolute question number
  instead of an inline block (no gain); crop marks of the flashcards as boxes
  instead of one SVG (15 % more calls).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import html as htmllib
import os
import re
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# One construct off at a time, to see what each costs.
VARIANTS = {
    "sheet": "",
    "no keep-together": ".question,.keep,.figure-appendix{break-inside:auto!important}"
                        "h2,.kind-instructions,.stem{break-after:auto!important}",
    "no absolute points": ".points{position:static!important;width:auto!important}",
    "no tables": "table,thead,tbody,tr,td,th{display:block!important}",
    "no inline blocks": ".box,.write-total{display:inline!important}"
                        ".options.two-columns li{display:block!important;width:auto!important}",
    "no writing lines": ".line{display:none!important}"
                        ".stem.lined{padding-bottom:0!important;border-bottom:0!important}",
    "no page footer": "@page{@bottom-center{content:none!important}@top-left{content:none!important}}",
    "no (continued) line": "@page{@top-left{content:none!important}}",
}


def sheet_html(questions: int, key: bool = False) -> str:
    from studykit.check import check_project
    from studykit.worksheets import render_sheet, sheets

    checked = check_project(REPO)
    deck_id = next(iter(checked.project.decks))
    rendered = checked.decks[deck_id]
    pool = [q for q in rendered.questions if "worksheet" in q.targets]
    many, round_ = [], 0
    while len(many) < questions:
        many += [replace(q, id=f"{q.id}-{round_}", guid_key=f"{q.guid_key}-{round_}")
                 for q in pool[:questions - len(many)]]
        round_ += 1
    recipe = replace(checked.project.decks[deck_id], worksheet={"chart": False})
    (sheet, answer_key), = sheets(checked.project, recipe, replace(rendered, questions=many))
    return render_sheet(answer_key if key else sheet)


def plain_paragraphs(sheet: str) -> str:
    """The sheet's words, one paragraph per question, in the sheet's fonts and page size.

    A blank's run of underscores is left out: the plain text is the words alone, as it was when
    blanks were boxes (so the ratio does not improve by giving the plain text more to set)."""
    body = sheet.split("<body", 1)[1]
    parts = re.findall(r'<div class="question.*?(?=<div class="question|</section>)', body, re.S)
    words = [htmllib.unescape(re.sub(r"_{20,}", " ", re.sub(r"<[^>]+>", " ", p))).split() for p in parts]
    paragraphs = [f"<p>{htmllib.escape(' '.join(w))}</p>" for w in words]
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>@page{size:A4;margin:15mm}"
            "html{font-family:'DejaVu Serif';font-size:11pt;line-height:1.35}</style></head><body>"
            + "\n".join(paragraphs) + "</body></html>")


def cpu_seconds(weasyprint, html: str, paused: bool) -> tuple[float, int]:
    from studykit.weasyfix import gc_paused

    gc.collect()  # each page starts from the same heap
    start = time.process_time()
    with gc_paused() if paused else contextlib.nullcontext():  # as studykit renders (pdf.html_to_pdf)
        document = weasyprint.HTML(string=html).render()
        document.write_pdf()
    return time.process_time() - start, len(document.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="variant names to run (default: all)")
    parser.add_argument("--key", action="store_true", help="the answer key instead of the worksheet")
    parser.add_argument("--stock", action="store_true",
                        help="WeasyPrint as shipped: no studykit.weasyfix or cffiarrays, garbage collection on (both pages)")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    os.chdir(REPO)
    import weasyprint

    from studykit import cffiarrays
    from studykit.weasyfix import install

    if not args.stock:
        install()  # as studykit renders, the plain paragraphs too (tinyhtml5's cache repaired)
        cffiarrays.install_for_weasyprint()  # as studykit renders: no C parser run while fonts are subset

    sheet = sheet_html(args.questions, args.key)
    pages = {"plain paragraphs": plain_paragraphs(sheet)}
    from studykit.pdf import lean_html

    for name, css in VARIANTS.items():
        if not args.only or name in args.only:
            pages[name] = lean_html(sheet.replace("</style>", css + "\n</style>", 1))  # as studykit.pdf hands it over
    if not args.only or "sheet as written" in args.only:
        pages["sheet as written"] = sheet  # before studykit.pdf.lean_html: ids, numbers and line breaks kept
    weasyprint.HTML(string="<p>warm up</p>").write_pdf()
    best: dict[str, tuple[float, int]] = {}
    for _ in range(args.repeat):
        for name, html in pages.items():
            seconds, count = cpu_seconds(weasyprint, html, paused=not args.stock)
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, count)
    plain = best["plain paragraphs"][0]
    print(f"{args.questions} questions, {'answer key' if args.key else 'worksheet'}, "
          f"{os.cpu_count()} cores, WeasyPrint {weasyprint.__version__}"
          f"{' as shipped' if args.stock else ' as studykit runs it (weasyfix, cffiarrays, GC paused)'}; "
          f"fastest of {args.repeat}")
    print(f"{'variant':24} {'CPU s':>7} {'pages':>6} {'x plain':>8}")
    for name, (seconds, count) in best.items():
        print(f"{name:24} {seconds:7.2f} {count:6d} {seconds / plain:8.2f}")


if __name__ == "__main__":
    main()
