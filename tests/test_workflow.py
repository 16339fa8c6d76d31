"""The teacher's weekly loop: preview, list, diff, watch, rename safety, quiet/JSON output, progress."""

from __future__ import annotations

import io
import json
import re
import threading
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from studykit.check import check_project
from studykit.cli import app
from studykit.progress import DelayedProgress
from studykit.watch import watch_project

# Builds here are about the deck and the commands, not the worksheet PDFs (seconds per build).
pytestmark = pytest.mark.outputs("anki")

DECK = "soviet-korean-relations-1967"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def edit_fact(facts_dir: Path, fact_id: str, change) -> Path:
    """Apply ``change(fact_dict)`` to one fact in its file (YAML round trip); return the file."""
    for path in sorted(facts_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for fact in data["facts"]:
            if fact["id"] == fact_id:
                change(fact)
                path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
                return path
    raise AssertionError(f"no fact {fact_id}")


def a_fact(project: Path, kind: str):
    return next(f for f in check_project(project).project.facts.values() if f.kind == kind)


# --- preview ------------------------------------------------------------------------------

def test_preview_shows_every_question_of_the_fact(repo):
    result = check_project(repo)
    fact = next(f for f in result.project.facts.values() if f.kind == "figure")
    made = [q for q in result.decks[DECK].questions if fact in q.facts]
    shown = run("preview", fact.id, "-p", str(repo))
    assert shown.exit_code == 0, shown.output
    for question in made:
        assert question.id in shown.output
        assert question.prompt in shown.output
    assert fact.statement in shown.output
    assert f"{len(made)} question(s) from {fact.id}" in shown.output


def test_preview_json_lists_the_same_questions(repo):
    result = check_project(repo)
    fact = next(f for f in result.project.facts.values() if f.kind == "person")
    made = {q.id for q in result.decks[DECK].questions if fact in q.facts}
    data = json.loads(run("preview", fact.id, "-p", str(repo), "--json").output)
    # preview also tries templates the deck does not use, marked so
    assert {q["id"] for q in data["questions"] if q["in_deck"]} == made


def test_preview_of_an_unknown_id_suggests_the_closest(repo):
    fact = next(iter(check_project(repo).project.facts))
    shown = run("preview", fact[:-2], "-p", str(repo))
    assert shown.exit_code == 2
    assert f"did you mean '{fact}'" in shown.output


def test_preview_accepts_a_former_id(project):
    fact = a_fact(project, "person")
    edit_fact(project / "seeds" / DECK / "facts", fact.id,
              lambda f: f.update(id="renamed-person", was=[fact.id]))
    shown = run("preview", fact.id, "-p", str(project))
    assert shown.exit_code == 0, shown.output
    assert f"'{fact.id}' is a former id of 'renamed-person'" in shown.output
    assert "recall/renamed-person" in shown.output


# --- list ----------------------------------------------------------------------------------

@pytest.mark.parametrize("option, attribute", [("--topic", "topic"), ("--kind", "kind"), ("--tag", "tags")])
def test_list_facts_filters(repo, option, attribute):
    facts = list(check_project(repo).project.facts.values())
    def values(fact) -> list[str]:
        found = getattr(fact, attribute)
        return found if isinstance(found, list) else [found]

    value = values(facts[-1])[0]
    data = json.loads(run("list", "facts", option, value, "-p", str(repo), "--json").output)
    expected = {f.id for f in facts if value in values(f)}
    assert {row["id"] for row in data["facts"]} == expected
    text = run("list", "facts", option, value, "-p", str(repo)).output.splitlines()
    assert len(text) == len(expected) + 1 and text[0].split() == ["ID", "KIND", "TOPIC", "STATEMENT"]


def test_list_facts_with_an_unknown_topic_is_a_usage_error(repo):
    topic = next(iter(check_project(repo).project.facts.values())).topic
    shown = run("list", "facts", "--topic", topic + "s", "-p", str(repo))
    assert shown.exit_code == 2 and f"did you mean '{topic}'" in shown.output


def test_list_templates_and_decks_count_the_rendered_questions(repo):
    result = check_project(repo)
    questions = result.decks[DECK].questions
    templates = json.loads(run("list", "templates", "-p", str(repo), "--json").output)["templates"]
    assert {t["id"]: t["questions"] for t in templates} == {
        t: sum(1 for q in questions if q.template_id == t) for t in result.project.templates}
    decks = json.loads(run("list", "decks", "-p", str(repo), "--json").output)["decks"]
    assert [(d["id"], d["questions"]) for d in decks] == [(DECK, len(questions))]
    # The fact count is the facts the deck asks about, fewer than its questions (a fact makes several).
    asked = {f.id for q in questions for f in q.facts}
    assert [(d["id"], d["facts"]) for d in decks] == [(DECK, len(asked))] and len(asked) < len(questions)


# --- diff ----------------------------------------------------------------------------------

def test_diff_reports_the_next_build_and_writes_nothing(project):
    first = run("diff", "-p", str(project), "--json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["decks"][0]["first_build"] is True
    assert not (project / "dist").exists()

    assert run("build", "-p", str(project), "-q").exit_code == 0
    before = {p.name: p.read_bytes() for p in (project / "dist").iterdir() if p.is_file()}
    fact = a_fact(project, "event")
    edit_fact(project / "seeds" / DECK / "facts", fact.id, lambda f: f.update(answer="A new answer"))
    shown = run("diff", "-p", str(project))
    assert shown.exit_code == 0, shown.output
    changed = [line.split()[1] for line in shown.output.splitlines() if line.startswith("  ~ ")]
    assert changed and all(qid.endswith(f"/{fact.id}") for qid in changed)
    assert {p.name: p.read_bytes() for p in (project / "dist").iterdir() if p.is_file()} == before


def test_diff_of_an_invalid_project_exits_1_with_positions(project):
    fact = a_fact(project, "event")
    edit_fact(project / "seeds" / DECK / "facts", fact.id, lambda f: f.update(kind="evnt"))
    shown = run("diff", "-p", str(project))
    assert shown.exit_code == 1
    assert f"fact '{fact.id}'" in shown.output and ".yaml:" in shown.output


# --- watch ---------------------------------------------------------------------------------

class Watcher:
    """Runs the real watch loop in a thread and hands each rebuild to the test."""

    def __init__(self, project: Path):
        self.stop = threading.Event()
        self.rebuilds: list = []
        self.arrived = threading.Condition()
        self.thread = threading.Thread(target=watch_project, args=(project,), daemon=True,
                                       kwargs={"on_rebuild": self._record, "stop_event": self.stop,
                                               "debounce_ms": 100})

    def _record(self, rebuild) -> None:
        with self.arrived:
            self.rebuilds.append(rebuild)
            self.arrived.notify_all()

    def wait_for(self, count: int, bound: float = 60):
        with self.arrived:
            assert self.arrived.wait_for(lambda: len(self.rebuilds) >= count, timeout=bound), \
                f"no rebuild #{count} arrived"
        return self.rebuilds[count - 1]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=60)
        assert not self.thread.is_alive()


def test_watch_rebuilds_on_change_and_keeps_the_last_good_outputs(project):
    facts_dir = project / "seeds" / DECK / "facts"
    fact = a_fact(project, "event")
    apkg = project / "dist" / f"{DECK}.apkg"
    with Watcher(project) as watcher:
        first = watcher.wait_for(1)
        assert first.ok and apkg.exists() and first.changed == []

        path = edit_fact(facts_dir, fact.id, lambda f: f.update(answer="Edited while watching"))
        second = watcher.wait_for(2)
        assert second.ok, second.lines()
        assert any(p.endswith(path.name) for p in second.changed)
        deck = second.report.decks[0]
        assert deck.changed and all(q.endswith(f"/{fact.id}") for q in deck.changed)
        good = apkg.read_bytes()

        edit_fact(facts_dir, fact.id, lambda f: f.update(kind="evnt"))
        third = watcher.wait_for(3)
        assert not third.ok and any(fact.id in str(p) for p in third.problems)
        assert any("last good outputs are kept" in line for line in third.lines())
        assert apkg.read_bytes() == good


def test_watch_stops_after_max_rebuilds(project):
    rebuilds = watch_project(project, max_rebuilds=1, debounce_ms=100)
    assert len(rebuilds) == 1 and rebuilds[0].ok


# --- rename safety -------------------------------------------------------------------------

def test_a_renamed_fact_keeps_its_question_guid_keys(project):
    before = check_project(project)
    fact = a_fact(project, "figure")
    old = {q.template_id: q.guid_key for q in before.decks[DECK].questions if q.facts == [fact]}
    edit_fact(project / "seeds" / DECK / "facts", fact.id,
              lambda f: f.update(id="renamed-figure", was=[fact.id]))
    after = check_project(project)
    assert after.ok, after.problems
    new = {q.template_id: q.guid_key for q in after.decks[DECK].questions
           if [f.id for f in q.facts] == ["renamed-figure"]}
    assert old and new == old


def test_check_rejects_two_facts_claiming_the_same_former_id(project):
    facts = list(check_project(project).project.facts.values())
    facts_dir = project / "seeds" / DECK / "facts"
    for fact in (facts[0], facts[-1]):
        edit_fact(facts_dir, fact.id, lambda f: f.update(was=["shared-old-id"]))
    shown = run("check", str(project))
    assert shown.exit_code == 1
    [line] = [line for line in shown.output.splitlines() if "shared-old-id" in line]
    path, row, col, message = line.split(":", 3)
    assert path.endswith(".yaml") and int(row) > 0 and int(col) > 0
    assert "belongs to one fact only" in message


def test_check_rejects_a_former_id_that_another_fact_still_uses(project):
    facts = list(check_project(project).project.facts.values())
    edit_fact(project / "seeds" / DECK / "facts", facts[0].id, lambda f: f.update(was=[facts[-1].id]))
    shown = run("check", str(project))
    assert shown.exit_code == 1
    assert f"fact id '{facts[-1].id}' is a former id of fact '{facts[0].id}'" in shown.output


# --- quiet and JSON output -------------------------------------------------------------------

@pytest.mark.parametrize("command", [["check"], ["build"], ["diff"], ["list", "facts"],
                                     ["list", "templates"], ["list", "decks"], ["export", "all"]])
def test_json_output_is_one_parseable_document(project, command):
    args = command + (["-p", str(project)] if command != ["check"] else [str(project)])
    shown = run(*args, "--json")
    assert shown.exit_code == 0, shown.output
    assert isinstance(json.loads(shown.stdout), dict)


@pytest.mark.parametrize("command", [["build"], ["export", "gift"]])
def test_quiet_prints_nothing_on_success(project, command):
    shown = run(*command, "-p", str(project), "--quiet")
    assert shown.exit_code == 0 and shown.output == ""


# --- progress ------------------------------------------------------------------------------

def test_progress_bar_stays_hidden_when_disabled():
    stream = io.StringIO()
    with DelayedProgress(enabled=False, delay=0, stream=stream) as progress:
        progress("checking the project")
    assert not progress.was_shown.is_set() and stream.getvalue() == ""


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def eventually_shows(stream: io.StringIO, text: str, seconds: float = 30) -> bool:
    """The bar redraws about ten times a second: wait for a frame holding ``text``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in stream.getvalue():
            return True
        time.sleep(0.05)
    return False


def test_progress_bar_appears_for_slow_work_and_shows_each_new_step_uncoloured():
    stream = FakeTerminal()  # what the bar draws on a terminal
    with DelayedProgress(enabled=True, delay=0, stream=stream) as progress:
        progress("checking the project")
        assert progress.was_shown.wait(timeout=30)
        assert eventually_shows(stream, "checking the project")
        progress("writing the Anki package")  # a step reported while the bar is up
        assert eventually_shows(stream, "writing the Anki package")
    drawn = stream.getvalue()
    assert not re.search(r"\x1b\[[0-9;]*m", drawn), "the README promises nothing is coloured"


def test_progress_is_off_on_a_pipe():
    assert DelayedProgress(stream=io.StringIO()).enabled is False
