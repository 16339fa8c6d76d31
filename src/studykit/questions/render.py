"""The sandboxed Jinja environment and the :class:`Renderer` that runs template snippets.

Jinja runs in an immutable sandbox with StrictUndefined: a snippet that names a
missing field is reported as ``template.yaml:line:col: ...`` instead of producing
a blank card, and no snippet can change the fact data another snippet sees (so
each fact's template view is built once and shared).  Semantic parts render as
plain text; Anki ``fields`` render with HTML autoescaping.
"""

from __future__ import annotations

from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from .. import regexcache
from ..model import Fact, QuestionTemplate
from ..sandbox import BoundedSandbox, Budget, BudgetExceeded
from . import plain, snippetcache, wording
from .template_problems import TemplateProblem, describe_error


class Sandbox(BoundedSandbox, ImmutableSandboxedEnvironment):
    """Bounded (no template can hang or exhaust memory) and immutable (no template alters data).

    The step budget bounds a template's work deterministically; the wall-clock
    limit is only a backstop, generous so a busy machine never fails a check.
    """

    max_seconds = 10.0

    def compile_expression(self, source: str, undefined_to_none: bool = True):
        """Jinja's compile_expression, kept in the snippet cache between runs."""
        return snippetcache.compile_expression(self, source, undefined_to_none)

    def make_globals(self, d):
        """A plain dict, not Jinja's ChainMap: every render copies it, and ours never change
        after the environment is made (a ChainMap made that copy a third of each render)."""
        return {**self.globals, **(d or {})}


class _Sources(jinja2.BaseLoader):
    """Serves template snippets by name 'file.yaml:key' so errors name their origin."""

    def __init__(self):
        self.snippets: dict[str, str] = {}

    def get_source(self, environment, name):
        if name not in self.snippets:
            raise jinja2.TemplateNotFound(name)
        source = self.snippets[name]
        return source, name, lambda: self.snippets.get(name) == source


