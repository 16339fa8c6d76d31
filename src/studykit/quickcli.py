"""The command line's core that needs no command-line framework: output, error reports, quick commands.

``studykit check`` and ``studykit build`` in their plain forms are what a
teacher runs after every edit, so they are answered here without importing
typer (which, with building its commands, costs as much as loading a small
project).  Anything else (help, completion, other commands, an option this
parser does not know, a value it cannot read) goes to :mod:`studykit.cli`,
which runs the same functions below, so both paths print the same bytes and
exit with the same status.
"""

from __future__ import annotations

import os
import sys

INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command stopped with Ctrl-C
# The reader of our output went away (`studykit list facts | head`): what it read is all it wanted,
# so the command stops without a word, with the status a shell reports for `cat` there (128 +
# SIGPIPE).  A command prints its result after writing its files; a note that cannot be printed
# during a build stops it like any other error (nothing published, staging removed).
READER_GONE = 141


class Terminated(KeyboardInterrupt):
    """The process was asked to stop: SIGTERM (`kill`, a CI job's timeout, a shutdown) or SIGHUP (its
    terminal closed).  A KeyboardInterrupt, so it takes every path Ctrl-C takes: the build's staging
    folder removed, its PDF helper stopped, previous outputs untouched; then one line and 128 + the
    signal's number (143 for SIGTERM), as a shell reports a command that signal ended."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


_stopped_by: list[int] = []  # the signal that stopped this process, once one did
_own_pid = os.getpid()


def _stop_signal(signum, frame) -> None:
    """SIGTERM or SIGHUP: raise Terminated where the program is, as Python raises KeyboardInterrupt.

    A process forked from this one (a PDF worker) inherits the handler but not the program around it:
    there the signal does what it does by default.  Told again (a second `kill`, SIGHUP after SIGTERM),
    the process is already stopping: the cleanup goes on undisturbed (SIGKILL still ends it at once)."""
    if os.getpid() != _own_pid:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    if _stopped_by or _interrupted:  # told again while cleaning up after the first: let it finish
        return
    _stopped_by.append(signum)
    raise Terminated(signum)


_pressed_again: list[int] = []  # Ctrl-C presses after the process began stopping


def _interrupt_signal(signum, frame) -> None:
    """Ctrl-C: KeyboardInterrupt, as Python's own handler raises it, the first time.

    Pressed again while the first one's cleanup runs (the staging folder being removed, the PDF
    helper stopped), a KeyboardInterrupt there would cut the cleanup short and leave the staging
    folder behind: the press is let pass and the cleanup finishes.  A third press ends the process
    at once, cleanup or not (the next build removes what it left).  A forked PDF worker, which
    inherits the handler, gets Python's KeyboardInterrupt as it always did."""
    if os.getpid() != _own_pid:
        raise KeyboardInterrupt
    if not (_stopped_by or _interrupted):
        _interrupted.append(signum)
        raise KeyboardInterrupt
    _pressed_again.append(signum)
    if len(_pressed_again) > 1:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)


_interrupted: list[int] = []  # the Ctrl-C that stopped this process, once one did


def stopped_status() -> int:
    """The exit status of a command stopped by Ctrl-C (130) or by SIGTERM/SIGHUP (143/129)."""
    return 128 + _stopped_by[0] if _stopped_by else INTERRUPTED


def _interrupted_at_top(kind, value, tb, previous=sys.excepthook) -> None:
    """Ctrl-C (or SIGTERM) that reached the top (while modules were still being imported, before any
    command ran its own handler): the one line every command prints, its status, no traceback."""
    if not issubclass(kind, KeyboardInterrupt):
        previous(kind, value, tb)
        return
    say_interrupted()
    os._exit(stopped_status())


_interruption_said: list[str] = []


def say_interrupted(text: str = "") -> None:
    """The one line a command stopped with Ctrl-C prints on stderr ('interrupted'; 'terminated' when
    SIGTERM or SIGHUP stopped it; ``watch``: 'stopped watching'); said once per process, never raising
    (stderr may be gone too)."""
    if _interruption_said:
        return
    text = text or ("terminated" if _stopped_by else "interrupted")
    _interruption_said.append(text)
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        pass


