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
    as_json: bool = JSON_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Validate sources, facts, templates and deck recipes; write nothing.

    Prints one line per problem as path:line:col: message, then a summary.
    Exit status: 0 clean, 1 problems found, 2 usage error.

    Example: studykit check examples/my-project --json
    """
    from .check import check_project

    try:
        result = check_project(project)
    except StudykitError as err:
        fail(err)
    if as_json:
        typer.echo(json.dumps(result.as_dict(), indent=2))
    else:
        for problem in result.problems:
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

    try:
        report = build_project(project, decks or None, out, variants=variants, seed=seed)
    except StudykitError as err:
        fail(err)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    elif not quiet:
        for line in report.lines():
            typer.echo(line)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
