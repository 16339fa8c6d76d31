"""Characters no installed font draws: `check` warns at the fact, before a class set is printed."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from studykit import fonts
from studykit.check import check_project

from small_project import make_project

# Letters of scripts a plain machine may lack: Chinese, Egyptian hieroglyphs, Linear B, Cyrillic.
CANDIDATES = ["金", "\U00013000", "\U00010000", "Е", "ж", "\u2260"]


def fontconfig_covers(char: str) -> bool:
    """fontconfig's own answer (its pattern matcher), independent of studykit's range reading."""
    listed = subprocess.run(["fc-list", f":charset={ord(char):x}", "family"], capture_output=True,
                            text=True, check=True).stdout
    return bool(listed.strip())


needs_fc_list = pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig's fc-list is not installed")


@pytest.fixture(autouse=True)
def fresh_coverage():
    fonts.installed_coverage.cache_clear()
    yield
    fonts.installed_coverage.cache_clear()


@needs_fc_list
def test_what_studykit_finds_undrawable_is_what_fontconfig_says():
    expected = [c for c in CANDIDATES if not fontconfig_covers(c)]
    assert fonts.undrawable(CANDIDATES) == expected
    assert "Е" not in expected  # DejaVu, which the PDFs use, has Cyrillic: the comparison is not vacuous


def test_latin_text_is_not_looked_up_at_all():
    assert fonts.beyond_latin("Kim Il Sung, Brezhnev and the Soviet side; ü ß é ŋ") == []
    assert fonts.beyond_latin("Father 金 泰成 and Е\u2014≠") == ["金", "泰", "成", "Е", "≠"]  # dashes: every font


def test_without_fc_list_nothing_is_said(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    assert fonts.undrawable(["金"]) is None


def _project(tmp_path, char: str, worksheet: bool):
    text = f"The envoy {char}Bo arrived. The weather was fine."
    facts = f"""\
facts:
  - id: envoy
    kind: event
    topic: main
    statement: The envoy {char}Bo arrived.
    question: Who arrived?
    answer: The envoy {char}Bo
    quote: The envoy {char}Bo arrived.
  - id: weather
    kind: event
    topic: main
    statement: The weather was fine.
    question: How was the weather?
    answer: Fine
    quote: The weather was fine.
"""
    root = make_project(tmp_path, text, facts)
    if worksheet:
        recipe = root / "decks" / "doc.yaml"
        recipe.write_text(recipe.read_text() + "worksheet: {}\n", encoding="utf-8")
    return root


@needs_fc_list
def test_check_warns_at_the_fact_of_a_printing_deck_and_only_there(tmp_path):
    missing = [c for c in CANDIDATES if not fontconfig_covers(c)]
    if not missing:
        pytest.skip("every candidate script has a font on this machine")
    char = missing[0]
    result = check_project(_project(tmp_path / "printed", char, worksheet=True))
    [warning] = [w for w in result.warnings if "no font installed here" in w.message]
    assert warning.path.endswith("facts.yaml") and warning.line == 5  # the statement's line
    assert f"'{char}' (U+{ord(char):04X})" in warning.message and "empty boxes" in warning.message
    # a deck that prints nothing (Anki only) is drawn with the student's fonts: nothing to say
    result = check_project(_project(tmp_path / "anki-only", char, worksheet=False))
    assert not [w for w in result.warnings if "no font installed here" in w.message]
