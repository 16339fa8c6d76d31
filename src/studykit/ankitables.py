"""An Anki collection's tables filled in bulk: the rows genanki writes note by note, in two statements.

genanki writes a package one ``Note`` object at a time: an INSERT per note and
per card, and the whole deck list read, parsed, extended and written back once
per deck (a course has hundreds of subdecks).  :class:`BulkCollection` writes
the very same rows (the same note and card ids from the same counter, in the
same order; GUIDs, fields, sort field, checksum 0, tags, card ordinals, decks
and due positions as genanki sets them) with one ``executemany`` per table,
and the ``col`` row's deck and note type lists once.  Its interface is
genanki's ``Package.write_to_db``, so the package writer does not care which
one fills the database; ``tests/test_ankitables.py`` compares both row by row.

genanki's schema, ``col`` row, note type and deck JSON and its rule for which
cards a note has (``Model._req``) are used as they are: only the per-note work
is done here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

_CLOZE_NUMBER = re.compile(r"{{c(\d+)::.+?}}", re.DOTALL)
_CLOZE_FIELDS = (re.compile(r"{{[^}]*?cloze:(?:[^}]?:)*(.+?)}}"), re.compile("<%cloze:(.+?)%>"))


@dataclass
class DeckNotes:
    """One deck (a genanki ``Deck`` or :class:`.ankimodels.Deck`, for its id, name and JSON) and its
    notes, in package order.

    Each note is ``(model, fields, tags, guid, due)``: a genanki ``Model`` (or
    :class:`.ankimodels.Model`), the
    field values in the model's order, tags without spaces, the GUID and the
    note's position in the deck's study order.
    """

    deck: object
    notes: list


class BulkCollection:
    """Decks of notes, written into an empty collection database by :meth:`write_to_db`."""

    def __init__(self, decks: list[DeckNotes], tables: tuple[str, str] | None = None):
        self.decks = decks
        self.tables = tables  # genanki's schema and col row SQL (None: taken from genanki)

    def write_to_db(self, cursor, timestamp: float, id_gen) -> None:
        """Create the collection and fill it: the rows of genanki's ``Package.write_to_db``.

        Note and card ids come from ``id_gen`` in genanki's order: deck by deck,
        each note's id followed by its cards' ids.
        """
        if self.tables is None:
            from genanki.apkg_col import APKG_COL
            from genanki.apkg_schema import APKG_SCHEMA

            self.tables = (APKG_SCHEMA, APKG_COL)
        schema, col = self.tables
        cursor.executescript(schema)
        cursor.executescript(col)
        decks_json, models_json = (json.loads(text) for text in
                                   cursor.execute("SELECT decks, models FROM col").fetchone())
        mod = int(timestamp)
        note_rows, card_rows = [], []
        last_deck: dict = {}  # model -> the last deck with a note of it (its JSON names that deck)
        ords = _CardOrds()
        for entry in self.decks:
            deck_id = entry.deck.deck_id
            decks_json[str(deck_id)] = entry.deck.to_json()
            for model, fields, tags, guid, due in entry.notes:
                last_deck[model] = deck_id
                note_id = next(id_gen)
                note_rows.append((note_id, guid, model.model_id, f" {' '.join(tags)} ", "\x1f".join(fields),
                                  fields[model.sort_field_index]))
                for ord_ in ords(model, fields):
                    card_rows.append((next(id_gen), note_id, deck_id, ord_, due))
        for model, deck_id in last_deck.items():
            models_json[str(model.model_id)] = model.to_json(timestamp, deck_id)
        cursor.execute("UPDATE col SET decks = ?, models = ?", (json.dumps(decks_json), json.dumps(models_json)))
        # What every row has alike is written into the statement (the same values, stored alike):
        # binding it row by row was a third of the inserts' work.
        cursor.executemany(f"INSERT INTO notes VALUES(?,?,?,{mod},-1,?,?,?,0,0,'')", note_rows)
        cursor.executemany(f"INSERT INTO cards VALUES(?,?,?,?,{mod},-1,0,0,?,0,0,0,0,0,0,0,0,'')", card_rows)


def card_ords(model, fields: list[str]) -> list[int]:
    """The ordinals of the cards a note has: genanki's rule, so a package's cards do not change.

    A front/back card exists when its required fields are filled (``Model._req``);
    a cloze note has a card per ``{{cN::...}}`` number in its cloze fields, and
    none without one (genanki's fallback to one card compares a set with ``{}``,
    which is never equal).
    """
    if model.model_type == model.CLOZE:
        return list(_cloze_ords(_cloze_positions(model), fields))
    return [ord_ for ord_, any_or_all, required in model._req
            if (any if any_or_all == "any" else all)(fields[i] for i in required)]


class _CardOrds:
    """:func:`card_ords`, worked out once per note type and pattern of empty fields: a front/back
    note's cards depend on nothing else (a cloze note's on its cloze numbers: asked each time)."""

    def __init__(self):
        self._known: dict[tuple, list[int]] = {}
        self._cloze: dict[int, tuple[int, ...]] = {}  # id(model) -> its cloze fields' positions

    def __call__(self, model, fields: list[str]) -> list[int]:
        if model.model_type == model.CLOZE:
            positions = self._cloze.get(id(model))
            if positions is None:
                positions = self._cloze[id(model)] = _cloze_positions(model)
            return list(_cloze_ords(positions, fields))
        key = (id(model), *map(bool, fields))  # (the models live as long as this)
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = card_ords(model, fields)
        return found


def _cloze_positions(model) -> tuple[int, ...]:
    """The positions of the fields the model's first front fills as clozes (see _cloze_fields)."""
    return _cloze_fields(model.templates[0]["qfmt"], tuple(f["name"] for f in model.fields))


def _cloze_ords(positions: tuple[int, ...], fields: list[str]) -> set[int]:
    """The cloze numbers (less one) in the fields at ``positions``, as genanki collects them (the
    same set, built in the same order, iterates the same way)."""
    ords: set[int] = set()
    for index in positions:
        value = fields[index] if index >= 0 else ""
        ords.update(int(n) - 1 for n in _CLOZE_NUMBER.findall(value) if int(n) > 0)
    return ords


@lru_cache(maxsize=64)
def _cloze_fields(front: str, names: tuple[str, ...]) -> tuple[int, ...]:
    """The positions (-1: no such field) of the fields a cloze front fills, in the order of the set
    of their names genanki iterates: worked out once per note type, not once per note."""
    wanted = set(_CLOZE_FIELDS[0].findall(front) + _CLOZE_FIELDS[1].findall(front))
    return tuple(next((i for i, name in enumerate(names) if name == want), -1) for want in wanted)
