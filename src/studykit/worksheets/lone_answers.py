"""A sheet's multiple choice prints no answer only in the question it answers.

Each question's wrong options are drawn on their own, so on a sheet of four "whose view?"
questions over seven parties one answer ("The oracle") can be printed once, in its own
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

DEPTH = 2  # questions left out together to find a sheet without a tell
TRIES = 24  # sheets chosen again at most


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
    sheet with the fewest tells that ``choose(left_out)`` makes without some of the questions
    involved: each sheet's questions involved left out one more at a time, breadth first (a second
    swap may mend what one cannot), ``DEPTH`` deep and ``TRIES`` sheets at most; only sheets that
    hold as many questions and no more whose options the header strikes (``struck``) are taken."""
    first_questions = questions_of(first)
    best, best_score = first, (len(involved(first_questions)), 0, ())
    if not best_score[0]:
        return first
    most_struck, size = struck(first_questions), len(first_questions)
    level, tried = [(frozenset(), first_questions)], {frozenset()}
    for depth in range(1, DEPTH + 1):
        found = []
        for left_out, questions in level:
            for q in involved(questions):
                banned = left_out | {q.id}
                if banned in tried or len(tried) > TRIES:
                    continue
                tried.add(banned)
                sheet = choose(banned)
                asked = questions_of(sheet)
                if len(asked) < size or struck(asked) > most_struck:
                    continue
                score = (len(involved(asked)), depth, tuple(sorted(banned)))
                if score < best_score:
                    best, best_score = sheet, score
                found.append((banned, asked))
        if not best_score[0] or not found:
            break
        level = found
    return best