def _catch_stop_signals() -> None:
    """Turn SIGTERM and SIGHUP into Terminated, unless whoever started us chose to ignore them (nohup),
    and let a second Ctrl-C not cut the first one's cleanup short (unless SIGINT is ignored too)."""
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) == signal.SIG_DFL:
            signal.signal(signum, _stop_signal)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupt_signal)


sys.excepthook = _interrupted_at_top  # first, so a Ctrl-C during the imports below is covered too

import signal  # noqa: E402 - after the hook; --help and check import it anyway (re, the sandbox)

_catch_stop_signals()

import errno  # noqa: E402 - after the hook above, on purpose
import json  # noqa: E402
from pathlib import Path  # noqa: E402

from .errors import InvalidContent, StudykitError, UsageError  # noqa: E402

OK, PROBLEMS, USAGE, INTERNAL = 0, 1, 2, 3
DEBUG_ENV = "STUDYKIT_DEBUG"  # set to 1 to see the traceback of an internal error
STDOUT = Path("-")


def echo(text: str, err: bool = False, nl: bool = True) -> None:
    """What typer.echo does for our plain text: the line, then a flush (text with escapes goes to it)."""
    if "\x1b" in text:  # click strips ANSI codes off a pipe: let it
        import typer

        typer.echo(text, err=err, nl=nl)
        return
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    if not text.isascii() and "utf" not in str(getattr(stream, "encoding", "")).lower():
        import typer  # click re-wraps a stream that cannot take the text: let it

        typer.echo(text, err=err, nl=nl)
        return
    try:
        stream.write(text + ("\n" if nl else ""))
    except UnicodeEncodeError:  # a stream that cannot take the text: click knows what to do
        import typer

        typer.echo(text, err=err, nl=nl)
        return
    stream.flush()


class Output:
    """Where a command's text goes: results on stdout; problems, notes and progress on stderr."""

    def __init__(self, quiet: bool = False, verbose: bool = False, as_json: bool = False):
        self.quiet, self.verbose, self.json = quiet, verbose and not quiet, as_json

    @classmethod
    def of(cls, ctx) -> "Output":
        params = ctx.params
        return cls(bool(params.get("quiet")), bool(params.get("verbose")), bool(params.get("as_json")))

    def result(self, text: str) -> None:
        """A line of the command's result (stdout), unless --quiet or --json."""
        if not (self.quiet or self.json):
            echo(text)

    def note(self, text: str) -> None:
        """Progress and remarks (stderr), unless --quiet."""
        if not self.quiet:
            echo(text, err=True)

    def problem(self, text: str) -> None:
        """A problem (stderr): always shown."""
        echo(text, err=True)

    def detail(self, text: str) -> None:
        """Only with --verbose (stderr)."""
        if self.verbose:
            echo(text, err=True)

    def document(self, data: dict) -> None:
        """The one JSON document of a --json command (stdout)."""
        echo(json.dumps(data, indent=2, ensure_ascii=False))

    def progress(self):
        """The builder's progress callback: steps as lines with --verbose, else a delayed bar."""
        from .progress import DelayedProgress, StepLog

        if self.verbose:
            return StepLog(sys.stderr)
        return DelayedProgress(enabled=False if (self.quiet or self.json) else None)


def problem_dict(problem) -> dict:
    """A problem as JSON: path, line, col, message and severity."""
    data = problem.as_dict()
    data.setdefault("severity", getattr(problem, "severity", "error"))
    return data


def is_error(problem) -> bool:
    return getattr(problem, "severity", "error") == "error"


def failure_document(message: str, status: int, problems=()) -> dict:
    return {"ok": False, "exit_status": status, "error": message,
            "problems": [problem_dict(p) for p in problems]}


def success_document(data: dict, problems=()) -> dict:
    return {"ok": True, **data, "problems": [problem_dict(p) for p in problems]}


def report_error(out: Output, err: StudykitError) -> None:
    """A StudykitError without a traceback: its problems, one summary line, its exit status."""
    problems = list(getattr(err, "problems", []))
    for problem in problems:
        out.problem(str(problem))
    if isinstance(err, InvalidContent):
        message = f"{len(problems)} problem(s) found; nothing was written."
        out.problem(message)
    else:
        message = str(err)
        out.problem(f"error: {message}")
    if out.json:
        out.document(failure_document(message, err.exit_code, problems))


