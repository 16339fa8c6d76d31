"""A plain snippet (:mod:`.plain`) as one generated Python function, for the snippets a deck runs often.

:mod:`.plain` turns a snippet into a tree of small functions, one per node: a
figure template's ``sibling_when`` is some sixty calls for each pair of facts it
compares.  Here the same tree becomes the text of one function (each node's
step written out in place, with the same checks in the same order), compiled
once: about a quarter of the time per call.  Compiling costs about as much as a
few hundred calls, so a snippet is compiled only once it has been run
``plain.HOT`` times (``check`` on the shipped project compiles a handful), and the code is
kept in the snippet cache for the next run.

What is generated gives exactly what the tree gives: the same value, and an
exception (so ``plain.FALLBACK``, and Jinja renders) exactly where the tree
raises one.  A node written out here does just what its function in
:mod:`.plain` does; any other node (a loop, ``select``, ``join``, ``list``) is
that function itself, called from the generated code.
``tests/test_scale_plaincode.py`` compares the two on every snippet and fact of
the shipped project, the examples and a generated course, and on the cases
``tests/test_scale.py`` compares with Jinja.
"""

from __future__ import annotations

from typing import Any, Callable

from jinja2 import nodes
from markupsafe import escape

from . import plain, plainexpressions, snippetcache

FORMAT = 1  # of the generated text: part of its key in the snippet cache
_OPERATORS = {"eq": "==", "ne": "!=", "lt": "<", "gt": ">", "lteq": "<=", "gteq": ">=", "in": "in",
              "notin": "not in"}


def expression(env, node: nodes.Expr) -> Callable[[dict], Any]:
    """``plain.expression``'s ``run`` for the tree ``node``, as one function."""
    code = _Code(env, _shared_prefixes([node]), _repeated([node]))
    code.value(node, "result", 2)
    code.lines.append("    return FALLBACK if result is U else result")
    return code.function()


def template(env, body: list[nodes.Node]) -> Callable[[dict], Any]:
    """``plain.template``'s ``run`` for the statements ``body``, as one function."""
    sets = any(isinstance(node, nodes.Assign) for node in body)
    # (a name set may be one a path starts from: then no path's value is kept, nor read once)
    code = _Code(env, {} if sets else _shared_prefixes(body), {} if sets else _repeated(body))
    if sets:
        code.lines.append("        ctx = dict(ctx)")  # plain._top_level's own copy for the names set
    code.lines.append("        out = []")
    for node in body:
        code.statement(node, 2)
    code.lines.append("        result = ''.join(out)")
    code.lines.append("    return result")
    return code.function()


