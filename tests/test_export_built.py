"""``export anki-tsv`` follows the deck built where ``build --out`` wrote it (``--built FOLDER``).

The TSV updates the students' notes by GUID, so its cloze blanks must carry the numbers the built
deck gave them (studykit.cloze_numbers): read from ``dist/`` only, a deck built elsewhere was not
seen and a reviewed card was moved onto another term.  With no deck built, the export says so.
Real Anki: the .apkg imported and reviewed, then the TSV imported with Anki's own CSV importer.
"""

from __future__ import annotations

import subprocess
import sys

from anki.collection import ImportCsvRequest

from studykit.build import build_project
from studykit.errors import UsageError
from studykit.export import export_project

from test_cloze_numbers import _asked, _import, _project, _rebuild, _review

BOUND = 300  # seconds: a bound against hanging only


def _cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "studykit", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=BOUND)


def test_the_tsv_follows_a_deck_built_with_build_out(tmp_path, student):
    root, elsewhere = _project(tmp_path / "p", ["November"]), tmp_path / "decks-out"
    build_project(root, out=elsewhere)
    _import(student, elsewhere / "doc.apkg")
    reviewed = _review(student, "November")
    interval = student.get_card(reviewed).ivl
    _rebuild(root, elsewhere, student, ["pier plans", "November"])  # "November" keeps number 1

    shown = _cli("export", "anki-tsv", "--built", str(elsewhere), "--out", str(tmp_path / "tsv"), cwd=root)
    assert shown.returncode == 0, shown.stderr
    assert "no deck built" not in shown.stdout
    path = tmp_path / "tsv" / "doc.anki.tsv"
    metadata = student.get_csv_metadata(path=str(path), delimiter=None)
    log = student.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log
    assert len(log.updated) + len(log.duplicate) == 1 and not log.new
    assert _asked(student, reviewed) == "November" and student.get_card(reviewed).ivl == interval


def test_with_no_deck_built_the_export_says_so(tmp_path):
    root = _project(tmp_path / "p", ["pier plans", "November"])
    shown = _cli("export", "anki-tsv", "--out", str(tmp_path / "tsv"), cwd=root)
    assert shown.returncode == 0, shown.stderr
    assert "no deck built in dist (no doc.manifest.json): cloze blanks are numbered in reading order" in shown.stdout
    assert "--built FOLDER" in shown.stdout
    build_project(root)  # once built in dist/, nothing to say
    shown = _cli("export", "anki-tsv", "--out", str(tmp_path / "tsv"), cwd=root)
    assert shown.returncode == 0 and "no deck built" not in shown.stdout


def test_a_wrong_built_folder_is_a_usage_error(tmp_path):
    root = _project(tmp_path / "p", ["November"])
    shown = _cli("export", "anki-tsv", "--built", str(tmp_path / "nowhere"), cwd=root)
    assert shown.returncode == 2 and "--built" in shown.stderr and "no such folder" in shown.stderr
    assert "Traceback" not in shown.stderr and len(shown.stderr.strip().splitlines()) == 1
    shown = _cli("export", "gift", "--built", str(root), cwd=root)
    assert shown.returncode == 2 and "does not read it" in shown.stderr
    try:
        export_project(root, "quizlet", built=root)
    except UsageError as err:
        assert "anki-tsv" in str(err)
    else:
        raise AssertionError("--built with quizlet was accepted")
