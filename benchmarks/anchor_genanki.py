"""The anchor studykit's deck build is measured against: bare genanki + libyaml.

Usage:  python benchmarks/anchor_genanki.py PROJECT OUT.apkg --notes N

Loads every YAML file of the project with libyaml (CSafeLoader), then writes
N notes (cycling over the facts, one simple four-field note each) into one
deck with genanki's own ``write_to_file``.  No validation, no templates: the
floor of what any YAML-to-Anki tool has to do for the same number of notes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import genanki
import yaml


def load_facts(project: Path) -> list[dict]:
    facts = []
    for path in sorted(project.glob("seeds/*/facts/*.yaml")):
        with path.open(encoding="utf-8") as handle:
            facts.extend(yaml.load(handle, Loader=yaml.CSafeLoader)["facts"])
    for path in sorted(project.glob("question_templates/**/*.yaml")) + sorted(project.glob("decks/*.yaml")):
        with path.open(encoding="utf-8") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
    return facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--notes", type=int, required=True)
    args = parser.parse_args()
    facts = load_facts(args.project)
    model = genanki.Model(1607392319, "Anchor", fields=[{"name": n} for n in ("Question", "Answer", "Statement", "Quote")],
                          templates=[{"name": "Card 1", "qfmt": "{{Question}}", "afmt": "{{Answer}}<hr>{{Statement}}"}])
    deck = genanki.Deck(2059400110, "Anchor")
    for n in range(args.notes):
        fact = facts[n % len(facts)]
        quote = fact["quote"] if isinstance(fact["quote"], str) else " … ".join(fact["quote"])
        deck.add_note(genanki.Note(model=model, fields=[f"{fact['question']} ({n})", fact["answer"],
                                                        fact["statement"], quote],
                                   guid=genanki.guid_for(fact["id"], n), tags=list(fact.get("tags", []))))
    genanki.Package(deck).write_to_file(str(args.out))


if __name__ == "__main__":
    main()
