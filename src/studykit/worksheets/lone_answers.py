"""A sheet's multiple choice prints no answer only in the question it answers.

Each question's wrong options are drawn on their own, so on a sheet of four "whose view?"
questions over seven parties one answer ("The god at Delphi") can be printed once, in its own
question, among names printed three times: a student who picks the name seen only once scores
without reading.  Two questions printing the same options and the same answer read as one
question asked twice.  The chooser prefers questions that leave neither (:func:`tells`), and a
sheet left with one is chosen again without one of the questions involved, while that costs the
sheet no question (:func:`fewest_tells`).
"""

from __future__ import annotations

from typing import Callable

from ..questions import Question
from ..questions.option_keys import option_key

ROUNDS = 3  # questions left out, one per round, to find a sheet without a tell


def _options(q: Question) -> frozenset[str]:
    return frozenset(option_key(str(o)) for o in q.options)


def _choice(q: Question) -> bool:
    return q.style == "multiple_choice" and q.correct is not None and bool(q.options)


def involved(questions: list[Question]) -> list[Question]:
    """The multiple choice questions of a tell: one whose answer no other prints while another
    prints one of its options, with those others; and the second of two printing the same
    options and answer."""
    choices = [q for q in questions if _choice(q)]
    sets = [_options(q) for q in choices]
    found: dict[str, Question] = {}
    for n, q in enumerate(choices):
        sharing = [choices[m] for m, s in enumerate(sets) if m != n and sets[n] & s]
        answer = option_key(str(q.answer))
        if sharing and not any(answer in s for m, s in enumerate(sets) if m != n):
            found.update((p.id, p) for p in [q, *sharing])
        for m in range(n):
            if sets[m] == sets[n] and option_key(str(choices[m].answer)) == answer:
                found[q.id] = q
    return list(found.values())


def tells(chosen: list[Question], q: Question) -> bool:
    """Whether ``q`` taken beside the sheet's ``chosen`` multiple choice leaves a tell."""
    if not _choice(q) or not chosen:
        return False
    return bool(involved([*chosen, q]))


def fewest_tells(choose: Callable[[frozenset[str]], list], questions_of: Callable[[list], list[Question]],
                 first: list, struck: Callable[[list[Question]], int]) -> list:
    """The sheet ``first`` (as ``choose(frozenset())`` made it), or, when it holds a tell, the
    sheet ``choose(left_out)`` makes without one of the questions involved: the one with the
    fewest tells that holds as many questions and no more whose options the header strikes
    (``struck``), tried for ``ROUNDS`` questions at most."""
    best, best_questions = first, questions_of(first)
    most_struck = struck(best_questions)
    left_out: frozenset[str] = frozenset()
    for _ in range(ROUNDS):
        culprits = involved(best_questions)
        if not culprits:
            break
        found = None
        for q in culprits:
            sheet = choose(left_out | {q.id})
            asked = questions_of(sheet)
            score = (len(involved(asked)), q.id)
            if (len(asked) >= len(best_questions) and struck(asked) <= most_struck
                    and (found is None or score < found[0])):
                found = (score, sheet, asked, left_out | {q.id})
        if found is None or found[0][0] >= len(culprits):
            break
        _, best, best_questions, left_out = found
    return best
