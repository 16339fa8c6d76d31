"""The PDF helper process (studykit.warmpdf): WeasyPrint imported while the build works, same PDFs.

A build that may print starts the helper before loading the project; the
helper imports WeasyPrint on the other core and renders the PDFs the build
asks for.  These tests run the real program and the real WeasyPrint: the PDFs
a build gets from the helper are the bytes WeasyPrint makes in the test's own
process from the same HTML, a helper that dies or cannot load WeasyPrint never
costs a PDF or a clear message, and a build that prints nothing starts no helper.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pypdf
import pytest
from cli_helpers import DECK, small_project, studykit

from studykit import pdf, warmpdf
from studykit.printhint import may_print

PAGE = "<html><body><p>Grain was requested: 1,000,000 tonnes.</p></body></html>"


def test_a_cli_build_prints_through_the_helper_the_same_bytes_weasyprint_makes_here(tmp_path):
    project = small_project(tmp_path / "p", worksheet=True)
    built = studykit("build", "-q", cwd=project)
    assert built.returncode == 0, built.stderr
    pdfs = sorted((project / "dist").glob(f"{DECK}-*-A.pdf"))
    assert [p.name for p in pdfs] == [f"{DECK}-answer-key-A.pdf", f"{DECK}-worksheet-A.pdf"]
    for path in pdfs:
        html = path.with_suffix(".html").read_text(encoding="utf-8")
        assert path.read_bytes() == pdf.html_to_pdf(html)  # rendered in this process, no helper
        assert "Northwick Harbour, 1852" in pypdf.PdfReader(path).pages[0].extract_text()


def test_the_helper_renders_what_the_build_process_would(tmp_path):
    renderer = warmpdf.WarmRenderer()
    try:
        made = renderer.render([PAGE, PAGE.replace("1,000,000", "200,000")])
    finally:
        renderer.close()
    assert made == [pdf.html_to_pdf(PAGE), pdf.html_to_pdf(PAGE.replace("1,000,000", "200,000"))]
    assert "200,000 tonnes" in pypdf.PdfReader(_file(tmp_path, made[1])).pages[0].extract_text()
    assert renderer.process.poll() is not None  # closed: no process left behind


def test_a_dead_helper_means_rendering_in_the_build_process(monkeypatch):
    renderer = warmpdf.WarmRenderer()
    renderer.process.kill()
    renderer.process.wait()
    monkeypatch.setattr(warmpdf, "_current", renderer)
    assert pdf.html_to_pdfs([PAGE]) == [pdf.html_to_pdf(PAGE)]  # the build still gets its PDF
    assert renderer.broken
    renderer.close()


def test_a_helper_that_cannot_load_weasyprint_gives_the_usual_one_line(tmp_path):
    """A WeasyPrint whose system libraries are missing fails in the helper; the build says so, once."""
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('raise OSError("cannot load library \'libpango-1.0-0\'")\n')
    project = small_project(tmp_path / "p", worksheet=True)
    path = os.pathsep.join([str(fake.parent), os.environ.get("PYTHONPATH", "")])
    built = studykit("build", "-q", cwd=project, env={"PYTHONPATH": path})
    assert built.returncode == 0, built.stderr
    assert (project / "dist" / f"{DECK}-worksheet-A.html").is_file()
    assert not list((project / "dist").glob("*.pdf"))
    said = [line for line in built.stderr.splitlines() if "PDFs not written" in line]
    assert len(said) == 1 and "cannot load its system libraries" in said[0] and "libpango" in said[0]


def test_no_helper_without_weasyprint(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # what Python does when it is not installed
    with warmpdf.started() as renderer:
        assert renderer is None and warmpdf.current() is None


def test_no_helper_when_weasyprint_is_already_loaded_here():
    import weasyprint  # noqa: F401 - loaded in this process: rendering here costs no import

    with warmpdf.started() as renderer:
        assert renderer is None and warmpdf.current() is None


def test_one_helper_serves_every_build_of_a_process_and_stops_with_it(monkeypatch):
    """``studykit watch`` (or a test run) imports WeasyPrint once, in one helper, for all its builds."""
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)  # as in a fresh ``studykit build``
    with warmpdf.started() as first:
        assert first is not None and warmpdf.current() is first
        made = first.render([PAGE])
    assert warmpdf.current() is None and first.alive()  # between builds: no current helper, kept
    with warmpdf.started() as second:
        assert second is first and warmpdf.current() is first
    warmpdf.shutdown()
    assert first.process.poll() is not None
    assert made == [pdf.html_to_pdf(PAGE)]


def test_a_kept_helper_that_died_is_replaced(monkeypatch):
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    with warmpdf.started() as first:
        pass
    first.process.kill()
    first.process.wait()
    with warmpdf.started() as second:
        assert second is not first and second.alive()
        made = second.render([PAGE])
    warmpdf.shutdown()
    assert made == [pdf.html_to_pdf(PAGE)]


@pytest.mark.parametrize(("recipe", "only", "expected"), [
    ("title: T\n", None, set()),
    ("title: T\nworksheet: {}\n", None, {"worksheet"}),
    ("title: T\noutputs: [anki]\nworksheet: {}\n", None, set()),
    ("title: T\noutputs: [anki, cards, practice]\n", None, {"cards"}),
    ("title: T\nworksheet: {}\n", ["anki"], set()),
    ("title: T\n", ["cards", "practice"], {"cards"}),
    ("title: T\noutputs:\n  - anki\n  - worksheet\nworksheet: {}\n", None, {"worksheet"}),
    ("title: T\noutputs:\n  - anki\nworksheet: {}\ncards: {size: a7}\n", None, set()),
    ("a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n"
     "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n", None, set()),
])
def test_the_helper_starts_only_for_a_build_that_may_print(tmp_path, recipe, only, expected):
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "d.yaml").write_text(recipe, encoding="utf-8")
    assert may_print(tmp_path, only) == expected


def _file(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "made.pdf"
    path.write_bytes(data)
    return path


def test_a_build_interrupted_while_the_helper_renders_never_reuses_that_helper(monkeypatch):
    """Its late answer must not be read as the next build's PDFs: the next build gets a new helper."""
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)

    def interrupted():
        raise KeyboardInterrupt  # Ctrl-C while the build waits for its PDF

    with pytest.raises(KeyboardInterrupt):
        with warmpdf.started() as first:
            first.meanwhile(interrupted)
            first.render([PAGE])
    assert first.broken and first.process.poll() is not None  # stopped, not kept
    other = PAGE.replace("1,000,000", "75,000")
    with warmpdf.started() as second:
        assert second is not first
        made = second.render([other])
    warmpdf.shutdown()
    assert made == [pdf.html_to_pdf(other)]


