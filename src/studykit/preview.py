"""``studykit preview FACT_ID``: every question the templates make from one fact, as text.

A teacher editing a fact wants to see its cards before building.  Every
template is tried (not only the deck's), with the fact's deck supplying the
neighbouring facts that distractors come from; questions of templates the
deck does not use are marked so.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InvalidContent, Problem, UsageError
from .load import load_project
from .model import DeckRecipe, Fact, Project
from .questions import Question, Renderer, render_deck, why_not_applies

STYLE_NAMES = {"short_answer": "short answer", "multiple_choice": "multiple choice",
               "true_false": "true or false", "fill_blank": "fill in the blank",
               "matching": "matching", "ordering": "ordering", "table": "table", "essay": "essay"}


@dataclass
class Preview:
    fact: Fact
    deck: DeckRecipe
    questions: list[Question]
    deck_templates: set[str]
    not_applying: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    asked_for: str = ""
    why: dict[str, str] = field(default_factory=dict)  # template id -> why it made no question

    def lines(self) -> list[str]:
        fact = self.fact
        lines = []
        if self.asked_for and self.asked_for != fact.id:
            lines.append(f"('{self.asked_for}' is a former id of '{fact.id}')")
        lines += [f"{fact.id} ({fact.kind}, topic {fact.topic}) at {fact.where}", f"  {fact.statement}"]
        if fact.context:
            lines.append(f"  Context (not from the source): {fact.context}")
        lines.append("")
        for question in self.questions:
            lines += question_lines(question, question.template_id in self.deck_templates, self.deck.id)
            lines.append("")
        for template_id in self.skipped:
            lines.append(f"{template_id}: no question: {self.why.get(template_id, 'not made')}")
        for template_id in self.not_applying:
            lines.append(f"{template_id}: does not apply: {self.why.get(template_id, '')}")
        for problem in self.problems:
            lines.append(str(problem))
        count = len(self.questions)
        lines.append(f"{count} question(s) from {fact.id}" + (f"; {len(self.problems)} problem(s)"
                                                             if self.problems else ""))
        return lines

    def as_dict(self) -> dict:
        return {
            "fact": self.fact.id, "deck": self.deck.id,
            "questions": [question_dict(q, q.template_id in self.deck_templates) for q in self.questions],
            "skipped": list(self.skipped), "not_applying": list(self.not_applying),
            "why": dict(self.why),
            "problems": [p.as_dict() for p in self.problems],
        }


def question_lines(question: Question, in_deck: bool, deck_id: str) -> list[str]:
    """One question as an indented block: header, prompt, choices and answer."""
    marks = ", ".join(question.targets)
    note = "" if in_deck else f"  (template not in deck '{deck_id}')"
    lines = [f"{question.id}  [{STYLE_NAMES.get(question.style, question.style)} -> {marks}]{note}"]
    style = question.style
    if style == "fill_blank":
        text = "".join(f"[{part}]" if n else part for part, n in question.cloze)
        lines += [f"  Q: {question.prompt}", f"     {text}", f"  A: {question.answer}"]
    elif style == "multiple_choice":
        lines.append(f"  Q: {question.prompt}")
        for i, option in enumerate(question.options):
            mark = "*" if i == question.correct else " "
            lines.append(f"   {mark} {'ABCDEFGHIJ'[i]}) {option}")
    elif style == "true_false":
        lines += [f"  Q: True or false? {question.prompt}", f"  A: {question.answer}"]
        if not question.truth:
            lines.append(f"     ({question.fact.statement})")
    elif style == "matching":
        lines.append(f"  Q: {question.prompt}")
        lines += [f"     {left}  ->  {right}" for left, right in question.pairs]
        spare = [o for o in question.options if o not in {r for _, r in question.pairs}]
        if spare:
            lines.append(f"     spare options: {'; '.join(spare)}")
    elif style == "essay":
        lines.append(f"  Q: {question.prompt}")
        if question.answer:
            lines.append(f"  A: {question.answer}")
        if question.marking_points:
            lines.append("  A full answer mentions:")
        lines += [f"     - {point}" for point in question.marking_points]
    elif style == "ordering":
        lines.append(f"  Q: {question.prompt}")
        lines += [f"     - {item}" for item in question.options]
        lines.append(f"  A: {question.answer}")
    elif style == "table":
        lines.append(f"  Q: {question.prompt}")
        lines.append("     " + " | ".join(c["title"] for c in question.columns))
        lines += ["     " + " | ".join(row) for row in question.rows]
    else:
        lines += [f"  Q: {question.prompt}", f"  A: {question.answer}"]
    return lines


def question_dict(question: Question, in_deck: bool) -> dict:
    return {
        "id": question.id, "template": question.template_id, "style": question.style,
        "targets": list(question.targets), "in_deck": in_deck, "prompt": question.prompt,
        "answer": question.answer, "options": list(question.options), "correct": question.correct,
        "truth": question.truth, "cloze": [list(part) for part in question.cloze],
        "pairs": [list(pair) for pair in question.pairs], "order": list(question.order),
        "rows": [list(row) for row in question.rows],
    }


def preview_fact(root: Path, fact_id: str) -> Preview:
    """Render every template against one fact (its former ids work too)."""
    project, problems = load_project(Path(root))
    fact = find_fact(project, problems, fact_id)
    deck = _deck_for(project, fact)
    order = list(deck.templates) + [t for t in project.templates if t not in deck.templates]
    everything = dataclasses.replace(deck, templates=order)
    renderer = Renderer()
    rendered = render_deck(project, everything, renderer)
    mine = [q for q in rendered.questions if any(f.id == fact.id for f in q.facts)]
    marker = f"'{fact.id}'"
    own_problems = [p for p in problems if marker in p.message]
    own_problems += [p for p in rendered.problems
                     if fact.id in rendered.problem_facts.get(p, ()) or marker in p.message]
    not_applying, why = [], {}
    for template in project.templates.values():
        try:
            reason = why_not_applies(renderer, template, fact)
        except Exception:  # noqa: BLE001 - the render problems above already report it
            continue
        if reason:
            not_applying.append(template.id)
            why[template.id] = reason
    skipped = []
    for qid in rendered.skipped:
        if qid.endswith(f"/{fact.id}"):
            template_id = qid.split("/", 1)[0]
            skipped.append(template_id)
            why[template_id] = rendered.reasons.get(qid, "not made")
    return Preview(fact, deck, mine, set(deck.templates), not_applying, skipped, own_problems, fact_id,
                   why=why)


def find_fact(project: Project, problems: list[Problem], fact_id: str) -> Fact:
    """The fact with this id or former id; otherwise a usage error that suggests close ids."""
    if fact_id in project.facts:
        return project.facts[fact_id]
    for fact in project.facts.values():
        if fact_id in fact.was:
            return fact
    broken = [p for p in problems if f"'{fact_id}'" in p.message]
    if broken:
        raise InvalidContent(broken)
    known = list(project.facts) + [old for f in project.facts.values() for old in f.was]
    close = difflib.get_close_matches(fact_id, known, n=3)
    hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
    raise UsageError(f"no fact '{fact_id}' in this project; {hint}"
                     "'studykit list facts' shows every fact id")


def _deck_for(project: Project, fact: Fact) -> DeckRecipe:
    """The first deck that studies the fact, else a stand-in with the fact's whole source."""
    for deck in project.decks.values():
        if fact.source_id in deck.sources and fact.topic in deck.topics:
            return deck
    source = project.sources[fact.source_id]
    return DeckRecipe(id=f"{source.id}-preview", title=source.title, path="", sources=[source.id],
                      topics=[t.id for t in source.topics], templates=[], subdecks={},
                      worksheet=None, spec={})
