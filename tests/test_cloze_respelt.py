"""A teacher's correction of a key term keeps the students' card (see studykit.cloze_numbers).

A blank keeps its number by its term; a corrected spelling is a term the note never had.  Unless
it takes over the number of the term it replaces, Anki empties the reviewed card ("no cloze found")
and starts the corrected term on a new card from zero.  Built, imported into a real Anki
collection, reviewed with the real scheduler, corrected, rebuilt, re-imported.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from anki.collection import Collection

from studykit.build import build_project
from studykit.cloze_numbers import blanks
from studykit.manifest import read_manifest

from small_project import make_project
from test_cloze_numbers import _asked, _cards, _import, _review

SOURCE = "The envoy travelled from Pyong-yang to Moscow by train in March 1967.\n"
FACT = """\
facts:
  - id: envoy-travelled
    topic: main
    kind: event
    statement: {statement}
    question: Where did the envoy travel from?
    answer: Pyong-yang
    key_terms: {terms}
    quote: travelled from Pyong-yang to Moscow by train
"""
QUESTION = "cloze/envoy-travelled"


def _write(root: Path, statement: str, terms: list[str]) -> None:
    (root / "seeds" / "doc" / "facts" / "facts.yaml").write_text(
        FACT.format(statement=json.dumps(statement), terms=json.dumps(terms)), encoding="utf-8")


def _first_build(tmp_path: Path, student: Collection, statement: str, terms: list[str], reviewed_term: str):
    root, out = tmp_path / "p", tmp_path / "dist"
    make_project(root, SOURCE, "facts: []\n", deck_templates=["cloze"])
    _write(root, statement, terms)
    build_project(root, out=out)
    _import(student, out / "doc.apkg")
    card = _review(student, reviewed_term)
    assert student.get_card(card).ivl > 0
    return root, out, card


def _correct(root: Path, out: Path, student: Collection, statement: str, terms: list[str]):
    _write(root, statement, terms)
    report = build_project(root, out=out).decks[0]
    log = _import(student, out / "doc.apkg")
    return report, log


def test_a_corrected_spelling_keeps_the_reviewed_card_and_its_history(tmp_path, student):
    root, out, reviewed = _first_build(
        tmp_path, student, "The envoy travelled from Pyong-yang to Moscow in March.",
        ["Pyong-yang", "Moscow", "March"], "Pyong-yang")
    before = student.get_card(reviewed)

    report, log = _correct(root, out, student, "The envoy travelled from Pyongyang to Moscow in March.",
                           ["Pyongyang", "Moscow", "March"])
    assert report.changed == [QUESTION] and len(log.updated) == 1
    assert report.taken_over == [(QUESTION, "Pyongyang", "Pyong-yang")]
    assert f'{QUESTION}: "Pyongyang" keeps the card of "Pyong-yang" (review history kept)' in "\n".join(
        report.lines())
    cards = _cards(student)
    assert len(cards) == 3  # no new card for the corrected term
    after = student.get_card(reviewed)
    assert _asked(student, reviewed) == "Pyongyang"
    assert (after.ivl, after.reps, after.due, after.type) == (before.ivl, before.reps, before.due, before.type)
    shown = re.findall(r'<span class="cloze"[^>]*>([^<]*)</span>', after.answer())
    assert shown == ["Pyongyang"], after.answer()  # (the quote below it keeps the document's spelling)
    assert "no cloze" not in after.question().lower()
    assert read_manifest(out / "doc.manifest.json", "doc").gone_blanks == {}


def test_a_typo_fixed_in_a_term_that_also_moved_keeps_its_card(tmp_path, student):
    """Spelt alike: the corrected term takes its card even where the blanks around it changed."""
    root, out, reviewed = _first_build(
        tmp_path, student, "The envoy travelled from Pyong-yang to Mocsow by train in March.",
        ["Mocsow", "March"], "Mocsow")
    _correct(root, out, student, "In March the envoy travelled to Moscow by train from Pyongyang.",
             ["Pyongyang", "Moscow", "March"])
    assert _asked(student, reviewed) == "Moscow" and student.get_card(reviewed).ivl > 0
    assert len(_cards(student)) == 3


def test_a_term_replaced_at_the_same_place_keeps_the_card(tmp_path, student):
    """Not spelt alike, but the one term between the same kept neighbours: as editing the
    blank in Anki would, the card stays (its history with it)."""
    root, out, reviewed = _first_build(
        tmp_path, student, "The envoy travelled from Pyong-yang to Moscow by train in March.",
        ["Pyong-yang", "train", "March"], "train")
    report, _ = _correct(root, out, student, "The envoy travelled from Pyong-yang to Moscow by sleeper car in March.",
                         ["Pyong-yang", "sleeper car", "March"])
    assert report.taken_over == [(QUESTION, "sleeper car", "train")]
    assert _asked(student, reviewed) == "sleeper car" and student.get_card(reviewed).ivl > 0
    assert len(_cards(student)) == 3


def test_every_term_replaced_in_its_place_keeps_its_card(tmp_path, student):
    root, out, reviewed = _first_build(
        tmp_path, student, "The envoy travelled from Pyong-yang to Moscow by train in March.",
        ["Moscow", "train"], "train")
    report, _ = _correct(root, out, student, "The envoy travelled from Pyong-yang to Leningrad by sleeper car in March.",
                         ["Leningrad", "sleeper car"])
    assert report.taken_over == [(QUESTION, "Leningrad", "Moscow"), (QUESTION, "sleeper car", "train")]
    assert _asked(student, reviewed) == "sleeper car" and student.get_card(reviewed).ivl > 0
    assert len(_cards(student)) == 2 and report.emptied == []


def test_a_different_term_in_another_place_gets_a_new_card(tmp_path, student):
    """Unclear: the gone term's card keeps its number (and history), the new term starts afresh."""
    root, out, reviewed = _first_build(
        tmp_path, student, "The envoy travelled from Pyong-yang to Moscow by train in March.",
        ["Moscow", "train"], "train")
    report, _ = _correct(root, out, student, "The envoy travelled from Pyong-yang to Moscow by train in March.",
                         ["Pyong-yang", "Moscow"])
    assert report.taken_over == [] and report.emptied == [(QUESTION, "train")]
    assert (f'{QUESTION}: the card of "train" has no blank now: Anki keeps it with its history but shows it '
            "empty") in "\n".join(report.lines())
    cards = _cards(student)
    assert len(cards) == 3 and student.get_card(reviewed).ivl > 0
    (new,) = [c for c in cards if c not in {reviewed} and _asked(student, c) == "Pyong-yang"]
    assert student.get_card(new).ivl == 0
    (note,) = read_manifest(out / "doc.manifest.json", "doc").notes
    assert blanks(note.fields) == {3: "Pyong-yang", 1: "Moscow"}


def test_diff_says_which_blank_keeps_its_card(tmp_path, student):
    root, out, _ = _first_build(tmp_path, student, "The envoy travelled from Pyong-yang to Moscow in March.",
                                ["Pyong-yang", "March"], "Pyong-yang")
    _write(root, "The envoy travelled from Pyongyang to Moscow in March.", ["Pyongyang", "March"])
    done = subprocess.run([sys.executable, "-m", "studykit", "diff", "-p", str(root), "--out", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f'{QUESTION}: "Pyongyang" keeps the card of "Pyong-yang" (review history kept)' in done.stdout
    assert f"~ {QUESTION}" in done.stdout
    done = subprocess.run([sys.executable, "-m", "studykit", "diff", "--json", "-p", str(root), "--out", str(out)],
                          capture_output=True, text=True)
    (deck,) = json.loads(done.stdout)["decks"]
    assert deck["taken_over"] == [[QUESTION, "Pyongyang", "Pyong-yang"]]
