"""Whether a build will print (worksheets, flashcards): a hint read before the project is loaded.

The PDF helper (:mod:`warmpdf`) imports WeasyPrint in a process of its own; started
early, it does so while the build fingerprints and checks the inputs.  What is
really printed is decided after checking; this only decides how early the helper starts.
"""

from __future__ import annotations

import re
from contextlib import nullcontext
from pathlib import Path

from . import buildcache


def early_helper(root: Path, out: Path, only: list[str] | None, dry_run: bool, stamp: str):
    """The PDF helper started at once when this build will most likely render a PDF, so it imports
    WeasyPrint while the inputs are fingerprinted too.

    That is known for sure only later (the fingerprint hashes the inputs' bytes, the
    PDF cache compares pages); the hint here is the stamp of the input files' names,
    sizes and times that the last build recorded.  With no record, a first build
    renders every PDF.  With a different stamp, a build that prints flashcards lays
    out the part showing an edited card (they print every card), while worksheets
    print a selection that most edits miss, so a worksheet-only rebuild starts the
    helper only once the cache has said no, as every build whose stamp is unchanged
    does (an unchanged rebuild starts none).
    """
    if dry_run:
        return nullcontext()
    recorded = buildcache.recorded_stamp(out)
    if recorded == stamp:
        return nullcontext()
    printing = may_print(root, only)
    if not printing or (buildcache.has_record(out) and "cards" not in printing):
        return nullcontext()
    from . import warmpdf

    return warmpdf.started()


_OUTPUTS = re.compile(r"^outputs\s*:(?P<flow>[^\n]*)(?P<block>(?:\n[ \t]+-[^\n]*)*)", re.MULTILINE)
_WORKSHEET = re.compile(r"^worksheet\s*:", re.MULTILINE)


def may_print(root: Path, only: list[str] | None) -> set[str]:
    """The printed kinds (worksheet, cards) some recipe may make: a hint read before loading.

    Only decides whether WeasyPrint is imported early, in a helper process
    (:mod:`warmpdf`); what is really printed is decided after checking.  Read
    from the recipes' text, not parsed: YAML that check would refuse (an alias
    bomb) must not cost anything here.
    """
    printed = {"worksheet", "cards"}
    if only:
        return printed & set(only)
    kinds: set[str] = set()
    for path in sorted((root / "decks").glob("*.y*ml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            continue
        asked = _OUTPUTS.search(text)
        if asked:
            kinds |= {kind for kind in printed if re.search(rf"\b{kind}\b", asked.group(0))}
        elif _WORKSHEET.search(text):
            kinds.add("worksheet")
    return kinds
