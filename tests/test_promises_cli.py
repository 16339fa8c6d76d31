"""README promises about the teacher's commands that had no test of their own (issue 15's audit).

Each runs the console script's entry point on a small project of its own; the expected text is
written out here from the README, not taken from the code under test.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from cli_helpers import DECK, run_in_process, small_project, studykit
from small_project import make_project

SOURCE = "The envoy wrote that the aid was late and the grain was short.\n"
FACT = """\
topic: main
facts:
  - id: envoy-wrote
    kind: claim
    statement: The envoy wrote that the aid was late.
    question: What did the envoy write about the aid?
    answer: It was late
    quote: the aid was late
    key_terms: [late]
    false_statements: ["The envoy wrote that the aid was early."]
    data: {holder: the envoy}
"""


def test_preview_marks_the_questions_of_templates_the_deck_does_not_use(tmp_path: Path):
    """The deck uses only 'recall'; the cloze and true/false questions preview shows are marked."""
    root = make_project(tmp_path / "p", SOURCE, FACT, deck_templates=["recall"])
    shown = run_in_process("preview", "envoy-wrote", cwd=root)
    assert shown.returncode == 0, shown.stderr
    heads = {line.split()[0]: line for line in shown.stdout.splitlines() if "/envoy-wrote " in line}
    assert set(heads) == {"recall/envoy-wrote", "cloze/envoy-wrote", "true-false-statement/envoy-wrote"}
    assert "not in deck" not in heads["recall/envoy-wrote"]
    for qid in ("cloze/envoy-wrote", "true-false-statement/envoy-wrote"):
        assert heads[qid].endswith("(template not in deck 'doc')"), heads[qid]
    listed = json.loads(run_in_process("preview", "envoy-wrote", "--json", cwd=root).stdout)
    assert {q["id"]: q["in_deck"] for q in listed["questions"]} == {
        "recall/envoy-wrote": True, "cloze/envoy-wrote": False, "true-false-statement/envoy-wrote": False}


def test_a_tag_with_a_space_is_refused_where_it_is_written(tmp_path: Path):
    """Anki splits tags at spaces: 'grain deliveries' would tag the notes 'grain' and 'deliveries'."""
    fact = FACT.replace("    data: {holder", "    tags: [aid, grain deliveries]\n    data: {holder")
    root = make_project(tmp_path / "p", SOURCE, fact)
    shown = run_in_process("check", cwd=root)
    assert shown.returncode == 1
    line = fact.splitlines().index("    tags: [aid, grain deliveries]") + 1
    col = "    tags: [aid, grain deliveries]".index("grain deliveries") + 1  # at the item itself
    [problem] = [text for text in shown.stderr.splitlines() if text.startswith("seeds/doc/facts/facts.yaml:")]
    assert problem.startswith(f"seeds/doc/facts/facts.yaml:{line}:{col}: ") and "kebab-case" in problem
    assert "'tags' item #2 'grain deliveries' is not a kebab-case id" in problem
    assert "write 'grain-deliveries'" in problem


STONE = """\
topic: main
facts:
  - id: stone-asked
    kind: figure
    statement: The Council asked for 40 tons of stone.
    question: How much stone did the Council ask for?
    answer: 40 tons of stone
    quote: The Council asked for 40 tons of stone
    data: {item: stone, unit: tons, value: 40}
"""


def test_retired_notes_whose_note_type_is_gone_are_left_out_and_the_build_says_so(tmp_path: Path):
    """A note type removed with the only template using it: its notes cannot be shipped retired."""
    root = make_project(tmp_path / "p", "The Council asked for 40 tons of stone.\n", STONE,
                        deck_templates=["recall", "figure-typed"])
    first = run_in_process("build", cwd=root)
    assert first.returncode == 0, first.stderr
    assert ": 2 notes, 2 cards, " in first.stdout.splitlines()[0]
    deck = root / "decks" / "doc.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace("templates: [recall, figure-typed]",
                                                             "templates: [recall]"), encoding="utf-8")
    (root / "question_templates" / "figure-typed.yaml").unlink()
    (root / "question_templates" / "note_types" / "typed.yaml").unlink()
    again = run_in_process("build", cwd=root)
    assert again.returncode == 0, again.stderr
    lines = again.stdout.splitlines()
    assert ": 1 notes, 1 cards, " in lines[0]
    assert "  1 retired note(s) left out: their note type no longer exists (figure-typed/stone-asked)" in lines


PANGO_MISSING = ("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file: "
                 "No such file or directory")

# Loaded by every Python process of the build (the build's own and its PDF helper) through
# PYTHONPATH: WeasyPrint is installed (found), but importing it fails as cffi fails without Pango.
NO_PANGO_SITE = f"""
import importlib.abc, importlib.machinery, sys

class _Loader(importlib.abc.Loader):
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        raise OSError({PANGO_MISSING!r})

class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint":
            return importlib.machinery.ModuleSpec(name, _Loader())
        return None

sys.meta_path.insert(0, _Finder())
"""


def test_when_weasyprint_cannot_load_its_libraries_the_html_is_written_and_one_line_says_why(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_PANGO_SITE, encoding="utf-8")
    root = small_project(tmp_path / "p", worksheet=True)
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH")) if p)
    shown = studykit("build", cwd=root, env={"PYTHONPATH": path})
    assert shown.returncode == 0, shown.stderr
    [line] = shown.stderr.splitlines()
    assert "PDFs not written" in line and "WeasyPrint" in line and "libpango-1.0-0" in line
    dist = root / "dist"
    assert (dist / f"{DECK}-worksheet-A.html").is_file() and (dist / f"{DECK}-answer-key-A.html").is_file()
    assert (dist / f"{DECK}.apkg").is_file() and list(dist.glob("*.pdf")) == []


def test_a_list_of_texts_with_one_bad_item_is_refused_at_that_item(tmp_path: Path):
    fact = FACT.replace("    data: {holder", "    accept: [the grain, 75000, '']\n    data: {holder")
    root = make_project(tmp_path / "p", SOURCE, fact)
    shown = run_in_process("check", cwd=root)
    assert shown.returncode == 1
    written = "    accept: [the grain, 75000, '']"
    line = fact.splitlines().index(written) + 1
    [problem] = [text for text in shown.stderr.splitlines() if text.startswith("seeds/doc/facts/facts.yaml:")]
    assert problem.startswith(f"seeds/doc/facts/facts.yaml:{line}:{written.index('75000') + 1}: ")
    assert "'accept' item #2 must be text, not the number 75000" in problem
