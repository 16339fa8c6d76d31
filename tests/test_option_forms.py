"""No shipped or example figure multiple choice whose answer alone is a fraction among whole numbers.

The ancient example asked "What figure does the chronicle give for the cost of one ship at sea for
a month?" with "about 0.5 talents" among "about 10 talents" and "about 15 talents": the one
option with a decimal point, the odd one out a test-wise student picks (and 10 or 15 talents a
month for 170 rowers at 3 obols a day is no believable cost).  The fact now skips the multiple
choice: the source gives no other sum near half a talent to offer, and the fact's answer, "About
half a talent", is in words, so hand-written options in figures would not serve it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studykit.check import check_project

REPO = Path(__file__).resolve().parent.parent
PROJECTS = [REPO, *sorted(p for p in (REPO / "examples").iterdir() if (p / "decks").is_dir())]
_DECIMAL = re.compile(r"\d\.\d")


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name)
def test_no_figure_multiple_choice_answer_alone_has_a_decimal_point(root):
    checked = check_project(root)
    for deck in checked.decks.values():
        for q in deck.questions:
            if q.template_id != "choice-figure" or q.correct is None:
                continue
            wrong = [o for o in q.options if o != q.answer]
            assert not (_DECIMAL.search(q.answer) and not any(_DECIMAL.search(o) for o in wrong)), (q.id, q.options)
