"""The PDF helper's workers: forked after the import and before any layout, kept warm, never left behind.

Real processes and real PDFs throughout: the helper is the real
``python -m studykit.warmpdf``, its workers are found in /proc, and every PDF
is compared with what WeasyPrint makes in the test's own process and read back
with pypdf.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pypdf
import pytest
from cli_helpers import DECK, small_project, studykit

from studykit import pdf, warmpdf

PAGE = "<html><body><p>Grain was requested: 1,000,000 tonnes.</p></body></html>"

pytestmark = pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc")


def page(n: int) -> str:
    return PAGE.replace("1,000,000", f"{n:,}")


def workers_of(renderer: warmpdf.WarmRenderer) -> list[int]:
    pid = renderer.process.pid
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def fontconfig_caches(pid: int) -> set[str]:
    """The Fontconfig cache files a process has mapped: there once it has laid out text."""
    maps = Path(f"/proc/{pid}/maps").read_text().splitlines()
    return {line.split()[-1] for line in maps if "fontconfig" in line and ".cache-" in line}


def threads(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("Threads:")[1].split()[0])


def gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def test_workers_are_forked_before_any_layout_and_render_the_same_bytes(tmp_path):
    """Fork safety: the helper that forks never loads Fontconfig's caches, and has one thread."""
    renderer = warmpdf.WarmRenderer()
    try:
        pages = [page(n) for n in range(1, 6)]
        made = renderer.render(pages)
        workers = workers_of(renderer)
        helper = renderer.process.pid
        assert len(workers) == (os.cpu_count() or 1)
        assert fontconfig_caches(helper) == set() and threads(helper) == 1
        assert all(fontconfig_caches(w) for w in workers)  # they laid the pages out
    finally:
        renderer.close()
    assert made == [pdf.html_to_pdf(p) for p in pages]
    (tmp_path / "3.pdf").write_bytes(made[2])
    assert "Grain was requested: 3 tonnes." in pypdf.PdfReader(tmp_path / "3.pdf").pages[0].extract_text()
    assert gone(helper)  # closed: the helper and its workers


def test_pages_submitted_early_are_collected_later_in_order_with_work_done_meanwhile():
    renderer = warmpdf.WarmRenderer()
    try:
        first = [renderer.submit(page(n)) for n in (10, 20)]
        later = renderer.submit(page(30) * 40)  # a longer page, asked for after them
        done = []
        renderer.meanwhile(lambda: done.append(len(renderer._results)))
        assert renderer.collect([later]) == [pdf.html_to_pdf(page(30) * 40)]
        assert renderer.collect(first) == [pdf.html_to_pdf(page(10)), pdf.html_to_pdf(page(20))]
        assert len(done) == 1  # ran once, while the helper worked
        renderer.end_build()
        assert renderer.alive()  # every answer collected: fit for the next build
    finally:
        renderer.close()


def test_a_task_failing_meanwhile_raises_its_error_and_leaves_the_helper_usable():
    renderer = warmpdf.WarmRenderer()
    try:
        ids = [renderer.submit(page(5))]

        def fails():
            raise ValueError("a damaged manifest")

        renderer.meanwhile(fails)
        with pytest.raises(ValueError, match="damaged manifest"):
            renderer.collect(ids)
        renderer.end_build()
        assert renderer.alive()  # its answer came in before the error was raised
        assert renderer.render([page(6)]) == [pdf.html_to_pdf(page(6))]
    finally:
        renderer.close()


def test_an_uncollected_pdf_means_the_helper_is_not_reused(monkeypatch):
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    with warmpdf.started() as first:
        first.submit(page(7))  # the build ends (an error) before collecting it
    assert first.broken and first.process.poll() is not None and gone(first.process.pid)
    with warmpdf.started() as second:
        assert second is not first
        made = second.render([page(8)])
    warmpdf.shutdown()
    assert made == [pdf.html_to_pdf(page(8))]


def test_a_worker_that_dies_costs_no_pdf(monkeypatch):
    renderer = warmpdf.WarmRenderer()
    try:
        assert renderer.render([page(1)]) is not None  # imported, workers up
        os.kill(workers_of(renderer)[0], signal.SIGKILL)
        monkeypatch.setattr(warmpdf, "_current", renderer)
        pages = [page(2), page(3), page(4)]
        assert pdf.html_to_pdfs(pages) == [pdf.html_to_pdf(p) for p in pages]  # rendered here instead
        assert renderer.broken
    finally:
        renderer.close()
    assert gone(renderer.process.pid)


