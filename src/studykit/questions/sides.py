"""A template's ``sibling_when`` rule answered once per pair of what it reads of each fact.

The rule is asked of every sibling a question's walk samples (:func:`.choices.fill_choices`):
some hundred thousand pairs in a deck of 10,000 facts, and a rule with a costly test
(``sibling.data.holder is reported_in(fact.quote)``: a pattern over the passage) costs seconds.
What a rule reads is a few paths of each fact ('sibling.data.holder', 'fact.quote'), and its
plain evaluation (:mod:`.plain`) is a function of their values alone.  So its answer is kept per
pair of those values (4,000 claims with a handful of holders ask a handful of pairs per passage),
and a question whose pool can lend it nothing is told so without a walk, from one answer per
holder (:func:`.choices.pool_keys`).

Only what the plain evaluation answers is kept: a rule it leaves to Jinja is asked as before,
every time, with its errors and its budget.  A rule that reads anything but paths of ``fact``
and ``sibling`` (a call, a whole fact, a loop) is not split, and a path whose value is no plain
text, number, truth or none (a list, a dict, a step that is no dict) is asked as written.
"""

from __future__ import annotations

from typing import Any, Callable

from jinja2 import nodes

from . import plain, plainexpressions, snippetcache

_SIDES = ("fact", "sibling")
_PURE = (nodes.Getattr, nodes.Const, nodes.List, nodes.Tuple, nodes.Compare, nodes.Operand, nodes.And,
         nodes.Or, nodes.Not, nodes.CondExpr, nodes.Filter, nodes.Test, nodes.Concat)
_SCALARS = frozenset((str, int, float, bool, type(None)))
_MISSING = object()  # a path's last key missing: the rule sees it undefined
WORTH = 512  # asks after which a rule whose answers are seldom asked again stops keeping them


class PairRule:
    """``sibling_when`` of one template, for one render: its answers kept per pair of the values
    of the paths it reads (``fact_state`` of the question's fact, ``sibling_state`` of a sibling)."""

    def __init__(self, evaluated: Callable[[dict], Any], fast: Callable[[dict], Any],
                 paths: dict[str, tuple[tuple[str, ...], ...]]):
        self.evaluated = evaluated  # the renderer's: plain, else Jinja (errors, budget)
        self.fast = fast  # the plain evaluation alone (plain.FALLBACK where Jinja must answer)
        self.fact_paths, self.sibling_paths = paths["fact"], paths["sibling"]
        self.answers: dict[tuple, Any] | None = {}
        self.sibling_states: dict[str, tuple | None] = {}
        self.asked = self.kept = 0

    def fact_state(self, view) -> tuple | None:
        return _state(self.fact_paths, view)

    def sibling_state(self, sibling_id: str, view) -> tuple | None:
        """The sibling's values, found once per sibling (a view never changes during a render)."""
        state = self.sibling_states.get(sibling_id, _MISSING)
        if state is _MISSING:
            state = self.sibling_states[sibling_id] = _state(self.sibling_paths, view)
        return state

    def __call__(self, ctx: dict, fact_state: tuple | None, sibling_state: tuple | None):
        """The rule's answer for ``ctx`` ({'fact': ..., 'sibling': ...}), whose states are given."""
        answers = self.answers
        if answers is None or fact_state is None or sibling_state is None:
            return self.evaluated(ctx)
        self.asked += 1
        key = (fact_state, sibling_state)
        value = answers.get(key, _MISSING)
        if value is not _MISSING:
            self.kept += 1
            return value
        value = self.fast(ctx)
        if value is plain.FALLBACK:
            return self.evaluated(ctx)  # Jinja's answer, asked as always
        answers[key] = value
        if self.asked >= WORTH and self.kept * 4 < self.asked:  # pairs seldom alike (figures): stop keeping
            self.answers = None
        return value

    def plain_answer(self, ctx: dict, fact_state: tuple, sibling_state: tuple):
        """The kept or plain answer, or plain.FALLBACK: nothing is left to Jinja here (no error, no
        step of the budget), for :func:`.choices.pool_keys`' answer without a walk."""
        key = (fact_state, sibling_state)
        answers = self.answers
        value = answers.get(key, _MISSING) if answers is not None else _MISSING
        if value is _MISSING:
            value = self.fast(ctx)
            if value is not plain.FALLBACK and answers is not None:
                answers[key] = value
        return value


def pair_rule(renderer, template, source, evaluated) -> PairRule | None:
    """``sibling_when`` split by side, or None when it reads anything but paths of the two facts."""
    if not isinstance(source, str):
        return None
    try:
        tree = snippetcache.parsed_expression(renderer.text_env, source)
    except Exception:  # noqa: BLE001 - not valid: Jinja reports it when asked
        return None
    fast = renderer.plain_expression(source)
    paths = _paths(tree) if tree is not None and fast is not None else None
    if paths is None:
        return None
    by_side = {side: tuple(sorted(names for head, names in paths if head == side)) for side in _SIDES}
    return PairRule(evaluated, fast, by_side)


def _paths(node) -> set[tuple[str, tuple[str, ...]]] | None:
    """The paths ('sibling', ('data', 'holder')) a rule reads, or None when it reads anything else."""
    if isinstance(node, nodes.Getattr):
        chain = plainexpressions.path_of(node)
        return {chain} if chain is not None and chain[0] in _SIDES else None
    if not isinstance(node, _PURE):
        return None
    found: set = set()
    for child in node.iter_child_nodes():
        inner = _paths(child)
        if inner is None:
            return None
        found |= inner
    return found


def _state(paths: tuple[tuple[str, ...], ...], view) -> tuple | None:
    """The values of ``paths`` in ``view`` (with their types: 1 and 1.0 print apart), _MISSING for a
    missing last key; None when a step is no dict or a value no plain scalar."""
    values = []
    for names in paths:
        value = view
        for name in names:
            if type(value) is not dict:
                return None
            value = value.get(name, _MISSING)
        if value is _MISSING:
            values.append(_MISSING)
        elif type(value) in _SCALARS:
            values.append((type(value), value))
        else:
            return None
    return tuple(values)
