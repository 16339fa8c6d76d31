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

import importlib

# Imported at once: importing the submodule 'sheets' later would bind the package's name
# 'sheets' to that module instead of its function.
from .sheets import letters, sheets

# Each name from the submodule that defines it, imported on first use: ``studykit check``
# needs only :mod:`.requests`, not the layouts, Jinja environment and PDF writer.
_HOMES = {
    "charts": "..chart", "UsageError": "..errors",
    **dict.fromkeys(("TALL_MM", "Group", "Item", "Section"), ".items"),
    **dict.fromkeys(("MARGINS_MM", "Sheet", "content_width_mm", "points_label", "quick_answer",
                     "render_sheet"), ".render"),
    "request_problems": ".requests",
    "letters": ".sheets", "sheets": ".sheets",
    **dict.fromkeys(("BANK_ORDER", "CHART", "KINDS", "LABELS", "MAX_VARIANTS", "PAPERS", "WorksheetSpec",
                     "check_worksheet_spec", "worksheet_spec"), ".spec"),
    "version": ".versions",
    **dict.fromkeys(("write_pdfs", "write_worksheets"), ".write"),
}
_RENAMED = {"charts": "chart"}  # names that differ from the module's own

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(home, __name__)
    value = module if name in _RENAMED else getattr(module, name)
    globals()[name] = value
    return value