def report_fault(out: Output, err: Exception) -> None:
    """A file-system or database fault outside the library's own checks (exit 2)."""
    from .atomic import shown

    reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
    where = getattr(err, "filename", None)
    message = f"{reason}" + (f": {shown(Path(where))}" if where else "") + "; nothing was changed"
    out.problem(f"error: {message}")
    if out.json:
        out.document(failure_document(message, USAGE))


def report_bug(out: Output, err: BaseException) -> None:
    """An internal error: a one-line apology, where to report it, the traceback only if asked."""
    import traceback

    if out.verbose or os.environ.get(DEBUG_ENV):
        traceback.print_exception(type(err), err, err.__traceback__, file=sys.stderr)
    message = (f"studykit: internal error ({type(err).__name__}: {err}), sorry: this is a bug in "
               f"studykit, not in your files. Please report it to {report_to()} with the command you "
               f"ran and 'studykit --version'" + ("" if out.verbose else
                                                 f"; --verbose or {DEBUG_ENV}=1 shows the traceback") + ".")
    out.problem(message)
    if out.json:
        out.document(failure_document(message, INTERNAL))


def report_to() -> str:
    """Where bugs go: the package's issue tracker if its metadata names one."""
    try:
        from importlib.metadata import metadata

        for entry in metadata("studykit").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() in ("issues", "bug tracker", "bugs"):
                return url.strip()
    except Exception:  # noqa: BLE001 - the apology must never fail
        pass
    return "the studykit maintainers (README: 'Reporting a bug')"


def as_file_fault(err: Exception) -> OSError | None:
    """A file-system fault outside the library's own checks, as an OSError: a sqlite3 error (only
    possible once a command imported sqlite3, so never imported here), or the RuntimeError Python
    before 3.13 raises for a link that leads round in a loop (``--out`` or ``-p`` naming one)."""
    if isinstance(err, RuntimeError) and str(err).startswith(_LOOP):
        where = str(err)[len(_LOOP):].strip("'\"")
        return OSError(errno.ELOOP, os.strerror(errno.ELOOP), where)
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is not None and isinstance(err, sqlite3.Error):
        return err
    return None


_LOOP = "Symlink loop from "


def refuse_stdout(out: Path | None, command: str) -> None:
    if out == STDOUT:
        raise UsageError(f"'studykit {command}' writes several files, so --out - (standard output) "
                         "cannot take them; pass a folder. Only 'studykit export FORMAT DECK' "
                         "can write its one file to standard output")


# --- the commands' work, shared by both paths --------------------------------------------

def run_check(out: Output, project: Path, strict: bool) -> int:
    """``studykit check``: print the problems and the summary; the exit status.

    The cycle collector stays off: loading and rendering pause it anyway (many objects, no
    cycles), and between them its passes rescanned every module and fact to free nothing.
    """
    from .collector import paused

    with paused():
        from .check import check_project

        result = check_project(project, strict=strict, notes=False)  # the notes are a build's
    status = OK if result.ok else PROBLEMS
    if out.json:
        out.document(result.as_dict())  # ok, problems (errors) and warnings, each with its severity
    else:
        for problem in result.reported if strict or not out.quiet else result.problems:
            out.problem(str(problem))
        if status == OK:
            out.result(result.summary())
        else:
            out.problem(result.summary())
    return status


def run_build(out: Output, project: Path, decks: list[str] | None, out_dir: Path | None,
              variants: int | None, seed: int | None, only: list[str] | None) -> int:
    """``studykit build``: build, then print the report; the exit status."""
    from .build import build_project

    refuse_stdout(out_dir, "build")
    with out.progress() as progress:
        report = build_project(project, decks or None, out_dir, variants=variants, seed=seed,
                               progress=progress, only=only or None)
    if out.json:
        out.document(success_document(report.as_dict()))
    for line in report.lines():
        out.result(line)
    return OK


def guarded(out: Output, work) -> int:
    """Run a command's work: every failure becomes a message and an exit status, never a traceback.

    KeyboardInterrupt passes through (the caller says 'interrupted').
    """
    try:
        return work()
    except KeyboardInterrupt:
        raise
    except StudykitError as err:
        report_error(out, err)
        return err.exit_code
    except OSError as err:
        if is_reader_gone(err):
            raise
        report_fault(out, err)
        return USAGE
    except Exception as err:  # noqa: BLE001 - the one place a bug of ours is reported
        fault = as_file_fault(err)
        if fault is not None:
            report_fault(out, fault)
            return USAGE
        report_bug(out, err)
        return INTERNAL


