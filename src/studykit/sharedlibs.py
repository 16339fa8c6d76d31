"""Find shared libraries from one ``ldconfig -p`` listing while WeasyPrint loads.

WeasyPrint opens Pango, GObject, HarfBuzz and Fontconfig through cffi, trying
several names for each (Windows, macOS and Linux spellings).  For every name
that is not the right one here, cffi asks ``ctypes.util.find_library``, which
on Linux runs ``ldconfig -p`` and, when that lists nothing, the C compiler and
the linker: about 20 subprocesses, a quarter of WeasyPrint's import.

:func:`listed` answers those questions from a single ``ldconfig -p`` listing,
read with the same command and matched with the same pattern as the standard
library's first step, so a library found there is the one the standard
library would find.  A name the listing lacks is answered "not found" only
when neither ``LD_LIBRARY_PATH`` nor ``LIBRARY_PATH`` adds folders the
compiler or linker would search; otherwise, and whenever the listing cannot
be read (no glibc ``ldconfig``), the standard lookup answers.  If WeasyPrint
still fails to load, :mod:`studykit.pdf` imports it again with the standard
lookup, so this shortcut can cost time, never a PDF.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from contextlib import contextmanager

LDCONFIG = "/sbin/ldconfig"  # where the standard library runs it from
_ABI = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}  # ldconfig's words for this machine
_SEARCH_PATHS = ("LD_LIBRARY_PATH", "LIBRARY_PATH")  # folders the compiler and linker add


def listing() -> bytes | None:
    """What ``ldconfig -p`` prints (in the C locale), or None when it cannot be run."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        done = subprocess.run([LDCONFIG, "-p"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, env={"LC_ALL": "C", "LANG": "C"}, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 and done.stdout else None


def abi_type() -> str:
    """How ldconfig labels libraries of this interpreter's word size and machine."""
    bits = "-32" if struct.calcsize("l") == 4 else "-64"
    return _ABI.get(os.uname().machine + bits, "libc6")


def soname(listed: bytes, name: str) -> str | None:
    """The file name ``ldconfig -p`` gives for library ``name`` (``libNAME.<...>``), if listed."""
    pattern = rb"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name.encode()), abi_type().encode())
    found = re.search(pattern, listed)
    return os.fsdecode(found.group(1)) if found else None


class ListedLookup:
    """A ``find_library`` that answers from one listing, asking ``standard`` only when it must."""

    def __init__(self, listed: bytes, standard, environ=os.environ):
        self.listed, self.standard = listed, standard
        self.definitive = not any(environ.get(name) for name in _SEARCH_PATHS)
        self.asked: list[str] = []  # every name looked up, in order (for the tests)

    def __call__(self, name: str) -> str | None:
        self.asked.append(name)
        found = soname(self.listed, name)
        if found is not None or self.definitive:
            return found
        return self.standard(name)


@contextmanager
def listed():
    """Inside, ``ctypes.util.find_library`` answers from one ldconfig listing (when there is one)."""
    import ctypes.util

    standard = ctypes.util.find_library
    text = listing()
    if text is None:
        yield None
        return
    lookup = ListedLookup(text, standard)
    ctypes.util.find_library = lookup
    try:
        yield lookup
    finally:
        ctypes.util.find_library = standard
