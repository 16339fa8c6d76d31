"""The command line: parses arguments and calls the library, nothing more.

One rule for every command: results on stdout; problems, notes and progress
on stderr; with ``--json`` exactly one JSON document on stdout, also when the
command fails.  Exit status 0 success, 1 problems in the project's files,
2 usage errors (and files that cannot be written), 3 a bug of ours.

Heavy libraries (genanki, WeasyPrint, watchfiles) are imported inside the
commands that need them, so ``studykit --help`` and ``studykit check`` start fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from . import __version__
from .errors import StudykitError, UsageError
from .quickcli import (  # noqa: F401 - the typer-free core, also used from here by other modules
    DEBUG_ENV, INTERNAL, INTERRUPTED, OK, PROBLEMS, READER_GONE, STDOUT, USAGE, Output, as_file_fault,
    failure_document,
    is_error, is_reader_gone, problem_dict, refuse_stdout, report_bug,
    report_error, report_fault, report_to, run_build, run_check, say_interrupted, stopped_status,
    success_document,
)

_refuse_stdout = refuse_stdout


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
    _help_if_bare(ctx)


def _help_if_bare(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(OK)


# --- shared options ---------------------------------------------------------------------

PROJECT_OPT = typer.Option(Path("."), "--project", "-p", metavar="FOLDER",
                           help="The project folder (holds seeds/, question_templates/, decks/).",
                           show_default="the current folder")
DECKS_ARG = typer.Argument(None, metavar="DECK", help="Deck recipe ids (see decks/*.yaml).",
                           show_default="every deck")
JSON_OPT = typer.Option(False, "--json", help="Print one JSON document on stdout (also on failure).")
QUIET_OPT = typer.Option(False, "--quiet", "-q", help="Print only problems.")
VERBOSE_OPT = typer.Option(False, "--verbose", "-v",
                           help="Also print each step, and the traceback of an internal error.")


# --- commands -----------------------------------------------------------------------------

@app.command(cls=Command)
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


@app.command(cls=Command)
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


@app.command(cls=Command)
def export(
    fmt: str = typer.Argument(..., metavar="FORMAT", autocompletion=_complete_formats,
                              help="gift, moodle-xml, qti, aiken, quizlet, anki-tsv, markdown, or all."),
    decks: Optional[list[str]] = DECKS_ARG,
    project: Path = PROJECT_OPT,
    out_dir: Optional[Path] = typer.Option(
        None, "--out", "-o", metavar="FOLDER",
        help="Output folder; '-' writes the one file of one format and one deck to stdout.",
        show_default="PROJECT/dist/exports"),
    tolerance: float = typer.Option(
        0.0, "--tolerance", metavar="PERCENT", help="Numeric questions: accepted error, in percent of "
        "the answer (answers hedged with 'about' always accept 10%)."),
    as_json: bool = JSON_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Write GIFT, Moodle XML, QTI, Aiken, Quizlet, Anki TSV or Markdown.

    Formats: gift and moodle-xml (Moodle question bank: multiple choice,
    true/false, short answer, numeric, matching; every question carries the
    fact and its citation as feedback), qti (an IMS QTI 1.2 zip for Canvas,
    Blackboard or Brightspace), aiken (Moodle's plain-text multiple choice
    and true/false), quizlet (term TAB definition), anki-tsv
    (the .apkg's notes with the same GUIDs: re-importing updates cards in
    place), markdown (a study sheet grouped by topic). Files are written to
    PROJECT/dist/exports/ as DECK.gift, .moodle.xml, .qti.zip, .aiken.txt, .quizlet.txt,
    .anki.tsv or .md; on any problem nothing is written.

    \b
    Examples:
      studykit export gift
      studykit export moodle-xml soviet-korean-relations-1967 --out ~/moodle
      studykit export quizlet soviet-korean-relations-1967 --out - > cards.txt
    """
    from .export import export_project

    out = Output(quiet, verbose, as_json)
    if out_dir == STDOUT:
        if out.json:
            raise UsageError("--json and --out - both write to standard output; choose one")
        _export_to_stdout(out, project, fmt, decks, tolerance)
        return
    written = export_project(project, fmt, decks or None, out_dir, tolerance)
    if out.json:
        out.document(success_document({"files": [w.as_dict() for w in written]}))
    for item in written:
        out.result(item.line())


def _export_to_stdout(out: Output, project: Path, fmt: str, decks, tolerance: float) -> None:
    """Export into a private folder, then send the single file to stdout (for piping)."""
    import tempfile

    from .export import export_project

    with tempfile.TemporaryDirectory(prefix="studykit-export-") as tmp:
        written = export_project(project, fmt, decks or None, Path(tmp), tolerance)
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


