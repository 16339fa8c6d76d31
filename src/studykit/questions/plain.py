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
"""

from __future__ import annotations

from typing import Any, Callable

from jinja2 import nodes
from jinja2.filters import FILTERS as _JINJA_FILTERS
from markupsafe import escape

from . import snippetcache

FALLBACK = object()  # "ask Jinja": the snippet met something this module does not evaluate
_UNDEFINED = object()  # a missing key of a plain dict: only an 'is defined' test may look at it


class _Fallback(Exception):
    """Raised inside an evaluation that must be left to Jinja."""


Compiled = Callable[[dict[str, Any]], Any]


def expression(env, source: str) -> Compiled | None:
    """A function giving what ``env.compile_expression(source)`` gives, or None if not in the subset."""
    try:
        node = snippetcache.parsed_expression(env, source)
        if node is None:
            return None
        evaluate = _compile(env, node)
    except Exception:  # noqa: BLE001 - not in the subset (or not valid): Jinja reports it
        return None

    def run(ctx: dict[str, Any]):
        try:
            value = evaluate(ctx)
        except Exception:  # noqa: BLE001 - _Fallback, or a filter's error Jinja must report
            return FALLBACK
        return FALLBACK if value is _UNDEFINED else value

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
                raise _Fallback("a set beyond the plain one")
            named.add(target.name)
            steps.append((target.name, _compile(env, node.node)))
        else:
            steps.append((None, _statement(env, node)))

    def run(ctx):
        inner, parts = dict(ctx), []
        for name, step in steps:
            if name is None:
                parts.append(step(inner))
            else:
                inner[name] = _value(step(inner))
        return "".join(parts)

    return run


def _statement(env, node: nodes.Node) -> Text:
    if isinstance(node, nodes.Output):
        return _joined([_output(env, child) for child in node.nodes])
    if isinstance(node, nodes.If):
        test = _compile(env, node.test)
        body = _block(env, node.body)
        elifs = [(_compile(env, branch.test), _block(env, branch.body)) for branch in node.elif_]
        otherwise = _block(env, node.else_)

        def when(ctx):
            if _truth(test(ctx)):
                return body(ctx)
            for branch_test, branch in elifs:
                if _truth(branch_test(ctx)):
                    return branch(ctx)
            return otherwise(ctx)

        return when
    if isinstance(node, nodes.For):
        return _for(env, node)
    raise _Fallback(type(node).__name__)


LOOP_LIMIT = 1000  # items a plain loop takes; a longer list is left to Jinja and its step budget


def _for(env, node: nodes.For) -> Text:
    """``{% for item in items %}...{% endfor %}`` over a list of a fact or question, one level deep
    (no loop inside: its output could grow with the square of a list), with Jinja's ``loop.index``,
    ``index0``, ``revindex``, ``revindex0``, ``first``, ``last`` and ``length``; any other use of
    ``loop``, a filter (``if``), ``else`` or ``recursive`` is left to Jinja."""
    if (not isinstance(node.target, nodes.Name) or node.test is not None or node.else_ or node.recursive
            or any(node.find_all(nodes.For))):
        raise _Fallback("a loop beyond the plain one")
    name = node.target.name
    items_of = _compile(env, node.iter)
    body = _block(env, node.body)

    def loop(ctx):
        items = _value(items_of(ctx))
        if not isinstance(items, (list, tuple)) or len(items) > LOOP_LIMIT:
            raise _Fallback("not a short list")
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
        test, then = _compile(env, node.test), _compile(env, node.expr1)
        return lambda ctx: to_text(_value(then(ctx))) if _truth(test(ctx)) else ""
    evaluate = _compile(env, node)
    return lambda ctx: to_text(_value(evaluate(ctx)))


def _printer(env) -> Callable[[Any], str]:
    """How ``{{ value }}`` becomes text: escaped (as a plain ``str``) with autoescape, else ``str``."""
    if env.autoescape:
        return lambda value: str(escape(value))
    return str


# --- expressions ----------------------------------------------------------------------

def _compile(env, node: nodes.Node) -> Compiled:
    compiler = _COMPILERS.get(type(node))
    if compiler is None:
        raise _Fallback(type(node).__name__)
    return compiler(env, node)


def _value(value):
    """A value an operation may use: not a missing key (Jinja's StrictUndefined would raise)."""
    if value is _UNDEFINED:
        raise _Fallback("undefined")
    return value


def _truth(value) -> bool:
    return bool(_value(value))


def _name(env, node: nodes.Name) -> Compiled:
    if node.ctx != "load":
        raise _Fallback("store")
    name = node.name

    def load(ctx):
        if name not in ctx:
            raise _Fallback(name)  # a global or an undefined name: Jinja's to resolve
        return ctx[name]

    return load


def _getattr(env, node: nodes.Getattr) -> Compiled:
    """``value.name`` or ``value['name']`` as the sandbox resolves it on a plain dict.

    An object's attribute, or a name of a dict method (known when compiling), is
    Jinja's to decide.
    """
    chain = _chain(node)
    if chain is not None:
        return _path(*chain)
    parent, name = _compile(env, node.node), node.attr
    if hasattr(dict, name):
        def method(ctx):
            _value(parent(ctx))  # what the parent raises first, as before
            raise _Fallback(name)

        return method

    def get(ctx):
        value = parent(ctx)
        if value is _UNDEFINED:
            raise _Fallback("undefined")
        if type(value) is not dict:
            raise _Fallback(name)
        return value.get(name, _UNDEFINED)

    return get


def _chain(node: nodes.Getattr) -> tuple[str, tuple[str, ...]] | None:
    """('fact', ('data', 'holder')) for ``fact.data.holder``: a context name and keys, none of them
    a dict method's name; None for anything else."""
    names = []
    while isinstance(node, nodes.Getattr):
        if hasattr(dict, node.attr):
            return None
        names.append(node.attr)
        node = node.node
    if not isinstance(node, nodes.Name) or node.ctx != "load":
        return None
    return node.name, tuple(reversed(names))


def _path(head: str, names: tuple[str, ...]) -> Compiled:
    """``_getattr`` of ``_getattr`` ... of ``_name`` in one function: the same value, the same
    fallbacks (an undefined name, a step from a missing key or from a value that is not a plain dict),
    a missing last key giving _UNDEFINED."""
    if len(names) == 1:
        (name,) = names

        def get1(ctx):
            value = ctx.get(head, _UNDEFINED)
            if type(value) is not dict:
                raise _Fallback(name)
            return value.get(name, _UNDEFINED)

        return get1
    if len(names) == 2:
        first, second = names

        def get2(ctx):
            value = ctx.get(head, _UNDEFINED)
            if type(value) is not dict:
                raise _Fallback(first)
            value = value.get(first, _UNDEFINED)
            if type(value) is not dict:
                raise _Fallback(second)
            return value.get(second, _UNDEFINED)

        return get2

    def get(ctx):
        value = ctx.get(head, _UNDEFINED)
        for name in names:
            if type(value) is not dict:
                raise _Fallback(name)
            value = value.get(name, _UNDEFINED)
        return value

    return get


def _getitem(env, node: nodes.Getitem) -> Compiled:
    """``value['name']``: the key, as the sandbox tries it first, even one named like a dict method
    ('items').  A missing key is Jinja's to decide when the name is a dict method's (it tries the
    attribute next); any other missing key is undefined, as Jinja's lookup of the attribute finds
    nothing (``fact.figure_elsewhere['value'] is not defined``)."""
    if not isinstance(node.arg, nodes.Const) or not isinstance(node.arg.value, str):
        raise _Fallback("subscript")
    parent, name = _compile(env, node.node), node.arg.value
    if not hasattr(dict, name):
        def get_or_undefined(ctx):
            value = _value(parent(ctx))
            if type(value) is not dict:
                raise _Fallback(name)
            return value.get(name, _UNDEFINED)

        return get_or_undefined

    def get(ctx):
        value = _value(parent(ctx))
        if type(value) is not dict or name not in value:
            raise _Fallback(name)  # Jinja tries the attribute next: its to decide
        return value[name]

    return get


def _const(env, node: nodes.Const) -> Compiled:
    value = node.value
    return lambda ctx: value


def _list(env, node: nodes.List) -> Compiled:
    items = [_compile(env, item) for item in node.items]
    return lambda ctx: [_value(item(ctx)) for item in items]


def _tuple(env, node: nodes.Tuple) -> Compiled:
    """``('%', 'per cent')``, as a value (a tuple assigned to, in a loop or a set, is no value)."""
    if node.ctx != "load":
        raise _Fallback("store")
    items = [_compile(env, item) for item in node.items]
    return lambda ctx: tuple([_value(item(ctx)) for item in items])


_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "eq": lambda a, b: a == b, "ne": lambda a, b: a != b, "lt": lambda a, b: a < b,
    "gt": lambda a, b: a > b, "lteq": lambda a, b: a <= b, "gteq": lambda a, b: a >= b,
    "in": lambda a, b: a in b, "notin": lambda a, b: a not in b,
}