def test_the_helper_and_its_workers_end_with_the_process_that_started_them(tmp_path):
    """``studykit watch`` keeps them between builds; when it exits, none is left."""
    script = textwrap.dedent(f"""
        import sys
        from studykit import warmpdf
        with warmpdf.started() as renderer:
            renderer.render([{PAGE!r}])
        pid = renderer.process.pid
        children = open(f"/proc/{{pid}}/task/{{pid}}/children").read().split()
        print(pid, *children)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    helper, *workers = [int(p) for p in done.stdout.split()]
    assert len(workers) == (os.cpu_count() or 1)
    assert gone(helper)


def test_a_build_plans_its_deck_while_its_pdfs_render(tmp_path):
    """The printed outputs are written first; the deck is planned while the helper renders."""
    project = small_project(tmp_path / "p", worksheet=True)
    built = studykit("build", "--verbose", cwd=project)
    assert built.returncode == 0, built.stderr
    steps = [line.split("] ", 1)[-1] for line in built.stderr.splitlines() if f"] {DECK}: " in line]
    assert steps.index(f"{DECK}: writing worksheets") < steps.index(f"{DECK}: comparing with the previous build")
    key = project / "dist" / f"{DECK}-answer-key-A.pdf"
    assert key.read_bytes() == pdf.html_to_pdf(key.with_suffix(".html").read_text(encoding="utf-8"))
    assert (project / "dist" / f"{DECK}.apkg").is_file()


def test_waiting_pages_go_to_a_free_worker_longest_first(monkeypatch):
    """One worker: while it renders a long page, a short and a long one wait; the long one goes first."""
    monkeypatch.setenv(pdf.WORKERS_ENV, "1")
    renderer = warmpdf.WarmRenderer()
    try:
        assert renderer.render([page(1)]) is not None  # imported: the one worker is free
        assert len(workers_of(renderer)) == 1
        busy = renderer.submit(page(2) * 400)  # keeps the worker busy while the next two arrive
        short = renderer.submit(page(3))
        long = renderer.submit(page(4) * 40)
        made = renderer.collect([busy, short, long])
        assert renderer.answered[-3:] == [busy, long, short]
    finally:
        renderer.close()
    assert made[1:] == [pdf.html_to_pdf(page(3)), pdf.html_to_pdf(page(4) * 40)]


def test_the_number_of_workers_can_be_set(monkeypatch):
    monkeypatch.setenv(pdf.WORKERS_ENV, "3")
    renderer = warmpdf.WarmRenderer()
    try:
        assert renderer.render([page(1), page(2)]) == [pdf.html_to_pdf(page(1)), pdf.html_to_pdf(page(2))]
        assert len(workers_of(renderer)) == 3
    finally:
        renderer.close()


FORKS = r"""
import json, os, sys
from studykit import pdf
forks = []
os.register_at_fork(before=lambda: forks.append(1))
page = lambda n: "<html><body><p>Grain was requested: %d tonnes.</p></body></html>" % n
if sys.argv[1] == "after-a-layout":
    pdf.html_to_pdf(page(0))
made = pdf.html_to_pdfs([page(1), page(2), page(3)], workers=2)
print(json.dumps({"forks": len(forks), "same": made == [pdf.html_to_pdf(page(n)) for n in (1, 2, 3)]}))
"""


@pytest.mark.parametrize(("when", "forked"), [("fresh", True), ("after-a-layout", False)])
def test_without_a_helper_pages_are_rendered_in_forked_processes_only_before_any_layout(when, forked):
    """Fork safety of the in-process fallback: once Pango and Fontconfig ran here, nothing is forked."""
    done = subprocess.run([sys.executable, "-c", FORKS, when], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["same"] and (result["forks"] > 0) == forked


def test_the_practice_page_is_written_while_the_flashcards_render(tmp_path):
    project = small_project(tmp_path / "p")
    recipe = project / "decks" / f"{DECK}.yaml"
    text = re.sub(r"(?m)^outputs: .*\n", "", recipe.read_text(encoding="utf-8"))
    recipe.write_text(text + "outputs: [anki, practice, cards]\n", encoding="utf-8")
    built = studykit("build", "--verbose", cwd=project)
    assert built.returncode == 0, built.stderr
    steps = [line.split("] ", 1)[-1] for line in built.stderr.splitlines() if f"] {DECK}: " in line]
    assert steps.index(f"{DECK}: writing printable flashcards") < steps.index(f"{DECK}: writing the practice page")
    report = [line.strip() for line in built.stdout.splitlines()]
    practice_line = next(i for i, line in enumerate(report) if line.startswith("practice"))
    cards_line = next(i for i, line in enumerate(report) if line.startswith("flashcards:"))
    assert practice_line < cards_line  # reported in the usual order
    page = (project / "dist" / f"{DECK}-practice.html").read_text(encoding="utf-8")
    assert "Northwick Harbour" in page
    cards = pypdf.PdfReader(project / "dist" / f"{DECK}-cards.pdf")
    assert len(cards.pages) >= 2
