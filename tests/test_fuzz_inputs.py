"""Seeded fuzzing of a project's YAML and of its manifest: no traceback, no hang.

Unlike tests/test_robustness.py (which edits parsed data and dumps clean
YAML), these mutate the raw text: stray brackets, anchors and aliases, tabs,
control characters, tags, huge numbers, impossible dates, cut lines; and the
manifest (cut short, numbers made 1e999, 2**70 or NaN, nesting 100,000 deep,
another deck's id) under `studykit diff`.  Each
case runs the real command with a timeout, so a hang fails the test instead of
stalling the suite: the first case of each kind in a subprocess, the others
through the console script's entry point inside the test process.  Outcomes are exit 0 (still valid) or 1
(problems reported, each as path:line:col); anything else, or a traceback, fails.

STUDYKIT_FUZZ_CASES=N runs N cases of each kind instead of the quick default.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run_in_process

CASES = int(os.environ.get("STUDYKIT_FUZZ_CASES", "12"))
TIMEOUT = 90  # seconds per case: far above a normal check (about 1 s); only a hang reaches it

TOKENS = ["*a", "&a ", "{", "}", "[", "]", " #", ": ", "- ", "\t", "\x1f", "\x00", "\x1b", '"', "'",
          "!!python/object/apply:os.system ['touch pwned'] ", "9" * 40, "1852-02-30", "1852-13-45",
          ".inf", "<<: *a", "\n", "  ", "---\n", "\ufeff", "~", "null", "{a: b, c}", "\u2028",
          "[" * 200, "&x [a, b]\nq: [*x, *x, *x]", "|\n  two\n  lines", "../../../etc/passwd",
          "javascript:x", "-1", "0", "99999999999"]


def mutate_text(text: str, rng: random.Random) -> str:
    """One random raw edit of a YAML file's text."""
    lines = text.split("\n")
    roll = rng.random()
    if roll < 0.45:
        pos = rng.randrange(len(text) + 1)
        return text[:pos] + rng.choice(TOKENS) + text[pos:]
    if roll < 0.6:
        start = rng.randrange(len(text) + 1)
        return text[:start] + text[start + rng.randrange(1, 40):]
    if roll < 0.7:
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return "\n".join(lines)
    if roll < 0.8:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)
    values = [m for m in re.finditer(r": (.+)$", text, re.MULTILINE)]
    if not values:
        return text + rng.choice(TOKENS)
    match = rng.choice(values)
    return text[:match.start(1)] + rng.choice(TOKENS) + text[match.end(1):]


def mutate_manifest(text: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.2:
        return text[: rng.randrange(len(text))]
    if roll < 0.4:
        numbers = list(re.finditer(r"(?<=:)\s*-?\d+", text))
        if not numbers:
            return text + "}"
        match = rng.choice(numbers)
        return text[:match.start()] + rng.choice(["1e999", str(2 ** 70), "-1", "NaN", "Infinity",
                                                  "[]", "{}", "null", '"x"']) + text[match.end():]
    if roll < 0.55:
        strings = list(re.finditer(r'(?<=:)\s*"[^"]*"', text))
        if not strings:
            return text[:-1]
        match = rng.choice(strings)
        return text[:match.start()] + rng.choice(['"other-deck"', "1", "null", "[]", "{}", '""',
                                                  '"\\u0000"']) + text[match.end():]
    if roll < 0.7:
        return "[" * 100_000 + "]" * 100_000
    pos = rng.randrange(len(text))
    return text[:pos] + rng.choice(["{", "}", ",", '"', "[", "\x00", "\\"]) + text[pos:]


def studykit(*args: str, cwd: Path, process: bool = False) -> subprocess.CompletedProcess:
    """The real program, in a subprocess when ``process`` (else its entry point in this process)."""
    if not process:
        return run_in_process(*args, cwd=cwd, env={"NO_COLOR": "1"}, timeout=TIMEOUT)
    return subprocess.run([sys.executable, "-m", "studykit", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=TIMEOUT, env={**os.environ, "NO_COLOR": "1"})


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "project"
    assert studykit("init", str(root), cwd=root.parent, process=True).returncode == 0
    deck = root / "decks" / "sample-deck.yaml"
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text[: text.index("worksheet:")], encoding="utf-8")
    assert studykit("build", cwd=root).returncode == 0
    return root


def assert_clean_outcome(result: subprocess.CompletedProcess, what: str) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, f"{what}\n{output}"
    assert result.returncode in (0, 1), f"{what}: exit {result.returncode}\n{output}"
    if result.returncode == 1:
        assert re.search(r"^\S+:\d+:\d+: ", output, re.MULTILINE), f"{what}: no located problem\n{output}"


@pytest.mark.parametrize("seed", range(CASES))
def test_a_mutated_yaml_file_gives_problems_never_a_traceback_or_hang(built, tmp_path, seed):
    rng = random.Random(seed)
    project = tmp_path / "project"
    shutil.copytree(built, project)
    files = sorted(p for p in project.rglob("*.yaml") if "dist" not in p.parts)
    target = rng.choice(files)
    text = target.read_text(encoding="utf-8")
    for _ in range(rng.randint(1, 3)):
        text = mutate_text(text, rng)
    target.write_text(text, encoding="utf-8")
    result = studykit("check", cwd=project, process=seed == 0)
    assert_clean_outcome(result, f"seed {seed}: {target.relative_to(project)}")
    assert not (project / "pwned").exists()


@pytest.mark.parametrize("seed", range(max(CASES // 2, 1)))
def test_a_mutated_manifest_gives_a_clear_message_never_a_traceback_or_hang(built, tmp_path, seed):
    rng = random.Random(1000 + seed)
    project = tmp_path / "project"
    shutil.copytree(built, project)
    manifest = project / "dist" / "sample-deck.manifest.json"
    manifest.write_text(mutate_manifest(manifest.read_text(encoding="utf-8"), rng), encoding="utf-8")
    result = studykit("diff", cwd=project, process=seed == 0)
    assert_clean_outcome(result, f"seed {seed}")
