"""The expressions of a plain snippet (:mod:`.plain`): each node of Jinja's tree as a small function
of the context giving what Jinja gives, or raising :class:`NotPlain` where Jinja must decide.

Names of the context, keys of plain dicts (``a.b``, ``a['b']``), constants, lists and tuples of
them, comparisons, ``and``, ``or``, ``not``, inline ``if``, ``~`` in text, the environment's own
filters and tests that take no context, Jinja's own ``select``, ``reject``, ``list``, ``default``
and ``join`` by their documented meaning, and ``lower()`` and its kin on a plain text.
"""

from __future__ import annotations

from typing import Any, Callable

from jinja2 import nodes
from jinja2.filters import FILTERS as _JINJA_FILTERS

UNDEFINED = object()  # a missing key of a plain dict: only an 'is defined' test may look at it


class NotPlain(Exception):
    """Raised inside an evaluation that must be left to Jinja."""


Compiled = Callable[[dict[str, Any]], Any]


def compile_node(env, node: nodes.Node) -> Compiled:
    compiler = _COMPILERS.get(type(node))
    if compiler is None:
        raise NotPlain(type(node).__name__)
    return compiler(env, node)


def defined(value):
    """A value an operation may use: not a missing key (Jinja's StrictUndefined would raise)."""
    if value is UNDEFINED:
        raise NotPlain("undefined")
    return value


def truth(value) -> bool:
    return bool(defined(value))


def _name(env, node: nodes.Name) -> Compiled:
    if node.ctx != "load":
        raise NotPlain("store")
    name = node.name

    def load(ctx):
        if name not in ctx:
            raise NotPlain(name)  # a global or an undefined name: Jinja's to resolve
        return ctx[name]

    return load


def _getattr(env, node: nodes.Getattr) -> Compiled:
    """``value.name`` or ``value['name']`` as the sandbox resolves it on a plain dict.

    An object's attribute, or a name of a dict method (known when compiling), is
    Jinja's to decide.
    """
    chain = path_of(node)
    if chain is not None:
        return _path(*chain)
    parent, name = compile_node(env, node.node), node.attr
    if hasattr(dict, name):
        def method(ctx):
            defined(parent(ctx))  # what the parent raises first, as before
            raise NotPlain(name)

        return method

    def get(ctx):
        value = parent(ctx)
        if value is UNDEFINED:
            raise NotPlain("undefined")
        if type(value) is not dict:
            raise NotPlain(name)
        return value.get(name, UNDEFINED)

    return get


def path_of(node: nodes.Getattr) -> tuple[str, tuple[str, ...]] | None:
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
    a missing last key giving UNDEFINED."""
    if len(names) == 1:
        (name,) = names

        def get1(ctx):
            value = ctx.get(head, UNDEFINED)
            if type(value) is not dict:
                raise NotPlain(name)
            return value.get(name, UNDEFINED)

        return get1
    if len(names) == 2:
        first, second = names

        def get2(ctx):
            value = ctx.get(head, UNDEFINED)
            if type(value) is not dict:
                raise NotPlain(first)
            value = value.get(first, UNDEFINED)
            if type(value) is not dict:
                raise NotPlain(second)
            return value.get(second, UNDEFINED)

        return get2

    def get(ctx):
        value = ctx.get(head, UNDEFINED)
        for name in names:
            if type(value) is not dict:
                raise NotPlain(name)
            value = value.get(name, UNDEFINED)
        return value

    return get


def _getitem(env, node: nodes.Getitem) -> Compiled:
    """``value['name']``: the key, as the sandbox tries it first, even one named like a dict method
    ('items').  A missing key is Jinja's to decide when the name is a dict method's (it tries the
    attribute next); any other missing key is undefined, as Jinja's lookup of the attribute finds
    nothing (``fact.figure_elsewhere['value'] is not defined``).  Any other subscript is a place in a
    plain list or text (``facts[0]``, ``q.letters[i]``)."""
    if not isinstance(node.arg, nodes.Const) or not isinstance(node.arg.value, str):
        return _place(env, node)
    parent, name = compile_node(env, node.node), node.arg.value
    if not hasattr(dict, name):
        def get_or_undefined(ctx):
            value = defined(parent(ctx))
            if type(value) is not dict:
                raise NotPlain(name)
            return value.get(name, UNDEFINED)

        return get_or_undefined

    def get(ctx):
        value = defined(parent(ctx))
        if type(value) is not dict or name not in value:
            raise NotPlain(name)  # Jinja tries the attribute next: its to decide
        return value[name]

    return get


def _place(env, node: nodes.Getitem) -> Compiled:
    """``items[i]``: the item at a whole number within a plain list, tuple or text, as the sandbox
    gives it; anything else (a place outside it, a dict, a slice) is Jinja's to decide."""
    parent, place = compile_node(env, node.node), compile_node(env, node.arg)

    def get(ctx):
        value, at = defined(parent(ctx)), defined(place(ctx))
        if type(value) not in (list, tuple, str) or type(at) is not int or not -len(value) <= at < len(value):
            raise NotPlain("subscript")
        return value[at]

    return get


