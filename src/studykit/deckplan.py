"""One deck's Anki package, planned before anything is written.

Compares this build's notes with the previous build's manifest (added, changed,
unchanged, retired), carries the notes of removed facts as retired notes, picks
the package's timestamp (kept when nothing the package is made from changed,
then the previous bytes are kept too) and makes the package's bytes.  Nothing
is written here: :func:`write_package` stages the package and its manifest once
every deck is planned without a problem.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from . import buildcache
from .buildreport import DeckResult
from .errors import Problem

if TYPE_CHECKING:
    from . import apkgfile
    from .atomic import Staging
    from .manifest import Manifest
    from .model import DeckRecipe, Project
    from .questions import RenderResult

Progress = Callable[[str], None]


@dataclass
class DeckPlan:
    recipe: DeckRecipe
    package: apkgfile.Package | None
    manifest: Manifest | None
    result: DeckResult
    problems: list


def no_anki(recipe: DeckRecipe, out: Path) -> DeckPlan:
    """A deck built without its Anki package: the previous .apkg and manifest stay as they are."""
    from .manifest import manifest_path

    result = DeckResult(deck_id=recipe.id, title=recipe.title, apkg=out / f"{recipe.id}.apkg",
                        manifest=manifest_path(out, recipe.id), notes=0, cards=0, size=0, sha256="",
                        timestamp=0, package_changed=False, first_build=False, anki=False)
    return DeckPlan(recipe, None, None, result, [])


def plan_deck(project: Project, recipe: DeckRecipe, rendered: RenderResult, out: Path,
               now: float, say: Progress, dry_run: bool = False, notes: list | None = None) -> DeckPlan:
    """Compute the deck's notes (unless check made them), impact, timestamp and package bytes; write nothing."""
    from . import apkg, cloze_numbers
    from .manifest import Manifest, compare, frozen_names, frozen_problems, manifest_path, read_manifest

    say(f"{recipe.id}: comparing with the previous build")
    path = manifest_path(out, recipe.id)
    previous = read_manifest(path, recipe.id)
    if notes is None:
        notes = apkg.notes_for(project, recipe, rendered.questions)
    hashes = {note.guid: note.content_hash() for note in notes}
    cloze_types = {type_id for type_id, nt in project.note_types.items() if nt.cloze}
    said = cloze_numbers.BlankChanges()
    notes, gone_blanks = cloze_numbers.keep_numbers(notes, hashes, previous, cloze_types, said)
    impact = compare(previous, notes, hashes)
    carried, dropped = _carry_retired(project, recipe, impact.gone)
    hashes.update((note.guid, note.content_hash()) for note in carried)
    shipped = notes + carried
    if previous is not None:  # a retired note keeps its record too, should its fact come back
        gone_blanks.update((n.guid, previous.gone_blanks[n.guid]) for n in carried if n.guid in previous.gone_blanks)
    inputs = package_inputs(project, recipe, shipped, hashes)
    say(f"{recipe.id}: writing the Anki package")
    package, timestamp = _package(project, recipe, shipped, previous, inputs, out, now)
    note_types = dict(previous.note_types) if previous else {}
    note_types.update({n: frozen_names(project.note_types[n]) for n in {x.note_type for x in shipped}})
    manifest = Manifest(recipe.id, timestamp, package.sha256, shipped, note_types, hashes=hashes,
                        package_inputs=inputs, cards=package.cards, gone_blanks=gone_blanks)
    ids = lambda group: [note.question_id for note in group]  # noqa: E731
    result = DeckResult(
        deck_id=recipe.id, title=recipe.title, apkg=out / f"{recipe.id}.apkg", manifest=path,
        notes=package.notes, cards=package.cards, size=len(package.data), sha256=package.sha256,
        timestamp=timestamp, package_changed=previous is None or package.sha256 != previous.sha256,
        first_build=previous is None, added=ids(impact.added), changed=ids(impact.changed),
        unchanged=ids(impact.unchanged), retired=ids(impact.retired),
        still_retired=ids(impact.still_retired), dropped=ids(dropped), taken_over=said.taken_over,
        emptied=said.emptied,
    )
    problems = frozen_problems(previous, project.note_types) + _note_type_moves(project, rendered, previous,
                                                                                impact.changed)
    return DeckPlan(recipe, package, manifest, result, problems)


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
    # (one update of the notes' texts joined: the same bytes as one update per note)
    digest.update("".join([f"\0{note.guid}\0{note.deck}\0{note.topic}\0{hashes[note.guid]}"
                           for note in notes]).encode())
    return digest.hexdigest()


def _package(project, recipe, notes, previous: Manifest | None, inputs: str, out: Path, now: float):
    """The package and its timestamp, written once at most.

    Unchanged inputs keep the previous timestamp and, when the previous .apkg is
    intact, its very bytes; changed ones get a strictly newer timestamp.
    """
    from . import apkgfile
    from .manifest import next_timestamp

    if previous is not None and previous.package_inputs == inputs:
        old = _previous_package(out / f"{recipe.id}.apkg", previous, len(notes))
        if old is not None:
            return old, previous.timestamp
        return apkgfile.write_package(project, recipe, notes, previous.timestamp), previous.timestamp
    if previous is not None and previous.package_inputs is None:
        # A manifest of the first format has no inputs hash: compare the bytes once.
        package = apkgfile.write_package(project, recipe, notes, previous.timestamp)
        if package.sha256 == previous.sha256:
            return package, previous.timestamp
    timestamp = next_timestamp(previous, now)
    return apkgfile.write_package(project, recipe, notes, timestamp), timestamp


def _previous_package(path: Path, previous: Manifest, notes: int) -> apkgfile.Package | None:
    from . import apkgfile

    try:
        data = path.read_bytes()
    except OSError:
        return None
    if previous.cards is None or hashlib.sha256(data).hexdigest() != previous.sha256:
        return None
    return apkgfile.Package(data, notes, previous.cards)


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


def write_package(plan: DeckPlan, stage: Staging) -> None:
    if plan.package is not None and plan.manifest is not None:
        stage.path(plan.result.apkg.name).write_bytes(plan.package.data)
        plan.manifest.write(stage.path(plan.result.manifest.name))
