"""``studykit init``: a new project for another document, ready to check and build.

The starter (package data in ``studykit/starter/``) holds a short made-up
sample source with a few facts and a deck recipe; its ``question_templates``
is a link to the repository's own ``question_templates/``, so the default
templates and note types exist once and installed copies carry them as files.

The sample is meant to be replaced: once its deck recipe is gone from the
project, the next build removes the sample deck's outputs from the build
folder (:func:`remove_sample_outputs`), so they are not mistaken for the
teacher's own.
"""

from __future__ import annotations

import os
from pathlib import Path

from .atomic import CannotWrite, shown
from .errors import UsageError

_IGNORED = ("__pycache__", "*.pyc", ".*")  # what the starter's copy leaves out

# shutil, tempfile and importlib.resources are imported where used: every build imports this module
# for remove_sample_outputs, which most builds leave at one glob (the three cost ~4 ms to import).


def create_project(dest: Path) -> list[Path]:
    """Copy the starter project into ``dest`` (new or empty); return the files created.

    ``dest`` may be ``.``, an empty folder or a link to one (the files go into
    the folder it points to). The copy is made in a hidden temporary folder and
    moved into place at the end, so an interrupted init leaves no half-made project.
    """
    dest = Path(dest)
    target = _real_folder(dest)
    try:
        if target.is_dir():
            _fill_empty_folder(target)
        else:
            _create_folder(target)
    except OSError as err:
        raise CannotWrite(f"cannot create the project in {shown(dest)}: {err.strerror or err}; "
                          "nothing was created") from None
    return sorted(p.relative_to(target) for p in target.rglob("*") if p.is_file())


def _real_folder(dest: Path) -> Path:
    """Where the project goes: ``dest`` with links followed; refuses files and full folders."""
    if dest.is_symlink() and not dest.exists():
        raise UsageError(f"{dest} is a link to {os.readlink(dest)}, which does not exist; "
                         "create that folder first or pass another one")
    target = dest.resolve() if dest.exists() else Path(os.path.abspath(dest))
    if target.exists() and not target.is_dir():
        raise UsageError(f"{dest} is a file; pass the name of a new (or empty) folder")
    if target.is_dir() and any(target.iterdir()):
        raise UsageError(f"{dest} is not empty; studykit init never overwrites files: "
                         "pass a new or empty folder")
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"{parent} is a file, so {dest} cannot be created there")
            break
    return target


def _copy_starter(into: Path) -> Path:
    """The starter copied into ``into/project``; a failed copy raises the first file's own error
    (copytree gathers every file's into one list, which would make the message a page long)."""
    import shutil
    from importlib import resources

    failed: list[OSError] = []

    def copy(source, destination):
        try:
            return shutil.copy2(source, destination)
        except OSError as err:
            failed.append(err)
            raise

    with resources.as_file(resources.files("studykit") / "starter") as starter:
        try:
            shutil.copytree(starter, into / "project", ignore=shutil.ignore_patterns(*_IGNORED), copy_function=copy)
        except shutil.Error as err:
            raise (failed[0] if failed else OSError(f"the starter files could not be copied: {err}")) from None
    return into / "project"


def _create_folder(target: Path) -> None:
    """A new folder: build it beside its final place, then one rename."""
    import shutil
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.init-"))
    try:
        os.replace(_copy_starter(staging), target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _fill_empty_folder(target: Path) -> None:
    """An existing empty folder (maybe the current one): build inside it, then move the parts up.

    The folder itself stays (a shell sitting in it keeps working); if a move
    fails, the parts already moved are removed again.
    """
    import shutil
    import tempfile

    staging = Path(tempfile.mkdtemp(dir=target, prefix=".studykit-init-"))
    moved: list[Path] = []
    try:
        project = _copy_starter(staging)
        for part in sorted(project.iterdir()):
            os.replace(part, target / part.name)
            moved.append(target / part.name)
    except BaseException:
        for part in moved:
            shutil.rmtree(part, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def sample_deck_ids() -> list[str]:
    """The deck ids of the starter's sample recipes."""
    from importlib import resources

    import yaml

    ids = []
    with resources.as_file(resources.files("studykit") / "starter" / "decks") as decks:
        for recipe in sorted(decks.glob("*.yaml")):
            data = yaml.safe_load(recipe.read_text(encoding="utf-8")) or {}
            ids.append(str(data.get("id", recipe.stem)))
    return ids


def remove_sample_outputs(deck_ids, out: Path) -> list[Path]:
    """Remove the outputs of a starter sample deck the project no longer has; return them.

    Only a build folder holding the sample's manifest is touched, and only the
    sample deck's own files (``<id>.*`` and ``<id>-*``, also under ``exports/``).
    """
    out = Path(out)
    removed: list[Path] = []
    # The build folder's manifests of decks the project does not have come first: most builds have
    # none, and then the starter's recipes are not read (nor PyYAML imported, 20-30 ms).
    others = {path.name[:-len(".manifest.json")] for path in out.glob("*.manifest.json")} - set(deck_ids)
    for deck_id in sample_deck_ids() if others else ():
        if deck_id not in others or not (out / f"{deck_id}.manifest.json").is_file():
            continue
        for folder in (out, out / "exports"):
            if not folder.is_dir():
                continue
            for path in sorted([*folder.glob(f"{deck_id}.*"), *folder.glob(f"{deck_id}-*")]):
                if path.is_file() and not path.is_symlink():
                    path.unlink()
                    removed.append(path)
    return removed
