"""Fixed-size array types for WeasyPrint's cffi, made from the array's item type instead of parsed again.

cffi turns each new type string into a type by running pycparser over it,
preceded by one ``typedef`` line for every type the library declared (for
WeasyPrint's Pango, HarfBuzz and Fontconfig declarations about 5 ms a
string).  It keeps what it made under the string, but WeasyPrint asks for
arrays whose size is in the string: while it subsets the fonts of a PDF it
makes ``hb_codepoint_t[51]``, ``hb_codepoint_t[5039]``, ... a new size, so a
new parse, for nearly every font of every PDF (a tenth of a second for a
small worksheet, more than its layout of the page).

``T[N]`` is the array of N items of the type ``T[]`` has, whatever N is:
:func:`install` makes it so from ``T[]``, parsed once per item type; every
other string is parsed as before.  If cffi no longer has the parser method
this relies on, nothing is touched.
"""

from __future__ import annotations

import re

# "T[N]" where T is a plain type name, perhaps with pointers ("char", "unsigned int", "hb_tag_t *"):
# no brackets or parentheses inside T, so arrays of arrays and function types are parsed as before.
_FIXED = re.compile(r"^\s*([A-Za-z_][\w \t*]*?)\s*\[\s*(\d+)\s*\]\s*$")


class _FixedArrays:
    """A ``parse_type_and_quals`` that makes ``T[N]`` from ``T[]``; anything else goes to ``parse``."""

    def __init__(self, parse):
        self.parse = parse
        self.open_arrays: dict[str, tuple] = {}  # "T[]" -> what parse made of it

    def __call__(self, cdecl):
        found = _FIXED.match(cdecl) if isinstance(cdecl, str) else None
        if found is None:
            return self.parse(cdecl)
        open_array = f"{found.group(1)}[]"
        if open_array not in self.open_arrays:
            self.open_arrays[open_array] = self.parse(open_array)
        made, quals = self.open_arrays[open_array]
        if not getattr(made, "is_array_type", False):
            return self.parse(cdecl)
        return made.resolve_length(int(found.group(2))), quals


def install(ffi) -> bool:
    """Make this cffi ``FFI`` build fixed-size arrays from their item type; True when it does."""
    parser = getattr(ffi, "_parser", None)
    parse = getattr(parser, "parse_type_and_quals", None)
    if parse is None:
        return False
    if not isinstance(parse, _FixedArrays):
        parser.parse_type_and_quals = _FixedArrays(parse)
    return True


def install_for_weasyprint() -> bool:
    """:func:`install` on the FFI WeasyPrint declares its libraries with (once it is imported)."""
    try:
        from weasyprint.text.ffi import ffi
    except (ImportError, OSError):
        return False
    return install(ffi)
