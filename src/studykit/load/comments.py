"""A '#' after unquoted text starts a YAML comment: warn where it may have cut a text short."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..yamlio import LocDict, LocList
from .against_source import shorten
from .loader import Loader


# Fact keys holding prose, where a '#' may belong to the text rather than start a comment.
PROSE_KEYS = ("statement", "question", "answer", "quote", "key_terms", "context", "accept",
              "distractors", "false_statements", "analysis", "data")


def warn_cut_by_comment(loader: Loader, path: Path, raw: LocDict, fact_id: str) -> None:
    """A '#' after unquoted text starts a YAML comment: the text may have been cut short."""
    if not raw.may_be_cut:  # no comment after a value inside it
        return
    for key in PROSE_KEYS:
        if key not in raw:
            continue
        if key in raw.cut_by_comment:
            warn_cut(loader, path, raw.cut_by_comment[key], raw[key], fact_id, key)
        for sub, value, where in _cut_inside(raw[key]):
            warn_cut(loader, path, where, value, fact_id, f"{key} {sub}")


def _cut_inside(value, depth: int = 0, whole: bool = False):
    """(label, text, position of '#') for every cut text inside a list or mapping.

    ``whole``: a file's top level, whose keys are labelled bare (title, not 'title')."""
    if depth > 5 or not isinstance(value, (LocDict, LocList)) or not value.may_be_cut:
        return  # (may_be_cut False: nothing inside it was cut)
    items = value.items() if isinstance(value, LocDict) else enumerate(value)
    for key, item in items:
        label = f"#{key + 1}" if isinstance(value, LocList) else (str(key) if whole else f"'{key}'")
        if key in value.cut_by_comment:
            yield label, item, value.cut_by_comment[key]
        yield from ((f"{label} {sub}", v, w) for sub, v, w in _cut_inside(item, depth + 1))


def warn_cut(loader: Loader, path: Path, where, value, fact_id: str, what: str,
              owner: str = "fact") -> None:
    loader.problems.append(Problem(
        loader.shown(path), where[0], where[1],
        f"{owner} '{fact_id}', {what}: this '#' starts a YAML comment, so the unquoted text before it "
        f"ends at \"{shorten(str(value), 40)}\"; if the '#' and what follows belong to the text, "
        "put the whole value in quotes; if it is a comment, move it to a line of its own",
        severity="warning"))


def warn_cut_in_file(loader: Loader, path: Path, data, owner: str, name: str) -> None:
    """The same warning for source, template, note type and recipe files: any text of several
    words cut by a '#' ('title: Report #5' keeps only "Report"); a one-word value with a
    trailing comment ('style: matching  # ...') is left alone."""
    if not isinstance(data, LocDict):
        return
    for key, value, where in _cut_inside(data, 0, whole=True):
        if isinstance(value, str) and len(value.split()) > 1:
            warn_cut(loader, path, where, value, name, key, owner)
