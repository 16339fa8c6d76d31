"""Cards as a student sees them: built, imported into a real Anki collection, rendered.

Shared by the card tests and the screenshot script.  ``reviewer_page`` wraps a
rendered side the way Anki's reviewer does (``<body class="card card1">`` with
its own 20 px body margin, ``<div id="qa">``), and ``show_answer_js`` replaces
the side in place and runs its scripts, as Anki desktop does on "Show answer".
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from studykit import apkg, apkgfile
from studykit.check import check_project

# What Anki's reviewer stylesheet (ts/reviewer/reviewer.scss) does to a card: the body's margin, and
# the colours of a typed answer compared with the expected one (black on light green, red, grey).
ANKI_BODY = ("body { margin: 20px; overflow-wrap: break-word; } "
             "#typeans { width: 100%; box-sizing: border-box; } code#typeans { white-space: pre-wrap; } "
             ".typeGood { background: #afa; color: black; } .typeBad { background: #faa; color: black; } "
             ".typeMissed { background: #ccc; color: black; }")


def built_deck(root: Path, out: Path, timestamp: int = 1_700_000_000):
    """Check ``root``, write its only deck's .apkg to ``out``; (project, recipe, questions, notes, path)."""
    result = check_project(root)
    assert result.problems == [], result.problems
    [recipe] = result.project.decks.values()
    questions = result.decks[recipe.id].questions
    notes = apkg.notes_for(result.project, recipe, questions)
    package = apkgfile.write_package(result.project, recipe, notes, timestamp)
    out.write_bytes(package.data)
    return result.project, recipe, questions, notes, out


ORDERED_LIST = "  - id: four-proposals\n"  # the shipped project's numbered list


def keep_ordering_card(root: Path) -> Path:
    """``root`` (a copy of the shipped project) with its numbered list's list card skipped, so
    that its ordering card is made for Anki: beside a list card that asks the same order the
    build leaves the ordering to worksheets (see questions/order_shown.py)."""
    path = root / "seeds" / "soviet-korean-relations-1967" / "facts" / "aid.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(ORDERED_LIST) == 1
    path.write_text(text.replace(ORDERED_LIST, ORDERED_LIST + "    skip: [list-recall]\n"), encoding="utf-8")
    return root


def shipped_copy(folder: Path) -> Path:
    """A copy of the shipped project's inputs in ``folder``, its ordering card kept (see above)."""
    import shutil

    root = Path(__file__).resolve().parent.parent
    for part in ("seeds", "question_templates", "decks"):
        shutil.copytree(root / part, folder / part)
    return keep_ordering_card(folder)


def import_package(col: Collection, path: Path):
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def question_id(card) -> str:
    return html.unescape(card.note()["QuestionId"])


def one_card_per_template(col: Collection) -> dict[str, object]:
    """The first card of every template (by question id prefix), plus a retired one if any."""
    chosen: dict[str, object] = {}
    for card_id in sorted(col.find_cards("")):
        card = col.get_card(card_id)
        template = question_id(card).split("/")[0]
        key = f"retired-{template}" if "retired" in card.note().tags else template
        chosen.setdefault(key, card)
    return chosen


def _type_box(col: Collection, card, side: str, typed: str) -> str:
    """What Anki's reviewer puts where the template says {{type:Field}}."""
    if side == "front":
        return '<input type="text" id="typeans" onkeypress="_typeAnsPress();">'
    field = re.search(r"\[\[type:([^\]]+)\]\]", card.answer()).group(1)
    expected = html.unescape(card.note()[field])
    return f'<div id="typeans">{col.compare_answer(expected, typed)}</div>'


def side_html(col: Collection, card, side: str, typed: str = "") -> str:
    """The rendered front or back, with the type-answer placeholder filled as Anki does."""
    text = card.question() if side == "front" else card.answer()
    if "[[type:" in text:
        text = re.sub(r"\[\[type:[^\]]+\]\]", lambda _: _type_box(col, card, side, typed), text)
    return text


def reviewer_page(side: str, night: bool = False, ordinal: int = 1) -> str:
    """A whole page as Anki's reviewer shows one side of a card."""
    classes = f"card card{ordinal}" + (" nightMode night_mode" if night else "")
    return (f'<!doctype html><html><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<style>{ANKI_BODY}</style></head>"
            f'<body class="{classes}"><div id="qa">{side}</div></body></html>')


# Anki desktop's "Show answer": the #qa content is replaced and its scripts run.
SHOW_ANSWER_JS = """
var qa = document.getElementById('qa');
qa.innerHTML = arguments[0];
Array.prototype.forEach.call(qa.querySelectorAll('script'), function (old) {
  var fresh = document.createElement('script');
  fresh.text = old.text;
  old.parentNode.replaceChild(fresh, old);
});
"""
