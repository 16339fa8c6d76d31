"""A build renders only the questions its outputs show (issue 10): a deck-only build skips the
templates whose questions go only to worksheets and exports, and writes the same package as
a build that rendered them; ``studykit check`` still renders every template."""

from __future__ import annotations

from pathlib import Path

import pytest

from studykit import apkg
from studykit.build import build_project
from studykit.check import check_project
from studykit.errors import InvalidContent
from studykit.load import load_project
from studykit.outputs import shown_targets
from studykit.questions import render_deck
from studykit.questions.make import rendered_templates
from studykit.worksheets.choose import worksheet_pool

REPO = Path(__file__).resolve().parent.parent
PROJECTS = [REPO, *sorted((REPO / "examples").iterdir())]
DECK = "soviet-korean-relations-1967"
TARGET_SETS = [("anki",), ("worksheet",), ("anki", "worksheet")]


def shown_by(project, recipe, rendered, targets) -> tuple[list, list]:
    """What outputs with ``targets`` take of a render: the Anki notes (the flashcards are the same
    questions) and the questions the worksheets choose from."""
    notes = apkg.notes_for(project, recipe, rendered.questions) if "anki" in targets else []
    pool = worksheet_pool(rendered) if "worksheet" in targets else []
    return notes, pool


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name if p != REPO else "shipped")
def test_a_render_for_some_outputs_shows_them_what_a_full_render_does(root):
    project, problems = load_project(root)
    assert not problems
    for recipe in project.decks.values():
        everything = render_deck(project, recipe)
        for targets in TARGET_SETS:
            partial = render_deck(project, recipe, targets=targets)
            assert shown_by(project, recipe, partial, targets) == shown_by(project, recipe, everything, targets)
            assert {q.id for q in partial.questions} <= {q.id for q in everything.questions}
        deck_only = {q.template_id for q in render_deck(project, recipe, targets=("anki",)).questions}
        assert not deck_only & {"whose-view", "matching-people", "figures-table"}  # worksheets and exports only


def test_each_output_shows_its_targets_and_the_practice_page_every_question(repo):
    project, _ = load_project(repo)
    recipe = project.decks[DECK]
    assert shown_targets(recipe, ["anki"]) == {"anki"}
    assert shown_targets(recipe, ["cards"]) == {"anki"}  # the Anki cards on paper
    assert shown_targets(recipe, ["worksheet", "cards"]) == {"anki", "worksheet"}
    assert shown_targets(recipe, ["anki", "practice"]) is None  # the page asks every question
    assert shown_targets(recipe, None) is None  # the shipped recipe makes the practice page too


def test_an_earlier_unshown_template_that_asks_the_same_is_not_rendered_for_the_deck(project):
    """An earlier question that asks the same takes from a later one only the outputs both go to
    (make._drop_repeats): a worksheet-only copy of 'recall' listed before it leaves recall's
    Anki cards alone, so a deck-only render leaves the copy out and shows what a full one does."""
    templates = project / "question_templates"
    text = (templates / "recall.yaml").read_text(encoding="utf-8")
    (templates / "recall-on-paper.yaml").write_text(text + "targets: [worksheet]\n", encoding="utf-8")
    recipe_path = project / "decks" / f"{DECK}.yaml"
    recipe_text = recipe_path.read_text(encoding="utf-8")
    recipe_path.write_text(recipe_text.replace("  - recall\n", "  - recall-on-paper\n  - recall\n", 1),
                           encoding="utf-8")
    loaded, problems = load_project(project)
    assert not problems
    recipe = loaded.decks[DECK]
    everything = render_deck(loaded, recipe)
    recall = [q for q in everything.questions if q.template_id == "recall"]
    assert recall and all(q.targets == ("anki", "export") for q in recall)
    deck_only = render_deck(loaded, recipe, targets=("anki",))
    assert shown_by(loaded, recipe, deck_only, ("anki",)) == shown_by(loaded, recipe, everything, ("anki",))
    assert "recall-on-paper" not in {t.id for t in rendered_templates(loaded, recipe, ("anki",))}
    assert "recall-on-paper" in {t.id for t in rendered_templates(loaded, recipe, ("worksheet",))}