def _compare(env, node: nodes.Compare) -> Compiled:
    first = _compile(env, node.expr)
    rest = [(_OPERATORS[op.op], _compile(env, op.expr)) for op in node.ops]

    def compare(ctx):  # chained like Python's (and Jinja's generated code): a < b < c
        left = _value(first(ctx))
        for operator, right_of in rest:
            right = _value(right_of(ctx))
            if not operator(left, right):
                return False
            left = right
        return True

    return compare


def _and(env, node: nodes.And) -> Compiled:
    left, right = _compile(env, node.left), _compile(env, node.right)

    def both(ctx):
        value = _value(left(ctx))
        return _value(right(ctx)) if value else value

    return both


def _or(env, node: nodes.Or) -> Compiled:
    left, right = _compile(env, node.left), _compile(env, node.right)

    def either(ctx):
        value = _value(left(ctx))
        return value if value else _value(right(ctx))

    return either


def _not(env, node: nodes.Not) -> Compiled:
    operand = _compile(env, node.node)
    return lambda ctx: not _truth(operand(ctx))


def _cond(env, node: nodes.CondExpr) -> Compiled:
    if node.expr2 is None:
        raise _Fallback("inline if without else")  # gives an Undefined object when false
    test, then, otherwise = (_compile(env, node.test), _compile(env, node.expr1),
                             _compile(env, node.expr2))
    return lambda ctx: _value(then(ctx)) if _truth(test(ctx)) else _value(otherwise(ctx))


