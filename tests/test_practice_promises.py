"""The practice page's README promises not covered by test_practice.py, in a real headless Chromium.

Typing forgives articles, accents and thousands separators; a typed answer marked wrong can be
counted as right; results are kept per deck; everything works with the keyboard alone and every
field has a name a screen reader reads out.  Expected answers come from the rendered questions
(studykit.check), never from the page's own data.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from browser import MISSING, have_chromium, headless_chromium, served
from studykit.build import build_project
from studykit.check import check_project

DECK = "soviet-korean-relations-1967"
OTHER = "gettysburg-address"  # a second project: its page shares the first one's origin
REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not have_chromium(), reason=MISSING)


@pytest.fixture(scope="module")
def shipped():
    return check_project(REPO)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Both projects' practice pages, served from one local origin (one localStorage for both)."""
    folder = tmp_path_factory.mktemp("site")
    for root in (REPO, REPO / "examples" / OTHER):
        out = tmp_path_factory.mktemp("out")
        build_project(root, out=out, only=["practice"])
        for page in out.glob("*-practice.html"):
            shutil.copy(page, folder / page.name)
    with served(folder) as origin:
        yield origin


@pytest.fixture(scope="module")
def browser():
    driver = headless_chromium("--window-size=1280,900")
    yield driver
    driver.quit()


@pytest.fixture
def fresh(browser, site):
    """The shipped deck's page with nothing saved (for either deck)."""
    browser.get(f"{site}/{DECK}-practice.html")
    browser.execute_script("window.localStorage.clear()")
    browser.refresh()
    return browser


def card(driver, question_id):
    return driver.find_element("css selector", f'li[data-question="{question_id}"]')


def feedback_of(element) -> str:
    return element.find_element("css selector", ".feedback").text


def score(driver) -> str:
    return driver.find_element("id", "score").text


def type_and_check(driver, question_id: str, typed: str) -> str:
    element = card(driver, question_id)
    element.find_element("css selector", "input.typed").send_keys(typed)
    element.find_element("css selector", "button.check").click()
    return feedback_of(element)


def short_answers(shipped):
    return [q for q in shipped.decks[DECK].questions if q.style == "short_answer" and q.machine_answers()]


# --- no network ------------------------------------------------------------------------------

def test_the_page_forbids_every_network_request(fresh, site):
    """The Content-Security-Policy stops anything the page (or fact text gone wrong) would load:
    an image from the very server the page came from is refused, and the browser says so."""
    blocked = fresh.execute_async_script("""
        const done = arguments[arguments.length - 1];
        document.addEventListener("securitypolicyviolation", (e) => done(e.violatedDirective));
        const img = document.createElement("img");
        img.onload = () => done("loaded");
        img.src = arguments[0] + "/nothing.png?" + Date.now();
        document.body.appendChild(img);
        setTimeout(() => done("no answer"), 5000);""", site)
    assert blocked.startswith("img-src") or blocked.startswith("default-src"), blocked
    script = fresh.execute_async_script("""
        const done = arguments[arguments.length - 1];
        document.addEventListener("securitypolicyviolation", (e) => done(e.violatedDirective));
        const s = document.createElement("script");
        s.src = arguments[0] + "/x.js";
        document.body.appendChild(s);
        setTimeout(() => done("no answer"), 5000);""", site)
    assert script.startswith("script-src"), script


# --- typing ----------------------------------------------------------------------------------

def test_articles_accents_and_thousands_separators_do_not_matter(fresh, shipped):
    driver = fresh
    article = next(q for q in short_answers(shipped)
                   if re.match(r"(The|An?) ", q.answer)
                   and q.answer.split(" ", 1)[1].lower() not in {f.lower() for f in q.machine_answers()})
    bare = article.answer.split(" ", 1)[1]
    assert "Right." in type_and_check(driver, article.id, bare), "without its article"
    driver.refresh()
    accented = bare.replace("e", "\u00e9").replace("a", "\u00e0")
    assert accented != bare
    assert "Right." in type_and_check(driver, article.id, accented), "with accents it does not have"
    driver.refresh()
    assert "Not quite." in type_and_check(driver, article.id, bare[:-1] + "x"), "a wrong letter still matters"

    figure = next(q for q in short_answers(shipped) if re.fullmatch(r"\d{1,3}(,\d{3})+ \w+", q.answer)
                  and q.answer.split()[0] not in q.machine_answers())  # read as a number, not as a form
    number = figure.answer.split()[0]
    driver.refresh()
    assert "Right." in type_and_check(driver, figure.id, number), "with its thousands separators"
    driver.refresh()
    assert "Right." in type_and_check(driver, figure.id, number.replace(",", "")), "without them"


