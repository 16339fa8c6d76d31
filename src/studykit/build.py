"""``studykit build``: validate, then write every deck's .apkg, manifest and worksheets.

The orchestrator other commands reuse (``studykit diff`` is a dry run).  It
writes nothing unless the whole project is valid, and publishes all outputs
together through :class:`atomic.Staging`, so a failure leaves the previous
build untouched.
"""

from __future__ import annotations

import gc
import hashlib
import re
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from . import buildcache
from .errors import InvalidContent, Problem, UsageError, display_path

if TYPE_CHECKING:
    from . import apkg
    from .atomic import Staging
    from .check import CheckResult
    from .manifest import Manifest
    from .model import DeckRecipe, Project
    from .questions import RenderResult

Progress = Callable[[str], None]


@dataclass
class DeckResult:
    """One deck's outputs and its impact on students, as question ids."""

    deck_id: str
    title: str
    apkg: Path
    manifest: Path
    notes: int
    cards: int
    size: int
    sha256: str
    timestamp: int
    package_changed: bool
    first_build: bool
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    still_retired: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    worksheets: list[str] = field(default_factory=list)
    anki: bool = True  # False when this build does not make the Anki package (outputs / --only)
    files: list[str] = field(default_factory=list)  # the practice page and flashcards written

    @property
    def counts(self) -> dict[str, int]:
        return {key: len(getattr(self, key)) for key in
                ("added", "changed", "unchanged", "retired", "still_retired", "dropped")}

    def as_dict(self) -> dict:
        return {
            "deck": self.deck_id, "title": self.title, "apkg": str(self.apkg),
            "manifest": str(self.manifest), "notes": self.notes, "cards": self.cards,
            "bytes": self.size, "sha256": self.sha256, "timestamp": self.timestamp,
            "package_changed": self.package_changed, "first_build": self.first_build,
            "counts": self.counts,
            **{key: list(getattr(self, key)) for key in self.counts},
            "worksheets": list(self.worksheets), "anki": self.anki, "files": list(self.files),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "DeckResult":
        """The inverse of as_dict (used for the build cache's stored report)."""
        names = {f.name for f in fields(cls)}
        given = {"deck_id": data["deck"], "size": data["bytes"],
                 **{k: v for k, v in data.items() if k in names}}
        given["apkg"], given["manifest"] = Path(data["apkg"]), Path(data["manifest"])
        return cls(**given)

    def as_unchanged(self) -> "DeckResult":
        """What a rebuild with nothing changed reports about this build's outputs."""
        return DeckResult(
            deck_id=self.deck_id, title=self.title, apkg=self.apkg, manifest=self.manifest,
            notes=self.notes, cards=self.cards, size=self.size, sha256=self.sha256,
            timestamp=self.timestamp, package_changed=False, first_build=False,
            unchanged=self.added + self.changed + self.unchanged,
            still_retired=self.retired + self.still_retired, worksheets=list(self.worksheets),
            anki=self.anki, files=list(self.files),
        )

    def lines(self, dry_run: bool = False) -> list[str]:
        if not self.anki:
            return [f"{self.deck_id}: no Anki package in this build (see the recipe's outputs: or --only)",
                    *self._file_lines()]
        return self._anki_lines(dry_run) + self._file_lines()

    def _file_lines(self) -> list[str]:
        lines = [f"  worksheets: {', '.join(self.worksheets)}"] if self.worksheets else []
        return lines + [f"  {line}" for line in self.files]

    def _anki_lines(self, dry_run: bool) -> list[str]:
        verb = "would write" if dry_run else "wrote"
        if not self.package_changed:
            verb = "unchanged" if dry_run else "unchanged (byte-identical)"
        c = self.counts
        lines = [
            f"{self.deck_id}: {verb} {display_path(self.apkg)}: {self.notes} notes, {self.cards} cards, "
            f"{self.size / 1024:.0f} KB",
            f"  added {c['added']}, changed {c['changed']} (review history kept), "
            f"unchanged {c['unchanged']}, retired {c['retired']}"
            + (" (first build)" if self.first_build else ""),
        ]
        if self.changed and len(self.changed) <= 10:
            lines.append(f"  changed: {', '.join(self.changed)}")
        if self.retired:
            lines.append(f"  retired (fact removed): {', '.join(self.retired)}")
        if self.retired or self.still_retired:
            total = c["retired"] + c["still_retired"]
            lines.append(f"  {total} retired note(s) stay in the deck, tagged 'retired' with a notice on the "
                         "card: students find them in Anki's Browser by searching tag:retired and may "
                         "delete them")
        if self.dropped:
            lines.append(f"  {len(self.dropped)} retired note(s) left out: their note type no longer exists "
                         f"({', '.join(self.dropped)})")
        return lines


@dataclass
class BuildReport:
    out: Path
    decks: list[DeckResult]
    dry_run: bool = False
    removed: list[Path] = field(default_factory=list)  # the starter sample's outputs, once replaced

    def as_dict(self) -> dict:
        return {"out": str(self.out), "dry_run": self.dry_run,
                "decks": [deck.as_dict() for deck in self.decks],
                "removed": [str(path) for path in self.removed]}

    def lines(self) -> list[str]:
        lines = [line for deck in self.decks for line in deck.lines(self.dry_run)]
        if self.removed:
            lines.append("removed the sample deck's outputs (its recipe is gone from decks/): "
                         + ", ".join(path.name for path in self.removed))
        return lines


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
    with _early_helper(root, out, only, dry_run, stamp):
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

        printing = set() if dry_run else _may_print(root, only)
        with warmpdf.started(bool(printing)):  # (the first build's helper when it has one)
            return _build(root, decks, out, (key, stamp), dry_run, variants, seed, say, only)


def _early_helper(root: Path, out: Path, only: list[str] | None, dry_run: bool, stamp: str):
    """The PDF helper started at once when this build will most likely render a PDF, so it imports
    WeasyPrint while the inputs are fingerprinted too.

    That is known for sure only later (the fingerprint hashes the inputs' bytes, the
    PDF cache compares pages); the hint here is the stamp of the input files' names,
    sizes and times that the last build recorded.  With no record, a first build
    renders every PDF.  With a different stamp, a build that prints flashcards lays
    out the part showing an edited card (they print every card), while worksheets
    print a selection that most edits miss, so a worksheet-only rebuild starts the
    helper only once the cache has said no, as every build whose stamp is unchanged
    does (an unchanged rebuild starts none).
    """
    if dry_run:
        return nullcontext()
    recorded = buildcache.recorded_stamp(out)
    if recorded == stamp:
        return nullcontext()
    printing = _may_print(root, only)
    if not printing or (buildcache.has_record(out) and "cards" not in printing):
        return nullcontext()
    from . import warmpdf

    return warmpdf.started()


def _build(root: Path, decks: list[str] | None, out: Path, key: tuple[str, str], dry_run: bool, variants: int | None,
           seed: int | None, say: Progress, only: list[str] | None) -> BuildReport:
    from . import warmpdf
    from .atomic import OutputLock, Staging
    from .outputs import build_outputs
    from .scaffold import remove_sample_outputs

    say("checking the project")
    with _settled():
        checked = _check_settled(root)
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

            def plan_decks() -> list[_DeckPlan]:
                return [_plan_deck(project, recipe, checked.decks[recipe.id], out, now, say, dry_run,
                                   checked.notes.get(recipe.id))
                        if "anki" in kinds[recipe.id] else _no_anki(recipe, out) for recipe in recipes]

            if dry_run:
                return _report(out, plan_decks(), dry_run)
            try:
                with Staging(out) as stage:
                    # The printed outputs first, so their PDFs render while the decks are planned.
                    plans = _Once(plan_decks)
                    warmpdf.meanwhile(plans)
                    if any("cards" in kinds[recipe.id] for recipe in recipes):
                        from . import pdf

                        warmpdf.meanwhile(pdf.load_joiner)  # flashcards are joined from parts
                    printed = [_write_printed(project, recipe, checked.decks[recipe.id], stage, variants, seed,
                                              say, kinds[recipe.id]) for recipe in recipes]
                    report = _report(out, plans(), dry_run)
                    for plan, (worksheets, files) in zip(plans(), printed):
                        _write_package(plan, stage)
                        plan.result.worksheets, plan.result.files = worksheets, files
                    outputs = buildcache.staged_hashes(stage)
                    buildcache.forget(out)
                buildcache.write_record(out, *key, outputs, report.as_dict())
            except OSError as err:
                raise UsageError(f"cannot write the build to {out}: {err.strerror or err}; "
                                 "nothing was changed there") from None
            report.removed = remove_sample_outputs(set(project.decks), out)
    return report


def _report(out: Path, plans: list[_DeckPlan], dry_run: bool) -> BuildReport:
    """The build's report, or the problems planning the decks found (then nothing is written)."""
    problems = [p for plan in plans for p in plan.problems]
    if problems:
        raise InvalidContent(problems)
    return BuildReport(out, [plan.result for plan in plans], dry_run)


class _Once:
    """A computation run at most once: while the PDF helper renders, or when first needed."""

    def __init__(self, make: Callable[[], list]):
        self.make, self.value, self.done = make, None, False

    def __call__(self):
        if not self.done:
            self.value, self.done = self.make(), True
        return self.value


def _check_settled(root: Path) -> "CheckResult":
    """Check with the cycle collector paused, then freeze what checking made (see _settled).

    Checking makes millions of objects (facts, questions, notes) that live until
    the build ends, and no garbage cycles; each collection after it would traverse
    them all again (a tenth of a 10,000-fact build's CPU time).  Frozen before the
    collector runs again, so not even the first collection sees them.
    """
    from . import collector

    with collector.paused():
        checked = check_project(root)
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


_OUTPUTS = re.compile(r"^outputs\s*:(?P<flow>[^\n]*)(?P<block>(?:\n[ \t]+-[^\n]*)*)", re.MULTILINE)
_WORKSHEET = re.compile(r"^worksheet\s*:", re.MULTILINE)


def _may_print(root: Path, only: list[str] | None) -> set[str]:
    """The printed kinds (worksheet, cards) some recipe may make: a hint read before loading.

    Only decides whether WeasyPrint is imported early, in a helper process
    (:mod:`warmpdf`); what is really printed is decided after checking.  Read
    from the recipes' text, not parsed: YAML that check would refuse (an alias
    bomb) must not cost anything here.
    """
    printed = {"worksheet", "cards"}
    if only:
        return printed & set(only)
    kinds: set[str] = set()
    for path in sorted((root / "decks").glob("*.y*ml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            continue
        asked = _OUTPUTS.search(text)
        if asked:
            kinds |= {kind for kind in printed if re.search(rf"\b{kind}\b", asked.group(0))}
        elif _WORKSHEET.search(text):
            kinds.add("worksheet")
    return kinds


def check_project(root: Path) -> "CheckResult":
    """``studykit check``'s work, imported only when a build must really render (Jinja is slow to import)."""
    from .check import check_project as check

    # The build chooses sheets while writing (and says what is short), and shows no warnings.
    return check(root, choose_sheets=False, quality=False)


def _chosen_recipes(project: Project, names: list[str] | None) -> list[DeckRecipe]:
    if not project.decks:
        raise UsageError("no deck recipes: add one to decks/ (e.g. decks/my-deck.yaml with a title)")
    unknown = [name for name in names or () if name not in project.decks]
    if unknown:
        raise UsageError(f"unknown deck(s): {', '.join(unknown)}; known decks: {', '.join(project.decks)}")
    chosen = list(dict.fromkeys(names)) if names else list(project.decks)
    return [project.decks[name] for name in chosen]


@dataclass
class _DeckPlan:
    recipe: DeckRecipe
    package: apkg.Package | None
    manifest: Manifest | None
    result: DeckResult
    problems: list


def _no_anki(recipe: DeckRecipe, out: Path) -> _DeckPlan:
    """A deck built without its Anki package: the previous .apkg and manifest stay as they are."""
    from .manifest import manifest_path

    result = DeckResult(deck_id=recipe.id, title=recipe.title, apkg=out / f"{recipe.id}.apkg",
                        manifest=manifest_path(out, recipe.id), notes=0, cards=0, size=0, sha256="",
                        timestamp=0, package_changed=False, first_build=False, anki=False)
    return _DeckPlan(recipe, None, None, result, [])


def _plan_deck(project: Project, recipe: DeckRecipe, rendered: RenderResult, out: Path,
               now: float, say: Progress, dry_run: bool = False, notes: list | None = None) -> _DeckPlan:
    """Compute the deck's notes (unless check made them), impact, timestamp and package bytes; write nothing."""
    from . import apkg
    from .manifest import Manifest, compare, frozen_names, frozen_problems, manifest_path, read_manifest

    say(f"{recipe.id}: comparing with the previous build")
    path = manifest_path(out, recipe.id)
    previous = read_manifest(path, recipe.id)
    if notes is None:
        notes = apkg.notes_for(project, recipe, rendered.questions)
    hashes = {note.guid: note.content_hash() for note in notes}
    impact = compare(previous, notes, hashes)
    carried, dropped = _carry_retired(project, recipe, impact.gone)
    hashes.update((note.guid, note.content_hash()) for note in carried)
    shipped = notes + carried
    inputs = package_inputs(project, recipe, shipped, hashes)
    say(f"{recipe.id}: writing the Anki package")
    package, timestamp = _package(project, recipe, shipped, previous, inputs, out, now)
    note_types = dict(previous.note_types) if previous else {}
    note_types.update({n: frozen_names(project.note_types[n]) for n in {x.note_type for x in shipped}})
    manifest = Manifest(recipe.id, timestamp, package.sha256, shipped, note_types, hashes=hashes,
                        package_inputs=inputs, cards=package.cards)
    ids = lambda group: [note.question_id for note in group]  # noqa: E731
    result = DeckResult(
        deck_id=recipe.id, title=recipe.title, apkg=out / f"{recipe.id}.apkg", manifest=path,
        notes=package.notes, cards=package.cards, size=len(package.data), sha256=package.sha256,
        timestamp=timestamp, package_changed=previous is None or package.sha256 != previous.sha256,
        first_build=previous is None, added=ids(impact.added), changed=ids(impact.changed),
        unchanged=ids(impact.unchanged), retired=ids(impact.retired),
        still_retired=ids(impact.still_retired), dropped=ids(dropped),
    )
    problems = frozen_problems(previous, project.note_types) + _note_type_moves(project, rendered, previous,
                                                                                impact.changed)
    return _DeckPlan(recipe, package, manifest, result, problems)


def _note_type_moves(project: Project, rendered: RenderResult, previous: Manifest | None,
                     changed: list) -> list[Problem]:
    """A template that now makes its notes with another note type, once per template.

    Anki matches a note by GUID and will not move it to another note type: the
    student's note would stay as it was on every later import (logged as conflicting).
    """
    if previous is None:
        return []
    template_of = {q.id: q.template_id for q in rendered.questions}
    moves: dict[str, tuple[str, str]] = {}
    for note in changed:
        old = previous.note(note.guid).note_type
        if old != note.note_type:
            moves.setdefault(template_of.get(note.question_id, note.question_id.split('/')[0]),
                             (old, note.note_type))
    problems = []
    for template_id, (old, new) in sorted(moves.items()):
        template = project.templates.get(template_id)
        path = template.path if template else '<templates>'
        line, col = template.spec.loc('note_type') if template else (1, 1)
        problems.append(Problem(path, line, col, (
            f"template '{template_id}' now makes its cards with note type '{new}', but students have "
            f"them with note type '{old}': Anki never moves a note to another note type, so their "
            "cards would keep the old text on every import. Put 'note_type: " + old + "' back, or "
            "give the template a new id (a new file name or 'id:'): its old cards then retire, "
            "keeping their review history, and new cards are added")))
    return problems


def package_inputs(project: Project, recipe: DeckRecipe, notes: list, hashes: dict[str, str]) -> str:
    """A hash of everything the .apkg is made from except its timestamp.

    Equal to the previous build's: the package would be the same, so it keeps its
    timestamp and bytes.  Covers studykit's code and genanki's version too.
    """
    digest = hashlib.sha256(buildcache.code_fingerprint().encode())
    citations = [project.sources[s].citation for s in recipe.sources if s in project.sources]
    digest.update(repr((recipe.id, recipe.title, recipe.spec.get("description"), citations)).encode())
    for type_id in sorted({note.note_type for note in notes}):
        nt = project.note_types[type_id]
        digest.update(repr((nt.id, nt.name, nt.fields, nt.cards, nt.css, nt.cloze)).encode())
    for note in notes:
        digest.update(f"\0{note.guid}\0{note.deck}\0{note.topic}\0{hashes[note.guid]}".encode())
    return digest.hexdigest()


def _package(project, recipe, notes, previous: Manifest | None, inputs: str, out: Path, now: float):
    """The package and its timestamp, written once at most.

    Unchanged inputs keep the previous timestamp and, when the previous .apkg is
    intact, its very bytes; changed ones get a strictly newer timestamp.
    """
    from . import apkg
    from .manifest import next_timestamp

    if previous is not None and previous.package_inputs == inputs:
        old = _previous_package(out / f"{recipe.id}.apkg", previous, len(notes))
        if old is not None:
            return old, previous.timestamp
        return apkg.write_package(project, recipe, notes, previous.timestamp), previous.timestamp
    if previous is not None and previous.package_inputs is None:
        # A manifest of the first format has no inputs hash: compare the bytes once.
        package = apkg.write_package(project, recipe, notes, previous.timestamp)
        if package.sha256 == previous.sha256:
            return package, previous.timestamp
    timestamp = next_timestamp(previous, now)
    return apkg.write_package(project, recipe, notes, timestamp), timestamp


def _previous_package(path: Path, previous: Manifest, notes: int) -> apkg.Package | None:
    from . import apkg

    try:
        data = path.read_bytes()
    except OSError:
        return None
    if previous.cards is None or hashlib.sha256(data).hexdigest() != previous.sha256:
        return None
    return apkg.Package(data, notes, previous.cards)


def _carry_retired(project: Project, recipe: DeckRecipe, gone):
    """Previous notes without a question: kept retired, in their topic's current subdeck."""
    from . import apkg

    decks = apkg.subdeck_names(project, recipe)
    carried, dropped = [], []
    for old in gone:
        if old.note_type not in project.note_types:
            dropped.append(old)
            continue
        note = apkg.retire(old)
        note.deck = decks.get(note.topic, note.deck)
        carried.append(note)
    return carried, dropped


def _write_package(plan: _DeckPlan, stage: Staging) -> None:
    if plan.package is not None and plan.manifest is not None:
        stage.path(plan.result.apkg.name).write_bytes(plan.package.data)
        plan.manifest.write(stage.path(plan.result.manifest.name))


def _write_printed(project: Project, recipe: DeckRecipe, rendered: RenderResult, stage: Staging,
                   variants: int | None, seed: int | None, say: Progress,
                   kinds: list[str]) -> tuple[list[str], list[str]]:
    """Write the worksheets, practice page and flashcards a deck asks for: their names, and lines to print.

    The practice page needs no PDF: it is written while the flashcards render when it can be.
    """
    from . import warmpdf

    worksheets: list[str] = []
    if "worksheet" in kinds and recipe.worksheet is not None:
        say(f"{recipe.id}: writing worksheets")
        from . import worksheet

        worksheets = worksheet.write_worksheets(project, recipe, rendered, stage, variants=variants, seed=seed)
    practice_page = _Once(lambda: _write_practice(project, recipe, rendered, stage, say))
    if "practice" in kinds and "cards" in kinds:
        warmpdf.meanwhile(practice_page)
    cards = None
    if "cards" in kinds:
        say(f"{recipe.id}: writing printable flashcards")
        from . import flashcards

        cards = flashcards.write_cards(project, recipe, rendered, stage)
    files = [practice_page()] if "practice" in kinds else []
    return worksheets, files + ([cards] if cards is not None else [])


def _write_practice(project: Project, recipe: DeckRecipe, rendered: RenderResult, stage: Staging,
                    say: Progress) -> str:
    say(f"{recipe.id}: writing the practice page")
    from . import practice

    return practice.write_practice(project, recipe, rendered, stage)
