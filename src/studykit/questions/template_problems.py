"""What a snippet that fails for a fact becomes: a :class:`TemplateProblem` at the snippet's place in
its template file, and a message that says what went wrong in the author's terms (a missing field,
a filter given nothing, what the sandbox refuses) rather than Python's.
"""

from __future__ import annotations

import jinja2

from ..errors import Problem
from . import wording


class TemplateProblem(Exception):
    """A template failed for one fact; becomes a Problem naming file, line and fact.

    ``over_budget``: the sandbox stopped it (time, steps, size), which may have cost
    seconds; the deck then asks the template nothing more (see make._Run.fail).
    """

    def __init__(self, path: str, line: int, col: int, message: str, over_budget: bool = False):
        super().__init__(message)
        self.problem = Problem(path, line, col, message)
        self.over_budget = over_budget

    def for_fact(self, fact_id: str) -> Problem:
        p = self.problem
        return Problem(p.path, p.line, p.col, f"{p.message} (while rendering fact '{fact_id}')")

    def naming(self, fact_id: str) -> "TemplateProblem":
        """The same problem naming the fact it was rendering: a group question's error is one
        fact's, where the deck's own count of facts would name none."""
        p = self.for_fact(fact_id)
        return TemplateProblem(p.path, p.line, p.col, p.message)


def describe_error(err: Exception) -> str:
    if isinstance(err, jinja2.UndefinedError):
        return f"{err.message}; check the field name against the fact format (or guard it with 'is defined')"
    if isinstance(err, jinja2.exceptions.SecurityError):
        return f"not allowed in the template sandbox: {err}"
    missing = _undefined_given(err) if isinstance(err, (TypeError, ValueError, AttributeError)) else None
    if missing is not None:  # a filter or test was handed a missing field and failed on it
        return f"{missing}; check the field name against the fact format (or guard it with 'is defined')"
    used = _filter_of(err) if isinstance(err, (KeyError, IndexError)) else None
    if used is not None:  # a filter looked up a field its value lacks ('fact.data | figure("value")')
        return (f"{used} found no {err.args[0]!r} in the value it was given; check the field names against "
                "the fact format (or guard them with 'is defined')")
    return f"{type(err).__name__}: {err}"


def _filter_of(err: Exception) -> str | None:
    """Which filter or test ("the filter 'figure'") raised ``err``, the innermost; None when none did."""
    named = {id(getattr(f, "__code__", None)): f"the filter '{n}'" for n, f in wording.FILTERS.items()}
    named.update({id(getattr(t, "__code__", None)): f"the test '{n}'" for n, t in wording.TESTS.items()})
    found, trace = None, err.__traceback__
    while trace is not None:
        found = named.get(id(trace.tb_frame.f_code), found)
        trace = trace.tb_next
    return found


def _undefined_given(err: Exception) -> str | None:
    """What is missing, when ``err`` came from a filter or test given an undefined value (a filter
    that reads its text with a regex fails with 'expected string ..., got StrictUndefined')."""
    trace = err.__traceback__
    while trace is not None:
        for value in trace.tb_frame.f_locals.values():
            if isinstance(value, jinja2.Undefined):
                return value._undefined_message
        trace = trace.tb_next
    return None
