"""README promises about building that had no test of their own (issue 15, item 1).

Each is proved on a small project of its own, through the real build and the real files it
writes; expected values (subdeck names, letters, messages) are written out by hand.
"""

from __future__ import annotations

import hashlib
import html
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest

from studykit import cli
from studykit.build import build_project
from studykit.manifest import read_manifest

from cli_helpers import studykit
from small_project import make_project

SOURCE = ("The harbour master wrote that the new pier opened in spring. "
          "He added that the ships came back in May.\n")
PIER = """\
  - id: pier-opened
    topic: harbour
    kind: event
    statement: The new pier opened in spring.
    question: When did the new pier open?
    answer: In spring
    quote: the new pier opened in spring
"""
SHIPS = """\
  - id: ships-back
    topic: ships
    kind: event
    statement: The ships came back in May.
    question: When did the ships come back?
    answer: In May
    quote: the ships came back in May
"""


def _project(root: Path) -> Path:
    make_project(root, SOURCE, "facts:\n" + PIER + SHIPS, topics=("harbour", "ships"),
                 deck_templates=["recall"])
    return root


def _facts(root: Path) -> Path:
    return root / "seeds" / "doc" / "facts" / "facts.yaml"


def _digests(folder: Path) -> dict[str, str]:
    """The outputs a teacher sees (not studykit's own dot-folders: the build record, the PDF cache)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()
            and not str(p.relative_to(folder)).startswith(".")}


def _cards_by_deck(apkg: Path, tmp: Path) -> dict[str, str]:
    """question id -> deck name of its card, read from the package's own database."""
    db = tmp / "read.anki2"
    with zipfile.ZipFile(apkg) as archive:
        db.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(db) as con:
        import json
        decks = {int(i): d["name"] for i, d in json.loads(con.execute("select decks from col").fetchone()[0]).items()}
        rows = con.execute("select n.flds, c.did from cards c join notes n on n.id = c.nid").fetchall()
    return {flds.split("\x1f")[-1]: decks[did] for flds, did in rows}


# --- retired notes follow a topic reorder ---------------------------------------------------

def test_a_retired_note_moves_to_its_topics_new_subdeck_after_a_reorder(tmp_path):
    root, out = _project(tmp_path / "p"), tmp_path / "dist"
    build_project(root, out=out)
    assert _cards_by_deck(out / "doc.apkg", tmp_path) == {
        "recall/pier-opened": "Doc::01 Harbour", "recall/ships-back": "Doc::02 Ships"}
    # remove the harbour fact and teach ships first
    _facts(root).write_text("facts:\n" + SHIPS, encoding="utf-8")
    source = root / "seeds" / "doc" / "source.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("  - {id: harbour, title: Harbour}\n  - {id: ships, title: Ships}\n",
                                   "  - {id: ships, title: Ships}\n  - {id: harbour, title: Harbour}\n"),
                      encoding="utf-8")
    report = build_project(root, out=out)
    assert report.decks[0].retired == ["recall/pier-opened"]
    assert _cards_by_deck(out / "doc.apkg", tmp_path) == {"recall/ships-back": "Doc::01 Ships"}
    manifest = read_manifest(out / "doc.manifest.json", "doc")
    decks = {note.question_id: (note.deck, note.retired) for note in manifest.notes}
    assert decks == {"recall/ships-back": ("Doc::01 Ships", False),
                     "recall/pier-opened": ("Doc::02 Harbour", True)}


def test_a_recipe_subdecks_override_names_the_subdeck(tmp_path):
    root, out = _project(tmp_path / "p"), tmp_path / "dist"
    recipe = root / "decks" / "doc.yaml"
    recipe.write_text(recipe.read_text(encoding="utf-8") + "subdecks: {ships: Fleet}\n", encoding="utf-8")
    build_project(root, out=out)
    assert _cards_by_deck(out / "doc.apkg", tmp_path) == {
        "recall/pier-opened": "Doc::01 Harbour", "recall/ships-back": "Doc::02 Fleet"}