class _Code:
    """The text of one function of ``ctx``, and the values it names (filters, tests, the tree's
    own functions for nodes not written out)."""

    def __init__(self, env, shared: dict[tuple, int] | None = None, repeated: dict[int, str] | None = None):
        self.env = env
        self.lines: list[str] = []
        self.shared = shared or {}  # path prefixes read by several paths (see _shared_prefixes)
        self.repeated = repeated or {}  # id of a node written alike elsewhere in the snippet -> its key
        self.known: dict[str, tuple[str, int]] = {}  # such a key -> the local holding its value, and its indent
        self.prefixes: dict[tuple, str] = {}  # such a prefix -> the local holding its value, once made
        self.first: list[str] = []  # the lines making those locals, at the function's start
        self.names: dict[str, Any] = {"U": plainexpressions.UNDEFINED, "F": plainexpressions.NotPlain, "FALLBACK": plain.FALLBACK,
                                      "escape": escape}
        self.count = 0

    def function(self) -> Callable:
        text = "def run(ctx):\n    try:\n" + "\n".join(self.first + self.lines[:-1]) + (
            "\n    except Exception:\n        return FALLBACK\n") + self.lines[-1] + "\n"
        space = dict(self.names)
        exec(_compiled(self.env, text), space)  # noqa: S102 - our own generated text
        return space["run"]

    def temp(self) -> str:
        self.count += 1
        return f"t{self.count}"

    def constant(self, value) -> str:
        self.count += 1
        name = f"K{self.count}"
        self.names[name] = value
        return name

    def put(self, indent: int, line: str) -> None:
        if self.known:  # a value made in a block this line is outside of is not made on every way here
            self.known = {key: kept for key, kept in self.known.items() if kept[1] <= indent}
        self.lines.append("    " * indent + line)

    def checked(self, node, indent: int) -> str:
        """A temporary holding ``node``'s value, never a missing key (``plainexpressions.defined``)."""
        target = self.temp()
        self.checked_into(node, target, indent)
        return target

    def checked_into(self, node, target: str, indent: int) -> None:
        """Code setting ``target`` to ``node``'s value, never a missing key."""
        self.value(node, target, indent)
        self.put(indent, f"if {target} is U: raise F")

    # --- expressions: code that sets ``target`` to the node's value (or _UNDEFINED) ---------------

    def value(self, node, target: str, indent: int) -> None:
        key = self.repeated.get(id(node))
        if key is None:
            self.written(node, target, indent)
            return
        # A pure node written alike earlier on every way to here (the figure rules read
        # 'sibling.data.promised if sibling.data.promised is defined else sibling.data.value' three
        # times): its value is the one made then, kept in a local nothing else sets.
        kept = self.known.get(key)
        if kept is None:
            local = self.temp()
            self.written(node, local, indent)
            kept = self.known[key] = (local, indent)
        self.put(indent, f"{target} = {kept[0]}")

    def written(self, node, target: str, indent: int) -> None:
        write = getattr(self, f"_{type(node).__name__}", None)
        if write is None or not write(node, target, indent):
            # the tree's own function: the same value, the same errors
            self.put(indent, f"{target} = {self.constant(plainexpressions.compile_node(self.env, node))}(ctx)")

    def _Name(self, node, target, indent):
        if node.ctx != "load":
            return False
        self.put(indent, f"if {node.name!r} not in ctx: raise F")
        self.put(indent, f"{target} = ctx[{node.name!r}]")
        return True

    def _Getattr(self, node, target, indent):
        chain = plainexpressions.path_of(node)
        if chain is None:
            return False  # a dict method's name, or a value that is not a name: the tree's
        head, names = chain
        prefix = (head, *names[:-1])
        if self.shared.get(prefix, 0) > 1:  # 'fact.data' of 'fact.data.unit', made once at the start
            self.put(indent, f"{target} = {self.prefix(prefix)}")
            names = names[-1:]
        else:
            self.put(indent, f"{target} = ctx.get({head!r}, U)")
        for name in names:
            self.put(indent, f"if type({target}) is not dict: raise F")
            self.put(indent, f"{target} = {target}.get({name!r}, U)")
        return True

    def prefix(self, prefix: tuple) -> str:
        """The local holding the value a path prefix reads ('fact', 'data'), or U where a step of it is
        no plain dict: a path read from it then raises F at the same check it always did.  Reading it
        first is safe: ``dict.get`` of a text key raises nothing, and an expression sets no name."""
        local = self.prefixes.get(prefix)
        if local is None:
            if len(prefix) == 1:
                line = f"ctx.get({prefix[0]!r}, U)"
            else:
                parent = self.prefix(prefix[:-1])
                line = f"{parent}.get({prefix[-1]!r}, U) if type({parent}) is dict else U"
            local = self.prefixes[prefix] = f"P{len(self.prefixes) + 1}"
            self.first.append(f"        {local} = {line}")
        return local

    def _Getitem(self, node, target, indent):
        if not isinstance(node.arg, nodes.Const) or not isinstance(node.arg.value, str):
            return False
        parent = self.checked(node.node, indent)
        key = self.constant(node.arg.value)
        if not hasattr(dict, node.arg.value):  # a missing key is undefined (as plainexpressions reads it)
            self.put(indent, f"if type({parent}) is not dict: raise F")
            self.put(indent, f"{target} = {parent}.get({key}, U)")
            return True
        self.put(indent, f"if type({parent}) is not dict or {key} not in {parent}: raise F")
        self.put(indent, f"{target} = {parent}[{key}]")
        return True

    def _Const(self, node, target, indent):
        self.put(indent, f"{target} = {self.constant(node.value)}")
        return True

    def _List(self, node, target, indent):
        items = [self.checked(item, indent) for item in node.items]
        self.put(indent, f"{target} = [{', '.join(items)}]")
        return True

    def _Tuple(self, node, target, indent):
        if node.ctx != "load":
            return False
        items = [self.checked(item, indent) for item in node.items]
        self.put(indent, f"{target} = ({''.join(item + ', ' for item in items)})")
        return True

    def _Compare(self, node, target, indent):
        left = self.checked(node.expr, indent)
        for op in node.ops:
            right = self.checked(op.expr, indent)
            self.put(indent, f"if not ({left} {_OPERATORS[op.op]} {right}):")
            self.put(indent + 1, f"{target} = False")
            self.put(indent, "else:")
            indent, left = indent + 1, right
        self.put(indent, f"{target} = True")
        return True

    def _And(self, node, target, indent):
        return self._short_circuit(node, target, indent, "if {}:")

    def _Or(self, node, target, indent):
        return self._short_circuit(node, target, indent, "if not {}:")

    def _short_circuit(self, node, target, indent, right_when: str) -> bool:
        """``and`` / ``or``: the left side's value, and the right side's only when ``right_when``
        says the left one does not decide (as Python does).  A chain ``a and b and c`` (Jinja's
        ``(a and b) and c``) is written nested, each side inside the last one's test: the same
        sides asked in the same order, and what an earlier side made is there for a later one."""
        sides = [node.right]
        while isinstance(node.left, type(node)):
            node = node.left
            sides.append(node.right)
        self.checked_into(node.left, target, indent)
        for side in reversed(sides):
            self.put(indent, right_when.format(target))
            indent += 1
            self.checked_into(side, target, indent)
        return True

    def _Not(self, node, target, indent):
        operand = self.checked(node.node, indent)
        self.put(indent, f"{target} = not {operand}")
        return True

    def _CondExpr(self, node, target, indent):
        if node.expr2 is None:
            return False
        test = self.checked(node.test, indent)
        self.put(indent, f"if {test}:")
        self.checked_into(node.expr1, target, indent + 1)
        self.put(indent, "else:")
        self.checked_into(node.expr2, target, indent + 1)
        return True

    def _Filter(self, node, target, indent):
        if node.node is None:
            return False
        if node.name in plainexpressions.SEQUENCE_FILTERS and plainexpressions.jinjas_own(self.env.filters.get(node.name),
                                                                                node.name):
            if node.name in ("default", "d"):
                return self._default(node, target, indent)
            if node.name == "list":
                return self._selected_list(node, target, indent)
            return False  # select, reject, join: the tree's own function
        return self._call_of(plainexpressions.plain_function(self.env.filters, node.name), node, target, indent)

    def _selected_list(self, node, target, indent) -> bool:
        """``items | select('in', text) | list`` (or ``reject``) as one list comprehension: the items
        the test keeps, as the tree's generator gives them to ``list``; any other ``list`` is the tree's."""
        inner = node.node
        if (node.args or node.kwargs or node.dyn_args or node.dyn_kwargs or not isinstance(inner, nodes.Filter)
                or inner.name not in ("select", "reject") or inner.node is None
                or not plainexpressions.jinjas_own(self.env.filters.get(inner.name), inner.name)
                or not inner.args or not isinstance(inner.args[0], nodes.Const)
                or not isinstance(inner.args[0].value, str) or inner.kwargs or inner.dyn_args or inner.dyn_kwargs):
            return False
        test = self.constant(plainexpressions.plain_function(self.env.tests, inner.args[0].value))
        items = self.checked(inner.node, indent)
        values = [self.checked(arg, indent) for arg in inner.args[1:]]
        call = f"{test}({', '.join(['item', *values])})"
        kept = call if inner.name == "select" else f"not {call}"
        self.put(indent, f"{target} = [item for item in {items} if {kept}] if {items} else []")
        return True

    def _Test(self, node, target, indent):
        if node.name in ("defined", "undefined") and not node.args:
            operand = self.temp()
            self.value(node.node, operand, indent)
            self.put(indent, f"{target} = {operand} {'is not' if node.name == 'defined' else 'is'} U")
            return True
        if node.name == "none" and not node.args:
            operand = self.checked(node.node, indent)
            self.put(indent, f"{target} = {operand} is None")
            return True
        return self._call_of(plainexpressions.plain_function(self.env.tests, node.name), node, target, indent)

    def _call_of(self, function, node, target, indent):
        """A filter's or test's function of the operand and the arguments, each checked in turn."""
        if node.kwargs or node.dyn_args or node.dyn_kwargs:
            return False
        values = [self.checked(node.node, indent)] + [self.checked(arg, indent) for arg in node.args]
        self.put(indent, f"{target} = {self.constant(function)}({', '.join(values)})")
        return True

    def _default(self, node, target, indent):
        if len(node.args) > 1 or node.kwargs or node.dyn_args or node.dyn_kwargs:
            return False
        operand = self.temp()
        self.value(node.node, operand, indent)
        self.put(indent, f"if {operand} is U:")
        if node.args:
            self.checked_into(node.args[0], target, indent + 1)
        else:
            self.put(indent + 1, f"{target} = ''")
        self.put(indent, "else:")
        self.put(indent + 1, f"{target} = {operand}")
        return True

    # --- statements: code that appends the node's text to ``out`` ------------------------------

    def statement(self, node, indent: int) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                self.output(child, indent)
        elif isinstance(node, nodes.If):
            self.branch(node.test, node.body, node.elif_, node.else_, indent)
        elif isinstance(node, nodes.Assign):  # a plain name set once at the top level (checked by plain)
            value = self.checked(node.node, indent)
            self.put(indent, f"ctx[{node.target.name!r}] = {value}")
        elif not (isinstance(node, nodes.For) and self.loop(node, indent)):  # anything else: the tree's own
            self.put(indent, f"out.append({self.constant(plain._statement(self.env, node))}(ctx))")

    def loop(self, node: nodes.For, indent: int) -> bool:
        """``{% for item in items %}`` written out as ``plain._for`` runs it: the body reads a copy of
        the context holding the item (and ``loop``, when the body reads it), its paths looked up
        afresh (a name the loop sets may be one a shared path starts from)."""
        if (not isinstance(node.target, nodes.Name) or node.test is not None or node.else_ or node.recursive
                or any(node.find_all(nodes.For))):
            return False
        items = self.checked(node.iter, indent)
        self.put(indent, f"if not isinstance({items}, (list, tuple)) or len({items}) > {plain.LOOP_LIMIT}: raise F")
        outer, length, at, item = self.temp(), self.temp(), self.temp(), self.temp()
        self.put(indent, f"{outer} = ctx")
        self.put(indent, f"ctx = dict({outer})")
        self.put(indent, f"{length} = len({items})")
        self.put(indent, f"for {at}, {item} in enumerate({items}):")
        self.put(indent + 1, f"ctx[{node.target.name!r}] = {item}")
        if any(name.name == "loop" for name in node.find_all(nodes.Name)):
            self.put(indent + 1, f"ctx['loop'] = {{'index': {at} + 1, 'index0': {at}, 'revindex': {length} - {at}, "
                                 f"'revindex0': {length} - {at} - 1, 'first': {at} == 0, 'last': {at} == {length} - 1, "
                                 f"'length': {length}}}")
        (shared, self.shared), (known, self.known) = (self.shared, {}), (self.known, {})
        self.block(node.body, indent + 1)
        self.shared, self.known = shared, known
        self.put(indent, f"ctx = {outer}")
        return True

    def branch(self, test, body, elifs, otherwise, indent: int) -> None:
        flag = self.checked(test, indent)
        self.put(indent, f"if {flag}:")
        self.block(body, indent + 1)
        self.put(indent, "else:")
        if elifs:
            first = elifs[0]
            self.branch(first.test, first.body, elifs[1:], otherwise, indent + 1)
        else:
            self.block(otherwise, indent + 1)

    def block(self, body, indent: int) -> None:
        self.put(indent, "pass")
        for node in body:
            self.statement(node, indent)

    def output(self, node, indent: int) -> None:
        if isinstance(node, nodes.TemplateData):
            self.put(indent, f"out.append({self.constant(node.data)})")
            return
        printed = "str(escape({}))" if self.env.autoescape else "str({})"
        if isinstance(node, nodes.CondExpr) and node.expr2 is None:
            test = self.checked(node.test, indent)
            self.put(indent, f"if {test}:")
            value = self.checked(node.expr1, indent + 1)
            self.put(indent + 1, f"out.append({printed.format(value)})")
            return
        value = self.checked(node, indent)
        self.put(indent, f"out.append({printed.format(value)})")


