"""Two templates that ask a fact the same (make._drop_repeats): the later question loses only the
outputs the earlier one already reaches, so a worksheet-only repeat listed first never takes a
card out of the Anki deck, no output shows the question twice, and a chain of three gives the
same whatever the first question of the chain was."""

from __future__ import annotations

from pathlib import Path

from anki.collection import Collection
from anki_pages import built_deck, import_package, question_id

from studykit.load import load_project
from studykit.practice import page_data, page_questions
from studykit.questions import render_deck
from studykit.worksheets.choose import worksheet_pool

DECK = "soviet-korean-relations-1967"


def with_recall_copies(project: Path, order: list[tuple[str, str | None]]) -> Path:
    """The shipped recipe with its 'recall' replaced by copies of it, in ``order``: (id, the
    copy's ``targets:`` line or None for recall's own, which has none)."""
    templates = project / "question_templates"
    text = (templates / "recall.yaml").read_text(encoding="utf-8")
    assert "\ntargets:" not in text  # recall goes to every output
    for template_id, targets in order:
        if template_id != "recall":
            (templates / f"{template_id}.yaml").write_text(f"{text}targets: {targets}\n", encoding="utf-8")
    recipe = project / "decks" / f"{DECK}.yaml"
    listed = "".join(f"  - {template_id}\n" for template_id, _ in order)
    recipe_text = recipe.read_text(encoding="utf-8")
    assert recipe_text.count("  - recall\n") == 1
    recipe.write_text(recipe_text.replace("  - recall\n", listed), encoding="utf-8")
    return project


def rendered(project: Path):
    loaded, problems = load_project(project)
    assert not problems, [str(p) for p in problems]
    recipe = loaded.decks[DECK]
    return loaded, recipe, render_deck(loaded, recipe)


def of_template(questions, template_id: str) -> dict[str, tuple]:
    return {q.fact.id: q.targets for q in questions if q.template_id == template_id}


def test_a_worksheet_only_repeat_listed_first_leaves_the_anki_card_in_the_deck(project, tmp_path):
    with_recall_copies(project, [("recall-on-paper", "[worksheet, export]"), ("recall", None)])
    loaded, recipe, result = rendered(project)
    on_paper, recall = of_template(result.questions, "recall-on-paper"), of_template(result.questions, "recall")
    assert on_paper and set(recall) == set(on_paper)
    assert set(recall.values()) == {("anki",)}  # worksheet and export: the earlier question has them
    # the deck, imported into a real Anki collection, has a card for every recall question
    *_, notes, package = built_deck(project, tmp_path / "deck.apkg")
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        import_package(col, package)
        in_anki = {question_id(col.get_card(c)) for c in col.find_cards("")}
    finally:
        col.close()
    assert {f"recall/{fact}" for fact in recall} <= in_anki
    assert not any(qid.startswith("recall-on-paper/") for qid in in_anki)
    # the worksheet prints each fact's question once: the paper copy's
    pool = [q.id for q in worksheet_pool(result)]
    assert {f"recall-on-paper/{fact}" for fact in on_paper} <= set(pool)
    assert not any(qid.startswith("recall/") for qid in pool)
    # the practice page, which asks every question, asks it once too
    shown = [q["id"] for q in page_data(loaded, recipe, page_questions(result))["questions"]]
    assert not any(qid.startswith("recall/") for qid in shown)
    assert {f"recall-on-paper/{fact}" for fact in on_paper} <= set(shown)


def test_a_repeat_for_outputs_the_earlier_question_reaches_is_still_dropped(project):
    with_recall_copies(project, [("recall", None), ("recall-again", "[anki, worksheet]")])
    _, _, result = rendered(project)
    recall = of_template(result.questions, "recall")
    assert recall and not of_template(result.questions, "recall-again")
    assert {result.reasons[f"recall-again/{fact}"] for fact in recall} == {
        f"asks the same as recall/{fact}" for fact in recall}


def test_a_chain_of_three_repeats_is_compared_with_every_earlier_question(project):
    """The third is compared with both before it: under the first-of-its-key rule 'recall-cards'
    met only the worksheet question, and the deck had every recall card twice."""
    with_recall_copies(project, [("recall-on-paper", "[worksheet]"), ("recall", None),
                                 ("recall-cards", "[anki]")])
    _, _, result = rendered(project)
    recall = of_template(result.questions, "recall")
    assert recall and set(recall.values()) == {("anki", "export")}
    assert not of_template(result.questions, "recall-cards")
    assert {result.reasons[f"recall-cards/{fact}"] for fact in recall} == {
        f"asks the same as recall/{fact}" for fact in recall}


def test_a_chain_of_three_keeps_what_no_earlier_question_reaches(project):
    with_recall_copies(project, [("recall-on-paper", "[worksheet]"), ("recall-cards", "[anki]"),
                                 ("recall", None)])
    _, _, result = rendered(project)
    on_paper, cards = of_template(result.questions, "recall-on-paper"), of_template(result.questions, "recall-cards")
    assert on_paper and set(cards) == set(on_paper)
    assert set(of_template(result.questions, "recall").values()) == {("export",)}
    each_output = [[q.id for q in result.questions if q.template_id.startswith("recall") and target in q.targets]
                   for target in ("anki", "worksheet", "export")]
    assert [len(ids) for ids in each_output] == [len(on_paper)] * 3  # every output asks each fact once
