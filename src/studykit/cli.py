"""The command line: parses arguments and calls the library, nothing more.

Heavy libraries (genanki, WeasyPrint, watchfiles) are imported inside the
commands that need them, so ``studykit --help`` and ``studykit check`` start fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from .errors import InvalidContent, StudykitError

app = typer.Typer(
    name="studykit",
    help="Turn a primary-source document into Anki decks, worksheets and quiz exports.\n\n"
    "Example: studykit build   (in a project folder with seeds/, question_templates/ and decks/)",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

PROJECT_ARG = typer.Argument(
    Path("."), help="The project folder (holds seeds/, question_templates/, decks/).",
    show_default="the current folder",
)
JSON_OPT = typer.Option(False, "--json", help="Print machine-readable JSON instead of text.")
QUIET_OPT = typer.Option(False, "--quiet", "-q", help="Print only problems.")


@app.callback()
def _root() -> None:
    """Turn a primary-source document into Anki decks, worksheets and quiz exports."""


def fail(err: StudykitError) -> None:
    """Report a StudykitError without a traceback and exit with its code."""
    if isinstance(err, InvalidContent):
        for problem in err.problems:
            typer.echo(str(problem), err=True)
        typer.echo(f"{len(err.problems)} problem(s) found; nothing was written.", err=True)
    else:
        typer.echo(f"error: {err}", err=True)
    raise typer.Exit(err.exit_code)


@app.command()
def check(
    project: Path = PROJECT_ARG,
    project_opt: Optional[Path] = typer.Option(
        None, "--project", "-p", help="The project folder, as for the other commands."),
    as_json: bool = JSON_OPT,
    quiet: bool = QUIET_OPT,
    strict: bool = typer.Option(False, "--strict", help="Fail (exit 1) on quality warnings too."),
) -> None:
    """Validate sources, facts, templates and deck recipes; write nothing.

    Prints one line per problem as path:line:col: message, then a summary.
    Exit status: 0 clean, 1 problems found, 2 usage error.

    Example: studykit check examples/my-project --json
    """
    from .check import check_project

    try:
        result = check_project(project_opt or project, strict=strict)
    except StudykitError as err:
        fail(err)
    if as_json:
        typer.echo(json.dumps(result.as_dict(), indent=2))
    else:
        for problem in result.reported:
            typer.echo(str(problem))
        if not quiet or not result.ok:
            typer.echo(result.summary())
    raise typer.Exit(0 if result.ok else 1)


@app.command()
def build(
    decks: Optional[list[str]] = typer.Argument(
        None, metavar="DECK", help="Deck recipe ids to build (see decks/*.yaml).",
        show_default="every deck"),
    project: Path = typer.Option(Path("."), "--project", "-p", help="The project folder.",
                                 show_default="the current folder"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder.",
                                       show_default="PROJECT/dist"),
    variants: Optional[int] = typer.Option(None, "--variants", min=1,
                                           help="Worksheet variants (shuffled versions) per deck."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Seed for worksheet shuffling."),
    only: Optional[list[str]] = typer.Option(
        None, "--only", metavar="KIND", help="Make only this output (repeatable): anki, worksheet, "
        "practice or cards.", show_default="the recipe's outputs"),
    as_json: bool = JSON_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Build one .apkg (plus manifest and worksheets) per deck recipe.

    Validates like 'studykit check' first; on any problem nothing is written.
    Rebuilding keeps students' review history: edited notes update in place,
    notes of removed facts stay in the deck tagged 'retired'. Prints per deck
    the notes added, changed, unchanged and retired since the previous build.

    Example: studykit build -p examples/my-project --out /tmp/decks
    """
    from .build import build_project
    from .progress import DelayedProgress

    try:
        with DelayedProgress(enabled=None if not (quiet or as_json) else False) as progress:
            report = build_project(project, decks or None, out, variants=variants, seed=seed,
                                   progress=progress, only=only or None)
    except StudykitError as err:
        fail(err)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    elif not quiet:
        for line in report.lines():
            typer.echo(line)


# --- exports and the teacher's workflow (issue 5) ------------------------------------

