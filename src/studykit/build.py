"""``studykit build``: validate, then write every deck's .apkg, manifest and worksheets.

The orchestrator other commands reuse (``studykit diff`` is a dry run).  It
writes nothing unless the whole project is valid, and publishes all outputs
together through :class:`atomic.Staging`, so a failure leaves the previous
build untouched.  Its parts: :mod:`.buildcache` (skip an unchanged build),
:mod:`.printhint` (start the PDF helper early), :mod:`.deckplan` (each deck's
package and impact), :mod:`.printed` (worksheets, practice page, flashcards)
and :mod:`.buildreport` (what it says).
"""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from . import buildcache
from .buildreport import BuildReport, DeckResult
from .errors import InvalidContent, UsageError
from .printhint import early_helper, may_print

if TYPE_CHECKING:
    from .check import CheckResult
    from .deckplan import DeckPlan
    from .model import DeckRecipe, Project

Progress = Callable[[str], None]


def build_project(root: Path, decks: list[str] | None = None, out: Path | None = None, *,
                  dry_run: bool = False, variants: int | None = None, seed: int | None = None,
                  progress: Progress | None = None, only: list[str] | None = None) -> BuildReport:
    """Validate ``root`` like ``studykit check``, then build the chosen decks into ``out``.

    ``progress`` (optional) is called with a short message before each step.
    ``only`` (optional) makes just those outputs (anki, worksheet, practice,
    cards) instead of each recipe's ``outputs:``.
    Raises InvalidContent (nothing written) or UsageError.
    """
    root = Path(root)
    out = Path(out) if out is not None else root / "dist"
    say = progress or (lambda message: None)
    # Fingerprint the inputs before reading them: an edit during the build then
    # changes the next build's fingerprint, never hides behind this one.
    options = {"decks": sorted(set(decks)) if decks else None, "out": str(out.resolve()),
               "variants": variants, "seed": seed, "only": sorted(set(only)) if only else None}
    stamp = buildcache.input_stamp(root)  # (like the fingerprint, before anything is read)
    with early_helper(root, out, only, dry_run, stamp):
        if only:  # outputs imports the schema module: not needed on the fast path
            from .outputs import check_only

            check_only(only)
        key = buildcache.fingerprint(root, options)
        if not dry_run and out.is_dir():
            from .atomic import remove_leftovers

            remove_leftovers(out)  # of killed builds, also when the cache answers below
        cached = buildcache.read_record(out, key) if out.is_dir() else None
        if cached is not None:
            if not dry_run:
                buildcache.restamp(out, stamp)  # touched, not changed: the next rebuild waits again
            say("nothing changed since the last build")
            return BuildReport(out, [DeckResult.from_dict(d).as_unchanged() for d in cached["decks"]], dry_run)
        # Only a build that must do the work imports what doing it takes.
        from . import warmpdf

        printing = set() if dry_run else may_print(root, only)
        with warmpdf.started(bool(printing)):  # (the first build's helper when it has one)
            return _build(root, decks, out, (key, stamp), dry_run, variants, seed, say, only)


