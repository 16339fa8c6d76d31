"""Template snippets simple enough to evaluate without Jinja's runtime, giving what Jinja gives.

Most snippets only print fact fields through the wording filters
(``{{ fact.data.holder | bare | capfirst }}``) or test them
(``fact.data.promised is defined and fact.kind != 'list'``).  Jinja runs
each of those through a new context, a generator and the sandbox's attribute
hooks: a tenth of a large deck's rendering.  Here such a snippet, parsed by
the same Jinja environment, becomes a small Python function over the context.

Only a safe subset is taken: names of the context, keys of plain dicts
(``a.b``, ``a['b']``), constants and lists and tuples of them, comparisons, ``and``,
``or``, ``not``, inline ``if``, ``~`` in text, ``{% if %}`` blocks, a ``{% for %}`` over a
short list (one level), a ``{% set %}`` of a name at the top level, the environment's own
filters and tests that take no context, Jinja's ``select``, ``reject`` (with
a test named by a constant), ``list``, ``default`` (of a missing key) and ``join`` in text, and ``lower()``, ``upper()``,
``strip()``, ``title()`` and ``capitalize()`` of a plain text.  Nothing can reach
any other attribute of a Python object or loop, so the sandbox has nothing to guard.
Whenever a value is not plain (an undefined name or key outside an ``is
defined`` test, a dict method's name, an error in a filter), the function
answers :data:`FALLBACK` and the caller renders with Jinja as before: same
text, same errors with the same positions.

This module holds the two entry points, the tiering to compiled code (:mod:`.plaincode`) and the
statements; each expression node's function is in :mod:`.plainexpressions`.
"""

from __future__ import annotations

from typing import Any, Callable

from jinja2 import nodes
from markupsafe import escape

from . import snippetcache
from .plainexpressions import UNDEFINED, NotPlain, compile_node, defined, truth

FALLBACK = object()  # "ask Jinja": the snippet met something this module does not evaluate
Compiled = Callable[[dict[str, Any]], Any]


def expression(env, source: str) -> Compiled | None:
    """A function giving what ``env.compile_expression(source)`` gives, or None if not in the subset."""
    try:
        node = snippetcache.parsed_expression(env, source)
        if node is None:
            return None
        evaluate = compile_node(env, node)
    except Exception:  # noqa: BLE001 - not in the subset (or not valid): Jinja reports it
        return None

    def run(ctx: dict[str, Any]):
        try:
            value = evaluate(ctx)
        except Exception:  # noqa: BLE001 - NotPlain, or a filter's error Jinja must report
            return FALLBACK
        return FALLBACK if value is UNDEFINED else value

    return _tiered(run, lambda: _generated().expression(env, node))


def template(env, source: str) -> Compiled | None:
    """A function giving the text Jinja renders from ``source`` (before any stripping), or None."""
    if not isinstance(env.autoescape, bool):
        return None  # escaping decided per template name: Jinja's to apply
    try:
        tree = snippetcache.parsed(env, source).body
        body = _top_level(env, tree)
    except Exception:  # noqa: BLE001 - not in the subset (or not valid): Jinja reports it
        return None

    def run(ctx: dict[str, Any]):
        try:
            return body(ctx)
        except Exception:  # noqa: BLE001
            return FALLBACK

    return _tiered(run, lambda: _generated().template(env, tree))


HOT = 50  # runs of a snippet before it is compiled to one function (:mod:`.plaincode`: 0.5-1.5 ms, or
# ~0.05 ms read back from the snippet cache)


def _tiered(slow: Compiled, generate: Callable[[], Compiled]) -> Compiled:
    """``slow`` (the tree of functions) for a snippet's first :data:`HOT` runs, then the one function
    ``generate()`` compiles (``slow`` still if that fails): ``check`` on a small project compiles
    nothing, a deck of thousands of facts compiles the snippets it runs most."""
    fast = None
    left = HOT

    def run(ctx):
        nonlocal fast, left
        if fast is not None:
            return fast(ctx)
        left -= 1
        if left > 0:
            return slow(ctx)
        try:
            fast = generate()
        except Exception:  # noqa: BLE001 - nesting Python cannot compile, say: the tree it stays
            fast = slow
        return fast(ctx)

    return run


def _generated():
    from . import plaincode  # only once a snippet is run often

    return plaincode


# --- statements: each compiled to a function of the context giving its text ----------

Text = Callable[[dict[str, Any]], str]


def _joined(pieces: list[Text]) -> Text:
    """The pieces' texts one after the other (a single piece is itself)."""
    if len(pieces) == 1:
        return pieces[0]
    if not pieces:
        return lambda ctx: ""
    return lambda ctx: "".join([piece(ctx) for piece in pieces])


