"""worksheet layout: constructs chosen to be cheap for WeasyPrint still print what a teacher expects.

The quick answers of a key are split into two columns by studykit (CSS columns cost
WeasyPrint a third of a key's layout); the PDF read back with pypdf shows them side
by side, down the left column first, every one of them.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pypdf

from studykit import pdf, worksheet
from studykit.worksheets import render
from studykit.worksheets.items import Item

from test_pdf import flat
from test_print_browser import chromium  # noqa: F401 - the fixture
from test_worksheet import DECK, quick_answer_items
from studykit.worksheets.spec import LABELS
from test_worksheet_versions import question


def short(number: int, answer: str) -> Item:
    return Item("short_answer", 1, question("short_answer", number, answer=answer), number=number)


def numbers(block: list[list[Item]]) -> list[list[int]]:
    return [[item.number for item in column] for column in block]


def test_quick_answers_are_balanced_like_css_columns_the_left_one_the_taller():
    five = [short(n, "one line") for n in range(1, 6)]
    assert [numbers(b) for b in render.quick_columns(five, LABELS, "a4")] == [[[1, 2, 3], [4, 5]]]
    # 2 + 1 + 1 + 1 lines (twelve words wrap once in a column of 78 mm): items 1 and 2 on the left
    long_first = [short(1, "word " * 12), *[short(n, "one line") for n in range(2, 5)]]
    assert [numbers(b) for b in render.quick_columns(long_first, LABELS, "a4")] == [[[1, 2], [3, 4]]]
    assert [numbers(b) for b in render.quick_columns(five[:1], LABELS, "a4")] == [[[1], []]]


def test_a_long_list_of_quick_answers_starts_new_pairs_of_columns_a_page_apart():
    first, rows = render.QUICK_FIRST_ROWS, render.QUICK_ROWS
    many = [short(n, "one line") for n in range(1, 2 * first + 2 * rows + 11)]
    blocks = [numbers(b) for b in render.quick_columns(many, LABELS, "a4")]
    second = 2 * first  # the last number of the first pair of columns
    third = second + 2 * rows
    assert blocks == [[list(range(1, first + 1)), list(range(first + 1, second + 1))],
                      [list(range(second + 1, second + rows + 1)), list(range(second + rows + 1, third + 1))],
                      [list(range(third + 1, third + 6)), list(range(third + 6, third + 11))]]


def test_wrapped_lines_counts_whole_words():
    assert render._wrapped_lines("aaa bbb ccc", 7) == 2  # "aaa bbb" / "ccc"
    assert render._wrapped_lines("aaa bbb ccc", 6) == 3
    assert render._wrapped_lines("", 10) == 1


def runs(page) -> list[tuple[str, float, float]]:
    """The page's text runs with where they start (x, y in points from the bottom left)."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.strip(), cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]))
    page.extract_text(visitor_text=visit)
    return found


def test_the_keys_quick_answers_print_in_two_columns_down_the_left_first(built):
    html = (built / f"{DECK}-answer-key-A.html").read_text(encoding="utf-8")
    items = quick_answer_items(html)
    count = len(items)
    assert count >= 8
    page = pypdf.PdfReader(built / f"{DECK}-answer-key-A.pdf").pages[0]
    text = flat(page.extract_text())
    for li in items:
        assert flat(li.find(cls="qa").text()) in text
    # the numbers "1." ... "N." are the first runs that read so, in the quick answers at the top
    where = {}
    for run, x, y in runs(page):
        if run.endswith(".") and run[:-1].isdigit() and int(run[:-1]) not in where:
            where[int(run[:-1])] = (x, y)
    assert set(range(1, count + 1)) <= set(where)
    half = float(page.mediabox.width) / 2
    left = [n for n in range(1, count + 1) if where[n][0] < half]
    right = [n for n in range(1, count + 1) if where[n][0] > half]
    assert left == list(range(1, len(left) + 1)) and right == list(range(len(left) + 1, count + 1))
    assert 0 <= len(left) - len(right) <= 3
    assert abs(where[1][1] - where[len(left) + 1][1]) < 1  # both columns start at the same height
    assert all(where[n][1] > where[n + 1][1] for n in left[:-1] + right[:-1])  # each runs downwards


