"""What genanki makes of a deck's note types, kept in the user cache: a build imports genanki only
when the cache does not have it yet.

The package writer takes from genanki only constant SQL (the collection's schema and ``col``
row), two JSON shapes (a note type's and a deck's) and the rule for which cards a note gets
(``Model._req``, found by rendering each front with chevron).  Importing genanki's package costs
a build about 50 ms (it imports asyncio, through cached_property, and PyYAML); its answers depend
only on genanki's version and the note types, which an entry's key holds (the code fingerprint
names genanki's version).  A missing or unusable entry is made again with genanki itself; with
the cache turned off genanki is asked every time.
"""

from __future__ import annotations

import hashlib
import json


class Model:
    """A note type as the package writer reads it: the attributes of a ``genanki.Model`` it uses."""

    FRONT_BACK, CLOZE = 0, 1  # (genanki.Model's model types)

    def __init__(self, shape: dict):
        self._shape = shape  # genanki's note type JSON
        self.model_id = int(shape["id"])
        self.fields, self.templates = shape["flds"], shape["tmpls"]
        self.model_type, self.sort_field_index, self._req = shape["type"], shape["sortf"], shape["req"]

    def to_json(self, timestamp: float, deck_id: int) -> dict:
        """genanki's ``Model.to_json``: the kept JSON, its mod time and deck (same keys, same order)."""
        shape = dict(self._shape)
        shape["mod"], shape["did"] = int(timestamp), deck_id
        return shape


class Deck:
    """A deck as the package writer reads it: genanki's ``Deck`` id, name and JSON."""

    def __init__(self, shape: dict, deck_id: int, name: str, description: str = ""):
        self._shape, self.deck_id, self.name, self.description = shape, deck_id, name, description

    def to_json(self) -> dict:
        shape = dict(self._shape)  # (same keys, same order)
        shape["id"], shape["name"], shape["desc"] = self.deck_id, self.name, self.description
        return shape


class Kept:
    """genanki's answers for one set of note types: the schema, the ``col`` row, the deck shape and
    each note type's :class:`Model` (by the note type's id)."""

    def __init__(self, data: dict):
        self.schema, self.col, self._deck = data["schema"], data["col"], data["deck"]
        self.models = {type_id: Model(shape) for type_id, shape in data["models"].items()}

    def deck(self, deck_id: int, name: str, description: str = "") -> Deck:
        return Deck(self._deck, deck_id, name, description)


def kept(specs: dict[str, dict]) -> Kept:
    """genanki's answers for the note types ``specs`` (type id -> ``genanki.Model``'s arguments),
    from the user cache when it has them."""
    from . import usercache
    from .buildcache import code_fingerprint

    folder = usercache.folder("anki")
    text = json.dumps(specs, sort_keys=True, ensure_ascii=False)
    path = None if folder is None else folder / hashlib.sha256(f"{code_fingerprint()}\0{text}".encode()).hexdigest()
    stored = usercache.read(path) if path is not None else None
    if stored is not None:
        try:
            return Kept(json.loads(stored))
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not an entry of this shape: made again below
    data = _from_genanki(json.loads(json.dumps(specs)))  # (a copy in the same order: genanki fills it in)
    if path is not None:
        usercache.write_atomically(path, json.dumps(data, ensure_ascii=False).encode())
    return Kept(data)


def _from_genanki(specs: dict[str, dict]) -> dict:
    import genanki
    from genanki.apkg_col import APKG_COL
    from genanki.apkg_schema import APKG_SCHEMA

    models = {type_id: genanki.Model(**spec).to_json(0, 0) for type_id, spec in specs.items()}
    return {"schema": APKG_SCHEMA, "col": APKG_COL, "deck": genanki.Deck(0, "", "").to_json(), "models": models}
