"""Repairs of WeasyPrint's HTML parser's cache and of its cascade that change nothing made, only the speed.

tinyhtml5 (WeasyPrint's HTML parser) keeps a cache of the regular expressions
``chars_until`` searches with, but stores each one under the wrong key, so the
cache never hits: every attribute name, attribute value and run of text
builds its expression again (for an attribute name, 52 formatted characters).
That is half of the parsing time of a long worksheet.  A cache that makes the
same expression on a miss, under the key the parser looks up, gives the same
parse.  It is installed once, where studykit imports WeasyPrint; if tinyhtml5
changes (the cache is gone or no longer a plain dict), nothing is touched.

A second, for the cascade: WeasyPrint's user-agent stylesheet styles six
pseudo-elements of every element (``::marker``, ``::footnote-call``,
``::footnote-marker``, ``::note-call``, ``::note-marker``,
``::note-callback``), and it computes all six styles for every element up
front, though it asks for them only for list items, footnotes and notes: on a
worksheet six times as many computed styles as elements, a tenth of its
rendering time.  Each is computed instead when WeasyPrint first asks for it,
from the same cascaded values, parent and root (a pseudo-element whose rules
set an ``anchor`` is still computed up front, for the anchors it registers):
the same PDF, byte for byte.
"""

from __future__ import annotations

import re
import sys


class _UntilCache(dict):
    """``(characters, opposite)`` -> the expression tinyhtml5 builds for them, made on first use."""

    def __missing__(self, key):
        characters, opposite = key
        escaped = "".join(f"\\x{ord(character):02x}" for character in characters)
        pattern = re.compile(f"[{escaped if opposite else '^' + escaped}]+")
        self[key] = pattern
        return pattern


def install_lazy_pseudo_styles() -> bool:
    """Make WeasyPrint compute a pseudo-element's style when it first asks for it; True when it does."""
    try:
        from weasyprint.css import StyleFor
    except (ImportError, OSError):
        return False
    if getattr(StyleFor, "_studykit_lazy_pseudo", False):
        return True
    if not all(callable(getattr(StyleFor, name, None))
               for name in ("__init__", "__call__", "set_computed_styles")):
        return False
    original_init, original_call = StyleFor.__init__, StyleFor.__call__
    original_set = StyleFor.set_computed_styles

    def __init__(self, *args, **kwargs):
        self._studykit_deferred = {}
        self._studykit_deferring = True
        try:
            original_init(self, *args, **kwargs)
        finally:
            self._studykit_deferring = False

    def set_computed_styles(self, element, parent, root=None, pseudo_type=None, base_url=None,
                            target_collector=None):
        if pseudo_type and getattr(self, "_studykit_deferring", False):
            cascaded = self._cascaded_styles.get((element, pseudo_type))
            if cascaded is not None and "anchor" not in cascaded:
                self._studykit_deferred[element, pseudo_type] = (
                    cascaded, parent, root, base_url, target_collector)
                return
        original_set(self, element, parent, root, pseudo_type, base_url, target_collector)

    def __call__(self, element, pseudo_type=None):
        deferred = getattr(self, "_studykit_deferred", None)
        if pseudo_type and deferred and (element, pseudo_type) in deferred:
            cascaded, parent, root, base_url, target_collector = deferred.pop((element, pseudo_type))
            self._cascaded_styles[element, pseudo_type] = cascaded  # as it was when it was deferred
            try:
                original_set(self, element, parent, root, pseudo_type, base_url, target_collector)
            finally:
                del self._cascaded_styles[element, pseudo_type]
        return original_call(self, element, pseudo_type)

    StyleFor.__init__, StyleFor.__call__ = __init__, __call__
    StyleFor.set_computed_styles = set_computed_styles
    StyleFor._studykit_lazy_pseudo = True
    StyleFor._studykit_eager = (original_init, original_call, original_set)  # for tests to compare
    return True


def install() -> bool:
    """Give tinyhtml5 a working cache (and, when WeasyPrint is loaded, its cascade lazy
    pseudo-element styles); True when the cache was installed (or already was)."""
    if "weasyprint" in sys.modules:
        install_lazy_pseudo_styles()
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
