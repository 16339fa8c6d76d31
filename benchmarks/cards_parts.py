"""How many sheets one part of the printable flashcards should hold: a measurement, not a test.

Renders the shipped deck's flashcards in parts of N sheets (as studykit does,
each part its own WeasyPrint document), joins them, and prints per N: the CPU
of rendering every part (a first build), of one part (a rebuild after editing
one fact), of the join, and the sizes.  Smaller parts make an edit cheaper;
each part embeds its own subset of the fonts, so the joined PDF grows.

    python benchmarks/cards_parts.py --sheets 1 2 4 --repeat 2

Measured (WeasyPrint 70, 2 cores under a load of 10-13; the shipped deck's 259
cards, 65 sheets): parts of 4 sheets: 17 parts, 12.8 s CPU in all, 0.75 s one
part, a 570 KiB PDF; of 2 sheets: 33 parts, 12.3 s, 0.37 s, 796 KiB; of 1
sheet: 65 parts, 16.0 s, 0.25 s, 1.2 MiB (every part carries its own font
subsets).  One 4-sheet part: HTML parsing 0.03 s, cascade and layout 0.48 s,
drawing and writing (fonts included) 0.16-0.26 s.  Of its Python calls the
text itself is 36 %, the crop marks' SVG 10 %, the question ids 9 %, the
citations 3 %, the dotted outline 2 %; the rest is the per-page frame.
Joining the 17 parts: pypdf 0.40-0.50 s (and 0.19 s to import it); a
hand-written joiner tried that day 0.03-0.06 s; pikepdf (qpdf), which studykit
uses, 0.13-0.21 s with its import.

Issue 10's fourth session (load 4-8): each topic starts a sheet of its own, so
a card added mid-deck renders again only the parts of its topic (the shipped
deck of 264 cards: 10 parts, 2.8 s, instead of 18 parts, 6.6 s), for three
more sheets in all (a topic's odd last sheet joins the part before: still 33
parts; all of them 10.8 s against 11.9 s before, interleaved in one run).  The
crop marks are one SVG path (WeasyPrint draws an SVG node by node, on every
page) and the id's box has a known width (no shrink-to-fit); a part costs about
what it did (0.28-0.30 s).  Of a part's Python calls the id (a line in DejaVu
Sans Mono) is 10 %, the dotted outline 3 %, the crop marks 4 %, the citation 2 %.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    os.chdir(REPO)
    import weasyprint

    from studykit.weasyfix import install

    install()  # as studykit renders (tinyhtml5's cache repaired)

    from studykit import flashcards
    from studykit.check import check_project
    from studykit.pdf import join_pdfs

    checked = check_project(REPO)
    deck_id = next(iter(checked.project.decks))
    recipe = checked.project.decks[deck_id]
    questions = flashcards.card_questions(checked.decks[deck_id].questions)
    layout = flashcards.layout_for()
    # a teacher adds a fact: one more card in the middle of the deck (a copy under a new id)
    middle = len(questions) // 2
    added = [*questions[:middle], replace(questions[middle], id=questions[middle].id + "-added"),
             *questions[middle:]]
    weasyprint.HTML(string="<p>warm up</p>").write_pdf()
    rows = {}
    for _ in range(args.repeat):  # interleaved, the fastest of each kept
        for sheets in args.sheets:
            parts = flashcards.cards_html(checked.project, recipe, questions, layout, sheets_per_part=sheets)
            start = time.process_time()
            pdfs = [weasyprint.HTML(string=part).write_pdf() for part in parts]
            rendered = time.process_time()
            joined = join_pdfs(pdfs)
            done = time.process_time()
            fresh = set(flashcards.cards_html(checked.project, recipe, added, layout, sheets_per_part=sheets))
            fresh -= set(parts)
            again = time.process_time()
            for part in fresh:
                weasyprint.HTML(string=part).write_pdf()
            run = (rendered - start, done - rendered, len(parts), sum(map(len, pdfs)), len(joined),
                   len(fresh), time.process_time() - again)
            if sheets not in rows or run[0] < rows[sheets][0]:
                rows[sheets] = run
    print(f"{len(questions)} cards, {os.cpu_count()} cores, WeasyPrint {weasyprint.__version__}; "
          f"fastest of {args.repeat}; 'card added': one more card in the middle of the deck")
    print(f"{'sheets/part':>11} {'parts':>6} {'all parts s':>12} {'one part s':>11} {'join s':>7} "
          f"{'parts KiB':>10} {'PDF KiB':>8} {'card added: parts':>18} {'s':>6}")
    for sheets, (render, join, count, parts_size, size, fresh, again) in rows.items():
        print(f"{sheets:11d} {count:6d} {render:12.2f} {render / count:11.3f} {join:7.3f} "
              f"{parts_size // 1024:10d} {size // 1024:8d} {fresh:18d} {again:6.2f}")


if __name__ == "__main__":
    main()
