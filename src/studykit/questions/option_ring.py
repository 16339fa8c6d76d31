"""Each multiple choice offers the answer of the next question of its topic: no answer is lone.

Wrong options are drawn at random per question, so an answer could be offered nowhere but in
the question it answers (a witness right twice and left out of every other draw): a student
who notices "this name shows up only once" picks it without knowing.  So the facts of a pool
are put in a fixed ring per topic (ordered by a hash of each fact's identity: no order the
student sees), and each question also offers the first fact after its own in the ring whose
option it may take.  Each answer then has an offer in the question of the fact before it,
whatever the draws: every answer a topic's other questions may offer is offered by one.
Only one option of the random draw gives way, and only where the draw left the next one out,
so the other options, their order and the seeds are as before.  Names and phrases only: a
figure is offered where it is near the answer (the figure templates' rules), and a sheet
already keeps two figure questions from sharing options.
"""

from __future__ import annotations

from typing import Callable, Iterator

from ..model import Fact
from .question import stable_seed

RING_STEPS = 24  # facts after the question's own that are tried: bounds the work on large pools


def ring_after(rings: dict, pool: list[Fact], fact: Fact) -> Iterator[Fact]:
    """The facts of ``fact``'s topic in ``pool`` from the one after ``fact`` round the ring
    (at most ``RING_STEPS``), then, when the topic has no other, the pool's whole ring so.
    ``rings`` keeps each ring and its positions per pool and topic for the render."""
    for topic in (fact.topic, None):
        ring, at = _ring(rings, pool, topic)
        start = at.get(fact.id)
        if start is None or len(ring) < 2:
            continue
        steps = min(len(ring) - 1, RING_STEPS)
        yield from (ring[(start + n) % len(ring)] for n in range(1, steps + 1))
        return


def _ring(rings: dict, pool: list[Fact], topic: str | None) -> tuple[list[Fact], dict[str, int]]:
    key = (id(pool), topic)
    found = rings.get(key)
    if found is None:
        if topic is None:
            facts = pool
        else:
            facts = rings.get((id(pool), "", "by topic"))
            if facts is None:
                facts = rings[(id(pool), "", "by topic")] = {}
                for member in pool:
                    facts.setdefault(member.topic, []).append(member)
            facts = facts.get(topic, [])
        ring = sorted(facts, key=lambda f: stable_seed("ring", f.identity))
        found = rings[key] = (ring, {f.id: n for n, f in enumerate(ring)})
    return found


def keep_next(distractors: list[str], drawn: int, candidates: Iterator[Fact],
              offered: Callable[[Fact], str | None]) -> list[str]:
    """``distractors`` with the first candidate's option that ``offered`` admits among them: already
    there, nothing changes; else it takes the place of the last randomly drawn one (the last
    ``drawn`` of them; none drawn: the fact's own options stand, as written)."""
    if not drawn:
        return distractors
    for sibling in candidates:
        text = offered(sibling)
        if text is None:
            continue
        if text in distractors:
            return distractors
        return distractors[:-1] + [text]
    return distractors
