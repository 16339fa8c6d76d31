"""Careless and hostile input: every mistake is a `path:line:col` problem, never a traceback.

Each case starts from a small project made by `studykit init` and built once
(so `dist/` holds previous outputs), changes one file the way a careless or
hostile user might, and runs the real `studykit build` with a timeout: in a
subprocess for the first case and wherever a hang is the danger (pipes, devices),
else through the console script's entry point inside the test process.  Each asserts the exit status (1: problems in the files), the file,
line, column and words of the message, and that nothing was written or run:
every file of the project, `dist/` included, is byte-identical afterwards.

Expected positions are worked out from the edited file's text (where the
edit's marker stands), not from the code under test.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from cli_helpers import run_in_process

SOURCE = "seeds/sample-letter/source.yaml"
FACTS = "seeds/sample-letter/facts/sample.yaml"
DECK = "decks/sample-deck.yaml"
TEXT = "seeds/sample-letter/source.txt"


def studykit(*args: str, cwd: Path, timeout: float = 120, process: bool = False) -> subprocess.CompletedProcess:
    """The real program, in a subprocess when ``process`` (else its entry point in this process)."""
    env = {"COLUMNS": "200", "NO_COLOR": "1"}
    if not process:
        return run_in_process(*args, cwd=cwd, env=env, timeout=timeout)
    return subprocess.run([sys.executable, "-m", "studykit", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **env})


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A new project from `studykit init`, without its worksheet (quicker), built once."""
    root = tmp_path_factory.mktemp("hostile") / "project"
    assert studykit("init", str(root), cwd=root.parent, process=True).returncode == 0
    deck = root / DECK
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text[: text.index("worksheet:")], encoding="utf-8")
    result = studykit("build", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "dist" / "sample-deck.apkg").exists()
    return root


