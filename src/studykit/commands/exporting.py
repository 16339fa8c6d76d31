"""``studykit export``: the quiz and study formats, into a folder or one file to stdout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import UsageError
from ..quickcli import STDOUT, Output, success_document
from .base import DECKS_ARG, JSON_OPT, PROJECT_OPT, QUIET_OPT, VERBOSE_OPT


def _complete_formats(incomplete: str) -> list[str]:
    from ..export import ALL, FORMATS

    return [name for name in [*FORMATS, ALL] if name.startswith(incomplete)]


def export(
    fmt: str = typer.Argument(..., metavar="FORMAT", autocompletion=_complete_formats,
                              help="gift, moodle-xml, qti, aiken, blackboard, quizlet, anki-tsv, markdown, or all."),
    decks: Optional[list[str]] = DECKS_ARG,
    project: Path = PROJECT_OPT,
    out_dir: Optional[Path] = typer.Option(
        None, "--out", "-o", metavar="FOLDER",
        help="Output folder; '-' writes the one file of one format and one deck to stdout.",
        show_default="PROJECT/dist/exports"),
    tolerance: float = typer.Option(
        0.0, "--tolerance", metavar="PERCENT", help="Numeric questions: accepted error, in percent of "
        "the answer (answers hedged with 'about' always accept 10%)."),
    built: Optional[Path] = typer.Option(
        None, "--built", metavar="FOLDER", help="anki-tsv: the build folder of the deck whose notes it "
        "updates (where 'studykit build --out' wrote).", show_default="PROJECT/dist"),
    as_json: bool = JSON_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Write GIFT, Moodle XML, QTI, Aiken, Blackboard, Quizlet, Anki TSV or Markdown.

    Formats: gift and moodle-xml (Moodle question bank: multiple choice,
    true/false, short answer, numeric, matching; every question carries the
    fact and its citation as feedback), qti (an IMS QTI 1.2 zip for Canvas,
    Blackboard or Brightspace), aiken (Moodle's plain-text multiple choice
    and true/false), blackboard (Blackboard Learn's Upload Questions file,
    ordering questions included), quizlet (term TAB definition), anki-tsv
    (the .apkg's notes with the same GUIDs: re-importing updates cards in
    place), markdown (a study sheet grouped by topic). Files are written to
    PROJECT/dist/exports/ as DECK.gift, .moodle.xml, .qti.zip, .aiken.txt, .blackboard.txt, .quizlet.txt,
    .anki.tsv or .md; on any problem nothing is written.

    \b
    Examples:
      studykit export gift
      studykit export moodle-xml soviet-korean-relations-1967 --out ~/moodle
      studykit export quizlet soviet-korean-relations-1967 --out - > cards.txt
    """
    from ..export import export_project

    out = Output(quiet, verbose, as_json)
    if out_dir == STDOUT:
        if out.json:
            raise UsageError("--json and --out - both write to standard output; choose one")
        _export_to_stdout(out, project, fmt, decks, tolerance, built)
        return
    written = export_project(project, fmt, decks or None, out_dir, tolerance, built)
    if out.json:
        out.document(success_document({"files": [w.as_dict() for w in written]}))
    for item in written:
        out.result(item.line())


def _export_to_stdout(out: Output, project: Path, fmt: str, decks, tolerance: float, built: Path | None) -> None:
    """Export into a private folder, then send the single file to stdout (for piping)."""
    import tempfile

    from ..export import export_project

    with tempfile.TemporaryDirectory(prefix="studykit-export-") as tmp:
        written = export_project(project, fmt, decks or None, Path(tmp), tolerance, built)
        if len(written) != 1:
            raise UsageError(f"--out - (standard output) takes one file, but this export makes "
                             f"{len(written)} ({', '.join(w.path.name for w in written)}); name one "
                             "format and one deck, or pass a folder")
        [item] = written
        data = item.path.read_bytes()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        sys.stdout.flush()
        stream.write(data)
        stream.flush()
    out.note(item.line().replace(str(item.path), "standard output", 1))
