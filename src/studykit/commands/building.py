"""The commands of the build cycle: check, build, diff and watch."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..quickcli import Output, refuse_stdout, run_build, run_check, say_interrupted, stopped_status, success_document
from .base import DECKS_ARG, JSON_OPT, PROJECT_OPT, QUIET_OPT, VERBOSE_OPT


def check(
    project: Path = typer.Argument(Path("."), metavar="PROJECT", show_default="the current folder",
                                   help="The project folder (holds seeds/, question_templates/, decks/)."),
    project_opt: Optional[Path] = typer.Option(
        None, "--project", "-p", metavar="FOLDER", help="The project folder, as for the other commands."),
    strict: bool = typer.Option(False, "--strict", help="Fail (exit 1) on quality warnings too."),
    as_json: bool = JSON_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Validate sources, facts, templates and recipes; write nothing.

    Prints each problem as path:line:col: message (on stderr), then a summary.
    Quality warnings are printed but fail only with --strict.
    Exit status: 0 clean, 1 problems found, 2 usage error.

    \b
    Examples:
      studykit check
      studykit check --json
    """
    raise typer.Exit(run_check(Output(quiet, verbose, as_json), project_opt or project, strict))


def build(
    decks: Optional[list[str]] = DECKS_ARG,
    project: Path = PROJECT_OPT,
    out_dir: Optional[Path] = typer.Option(None, "--out", "-o", metavar="FOLDER", help="Output folder.",
                                           show_default="PROJECT/dist"),
    variants: Optional[int] = typer.Option(None, "--variants", metavar="N",
                                           help="Worksheet versions (A, B, ...) per deck."),
    seed: Optional[int] = typer.Option(None, "--seed", metavar="N", help="Seed for worksheet shuffling."),
    only: Optional[list[str]] = typer.Option(
        None, "--only", metavar="KIND", help="Make only this output (repeatable): anki, worksheet, "
        "practice or cards.", show_default="the recipe's outputs"),
    as_json: bool = JSON_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Write the .apkg, manifest and worksheets of each deck.

    Validates like 'studykit check' first; on any problem nothing is written.
    It renders only the templates whose questions its outputs show: an error
    met only while rendering another template is left to 'studykit check'.
    Rebuilding keeps students' review history: edited notes update in place,
    notes of removed facts stay in the deck tagged 'retired'. Prints per deck
    the notes added, changed, unchanged and retired since the previous build.
    A second build into the same folder waits for the first to finish.

    \b
    Examples:
      studykit build
      studykit build soviet-korean-relations-1967 --variants 2
      studykit build --out ~/decks --json
      studykit build --only practice
    """
    run_build(Output(quiet, verbose, as_json), project, decks or None, out_dir, variants, seed, only)


def diff(
    decks: Optional[list[str]] = DECKS_ARG,
    project: Path = PROJECT_OPT,
    out_dir: Optional[Path] = typer.Option(None, "--out", "-o", metavar="FOLDER",
                                           help="The build folder to compare with.",
                                           show_default="PROJECT/dist"),
    as_json: bool = JSON_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Show what the next build changes for students; write nothing.

    Compares with the previous build's manifest: + added, ~ changed (review
    history kept), - retired (its fact or template was removed, or a rule no
    longer asks it; the card stays, tagged 'retired'). Exit status 1 if the project has problems.

    \b
    Examples:
      studykit diff
      studykit diff --json
    """
    from ..build import build_project
    from ..impact import impact_lines

    out = Output(quiet, verbose, as_json)
    refuse_stdout(out_dir, "diff")
    with out.progress() as progress:
        report = build_project(project, decks or None, out_dir, dry_run=True, progress=progress)
    if out.json:
        out.document(success_document(report.as_dict()))
    for line in impact_lines(report, detail=True):
        out.result(line)


def watch(
    decks: Optional[list[str]] = DECKS_ARG,
    project: Path = PROJECT_OPT,
    out_dir: Optional[Path] = typer.Option(None, "--out", "-o", metavar="FOLDER", help="Output folder.",
                                           show_default="PROJECT/dist"),
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Rebuild on every change to seeds, templates or recipes.

    Builds once, then after every save (saves closer together than 0.4 s make
    one rebuild). On a problem it prints path:line:col: message and keeps the
    last good outputs until the files are fixed. Changes inside the output
    folder are ignored. Stop with Ctrl-C (exit status 130).

    \b
    Examples:
      studykit watch
    """
    from ..watch import watch_project

    out = Output(quiet, verbose, False)
    refuse_stdout(out_dir, "watch")

    def show(rebuild) -> None:
        for line in rebuild.lines():
            if rebuild.ok:
                out.result(line)
            else:
                out.problem(line)
        out.note("watching for changes (Ctrl-C to stop)...")

    try:
        watch_project(project, decks or None, out_dir, on_rebuild=show)
    except KeyboardInterrupt:
        pass
    # Only Ctrl-C (or SIGTERM, SIGHUP) ends the loop (watchfiles ends it quietly between rebuilds, a
    # rebuild raises): interrupted, as every command says it, in its own words
    say_interrupted("stopped watching")
    raise typer.Exit(stopped_status())