def _plain_function(table: dict, name: str):
    """A filter or test of the environment that takes no context, environment or eval context."""
    function = table.get(name)
    if function is None or getattr(function, "jinja_pass_arg", None) is not None:
        raise _Fallback(name)
    return function


def _arguments(env, node):
    if node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise _Fallback("keyword arguments")
    return [_compile(env, arg) for arg in node.args]


def _filter(env, node: nodes.Filter) -> Compiled:
    if node.node is None:
        raise _Fallback("filter block")
    if node.name in _BUILTIN_SEQUENCE_FILTERS and _jinjas_own(env.filters.get(node.name), node.name):
        return _BUILTIN_SEQUENCE_FILTERS[node.name](env, node)
    function = _plain_function(env.filters, node.name)
    operand, args = _compile(env, node.node), _arguments(env, node)
    return lambda ctx: function(_value(operand(ctx)), *[_value(arg(ctx)) for arg in args])


def _jinjas_own(given, name: str) -> bool:
    """Whether the environment's filter ``name`` is Jinja's own, or the sandbox's size check around it
    (``__wrapped__``).  Not ``getattr(given, '__wrapped__', given)`` alone: Jinja's own ``select``,
    ``reject``, ``list`` and ``join`` are async variants whose ``__wrapped__`` is their inner sync
    function, so that test sent every snippet using them to Jinja's runtime."""
    own = _JINJA_FILTERS[name]
    return given is own or getattr(given, "__wrapped__", None) is own


def _select(env, node: nodes.Filter, keep: bool = True) -> Compiled:
    """``items | select('in', text)``: Jinja's select (or reject) with a plain test named by a constant,
    a generator as Jinja's, which yields nothing for an empty or false input without looking at the test."""
    if not node.args or not isinstance(node.args[0], nodes.Const) or not isinstance(node.args[0].value, str):
        raise _Fallback("select without a test name")
    test = _plain_function(env.tests, node.args[0].value)
    operand = _compile(env, node.node)
    args = [_compile(env, arg) for arg in node.args[1:]]
    if node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise _Fallback("keyword arguments")

    def select(ctx):
        value = _value(operand(ctx))
        values = [_value(arg(ctx)) for arg in args]
        return (item for item in value if bool(test(item, *values)) == keep) if value else iter(())

    return select