@pytest.fixture
def project(built, tmp_path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(built, dest, symlinks=True)
    return dest


def snapshot(root: Path) -> dict[str, str]:
    """Every file under the project and its content hash (symlinks and pipes by what they are)."""
    files = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            files[rel] = "link:" + os.readlink(path)
        elif path.is_fifo():
            files[rel] = "fifo"
        elif path.is_file():
            files[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def position(root: Path, name: str, marker: str, offset: int = 0) -> tuple[int, int]:
    """1-based line and column of ``marker`` (plus ``offset`` characters) in the file's text."""
    text = (root / name).read_text(encoding="utf-8")
    index = text.index(marker) + offset
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def refused(root: Path, name: str, where: tuple[int, int], *words: str, process: bool = False) -> str:
    """Run `studykit build`: exit 1, the problem at name:line:col with ``words``, nothing touched."""
    before = snapshot(root)
    result = studykit("build", cwd=root, process=process)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 1, output
    prefix = f"{name}:{where[0]}:{where[1]}: "
    lines = [line for line in output.splitlines() if line.startswith(prefix)]
    assert lines, f"no problem at {prefix}\n{output}"
    assert any(all(w in line for w in words) for line in lines), (words, lines)
    assert snapshot(root) == before, "the build wrote, removed or changed files"
    return output


@dataclass
class Case:
    name: str
    file: str
    old: str
    new: str
    marker: str  # where the problem must be reported: this text in the edited file ...
    offset: int  # ... plus this many characters
    words: tuple[str, ...]


CASES = [
    # 11.1: every user mistake is a problem with a position
    Case("impossible date", SOURCE, "date: 1852-03-03", "date: 1852-13-45", "1852-13-45", 0,
         ("'1852-13-45' is not a real date", "no month 13")),
    Case("impossible date in data", FACTS, "when: 1 March", "when: 1852-02-30", "1852-02-30", 0,
         ("February 1852 has no day 30",)),
    Case("impossible written date", SOURCE, "date: 1852-03-03", "date: 30 February 1852",
         "30 February", 0, ("'date'", "February 1852 has no day 30")),
    Case("integer of thousands of digits", "question_templates/matching-people.yaml",
         "points: 4", "points: " + "9" * 5000, "9999", 0, ("5000 digits",)),
    Case("nesting hundreds deep", FACTS, "    context:", "    extra: " + "[" * 300 + "]" * 300
         + "\n    context:", "[[[", 37, ("nests more than 40 levels",)),  # 38th '[': level 41 of the file
    Case("group_size 0", "question_templates/matching-people.yaml", "group_size: 8",
         "group_size: 0", "group_size: 0", 12, ("'group_size' must be at least 1, not 0",)),
    Case("distractor count -1", "question_templates/choice-answer.yaml", "count: 3", "count: -1",
         "count: -1", 7, ("'count' must be at least 1, not -1",)),
    Case("lines out of bounds", "question_templates/recall.yaml", "lines: 2", "lines: 100000000",
         "lines: 1", 7, ("'lines' must be at most 200",)),
    Case("subdeck title null", DECK, "topics: [harbour, requests]",
         "topics: [harbour, requests]\nsubdecks: {harbour: null}", "null", 0,
         ("subdeck title of topic 'harbour' must be text, not nothing (null)",)),
    Case("subdeck title a list", DECK, "topics: [harbour, requests]",
         "topics: [harbour, requests]\nsubdecks:\n  harbour: [a, b]", "[a, b]", 0,
         ("subdeck title of topic 'harbour' must be text, not a list",)),
    Case("id ending in a newline", FACTS, "- id: pier-opened", '- id: "pier-opened\\n"',
         '"pier-opened', 0, ("'id' must be a kebab-case id",)),
    Case("template listed twice", DECK, "topics: [harbour, requests]",
         "topics: [harbour, requests]\ntemplates: [recall, cloze, recall]", "recall]", 0,
         ("template 'recall' is listed twice",)),
    Case("topic listed twice", DECK, "topics: [harbour, requests]",
         "topics: [harbour, requests, harbour]", "harbour]", 0, ("topic 'harbour' is listed twice",)),
    # 11.2: text that would break an output
    Case("Anki's field separator U+001F", FACTS, "statement: The new pier of Northwick was opened",
         'statement: "The new\\x1fpier of Northwick was opened"\n    x-statement:', '"The new', 0,
         ("control character U+001F",)),
    Case("NUL escaped in a quote", FACTS, "answer: Mr. Thomas Hale", 'answer: "Mr.\\0 Thomas Hale"',
         '"Mr.', 0, ("control character U+0000",)),
    Case("ESC in a deck title", DECK, "title: Northwick", 'title: "\\e[31mNorthwick"\nx-title: ',
         '"\\e', 0, ("control character U+001B",)),
    Case("line break in a topic title", SOURCE, "    title: The harbour and the pier",
         "    title: |\n      The harbour\n      and the pier", "|\n", 0, ("must be one line", "GIFT")),
    Case("url that is not http(s)", SOURCE, "called: the letter",
         "called: the letter\nurl: javascript:alert(1)", "javascript", 0,
         ("'url' must be a web address starting with https:// or http://",)),
    # 11.3: bounded work
    Case("billion laughs", FACTS, "topic: harbour\nfacts:",
         "topic: harbour\nlol: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
         "lol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nlol3: [*b, *b, *b, *b, *b, *b, *b, *b]\nfacts:",
         "*a,", 0, ("aliases (*name)", "not allowed")),  # at the first alias, where it is written
    Case("source text is a device", SOURCE, "text: source.txt", "text: /dev/zero", "/dev/zero", 0,
         ("not inside the source's folder",)),
    Case("source text outside its folder", SOURCE, "text: source.txt", "text: ../../../etc/passwd",
         "../../", 0, ("not inside the source's folder",)),
    Case("a note type whose id is a mapping", "question_templates/note_types/cloze.yaml", "id: studykit-cloze",
         "id: {name: Cloze}", "{name", 0, ("'id' must be",)),  # was exit 3 (unhashable type: 'LocDict')
    Case("a note field that is a number", "question_templates/recall.yaml", 'Back: "{{ q.answer }}"', "Back: 0",
         "0", 0, ("field 'Back' must be Jinja text (in quotes), not the number 0",)),  # was "AttributeError: ... 'encode'"
    Case("a note type field name of two lines", "question_templates/note_types/cloze.yaml",
         "fields: [Text, Statement,", 'fields: ["Text", "<div>\\n</div>", Statement,', '"<div>', 0,
         ("note type field #2 '<div> </div>' is no field name Anki takes",)),  # the message kept to one line
    # 9.4: misleading messages
    Case("a missing field handed to a filter", "question_templates/recall.yaml", 'prompt: "{{ fact.question }}"',
         'prompt: "{{ fact.questin | final_noun }}"', 'prompt:', 8,
         ("'dict object' has no attribute 'questin'", "check the field name")),  # not "TypeError: ... StrictUndefined"
    Case("a rule naming nothing defined", "question_templates/recall.yaml", "when: fact.kind != 'list'",
         "when: ordered", "when: ordered", 6, ("'ordered' is undefined", "check the field name")),  # was exit 3
    Case("a filter asked for a field the fact lacks", "question_templates/figure-reverse.yaml",
         "figure('promised' if fact.data.promised is defined else 'value')", "figure('valu')", "prompt:", 8,
         ("the filter 'figure' found no 'valu' in the value it was given", "check the field names")),  # not "KeyError: 'valu'"
    Case("comma in a flow mapping", FACTS, "data: {name: Thomas Hale, role: the Mayor}",
         "data: {name: our fathers, role: brought forth on this continent, a new nation}",
         "a new nation", 0, ("the value of 'role' has a comma", "put the value in quotes",
                              '"brought forth on this continent, a new nation"')),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_careless_or_hostile_edit_is_a_located_problem(project, case):
    edit(project, case.file, case.old, case.new)
    where = position(project, case.file, case.marker, case.offset)
    output = refused(project, case.file, where, *case.words, process=case == CASES[0])
    if case.name == "billion laughs":
        assert len(output) < 10_000


def test_source_text_that_is_a_pipe_is_refused_without_waiting(project):
    os.mkfifo(project / "seeds/sample-letter/pipe.txt")
    edit(project, SOURCE, "text: source.txt", "text: pipe.txt")
    refused(project, SOURCE, position(project, SOURCE, "pipe.txt"), "not a regular file", process=True)


def test_source_text_linked_to_a_device_is_refused(project):
    (project / "seeds/sample-letter/zero.txt").symlink_to("/dev/zero")
    edit(project, SOURCE, "text: source.txt", "text: zero.txt")
    refused(project, SOURCE, position(project, SOURCE, "zero.txt"), "not inside the source's folder",
            process=True)


def test_a_source_text_over_64_mb_is_refused(project):
    with (project / "seeds/sample-letter/huge.txt").open("wb") as handle:
        handle.truncate(64 * 1024 * 1024 + 1)  # sparse: nothing written to the disk
    edit(project, SOURCE, "text: source.txt", "text: huge.txt")
    refused(project, SOURCE, position(project, SOURCE, "huge.txt"), "larger than 64 MB")


def test_a_fact_file_that_is_a_pipe_does_not_hang(project):
    os.mkfifo(project / "seeds/sample-letter/facts/more.yaml")
    refused(project, "seeds/sample-letter/facts/more.yaml", (1, 1), "not a regular file", process=True)


def test_a_fact_file_linked_round_in_a_loop_is_a_located_problem(project):
    (project / "seeds/sample-letter/facts/loop.yaml").symlink_to("loop.yaml")
    refused(project, "seeds/sample-letter/facts/loop.yaml", (1, 1), "cannot read the file",
            "symbolic links", process=True)


@pytest.mark.parametrize("args", [["--out", "loop"], ["-p", "loop"]], ids=["out", "project"])
def test_an_output_or_project_folder_linked_round_in_a_loop_is_one_line(project, args):
    # Python before 3.13 raises RuntimeError (not OSError) resolving such a link: still exit 2,
    # one line naming the link, never 'internal error'.
    (project / "loop").symlink_to("loop")
    before = snapshot(project)
    result = studykit("build", *args, cwd=project, process=True)
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("error: Too many levels of symbolic links: ") and "/loop" in line, line
    assert snapshot(project) == before


def test_a_yaml_tag_never_runs_code(project):
    marker = project / "pwned"
    edit(project, FACTS, "facts:", f'evil: !!python/object/apply:os.system ["touch {marker}"]\nfacts:')
    refused(project, FACTS, position(project, FACTS, "!!python"), "is not allowed")
    assert not marker.exists()


def test_one_broken_source_yaml_is_reported_once_without_echoes(project):
    edit(project, SOURCE, "id: sample-letter", "id: Sample Letter")
    before = snapshot(project)
    result = studykit("build", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    output = result.stdout + result.stderr
    problems = [line for line in output.splitlines() if ": " in line and line.count(":") >= 3]
    assert problems == [f"{SOURCE}:{position(project, SOURCE, 'Sample Letter')[0]}:5: source: 'id' "
                        "must be a kebab-case id like pier-opened (lower-case letters, digits and "
                        "single hyphens), not text"], output
    assert "(none)" not in output
    assert snapshot(project) == before


def test_one_broken_note_type_is_reported_once_without_echoes(project):
    note_type = "question_templates/note_types/basic.yaml"
    edit(project, note_type, "name:", "name: [not, text]\nx-name:")
    before = snapshot(project)
    result = studykit("build", cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    located = [line for line in output.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]
    assert located and all(line.startswith(note_type) for line in located), located
    assert "unknown note type" not in output and "(none)" not in output
    assert snapshot(project) == before