def _block(env, body: list[nodes.Node]) -> Text:
    return _joined([_statement(env, node) for node in body])


def _top_level(env, body: list[nodes.Node]) -> Text:
    """The template's own statements, where ``{% set name = value %}`` names a value for the
    statements after it (a list's length: ``{% set n = fact.data['items'] | length %}``).

    Only a plain name, set once, at the top level, and read only after it is set: inside an
    ``if`` or a loop, a name set twice or read before (the context's value) are Jinja's to scope.
    A value that is a missing key is Jinja's too (its Undefined goes on into the later statements).
    """
    if not any(isinstance(node, nodes.Assign) for node in body):
        return _block(env, body)
    steps: list[tuple[str | None, Any]] = []
    named: set[str] = set()
    for at, node in enumerate(body):
        if isinstance(node, nodes.Assign):
            target = node.target
            if not isinstance(target, nodes.Name) or target.name in named or any(
                    name.name == target.name for step in body[:at + 1]
                    for name in step.find_all(nodes.Name) if name.ctx == "load"):
                raise NotPlain("a set beyond the plain one")
            named.add(target.name)
            steps.append((target.name, compile_node(env, node.node)))
        else:
            steps.append((None, _statement(env, node)))

    def run(ctx):
        inner, parts = dict(ctx), []
        for name, step in steps:
            if name is None:
                parts.append(step(inner))
            else:
                inner[name] = defined(step(inner))
        return "".join(parts)

    return run


def _statement(env, node: nodes.Node) -> Text:
    if isinstance(node, nodes.Output):
        return _joined([_output(env, child) for child in node.nodes])
    if isinstance(node, nodes.If):
        test = compile_node(env, node.test)
        body = _block(env, node.body)
        elifs = [(compile_node(env, branch.test), _block(env, branch.body)) for branch in node.elif_]
        otherwise = _block(env, node.else_)

        def when(ctx):
            if truth(test(ctx)):
                return body(ctx)
            for branch_test, branch in elifs:
                if truth(branch_test(ctx)):
                    return branch(ctx)
            return otherwise(ctx)

        return when
    if isinstance(node, nodes.For):
        return _for(env, node)
    raise NotPlain(type(node).__name__)


LOOP_LIMIT = 1000  # items a plain loop takes; a longer list is left to Jinja and its step budget


def _for(env, node: nodes.For) -> Text:
    """``{% for item in items %}...{% endfor %}`` over a list of a fact or question, one level deep
    (no loop inside: its output could grow with the square of a list), with Jinja's ``loop.index``,
    ``index0``, ``revindex``, ``revindex0``, ``first``, ``last`` and ``length``; any other use of
    ``loop``, a filter (``if``), ``else`` or ``recursive`` is left to Jinja."""
    if (not isinstance(node.target, nodes.Name) or node.test is not None or node.else_ or node.recursive
            or any(node.find_all(nodes.For))):
        raise NotPlain("a loop beyond the plain one")
    name = node.target.name
    items_of = compile_node(env, node.iter)
    body = _block(env, node.body)

    def loop(ctx):
        items = defined(items_of(ctx))
        if not isinstance(items, (list, tuple)) or len(items) > LOOP_LIMIT:
            raise NotPlain("not a short list")
        inner, length, parts = dict(ctx), len(items), []
        for i, item in enumerate(items):
            inner[name] = item
            inner["loop"] = {"index": i + 1, "index0": i, "revindex": length - i, "revindex0": length - i - 1,
                             "first": i == 0, "last": i == length - 1, "length": length}
            parts.append(body(inner))
        return "".join(parts)

    return loop


def _output(env, node: nodes.Node) -> Text:
    if isinstance(node, nodes.TemplateData):
        data = node.data
        return lambda ctx: data
    to_text = _printer(env)
    if isinstance(node, nodes.CondExpr) and node.expr2 is None:
        # '{{ x if test }}': Jinja prints nothing when the test is false (a plain Undefined)
        test, then = compile_node(env, node.test), compile_node(env, node.expr1)
        return lambda ctx: to_text(defined(then(ctx))) if truth(test(ctx)) else ""
    evaluate = compile_node(env, node)
    return lambda ctx: to_text(defined(evaluate(ctx)))


def _printer(env) -> Callable[[Any], str]:
    """How ``{{ value }}`` becomes text: escaped (as a plain ``str``) with autoescape, else ``str``."""
    if env.autoescape:
        return lambda value: str(escape(value))
    return str
