"""The command line: parses arguments and calls the library, nothing more.

One rule for every command: results on stdout; problems, notes and progress
on stderr; with ``--json`` exactly one JSON document on stdout, also when the
command fails.  Exit status 0 success, 1 problems in the project's files,
2 usage errors (and files that cannot be written), 3 a bug of ours.

The commands themselves live in :mod:`studykit.commands`, one module per group.
Heavy libraries (genanki, WeasyPrint, watchfiles) are imported inside the
commands that need them, so ``studykit --help`` and ``studykit check`` start fast.
"""

from __future__ import annotations

import sys

import typer

from . import __version__
from .commands import building, exporting, looking, starting
from .commands.base import CONTEXT, Command, Group, help_if_bare
from .quickcli import (  # noqa: F401 - the typer-free core, also used from here by other modules
    DEBUG_ENV, INTERNAL, INTERRUPTED, OK, READER_GONE, Output, failure_document, is_reader_gone, report_bug,
    say_interrupted, stopped_status,
)


app = typer.Typer(
    name="studykit", cls=Group, context_settings=CONTEXT, add_completion=True,
    rich_markup_mode=None, pretty_exceptions_enable=False,
    help="Turn a primary-source document into Anki decks, worksheets and quiz exports.\n\n"
    "Run it in a project folder (seeds/, question_templates/ and decks/); "
    "'studykit COMMAND -h' explains a command.\n\n"
    "Example: studykit build",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"studykit {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_version,
                                 help="Print the version and exit."),
) -> None:
    """Turn a primary-source document into Anki decks, worksheets and quiz exports."""
    help_if_bare(ctx)


# --- the commands, in the order --help lists them -------------------------------------------

app.command(cls=Command)(building.check)
app.command(cls=Command)(building.build)
app.command(cls=Command)(exporting.export)
app.command(cls=Command)(building.diff)
app.command(cls=Command)(building.watch)
app.command(cls=Command)(looking.preview)
app.add_typer(looking.list_app, name="list")
app.command(cls=Command)(starting.init)


def _command_named(args: list[str]) -> str:
    """'studykit CMD' (or 'studykit CMD SUB') for the command ``args`` name, as far as they name one."""
    shown, group = ["studykit"], typer.main.get_command(app)
    for arg in args:
        commands = getattr(group, "commands", None)
        if arg.startswith("-") or not isinstance(commands, dict) or arg not in commands:
            break
        shown.append(arg)
        group = commands[arg]
    return " ".join(shown)


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point: one top-level handler for everything a command did not report."""
    from typer._click import exceptions as click_errors

    args = sys.argv[1:] if argv is None else list(argv)
    out = Output(verbose="--verbose" in args or "-v" in args, as_json="--json" in args)
    try:
        status = app(args=args, prog_name="studykit", standalone_mode=False)
    except click_errors.ClickException as err:  # usage errors found while parsing
        err.show()
        if isinstance(err, click_errors.UsageError) and err.ctx is None:  # e.g. an option's value missing
            typer.echo(f"Try '{_command_named(args)} -h' for help.", err=True)
        status = err.exit_code
        if out.json:
            out.document(failure_document(err.format_message(), status))
    except (typer.Abort, KeyboardInterrupt):
        say_interrupted()
        return stopped_status()
    except SystemExit as err:  # typer's own ending: a command, its help or version met a closed pipe
        if _typer_quieted_stdout():
            return READER_GONE
        status = err.code
    except Exception as err:  # noqa: BLE001 - a bug outside any command
        if is_reader_gone(err):
            return READER_GONE
        report_bug(out, err)
        status = INTERNAL
    status = status if isinstance(status, int) else OK
    if status == INTERRUPTED:  # typer turns a KeyboardInterrupt (so SIGTERM's too) into this status
        say_interrupted()
        return stopped_status()
    return status


def _typer_quieted_stdout() -> bool:
    """Whether typer found stdout's reader gone: it then wraps stdout to swallow the last flush."""
    return type(sys.stdout).__name__ == "PacifyFlushWrapper"
