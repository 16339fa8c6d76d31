"""regexcache: a pattern compiled from the kept engine code is the pattern re.compile makes.

Each case runs in a fresh interpreter (the module reads its file once per process): a
first run compiles and keeps, a second run takes every pattern from the file.  Patterns
compare equal only when their text, flags and engine code are all the same.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PATTERNS = [
    (r"(?P<day>\d{1,2})\s+(?P<month>jan(?:uary)?|feb(?:ruary)?)", 2),  # named groups, IGNORECASE
    (r"\b(?:an?\s+)?(?:twenty|thirty)-(?:one|two)\b", 2),
    (r"(?<=[.!?\u2026]) |(?<=[.!?\u2026][\"')\]]) ", 0),  # lookbehinds, non-ASCII
    (r"""
        (?P<h>\d{1,2})   # hours
        :(?P<m>\d\d)     # minutes
     """, 64),  # VERBOSE
    (r"[^\x00-\u024f\u2000-\u206f]", 0),
    (r"(?i:may)|x", 0),  # an inline flag the pattern sets itself
    (r"^\s*(?:BC|BCE|B\.C\.)", 10),  # IGNORECASE | MULTILINE
]
TEXTS = ["on 12 January", "Twenty-one men", "It ended. Then", "at 10:45", "Ǿ and ɐ", "MAY day", "  BC 44",
         "nothing here"]

_RUN = """
import json, re, sys
from studykit import regexcache
patterns = json.loads(sys.argv[1])
out = []
for text, flags in patterns:
    ours = regexcache.compile(text, flags)
    theirs = re.compile(text, flags)
    out.append({"equal": ours == theirs, "flags": ours.flags == theirs.flags,
                "groups": [ours.groups, dict(ours.groupindex)] == [theirs.groups, dict(theirs.groupindex)],
                "found": [[m.span() for m in ours.finditer(t)] == [m.span() for m in theirs.finditer(t)]
                          for t in json.loads(sys.argv[2])]})
print(json.dumps({"results": out, "kept": len(regexcache._known()), "new": len(regexcache._new)}))
"""


def run(cache: Path | str, patterns=PATTERNS) -> dict:
    env = dict(os.environ, STUDYKIT_CACHE=str(cache))
    done = subprocess.run([sys.executable, "-c", _RUN, json.dumps(patterns), json.dumps(TEXTS)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def all_the_same(result: dict) -> bool:
    return all(r["equal"] and r["flags"] and r["groups"] and all(r["found"]) for r in result["results"])


def test_a_kept_pattern_is_the_pattern_re_compiles(tmp_path):
    first, again = run(tmp_path / "cache"), run(tmp_path / "cache")
    assert all_the_same(first) and all_the_same(again)
    assert first["kept"] == 0 and first["new"] == len(PATTERNS)  # compiled, then kept at the end
    assert again["kept"] == len(PATTERNS) and again["new"] == 0  # every one from the file
    assert len(list((tmp_path / "cache" / "regex").iterdir())) == 1


@pytest.mark.parametrize("damage", [b"", b"not marshal data", b"\xe9\x00\x00\x00\x00",
                                    # marshal data of the wrong shape: a dict whose entries the engine refuses
                                    b"{\xda\x01x\xe9\x00\x00\x00\x00)\x02\xda\x01yi\x01\x00\x00\x000"])
def test_a_damaged_file_means_compiling_afresh(tmp_path, damage):
    run(tmp_path / "cache")
    kept = next((tmp_path / "cache" / "regex").iterdir())
    kept.write_bytes(damage)
    assert all_the_same(run(tmp_path / "cache"))


def test_an_entry_the_engine_refuses_is_compiled_afresh(tmp_path):
    import marshal

    from studykit import usercache

    run(tmp_path / "cache")
    kept = next((tmp_path / "cache" / "regex").iterdir())
    entries = marshal.loads(usercache.unsealed(kept.name, kept.read_bytes()))
    for key, (flags, code, groups, groupindex, indexgroup) in entries.items():
        entries[key] = (flags, code[: len(code) // 2], groups, groupindex, indexgroup)  # cut short: invalid
    kept.write_bytes(usercache.sealed(kept.name, marshal.dumps(entries)))  # a whole entry the engine refuses
    result = run(tmp_path / "cache")
    assert all_the_same(result) and result["new"] == len(PATTERNS)


def test_nothing_is_kept_with_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("")
    assert all_the_same(result) and result["kept"] == 0
    assert list(tmp_path.iterdir()) == []


def test_a_second_check_compiles_none_of_studykits_own_patterns(project, tmp_path):
    """The patterns of the modules `check` imports come from the kept file the second time."""
    code = ("import sys\nfrom studykit.quickcli import main\nfrom studykit import regexcache\n"
            "main(['check', '-q'])\nprint(len(regexcache._known()), len(regexcache._new))")
    env = dict(os.environ, STUDYKIT_CACHE=str(tmp_path / "cache"))

    def counts():
        done = subprocess.run([sys.executable, "-c", code], cwd=project, env=env, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return [int(n) for n in done.stdout.split()[-2:]]

    kept, new = counts()
    assert kept == 0 and new > 50
    assert counts() == [new, 0]
