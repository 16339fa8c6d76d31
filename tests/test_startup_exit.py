"""The console script ends without tearing the interpreter down, and loses nothing by it.

``studykit`` and ``python -m studykit`` flush their streams, run the exit
handlers (which stop the PDF helper) and end the process at once.  Real
subprocesses: the JSON document arrives whole through a pipe, the exit status
is the command's, and no helper process of the build is left running.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pypdf
from cli_helpers import DECK, break_a_fact, small_project


def processes_with(marker: str) -> list[int]:
    """Processes whose environment holds ``marker`` (the build and everything it started)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def run(args: list[str], cwd: Path, marker: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "STUDYKIT_TEST_MARK": marker}
    env.pop("STUDYKIT_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "studykit", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_a_build_prints_its_whole_json_and_leaves_no_helper_behind(tmp_path):
    project = small_project(tmp_path / "p", worksheet=True)
    marker = uuid.uuid4().hex
    done = run(["build", "--json"], project, marker)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["ok"] and document["decks"][0]["deck"] == DECK
    key = project / "dist" / f"{DECK}-answer-key-A.pdf"
    assert "Northwick Harbour, 1852" in pypdf.PdfReader(key).pages[0].extract_text()
    assert processes_with(marker) == []  # the helper and its workers were stopped on the way out


def test_problems_and_their_exit_status_come_through(tmp_path):
    project = small_project(tmp_path / "p")
    path, line = break_a_fact(project)
    done = run(["check"], project, uuid.uuid4().hex)
    assert done.returncode == 1
    assert f"{path.name}:{line}:" in done.stderr and "evnt" in done.stderr
    listed = run(["list", "decks", "--json"], small_project(tmp_path / "q"), uuid.uuid4().hex)
    assert listed.returncode == 0 and json.loads(listed.stdout)["ok"]  # through typer too