# --- the plain forms, read without typer ----------------------------------------------------

FLAGS = {"--json": "as_json", "--quiet": "quiet", "-q": "quiet", "--verbose": "verbose", "-v": "verbose"}
COMMANDS = {
    # command: (its own flags, options taking a value -> (name, type, repeatable), positional name, many)
    "check": ({"--strict": "strict"}, {"--project": ("project_opt", Path, False),
                                        "-p": ("project_opt", Path, False)}, "project", False),
    "build": ({}, {"--project": ("project", Path, False), "-p": ("project", Path, False),
                   "--out": ("out_dir", Path, False), "-o": ("out_dir", Path, False),
                   "--variants": ("variants", int, False), "--seed": ("seed", int, False),
                   "--only": ("only", str, True)}, "decks", True),
}


def plain(args: list[str]) -> tuple[str, dict] | None:
    """(command, its parameters) when ``args`` is a form read here, else None (typer reads it)."""
    if not args or args[0] not in COMMANDS or any(k.startswith("_STUDYKIT_COMPLETE") for k in os.environ):
        return None
    command = args[0]
    flags, options, positional, many = COMMANDS[command]
    flags = {**FLAGS, **flags}
    params: dict = {"positional": []}
    rest = args[1:]
    while rest:
        arg = rest.pop(0)
        if arg in flags:
            params[flags[arg]] = True
        elif arg in options or (arg.startswith("--") and arg.split("=", 1)[0] in options):
            name, value = arg.split("=", 1) if "=" in arg else (arg, None)
            if value is None:
                if not rest:
                    return None
                value = rest.pop(0)
            key, kind, repeatable = options[name]
            try:
                converted = kind(value)
            except ValueError:
                return None
            if repeatable:
                params.setdefault(key, []).append(converted)
            else:
                params[key] = converted
        elif arg.startswith("-") and arg != "-":
            return None  # --help, --, combined flags, unknown options: typer's
        else:
            params["positional"].append(arg)
    if not many and len(params["positional"]) > 1:
        return None
    return command, params


def run_plain(command: str, params: dict) -> int:
    out = Output(bool(params.get("quiet")), bool(params.get("verbose")), bool(params.get("as_json")))
    given = params["positional"]
    if command == "check":
        project = params.get("project_opt") or Path(given[0] if given else ".")
        return guarded(out, lambda: run_check(out, project, bool(params.get("strict"))))
    return guarded(out, lambda: run_build(out, params.get("project", Path(".")), given or None,
                                          params.get("out_dir"), params.get("variants"), params.get("seed"),
                                          params.get("only")))


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point: a plain check or build here, everything else through typer."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        form = plain(args)
        if form is None:
            from .cli import main as full

            return full(args)
        return run_plain(*form)
    except KeyboardInterrupt:
        say_interrupted()
        return stopped_status()
    except Exception as err:  # noqa: BLE001 - a bug outside any command
        if is_reader_gone(err):
            return READER_GONE
        report_bug(Output(verbose="--verbose" in args or "-v" in args, as_json="--json" in args), err)
        return INTERNAL


def is_reader_gone(err: BaseException) -> bool:
    return isinstance(err, OSError) and err.errno == errno.EPIPE


def run() -> None:
    """The console script and ``python -m studykit``: run the command, then end the process at once."""
    exit_now(main())


def exit_now(status: int) -> None:
    """End the process with ``status`` once its streams are flushed and its exit handlers have run.

    The interpreter is not torn down: freeing a loaded project object by object
    (and the final collection) costs a tenth of a second or more and changes
    nothing on disk, since every file a command writes is complete and closed
    before it returns.  When a stream cannot be flushed (a closed pipe), the
    process ends the ordinary way, which reports that as Python always does.
    """
    import atexit

    _flush_or_exit(status)
    atexit._run_exitfuncs()  # e.g. stopping the PDF helper, logging's last flush
    _flush_or_exit(status)
    os._exit(status)


def _flush_or_exit(status: int) -> None:
    """Flush both streams; if one cannot be flushed, end the ordinary way (Python reports it)."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        sys.exit(status)
