"""Time studykit against its anchors, side by side in the same run (not a test).

Usage:  python benchmarks/run.py [--quick] [--sizes 1000,10000] [--repeat N] [--src DIR] [--versus DIR]

Every figure is one whole process timed from outside: CPU = user + sys of the
child (os.wait4), wall clock, and the child's peak RSS.  Commands that are
compared run interleaved (A B A B ...) after one warm-up round, and the
table gives median and min over the repetitions; ratios use CPU medians,
which a busy machine disturbs much less than wall time.  Children run with
their bytecode cached, as an installed studykit does (PYTHONDONTWRITEBYTECODE
is dropped from their environment).

Groups:
  scale    generated projects (benchmarks/generate.py) of each --sizes N:
           a bare genanki + libyaml script writing the same number of notes
           (benchmarks/anchor_genanki.py) against studykit's deck-only build,
           first and unchanged.
  shipped  the shipped project: --help, check, the issue's full build (deck,
           worksheets A and B with their keys, HTML and PDF: ``build --only
           anki --only worksheet``), the whole recipe's first build (also the
           practice page and the flashcards PDF, reported beside it), deck-only
           build, unchanged rebuild and one-fact-edited rebuilds, each also as a
           ratio (CPU and wall) to a bare ``python -c pass`` run in the same
           rounds, with the core count.  The edit rewords one question that no
           printed worksheet or key shows; it is judged on the issue's scope
           (``--only anki --only worksheet``, so no worksheet question changed)
           and, beside it, rebuilt with the whole recipe, whose flashcards PDF
           prints every card.
  pdf      WeasyPrint alone against studykit's print step (pdfcache.write_pdfs
           into an empty output folder: parallel rendering, parts joined,
           cache records) on the same HTML documents: those a full build of
           the shipped project hands to write_pdfs, card parts included.

Then the targets of issue 10, each met or not.  Speed goals live here, never
in the test suite.  ``--src DIR`` runs the studykit found in DIR (a checkout's
src/) on that checkout's shipped project and templates, e.g. to measure an
older commit with this runner.  ``--versus DIR`` runs the shipped group of
another src/ folder too, interleaved with this one in the same rounds, on the
project beside it when that folder is a checkout's src/ (an older studykit
cannot read newer templates), and prints before -> after (e.g. ``--versus
/tmp/old-checkout/src``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent  # the checkout whose shipped project and templates are used (see --src)
PY = sys.executable


@dataclass
class Run:
    cpu: float
    wall: float
    peak_mib: float


@dataclass
class Command:
    name: str
    argv: list[str]
    cwd: Path
    before: Callable[[], None] | None = None   # untimed setup before every run
    versus: "Command | None" = None             # the ratio column compares with this one
    env: dict | None = None                     # instead of the run's environment (--versus)
    runs: list[Run] = field(default_factory=list)

    def stat(self, key: str, how=statistics.median) -> float:
        return how(getattr(r, key) for r in self.runs)

    @property
    def peak(self) -> float:
        return max(r.peak_mib for r in self.runs)


def timed(argv: list[str], cwd: Path, env: dict) -> Run:
    """Run one process to completion; its own CPU time and peak memory via wait4."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode != 0:
        sys.exit(f"benchmark command failed ({proc.returncode}): {' '.join(argv)}\n{err.decode()[-2000:]}")
    # ru_maxrss is in KiB on Linux
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def interleave(commands: list[Command], repeat: int, env: dict, warmup: int = 1) -> None:
    for round_ in range(warmup + repeat):
        for command in commands:
            if command.before:
                command.before()
            run = timed(command.argv, command.cwd, command.env or env)
            if round_ >= warmup:
                command.runs.append(run)


