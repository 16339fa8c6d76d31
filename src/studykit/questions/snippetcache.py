"""Compiled template snippets kept between runs, so ``check`` does not recompile unchanged templates.

Compiling a Jinja snippet (parse, generate Python, compile it) costs far more
than rendering it: on the shipped project it was most of ``check``'s rendering.
The compiled code is a pure function of the snippet's text, its name, the
Jinja and Python versions and the environment's compile-time settings, so it
is stored under a hash of exactly those, one file per snippet, in the user's
cache folder (:mod:`studykit.usercache`; ``STUDYKIT_CACHE=`` turns it off).  So
is each snippet's parse tree, which the plain evaluation (:mod:`.plain`) starts
from.  Nothing is written into the project.

A missing, unreadable or damaged entry is simply compiled again; a folder that
cannot be written is ignored (the snippet is compiled in memory as before).
Entries are written atomically, so concurrent runs never read half a file.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
import types
from pathlib import Path

import jinja2
from jinja2 import nodes
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.environment import TemplateExpression
from jinja2.parser import Parser

from .. import usercache

FORMAT = 1


def cache_folder() -> Path | None:
    """Where compiled snippets live, or None when caching is turned off."""
    return usercache.folder("snippets")


def environment_key(env: jinja2.Environment) -> str:
    """Everything besides the snippet that shapes its compiled code."""
    settings = (
        FORMAT, jinja2.__version__, sys.version, type(env).__module__, type(env).__qualname__,
        [c.__qualname__ for c in type(env).__mro__], env.autoescape, env.trim_blocks,
        env.lstrip_blocks, env.keep_trailing_newline, env.newline_sequence, env.optimized,
        env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix, sorted(env.filters), sorted(env.tests),
        sorted(getattr(env, "intercepted_binops", ())), sorted(getattr(env, "intercepted_unops", ())),
        getattr(env, "sandboxed", False), env.is_async, env.finalize is not None,
        sorted(env.extensions), env.policies.get("compiler.ascii_str"),
    )
    return hashlib.sha256(repr(settings).encode()).hexdigest()


class SnippetCache(BytecodeCache):
    """Jinja's bytecode-cache hooks over one content-addressed file per snippet."""

    def __init__(self, folder: Path, env_key: str):
        self.folder = folder
        self.env_key = env_key

    def _path(self, *parts: str) -> Path:
        name = hashlib.sha256("\0".join((self.env_key, *parts)).encode()).hexdigest()
        return self.folder / name[:2] / name[2:]

    def load_code(self, *parts: str) -> types.CodeType | None:
        """The code stored under ``parts``; None when absent or damaged (then compile again)."""
        data = usercache.read(self._path(*parts))
        try:
            code = marshal.loads(data) if data is not None else None
        except (EOFError, ValueError, TypeError):
            return None
        return code if isinstance(code, types.CodeType) else None

    def store_code(self, code: types.CodeType, *parts: str) -> None:
        self._store_bytes(marshal.dumps(code), *parts)

    def _store_bytes(self, data: bytes, *parts: str) -> None:
        usercache.write_atomically(self._path(*parts), data)

    def load_tree(self, env: jinja2.Environment, *parts: str) -> nodes.Node | None:
        """The parse tree stored under ``parts``, its nodes given ``env`` again; None when absent
        or damaged (then parse again)."""
        data = usercache.read(self._path(*parts))
        if data is None:
            return None
        try:
            tree = usercache.unpickled(data, _is_node, own=env)
        except Exception:  # noqa: BLE001 - any damage to an entry means: parse again
            return None
        return tree if isinstance(tree, nodes.Node) else None

    def store_tree(self, tree: nodes.Node, env: jinja2.Environment, *parts: str) -> None:
        data = usercache.pickled(tree, own=env)  # each node points at the environment: left out
        if data is not None:
            self._store_bytes(data, *parts)

    def known(self, *parts: str) -> bool:
        """Whether a marker was stored under ``parts`` (see :meth:`remember`)."""
        return usercache.has_marker(self._path(*parts))

    def remember(self, *parts: str) -> None:
        """Store an empty marker under ``parts`` (e.g. 'this snippet parses')."""
        usercache.put_marker(self._path(*parts))

    # Jinja's hooks: bucket.key hashes the snippet's name, bucket.checksum its text.
    def load_bytecode(self, bucket: Bucket) -> None:
        bucket.code = self.load_code("template", bucket.key, bucket.checksum)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store_code(bucket.code, "template", bucket.key, bucket.checksum)


