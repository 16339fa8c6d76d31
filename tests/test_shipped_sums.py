"""No shipped or example figure multiple choice offers its answer's total or parts.

The README promises it for borrowed options ("the total amount of 800 million USD (500 million
... and 300 million ...)"), but the shipped facts' own `distractors:` offered "300 | 800 | 200 |
*500 million USD" for the credit and "500 | 200 | *300 | 800 million USD" for the reparations:
300 + 500 = 800 among the options tells the student which is the total, so it is no part.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from studykit.check import check_project
from studykit.quotes import numbers_in

REPO = Path(__file__).resolve().parent.parent
PROJECTS = [REPO, *sorted(p for p in (REPO / "examples").iterdir() if (p / "decks").is_dir())]


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name)
def test_no_figure_multiple_choice_offers_its_total_or_parts(root):
    checked = check_project(root)
    for deck in checked.decks.values():
        for q in deck.questions:
            if q.template_id != "choice-figure":
                continue
            sums = {float(s) for s in q.fact.figure_elsewhere.get("sum", [])}
            wrong = {n for o in q.options if o != q.answer for n in numbers_in(o)}
            assert not sums & wrong, (q.id, q.options)
