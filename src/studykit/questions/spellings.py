"""Spellings of an answer a student may type without the keys for them: 'Barère' as 'Barere',
'Zürich' as 'Zurich'.  A marker (Moodle, QTI, GIFT, the key) accepts them; the
practice page folds accents itself."""

from __future__ import annotations

import unicodedata


def unaccented(text: str) -> str:
    """``text`` with the accents of its letters dropped, or '' when it has none to drop.

    Decomposed and composed again (NFD, then NFC), so only combining marks go: Hangul and
    other scripts that decompose come back whole, and 'ß' or 'æ' stay as they are."""
    text = str(text)
    if text.isascii():
        return ""
    bare = unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"))
    return bare if bare != text else ""


def typed_spellings(forms: list[str]) -> list[str]:
    """The unaccented spelling of each form that has accents, once each, none already given."""
    given = {f.casefold() for f in forms}
    found = []
    for form in forms:
        bare = unaccented(form)
        if bare and bare.casefold() not in given:
            given.add(bare.casefold())
            found.append(bare)
    return found