PROJECT_OPT = typer.Option(Path("."), "--project", "-p", help="The project folder.",
                           show_default="the current folder")
DECKS_ARG = typer.Argument(None, metavar="[DECK]...", help="Deck recipe ids (see decks/*.yaml).",
                           show_default="every deck")


def _complete_formats(incomplete: str) -> list[str]:
    from .export import ALL, FORMATS

    return [name for name in [*FORMATS, ALL] if name.startswith(incomplete)]


def _complete_fact_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    from .load import load_project

    try:
        project, _ = load_project(Path(ctx.params.get("project") or "."))
    except StudykitError:
        return []
    return [fact_id for fact_id in project.facts if fact_id.startswith(incomplete)]


def _problem_note(problems) -> None:
    if problems:
        typer.echo(f"note: the project has {len(problems)} problem(s); run 'studykit check'", err=True)


@app.command()
def export(
    fmt: str = typer.Argument(..., metavar="FORMAT", autocompletion=_complete_formats,
                              help="gift, moodle-xml, qti, quizlet, anki-tsv, markdown, or all."),
    decks: Optional[list[str]] = DECKS_ARG,
    project: Path = PROJECT_OPT,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder.",
                                       show_default="PROJECT/dist/exports"),
    tolerance: float = typer.Option(
        0.0, "--tolerance", help="Numeric questions: accepted error, in percent of the answer "
        "(answers hedged with 'about' always accept 10%)."),
    as_json: bool = JSON_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Export the decks' questions for Moodle, Quizlet, Anki text import or as a study sheet.

    Formats: gift and moodle-xml (Moodle question bank: multiple choice,
    true/false, short answer, numeric, matching; every question carries the
    fact and its citation as feedback), qti (an IMS QTI 1.2 zip for Canvas,
    Blackboard or Brightspace), quizlet (term TAB definition), anki-tsv
    (the .apkg's notes with the same GUIDs: re-importing updates cards in
    place), markdown (a study sheet grouped by topic). Files are written to
    PROJECT/dist/exports/DECK.<format suffix>; on any problem nothing is written.

    Example: studykit export gift soviet-korean-relations-1967 --out ~/moodle
    """
    from .export import export_project

    try:
        written = export_project(project, fmt, decks or None, out, tolerance)
    except StudykitError as err:
        fail(err)
    if as_json:
        typer.echo(json.dumps({"files": [w.as_dict() for w in written]}, indent=2))
    elif not quiet:
        for item in written:
            typer.echo(item.line())


@app.command()
def diff(
    decks: Optional[list[str]] = DECKS_ARG,
    project: Path = PROJECT_OPT,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="The build folder to compare with.",
                                       show_default="PROJECT/dist"),
    as_json: bool = JSON_OPT,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the summary per deck."),
) -> None:
    """Show what the next 'studykit build' would change for students; write nothing.

    Compares with the previous build's manifest: + added, ~ changed (review
    history kept), - retired (the fact was removed; the card stays, tagged
    'retired'). Exit status 1 if the project has problems.

    Example: studykit diff -p examples/my-project --json
    """
    from .build import build_project
    from .impact import impact_lines

    try:
        report = build_project(project, decks or None, out, dry_run=True)
    except StudykitError as err:
        fail(err)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
        return
    for line in impact_lines(report, detail=not quiet):
        typer.echo(line)


@app.command()
def watch(
    decks: Optional[list[str]] = DECKS_ARG,
    project: Path = PROJECT_OPT,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder.",
                                       show_default="PROJECT/dist"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only problems."),
) -> None:
    """Rebuild whenever a file in seeds/, question_templates/ or decks/ changes.

    Builds once, then after every save (changes close together make one
    rebuild). On a problem it prints path:line:col: message and keeps the last
    good outputs until the files are fixed. Stop with Ctrl-C.

    Example: studykit watch -p examples/my-project
    """
    from .watch import watch_project

    def show(rebuild) -> None:
        lines = rebuild.lines() if not quiet or not rebuild.ok else []
        for line in lines:
            typer.echo(line, err=not rebuild.ok)
        if not quiet:
            typer.echo("watching for changes (Ctrl-C to stop)...")

    try:
        watch_project(project, decks or None, out, on_rebuild=show)
    except StudykitError as err:
        fail(err)
    except KeyboardInterrupt:
        pass
    if not quiet:
        typer.echo("stopped watching")


@app.command()
def preview(
    fact_id: str = typer.Argument(..., metavar="FACT_ID", autocompletion=_complete_fact_ids,
                                  help="A fact id (or a former id listed under 'was:')."),
    project: Path = PROJECT_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Show every question the templates make from one fact, without building.

    Lists each question with its prompt, choices and answer, the templates
    that do not apply to the fact, and any template problem it triggers.

    Example: studykit preview grain-requested-vs-promised
    """
    from .preview import preview_fact

    try:
        shown = preview_fact(project, fact_id)
    except StudykitError as err:
        fail(err)
    if as_json:
        typer.echo(json.dumps(shown.as_dict(), indent=2, ensure_ascii=False))
    else:
        for line in shown.lines():
            typer.echo(line)
    raise typer.Exit(1 if shown.problems else 0)


