"""A fact's own wrong options that make no multiple choice: `check` says so.

A teacher who writes `distractors:` for a fact expects a multiple choice.  The clue rules (the
answer alone long, or alone repeating the question's word) refuse one whose options a test-wise
student sees through, and the question is simply not made; so `check` warns at the fact's
`distractors`, with the rule's reason and the other fix: `skip:` the template to ask the fact as
recall only.
"""

from __future__ import annotations

from ..errors import Problem, warning
from ..model import Project
from .question import RenderResult

# How the clue rules' reasons open (questions/choices.py): the refusals a teacher's own options
# can answer.
CLUE_REASONS = ("its answer alone is long", "its answer alone repeats the question's word")


def refused_own_options(project: Project, rendered: dict[str, RenderResult]) -> list[Problem]:
    found = []
    for result in rendered.values():
        for qid, why in result.reasons.items():
            if not why.startswith(CLUE_REASONS):
                continue
            template_id, _, fact_id = qid.partition("/")
            fact = project.facts.get(fact_id)
            if fact is None or not fact.distractors:
                continue
            found.append(warning(fact.path, fact.position("distractors"), (
                f"fact '{fact.id}': its own distractors make no {template_id} question: {why}; "
                f"or, to ask it as recall only, skip: [{template_id}]")))
    return found
