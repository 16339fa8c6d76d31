"""Looking into a project without building it: ``preview`` one fact, ``list`` facts, templates or decks."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import StudykitError
from ..quickcli import OK, PROBLEMS, Output, is_error, success_document
from .base import JSON_OPT, PROJECT_OPT, QUIET_OPT, VERBOSE_OPT, Command, Group, help_if_bare


def _complete_fact_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    from ..load import load_project

    try:
        project, _ = load_project(Path(ctx.params.get("project") or "."))
    except StudykitError:
        return []
    return [fact_id for fact_id in project.facts if fact_id.startswith(incomplete)]


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
    from ..preview import preview_fact

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


@list_app.callback(invoke_without_command=True)
def _list_root(ctx: typer.Context) -> None:
    """List the project's facts, templates or decks."""
    help_if_bare(ctx)


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
    from ..listing import list_facts as listing

    _print_listing(Output(quiet, verbose, as_json), listing(project, topic=topic, kind=kind, tag=tag))


@list_app.command("templates", cls=Command)
def list_templates(project: Path = PROJECT_OPT, as_json: bool = JSON_OPT, quiet: bool = QUIET_OPT,
                   verbose: bool = VERBOSE_OPT) -> None:
    """Templates with style, targets and question counts.

    \b
    Examples:
      studykit list templates
    """
    from ..listing import list_templates as listing

    _print_listing(Output(quiet, verbose, as_json), listing(project))


@list_app.command("decks", cls=Command)
def list_decks(project: Path = PROJECT_OPT, as_json: bool = JSON_OPT, quiet: bool = QUIET_OPT,
               verbose: bool = VERBOSE_OPT) -> None:
    """Deck recipes with fact and question counts.

    \b
    Examples:
      studykit list decks --json
    """
    from ..listing import list_decks as listing

    _print_listing(Output(quiet, verbose, as_json), listing(project))
