"""``studykit watch``: rebuild whenever a fact, template or deck recipe changes.

Changes arriving close together (an editor saving several files) are merged
into one rebuild.  A rebuild that finds problems prints them and writes
nothing, so the last good outputs stay in place until the files are fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import InvalidContent, Problem, StudykitError, display_path

WATCHED = ("seeds", "question_templates", "decks")
DEBOUNCE_MS = 400
PROJECT_SUFFIXES = (".yaml", ".yml", ".txt")


class ProjectFilter:
    """watchfiles' default filter, minus editors' short-lived temporary files and our own outputs.

    A path that is gone again by the time the batch arrives and is not a
    project file (e.g. ``sed8SivqH``, ``4913``) was a temporary file.  Paths in
    ``ignored`` folders (the build's output folder) never trigger a rebuild.
    """

    def __init__(self, ignored: tuple[Path, ...] = ()):
        from watchfiles import DefaultFilter

        self.default = DefaultFilter()
        self.ignored = tuple(folder.resolve() for folder in ignored)

    def __call__(self, change, path: str) -> bool:
        if any(_inside(Path(path).resolve(), folder) for folder in self.ignored):
            return False
        return self.default(change, path) and (Path(path).exists()
                                                or Path(path).suffix in PROJECT_SUFFIXES)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@dataclass
class Rebuild:
    """One pass of the watch loop: what changed and how the build went."""

    changed: list[str]
    report: object | None = None  # build.BuildReport when the build succeeded
    problems: list[Problem] = field(default_factory=list)
    error: str = ""
    failure: StudykitError | None = None  # what made ``error``
    repeated: bool = False  # ``error`` is the one the rebuild before said already

    @property
    def ok(self) -> bool:
        return self.report is not None

    def lines(self) -> list[str]:
        what = ", ".join(self.changed[:5]) + (f" and {len(self.changed) - 5} more"
                                               if len(self.changed) > 5 else "")
        lines = [f"changed: {what}" if self.changed else "first build"]
        if self.report is not None:
            lines += self.report.lines()
        lines += [str(p) for p in self.problems]
        if self.problems:
            lines.append(f"{len(self.problems)} problem(s); nothing was written, the last good "
                         "outputs are kept. Fix the files and save again.")
        if self.repeated:
            lines.append("error: the same as above; the last good outputs are kept")
        elif self.error:
            lines.append(f"error: {self.error}; the last good outputs are kept")
        return lines


def watched_paths(root: Path) -> list[Path]:
    return [root / name for name in WATCHED if (root / name).is_dir()]


def watch_project(root: Path, decks: list[str] | None = None, out: Path | None = None, *,
                  on_rebuild: Callable[[Rebuild], None] | None = None, stop_event=None,
                  max_rebuilds: int | None = None, debounce_ms: int = DEBOUNCE_MS) -> list[Rebuild]:
    """Build once, then rebuild on every change until stopped; return what happened.

    A first build the command itself dooms (UsageError: an output folder that cannot be
    written, an unknown deck) raises instead of watching; a rebuild's error the one before
    already gave is said in short.

    Changes closer together than ``debounce_ms`` make one rebuild (it starts
    once nothing has changed for that long).  Changes inside the output folder
    are ignored; an output folder inside ``seeds/`` is refused.  ``stop_event``
    (a threading.Event) or ``max_rebuilds`` (counting the first build) end the
    loop; so does Ctrl-C.  The first build runs once the watcher is listening,
    so no change is missed in between.
    """
    import logging

    from watchfiles import watch

    from .errors import UsageError

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # we report stopping ourselves
    root = Path(root)
    paths = watched_paths(root)
    if not paths:
        raise UsageError(f"{root}: nothing to watch (no seeds/, question_templates/ or decks/)")
    out_dir = Path(out) if out is not None else root / "dist"
    if _inside(out_dir.resolve(), (root / "seeds").resolve()):
        raise UsageError(f"--out {out_dir} is inside seeds/, where the build would read its own "
                         "outputs as sources; choose a folder outside seeds/ (the default is dist/)")
    history: list[Rebuild] = []

    def run(changed: list[str]) -> None:
        rebuild = _rebuild(root, decks, out, changed)
        if not history and isinstance(rebuild.failure, UsageError):
            # an output folder it cannot write, an unknown deck: no save in the project mends the
            # command, so rather than say it again after every save, stop now (exit status 2)
            raise UsageError(f"{rebuild.error}; stopped watching (no save can mend that: fix the "
                             "command and run it again)") from None
        rebuild.repeated = bool(rebuild.error) and bool(history) and history[-1].error == rebuild.error
        history.append(rebuild)
        if on_rebuild is not None:
            on_rebuild(rebuild)

    started = False
    # step: a batch ends after debounce_ms without a change; debounce: but never waits past this
    for changes in watch(*paths, watch_filter=ProjectFilter(ignored=(out_dir,)), step=debounce_ms,
                         debounce=max(10 * debounce_ms, 5000), stop_event=stop_event,
                         rust_timeout=300, yield_on_timeout=True, raise_interrupt=False):
        if not started or changes:
            run(sorted({display_path(path, root) for _, path in changes}))
            started = True
        if max_rebuilds is not None and len(history) >= max_rebuilds:
            break
    return history


def _rebuild(root: Path, decks, out, changed: list[str]) -> Rebuild:
    from .build import build_project

    rebuild = Rebuild(changed)
    try:
        rebuild.report = build_project(root, decks, out)
    except InvalidContent as err:
        rebuild.problems = list(err.problems)
    except StudykitError as err:
        rebuild.error, rebuild.failure = str(err), err
    return rebuild
