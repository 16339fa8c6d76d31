"""The state of one load: the project being filled in and the problems found so far."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem, display_path, working_folder
from ..model import Fact, Project
from ..schema import check_mapping
from ..yamlio import load_yaml


class Loader:
    """Collects problems while reading one project folder."""

    def __init__(self, root: Path):
        self.root = root
        self.project = Project(root=root)
        self.problems: list[Problem] = []
        # Sources whose source.yaml could not be used: recipes naming them or their
        # topics would only echo that first problem, so those checks are skipped.
        self.broken_sources = 0
        self.broken_note_types: set = set()  # ids (and file names) of note types that failed
        self.former_ids: dict[str, Fact] = {}  # was: id -> the fact claiming it (first claim)
        self._shown: dict[Path, str] = {}
        self._last_path: Path | None = None  # the path shown last, and how (hashing a Path is not free)
        self._last_shown = ""
        self._cwd: Path | None = None  # the working folder resolved, once per load

    def shown(self, path: Path) -> str:
        if path is self._last_path:  # asked several times for each fact of the file being read
            return self._last_shown
        found = self._shown.get(path)
        if found is None:
            if self._cwd is None:
                self._cwd = working_folder()
            found = self._shown[path] = display_path(path, None, self._cwd)
        self._last_path, self._last_shown = path, found
        return found

    def yaml(self, path: Path):
        data, problems = load_yaml(path, self.shown(path))
        self.problems.extend(problems)
        return data

    def check(self, data, fields, path: Path, what: str, where=(1, 1)) -> bool:
        found = check_mapping(data, fields, self.shown(path), what, where)
        self.problems.extend(found)
        return not found

    def add(self, path: Path, where: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.shown(path), where[0], where[1], message))
