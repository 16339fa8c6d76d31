"""Cards in a real headless Chromium, wrapped as Anki's reviewer shows them.

Rendered by the real ``anki`` package, loaded as ``<body class="card card1"><div
id="qa">...``: tapping or keying a choice, the back after "Show answer" (done as
Anki desktop does it: the side replaced in place, its scripts run), shuffling,
the page without JavaScript and in print, margins at 320 px, night mode, and
typing a figure with thousands separators.
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import pytest
from anki.collection import Collection

from anki_pages import (SHOW_ANSWER_JS, built_deck, shipped_copy, import_package, one_card_per_template, question_id,
                        reviewer_page, side_html)
from browser import MISSING, have_chromium, headless_chromium, served
from contrast import contrasts

@pytest.fixture(scope="module")
def driver():
    if not have_chromium():
        if os.environ.get("CI"):
            pytest.fail("chromium or chromedriver is missing: .ci/run installs them")
        pytest.skip(MISSING)
    browser = headless_chromium()
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser-cards")
    project, recipe, questions, notes, path = built_deck(shipped_copy(tmp / "project"), tmp / "deck.apkg")
    col = Collection(str(tmp / "c.anki2"))
    import_package(col, path)
    with served(tmp) as origin:  # as AnkiDroid serves cards (see browser.py)
        _ORIGINS[tmp] = origin
        yield {q.id: q for q in questions}, col, one_card_per_template(col), tmp
    col.close()


_PAGES = itertools.count()
_ORIGINS: dict[Path, str] = {}  # each deck's folder, served


def load(driver, tmp: Path, page: str, width: int = 400) -> None:
    """Open ``page`` as a new page (a new file each time: navigating to the URL already shown
    may show the earlier page again, as the back test once saw under load in CI)."""
    name = f"page-{next(_PAGES)}.html"
    (tmp / name).write_text(page, encoding="utf-8")
    driver.set_window_size(width, 900)
    driver.get(f"{_ORIGINS[tmp]}/{name}")


def shown_options(driver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('ol.options li')).map(li => li.innerText.trim())")


def option_classes(driver) -> dict[str, str]:
    return driver.execute_script(
        "var r = {}; document.querySelectorAll('ol.options li').forEach(li => r[li.innerText.trim()] = "
        "li.className); return r")


def test_tapping_a_wrong_option_marks_it_and_the_back_shows_the_choice_and_the_right_one(driver, deck):
    questions, col, cards, tmp = deck
    card = cards["choice-figure"]
    question = questions[question_id(card)]
    load(driver, tmp, reviewer_page(side_html(col, card, "front")))
    order = shown_options(driver)
    assert sorted(order) == sorted(question.options)
    wrong = next(o for o in order if o != question.answer)
    items = driver.find_elements("css selector", "ol.options li")
    items[order.index(wrong)].click()

    classes = option_classes(driver)
    assert "chosen" in classes[wrong] and "wrong" in classes[wrong]
    assert "right" in classes[question.answer]
    feedback = driver.find_element("css selector", ".feedback").text
    assert feedback.startswith("✗")
    after = driver.execute_script(
        "return getComputedStyle(document.querySelector('ol.options li.right'), '::after').content")
    assert "✓" in after

    driver.execute_script(SHOW_ANSWER_JS, side_html(col, card, "back"))
    assert shown_options(driver) == order  # the back keeps the order the student saw
    classes = option_classes(driver)
    assert "chosen" in classes[wrong] and "wrong" in classes[wrong]
    assert "correct" in classes[question.answer]
    answer = driver.find_element("css selector", ".answer")
    assert answer.text == question.answer
    assert int(answer.value_of_css_property("font-weight")) >= 700


def test_pressing_a_number_chooses_that_option(driver, deck):
    questions, col, cards, tmp = deck
    card = cards["choice-figure"]  # choice-answer is for worksheets and quizzes only
    question = questions[question_id(card)]
    load(driver, tmp, reviewer_page(side_html(col, card, "front")))
    order = shown_options(driver)
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys("2").perform()
    classes = option_classes(driver)
    assert "chosen" in classes[order[1]]
    assert sum("chosen" in c for c in classes.values()) == 1
    right = order[1] == question.answer
    assert driver.find_element("css selector", ".feedback").text.startswith("✓" if right else "✗")


def test_options_are_shuffled_at_each_review(driver, deck):
    questions, col, cards, tmp = deck
    card = cards["choice-figure"]
    orders = set()
    for _ in range(12):
        load(driver, tmp, reviewer_page(side_html(col, card, "front")))
        orders.add(tuple(shown_options(driver)))
    assert len(orders) > 1
    assert all(sorted(o) == sorted(questions[question_id(card)].options) for o in orders)


def without_scripts(side: str) -> str:
    return re.sub(r"<script\b.*?</script>", "", side, flags=re.S)


def test_without_javascript_the_options_are_a_list_and_the_back_ticks_the_right_one(driver, deck):
    questions, col, cards, tmp = deck
    card = cards["choice-figure"]
    question = questions[question_id(card)]
    load(driver, tmp, reviewer_page(without_scripts(side_html(col, card, "front"))))
    assert shown_options(driver) == question.options
    marks = driver.execute_script(
        "return Array.from(document.querySelectorAll('ol.options li')).map(li => "
        "getComputedStyle(li, '::after').content)")
    assert all("✓" not in m for m in marks)  # the front gives nothing away
    load(driver, tmp, reviewer_page(without_scripts(side_html(col, card, "back"))))
    marks = driver.execute_script(
        "return Array.from(document.querySelectorAll('ol.options li')).map(li => "
        "[li.innerText.trim(), getComputedStyle(li, '::after').content, getComputedStyle(li).fontWeight])")
    ticked = [text for text, after, weight in marks if "✓" in after and int(weight) >= 700]
    assert ticked == [question.answer]
    # Printed: the static list and the answer, no tap feedback.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert driver.find_element("css selector", ".answer").is_displayed()
        assert shown_options(driver) == question.options
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_every_card_keeps_ankis_margin_and_fits_the_smallest_phone(driver, deck):
    questions, col, cards, tmp = deck
    for name, card in sorted(cards.items()):
        for side in ("front", "back"):
            for night in (False, True):
                load(driver, tmp, reviewer_page(side_html(col, card, side, typed="1"), night), width=320)
                box = driver.execute_script(
                    "var r = document.querySelector('#qa .sk').getBoundingClientRect();"
                    "return {top: r.top, left: r.left, right: window.innerWidth - r.right,"
                    " wide: document.documentElement.scrollWidth, width: window.innerWidth}")
                where = (name, side, night)
                assert box["top"] >= 20, where          # Anki's own 20 px page margin survives
                assert box["left"] >= 20 and box["right"] >= 20, where
                assert box["wide"] <= box["width"], where  # nothing wider than a 320 px phone


def test_night_mode_is_light_on_dark_including_the_retired_notice(driver, deck, tmp_path):
    questions, col, cards, tmp = deck

    def luminance(css_color: str) -> float:
        r, g, b = (int(x) for x in re.findall(r"\d+", css_color)[:3])
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    card = cards["recall"]
    load(driver, tmp, reviewer_page(side_html(col, card, "back"), night=True))
    body = driver.find_element("css selector", "body")
    assert luminance(body.value_of_css_property("background-color")) < 60
    for selector in (".prompt", ".answer", ".statement", "blockquote.quote", ".citation"):
        assert luminance(driver.find_element("css selector", selector).value_of_css_property("color")) > 150

    page = side_html(col, card, "front").replace('<div class="prompt">',
                                                  '<div class="status">Retired: a notice</div><div class="prompt">')
    load(driver, tmp, reviewer_page(page, night=True))
    status = driver.find_element("css selector", ".status")
    assert luminance(status.value_of_css_property("background-color")) < 90
    assert luminance(status.value_of_css_property("color")) > 150


def test_a_cloze_blank_is_bold_and_underlined_in_a_regular_weight_sentence(driver, deck):
    questions, col, cards, tmp = deck
    load(driver, tmp, reviewer_page(side_html(col, cards["cloze"], "back")))
    blank = driver.find_element("css selector", ".cloze")
    assert int(blank.value_of_css_property("font-weight")) >= 700
    assert "underline" in blank.value_of_css_property("text-decoration-line")
    sentence = driver.find_element("css selector", ".cloze-text")
    assert int(sentence.value_of_css_property("font-weight")) == 400


def test_the_ordering_items_are_normal_weight_and_not_repeated_on_the_back(driver, deck):
    questions, col, cards, tmp = deck
    card = cards["ordering"]
    question = questions[question_id(card)]
    load(driver, tmp, reviewer_page(side_html(col, card, "front")))
    items = driver.find_elements("css selector", ".prompt ol.items li")
    assert [i.text for i in items] == question.options
    assert all(int(i.value_of_css_property("font-weight")) == 400 for i in items)
    assert driver.execute_script(
        "return getComputedStyle(document.querySelector('ol.items')).listStyleType") == "upper-alpha"
    load(driver, tmp, reviewer_page(side_html(col, card, "back")))
    text = driver.find_element("css selector", "body").text
    quote = driver.find_element("css selector", "blockquote.quote").text
    outside_quote = text.replace(quote, "")
    assert all(outside_quote.count(item) == 1 for item in question.order)


def test_a_typed_figure_accepts_thousands_separators(driver, deck):
    questions, col, cards, tmp = deck
    card = next(c for c in map(col.get_card, col.find_cards("tag:figure-typed"))
                if c.note()["Typed"].isdigit() and int(c.note()["Typed"]) >= 10000)
    load(driver, tmp, reviewer_page(side_html(col, card, "front")))
    box = driver.find_element("css selector", "#typeans")
    figure = card.note()["Typed"]
    with_commas = f"{int(figure):,}"
    assert "," in with_commas
    box.send_keys(with_commas)
    assert box.get_attribute("value") == figure


def test_the_choice_reaches_a_back_loaded_as_a_new_page(driver, deck):
    """AnkiDroid loads each side as its own page: the choice travels in sessionStorage."""
    questions, col, cards, tmp = deck
    card = cards["choice-figure"]  # choice-answer is for worksheets and quizzes only
    question = questions[question_id(card)]
    load(driver, tmp, reviewer_page(side_html(col, card, "front")))
    order = shown_options(driver)
    driver.find_elements("css selector", "ol.options li")[order.index(question.answer)].click()
    load(driver, tmp, reviewer_page(side_html(col, card, "back")))
    assert driver.find_elements("css selector", "hr#answer"), "the back is shown"
    assert shown_options(driver) == order
    classes = option_classes(driver)
    assert "chosen" in classes[question.answer] and "wrong" not in classes[question.answer]
    assert driver.find_element("css selector", ".feedback").text.startswith("✓")


def test_fields_are_stored_as_the_browser_behind_ankis_editor_serialises_them(driver, deck):
    """Anki's editor is a contenteditable page that saves innerHTML: our field text must be its
    fixed point (quotes plain, only & < > escaped), or Anki would store and search other text."""
    questions, col, cards, tmp = deck
    load(driver, tmp, "<!doctype html><html><body><div id=editor contenteditable></div></body></html>")
    values = sorted({value for note_id in col.find_notes("") for value in col.get_note(note_id).fields
                     if value})
    serialised = driver.execute_script(
        "var box = document.getElementById('editor');"
        "return arguments[0].map(function (v) { box.innerHTML = v; return box.innerHTML; });", values)
    assert [v for v, s in zip(values, serialised) if v != s] == []
    assert any("'" in v for v in values) and any("&amp;" in v or '"' in v for v in values)


def test_any_text_is_stored_in_the_editors_form(driver, deck):
    """Quotes, ampersands, angle brackets, no-break spaces and tabs, whichever escaping made them."""
    import html as html_lib

    import markupsafe

    from studykit.apkg import editor_html

    questions, col, cards, tmp = deck
    load(driver, tmp, "<!doctype html><html><body><div id=editor contenteditable></div></body></html>")
    text = "People's \"view\" & <b>tags</b>\u00a0here\tand\nthere"
    for escaped in (html_lib.escape(text), str(markupsafe.escape(text)), html_lib.escape(text, quote=False)):
        stored = editor_html(f'<li class="correct">{escaped}</li>')
        saved = driver.execute_script(
            "var box = document.getElementById('editor'); box.innerHTML = arguments[0]; return box.innerHTML",
            stored)
        assert stored == saved
        assert "People's \"view\"" in stored and "&amp;" in stored and "&lt;b&gt;" in stored


NIGHT_CLASSES = {"day": None, "Anki desktop and AnkiMobile": "nightMode", "AnkiDroid": "night_mode"}


def _in_mode(page: str, night: str | None) -> str:
    return page if night is None else page.replace("nightMode night_mode", night)


def test_every_text_on_every_card_is_readable_by_day_and_in_either_night_mode(driver, deck):
    # Each Anki client marks night mode with its own class: a rule naming only one of them left the
    # right option's tick dark green, a wrong choice's cross dark red and the ordering letters dark
    # grey on the dark page (2.2-2.3:1) where only the other class is set.
    questions, col, cards, tmp = deck
    poor = []
    for mode, night in NIGHT_CLASSES.items():
        for name, card in sorted(cards.items()):
            for side in ("front", "back"):
                page = reviewer_page(side_html(col, card, side, typed="1"), night=night is not None)
                load(driver, tmp, _in_mode(page, night), width=360)
                poor += [(mode, name, side, what, round(r, 2)) for what, r in contrasts(driver, "#qa")
                         if r < 4.5]
        card = cards["choice-figure"]  # and a choice made: a wrong one crossed, the right one ticked
        load(driver, tmp, _in_mode(reviewer_page(side_html(col, card, "front"), night=night is not None), night),
             width=360)
        question = questions[question_id(card)]
        order = shown_options(driver)
        driver.find_elements("css selector", "ol.options li")[order.index(
            next(o for o in order if o != question.answer))].click()
        for side in ("tapped", "back"):
            if side == "back":
                driver.execute_script(SHOW_ANSWER_JS, side_html(col, card, "back"))
            poor += [(mode, "choice-figure", side, what, round(r, 2))
                     for what, r in contrasts(driver, "#qa") if r < 4.5]
    assert poor == []  # WCAG AA for text: 4.5:1


def test_options_are_big_enough_to_tap_on_a_phone(driver, deck):
    # A phone held in one hand: each option at least 44 px high (the smallest touch target the
    # iOS and Android guidelines allow) and 8 px from the next, so a thumb does not hit two.
    questions, col, cards, tmp = deck
    load(driver, tmp, reviewer_page(side_html(col, cards["choice-figure"], "front")), width=360)
    boxes = driver.execute_script(
        "return Array.from(document.querySelectorAll('ol.options.live li')).map(function (li) {"
        " var r = li.getBoundingClientRect(); return [r.top, r.bottom, r.width]; })")
    assert len(boxes) >= 3
    assert all(bottom - top >= 44 and width >= 200 for top, bottom, width in boxes), boxes
    assert all(later[0] - earlier[1] >= 8 for earlier, later in zip(boxes, boxes[1:])), boxes


@pytest.mark.parametrize("night", ["nightMode", "night_mode"])
def test_the_typing_box_is_dark_in_night_mode_too(driver, deck, night):
    # A white box glaring out of the dark page, where the student types at night.
    questions, col, cards, tmp = deck
    page = reviewer_page(side_html(col, cards["figure-typed"], "front"), night=True)
    load(driver, tmp, _in_mode(page, night), width=360)
    box = driver.find_element("css selector", "input#typeans")
    box.send_keys("75000")
    level = sum(int(x) for x in re.findall(r"\d+", box.value_of_css_property("background-color"))[:3]) / 3
    assert level < 60
    assert [r for _, r in contrasts(driver, "#qa") if r < 4.5] == []


@pytest.mark.parametrize("typed, right", [("75,000", True), ("75 000", True), ("75000", True), ("7,500", False),
                                          ("75,000 tons", False)])
def test_a_figure_typed_with_separators_outside_the_card_is_shown_as_right(driver, deck, typed, right):
    # AnkiDroid's own answer box (outside the card) skips the front's script: Anki compares
    # "75,000" with "75000" and marks the comma wrong, while the card says separators are fine.
    questions, col, cards, tmp = deck
    card = next(c for c in map(col.get_card, col.find_cards("tag:figure-typed")) if c.note()["Typed"] == "75000")
    load(driver, tmp, reviewer_page(side_html(col, card, "back", typed=typed)), width=360)  # a new page, as AnkiDroid
    shown = driver.find_element("css selector", "#typeans")
    marked_wrong = driver.find_elements("css selector", "#typeans .typeBad, #typeans .typeMissed")
    if right:
        assert (shown.text, marked_wrong) == (typed, [])
    else:
        assert marked_wrong and "75000" in shown.text  # still wrong, with the number asked below
