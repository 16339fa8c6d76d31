"""A repair of WeasyPrint's HTML parser's cache that changes nothing it makes, only its speed.

tinyhtml5 (WeasyPrint's HTML parser) keeps a cache of the regular expressions
``chars_until`` searches with, but stores each one under the wrong key, so the
cache never hits: every attribute name, attribute value and run of text
builds its expression again (for an attribute name, 52 formatted characters).
That is half of the parsing time of a long worksheet.  A cache that makes the
same expression on a miss, under the key the parser looks up, gives the same
parse.  It is installed once, where studykit imports WeasyPrint; if tinyhtml5
changes (the cache is gone or no longer a plain dict), nothing is touched.
"""

from __future__ import annotations

import re


class _UntilCache(dict):
    """``(characters, opposite)`` -> the expression tinyhtml5 builds for them, made on first use."""

    def __missing__(self, key):
        characters, opposite = key
        escaped = "".join(f"\\x{ord(character):02x}" for character in characters)
        pattern = re.compile(f"[{escaped if opposite else '^' + escaped}]+")
        self[key] = pattern
        return pattern


def install() -> bool:
    """Give tinyhtml5 a working cache; True when it was installed (or already was)."""
    try:
        from tinyhtml5 import inputstream
    except ImportError:
        return False
    cache = getattr(inputstream, "characters_until_regex", None)
    if isinstance(cache, _UntilCache):
        return True
    if type(cache) is not dict or not hasattr(inputstream.HTMLUnicodeInputStream, "chars_until"):
        return False
    inputstream.characters_until_regex = _UntilCache()
    return True