def compile_expression(env: jinja2.Environment, source: str, undefined_to_none: bool):
    """``env.compile_expression``, with the compiled code kept in the snippet cache."""
    cache = env.bytecode_cache if isinstance(env.bytecode_cache, SnippetCache) else None
    code = cache.load_code("expression", source) if cache else None
    if code is None:
        code = env.compile(_expression_template(env, source))
        if cache:
            cache.store_code(code, "expression", source)
    template = env.template_class.from_code(env, code, env.make_globals(None))
    return TemplateExpression(template, undefined_to_none)


def _expression_template(env: jinja2.Environment, source: str) -> nodes.Template:
    """A template that assigns the expression to 'result' (what Jinja's compile_expression builds)."""
    parser = Parser(env, source, state="variable")
    try:
        expr = parser.parse_expression()
        if not parser.stream.eos:
            raise jinja2.TemplateSyntaxError("chunk after expression", parser.stream.current.lineno,
                                             None, None)
        expr.set_environment(env)
    except jinja2.TemplateSyntaxError:
        env.handle_exception(source=source)
    return nodes.Template([nodes.Assign(nodes.Name("result", "store"), expr, lineno=1)], lineno=1)


def parses(env: jinja2.Environment, source: str) -> None:
    """Raise TemplateSyntaxError unless ``source`` parses; a text seen to parse before is not
    parsed again (parsing every snippet was a fifth of loading the shipped project)."""
    cache = env.bytecode_cache if isinstance(env.bytecode_cache, SnippetCache) else None
    if cache and cache.known("parses", source):
        return
    env.parse(source)
    if cache:
        cache.remember("parses", source)


def parsed(env: jinja2.Environment, source: str) -> nodes.Template:
    """``env.parse(source)``, the tree kept between runs: parsing is most of what a plain snippet
    costs the first time (a tenth of ``check`` on the shipped project), reading it back a tenth of that."""
    cache = env.bytecode_cache if isinstance(env.bytecode_cache, SnippetCache) else None
    tree = cache.load_tree(env, "tree", source) if cache else None
    if not isinstance(tree, nodes.Template):
        tree = env.parse(source)
        if cache:
            cache.store_tree(tree, env, "tree", source)
    return tree


def undeclared(env: jinja2.Environment, source: str) -> frozenset[str]:
    """The context names ``source`` reads (``jinja2.meta.find_undeclared_variables``), kept
    between runs: finding them compiles the snippet, a tenth of a first render."""
    cache = env.bytecode_cache if isinstance(env.bytecode_cache, SnippetCache) else None
    if cache:
        data = usercache.read(cache._path("names", source))
        try:
            names = marshal.loads(data) if data is not None else None
        except (EOFError, ValueError, TypeError):
            names = None
        if isinstance(names, tuple) and all(isinstance(n, str) for n in names):
            return frozenset(names)
    import jinja2.meta  # only templates with siblings need it

    names = frozenset(jinja2.meta.find_undeclared_variables(parsed(env, source)))
    if cache:
        cache._store_bytes(marshal.dumps(tuple(sorted(names))), "names", source)
    return names


def parsed_expression(env: jinja2.Environment, source: str) -> nodes.Expr | None:
    """The tree of ``source`` read as one expression, kept between runs; None when text follows the
    expression (Jinja's compile_expression refuses that: nothing is kept).  A syntax error is raised."""
    cache = env.bytecode_cache if isinstance(env.bytecode_cache, SnippetCache) else None
    tree = cache.load_tree(env, "expression tree", source) if cache else None
    if isinstance(tree, nodes.Expr):
        return tree
    parser = Parser(env, source, state="variable")
    tree = parser.parse_expression()
    if not parser.stream.eos:
        return None
    if cache:
        cache.store_tree(tree, env, "expression tree", source)
    return tree


def _is_node(module: str, name: str) -> bool:
    """What a parse tree's entry may name: Jinja's node classes and the builtins their fields hold."""
    return module == "jinja2.nodes" or (module == "builtins" and name in _PLAIN_TYPES)


_PLAIN_TYPES = frozenset(("str", "int", "float", "complex", "tuple", "list", "dict", "set", "frozenset",
                          "bool", "bytes", "slice"))


def attach(env: jinja2.Environment) -> None:
    """Give ``env`` the snippet cache (after its filters and tests are final)."""
    folder = cache_folder()
    if folder is not None:
        env.bytecode_cache = SnippetCache(folder, environment_key(env))
