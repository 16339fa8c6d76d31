"""Printable worksheets and their answer keys, in versions for a class.

A deck recipe's ``worksheet:`` mapping (:mod:`.spec`) says which questions of
which styles each section (one per topic) holds.  The stage, one concept per
module:

- :mod:`.spec`       the recipe's settings, validated, with defaults and printed words
- :mod:`.giveaways`  which two questions must not share a sheet
- :mod:`.choose`     the questions of each version (the same, or drawn per version)
- :mod:`.versions`   each version's order of kinds, questions and options
- :mod:`.requests`   ``studykit check``: sections asking for more than the templates make
- :mod:`.render`     the Jinja layouts (a project's ``layouts/`` first) and their wording
- :mod:`.sheets`     the (worksheet, answer key) pairs
- :mod:`.write`      the files: HTML, and PDFs made only when their HTML changed

Files, per version letter (always lettered, also when there is one version):
``<deck>-worksheet-A.html``/``.pdf`` and ``<deck>-answer-key-A.html``/``.pdf``.
"""

from __future__ import annotations

from .. import chart as charts
from ..errors import UsageError
from .items import TALL_MM, Group, Item, Section
from .render import MARGINS_MM, Sheet, content_width_mm, points_label, quick_answer, render_sheet
from .requests import request_problems
from .sheets import letters, sheets
from .spec import (
    BANK_ORDER, CHART, KINDS, LABELS, MAX_VARIANTS, PAPERS, WorksheetSpec, check_worksheet_spec,
    worksheet_spec,
)
from .versions import version
from .write import write_pdfs, write_worksheets

__all__ = [
    "BANK_ORDER", "CHART", "KINDS", "LABELS", "MARGINS_MM", "MAX_VARIANTS", "PAPERS", "TALL_MM",
    "Group", "Item", "Section", "Sheet", "UsageError", "WorksheetSpec", "charts",
    "check_worksheet_spec", "content_width_mm", "letters", "points_label", "quick_answer",
    "render_sheet", "request_problems", "sheets", "version", "worksheet_spec", "write_pdfs",
    "write_worksheets",
]