def _shared_prefixes(roots) -> dict[tuple, int]:
    """How many of the snippet's written-out paths (``fact.data.unit``) read each prefix (``fact.data``):
    a prefix read by several is looked up once.  A path inside a loop is the tree's, not counted."""
    counts: dict[tuple, int] = {}
    todo = list(roots)
    while todo:
        node = todo.pop()
        if isinstance(node, nodes.For):
            continue
        chain = plainexpressions.path_of(node) if isinstance(node, nodes.Getattr) else None
        if chain is not None:
            head, names = chain
            for end in range(len(names)):
                key = (head, *names[:end])
                counts[key] = counts.get(key, 0) + 1
            continue
        todo.extend(node.iter_child_nodes())
    return counts


_PURE_TESTS = ("defined", "undefined", "none")


def _repeated(roots) -> dict[int, str]:
    """The nodes of a snippet written more than once alike (their key is their text), of those whose
    value only paths of the context and constants decide: paths, comparisons, ``and``, ``or``,
    ``not``, inline ``if`` and the tests ``defined``, ``undefined`` and ``none`` (no filter or
    other test, which may be anything; no list, which is made anew each time)."""
    keys: dict[int, str | None] = {}

    def key(node) -> str | None:
        if id(node) in keys:
            return keys[id(node)]
        found = None
        if isinstance(node, nodes.Getattr):
            found = repr(node) if plainexpressions.path_of(node) is not None else None
        elif isinstance(node, (nodes.Name, nodes.Const)):
            found = repr(node) if not isinstance(node, nodes.Name) or node.ctx == "load" else None
        elif isinstance(node, (nodes.Compare, nodes.Operand, nodes.And, nodes.Or, nodes.Not, nodes.CondExpr,
                               nodes.Test)):
            pure = not (isinstance(node, nodes.CondExpr) and node.expr2 is None) and not (
                isinstance(node, nodes.Test) and (node.name not in _PURE_TESTS or node.args or node.kwargs
                                                  or node.dyn_args or node.dyn_kwargs))
            children = [key(child) for child in node.iter_child_nodes()]
            found = repr(node) if pure and None not in children else None
        else:
            for child in node.iter_child_nodes():
                key(child)
        keys[id(node)] = found
        return found

    counts: dict[str, int] = {}
    for root in roots:
        key(root)
    for found in keys.values():
        if found is not None:
            counts[found] = counts.get(found, 0) + 1
    return {node: found for node, found in keys.items()
            if found is not None and counts[found] > 1 and not found.startswith("Const(")}


def _compiled(env, text: str):
    """The code of ``text``, kept in the snippet cache (:mod:`.snippetcache`) under the text itself:
    compiling is most of what a snippet's first compiled run costs, reading it back a twentieth."""
    cache = env.bytecode_cache if isinstance(env.bytecode_cache, snippetcache.SnippetCache) else None
    code = cache.load_code("plain code", str(FORMAT), text) if cache else None
    if code is None:
        code = compile(text, "<plain snippet>", "exec")
        if cache:
            cache.store_code(code, "plain code", str(FORMAT), text)
    return code