def _const(env, node: nodes.Const) -> Compiled:
    value = node.value
    return lambda ctx: value


def _list(env, node: nodes.List) -> Compiled:
    items = [compile_node(env, item) for item in node.items]
    return lambda ctx: [defined(item(ctx)) for item in items]


def _tuple(env, node: nodes.Tuple) -> Compiled:
    """``('%', 'per cent')``, as a value (a tuple assigned to, in a loop or a set, is no value)."""
    if node.ctx != "load":
        raise NotPlain("store")
    items = [compile_node(env, item) for item in node.items]
    return lambda ctx: tuple([defined(item(ctx)) for item in items])


_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "eq": lambda a, b: a == b, "ne": lambda a, b: a != b, "lt": lambda a, b: a < b,
    "gt": lambda a, b: a > b, "lteq": lambda a, b: a <= b, "gteq": lambda a, b: a >= b,
    "in": lambda a, b: a in b, "notin": lambda a, b: a not in b,
}


def _compare(env, node: nodes.Compare) -> Compiled:
    first = compile_node(env, node.expr)
    rest = [(_OPERATORS[op.op], compile_node(env, op.expr)) for op in node.ops]

    def compare(ctx):  # chained like Python's (and Jinja's generated code): a < b < c
        left = defined(first(ctx))
        for operator, right_of in rest:
            right = defined(right_of(ctx))
            if not operator(left, right):
                return False
            left = right
        return True

    return compare


def _and(env, node: nodes.And) -> Compiled:
    left, right = compile_node(env, node.left), compile_node(env, node.right)

    def both(ctx):
        value = defined(left(ctx))
        return defined(right(ctx)) if value else value

    return both


def _or(env, node: nodes.Or) -> Compiled:
    left, right = compile_node(env, node.left), compile_node(env, node.right)

    def either(ctx):
        value = defined(left(ctx))
        return value if value else defined(right(ctx))

    return either


def _not(env, node: nodes.Not) -> Compiled:
    operand = compile_node(env, node.node)
    return lambda ctx: not truth(operand(ctx))


def _cond(env, node: nodes.CondExpr) -> Compiled:
    if node.expr2 is None:
        raise NotPlain("inline if without else")  # gives an Undefined object when false
    test, then, otherwise = (compile_node(env, node.test), compile_node(env, node.expr1),
                             compile_node(env, node.expr2))
    return lambda ctx: defined(then(ctx)) if truth(test(ctx)) else defined(otherwise(ctx))


def plain_function(table: dict, name: str):
    """A filter or test of the environment that takes no context, environment or eval context."""
    function = table.get(name)
    if function is None or getattr(function, "jinja_pass_arg", None) is not None:
        raise NotPlain(name)
    return function


def _arguments(env, node):
    if node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise NotPlain("keyword arguments")
    return [compile_node(env, arg) for arg in node.args]


def _filter(env, node: nodes.Filter) -> Compiled:
    if node.node is None:
        raise NotPlain("filter block")
    if node.name in SEQUENCE_FILTERS and jinjas_own(env.filters.get(node.name), node.name):
        return SEQUENCE_FILTERS[node.name](env, node)
    function = plain_function(env.filters, node.name)
    operand, args = compile_node(env, node.node), _arguments(env, node)
    return lambda ctx: function(defined(operand(ctx)), *[defined(arg(ctx)) for arg in args])


def jinjas_own(given, name: str) -> bool:
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
        raise NotPlain("select without a test name")
    test = plain_function(env.tests, node.args[0].value)
    operand = compile_node(env, node.node)
    args = [compile_node(env, arg) for arg in node.args[1:]]
    if node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise NotPlain("keyword arguments")

    def select(ctx):
        value = defined(operand(ctx))
        values = [defined(arg(ctx)) for arg in args]
        return (item for item in value if bool(test(item, *values)) == keep) if value else iter(())

    return select


def _reject(env, node: nodes.Filter) -> Compiled:
    return _select(env, node, keep=False)


def _to_list(env, node: nodes.Filter) -> Compiled:
    """``| list``: Jinja's list filter (a list of the items; of the characters of a text)."""
    if node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise NotPlain("list with arguments")
    operand = compile_node(env, node.node)
    return lambda ctx: list(defined(operand(ctx)))


