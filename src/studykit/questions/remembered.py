"""Wording helpers remembered per text: templates ask the same helper about the same value
again and again (4,000 claims of one holder each ask whether it is plural), so each helper
answers a text once per run."""

from __future__ import annotations

from functools import wraps


def per_text(function):
    """``function`` of one text, remembered per text: a wording helper asked again and again for
    the same value (4,000 claims of one holder each ask whether it is plural).  Anything but a plain
    ``str`` (or more arguments) is passed through unremembered, so its result or error is as before."""
    known: dict[str, object] = {}

    @wraps(function)
    def remembered(text, *more):
        if more or type(text) is not str:
            return function(text, *more)
        found = known.get(text, _UNKNOWN)
        if found is _UNKNOWN:
            if len(known) >= _REMEMBERED:
                known.clear()
            found = known[text] = function(text)
        return found

    remembered.forget = known.clear
    return remembered


_UNKNOWN = object()
_REMEMBERED = 1 << 16  # texts each helper remembers (a course has a few thousand distinct holders)
