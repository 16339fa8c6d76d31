"""Whether a template makes a question from a fact: its ``applies_to`` rule (and the fact's ``skip``).

:func:`why_not_applies` says why not, for ``studykit preview``; :func:`applies_rule` gives the same
answer as a yes or no for the many facts of a deck, with what does not depend on the fact worked out
once per template.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from ..model import Fact, QuestionTemplate
from . import plain
from .render import Renderer
from .template_problems import TemplateProblem


def applies(renderer: Renderer, template: QuestionTemplate, fact: Fact, view=None) -> bool:
    """Whether the template makes a question from this fact (its ``applies_to`` rule)."""
    return not why_not_applies(renderer, template, fact, view)


def why_not_applies(renderer: Renderer, template: QuestionTemplate, fact: Fact, view=None) -> str:
    """'' when the template applies to the fact, else the rule that excludes it (for preview)."""
    if template.id in fact.skip:
        return f"the fact skips it (skip: {', '.join(fact.skip)})"
    rule = template.spec.get("applies_to") or {}
    if "kinds" in rule and fact.kind not in rule["kinds"]:
        return f"only for kinds {', '.join(rule['kinds'])} (this is a {fact.kind})"
    if "topics" in rule and fact.topic not in rule["topics"]:
        return f"only for topics {', '.join(rule['topics'])}"
    if "tags" in rule and not set(rule["tags"]) & set(fact.tags):
        return f"only for facts tagged {', '.join(rule['tags'])}"
    if "not_tags" in rule and set(rule["not_tags"]) & set(fact.tags):
        return f"not for facts tagged {', '.join(sorted(set(rule['not_tags']) & set(fact.tags)))}"
    if "when" in rule:
        data = (view or renderer.views)(fact)
        try:
            ok = renderer.expression(template, "applies_to.when", rule["when"], rule.loc("when"), fact=data)
        except TemplateProblem:
            raise
        if not ok:
            return f"its rule 'when: {_one_line(str(rule['when']))}' is false for this fact"
    return ""


@lru_cache(maxsize=256)
def _one_line(rule: str) -> str:
    """A rule as one line, for the reason preview prints (asked for every fact a rule excludes)."""
    return " ".join(rule.split())


def applies_rule(renderer: Renderer, template: QuestionTemplate, view=None) -> Callable[[Fact], bool]:
    """``applies`` for one template, as a function of the fact: the rule's names are made sets
    once, and its ``when`` is asked through the same renderer with the same position.  A rule
    whose lists are not plain lists of texts is left to :func:`applies` itself."""
    rule = template.spec.get("applies_to") or {}
    views = view or renderer.views
    names = {key: _texts(rule[key]) for key in ("kinds", "topics", "tags", "not_tags") if key in rule}
    if None in names.values():
        return lambda fact: applies(renderer, template, fact, view)
    kinds, topics = names.get("kinds"), names.get("topics")
    tags, not_tags = names.get("tags"), names.get("not_tags")
    template_id = template.id
    known = getattr(views, "known", {})  # FactViews' views made so far: looked up without a call
    when = renderer.expression_of(template, "applies_to.when", rule["when"], rule, "when") if "when" in rule else None
    # its plain evaluation asked first, here (one call less for each of a deck's facts); ``when`` only
    # where Jinja must answer (it asks the plain evaluation again: the same answer, FALLBACK)
    fast = renderer.plain_expression(rule["when"]) if when is not None else None
    fallback = plain.FALLBACK

    def applies_to(fact: Fact) -> bool:
        if template_id in fact.skip:
            return False
        if kinds is not None and fact.kind not in kinds:
            return False
        if topics is not None and fact.topic not in topics:
            return False
        if tags is not None and tags.isdisjoint(fact.tags):
            return False
        if not_tags is not None and not not_tags.isdisjoint(fact.tags):
            return False
        if when is not None:
            ctx = {"fact": known.get(fact.id) or views(fact)}
            if fast is not None:
                value = fast(ctx)
                if value is not fallback:
                    return bool(value)
            return bool(when(ctx))
        return True

    return applies_to


def _texts(value) -> frozenset[str] | None:
    """A rule's list of names as a set, or None when it is anything but a list of texts."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return None
    return frozenset(value)
