"""What a template's questions take from the template alone, worked out once per deck.

A deck asks each template of thousands of facts.  Which snippets it has, the
function that renders each (its shortcut found once, its position asked only
when Jinja reports an error), the fields every question copies and which steps
its style takes do not depend on the fact: :class:`Shape` holds them, so making
a question is only the work that does.
"""

from __future__ import annotations

from typing import Any, Callable

from jinja2 import nodes

from ..model import QuestionTemplate
from . import snippetcache
from .question import TARGETS
from .render import Renderer
from .sides import pair_rule


class Shape:
    """One template's snippets as functions and its questions' fixed fields, for one render."""

    def __init__(self, renderer: Renderer, template: QuestionTemplate, q_values: dict[str, Callable]):
        spec, style = template.spec, template.style
        self.template = template
        self.part: dict[str, Any] = dict(
            template_id=template.id, style=style, note_type=spec.get("note_type"),
            points=spec.get("points", 1), lines=spec.get("lines", 2), targets=tuple(spec.get("targets", TARGETS)))
        self.style = style
        # The budget every question of the template opens (and its fields, when one renders more than
        # a value): one scope object, entered once at a time, not one made per question.
        self.budget = renderer.budget()
        self.skip_when = self.skip_reason = None
        if "skip_when" in spec:
            self.skip_when = renderer.expression_of(template, "skip_when", spec["skip_when"], spec, "skip_when")
            self.skip_reason = f"its rule 'skip_when: {' '.join(str(spec['skip_when']).split())}' is true for this fact"
        self.prompt = renderer.fact_snippet(template, "prompt", spec["prompt"], spec, "prompt") \
            if "prompt" in spec else None
        self.answer = renderer.fact_snippet(template, "answer", spec["answer"], spec, "answer") \
            if "answer" in spec else None
        self.accept = self._texts(renderer, "accept")
        self.marking_points = self._texts(renderer, "marking_points")
        self.items = self._texts(renderer, "items") if style == "ordering" else None
        self.cloze_text = self.cloze_terms = None
        if style == "fill_blank":
            cloze = spec["cloze"]
            self.cloze_text = renderer.snippet(template, "cloze.text", cloze["text"], cloze, "text")
            self.cloze_terms = renderer.text_list_of(template, "cloze.terms", cloze["terms"], cloze, "terms")
        # Borrowing from comparable facts (choices.py): which siblings may lend, and what they lend.
        rules = spec.get("distractors") or {}
        self.sibling_when = renderer.expression_of(template, "sibling_when", spec["sibling_when"], spec,
                                                   "sibling_when") if spec.get("sibling_when") else None
        self.sibling_rule = pair_rule(renderer, template, spec["sibling_when"], self.sibling_when) \
            if self.sibling_when is not None else None
        self.value = self.false_claim = None
        if style == "multiple_choice" and "value" in rules:
            self.value = renderer.pair_snippet(template, "distractors.value", rules["value"], rules, "value")
        elif style == "multiple_choice" and "answer" in spec:  # the template's own answer, for the sibling
            of_fact = renderer.fact_snippet(template, "distractors.value", spec["answer"], spec, "answer")
            self.value = lambda fact, sibling: of_fact(sibling)
        if style == "true_false" and "false_claim" in spec:
            self.false_claim = renderer.pair_snippet(template, "false_claim", spec["false_claim"], spec, "false_claim")
        # Whether choices.pool_keys may apply (see there): asked of every question otherwise.
        self.pools = style == "multiple_choice" and not rules.get("same_topic", False) and (
            not spec.get("sibling_when") or self.sibling_rule is not None)
        self.fields = self._fields(renderer, q_values)

    def _texts(self, renderer: Renderer, key: str):
        spec = self.template.spec
        return renderer.text_list_of(self.template, key, spec[key], spec, key) if key in spec else None

    def _fields(self, renderer: Renderer, q_values: dict[str, Callable]) -> list[tuple]:
        """(name, the question's value it prints alone, or the function rendering it) per Anki field:
        a field that only prints '{{ q.prompt }}' (most fields) reads it from the question.

        ``q_names``: the values of the question the other fields read (each is made for every
        question), or None when one of them reads 'q' whole or cannot be told."""
        template = self.template
        fields = template.spec.get("fields") or {}
        plan, self.q_names = [], frozenset()
        for name, source in fields.items():
            get = q_values.get(renderer.q_value(source))
            rendered = None
            if get is None:
                rendered = renderer.snippet(template, f"fields.{name}", source, fields, name, html=True)
                reads = _q_reads(renderer, source)
                self.q_names = None if reads is None or self.q_names is None else self.q_names | reads
            plan.append((name, get, rendered))
        if self.q_names is not None:
            self.q_names = tuple(name for name in q_values if name in self.q_names)
        self.fields_printed = all(rendered is None for _, _, rendered in plan)
        return plan


_WHOLE = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Macro, nodes.CallBlock, nodes.Extends)


def _q_reads(renderer: Renderer, source) -> frozenset[str] | None:
    """The keys of 'q' a field snippet reads ('q.options', "q['correct']"), or None when it reads 'q'
    whole (printed, passed on, a dict method's name like 'q.items', set again) or when that cannot
    be told: then every key is made, as for any field."""
    if not isinstance(source, str):
        return None
    try:
        tree = snippetcache.parsed(renderer.html_env, source)
    except Exception:  # noqa: BLE001 - Jinja reports it when it renders
        return None
    if any(True for _ in tree.find_all(_WHOLE)):
        return None
    names, read = set(), 0
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        if not (isinstance(node.node, nodes.Name) and node.node.name == "q"):
            continue
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            name = node.arg.value
        else:
            return None
        if hasattr(dict, name):
            return None
        names.add(name)
        read += 1
    uses = sum(1 for node in tree.find_all(nodes.Name) if node.name == "q")
    return frozenset(names) if uses == read else None