def test_a_list_is_right_in_any_order_and_a_hedged_figure_within_its_tolerance(fresh, shipped):
    driver = fresh
    listed = next(q for q in short_answers(shipped) if q.any_order and q.answer.count(";") >= 1)
    reversed_list = "; ".join(reversed(listed.answer.split("; ")))
    assert reversed_list != listed.answer
    assert "Right." in type_and_check(driver, listed.id, reversed_list)

    from studykit.export.common import numeric_answer

    hedged = next(q for q in short_answers(shipped)
                  if (n := numeric_answer(q, 0.0)) is not None and n.tolerance >= 0.05 * n.value > 0)
    numeric = numeric_answer(hedged, 0.0)
    near, far = numeric.value - numeric.tolerance / 2, numeric.value - numeric.tolerance * 1.5
    driver.refresh()
    assert "Right." in type_and_check(driver, hedged.id, f"{near:g}"), "within the tolerance"
    driver.refresh()
    assert "Not quite." in type_and_check(driver, hedged.id, f"{far:g}"), "outside it"


def test_background_is_labelled_not_from_the_source(fresh, shipped):
    driver = fresh
    question = next(q for q in shipped.decks[DECK].questions
                    if q.style == "multiple_choice" and any(f.context for f in q.facts))
    element = card(driver, question.id)
    element.find_elements("css selector", "button.choice")[question.correct].click()
    lines = feedback_of(element).splitlines()
    for fact in question.facts:
        if fact.context:
            assert f"Context (not from the source): {' '.join(fact.context.split())}" in lines


def test_a_typed_answer_marked_wrong_can_be_counted_as_right(fresh, shipped):
    driver = fresh
    question = short_answers(shipped)[0]
    text = type_and_check(driver, question.id, "something else entirely")
    assert "Not quite." in text and f"Answer: {question.answer}" in text
    assert score(driver).startswith("Score: 0 right of 1 answered")
    element = card(driver, question.id)
    button = element.find_element("css selector", "button.mark-right")
    assert button.text == "Count it as right"
    button.click()
    assert "Right." in feedback_of(element)
    assert score(driver).startswith("Score: 1 right of 1 answered")
    driver.refresh()
    assert "Earlier you got this right." in card(driver, question.id).text


# --- per deck --------------------------------------------------------------------------------

def test_results_are_kept_per_deck(fresh, shipped, site):
    driver = fresh
    mc = next(q for q in shipped.decks[DECK].questions if q.style == "multiple_choice")
    card(driver, mc.id).find_elements("css selector", "button.choice")[mc.correct].click()
    assert score(driver).startswith("Score: 1 right of 1 answered")

    other = check_project(REPO / "examples" / OTHER)
    [(other_deck, result)] = other.decks.items()
    driver.get(f"{site}/{other_deck}-practice.html")
    count = len(result.questions)
    assert score(driver) == f"Score: 0 right of 0 answered ({count} questions in the chosen topics)."
    assert len(driver.find_elements("css selector", "li.question")) == count
    tf = next(q for q in result.questions if q.style == "true_false")
    card(driver, tf.id).find_elements("css selector", "button.choice")[0 if tf.truth else 1].click()
    assert score(driver).startswith("Score: 1 right of 1 answered")

    driver.get(f"{site}/{DECK}-practice.html")
    total = len(shipped.decks[DECK].questions)
    assert score(driver) == f"Score: 1 right of 1 answered ({total} questions in the chosen topics)."
    assert "Earlier you got this right." in card(driver, mc.id).text


# --- the keyboard alone, and names for screen readers -------------------------------------------

def press(driver, *keys) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(*keys).perform()


def tab_into(driver, element):
    """Put the focus on the last control before ``element``, press Tab once: the focused control."""
    from selenium.webdriver.common.keys import Keys

    driver.execute_script("""
        const target = arguments[0];
        const controls = Array.from(document.querySelectorAll('button, input, select, textarea, summary, a[href]'))
          .filter((c) => !c.disabled && (c.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING));
        const before = controls[controls.length - 1];
        before.scrollIntoView({block: 'center'});
        before.focus();""", element)
    press(driver, Keys.TAB)
    active = driver.switch_to.active_element
    assert driver.execute_script("return arguments[0].contains(arguments[1])", element, active), \
        "Tab reaches the question's first control"
    return active