# --- a note type field rename is refused by `build` itself ------------------------------------

def test_renaming_a_field_of_a_shipped_note_type_is_refused_by_build(tmp_path):
    root, out = _project(tmp_path / "p"), tmp_path / "dist"
    assert cli.main(["build", "-p", str(root), "--out", str(out), "-q"]) == 0
    before = _digests(out)
    note_type = root / "question_templates" / "note_types" / "basic.yaml"
    text = note_type.read_text(encoding="utf-8")
    note_type.write_text(text.replace("fields: [Front, Back,", "fields: [Front, Answer,"), encoding="utf-8")
    for template in (root / "question_templates").glob("*.yaml"):  # keep the templates valid
        body = template.read_text(encoding="utf-8")
        if "note_type: studykit-basic" in body:
            template.write_text(re.sub(r"(?m)^(\s+)Back:", r"\1Answer:", body), encoding="utf-8")
    shown = studykit("build", "-p", str(root), "--out", str(out))
    assert shown.returncode == 1, shown.stderr
    assert "basic.yaml" in shown.stderr and "Back" in shown.stderr
    assert "Traceback" not in shown.stderr
    assert _digests(out) == before


# --- diff: + ~ - lines, and --quiet ---------------------------------------------------------

def test_diff_lists_added_changed_and_retired_cards_with_their_signs(tmp_path):
    root, out = _project(tmp_path / "p"), tmp_path / "dist"
    build_project(root, out=out)
    before = _digests(out)
    new = PIER.replace("pier-opened", "ships-may").replace("topic: harbour", "topic: ships") \
        .replace("The new pier opened in spring.", "He added that the ships came back in May.") \
        .replace("When did the new pier open?", "What did he add about May?") \
        .replace("In spring", "The ships came back") \
        .replace("quote: the new pier opened in spring", "quote: He added that the ships came back in May")
    changed = SHIPS.replace("answer: In May", "answer: In the month of May")
    _facts(root).write_text("facts:\n" + changed + new, encoding="utf-8")
    shown = studykit("diff", "-p", str(root), "--out", str(out))
    assert shown.returncode == 0, shown.stderr
    signs = sorted(line.strip() for line in shown.stdout.splitlines() if re.match(r"\s+[+~-] ", line))
    assert signs == ["+ recall/ships-may", "- recall/pier-opened", "~ recall/ships-back"]
    assert "added 1, changed 1 (review history kept), unchanged 0, retired 1" in shown.stdout
    quiet = studykit("diff", "-p", str(root), "--out", str(out), "--quiet")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    assert _digests(out) == before  # diff writes nothing


# --- a folder where a PDF goes: nothing is published -----------------------------------------

@pytest.mark.usefixtures("weasyprint_available")
def test_a_folder_where_a_worksheet_pdf_goes_keeps_the_previous_build(tmp_path):
    root, out = _project(tmp_path / "p"), tmp_path / "dist"
    recipe = root / "decks" / "doc.yaml"
    recipe.write_text(recipe.read_text(encoding="utf-8") + "worksheet: {}\n", encoding="utf-8")
    assert cli.main(["build", "-p", str(root), "--out", str(out), "-q"]) == 0
    pdf = out / "doc-worksheet-A.pdf"
    assert pdf.is_file()
    pdf.unlink()
    pdf.mkdir()
    (pdf / "keep.txt").write_text("a teacher's file", encoding="utf-8")
    before = _digests(out)
    _facts(root).write_text("facts:\n" + PIER.replace("In spring", "In the spring") + SHIPS,
                            encoding="utf-8")
    shown = studykit("build", "-p", str(root), "--out", str(out))
    assert shown.returncode == 2, shown.stderr
    assert "cannot write to" in shown.stderr
    assert "Traceback" not in shown.stderr
    # either nothing was replaced, or the message names exactly the files that were
    if "nothing was changed there" in shown.stderr:
        assert _digests(out) == before
    else:
        named = re.search(r"only these files were replaced by the new version: (.*?);", shown.stderr).group(1)
        changed = {name for name, digest in _digests(out).items() if before.get(name) != digest}
        assert changed == set(named.split(", "))


