"""Anki-importable TSV: the same notes as the deck's .apkg, as text Anki's File > Import reads.

The notes come from :func:`studykit.apkg.notes_for`, so GUIDs, note types,
subdecks, fields and tags are exactly the .apkg's: importing this file into
a collection that already has the deck updates the notes in place and keeps
every review.  The header lines tell Anki the separator, that fields are
HTML, and which columns hold the GUID, note type, deck and tags.

A cloze note's blanks carry the numbers of the deck built in the build folder
(``dist/``, or the folder ``build --out`` wrote, given as ``export --built``):
there the students' cards have their history.  With no deck built there, the
blanks are numbered in reading order, as a first build numbers them, and the
export says so.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..apkg import notes_for
from ..cloze_numbers import as_built
from ..errors import display_path
from ..model import Project
from .common import FORMULA_STARTS

HEADER = (
    "#separator:tab",
    "#html:true",
    "#guid column:1",
    "#notetype column:2",
    "#deck column:3",
    "#tags column:4",
    "#if matches:update current",
)


def write(project: Project, deck, questions, built: Path) -> tuple[str, int, list[str]]:
    """The TSV text, its number of notes, and what the teacher should know (no deck built)."""
    made = notes_for(project, deck, questions)
    notes = as_built(project, deck, made, built)  # the deck's cloze numbers
    said = []
    if notes is None:
        notes = made
        if any(project.note_types[n.note_type].cloze for n in notes):
            said = [f"no deck built in {display_path(built)} (no {deck.id}.manifest.json): cloze blanks are "
                    "numbered in reading order, as a first build numbers them; if students have cards from "
                    "a build in another folder, pass it as --built FOLDER"]
    buffer = io.StringIO()
    buffer.write("\n".join(HEADER) + "\n")
    rows = csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for note in notes:
        note_type = project.note_types[note.note_type]
        # notes_for already stores fields without tabs or line breaks (as the .apkg
        # does), so the text here is exactly the package's: nothing to "update".
        # A field is HTML, so a leading = + - @ is written as its character
        # reference: Anki shows the same text, a spreadsheet sees no formula.
        fields = [_no_formula(note.fields.get(name, "")) for name in note_type.fields]
        rows.writerow([note.guid, note_type.name, note.deck, " ".join(note.tags), *fields])
    return buffer.getvalue(), len(notes), said



def _no_formula(field: str) -> str:
    return f"&#{ord(field[0])};{field[1:]}" if field.startswith(FORMULA_STARTS) else field
