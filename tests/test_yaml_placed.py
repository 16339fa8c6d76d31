"""A file loaded the fast way to be kept (yamlfast.PlacedLoad) is the careful load, byte for byte.

With the user cache on, a file not kept yet is loaded the fast way with every position taken
as it goes, and that is what the next runs read back: so it must be exactly what the careful
load (the authority) builds.  The pickles of both are compared, which holds every value,
every position, the comment-cut marks and the flags the loader reads.  Then whole projects,
sound and broken, must report the same messages with the cache empty, warm and off.
"""

from __future__ import annotations

import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studykit import yamlio
from studykit.yamlfast import PlacedLoad, Unsure
from test_yamlio_fast import _PIECES, CLEAN, REFUSED_OR_APART

REPO = Path(__file__).resolve().parent.parent
PROJECT_FILES = sorted(
    p for root in ("seeds", "decks", "question_templates", "examples", "src/studykit/starter")
    for p in (REPO / root).rglob("*.yaml"))


def careful(text: str) -> bytes:
    return pickle.dumps(yamlio.careful_load(text), protocol=pickle.HIGHEST_PROTOCOL)


def placed(text: str) -> bytes | None:
    """The placed load's pickle, or None when it leaves the text to the careful load."""
    if not yamlio.may_load_fast(text):
        return None
    try:
        return pickle.dumps(PlacedLoad(text).load(), protocol=pickle.HIGHEST_PROTOCOL)
    except Unsure:
        return None


def test_every_project_file_loads_placed_exactly_as_carefully():
    taken = 0
    for path in PROJECT_FILES:
        text = yamlio.read_text(path, path.name)[0]
        kept = placed(text)
        if kept is not None:
            assert kept == careful(text), path
            taken += 1
    assert taken > len(PROJECT_FILES) * 0.7  # most files are taken the fast way


def test_a_generated_project_loads_placed_exactly_as_carefully(tmp_path):
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "--facts", "120",
                    str(tmp_path / "gen"), "--worksheet", "20"], check=True, capture_output=True)
    files = sorted((tmp_path / "gen").rglob("*.yaml"))
    texts = [yamlio.read_text(p, p.name)[0] for p in files]
    assert all(placed(t) == careful(t) for t in texts if placed(t) is not None)
    assert sum(placed(t) is not None for t in texts) >= len(files) - 5


@pytest.mark.parametrize("text", CLEAN)
def test_a_clean_text_loads_placed_exactly_as_carefully(text):
    assert placed(text) == careful(text)


@pytest.mark.parametrize("text", REFUSED_OR_APART)
def test_what_the_careful_load_refuses_or_reads_apart_comes_out_as_it_does(text):
    assert _outcome(_placed_or_careful, text) == _outcome(yamlio.careful_load, text)


@pytest.mark.parametrize("text", [
    "a: 1\n  # an indented comment on its own line\nb: [x, y]\n",
    "facts:\n- id: a\n  # why this fact\n  kind: claim\n#   at the margin\n",
    "a: |\n  # inside a literal block: text, not a comment\n  more\n",
])
def test_a_comment_alone_on_its_line_cuts_nothing_and_is_loaded_placed(text):
    assert placed(text) is not None and placed(text) == careful(text)
    assert yamlio.careful_load(text).may_be_cut is False


@pytest.mark.parametrize("text", [
    "a: plain text # a comment after it\n",
    "a: [x, y]\nb: text\t# after a tab\n",
    "a: b\u2028#c\nd: e\n",  # U+2028 breaks YAML's line: the careful load reads '#c' after 'b'
    "a: b\u2029#c\n",
])
def test_a_comment_that_may_cut_a_value_is_left_to_the_careful_load(text):
    assert placed(text) is None
    assert yamlio.careful_load(text).cut_by_comment  # and the careful load marks it


def _outcome(load, text):
    try:
        return "data", pickle.dumps(load(text), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as err:  # noqa: BLE001 - the refusal itself is what is compared
        return "error", type(err).__name__, str(err)


def _placed_or_careful(text):
    if yamlio.may_load_fast(text):
        try:
            return PlacedLoad(text).load()
        except Unsure:
            pass
    return yamlio.careful_load(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_any_text_loads_placed_exactly_as_carefully(text):
    assert _outcome(_placed_or_careful, text) == _outcome(yamlio.careful_load, text)


# --- whole projects: every message the same with the cache empty, warm and off -----------------

def _break(project: Path) -> None:
    """Mistakes whose messages give positions inside fact files, recipes and templates."""
    facts = sorted((project / "seeds").rglob("facts/*.yaml"))
    text = facts[0].read_text(encoding="utf-8")
    text = re.sub(r"\n( +)kind: ", r"\n\1colour: blue\n\1kind: ", text, count=1)  # an unknown key
    text = re.sub(r"\n( +)answer: ", r"\n\1answer: 12\n\1extra_answer: ", text, count=1)
    facts[0].write_text(text, encoding="utf-8")
    last = facts[-1]
    last.write_text(re.sub(r"\n( +)tags:", r"\n\1tags: 5\n\1old_tags:", last.read_text(encoding="utf-8"),
                           count=1), encoding="utf-8")
    template = sorted((project / "question_templates").glob("*.yaml"))[0]
    template.write_text(template.read_text(encoding="utf-8").replace("\nprompt:", "\nprompt_too: 1\nprompt:", 1),
                        encoding="utf-8")


def _messages(project: Path, cache: str) -> tuple[int, str, str]:
    env = dict(__import__("os").environ, STUDYKIT_CACHE=cache)
    done = subprocess.run([sys.executable, "-m", "studykit", "check", "--strict", str(project)],
                          capture_output=True, text=True, env=env)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("name", ["shipped", "gettysburg-address", "treaty-1815"])
@pytest.mark.parametrize("broken", [False, True], ids=["sound", "broken"])
def test_a_project_reports_the_same_with_the_cache_empty_warm_and_off(tmp_path, name, broken):
    project = tmp_path / "project"
    if name == "shipped":
        shutil.copytree(REPO, project, ignore=shutil.ignore_patterns(
            ".*", "dist", "tests", "src", "benchmarks", "examples", "*.egg-info"))
    else:
        shutil.copytree(REPO / "examples" / name, project)
    if broken:
        _break(project)
    cache = str(tmp_path / "cache")
    empty, warm, off = _messages(project, cache), _messages(project, cache), _messages(project, "")
    assert empty == warm == off
    assert (empty[0] != 0) == broken
    if broken:
        assert empty[2].count(".yaml:") >= 4, empty[2]  # positions are in the messages compared