def _build(root: Path, decks: list[str] | None, out: Path, key: tuple[str, str], dry_run: bool, variants: int | None,
           seed: int | None, say: Progress, only: list[str] | None) -> BuildReport:
    from . import deckplan, warmpdf
    from .atomic import OutputLock, Staging
    from .once import Once
    from .outputs import build_outputs
    from .printed import write_printed
    from .scaffold import remove_sample_outputs

    say("checking the project")
    with _settled():
        checked = _check_settled(root, only, decks)
        if checked.problems:
            raise InvalidContent(checked.problems)
        project = checked.project
        recipes = _chosen_recipes(project, decks)
        if out.exists() and not out.is_dir():
            raise UsageError(f"{out}: not a folder; pass --out with a folder for the build outputs")
        # One build at a time per output folder: the manifests read here are the ones replaced below.
        with nullcontext() if dry_run else OutputLock(out, say=say):
            now = time.time()
            kinds = {recipe.id: build_outputs(recipe, only) for recipe in recipes}

            def plan_decks() -> list[DeckPlan]:
                return [deckplan.plan_deck(project, recipe, checked.decks[recipe.id], out, now, say, dry_run,
                                   checked.notes.get(recipe.id))
                        if "anki" in kinds[recipe.id] else deckplan.no_anki(recipe, out) for recipe in recipes]

            if dry_run:
                return _report(out, plan_decks(), dry_run)
            try:
                with Staging(out) as stage:
                    # The printed outputs first, so their PDFs render while the decks are planned.
                    plans = Once(plan_decks)
                    warmpdf.meanwhile(plans)
                    if any("cards" in kinds[recipe.id] for recipe in recipes):
                        from . import pdf

                        warmpdf.meanwhile(pdf.load_joiner)  # flashcards are joined from parts
                    printed = [write_printed(project, recipe, checked.decks[recipe.id], stage, variants, seed,
                                              say, kinds[recipe.id]) for recipe in recipes]
                    report = _report(out, plans(), dry_run)
                    for plan, (worksheets, files) in zip(plans(), printed):
                        deckplan.write_package(plan, stage)
                        plan.result.worksheets, plan.result.files = worksheets, files
                    outputs = buildcache.staged_hashes(stage)
                    buildcache.forget(out)
                buildcache.write_record(out, *key, outputs, report.as_dict())
            except OSError as err:
                raise UsageError(f"cannot write the build to {out}: {err.strerror or err}; "
                                 "nothing was changed there") from None
            report.removed = remove_sample_outputs(set(project.decks), out)
    return report


def _report(out: Path, plans: list[DeckPlan], dry_run: bool) -> BuildReport:
    """The build's report, or the problems planning the decks found (then nothing is written)."""
    problems = [p for plan in plans for p in plan.problems]
    if problems:
        raise InvalidContent(problems)
    return BuildReport(out, [plan.result for plan in plans], dry_run)


def _check_settled(root: Path, only: list[str] | None = None, decks: list[str] | None = None) -> "CheckResult":
    """Check with the cycle collector paused, then freeze what checking made (see _settled).

    Checking makes millions of objects (facts, questions, notes) that live until
    the build ends, and no garbage cycles; each collection after it would traverse
    them all again (a tenth of a 10,000-fact build's CPU time).  Frozen before the
    collector runs again, so not even the first collection sees them.
    """
    from . import collector

    with collector.paused():
        checked = check_project(root, only, decks)
        gc.freeze()
    return checked


@contextmanager
def _settled():
    """The objects frozen while the build runs are unfrozen when it ends, whatever the outcome,
    so ``watch`` frees each build (and a failed one) like any other garbage."""
    try:
        yield
    finally:
        gc.unfreeze()


def check_project(root: Path, only: list[str] | None = None, decks: list[str] | None = None) -> "CheckResult":
    """``studykit check``'s work for the outputs the build makes (``only``, else each recipe's, of
    the ``decks`` named, else of every deck): imported only when a build must really render
    (Jinja is slow to import).

    Each deck renders only the templates whose questions its outputs show, and a deck the
    build leaves out none: an error in another template's rendering is left to ``studykit
    check`` (one that stops the template loading still stops the build).
    """
    from .check import check_project as check
    from .outputs import shown_targets

    def shown(recipe: DeckRecipe) -> frozenset[str] | None:
        return frozenset() if decks and recipe.id not in decks else shown_targets(recipe, only)

    # The build chooses sheets while writing (and says what is short), and shows no warnings.
    return check(root, choose_sheets=False, quality=False, shown=shown)


def _chosen_recipes(project: Project, names: list[str] | None) -> list[DeckRecipe]:
    if not project.decks:
        raise UsageError("no deck recipes: add one to decks/ (e.g. decks/my-deck.yaml with a title)")
    unknown = [name for name in names or () if name not in project.decks]
    if unknown:
        from .schema import did_you_mean  # only on this error

        raise UsageError(f"unknown deck(s): {', '.join(unknown)}; {did_you_mean(unknown[0], project.decks)}"
                         f"known decks: {', '.join(project.decks)}")
    chosen = list(dict.fromkeys(names)) if names else list(project.decks)
    return [project.decks[name] for name in chosen]