# --- forked from the build's process; started before the inputs are fingerprinted ---------------

FORKED = """
import json, os, sys, threading
from studykit import warmpdf
if sys.argv[1] == "thread":  # a second thread: forking could leave a lock it holds held forever
    threading.Thread(target=threading.Event().wait, daemon=True).start()
renderer = warmpdf.WarmRenderer(fork=None if sys.argv[1] in ("auto", "thread") else sys.argv[1] == "fork")
pid = renderer.process.pid
made = renderer.render([sys.argv[2]])[0]  # answered: the helper runs what it will run
command = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\\0")
threads = int(open(f"/proc/{pid}/status").read().split("Threads:")[1].split()[0])
caches = [line for line in open(f"/proc/{pid}/maps") if "fontconfig" in line and ".cache-" in line]
workers = open(f"/proc/{pid}/task/{pid}/children").read().split()
renderer.close()
print(json.dumps({"forked": renderer.forked, "same_program": command == open("/proc/self/cmdline", "rb").read().split(b"\\0"),
                  "module": b"studykit.warmpdf" in command, "pdf": made.hex(), "threads": threads,
                  "caches": caches, "workers": len(workers), "gone": not os.path.exists(f"/proc/{pid}")}))
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
@pytest.mark.parametrize(("how", "forked"), [("auto", True), ("thread", False), ("exec", False), ("fork", True)])
def test_a_one_thread_process_forks_its_helper_and_gets_the_same_pdfs(how, forked):
    """Forked: no interpreter to start; with a second thread running, the helper is a new program."""
    import json
    import subprocess

    done = subprocess.run([sys.executable, "-c", FORKED, how, PAGE], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["forked"] is forked
    assert seen["same_program"] is forked and seen["module"] is not forked  # a fork runs this very program
    assert bytes.fromhex(seen["pdf"]) == pdf.html_to_pdf(PAGE)
    # fork safety, as for the started helper: it forks its workers with one thread, before any layout
    assert seen["threads"] == 1 and seen["caches"] == [] and seen["workers"] == (os.cpu_count() or 1)
    assert seen["gone"]  # closed: reaped, nothing left behind
    assert done.stderr == ""


@pytest.mark.parametrize(("cards", "early"), [
    (True, [True, False, True, True, False, False]),
    (False, [True, False, False, False, False, False]),
])
def test_a_build_that_will_likely_print_starts_the_helper_before_fingerprinting(monkeypatch, tmp_path, cards, early):
    """A first build, or an edit to a recipe that prints every card (its input files' names, sizes or
    times differ from the last build's): the helper imports WeasyPrint while the inputs are hashed.
    Worksheets print a selection most edits miss, and inputs as the last build recorded them are most
    likely unchanged: those wait for the cache's answer, so an unchanged rebuild never starts one, and
    a touched but unchanged file costs no PDF and is recorded with its new stamp."""
    from cli_helpers import FACTS

    from studykit import build, buildcache

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    project = small_project(tmp_path / "p", worksheet=True)
    if cards:
        recipe = project / "decks" / f"{DECK}.yaml"
        recipe.write_text(recipe.read_text(encoding="utf-8") + "outputs: [anki, worksheet, cards]\n",
                          encoding="utf-8")
    helper_when_hashing = []
    real = buildcache.fingerprint

    def fingerprint(root, options):
        helper_when_hashing.append(warmpdf.current() is not None)
        return real(root, options)

    monkeypatch.setattr(buildcache, "fingerprint", fingerprint)
    facts = project / FACTS
    reports = []
    try:
        reports.append(build.build_project(project))  # first build
        reports.append(build.build_project(project))  # nothing changed: the cache answers
        text = facts.read_text(encoding="utf-8")
        facts.write_text(text.replace("Who was the Mayor of Northwick?", "Who was Northwick's Mayor?"),
                         encoding="utf-8")
        reports.append(build.build_project(project))  # a fact edited
        os.utime(facts, ns=(facts.stat().st_atime_ns, facts.stat().st_mtime_ns + 10**9))
        reports.append(build.build_project(project))  # touched, not changed: the cache still answers
        reports.append(build.build_project(project))  # and the stamp it recorded lets the next one wait
        reports.append(build.build_project(project, out=tmp_path / "dry", dry_run=True))  # prints nothing
    finally:
        warmpdf.shutdown()
    assert helper_when_hashing == early
    assert [r.decks[0].package_changed for r in reports[:5]] == [True, False, True, False, False]
    key = project / "dist" / f"{DECK}-answer-key-A.pdf"
    assert key.read_bytes() == pdf.html_to_pdf(key.with_suffix(".html").read_text(encoding="utf-8"))
    if cards:
        assert (project / "dist" / f"{DECK}-cards.pdf").is_file()
