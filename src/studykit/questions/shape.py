"""What a template's questions take from the template alone, worked out once per deck.

A deck asks each template of thousands of facts.  Which snippets it has, the
function that renders each (its shortcut found once, its position asked only
when Jinja reports an error), the fields every question copies and which steps
its style takes do not depend on the fact: :class:`Shape` holds them, so making
a question is only the work that does.
"""

from __future__ import annotations

from typing import Any, Callable

from ..model import QuestionTemplate
from .question import TARGETS
from .render import Renderer


class Shape:
    """One template's snippets as functions and its questions' fixed fields, for one render."""

    def __init__(self, renderer: Renderer, template: QuestionTemplate, q_values: dict[str, Callable]):
        spec, style = template.spec, template.style
        self.template = template
        self.part: dict[str, Any] = dict(
            template_id=template.id, style=style, note_type=spec.get("note_type"),
            points=spec.get("points", 1), lines=spec.get("lines", 2), targets=tuple(spec.get("targets", TARGETS)))
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
        self.value = self.false_claim = None
        if style == "multiple_choice" and "value" in rules:
            self.value = renderer.pair_snippet(template, "distractors.value", rules["value"], rules, "value")
        elif style == "multiple_choice" and "answer" in spec:  # the template's own answer, for the sibling
            of_fact = renderer.fact_snippet(template, "distractors.value", spec["answer"], spec, "answer")
            self.value = lambda fact, sibling: of_fact(sibling)
        if style == "true_false" and "false_claim" in spec:
            self.false_claim = renderer.pair_snippet(template, "false_claim", spec["false_claim"], spec, "false_claim")
        # Whether choices.pool_keys may apply (see there): asked of every question otherwise.
        self.pools = style == "multiple_choice" and not spec.get("sibling_when") and not rules.get("same_topic", False)
        self.fields = self._fields(renderer, q_values)

    def _texts(self, renderer: Renderer, key: str):
        spec = self.template.spec
        return renderer.text_list_of(self.template, key, spec[key], spec, key) if key in spec else None

    def _fields(self, renderer: Renderer, q_values: dict[str, Callable]) -> list[tuple]:
        """(name, the question's value it prints alone, or the function rendering it) per Anki field:
        a field that only prints '{{ q.prompt }}' (most fields) reads it from the question."""
        template = self.template
        fields = template.spec.get("fields") or {}
        plan = []
        for name, source in fields.items():
            get = q_values.get(renderer.q_value(source))
            rendered = None if get is not None else renderer.snippet(template, f"fields.{name}", source, fields,
                                                                     name, html=True)
            plan.append((name, get, rendered))
        return plan