def _reject(env, node: nodes.Filter) -> Compiled:
    return _select(env, node, keep=False)


def _to_list(env, node: nodes.Filter) -> Compiled:
    """``| list``: Jinja's list filter (a list of the items; of the characters of a text)."""
    if node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise _Fallback("list with arguments")
    operand = _compile(env, node.node)
    return lambda ctx: list(_value(operand(ctx)))


def _test(env, node: nodes.Test) -> Compiled:
    operand = _compile(env, node.node)
    if node.name in ("defined", "undefined") and not node.args:
        wanted = node.name == "defined"
        return lambda ctx: (operand(ctx) is not _UNDEFINED) == wanted
    if node.name == "none" and not node.args:
        return lambda ctx: _value(operand(ctx)) is None
    function, args = _plain_function(env.tests, node.name), _arguments(env, node)
    return lambda ctx: function(_value(operand(ctx)), *[_value(arg(ctx)) for arg in args])


_TEXT_METHODS = frozenset(("lower", "upper", "strip", "title", "capitalize"))


def _call(env, node: nodes.Call) -> Compiled:
    """``text.lower()`` and its kin, without arguments, on a plain text (what the sandbox allows)."""
    target = node.node
    if not isinstance(target, nodes.Getattr) or target.attr not in _TEXT_METHODS or node.args \
            or node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise _Fallback("call")
    operand, method = _compile(env, target.node), getattr(str, target.attr)

    def call(ctx):
        value = _value(operand(ctx))
        if type(value) is not str:
            raise _Fallback("method of a value that is not a plain text")
        return method(value)

    return call


# Jinja's own filters that take its context or are async-aware, evaluated here by their documented meaning
# (only while the environment still has Jinja's own function under that name).
def _default(env, node: nodes.Filter) -> Compiled:
    """``x | default('y')``: Jinja's default, for a missing key (what StrictUndefined lets it see);
    a present value, even none or empty, is kept (``boolean`` is left to Jinja)."""
    if len(node.args) > 1 or node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise _Fallback("default with more than a value")
    operand = _compile(env, node.node)
    otherwise = _compile(env, node.args[0]) if node.args else (lambda ctx: "")

    def default(ctx):
        value = operand(ctx)
        return _value(otherwise(ctx)) if value is _UNDEFINED else value

    return default


def _join(env, node: nodes.Filter) -> Compiled:
    """``items | join('; ')`` in a text snippet: Jinja's join without autoescape (the separator's
    and each item's ``str``); an ``attribute`` argument or autoescape is left to Jinja."""
    if env.autoescape is not False or len(node.args) > 1 or node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise _Fallback("join with autoescape or an attribute")
    operand = _compile(env, node.node)
    separator = _compile(env, node.args[0]) if node.args else (lambda ctx: "")
    check = getattr(env, "check_join", None)  # the sandbox's size limit (an error: Jinja reports it)

    def joined(ctx):
        items, between = _value(operand(ctx)), str(_value(separator(ctx)))
        if check is not None:
            check(items, between)
        return between.join(map(str, items))

    return joined


_BUILTIN_SEQUENCE_FILTERS = {"select": _select, "reject": _reject, "list": _to_list,
                             "default": _default, "d": _default, "join": _join}

def _concat(env, node: nodes.Concat) -> Compiled:
    """``a ~ b`` in a text snippet: Jinja joins the parts' ``str`` (with autoescape it escapes
    them unless marked safe: left to Jinja)."""
    if env.autoescape is not False:
        raise _Fallback("concat with autoescape")
    parts = [_compile(env, part) for part in node.nodes]
    return lambda ctx: "".join([str(_value(part(ctx))) for part in parts])


_COMPILERS = {
    nodes.Name: _name, nodes.Getattr: _getattr, nodes.Getitem: _getitem, nodes.Const: _const,
    nodes.List: _list, nodes.Tuple: _tuple, nodes.Compare: _compare, nodes.And: _and, nodes.Or: _or, nodes.Not: _not,
    nodes.CondExpr: _cond, nodes.Filter: _filter, nodes.Test: _test, nodes.Call: _call,
    nodes.Concat: _concat,
}