def test_every_kind_of_question_is_answered_with_the_keyboard_alone(fresh, shipped):
    from selenium.webdriver.common.keys import Keys

    driver = fresh
    questions = shipped.decks[DECK].questions
    mc = next(q for q in questions if q.style == "multiple_choice")
    active = tab_into(driver, card(driver, mc.id))
    for _ in range(mc.correct):
        press(driver, Keys.TAB)
    press(driver, Keys.ENTER)
    assert "Right." in feedback_of(card(driver, mc.id))

    tf = next(q for q in questions if q.style == "true_false")
    tab_into(driver, card(driver, tf.id))
    press(driver, *([Keys.TAB] if not tf.truth else []), Keys.SPACE)
    assert "Right." in feedback_of(card(driver, tf.id))

    matching = next(q for q in questions if q.style == "matching")
    element = card(driver, matching.id)
    active = tab_into(driver, element)
    options = element.find_element("css selector", "select").find_elements("tag name", "option")
    labels = [o.text for o in options]
    for _, right in matching.pairs:  # a closed menu: each arrow key moves to the next option
        assert active.tag_name == "select"
        press(driver, *[Keys.ARROW_DOWN] * labels.index(right), Keys.TAB)
        active = driver.switch_to.active_element
    assert active.get_attribute("class") == "check"
    press(driver, Keys.ENTER)
    assert "Right." in feedback_of(element)

    cloze = next(q for q in questions if q.style == "fill_blank" and len({n for _, n in q.cloze if n}) > 1)
    element = card(driver, cloze.id)
    tab_into(driver, element)
    terms = {}
    for text, n in cloze.cloze:
        if n:
            terms.setdefault(n, text)
    for i, n in enumerate(sorted(terms)):
        press(driver, *([Keys.TAB] if i else []), terms[n])
    press(driver, Keys.ENTER)
    assert "Right." in feedback_of(element)

    table = next(q for q in questions if q.style == "table")
    element = card(driver, table.id)
    tab_into(driver, element)
    blanks = [value for row in table.rows for j, value in enumerate(row) 
              if j < len(table.columns) and table.columns[j].get("blank")]
    for i, value in enumerate(blanks):
        press(driver, *([Keys.TAB] if i else []), value)
    press(driver, Keys.ENTER)
    assert "Right." in feedback_of(element)

    essay = next(q for q in questions if q.style == "essay")
    element = card(driver, essay.id)
    tab_into(driver, element)
    press(driver, "my own words", Keys.TAB, Keys.ENTER)  # a text area keeps Enter: Tab to the button
    assert "A full answer mentions:" in feedback_of(element)
    press(driver, Keys.TAB)
    assert driver.switch_to.active_element.get_attribute("class") == "mark-right"
    press(driver, Keys.ENTER)
    assert "Right." in feedback_of(element)
    assert score(driver).startswith("Score: 6 right of 6 answered")


def test_topics_and_rounds_are_chosen_with_the_keyboard_alone(fresh, shipped):
    from selenium.webdriver.common.keys import Keys

    driver = fresh
    questions = shipped.decks[DECK].questions
    tf = next(q for q in questions if q.style == "true_false")
    card(driver, tf.id).find_elements("css selector", "button.choice")[1 if tf.truth else 0].click()  # wrong

    driver.find_element("css selector", "a.skip").send_keys(Keys.TAB)  # from the skip link on
    assert driver.switch_to.active_element.get_attribute("id") == "topic-summary"
    press(driver, Keys.ENTER, Keys.TAB)
    box = driver.switch_to.active_element
    assert box.get_attribute("type") == "checkbox"
    first_topic = box.get_attribute("value")
    press(driver, Keys.SPACE)
    kept = [q for q in questions if q.topic != first_topic]
    assert f"({len(kept)} questions in the chosen topics)" in score(driver)
    press(driver, Keys.SPACE)
    assert f"({len(questions)} questions in the chosen topics)" in score(driver)

    driver.find_element("id", "round-all").send_keys(Keys.TAB)  # from "All questions" on
    assert driver.switch_to.active_element.get_attribute("id") == "round-wrong"
    press(driver, Keys.ENTER)
    assert [li.get_attribute("data-question") for li in driver.find_elements("css selector", "li.question")] \
        == [tf.id]


def test_every_control_has_a_name_a_screen_reader_reads_out(fresh):
    """Chromium's accessibility tree (what a screen reader is given): every field, menu, check box
    and button has a name with words in it (an arrow alone is no name)."""
    driver = fresh
    driver.find_element("id", "topic-summary").click()
    tree = driver.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
    roles = {"textbox", "combobox", "checkbox", "button", "spinbutton"}
    controls = [n for n in tree if not n.get("ignored") and n.get("role", {}).get("value") in roles]
    kinds = {n["role"]["value"] for n in controls}
    assert {"textbox", "combobox", "checkbox", "button"} <= kinds
    nameless = [(n["role"]["value"], n.get("name", {}).get("value", ""))
                for n in controls if not re.search(r"[^\W\d_]", n.get("name", {}).get("value", ""))]
    assert nameless == []
