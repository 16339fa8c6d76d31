"""Small projects of their own for the worksheet tests: one source, a few facts, own templates."""

from __future__ import annotations

from pathlib import Path

import yaml

RECALL = {"description": "Recall (test)", "style": "short_answer", "prompt": "{{ fact.question }}",
          "answer": "{{ fact.answer }}", "points": 1, "lines": 1, "targets": ["worksheet"]}
TRUE_FALSE = {"description": "True/false on a promised figure (test)", "style": "true_false",
              "applies_to": {"kinds": ["figure"], "when": "fact.data.promised is defined"},
              "prompt": "The promise for {{ fact.data.item }} was {{ fact.data.promised | qty(fact.data.unit) }}.",
              "false_claim": "The promise for {{ fact.data.item }} was {{ sibling.data.promised | qty(fact.data.unit) }}.",
              "points": 1, "targets": ["worksheet"]}
TABLE = {"description": "Requested and promised (test)", "style": "table", "scope": "group",
         "group_by": "deck", "group_size": 12,
         "applies_to": {"kinds": ["figure"],
                        "when": "fact.data.requested is defined and fact.data.promised is defined"},
         "prompt": "Complete the table.",
         "columns": [{"title": "Item", "value": "{{ fact.data.item }}"},
                     {"title": "Requested", "value": "{{ fact.data.requested | qty(fact.data.requested_unit) }}",
                      "blank": True},
                     {"title": "Promised", "value": "{{ fact.data.promised | qty(fact.data.promised_unit) }}",
                      "blank": True}],
         "points": 3, "targets": ["worksheet"]}
CLOZE = {"description": "Cloze (test)", "style": "fill_blank", "applies_to": {"when": "fact.key_terms | length > 0"},
         "prompt": "Fill in.", "cloze": {"text": "{{ fact.statement }}", "terms": "fact.key_terms"},
         "points": 1, "targets": ["worksheet"]}


def fact(fact_id: str, statement: str, question: str, answer: str, quote: str, kind: str = "event",
         **extra) -> dict:
    data = {"id": fact_id, "kind": kind, "statement": statement, "question": question,
            "answer": answer, "quote": quote}
    data.update(extra)
    return data


def visit_facts() -> list[dict]:
    """Three facts of two topics ('main' and 'later'), for the cache tests: fresh dicts each call."""
    return [
        fact("weather", "It rained on the day of the visit.", "What was the weather on the day of the visit?",
             "rain", "It rained on the day of the visit."),
        fact("music", "A brass band played at the station.", "What played at the station?", "a brass band",
             "A brass band played at the station."),
        fact("dinner", "Dinner was served in the town hall.", "Where was dinner served?", "the town hall",
             "Dinner was served in the town hall.", topic="later"),
    ]


def make_project(root: Path, facts: list[dict], templates: dict[str, dict], worksheet: dict,
                 topics: tuple[str, ...] = ("main",)) -> Path:
    """Write a project: the facts (their quotes make the source text), templates and a recipe."""
    source = root / "seeds" / "doc"
    (source / "facts").mkdir(parents=True)
    (root / "question_templates" / "note_types").mkdir(parents=True)
    (root / "decks").mkdir()
    quotes = [q for f in facts for q in ([f["quote"]] if isinstance(f["quote"], str) else f["quote"])]
    (source / "source.txt").write_text("A test letter.\n\n" + "\n\n".join(quotes) + "\n", encoding="utf-8")
    (source / "source.yaml").write_text(yaml.safe_dump({
        "id": "doc", "title": "A test letter", "date": "1900-01-01", "author": "A. Writer",
        "citation": '"A test letter", 1 January 1900', "text": "source.txt", "called": "the letter",
        "topics": [{"id": t, "title": f"Topic {t}"} for t in topics]}, sort_keys=False), encoding="utf-8")
    by_topic: dict[str, list[dict]] = {}
    for f in facts:
        by_topic.setdefault(f.pop("topic", topics[0]), []).append(f)
    for topic, members in by_topic.items():
        (source / "facts" / f"{topic}.yaml").write_text(
            yaml.safe_dump({"topic": topic, "facts": members}, sort_keys=False, allow_unicode=True),
            encoding="utf-8")
    for name, spec in templates.items():
        (root / "question_templates" / f"{name}.yaml").write_text(
            yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (root / "decks" / "test-deck.yaml").write_text(yaml.safe_dump({
        "id": "test-deck", "title": "Test deck", "sources": ["doc"], "topics": list(topics),
        "templates": list(templates), "worksheet": worksheet}, sort_keys=False, allow_unicode=True),
        encoding="utf-8")
    return root


def shipped_cards_only(root: Path, topics: list[str]) -> Path:
    """A copy of the shipped project whose deck holds ``topics`` and prints flashcards only."""
    import re
    import shutil

    from conftest import REPO

    for part in ("seeds", "question_templates", "decks"):
        shutil.copytree(REPO / part, root / part)
    recipe = next((root / "decks").glob("*.yaml"))
    text = recipe.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^topics: .*$", f"topics: [{', '.join(topics)}]", text[:text.index("\nworksheet:")] + "\n")
    recipe.write_text(re.sub(r"(?m)^outputs: .*$", "outputs: [cards]", text), encoding="utf-8")
    return root