def test_a_bank_of_every_question_has_every_quick_answer_in_its_pdf(shipped):
    recipe = replace(shipped.project.decks[DECK], worksheet={})
    (_, key), = worksheet.sheets(shipped.project, recipe, shipped.decks[DECK])
    html = worksheet.render_sheet(key)
    items = quick_answer_items(html)
    assert len(items) >= 100 and len(html.split('<div class="quick-answers">')) - 1 >= 2
    assert [int(li.attrs["data-number"]) for li in items] == list(range(1, len(items) + 1))
    reader = pypdf.PdfReader(io.BytesIO(pdf.html_to_pdf(html)))
    pages = [flat(p.extract_text()) for p in reader.pages[:6]]
    text = " ".join(pages)
    for li in items:
        assert flat(li.find(cls="qa").text()) in text, li.attrs["data-number"]
    # each pair of columns is on one page: its first and last answers on the same page (each
    # looked for with its number: a short answer such as 'B (Soviet comrades)' recurs on other pages)
    blocks = render.quick_columns(key.items, key.labels, key.paper)

    def numbered(item):
        return flat(f"{item.number}. {render.quick_answer(item, key.labels)}")

    for block in blocks:
        first, last = block[0][0], (block[1] or block[0])[-1]
        on = [n for n, page in enumerate(pages) if numbered(first) in page]
        assert on and numbered(last) in pages[on[0]], first.number


QUICK_PROBE = """
<script>
(function () {
  const items = Array.from(document.querySelectorAll(".quick-answers li"));
  const boxes = items.map(li => { const r = li.getBoundingClientRect(); return [r.left, r.top]; });
  const pre = document.createElement("pre");
  pre.id = "quick-report";
  pre.textContent = JSON.stringify({width: window.innerWidth, boxes: boxes});
  document.body.appendChild(pre);
})();
</script>
"""


def quick_boxes(chromium, html: str, tmp, width: int) -> list[list[float]]:
    import json
    import re as regex

    from test_print_browser import run_chromium

    page = tmp / f"quick-{width}.html"
    page.write_text(html.replace("</body>", QUICK_PROBE + "</body>"), encoding="utf-8")
    dom = run_chromium(chromium, tmp / "profile", f"--window-size={width},900", "--virtual-time-budget=3000",
                       "--dump-dom", page.resolve().as_uri())
    found = regex.search(r'<pre id="quick-report">(.*?)</pre>', dom, regex.S)
    assert found, dom[-2000:]
    report = json.loads(found.group(1).replace("&quot;", '"'))
    assert (report["width"] <= 600) == (width <= 600)  # headless Chromium widens a narrow window a little
    return report["boxes"]


def test_in_chromium_the_quick_answers_are_two_columns_on_a_screen_and_one_on_a_phone(chromium, built, tmp_path):
    html = (built / f"{DECK}-answer-key-A.html").read_text(encoding="utf-8")
    count = len(quick_answer_items(html))
    wide = quick_boxes(chromium, html, tmp_path, 1000)
    lefts = sorted({round(x) for x, _ in wide})
    assert len(wide) == count and len(lefts) == 2 and lefts[1] - lefts[0] > 200  # two columns
    right_start = next(n for n, (x, _) in enumerate(wide) if round(x) == lefts[1])
    assert abs(wide[right_start][1] - wide[0][1]) < 1  # side by side from the top
    phone = quick_boxes(chromium, html, tmp_path, 400)
    assert len({round(x) for x, _ in phone}) == 1  # one column, every number at the same place
    assert all(a[1] < b[1] for a, b in zip(phone, phone[1:]))  # in order, top to bottom