def environment(autoescape: bool, budget: Budget | None = None) -> Sandbox:
    env = Sandbox(loader=_Sources(), undefined=jinja2.StrictUndefined, budget=budget,
                  autoescape=autoescape, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(wording.FILTERS)
    env.tests.update(wording.TESTS)
    snippetcache.attach(env)
    return env


class FactViews:
    """Each fact's template data, built once per render (templates cannot alter it)."""

    def __init__(self):
        self.known: dict[str, dict[str, Any]] = {}  # fact id -> its view, for callers that look up first

    def __call__(self, fact: Fact) -> dict[str, Any]:
        view = self.known.get(fact.id)  # (not a try: each fact's first ask would raise and catch)
        if view is None:
            view = self.known[fact.id] = fact.as_template_data()
        return view


class Renderer:
    """Compiles template snippets once and renders them with positions for errors."""

    def __init__(self):
        budget = Budget()  # one budget for both environments: a question's renders share it
        self.text_env = environment(autoescape=False, budget=budget)
        self.html_env = environment(autoescape=True, budget=budget)
        self._compiled: dict[tuple[str, str, bool], tuple[str, jinja2.Template]] = {}
        self._expressions: dict[str, Any] = {}
        self._of_fact: dict[tuple, dict[str, str]] = {}  # (template path, source, html) -> fact id -> text
        self._of_pair: dict[tuple, str] = {}  # see render_pair
        self._names: dict[tuple[str, bool], frozenset[str]] = {}
        self._paths: dict[str, tuple[str, ...] | None] = {}
        self._shortcuts: dict[tuple[str, bool | None], Any] = {}
        self._fast: dict[Any, Any] = {}  # see _fast_render ((source, html)) and _fast_expression (source)
        self.views = FactViews()

    def _template(self, env, template: QuestionTemplate, key: str, source: str, html: bool):
        """The snippet compiled once (again only if its source changed)."""
        cache_key = (template.path, key, html)
        known = self._compiled.get(cache_key)
        if known is not None and known[0] == source:
            return known[1]
        name = self._name(template, key, html)
        env.loader.snippets[name] = source
        compiled = env.get_template(name)
        self._compiled[cache_key] = (source, compiled)
        return compiled

    def budget(self):
        """One budget (steps and time) for everything rendered for one question."""
        return self.text_env.budget()

    def session(self):
        """Prepare the CPU timer once for the many budgets of a deck."""
        return self.text_env.session()

    @staticmethod
    def _name(template: QuestionTemplate, key: str, html: bool) -> str:
        return f"{template.path}:{key}:{'html' if html else 'text'}"

    def render(self, template: QuestionTemplate, key: str, source: str, where, html=False, **ctx) -> str:
        if isinstance(source, str):
            fast = self._fast.get((source, html), _MISSING)
            if fast is _MISSING:
                fast = self._fast[(source, html)] = self._fast_render(source, html)
            if fast is not None:
                text = fast(ctx)
                if text is not plain.FALLBACK:
                    return text
        return self._jinja_render(template, key, source, where, html, ctx)

    def snippet(self, template: QuestionTemplate, key: str, source, holder, name, html=False):
        """``render`` of one snippet as a function of its context (one dict), its shortcut found
        once: a deck renders each snippet for thousands of facts.  The snippet's position
        (``holder.loc(name)``) is asked only when Jinja renders it."""
        fast = None
        if isinstance(source, str):
            fast = self._fast.get((source, html), _MISSING)
            if fast is _MISSING:
                fast = self._fast[(source, html)] = self._fast_render(source, html)
        jinja = self._jinja_render
        if fast is None:
            return lambda ctx: jinja(template, key, source, holder.loc(name), html, ctx)
        path, printed = self._plain_path(source), self.printed
        if path is not None:  # '{{ fact.statement }}': the value looked up and printed here, one call
            def looked_up(ctx):
                value = _looked_up(path, ctx)
                if value is _MISSING:
                    return rendered(ctx)  # what fast() does next: the plain evaluation, else Jinja
                return printed(value, html)

        def rendered(ctx):
            text = fast(ctx)
            if text is plain.FALLBACK:
                return jinja(template, key, source, holder.loc(name), html, ctx)
            return text

        if path is not None:
            return looked_up
        shortcut, fallback = self._shortcut(source, html), plain.FALLBACK  # what fast() asks of such a snippet

        def evaluated(ctx):  # rendered(), with fast()'s own steps for a snippet that is no path
            text = shortcut(ctx)
            if text is fallback:
                return jinja(template, key, source, holder.loc(name), html, ctx)
            return text.strip() if html else " ".join(text.split())

        return evaluated

    def _jinja_render(self, template: QuestionTemplate, key: str, source, where, html: bool, ctx) -> str:
        """``render`` by Jinja itself, errors reported at the snippet's place."""
        env = self.html_env if html else self.text_env
        try:
            compiled = self._template(env, template, key, source, html)
            text = env.render_bounded(compiled, ctx)
            return text.strip() if html else " ".join(text.split())
        except jinja2.TemplateSyntaxError as err:
            raise TemplateProblem(template.path, where[0] + (err.lineno or 1) - 1, where[1],
                                  f"template '{template.id}', {key}: Jinja syntax error: {err.message}")
        except Exception as err:  # noqa: BLE001 - any template failure is the author's to fix
            line = self._failing_line(err, template, key)
            raise TemplateProblem(template.path, where[0] + line - 1, where[1],
                                  f"template '{template.id}', {key}: {describe_error(err)}",
                                  isinstance(err, BudgetExceeded))

    def _fast_render(self, source: str, html: bool):
        """The snippet's text without Jinja's runtime, made once per snippet: '{{ q.prompt }}' looked
        up, else the plain evaluation (:mod:`.plain`); it answers plain.FALLBACK (and Jinja renders)
        whenever either would leave the snippet to Jinja.  None: always Jinja's."""
        path, shortcut = self._plain_path(source), self._shortcut(source, html)
        if path is None and shortcut is None:
            return None

        printed = self.printed

        def fast(ctx):
            if path is not None:
                value = _looked_up(path, ctx)
                if value is not _MISSING:  # '{{ q.prompt }}': what Jinja would give, without a render
                    return printed(value, html)
            if shortcut is not None:  # paths, filters, tests, ifs, short loops: what Jinja gives
                text = shortcut(ctx)
                if text is not plain.FALLBACK:
                    return text.strip() if html else " ".join(text.split())
            return plain.FALLBACK

        return fast

    @staticmethod
    def printed(value, html: bool) -> str:
        """What a snippet that only prints ``value`` ('{{ q.prompt }}') renders: escaped and stripped
        as HTML, spaces folded as text."""
        if not html:
            return " ".join(str(value).split())
        if type(value) is str and escape_text is not None:  # what escape() makes of a plain text, in one step
            return _markup(Markup, escape_text(value).strip())
        if type(value) is Markup:  # already safe (a cloze's blanks): escape() gives it back as it is
            bare = str.strip(value)
            return value if len(bare) == len(value) else _markup(Markup, bare)
        text = escape(value)
        bare = str.strip(text)  # (Markup's own strip makes a new Markup even when nothing is stripped)
        return text if len(bare) == len(text) else Markup(bare)

    def q_value(self, source) -> str | None:
        """'prompt' for a snippet that only prints '{{ q.prompt }}' (one name of the question's
        context), else None."""
        path = self._plain_path(source)
        return path[1] if path is not None and len(path) == 2 and path[0] == "q" else None

    def _fast_expression(self, source: str):
        """``_fast_render`` for an expression: 'fact.key_terms' looked up, else the plain evaluation."""
        path, shortcut = self._expression_path(source), self._shortcut(source, None)
        if path is None:
            return shortcut  # (None: always Jinja's) the plain evaluation itself, one call less

        def fast(ctx):
            if path is not None:
                value = _looked_up(path, ctx)
                if value is not _MISSING:  # 'fact.key_terms': what Jinja would give, without a call
                    return value
            if shortcut is not None:  # 'fact.data.promised is defined and ...': without Jinja's runtime
                return shortcut(ctx)
            return plain.FALLBACK

        return fast

    def _plain_path(self, source: str) -> tuple[str, ...] | None:
        """('q', 'prompt') for a snippet that only prints '{{ q.prompt }}', else None."""
        if not isinstance(source, str):
            return None  # not a text at all: Jinja reports it
        path = self._paths.get(source, _MISSING)
        if path is _MISSING:
            match = _PLAIN.fullmatch(source)
            path = tuple(match.group(1).split(".")) if match else None
            if path is not None and any(hasattr(dict, name) for name in path[1:]):
                path = None  # '{{ fact.items }}': a dict method's name, Jinja's to resolve
            self._paths[source] = path
        return path

    def _shortcut(self, source, html: bool | None):
        """The snippet as a plain function (:mod:`.plain`), or None; ``html`` None: an expression."""
        if not isinstance(source, str):
            return None
        key = (source, html)
        found = self._shortcuts.get(key, _MISSING)
        if found is _MISSING:
            if html is None:
                found = plain.expression(self.text_env, source)
            else:
                found = plain.template(self.html_env if html else self.text_env, source)
            self._shortcuts[key] = found
        return found

    def _expression_path(self, source: str) -> tuple[str, ...] | None:
        """('fact', 'key_terms') for an expression that is only 'fact.key_terms', else None."""
        if not isinstance(source, str):
            return None
        key = ("expression", source)
        path = self._paths.get(key, _MISSING)
        if path is _MISSING:
            match = _PLAIN_EXPRESSION.fullmatch(source)
            path = tuple(match.group(1).split(".")) if match else None
            if path is not None and (_JINJA_WORDS.intersection(path)
                                     or any(hasattr(dict, name) for name in path[1:])):
                path = None  # 'none', 'fact.in'...: Jinja's to read; 'fact.items': Jinja's to resolve
            self._paths[key] = path
        return path

    def render_fact(self, template: QuestionTemplate, key: str, source: str, where, fact: Fact,
                    html=False) -> str:
        """``render`` with the fact alone as context, memoised: a fact's prompt or answer is
        asked again for every question that borrows from it (options, same-question checks).

        A failure is not remembered, so it is raised (with this key) every time.
        """
        if not isinstance(source, str):  # not a text: rendering reports it
            return self.render(template, key, source, where, html, fact=self.views(fact))
        memo = self._of_fact.get((template.path, source, html))
        if memo is None:
            memo = self._of_fact[(template.path, source, html)] = {}
        text = memo.get(fact.id)
        if text is None:
            text = self.render(template, key, source, where, html, fact=self.views(fact))
            memo[fact.id] = text
        return text

    def fact_snippet(self, template: QuestionTemplate, key: str, source, holder, name, html=False):
        """``render_fact`` as a function of the fact, found once (see :meth:`snippet`); the same
        memo, so a text rendered for a question is not rendered again for the questions borrowing it."""
        if not isinstance(source, str):
            return lambda fact: self.render_fact(template, key, source, holder.loc(name), fact, html)
        memo = self._of_fact.get((template.path, source, html))
        if memo is None:
            memo = self._of_fact[(template.path, source, html)] = {}
        rendered, views = self.snippet(template, key, source, holder, name, html), self.views

        def of_fact(fact: Fact) -> str:
            text = memo.get(fact.id)
            if text is None:
                text = memo[fact.id] = rendered({"fact": views(fact)})
            return text

        return of_fact

    def render_pair(self, template: QuestionTemplate, key: str, source: str, where, fact: Fact,
                    sibling: Fact, html=False) -> str:
        """``render`` with a question's fact and a sibling fact (options, false claims).

        A snippet that reads only one of the two (``sibling.data.holder``) is
        memoised for that one, so it runs once per sibling, not once per pair.
        """
        uses = self._uses(source, html) if isinstance(source, str) else {"fact", "sibling"}
        memo = (template.path, source, html, fact.id if "fact" in uses else None,
                sibling.id if "sibling" in uses else None)
        text = None if None not in memo[-2:] else self._of_pair.get(memo)
        if text is None:
            text = self.render(template, key, source, where, html, fact=self.views(fact),
                               sibling=self.views(sibling))
            if None in memo[-2:]:
                self._of_pair[memo] = text
        return text

    def pair_snippet(self, template: QuestionTemplate, key: str, source, holder, name, html=False):
        """``render_pair`` as a function of the fact and the sibling, found once (see :meth:`snippet`),
        with the same memo."""
        if not isinstance(source, str):
            return lambda fact, sibling: self.render_pair(template, key, source, holder.loc(name), fact, sibling,
                                                          html)
        uses = self._uses(source, html)
        by_fact, by_sibling = "fact" in uses, "sibling" in uses
        rendered, views, memo = self.snippet(template, key, source, holder, name, html), self.views, self._of_pair
        if by_fact and by_sibling:
            return lambda fact, sibling: rendered({"fact": views(fact), "sibling": views(sibling)})

        def of_pair(fact: Fact, sibling: Fact) -> str:
            known = (template.path, source, html, fact.id if by_fact else None, sibling.id if by_sibling else None)
            text = memo.get(known)
            if text is None:
                text = memo[known] = rendered({"fact": views(fact), "sibling": views(sibling)})
            return text

        return of_pair

    def reads(self, source: str) -> frozenset[str]:
        """The context names a text snippet reads (all of them when it does not parse)."""
        return self._uses(source, False)

    def _uses(self, source: str, html: bool) -> frozenset[str]:
        """The context names a snippet reads (all of them when it does not parse)."""
        uses = self._names.get((source, html))
        if uses is None:
            env = self.html_env if html else self.text_env
            try:
                uses = snippetcache.undeclared(env, source)
            except jinja2.TemplateSyntaxError:
                uses = frozenset(("fact", "sibling"))  # render reports the error
            self._names[(source, html)] = uses
        return uses

    def expression(self, template: QuestionTemplate, key: str, source: str, where, **ctx):
        if isinstance(source, str):
            fast = self._fast.get(source, _MISSING)
            if fast is _MISSING:
                fast = self._fast[source] = self._fast_expression(source)
            if fast is not None:
                value = fast(ctx)
                if value is not plain.FALLBACK:
                    return value
        return self._jinja_expression(template, key, source, where, ctx)

    def expression_of(self, template: QuestionTemplate, key: str, source, holder, name):
        """``expression`` as a function of its context (one dict), found once (see :meth:`snippet`)."""
        fast = None
        if isinstance(source, str):
            fast = self._fast.get(source, _MISSING)
            if fast is _MISSING:
                fast = self._fast[source] = self._fast_expression(source)
        jinja = self._jinja_expression
        if fast is None:
            return lambda ctx: jinja(template, key, source, holder.loc(name), ctx)

        def evaluated(ctx):
            value = fast(ctx)
            if value is plain.FALLBACK:
                return jinja(template, key, source, holder.loc(name), ctx)
            return value

        return evaluated

    def plain_expression(self, source: str):
        """An expression's evaluation without Jinja (plain.FALLBACK where Jinja must answer), or None
        when it is never plain: what :meth:`expression_of` asks first."""
        if not isinstance(source, str):
            return None
        fast = self._fast.get(source, _MISSING)
        if fast is _MISSING:
            fast = self._fast[source] = self._fast_expression(source)
        return fast

    def _jinja_expression(self, template: QuestionTemplate, key: str, source, where, ctx):
        """``expression`` by Jinja itself, errors reported at the snippet's place."""
        try:
            compiled = self._expressions.get(source)
            if compiled is None:
                compiled = self.text_env.compile_expression(source, undefined_to_none=False)
                self._expressions[source] = compiled
            value = self.text_env.call_bounded(compiled, ctx)
            if isinstance(value, jinja2.StrictUndefined):  # 'when: ordered', a name nothing defines: said
                value._fail_with_undefined_error()        # here, at its place (bool() would raise later)
            return value
        except jinja2.TemplateSyntaxError as err:
            raise TemplateProblem(template.path, *where,
                                  f"template '{template.id}', {key}: Jinja syntax error: {err.message}")
        except Exception as err:  # noqa: BLE001
            raise TemplateProblem(template.path, *where,
                                  f"template '{template.id}', {key}: {describe_error(err)}",
                                  isinstance(err, BudgetExceeded))

    def text_list(self, template: QuestionTemplate, key: str, source: str, where, **ctx) -> list[str]:
        """An expression that must give a list of texts (ordering items, cloze terms)."""
        return _texts(template, key, source, where, self.expression(template, key, source, where, **ctx))

    def text_list_of(self, template: QuestionTemplate, key: str, source, holder, name):
        """``text_list`` as a function of its context (one dict), found once (see :meth:`snippet`)."""
        evaluate = self.expression_of(template, key, source, holder, name)

        def texts(ctx) -> list[str]:
            value = evaluate(ctx)
            if type(value) is list and all(type(v) is str for v in value):
                return list(value)  # the common case, as _texts gives it
            return _texts(template, key, source, holder.loc(name), value)

        return texts

    @staticmethod
    def _failing_line(err: Exception, template, key) -> int:
        import traceback  # only a failing snippet needs it

        prefix = f"{template.path}:{key}:"
        for frame in reversed(traceback.extract_tb(err.__traceback__)):
            if frame.filename and frame.filename.startswith(prefix):
                return frame.lineno or 1
        return 1


_MISSING = object()
try:  # markupsafe's own escaping of a plain text (what escape() runs for one), giving a plain text
    from markupsafe import _escape_inner as escape_text
except ImportError:  # another markupsafe: callers use escape() itself
    escape_text = None
_markup = str.__new__  # Markup(text) of a plain text, without Markup.__new__'s checks for __html__
_PLAIN = regexcache.compile(r"\{\{ *([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*) *\}\}")
_PLAIN_EXPRESSION = regexcache.compile(r"\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*")
_JINJA_WORDS = frozenset(("and", "or", "not", "in", "is", "if", "else", "true", "false", "none", "True",
                          "False", "None"))


def _looked_up(path: tuple[str, ...] | None, ctx: dict[str, Any]):
    """The value '{{ a.b.c }}' prints, when every step is a plain dict key (as the sandbox
    resolves it); _MISSING otherwise, and Jinja renders (and reports) as usual."""
    if path is None or path[0] not in ctx:
        return _MISSING
    value = ctx[path[0]]
    for name in path[1:]:  # never a dict method's name (see _plain_path)
        if type(value) is not dict or name not in value:
            return _MISSING
        value = value[name]
    return value


def _texts(template: QuestionTemplate, key: str, source, where, value) -> list[str]:
    """``value`` as a list of texts, or the problem of a snippet that gives anything else."""
    if not isinstance(value, (list, tuple)) or not all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        raise TemplateProblem(template.path, *where, f"template '{template.id}', {key}: "
                              f"'{source}' must give a list of texts, not {type(value).__name__}")
    return [str(v) for v in value]