list_app = typer.Typer(
    name="list", no_args_is_help=True, rich_markup_mode=None,
    help="List the project's facts, templates or decks.\n\n"
    "Example: studykit list facts --topic aid --kind figure",
)
app.add_typer(list_app, name="list")


def _print_listing(listing, as_json: bool) -> None:
    import shutil

    if as_json:
        typer.echo(json.dumps(listing.as_dict(), indent=2, ensure_ascii=False))
    else:
        lines = listing.lines(width=shutil.get_terminal_size((100, 24)).columns)
        for line in lines or [f"no {listing.what} match"]:
            typer.echo(line)
    _problem_note(listing.problems)


@list_app.command("facts")
def list_facts(
    topic: Optional[str] = typer.Option(None, "--topic", help="Only facts of this topic id."),
    kind: Optional[str] = typer.Option(None, "--kind", help="Only facts of this kind: "
                                       "event, claim, figure, list, person or term."),
    tag: Optional[str] = typer.Option(None, "--tag", help="Only facts with this tag."),
    project: Path = PROJECT_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """List facts (id, kind, topic, statement) in study order, optionally filtered.

    Example: studykit list facts --topic aid --kind figure
    """
    from .listing import list_facts as listing

    try:
        _print_listing(listing(project, topic=topic, kind=kind, tag=tag), as_json)
    except StudykitError as err:
        fail(err)


@list_app.command("templates")
def list_templates(project: Path = PROJECT_OPT, as_json: bool = JSON_OPT) -> None:
    """List question templates with their style, targets and questions made.

    Example: studykit list templates --json
    """
    from .listing import list_templates as listing

    try:
        _print_listing(listing(project), as_json)
    except StudykitError as err:
        fail(err)


@list_app.command("decks")
def list_decks(project: Path = PROJECT_OPT, as_json: bool = JSON_OPT) -> None:
    """List deck recipes with their facts and questions.

    Example: studykit list decks
    """
    from .listing import list_decks as listing

    try:
        _print_listing(listing(project), as_json)
    except StudykitError as err:
        fail(err)


@app.command()
def init(
    directory: Path = typer.Argument(..., metavar="DIR", help="A new or empty folder."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing on success."),
) -> None:
    """Create a new project for another document: sample source, facts, templates, deck.

    The project passes 'studykit check' and 'studykit build' as created;
    replace the sample with your document (see the README's guide).
    Refuses a folder that is not empty.

    Example: studykit init ~/decks/magna-carta
    """
    from .scaffold import create_project

    try:
        files = create_project(directory)
    except StudykitError as err:
        fail(err)
    if not quiet:
        typer.echo(f"created {directory}:")
        for top in sorted({f.parts[0] for f in files}):
            inside = [f for f in files if f.parts[0] == top]
            typer.echo(f"  {top}/ ({len(inside)} file{'s' if len(inside) != 1 else ''})")
        typer.echo(f"next: cd {directory} && studykit check && studykit build")
        typer.echo("then replace the sample in seeds/ with your own document and facts "
                   "(README: 'Starting a deck for another document')")


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="studykit")  # the same name (and completion) for 'python -m studykit'
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
