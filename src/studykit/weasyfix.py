"""Repairs of WeasyPrint's HTML parser's cache, and garbage collection paused while it renders: only the speed changes.

tinyhtml5 (WeasyPrint's HTML parser) keeps a cache of the regular expressions
``chars_until`` searches with, but stores each one under the wrong key, so the
cache never hits: every attribute name, attribute value and run of text
builds its expression again (for an attribute name, 52 formatted characters).
That is half of the parsing time of a long worksheet.  A cache that makes the
same expression on a miss, under the key the parser looks up, gives the same
parse.  It is installed once, where studykit imports WeasyPrint; if tinyhtml5
changes (the cache is gone or no longer a plain dict), nothing is touched.

While WeasyPrint lays out and writes a page, Python's cyclic garbage
collector is paused (:func:`gc_paused`): a long page allocates millions of
objects, so the collector runs thousands of times and its full passes walk the
whole growing tree of boxes, a sixth of the CPU of a 1,000-question sheet
(7.9-8.0 s -> 6.2-6.5 s, same process, interleaved; on the shipped worksheet
and key the difference is below the noise).  Nothing is lost: the collector
runs again afterwards, and reference counting frees what has no cycle meanwhile.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager


class _UntilCache(dict):
    """``(characters, opposite)`` -> the expression tinyhtml5 builds for them, made on first use."""

    def __missing__(self, key):
        characters, opposite = key
        escaped = "".join(f"\\x{ord(character):02x}" for character in characters)
        pattern = re.compile(f"[{escaped if opposite else '^' + escaped}]+")
        self[key] = pattern
        return pattern


@contextmanager
def gc_paused():
    """Python's cyclic garbage collector off for the block (as it was after it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