def table(title: str, commands: list[Command], baseline: Command | None = None,
          bare: Command | None = None) -> None:
    """Medians and minima; ratios of CPU medians (and, with ``bare``, of both to that bare run)."""
    print(f"\n## {title}\n")
    extra = " CPU / bare | wall / bare |" if bare else ""
    print(f"| command | CPU s median (min) | wall s median (min) | peak MiB | ratio (CPU median) |{extra}")
    print("|---|---|---|---|---|" + ("---|---|" if bare else ""))
    for c in commands:
        ratio = ""
        other = c.versus or (baseline if c is not baseline else None)
        if other is not None:
            ratio = f"{c.stat('cpu') / other.stat('cpu'):.2f}x {other.name}"
        line = (f"| {c.name} | {c.stat('cpu'):.3f} ({c.stat('cpu', min):.3f}) | "
                f"{c.stat('wall'):.3f} ({c.stat('wall', min):.3f}) | {c.peak:.0f} | {ratio} |")
        if bare:
            line += f" {c.stat('cpu') / bare.stat('cpu'):.1f}x | {c.stat('wall') / bare.stat('wall'):.1f}x |"
        print(line)


def studykit(*args: str) -> list[str]:
    return [PY, "-m", "studykit", *args]


def clear(path: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(path, ignore_errors=True)


# --- scale: generated projects ------------------------------------------------

def scale_group(scratch: Path, size: int, repeat: int, env: dict) -> dict:
    project = scratch / f"gen-{size}"
    subprocess.run([PY, str(HERE / "generate.py"), "--facts", str(size), str(project), "--repo", str(REPO)],
                   check=True, stdout=subprocess.DEVNULL)
    dist = project / "dist"
    first = subprocess.run(studykit("build", "-p", str(project), "--json"), env=env, check=True,
                           capture_output=True, text=True)
    notes = json.loads(first.stdout)["decks"][0]["notes"]
    anchor = Command(f"bare genanki + libyaml, {notes} notes",
                     [PY, str(HERE / "anchor_genanki.py"), str(project), str(scratch / "anchor.apkg"),
                      "--notes", str(notes)], project)
    build = Command("studykit build, deck only, first", studykit("build", "-q"), project, before=clear(dist))
    # The same first build with an empty user cache (parsed YAML, compiled snippets), as on a new
    # machine or after an upgrade: the bare script keeps nothing between runs either.
    cold_cache = scratch / f"cold-cache-{size}"
    cold = Command("studykit build, deck only, first, empty user cache", studykit("build", "-q"), project,
                   before=lambda: (clear(dist)(), clear(cold_cache)()), env=dict(env, STUDYKIT_CACHE=str(cold_cache)))
    again = Command("studykit build, nothing changed", studykit("build", "-q"), project)
    interleave([anchor, build, cold, again], repeat, env)
    table(f"{size:,} facts ({notes:,} notes)", [anchor, build, cold, again], anchor)
    return {"size": size, "notes": notes, "anchor": anchor, "build": build, "cold": cold, "again": again}


# --- shipped project ------------------------------------------------------------

def project_root(env: dict | None) -> Path:
    """Where the shipped project for ``env``'s studykit lives: beside its ``src`` when that is a
    checkout (``--versus /old/checkout/src`` builds the old project with the old code: an older
    studykit does not know a newer template's helpers), else this repository."""
    first = Path((env or {}).get("PYTHONPATH", "").split(os.pathsep)[0] or REPO / "src")
    return first.parent if (first.parent / "seeds").is_dir() else REPO


def copy_shipped(target: Path, worksheet: bool = True, root: Path = REPO) -> Path:
    for part in ("seeds", "question_templates", "decks"):
        shutil.copytree(root / part, target / part)
    if not worksheet:
        for recipe in (target / "decks").glob("*.yaml"):
            lines = recipe.read_text(encoding="utf-8").split("\nworksheet:")[0].splitlines()
            recipe.write_text("".join(f"{line}\n" for line in lines if not line.startswith("outputs:")),
                              encoding="utf-8")
    return target


# The issue's full build: the deck and worksheets A and B with their keys (HTML and PDF), no practice
# page and no flashcards.  Its one-fact edit is judged on the same scope: the flashcards PDF prints every
# card, so in the whole recipe no fact is off every printed sheet ("no worksheet question changed").
ISSUE_SCOPE = ("--only", "anki", "--only", "worksheet")

EDITED_QUESTION = re.compile(r"^(\s+question: )([^\"'>|].*?)( \(edited\))?$", re.MULTILINE)


def fact_editor(project: Path) -> Callable[[], None]:
    """Toggle the wording of one question in a topic no worksheet section prints."""
    path = edited_file(project)

    def edit() -> None:
        toggle_question(path)
    return edit


def edited_file(project: Path) -> Path:
    """A facts file whose first plain question is on no worksheet or answer key of the last build."""
    import html

    sheets = "".join(path.read_text(encoding="utf-8") for pattern in ("*-worksheet-*.html", "*-answer-key-*.html")
                     for path in (project / "dist").glob(pattern))
    if not sheets:
        raise SystemExit(f"{project}: build it first (the edit must miss every printed sheet)")
    for path in sorted(project.glob("seeds/*/facts/*.yaml")):
        found = EDITED_QUESTION.search(path.read_text(encoding="utf-8"))
        if found and found.group(2) not in sheets and html.escape(found.group(2)) not in sheets:
            return path
    raise SystemExit("every facts file's first question is on a worksheet: no fact to edit off them")


def toggle_question(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    match = EDITED_QUESTION.search(text)
    new = match.group(1) + match.group(2) + ("" if match.group(3) else " (edited)")
    path.write_text(text[:match.start()] + new + text[match.end():], encoding="utf-8")


# ``studykit watch`` rebuilds in one process, which keeps its PDF helper (WeasyPrint imported, workers
# warm) between builds: the same one-fact edit, rebuilt by build_project in one long-lived process.
WATCH_EDITS = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from run import toggle_question
from studykit.build import build_project
project, rounds = Path(sys.argv[1]), int(sys.argv[2])
build_project(project)  # the first build watch makes
walls = []
for _ in range(rounds):
    toggle_question(Path(sys.argv[4]))
    start = time.perf_counter()
    build_project(project)
    walls.append(time.perf_counter() - start)
print(json.dumps(walls))
"""


def watch_edits(scratch: Path, repeat: int, env: dict, label: str) -> list[float]:
    """Wall times of one-fact-edited rebuilds inside one process, as ``studykit watch`` makes them."""
    project = copy_shipped(scratch / f"watch-{label}", root=project_root(env))
    subprocess.run(studykit("build", "-q"), cwd=project, env=env, check=True)
    done = subprocess.run([PY, "-c", WATCH_EDITS, str(project), str(repeat + 1), str(HERE),
                           str(edited_file(project))], env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)[1:]  # the first edit is the warm-up


def shipped_commands(scratch: Path, env: dict) -> dict:
    scratch.mkdir(parents=True, exist_ok=True)
    root = project_root(env)
    full = copy_shipped(scratch / "shipped", root=root)
    deck = copy_shipped(scratch / "shipped-deck", worksheet=False, root=root)
    sheets = copy_shipped(scratch / "shipped-sheets", root=root)
    edited = copy_shipped(scratch / "shipped-edit", root=root)
    subprocess.run(studykit("build", "-q"), cwd=edited, env=env, check=True)
    edited_sheets = copy_shipped(scratch / "shipped-sheets-edit", root=root)
    subprocess.run(studykit("build", "-q", *ISSUE_SCOPE), cwd=edited_sheets, env=env, check=True)
    bare = Command("python -c pass (bare baseline)", [PY, "-c", "pass"], full)
    commands = {
        "pass": bare,
        "help": Command("studykit --help", studykit("--help"), full),
        "check": Command("studykit check", studykit("check", "-q"), full),
        "issue": Command("build deck + worksheets A/B + keys, first (the issue's full build)",
                         studykit("build", "-q", *ISSUE_SCOPE), sheets, before=clear(sheets / "dist")),
        "full": Command("build whole recipe, first (+ practice page, 130-page flashcards)",
                        studykit("build", "-q"), full, before=clear(full / "dist")),
        "deck": Command("build deck only, first", studykit("build", "-q"), deck, before=clear(deck / "dist")),
        "again": Command("build full, nothing changed", studykit("build", "-q"), full),
        "edit": Command("build deck + worksheets A/B + keys, one fact edited (the issue's edit)",
                        studykit("build", "-q", *ISSUE_SCOPE), edited_sheets, before=fact_editor(edited_sheets)),
        "edit-full": Command("build whole recipe, one fact edited (+ one flashcards part re-rendered)",
                             studykit("build", "-q"), edited, before=fact_editor(edited)),
    }
    for key, versus in (("help", "pass"), ("check", "help"), ("issue", "deck"), ("full", "deck"), ("again", "deck"),
                        ("edit", "deck"), ("edit-full", "deck"), ("deck", "check")):
        commands[key].versus = commands[versus]
    for command in commands.values():
        command.env = env
    return commands


def shipped_group(scratch: Path, repeat: int, env: dict, versus: dict | None = None) -> dict:
    """The shipped project's commands; with ``versus`` (another studykit's environment) both, interleaved."""
    commands = shipped_commands(scratch, env)
    before = shipped_commands(scratch / "versus", versus) if versus else {}
    interleave(list(commands.values()) + list(before.values()), repeat, env)
    if before:
        table(f"shipped project, before: {versus['PYTHONPATH'].split(os.pathsep)[0]} ({os.cpu_count()} cores)",
              list(before.values()), bare=before["pass"])
    table(f"shipped project ({os.cpu_count()} cores)", list(commands.values()), bare=commands["pass"])
    watched = {"after": watch_edits(scratch, repeat, env, "after")}
    if before:
        watched["before"] = watch_edits(scratch / "versus", repeat, versus, "before")
    print("\n## under `studykit watch`: one fact edited, whole recipe, the rebuild alone (watch first waits "
          "0.4 s without a change)\n")
    for name, walls in watched.items():
        print(f"- {name}: wall s min {min(walls):.3f}, median {statistics.median(walls):.3f} "
              f"({len(walls)} edits in one process)")
    commands["watch"] = watched
    if before:
        print("\n## before -> after, same rounds\n")
        print("| command | wall s min before -> after | CPU s median before -> after | CPU after/before |")
        print("|---|---|---|---|")
        for key, after in commands.items():
            if key == "watch":
                continue
            old = before[key]
            print(f"| {after.name} | {old.stat('wall', min):.3f} -> {after.stat('wall', min):.3f} | "
                  f"{old.stat('cpu'):.3f} -> {after.stat('cpu'):.3f} | {after.stat('cpu') / old.stat('cpu'):.2f}x |")
    return commands


# What studykit sends to WeasyPrint in a build: every (PDF name, HTML or list of parts) pair
# given to pdfcache.write_pdfs, recorded by running the real build once with the function wrapped.
RECORD_PAGES = """
import json, sys
from studykit import cli, pdfcache
seen = []
real = pdfcache.write_pdfs
def record(pages, stage):
    seen.extend(pages)
    return real(pages, stage)
pdfcache.write_pdfs = record
import studykit.worksheets.write as w
w.write_pdfs = record
status = cli.main(["build", "-q", "--out", sys.argv[2]])
if status:
    sys.exit(status)
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(seen, out)
"""

# WeasyPrint alone: every document (each part of a parted PDF too) rendered in turn, nothing else.
WEASYPRINT_ALONE = """
import json, sys, weasyprint
for name, html in json.load(open(sys.argv[1], encoding="utf-8")):
    for page in ([html] if isinstance(html, str) else html):
        weasyprint.HTML(string=page).write_pdf()
"""

# studykit's print step on the same documents: pdfcache.write_pdfs into an empty output folder
# (parallel rendering, joining the parts, cache records), as a first build makes them.
STUDYKIT_PRINT = """
import json, sys
from studykit.atomic import Staging
from studykit.pdfcache import write_pdfs
pages = [(name, html) for name, html in json.load(open(sys.argv[1], encoding="utf-8"))]
with Staging(sys.argv[2]) as stage:
    write_pdfs(pages, stage)
"""


def pdf_group(scratch: Path, shipped: dict | None, repeat: int, env: dict) -> tuple[Command, Command] | None:
    """WeasyPrint alone against studykit's PDF step, on the very HTML documents a full build prints."""
    project = scratch / "shipped-pdf"
    copy_shipped(project)
    recorded = scratch / "pdf-pages.json"
    subprocess.run([PY, "-c", RECORD_PAGES, str(recorded), str(scratch / "pdf-record-out")], cwd=project,
                   env=env, check=True, stdout=subprocess.DEVNULL)
    pages = json.loads(recorded.read_text(encoding="utf-8"))
    if not pages:
        print("\n(the shipped build prints no PDF: PDF comparison skipped)")
        return None
    documents = sum(1 if isinstance(html, str) else len(html) for _, html in pages)
    alone = Command(f"WeasyPrint alone, {documents} HTML documents", [PY, "-c", WEASYPRINT_ALONE, str(recorded)],
                    scratch)
    out = scratch / "pdf-step-out"
    step = Command(f"studykit print step ({len(pages)} PDFs, parts joined)",
                   [PY, "-c", STUDYKIT_PRINT, str(recorded), str(out)], scratch, before=clear(out), versus=alone)
    interleave([alone, step], repeat, env)
    table("PDF step, shipped project: the same HTML documents", [alone, step])
    return alone, step


# --- targets ---------------------------------------------------------------------

def targets(scales: list[dict], shipped: dict | None, pdf) -> None:
    rows = []

    def row(what: str, value: str, ok: bool | None) -> None:
        rows.append((what, value, "n/a" if ok is None else ("met" if ok else "NOT met")))

    by_size = {s["size"]: s for s in scales}
    for s in scales:
        ratio = s["build"].stat("cpu") / s["anchor"].stat("cpu")
        mem = s["build"].peak / s["anchor"].peak
        big = s["size"] >= 10_000
        row(f"{s['size']:,} facts deck-only build <= 1.5x bare genanki (CPU)", f"{ratio:.2f}x",
            ratio <= 1.5 if big else None)
        row(f"{s['size']:,} facts peak memory <= 3x bare genanki", f"{mem:.2f}x", mem <= 3 if big else None)
        cold = s["cold"].stat("cpu") / s["anchor"].stat("cpu")
        row(f"beside it, not a target: {s['size']:,} facts deck-only build with an empty user cache (CPU)",
            f"{cold:.2f}x", None)
    sizes = sorted(by_size)
    for a, b in zip(sizes, sizes[1:]):
        ta, tb = by_size[a]["build"].stat("cpu"), by_size[b]["build"].stat("cpu")
        exponent = math.log(tb / ta) / math.log(b / a)
        row(f"growth {a:,} -> {b:,} facts (exponent of CPU, 1 = linear)", f"{exponent:.2f}",
            exponent <= 1.15 if a >= 10_000 else None)
    if 50_000 not in by_size:
        row("50,000 facts complete, linear from 10,000", "not run (--sizes 10000,50000)", None)
    if shipped:
        wall = lambda key: shipped[key].stat("wall")  # noqa: E731
        cpu = lambda key: shipped[key].stat("cpu")  # noqa: E731
        bare = cpu("pass")
        for key, limit, what in (("issue", 2.0, "shipped full build (deck, worksheets A/B with keys, PDFs) <= 2 s"),
                                 ("again", 0.3, "shipped unchanged rebuild <= 0.3 s"),
                                 ("edit", 1.0, "shipped one-fact-edited rebuild, same scope, no worksheet "
                                  "question changed <= 1 s"),
                                 ("help", 0.25, "studykit --help <= 0.25 s"),
                                 ("check", 0.4, "check on the shipped project <= 0.4 s")):
            best = shipped[key].stat("wall", min)
            row(what + " (wall min, judged; wall median; CPU median, x bare python)",
                f"{best:.3f} s; {wall(key):.3f} s; {cpu(key):.3f} s, {cpu(key) / bare:.1f}x"
                f" (CPU median {'within' if cpu(key) <= limit else 'over'} the limit)", best <= limit)
        row("beside it, not a target: the whole recipe, one fact edited (the flashcards PDF shows every card, "
            "so one part of it re-renders) (wall min; CPU median)",
            f"{shipped['edit-full'].stat('wall', min):.3f} s; {cpu('edit-full'):.3f} s", None)
        walls = shipped["watch"]["after"]
        row("beside it, not a target: one fact edited under `studykit watch` (whole recipe), the rebuild alone "
            "(wall min; median)", f"{min(walls):.3f} s; {statistics.median(walls):.3f} s", None)
        row("beside it, not a target: the whole shipped recipe, first build (+ practice page and "
            "the 130-page flashcards PDF) (wall min; CPU median)",
            f"{shipped['full'].stat('wall', min):.3f} s; {cpu('full'):.3f} s", None)
    if pdf:
        alone, step = pdf
        row("studykit print step / WeasyPrint alone, same HTML documents (CPU median; wall median)",
            f"{step.stat('cpu') / alone.stat('cpu'):.2f}x; {step.stat('wall') / alone.stat('wall'):.2f}x", None)
    print(f"\n## Targets of issue 10\n\n{os.cpu_count()} cores; load average at the end: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} (wall times grow with it, CPU times much less)\n")
    print("| target | measured | |")
    print("|---|---|---|")
    for what, value, verdict in rows:
        print(f"| {what} | {value} | {verdict} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, 3 repetitions (a minute or two)")
    parser.add_argument("--sizes", default=None, help="fact counts to generate, e.g. 1000,10000,50000")
    parser.add_argument("--repeat", type=int, default=None, help="counted runs per command")
    parser.add_argument("--only", choices=("scale", "shipped", "pdf"), action="append",
                        help="run only these groups (repeatable)")
    parser.add_argument("--src", type=Path, default=None, help="run the studykit in this src/ folder")
    parser.add_argument("--versus", type=Path, default=None,
                        help="shipped group: also run the studykit in this src/ folder, interleaved, "
                        "and print before -> after")
    args = parser.parse_args()
    sizes = [int(s) for s in (args.sizes or ("250,500" if args.quick else "1000,10000")).split(",") if s]
    repeat = args.repeat or (3 if args.quick else 5)
    groups = set(args.only or ("scale", "shipped", "pdf"))
    env = dict(os.environ)
    # Measure what an installed studykit costs: its bytecode cached (pip compiles it), not
    # compiled from source on every run as PYTHONDONTWRITEBYTECODE would make it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if args.src:
        global REPO
        REPO = args.src.resolve().parent
        env["PYTHONPATH"] = str(args.src.resolve()) + os.pathsep + env.get("PYTHONPATH", "")
    version = subprocess.run([PY, "-c", "import studykit; print(studykit.__file__)"], env=env,
                             capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", str(Path(version).parent), "log", "-1", "--format=%h %s"],
                            capture_output=True, text=True).stdout.strip()
    print(f"# studykit benchmarks\n\ncores: {os.cpu_count()}; load average: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; Python {sys.version.split()[0]}; "
          f"studykit from {version} ({commit}); {repeat} counted runs after 1 warm-up, interleaved")
    with tempfile.TemporaryDirectory(prefix="studykit-bench-") as tmp:
        scratch = Path(tmp)
        scales = [scale_group(scratch, n, repeat, env) for n in sizes] if "scale" in groups else []
        versus = None
        if args.versus:
            versus = dict(env, PYTHONPATH=str(args.versus.resolve()) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        shipped = shipped_group(scratch, repeat, env, versus) if "shipped" in groups else None
        pdf = pdf_group(scratch, shipped, repeat, env) if "pdf" in groups else None
        targets(scales, shipped, pdf)


if __name__ == "__main__":
    main()