@pytest.fixture
def weasyprint_available():
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as err:
        pytest.skip(f"WeasyPrint cannot load: {err}")


# --- each version's key: its quick answers follow that version's order ------------------------

def test_the_quick_answers_of_each_versions_key_follow_that_versions_order(shipped):
    from test_worksheet import DECK, html_of, printed_questions, quick_answer_items

    by_id = {q.id: q for q in shipped.decks[DECK].questions}
    letters_seen = {}
    versions = html_of(shipped, {}, variants=3, seed=11)
    for sheet, key in versions:
        quick = {int(li.attrs["data-number"]): li.find(cls="qa").text()
                 for li in quick_answer_items(key)}
        for printed in printed_questions(sheet):
            q = by_id.get(printed["id"])
            if printed["kind"] != "multiple_choice":
                continue
            letter = quick[printed["number"]][0]
            # the letter names, on this version's sheet, the option that is the answer
            assert printed["options"]["ABCDEFGH".index(letter)] == q.answer, (printed["id"], letter)
            letters_seen.setdefault(q.id, set()).add(letter)
    # the versions really order the options differently, so a key copied from another fails
    assert any(len(letters) > 1 for letters in letters_seen.values())


# --- self-contained HTML: no reference outside the file ------------------------------------------

def _references(page: str) -> list[str]:
    """Every src/href/url()/@import a browser would fetch, read with a real HTML parser."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if name in ("src", "href", "srcset", "poster", "data", "action", "xlink:href") and value:
                    found.append(value)
                if name == "style" and value:
                    found.extend(_css_references(value))

        def handle_data(self, data):
            found.extend(_css_references(data))

    Collect().feed(page)
    return found


def _css_references(css: str) -> list[str]:
    return re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + re.findall(r"@import\s+['\"]([^'\"]+)", css)


def test_every_html_page_a_build_writes_refers_to_nothing_outside_itself(built):
    pages = sorted(built.glob("*.html"))
    assert any("-answer-key-" in p.name for p in pages) and any("-worksheet-" in p.name for p in pages)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        external = [ref for ref in _references(text)
                    if not ref.startswith(("#", "data:")) and ref.strip()]
        assert external == [], (page.name, external)


def test_the_reference_reader_finds_what_a_browser_would_fetch():
    page = ('<link rel="stylesheet" href="https://cdn.example/x.css"><img src="a.png">'
            '<style>@import "b.css"; p { background: url(\'c.svg\') }</style>'
            '<div style="background-image:url(d.png)"></div><a href="#q1">1</a>'
            '<img src="data:image/png;base64,AAAA">')
    assert sorted(_references(page)) == sorted(["https://cdn.example/x.css", "a.png", "c.svg", "b.css",
                                             "d.png", "#q1", "data:image/png;base64,AAAA"])


# --- the chart a teacher sees: bar lengths worked out by hand -----------------------------------

def test_the_grain_bars_are_drawn_in_the_reports_proportion(shipped):
    """75,000 tons promised of 200,000 requested: the promised bar is 3/8 of the requested one,
    and both carry the figure as the report gives it."""
    from studykit import chart

    drawn = chart.figure_chart([f for f in shipped.project.facts.values() if chart.charted(f)])
    [grain] = [row for panel in drawn.panels for row in panel.rows
               if row.fact_id == "grain-requested-vs-promised"]
    bars = {bar.side: bar for bar in grain.bars}
    assert (bars["requested"].label, bars["promised"].label) == ("200,000 tons", "75,000 tons")
    assert bars["promised"].width / bars["requested"].width == pytest.approx(0.375)


# --- a template's note type changes: refused, and a new template id retires the old cards ---------

def _import(col, package: Path):
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    log = col.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(package), options=ImportAnkiPackageOptions())).log
    col.models._clear_cache()  # the Python-side cache misses imported note types
    return log


def _study_first_card(col) -> int:
    """Answer the card at the top of the queue 'Good' with the real scheduler; its id."""
    from anki.scheduler.v3 import CardAnswer

    col.decks.select(col.decks.id_for_name("Doc"))  # the deck and its topic subdecks
    queued = col.sched.get_queued_cards(fetch_limit=1).cards[0]
    card = col.get_card(queued.card.id)
    card.start_timer()
    col.sched.answer_card(col.sched.build_answer(card=card, states=queued.states, rating=CardAnswer.GOOD))
    return card.id


def test_a_template_moved_to_another_note_type_is_refused_and_a_new_id_retires_its_cards(tmp_path, capsys):
    """Anki never moves a note to another note type (it logs it 'conflicting' and keeps the old
    text), so `build` refuses the move; under a new template id the old cards retire in their own
    note type with their history, and the new cards come in the new one."""
    from anki.collection import Collection

    root, out = _project(tmp_path / "p"), tmp_path / "dist"
    build_project(root, out=out)
    first = tmp_path / "first.apkg"
    first.write_bytes((out / "doc.apkg").read_bytes())
    before = _digests(out)
    types = root / "question_templates" / "note_types"
    (types / "basic-v2.yaml").write_text(
        (types / "basic.yaml").read_text(encoding="utf-8")
        .replace("id: studykit-basic\n", "id: studykit-basic-v2\n")
        .replace("name: studykit Question\n", "name: studykit Question v2\n"), encoding="utf-8")
    recall = root / "question_templates" / "recall.yaml"
    recall.write_text(recall.read_text(encoding="utf-8").replace(
        "note_type: studykit-basic\n", "note_type: studykit-basic-v2\n"), encoding="utf-8")
    line = recall.read_text(encoding="utf-8").splitlines().index("note_type: studykit-basic-v2") + 1

    capsys.readouterr()
    assert cli.main(["build", "-p", str(root), "--out", str(out)]) == 1
    shown = capsys.readouterr().err
    assert f"recall.yaml:{line}:12: template 'recall' now makes its cards with note type " \
           "'studykit-basic-v2', but students have them with note type 'studykit-basic'" in shown
    assert "give the template a new id" in shown and "Traceback" not in shown
    assert _digests(out) == before  # nothing published
    assert cli.main(["diff", "-p", str(root), "--out", str(out), "-q"]) == 1  # diff says so too
    assert "now makes its cards with note type 'studykit-basic-v2'" in capsys.readouterr().err

    recall.rename(recall.with_name("recall-v2.yaml"))
    recipe = root / "decks" / "doc.yaml"
    recipe.write_text(recipe.read_text(encoding="utf-8").replace("[recall]", "[recall-v2]"), encoding="utf-8")
    report = build_project(root, out=out).decks[0]
    assert sorted(report.retired) == ["recall/pier-opened", "recall/ships-back"]
    assert sorted(report.added) == ["recall-v2/pier-opened", "recall-v2/ships-back"]

    col = Collection(str(tmp_path / "student.anki2"))
    try:
        assert len(_import(col, first).new) == 2
        studied = _study_first_card(col)
        log = _import(col, out / "doc.apkg")
        assert (len(log.new), len(log.updated), len(log.conflicting)) == (2, 2, 0)
        notes = {html.unescape(col.get_note(n)["QuestionId"]): col.get_note(n) for n in col.find_notes("")}
        assert {qid: (note.note_type()["name"], "retired" in note.tags) for qid, note in notes.items()} == {
            "recall/pier-opened": ("studykit Question", True),
            "recall/ships-back": ("studykit Question", True),
            "recall-v2/pier-opened": ("studykit Question v2", False),
            "recall-v2/ships-back": ("studykit Question v2", False)}
        card = col.get_card(studied)
        assert card.reps == 1 and "retired" in card.note().tags  # the studied card kept its history
        assert "Retired" in card.question()
        assert not [m["name"] for m in col.models.all() if m["name"].endswith("+")]
    finally:
        col.close()