def _test(env, node: nodes.Test) -> Compiled:
    operand = compile_node(env, node.node)
    if node.name in ("defined", "undefined") and not node.args:
        wanted = node.name == "defined"
        return lambda ctx: (operand(ctx) is not UNDEFINED) == wanted
    if node.name == "none" and not node.args:
        return lambda ctx: defined(operand(ctx)) is None
    function, args = plain_function(env.tests, node.name), _arguments(env, node)
    return lambda ctx: function(defined(operand(ctx)), *[defined(arg(ctx)) for arg in args])


_TEXT_METHODS = frozenset(("lower", "upper", "strip", "title", "capitalize"))


def _call(env, node: nodes.Call) -> Compiled:
    """``text.lower()`` and its kin, without arguments, on a plain text, and ``items.index(text)`` of
    a plain list (what the sandbox allows)."""
    target = node.node
    if isinstance(target, nodes.Getattr) and target.attr == "index" and len(node.args) == 1 \
            and not (node.kwargs or node.dyn_args or node.dyn_kwargs):
        return _index(env, target.node, node.args[0])
    if not isinstance(target, nodes.Getattr) or target.attr not in _TEXT_METHODS or node.args \
            or node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise NotPlain("call")
    operand, method = compile_node(env, target.node), getattr(str, target.attr)

    def call(ctx):
        value = defined(operand(ctx))
        if type(value) is not str:
            raise NotPlain("method of a value that is not a plain text")
        return method(value)

    return call


def _index(env, items_node, item_node) -> Compiled:
    """``q.options.index(item)``: where a text is in a plain list (the ordering card's letters).  An
    item that is no text, or not in the list, is Jinja's (its error, or its size check)."""
    items_of, item_of = compile_node(env, items_node), compile_node(env, item_node)

    def index(ctx):
        items, item = defined(items_of(ctx)), defined(item_of(ctx))
        if type(items) is not list or type(item) is not str:
            raise NotPlain("index of a value that is not a plain list")
        return items.index(item)  # ValueError when missing: the caller leaves it to Jinja

    return index


# Jinja's own filters that take its context or are async-aware, evaluated here by their documented meaning
# (only while the environment still has Jinja's own function under that name).
def _default(env, node: nodes.Filter) -> Compiled:
    """``x | default('y')``: Jinja's default, for a missing key (what StrictUndefined lets it see);
    a present value, even none or empty, is kept (``boolean`` is left to Jinja)."""
    if len(node.args) > 1 or node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise NotPlain("default with more than a value")
    operand = compile_node(env, node.node)
    otherwise = compile_node(env, node.args[0]) if node.args else (lambda ctx: "")

    def default(ctx):
        value = operand(ctx)
        return defined(otherwise(ctx)) if value is UNDEFINED else value

    return default


def _join(env, node: nodes.Filter) -> Compiled:
    """``items | join('; ')`` in a text snippet: Jinja's join without autoescape (the separator's
    and each item's ``str``); an ``attribute`` argument or autoescape is left to Jinja."""
    if env.autoescape is not False or len(node.args) > 1 or node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise NotPlain("join with autoescape or an attribute")
    operand = compile_node(env, node.node)
    separator = compile_node(env, node.args[0]) if node.args else (lambda ctx: "")
    check = getattr(env, "check_join", None)  # the sandbox's size limit (an error: Jinja reports it)

    def joined(ctx):
        items, between = defined(operand(ctx)), str(defined(separator(ctx)))
        if check is not None:
            check(items, between)
        return between.join(map(str, items))

    return joined


SEQUENCE_FILTERS = {"select": _select, "reject": _reject, "list": _to_list,
                             "default": _default, "d": _default, "join": _join}

def _concat(env, node: nodes.Concat) -> Compiled:
    """``a ~ b`` in a text snippet: Jinja joins the parts' ``str`` (with autoescape it escapes
    them unless marked safe: left to Jinja)."""
    if env.autoescape is not False:
        raise NotPlain("concat with autoescape")
    parts = [compile_node(env, part) for part in node.nodes]
    return lambda ctx: "".join([str(defined(part(ctx))) for part in parts])


_COMPILERS = {
    nodes.Name: _name, nodes.Getattr: _getattr, nodes.Getitem: _getitem, nodes.Const: _const,
    nodes.List: _list, nodes.Tuple: _tuple, nodes.Compare: _compare, nodes.And: _and, nodes.Or: _or, nodes.Not: _not,
    nodes.CondExpr: _cond, nodes.Filter: _filter, nodes.Test: _test, nodes.Call: _call,
    nodes.Concat: _concat,
}
