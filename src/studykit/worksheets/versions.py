"""One version of a sheet: the order of kinds and questions within each section,
and of the options within each question, shuffled from the seed; then numbered.

Questions of one kind stay together under their one line of instructions; the
kinds' order within a section, the questions' order within a kind and the
options' order all change per version.
"""

from __future__ import annotations

import random
import string

from ..questions import stable_seed
from .items import Group, Item, Section


def version(sections: list[Section], deck_id: str, seed: int, letter: str) -> list[Section]:
    """The sections as version ``letter`` prints them: shuffled, then numbered."""
    rng = random.Random(stable_seed("worksheet-version", deck_id, str(seed), letter))
    printed, number = [], 0
    for section in sections:
        groups = []
        for group in section.groups:
            items = [_shuffled_item(item, rng) for item in group.items]
            rng.shuffle(items)
            groups.append(Group(group.kind, items))
        rng.shuffle(groups)
        for item in (i for g in groups for i in g.items):
            number += 1
            item.number = number
        printed.append(Section(section.topic, section.title, groups))
    return printed


def _shuffled_item(base: Item, rng: random.Random) -> Item:
    item = Item(kind=base.kind, points=base.points, question=base.question, chart=base.chart)
    q = base.question
    if q is None:
        return item
    if q.style == "multiple_choice" and q.options:
        order = _permutation(len(q.options), rng)
        item.options = [q.options[i] for i in order]
        item.correct = order.index(q.correct) if q.correct is not None else None
    elif q.style == "true_false":
        item.options, item.correct = ["True", "False"], 0 if q.truth else 1
    elif q.style == "matching":
        spares = [o for o in q.options if o not in {right for _, right in q.pairs}]
        rights = [right for _, right in q.pairs] + spares
        lefts = _permutation(len(q.pairs), rng)
        shown = _permutation(len(rights), rng, avoid=lefts)
        item.left = [q.pairs[i][0] for i in lefts]
        item.options = [rights[i] for i in shown]
        item.match_key = [string.ascii_uppercase[shown.index(i)] for i in lefts]
    elif q.style == "ordering":
        order = _permutation(len(q.order), rng, avoid=list(range(len(q.order))))
        item.options = [q.order[i] for i in order]
        item.order_key = [i + 1 for i in order]
    elif q.style == "table":
        order = _permutation(len(q.rows), rng)
        item.rows = [q.rows[i] for i in order]
        item.row_facts = [q.facts[i] for i in order] if len(q.facts) == len(q.rows) else []
    return item


def _permutation(n: int, rng: random.Random, avoid: list[int] | None = None) -> list[int]:
    """A shuffled range(n) with fewer than half of its places as in ``avoid`` when possible: no
    more than a hint of the answer (an ordering's first and last items in place would give them),
    yet no rule a test-wise student could use (with none ever in place, three items leave two
    orders)."""
    order = list(range(n))
    for _ in range(50):
        rng.shuffle(order)
        if n < 2 or not avoid or 2 * sum(mine == theirs for mine, theirs in zip(order, avoid)) < len(avoid):
            break
    else:  # fifty unlucky shuffles: rotating ``avoid`` moves every one of its places
        rest = [i for i in order if i not in avoid]
        order = avoid[1:] + avoid[:1] + rest if len(avoid) > 1 else order[1:] + order[:1]
    return order