@pytest.mark.outputs("anki", "practice")
def test_a_deck_only_build_writes_the_package_a_build_of_every_question_wrote(project, tmp_path):
    """The practice page asks every question, so the first build renders every template; the
    deck-only build after it into the same folder finds every note and the package unchanged."""
    out = tmp_path / "out"
    first = build_project(project, out=out)
    recipe_path = project / "decks" / f"{DECK}.yaml"
    recipe_path.write_text(recipe_path.read_text(encoding="utf-8").replace(
        "outputs: [anki, practice]", "outputs: [anki]"), encoding="utf-8")
    second = build_project(project, out=out)
    [before], [after] = first.decks, second.decks
    assert after.sha256 == before.sha256 and not after.package_changed
    assert after.unchanged == before.added and not (after.added or after.changed or after.retired)


def break_whose_view(project: Path) -> None:
    """An error whose-view (worksheets and exports only) meets only when it renders a fact."""
    path = project / "question_templates" / "whose-view.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Whose view does this passage", "Whose {{ fact.data.no_such_field }} view does "
                                 "this passage", 1), encoding="utf-8")


@pytest.mark.outputs("anki")
def test_a_template_error_no_written_output_shows_fails_check_but_not_the_build(project, tmp_path):
    break_whose_view(project)
    checked = check_project(project)
    assert [p.path for p in checked.problems] == [str(project / "question_templates" / "whose-view.yaml")]
    assert "no_such_field" in checked.problems[0].message
    report = build_project(project, out=tmp_path / "deck")
    assert report.decks[0].notes > 0 and (tmp_path / "deck" / f"{DECK}.apkg").is_file()
    # the worksheets show whose-view's questions: a build that writes them renders it, and stops
    with pytest.raises(InvalidContent) as err:
        build_project(project, out=tmp_path / "sheets", only=["worksheet"])
    assert [p.path for p in err.value.problems] == [str(project / "question_templates" / "whose-view.yaml")]
    assert not (tmp_path / "sheets").exists()


@pytest.mark.outputs("anki")
def test_a_template_that_does_not_load_stops_a_deck_only_build_whatever_its_targets(project, tmp_path):
    path = project / "question_templates" / "whose-view.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Whose view does", "Whose {{ view does", 1),
                    encoding="utf-8")
    with pytest.raises(InvalidContent) as err:
        build_project(project, out=tmp_path / "out")
    assert {p.path for p in err.value.problems} == {str(path)}


def test_a_build_with_worksheets_renders_the_worksheet_only_templates(project, tmp_path):
    break_whose_view(project)  # (the recipe makes the deck and its worksheets)
    with pytest.raises(InvalidContent) as err:
        build_project(project, out=tmp_path / "out", dry_run=True)
    assert [p.path for p in err.value.problems] == [str(project / "question_templates" / "whose-view.yaml")]


@pytest.mark.outputs("anki")
def test_the_practice_page_and_the_flashcards_render_what_they_ask(project, tmp_path):
    """The practice page asks every question of the deck (whose-view's too); the flashcards are
    the Anki cards on paper, so a flashcards build skips what the deck skips."""
    break_whose_view(project)
    with pytest.raises(InvalidContent):
        build_project(project, out=tmp_path / "practice", only=["practice"])
    loaded, _ = load_project(project)
    assert shown_targets(loaded.decks[DECK], ["cards"]) == shown_targets(loaded.decks[DECK], ["anki"])


@pytest.mark.outputs("anki")
def test_a_build_of_one_deck_renders_nothing_of_the_others(project, tmp_path):
    """A second deck asks a template of its own that fails while rendering: building the first
    deck by name leaves it to check; building every deck stops on it."""
    templates = project / "question_templates"
    text = (templates / "recall.yaml").read_text(encoding="utf-8")
    (templates / "recall-again.yaml").write_text(text.replace('prompt: "{{ fact.question }}"',
                                                              'prompt: "{{ fact.question }} {{ fact.data.no_such_field }}"'),
                                                 encoding="utf-8")
    recipe = (project / "decks" / f"{DECK}.yaml").read_text(encoding="utf-8")
    head, _, rest = recipe.partition("\ntemplates:\n")
    other = head.replace(f"id: {DECK}", "id: other-deck") + "\ntemplates:\n  - recall-again\noutputs: [anki]\n"
    (project / "decks" / "other-deck.yaml").write_text(other, encoding="utf-8")
    broken = str(templates / "recall-again.yaml")
    assert {p.path for p in check_project(project).problems} == {broken}
    report = build_project(project, [DECK], out=tmp_path / "one")
    assert [d.deck_id for d in report.decks] == [DECK] and report.decks[0].notes > 0
    with pytest.raises(InvalidContent) as err:
        build_project(project, out=tmp_path / "every")
    assert {p.path for p in err.value.problems} == {broken}
