"""What every command shares: failures as messages (never a traceback), plain help, common options."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from ..errors import StudykitError
from ..quickcli import INTERNAL, OK, USAGE, Output, as_file_fault, is_reader_gone, report_bug, report_error, report_fault


class Command(TyperCommand):
    """A studykit command: every failure becomes a message and an exit status, never a traceback.

    Also cleans typer's help: arguments show their name only (no ``<list[str]>``).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument):
                _plain_argument(param)

    def invoke(self, ctx: typer.Context):
        out = Output.of(ctx)
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except StudykitError as err:
            report_error(out, err)
            raise typer.Exit(err.exit_code) from None
        except OSError as err:
            if is_reader_gone(err):
                raise  # typer ends the process quietly (below: main)
            report_fault(out, err)
            raise typer.Exit(USAGE) from None
        except Exception as err:  # noqa: BLE001 - the one place a bug of ours is reported
            fault = as_file_fault(err)
            if fault is not None:
                report_fault(out, fault)
                raise typer.Exit(USAGE) from None
            report_bug(out, err)
            raise typer.Exit(INTERNAL) from None


def _plain_argument(param: TyperArgument) -> None:
    """Show an argument as NAME, [NAME] or [NAME]... in usage and help (no type in angle brackets)."""
    def usage_name() -> str:
        name = param.display_name_raw if param.required else f"[{param.display_name_raw}]"
        return name + ("..." if param.nargs != 1 else "")

    param.display_type_rich = lambda ctx: None
    param._usage_display_name = usage_name
    param._rich_display_name = usage_name


class Group(TyperGroup):
    """A group of commands; bare (``studykit``, ``studykit list``) it prints its help on stdout."""


CONTEXT = {"help_option_names": ["-h", "--help"]}

def help_if_bare(ctx: typer.Context) -> None:
    """A bare group (``studykit``, ``studykit list``) prints its help on stdout."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(OK)


PROJECT_OPT = typer.Option(Path("."), "--project", "-p", metavar="FOLDER",
                           help="The project folder (holds seeds/, question_templates/, decks/).",
                           show_default="the current folder")
DECKS_ARG = typer.Argument(None, metavar="DECK", help="Deck recipe ids (see decks/*.yaml).",
                           show_default="every deck")
JSON_OPT = typer.Option(False, "--json", help="Print one JSON document on stdout (also on failure).")
QUIET_OPT = typer.Option(False, "--quiet", "-q", help="Print only problems.")
VERBOSE_OPT = typer.Option(False, "--verbose", "-v",
                           help="Also print each step, and the traceback of an internal error.")
