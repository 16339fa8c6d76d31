"""Problems found in a project, and the two kinds of failure the CLI reports.

Every user mistake becomes a :class:`Problem` with a file position, so the
command line can print ``path:line:col: message`` instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str
    severity: str = "error"  # "error" fails check and build; "warning" fails only check --strict

    def __str__(self) -> str:
        label = "warning: " if self.is_warning else ""
        return f"{self.path}:{self.line}:{self.col}: {label}{self.message}"

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "col": self.col, "message": self.message,
                "severity": self.severity}


def warning(path: str, where: tuple[int, int], message: str) -> Problem:
    """A problem that fails only ``check --strict``, at ``where`` (line, column)."""
    return Problem(path, where[0], where[1], message, severity="warning")


@lru_cache(maxsize=4096)
def display_path(path: Path | str, root: Path | None = None, cwd: Path | None = None) -> str:
    """A path as the user would type it: relative to the project when possible.

    ``cwd``: the working folder already resolved (``working_folder()``), for a caller that shows
    many paths (resolving it again for each file was most of the cost)."""
    path = Path(path)
    for base in (root, cwd or Path.cwd()):
        if base is None:
            continue
        try:
            return str(path.resolve().relative_to(cwd if base is cwd else Path(base).resolve()))
        except (ValueError, RuntimeError, OSError):  # elsewhere; or a link in a loop (RuntimeError
            continue                                  # before Python 3.13): shown as given
    return str(path)


def working_folder() -> Path:
    """The working folder, resolved, as ``display_path`` compares with it."""
    return Path.cwd().resolve()


class StudykitError(Exception):
    """Base class: an error the CLI reports without a traceback."""

    exit_code = 1


class InvalidContent(StudykitError):
    """The project's files are wrong; the problems say where and how to fix them."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) found")


class UsageError(StudykitError):
    """The command was called wrongly (missing folder, unknown deck, bad option)."""

    exit_code = 2
