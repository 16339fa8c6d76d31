"""WeasyPrint's libraries found from one ldconfig listing (studykit.sharedlibs), never at the cost of a PDF.

Each case imports WeasyPrint in a fresh interpreter (it is imported once per
process), counts the calls that reach Python's own ``ctypes.util.find_library``
and renders a real PDF, read back here with pypdf.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from studykit import sharedlibs

pytestmark = pytest.mark.skipif(sharedlibs.listing() is None, reason="needs glibc's ldconfig")

CHILD = r"""
import ctypes.util, json, sys
from studykit import pdf, sharedlibs
if len(sys.argv) > 2:
    sharedlibs.LDCONFIG = sys.argv[2]
standard = ctypes.util.find_library
asked = []
def counted(name):
    asked.append(name)
    return standard(name)
ctypes.util.find_library = counted
data = pdf.html_to_pdf("<html><body><p>Grain requested: 1,000,000 tonnes.</p></body></html>")
open(sys.argv[1], "wb").write(data)
import weasyprint
json.dump({"standard_calls": asked, "weasyprint": weasyprint.__file__}, sys.stdout)
"""


def render_in_child(tmp_path: Path, *args: str, env: dict | None = None) -> dict:
    out = tmp_path / "page.pdf"
    done = subprocess.run([sys.executable, "-c", CHILD, str(out), *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Grain requested: 1,000,000 tonnes." in pypdf.PdfReader(out).pages[0].extract_text()
    return json.loads(done.stdout)


def without_search_paths() -> dict:
    return {name: "" for name in ("LD_LIBRARY_PATH", "LIBRARY_PATH")}


def test_weasyprint_loads_without_running_the_standard_lookup(tmp_path):
    found = render_in_child(tmp_path, env=without_search_paths())
    assert found["standard_calls"] == []  # no ldconfig, gcc or ld run per name


def test_every_name_weasyprint_asks_for_gets_the_standard_answer():
    code = ("import ctypes.util, json\nfrom studykit import sharedlibs\n"
            "with sharedlibs.listed() as lookup:\n    import weasyprint\n"
            "names = list(lookup.asked)\n"
            "print(json.dumps([[n, lookup(n), ctypes.util.find_library(n)] for n in names]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **without_search_paths()})
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout)
    assert len(answers) > 5  # Pango, GObject, HarfBuzz, Fontconfig, ... each under several names
    assert [listed for _, listed, _ in answers] == [standard for _, _, standard in answers]
    assert any(listed for _, listed, _ in answers) and any(listed is None for _, listed, _ in answers)


def test_without_ldconfig_the_standard_lookup_answers(tmp_path):
    found = render_in_child(tmp_path, str(tmp_path / "no-ldconfig"), env=without_search_paths())
    assert found["standard_calls"]  # every name went the standard way, and the PDF is there


def test_a_weasyprint_that_fails_to_load_from_the_listing_is_imported_again_the_standard_way(tmp_path):
    """On Linux WeasyPrint also tries each library's full file name, so a real failure is rare: a
    stand-in WeasyPrint fails only while the listing answers, as one whose library it lacks would."""
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "import ctypes.util\nfrom studykit.sharedlibs import ListedLookup\n"
        "if isinstance(ctypes.util.find_library, ListedLookup):\n"
        "    print('WeasyPrint could not import some external libraries')\n"
        "    raise OSError(\"cannot load library 'libpango-1.0-0'\")\n"
        "LOADED_WITH = ctypes.util.find_library.__module__\n")
    code = "from studykit import pdf\nprint(pdf.load_weasyprint().LOADED_WITH)"
    path = os.pathsep.join([str(fake.parent), os.environ.get("PYTHONPATH", "")])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **without_search_paths(), "PYTHONPATH": path})
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ctypes.util\n"  # loaded the second time, and the first one's banner is gone


def test_with_library_search_paths_names_not_listed_go_the_standard_way(tmp_path):
    found = render_in_child(tmp_path, env={"LD_LIBRARY_PATH": str(tmp_path), "LIBRARY_PATH": ""})
    listed = sharedlibs.listing()
    asked = found["standard_calls"]
    assert asked and all(sharedlibs.soname(listed, name) is None for name in asked)


def test_the_listing_gives_the_standard_answer_for_the_c_library():
    import ctypes.util

    assert sharedlibs.soname(sharedlibs.listing(), "c") == ctypes.util.find_library("c")
    assert sharedlibs.soname(sharedlibs.listing(), "no-such-library-anywhere") is None
