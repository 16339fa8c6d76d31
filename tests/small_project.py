"""Builds small throw-away projects for the question tests: one source, given facts.

The shipped question templates and note types are copied unless a test passes
its own templates, so each rule is proved on a project of its own.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def make_project(root: Path, text: str, facts: str, *, templates: dict[str, str] | None = None,
                 deck_templates: list[str] | None = None, called: str = "the letter",
                 topics: tuple[str, ...] = ("main",), extra_sources: dict | None = None) -> Path:
    """Write a project with one source ``doc`` whose text is ``text`` and facts ``facts`` (YAML)."""
    src = root / "seeds" / "doc"
    (src / "facts").mkdir(parents=True)
    topic_yaml = "".join(f"  - {{id: {t}, title: {t.title()}}}\n" for t in topics)
    (src / "source.yaml").write_text(
        "id: doc\ntitle: A Letter\ndate: 1863-11-19\nauthor: A. Writer\n"
        f"citation: A Letter, 1863\ntext: source.txt\ncalled: {called}\ntopics:\n{topic_yaml}",
        encoding="utf-8")
    (src / "source.txt").write_text(text, encoding="utf-8")
    (src / "facts" / "facts.yaml").write_text(textwrap.dedent(facts), encoding="utf-8")
    qt = root / "question_templates"
    if templates is None:
        shutil.copytree(REPO / "question_templates", qt)
    else:
        shutil.copytree(REPO / "question_templates" / "note_types", qt / "note_types")
        for name, body in templates.items():
            (qt / f"{name}.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    (root / "decks").mkdir()
    deck = "id: doc\ntitle: Doc\nsources: [doc]\n"
    if deck_templates is not None:
        deck += f"templates: [{', '.join(deck_templates)}]\n"
    (root / "decks" / "doc.yaml").write_text(deck, encoding="utf-8")
    return root


def add_worksheet_section(root: Path, questions: str) -> None:
    """Give the deck a worksheet with one section of topic 'main' asking ``questions``
    (YAML, e.g. '{matching: 1}')."""
    recipe = root / "decks" / "doc.yaml"
    recipe.write_text(recipe.read_text(encoding="utf-8") + "outputs: [worksheet]\nworksheet:\n  sections:\n"
                      f"    - topic: main\n      questions: {questions}\n", encoding="utf-8")


def render(root: Path):
    """Load the project (asserting it has no errors) and render its deck."""
    from studykit.load import load_project
    from studykit.questions import render_deck

    project, problems = load_project(root)
    errors = [p for p in problems if p.severity == "error"]
    assert errors == [], [str(p) for p in errors]
    result = render_deck(project, project.decks["doc"])
    return project, result


def by_template(result, template_id: str) -> dict:
    """This template's questions keyed by fact id."""
    return {q.fact.id: q for q in result.questions if q.template_id == template_id}


def whose_view_questions(root: Path, views: list[tuple[str, str, str]]) -> dict:
    """The whose-view questions of a letter of claims, one per (fact id, holder, quote): each fact
    says "According to <holder>, <quote>", and a quote with " … " is quoted in parts."""
    text = " ".join(quote.replace(" … ", " ") for _, _, quote in views)
    facts = "facts:\n" + "".join(f"""\
  - id: {fid}
    kind: claim
    topic: main
    statement: "According to {holder}, {quote[0].lower() + quote[1:]}"
    question: What was said?
    answer: "That {quote[0].lower() + quote[1:-1]}"
    quote: {'[' + ', '.join(f'"{part}"' for part in quote.split(' … ')) + ']' if ' … ' in quote else f'"{quote}"'}
    data: {{holder: "{holder}"}}
""" for fid, holder, quote in views)
    make_project(root, text, facts, called="the letter", deck_templates=["whose-view"])
    _, result = render(root)
    return by_template(result, "whose-view")
