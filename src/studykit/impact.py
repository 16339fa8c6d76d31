"""``studykit diff``: what the next build would change for students, question by question.

The numbers come from a dry run of the build (which writes nothing); this
module only lays them out: ``+`` added, ``~`` changed (review history kept),
``-`` retired (the fact is gone; the card stays, tagged retired).
"""

from __future__ import annotations

MARKS = (("added", "+"), ("changed", "~"), ("retired", "-"))


def impact_lines(report, detail: bool = True) -> list[str]:
    """The dry-run report's summary per deck, then one line per affected question."""
    lines = []
    for deck in report.decks:
        lines += deck.lines(dry_run=True)
        if detail and not deck.first_build:
            for key, mark in MARKS:
                lines += [f"  {mark} {question_id}" for question_id in getattr(deck, key)]
        if not (deck.added or deck.changed or deck.retired):
            lines.append("  nothing to rebuild for students: every note is unchanged")
    return lines
