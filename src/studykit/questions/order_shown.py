"""An ordering card is not made for Anki where the fact's other cards show the whole order.

A numbered list's list card asks every item in the source's order, from memory; its cloze card
prints the sentence that lists them (a blank or two, the rest in place, the whole of it on the
back).  The ordering card beside them shows the items and asks their order: a student who has
reviewed either card this week answers it by rote, and it teaches nothing the others do not.
On a worksheet it stands alone (the sheet never prints it beside its fact's list question), so
there it is kept.
"""

from __future__ import annotations

from .question import Question

ANKI = "anki"


def shows_in_order(text: str, items: list[str]) -> bool:
    """Whether ``text`` holds every item, in this order (letter case aside)."""
    text, after = text.casefold(), 0
    for item in items:
        found = text.find(str(item).casefold(), after)
        if found < 0:
            return False
        after = found + len(str(item))
    return True


def _shown_by(question: Question) -> str:
    """What an Anki card of another template prints of its fact: its answer, its cloze sentence."""
    return f"{question.answer}\n{question.cloze_text}" if question.cloze_text else str(question.answer or "")


def drop_answered_orderings(questions: list[Question]) -> None:
    """Take Anki off the targets of each ordering question whose order another Anki card of its
    fact shows (its answer lists the items in order, or its cloze sentence does)."""
    orderings = [q for q in questions if q.style == "ordering" and ANKI in q.targets and len(q.facts) == 1]
    if not orderings:
        return
    by_fact: dict[str, list[Question]] = {}
    for q in questions:
        if len(q.facts) == 1 and q.style != "ordering" and ANKI in q.targets:
            by_fact.setdefault(q.facts[0].id, []).append(q)
    for ordering in orderings:
        others = by_fact.get(ordering.facts[0].id, ())
        if len(ordering.order) > 1 and any(shows_in_order(_shown_by(q), ordering.order) for q in others):
            ordering.targets = tuple(t for t in ordering.targets if t != ANKI)