@app.command(cls=Command)
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
    history kept), - retired (its fact or template was removed; the card
    stays, tagged 'retired'). Exit status 1 if the project has problems.

    \b
    Examples:
      studykit diff
      studykit diff --json
    """
    from .build import build_project
    from .impact import impact_lines

    out = Output(quiet, verbose, as_json)
    _refuse_stdout(out_dir, "diff")
    with out.progress() as progress:
        report = build_project(project, decks or None, out_dir, dry_run=True, progress=progress)
    if out.json:
        out.document(success_document(report.as_dict()))
    for line in impact_lines(report, detail=True):
        out.result(line)


@app.command(cls=Command)
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
    from .watch import watch_project

    out = Output(quiet, verbose, False)
    _refuse_stdout(out_dir, "watch")

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


@app.command(cls=Command)
def preview(
    fact_id: str = typer.Argument(..., metavar="FACT_ID", autocompletion=_complete_fact_ids,
                                  help="A fact id (or a former id listed under 'was:')."),
    project: Path = PROJECT_OPT,
    as_json: bool = JSON_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Show every question made from one fact, without building.

    Lists each question with its prompt, choices and answer, the templates
    that do not apply to the fact, and any template problem it triggers
    (on stderr; exit status 1).

    \b
    Examples:
      studykit preview grain-requested-vs-promised
    """
    from .preview import preview_fact

    out = Output(quiet, verbose, as_json)
    shown = preview_fact(project, fact_id)
    status = PROBLEMS if any(is_error(p) for p in shown.problems) else OK
    if out.json:
        data = {key: value for key, value in shown.as_dict().items() if key != "problems"}
        out.document({**success_document(data, shown.problems), "ok": status == OK})
    else:
        problem_lines = {str(p) for p in shown.problems}
        for line in shown.lines():
            if line in problem_lines:
                out.problem(line)
            else:
                out.result(line)
    raise typer.Exit(status)


list_app = typer.Typer(
    name="list", cls=Group, rich_markup_mode=None,
    help="List the project's facts, templates or decks.\n\n"
    "Example: studykit list facts --topic aid --kind figure",
)
app.add_typer(list_app, name="list")


@list_app.callback(invoke_without_command=True)
def _list_root(ctx: typer.Context) -> None:
    """List the project's facts, templates or decks."""
    _help_if_bare(ctx)


def _print_listing(out: Output, listing) -> None:
    """The listing on stdout (or as JSON); a project with problems exits 1 after listing."""
    import shutil

    errors = [p for p in listing.problems if is_error(p)]
    status = PROBLEMS if errors else OK
    if out.json:
        data = {key: value for key, value in listing.as_dict().items() if key != "problems"}
        out.document({**success_document(data, listing.problems), "ok": status == OK})
    else:
        lines = listing.lines(width=shutil.get_terminal_size((100, 24)).columns)
        for line in lines or [f"no {listing.what} match"]:
            out.result(line)
        for problem in listing.problems:
            out.problem(str(problem))
        if errors:
            out.problem(f"{len(errors)} problem(s) found; the list may be incomplete")
    raise typer.Exit(status)


@list_app.command("facts", cls=Command)
def list_facts(
    topic: Optional[str] = typer.Option(None, "--topic", metavar="TOPIC", help="Only facts of this topic id."),
    kind: Optional[str] = typer.Option(None, "--kind", metavar="KIND", help="Only facts of this kind: "
                                       "event, claim, figure, list, person or term."),
    tag: Optional[str] = typer.Option(None, "--tag", metavar="TAG", help="Only facts with this tag."),
    project: Path = PROJECT_OPT,
    as_json: bool = JSON_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Facts, filtered by --topic, --kind, --tag.

    Lists id, kind, topic and statement in study order.

    \b
    Examples:
      studykit list facts --topic aid --kind figure
      studykit list facts --tag grain --json
    """
    from .listing import list_facts as listing

    _print_listing(Output(quiet, verbose, as_json), listing(project, topic=topic, kind=kind, tag=tag))


@list_app.command("templates", cls=Command)
def list_templates(project: Path = PROJECT_OPT, as_json: bool = JSON_OPT, quiet: bool = QUIET_OPT,
                   verbose: bool = VERBOSE_OPT) -> None:
    """Templates with style, targets and question counts.

    \b
    Examples:
      studykit list templates
    """
    from .listing import list_templates as listing

    _print_listing(Output(quiet, verbose, as_json), listing(project))


@list_app.command("decks", cls=Command)
def list_decks(project: Path = PROJECT_OPT, as_json: bool = JSON_OPT, quiet: bool = QUIET_OPT,
               verbose: bool = VERBOSE_OPT) -> None:
    """Deck recipes with fact and question counts.

    \b
    Examples:
      studykit list decks --json
    """
    from .listing import list_decks as listing

    _print_listing(Output(quiet, verbose, as_json), listing(project))


@app.command(cls=Command)
def init(
    directory: Path = typer.Argument(..., metavar="DIR", help="A new or empty folder ('.' for this one)."),
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """A new project for another document.

    Creates a sample source, facts, the default templates and a deck recipe.
    The project passes 'studykit check' and 'studykit build' as created;
    replace the sample with your document (see the README's guide). Refuses
    a folder that is not empty.

    \b
    Examples:
      studykit init ~/decks/my-document
    """
    from .scaffold import create_project

    out = Output(quiet, verbose, False)
    files = create_project(directory)
    out.result(f"created {directory}:")
    for top in sorted({f.parts[0] for f in files}):
        inside = [f for f in files if f.parts[0] == top]
        out.result(f"  {top}/ ({len(inside)} file{'s' if len(inside) != 1 else ''})")
    out.result(f"next: cd {directory} && studykit check && studykit build")
    out.result("then replace the sample in seeds/ with your own document and facts "
               "(README: 'Starting a deck for another document')")


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
