"""Stage 2: render question templates against facts into :class:`Question` objects.

A template is YAML data with Jinja2 snippets.  Jinja runs in a sandbox with
StrictUndefined: a snippet that names a missing field is reported as
``template.yaml:line:col: ... (fact 'id')`` instead of producing a blank card.
Semantic parts (prompt, answer, options, ...) render as plain text; each
writer escapes them for its own format.  Anki ``fields`` render with HTML
autoescaping, so fact text can never inject markup into a card.
"""

from __future__ import annotations

import hashlib
import random
import traceback
from dataclasses import dataclass, field
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from . import quotes
from .errors import Problem
from .model import COMMON_NOTE_FIELDS, FACT_KINDS, DeckRecipe, Fact, Project, QuestionTemplate
from .schema import Field

STYLES = ("short_answer", "multiple_choice", "true_false", "fill_blank", "matching", "ordering", "table",
          "essay")
TARGETS = ("anki", "worksheet", "export")

TEMPLATE_FIELDS = {
    "id": Field("id", hint="defaults to the file name"),
    "description": Field("text"),
    "applies_to": Field("mapping", hint="kinds, topics, tags and/or a Jinja 'when' expression"),
    "style": Field("text", required=True, choices=STYLES),
    "scope": Field("text", choices=("each", "group"), hint="each: one question per fact; "
                   "group: one question over several facts"),
    "group_size": Field("integer", minimum=1, maximum=100),
    "group_by": Field("text", choices=("topic", "deck")),
    "note_type": Field("id", hint="a note type id from question_templates/note_types/"),
    "prompt": Field("text", required=True),
    "answer": Field("text"),
    "distractors": Field("mapping"),
    "false_claim": Field("text"),
    "sibling_when": Field("text", hint="a Jinja expression over 'fact' and 'sibling': which "
                          "sibling facts may supply distractors or false claims"),
    "cloze": Field("mapping"),
    "pairs": Field("mapping"),
    "items": Field("text"),
    "columns": Field("list"),
    "fields": Field("mapping"),
    "points": Field("integer", minimum=0, maximum=100),
    "lines": Field("integer", minimum=0, maximum=200),
    "targets": Field("texts", choices=TARGETS),
    "type_answer": Field("bool", hint="an Anki type-the-answer card"),
    "accept": Field("text", hint="a Jinja expression giving other accepted answers; default: the "
                    "fact's 'accept' when the answer is the fact's answer"),
    "marking_points": Field("text", hint="a Jinja expression giving the marking points of an essay"),
}
APPLIES_FIELDS = {
    "kinds": Field("texts", choices=FACT_KINDS), "topics": Field("ids"), "tags": Field("ids"),
    "when": Field("text", hint="a Jinja expression over 'fact', e.g. fact.data.promised is defined"),
}
DISTRACTOR_FIELDS = {
    "count": Field("integer", minimum=1, maximum=9), "minimum": Field("integer", minimum=1, maximum=9),
    "value": Field("text", hint="Jinja with 'fact' (this question's fact) and 'sibling' (each "
                   "sibling fact); default: the template's answer rendered for the sibling"),
    "same_topic": Field("bool"),
}
CLOZE_FIELDS = {"text": Field("text", required=True), "terms": Field("text", required=True)}
PAIR_FIELDS = {"left": Field("text", required=True), "right": Field("text", required=True),
               "left_title": Field("text"), "right_title": Field("text")}
COLUMN_FIELDS = {"title": Field("text", required=True), "value": Field("text", required=True),
                 "blank": Field("bool")}
STYLE_NEEDS = {
    "short_answer": ("answer",), "multiple_choice": ("answer",), "true_false": ("false_claim",),
    "fill_blank": ("cloze",), "matching": ("pairs",), "ordering": ("items",), "table": ("columns",),
    "essay": ("answer",),
}

MACHINE_WORDS = 3  # a short answer of more words is marked by hand (exported as an essay)


@dataclass
class Question:
    """One question made from a template and one fact (or a group of facts)."""

    id: str
    guid_key: str
    template_id: str
    style: str
    topic: str
    source_id: str
    facts: list[Fact]
    prompt: str
    answer: str = ""
    options: list[str] = field(default_factory=list)
    correct: int | None = None
    truth: bool | None = None
    cloze: list[tuple[str, int]] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    pair_titles: tuple[str, str] = ("", "")
    order: list[str] = field(default_factory=list)
    columns: list[dict[str, Any]] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    note_type: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    points: int = 1
    lines: int = 2
    targets: tuple[str, ...] = TARGETS
    accept: list[str] = field(default_factory=list)  # other answers a marker accepts
    any_order: bool = False  # a list answer ('a; b; c') accepted in any order
    marking_points: list[str] = field(default_factory=list)  # essay: what a full answer mentions

    @property
    def fact(self) -> Fact:
        return self.facts[0]

    def machine_answers(self) -> list[str]:
        """Every accepted form, when a machine can mark the answer; else [] (mark by hand).

        Machine-markable: each form is a number with an optional unit, or at most
        three words.  Longer answers are exported as essay (manually graded) items.
        """
        if self.style not in ("short_answer", "fill_blank") or not self.answer:
            return []
        forms = [self.answer] + [a for a in self.accept if a != self.answer]
        return forms if all(_machine_markable(form) for form in forms) else []

    @property
    def correct_letter(self) -> str:
        return "ABCDEFGHIJ"[self.correct] if self.correct is not None else ""

    @property
    def cloze_plain(self) -> str:
        return "".join(text for text, _ in self.cloze)


@dataclass
class RenderResult:
    questions: list[Question]
    problems: list[Problem]
    skipped: list[str]


def _machine_markable(text: str) -> bool:
    import re

    if re.fullmatch(r"(about |c\. )?[\d,.]+\s*[%\w ]{0,20}", text.strip()) and len(text.split()) <= 4:
        return True
    return 0 < len(text.split()) <= MACHINE_WORDS


def stable_seed(*parts: str) -> int:
    """A seed that depends only on its text parts (never on time or hash randomisation)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return int(digest[:16], 16)


# --- Jinja environments -------------------------------------------------------

def _share(part, whole) -> str:
    """``75000 | share(200000)`` -> '37.5%': computed, never typed by hand."""
    if not whole:
        raise ValueError("share of a zero total")
    value = round(100 * part / whole, 1)
    return f"{quotes.format_number(value)}%"


def _qty(value, unit=None) -> str:
    return quotes.format_number(value) + (f" {unit}" if unit else "")


class _Sources(jinja2.BaseLoader):
    """Serves template snippets by name 'file.yaml:key' so errors name their origin."""

    def __init__(self):
        self.snippets: dict[str, str] = {}

    def get_source(self, environment, name):
        if name not in self.snippets:
            raise jinja2.TemplateNotFound(name)
        return self.snippets[name], name, lambda: True


def _environment(autoescape: bool) -> SandboxedEnvironment:
    env = SandboxedEnvironment(loader=_Sources(), undefined=jinja2.StrictUndefined,
                               autoescape=autoescape, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(number=quotes.format_number, share=_share, qty=_qty)
    return env


class Renderer:
    """Compiles template snippets once and renders them with positions for errors."""

    def __init__(self):
        self.text_env = _environment(autoescape=False)
        self.html_env = _environment(autoescape=True)
        self._expressions: dict[str, object] = {}

    def _compile(self, env, template: QuestionTemplate, key: str, source: str):
        name = f"{template.path}:{key}:{'html' if env is self.html_env else 'text'}"
        env.loader.snippets[name] = source
        return env.get_template(name)

    def render(self, template: QuestionTemplate, key: str, source: str, where, html=False, **ctx) -> str:
        env = self.html_env if html else self.text_env
        try:
            compiled = self._compile(env, template, key, source)
            return " ".join(compiled.render(**ctx).split()) if not html else compiled.render(**ctx).strip()
        except jinja2.TemplateSyntaxError as err:
            raise TemplateProblem(template.path, where[0] + (err.lineno or 1) - 1, where[1],
                                  f"template '{template.id}', {key}: Jinja syntax error: {err.message}")
        except Exception as err:  # noqa: BLE001 - any template failure is the author's to fix
            line = self._failing_line(err, env, template, key)
            raise TemplateProblem(template.path, where[0] + line - 1, where[1],
                                  f"template '{template.id}', {key}: {_describe_error(err)}")

    def expression(self, template: QuestionTemplate, key: str, source: str, where, **ctx):
        try:
            compiled = self._expressions.get(source)
            if compiled is None:
                compiled = self.text_env.compile_expression(source, undefined_to_none=False)
                self._expressions[source] = compiled
            return compiled(**ctx)
        except jinja2.TemplateSyntaxError as err:
            raise TemplateProblem(template.path, *where,
                                  f"template '{template.id}', {key}: Jinja syntax error: {err.message}")
        except Exception as err:  # noqa: BLE001
            raise TemplateProblem(template.path, *where,
                                  f"template '{template.id}', {key}: {_describe_error(err)}")

    def text_list(self, template: QuestionTemplate, key: str, source: str, where, **ctx) -> list[str]:
        """An expression that must give a list of texts (ordering items, cloze terms)."""
        value = self.expression(template, key, source, where, **ctx)
        if not isinstance(value, (list, tuple)) or not all(
                isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
            raise TemplateProblem(template.path, *where, f"template '{template.id}', {key}: "
                                  f"'{source}' must give a list of texts, not {type(value).__name__}")
        return [str(v) for v in value]

    @staticmethod
    def _failing_line(err: Exception, env, template, key) -> int:
        prefix = f"{template.path}:{key}:"
        for frame in reversed(traceback.extract_tb(err.__traceback__)):
            if frame.filename and frame.filename.startswith(prefix):
                return frame.lineno or 1
        return 1


def _describe_error(err: Exception) -> str:
    if isinstance(err, jinja2.UndefinedError):
        return f"{err.message}; check the field name against the fact format (or guard it with 'is defined')"
    if isinstance(err, jinja2.exceptions.SecurityError):
        return f"not allowed in the template sandbox: {err}"
    return f"{type(err).__name__}: {err}"


class TemplateProblem(Exception):
    """A template failed for one fact; becomes a Problem naming file, line and fact."""

    def __init__(self, path: str, line: int, col: int, message: str):
        super().__init__(message)
        self.problem = Problem(path, line, col, message)

    def for_fact(self, fact_id: str) -> Problem:
        p = self.problem
        return Problem(p.path, p.line, p.col, f"{p.message} (while rendering fact '{fact_id}')")


# --- validating templates at load time ----------------------------------------

def check_template_spec(template: QuestionTemplate, project: Project) -> list[Problem]:
    """Structural checks that need no facts: sub-keys, style needs, syntax."""
    from .schema import check_mapping

    spec, path, problems = template.spec, template.path, []
    subs = (("applies_to", APPLIES_FIELDS), ("distractors", DISTRACTOR_FIELDS),
            ("cloze", CLOZE_FIELDS), ("pairs", PAIR_FIELDS))
    for key, fields in subs:
        if key in spec:
            problems += check_mapping(spec[key], fields, path, f"template '{template.id}' {key}",
                                      spec.loc(key))
    for i, column in enumerate(spec.get("columns", [])):
        problems += check_mapping(column, COLUMN_FIELDS, path, f"template '{template.id}' column "
                                  f"#{i + 1}", spec["columns"].loc(i))
    for need in STYLE_NEEDS.get(spec.get("style"), ()):
        if need not in spec:
            problems.append(Problem(path, *spec.loc(), f"template '{template.id}': style "
                                    f"'{spec['style']}' needs the key '{need}'"))
    if "note_type" in spec and "fields" not in spec:
        problems.append(Problem(path, *spec.loc("note_type"), f"template '{template.id}': "
                                "a template with a note_type needs 'fields' (note field -> Jinja)"))
    problems += _check_note_fields(template, project)
    if spec.get("style") in ("matching", "table") and spec.get("scope", "each") != "group":
        problems.append(Problem(path, *spec.loc("style"), f"template '{template.id}': style "
                                f"'{spec['style']}' asks about several facts; add 'scope: group'"))
    problems += _check_syntax(template)
    return problems


def _check_note_fields(template: QuestionTemplate, project: Project) -> list[Problem]:
    """The note type must exist and own every field the template fills (except common ones)."""
    spec, path = template.spec, template.path
    if "note_type" not in spec:
        return []
    note_type = project.note_types.get(spec["note_type"])
    if note_type is None:
        known = ", ".join(project.note_types) or "(none)"
        return [Problem(path, *spec.loc("note_type"), f"template '{template.id}': unknown note type "
                        f"'{spec['note_type']}'; known: {known} (defined in question_templates/note_types/)")]
    fields = spec.get("fields")
    problems = []
    for name in fields if isinstance(fields, dict) else ():
        if name in COMMON_NOTE_FIELDS:
            problems.append(Problem(path, *fields.key_loc(name), f"template '{template.id}': field "
                                    f"'{name}' is filled by studykit from the fact and its source; "
                                    "remove it from 'fields'"))
        elif name not in note_type.fields:
            own = ", ".join(f for f in note_type.fields if f not in COMMON_NOTE_FIELDS)
            problems.append(Problem(path, *fields.key_loc(name), f"template '{template.id}': note type "
                                    f"'{note_type.id}' has no field '{name}'; its fields are: {own} "
                                    f"(see {note_type.path})"))
    return problems


def _check_syntax(template: QuestionTemplate) -> list[Problem]:
    env = _environment(autoescape=False)
    problems = []
    for key, source, where in _snippets(template):
        try:
            env.parse(source)
        except jinja2.TemplateSyntaxError as err:
            problems.append(Problem(template.path, where[0] + (err.lineno or 1) - 1, where[1],
                                    f"template '{template.id}', {key}: Jinja syntax error: {err.message}"))
    return problems


def _snippets(template: QuestionTemplate):
    spec = template.spec
    for key in ("prompt", "answer", "false_claim"):
        if isinstance(spec.get(key), str):
            yield key, spec[key], spec.loc(key)
    for parent in ("distractors", "cloze", "pairs", "fields"):
        sub = spec.get(parent)
        if isinstance(sub, dict):
            for key, value in sub.items():
                if isinstance(value, str) and key not in ("terms",):
                    yield f"{parent}.{key}", value, sub.loc(key)


# --- rendering ----------------------------------------------------------------

def deck_facts(project: Project, recipe: DeckRecipe) -> list[Fact]:
    """The recipe's facts in study order: by the recipe's topic order, then file order."""
    order = {topic: i for i, topic in enumerate(recipe.topics)}
    chosen = [f for f in project.facts.values()
              if f.source_id in recipe.sources and f.topic in order]
    return sorted(chosen, key=lambda f: order[f.topic])


def render_deck(project: Project, recipe: DeckRecipe, renderer: Renderer | None = None) -> RenderResult:
    """Every question the recipe's templates make from the recipe's facts."""
    renderer = renderer or Renderer()
    facts = deck_facts(project, recipe)
    result = RenderResult([], [], [])
    for template_id in recipe.templates:
        template = project.templates.get(template_id)
        if template is None or template.broken:
            continue
        try:
            applicable = [f for f in facts if applies(renderer, template, f)]
        except TemplateProblem as err:
            result.problems.append(err.problem)
            continue
        maker = _make_group if template.scope == "group" else _make_each
        maker(project, recipe, template, applicable, renderer, result)
    _order_for_study(result.questions, recipe)
    return result


def _order_for_study(questions: list[Question], recipe: DeckRecipe) -> None:
    order = {topic: i for i, topic in enumerate(recipe.topics)}
    questions.sort(key=lambda q: order.get(q.topic, len(order)))


def applies(renderer: Renderer, template: QuestionTemplate, fact: Fact) -> bool:
    rule = template.spec.get("applies_to") or {}
    if "kinds" in rule and fact.kind not in rule["kinds"]:
        return False
    if "topics" in rule and fact.topic not in rule["topics"]:
        return False
    if "tags" in rule and not set(rule["tags"]) & set(fact.tags):
        return False
    if "when" in rule:
        try:
            return bool(renderer.expression(template, "applies_to.when", rule["when"],
                                            rule.loc("when"), fact=fact.as_template_data()))
        except TemplateProblem as err:
            raise TemplateProblem(*_unpack(err.for_fact(fact.id)))
    return True


def _unpack(problem: Problem):
    return problem.path, problem.line, problem.col, problem.message


def _make_each(project, recipe, template, facts, renderer, result: RenderResult) -> None:
    for fact in facts:
        try:
            question = _question_for_fact(project, template, fact, facts, renderer)
        except TemplateProblem as err:
            result.problems.append(err.for_fact(fact.id))
            continue
        if question is None:
            result.skipped.append(f"{template.id}/{fact.id}")
            continue
        _render_fields(question, template, renderer, result)


def _base(template: QuestionTemplate, facts: list[Fact], qid: str, guid_key: str, prompt: str) -> Question:
    spec = template.spec
    return Question(
        id=qid, guid_key=guid_key, template_id=template.id, style=template.style,
        topic=facts[0].topic, source_id=facts[0].source_id, facts=list(facts), prompt=prompt,
        note_type=spec.get("note_type"), points=spec.get("points", 1), lines=spec.get("lines", 2),
        targets=tuple(spec.get("targets", TARGETS)),
    )


def _question_for_fact(project, template, fact: Fact, applicable, renderer) -> Question | None:
    spec = template.spec
    ctx = {"fact": fact.as_template_data()}
    qid = f"{template.id}/{fact.id}"
    guid_key = f"{fact.source_id}/{fact.identity}/{template.id}"
    prompt = renderer.render(template, "prompt", spec["prompt"], spec.loc("prompt"), **ctx)
    question = _base(template, [fact], qid, guid_key, prompt)
    if "answer" in spec:
        question.answer = renderer.render(template, "answer", spec["answer"], spec.loc("answer"), **ctx)
    _fill_marking(template, fact, renderer, question, ctx)
    rng = random.Random(stable_seed(guid_key))
    style = template.style
    if style == "multiple_choice":
        return _fill_choices(project, template, fact, applicable, renderer, question, rng)
    if style == "true_false":
        return _fill_true_false(project, template, fact, applicable, renderer, question, rng)
    if style == "fill_blank":
        return _fill_cloze(template, fact, renderer, question, ctx)
    if style == "ordering":
        question.order = renderer.text_list(template, "items", spec["items"], spec.loc("items"), **ctx)
        question.options = _shuffled_differently(question.order, rng)
        question.answer = question.answer or "; ".join(question.order)
    return question


def _fill_marking(template, fact: Fact, renderer, question: Question, ctx) -> None:
    """What a marker accepts: alternative answers, list order, essay marking points."""
    spec = template.spec
    if "accept" in spec:
        question.accept = renderer.text_list(template, "accept", spec["accept"], spec.loc("accept"), **ctx)
    elif question.answer and quotes.normalize(question.answer) == quotes.normalize(fact.answer):
        question.accept = list(fact.accept)
    if fact.kind == "list" and not fact.data.get("ordered", False):
        items = fact.data.get("items", [])
        question.any_order = question.answer == "; ".join(items) or question.answer == fact.answer
    if "marking_points" in spec:
        question.marking_points = renderer.text_list(template, "marking_points", spec["marking_points"],
                                                     spec.loc("marking_points"), **ctx)


def _sibling_pool(project, renderer, template, fact, applicable, same_topic: bool) -> list[Fact]:
    """Sibling facts (same kind and source) this template may borrow from."""
    pool = [f for f in project.siblings(fact) if f in applicable]
    if same_topic:
        pool = [f for f in pool if f.topic == fact.topic]
    rule = template.spec.get("sibling_when")
    if rule:
        where = template.spec.loc("sibling_when")
        pool = [f for f in pool if renderer.expression(
            template, "sibling_when", rule, where,
            fact=fact.as_template_data(), sibling=f.as_template_data())]
    return pool


def _fill_choices(project, template, fact, applicable, renderer, question, rng) -> Question | None:
    spec = template.spec
    options = spec.get("distractors") or {}
    value_src = options.get("value", spec["answer"])
    where = options.loc("value") if "value" in options else spec.loc("answer")
    seen = {quotes.normalize(question.answer).casefold()}
    candidates = []
    for sibling in _sibling_pool(project, renderer, template, fact, applicable,
                                 options.get("same_topic", False)):
        # A custom 'value' sees the question's fact and the sibling; the default
        # (the template's own answer) is simply rendered for the sibling.
        ctx = ({"fact": fact.as_template_data(), "sibling": sibling.as_template_data()}
               if "value" in options else {"fact": sibling.as_template_data()})
        text = renderer.render(template, "distractors.value", value_src, where, **ctx)
        key = quotes.normalize(text).casefold()
        if text and key not in seen:
            seen.add(key)
            candidates.append(text)
    count = options.get("count", 3)
    if len(candidates) < options.get("minimum", 2):
        return None
    distractors = rng.sample(sorted(candidates), min(count, len(candidates)))
    question.options = [question.answer] + distractors
    rng.shuffle(question.options)
    question.correct = question.options.index(question.answer)
    return question


def _fill_true_false(project, template, fact, applicable, renderer, question, rng) -> Question | None:
    spec = template.spec
    true_claim = question.prompt
    candidates = []
    for sibling in _sibling_pool(project, renderer, template, fact, applicable, False):
        text = renderer.render(template, "false_claim", spec["false_claim"], spec.loc("false_claim"),
                               fact=fact.as_template_data(), sibling=sibling.as_template_data())
        if quotes.normalize(text) != quotes.normalize(true_claim):
            candidates.append(text)
    question.truth = rng.random() < 0.5 or not candidates
    if not question.truth:
        question.prompt = rng.choice(sorted(candidates))
    question.answer = "True" if question.truth else "False"
    question.options = ["True", "False"]
    question.correct = 0 if question.truth else 1
    return question


def _fill_cloze(template, fact, renderer, question, ctx) -> Question | None:
    spec = template.spec["cloze"]
    text = renderer.render(template, "cloze.text", spec["text"], spec.loc("text"), **ctx)
    terms = renderer.text_list(template, "cloze.terms", spec["terms"], spec.loc("terms"), **ctx)
    question.cloze = cloze_segments(text, terms)
    if not any(n for _, n in question.cloze):
        return None
    question.answer = question.answer or "; ".join(t for t, n in question.cloze if n)
    return question


def cloze_segments(text: str, terms: list[str]) -> list[tuple[str, int]]:
    """Split ``text`` into (segment, cloze number) pairs; number 0 is plain text."""
    spans = []
    for term in terms:
        start = text.find(term)
        if start < 0 or any(s < start + len(term) and start < e for s, e in spans):
            continue
        spans.append((start, start + len(term)))
    segments, pos = [], 0
    for n, (start, end) in enumerate(sorted(spans), start=1):
        if start > pos:
            segments.append((text[pos:start], 0))
        segments.append((text[start:end], n))
        pos = end
    if pos < len(text):
        segments.append((text[pos:], 0))
    return segments


def _shuffled_differently(items: list[str], rng: random.Random) -> list[str]:
    shuffled = list(items)
    for _ in range(10):
        rng.shuffle(shuffled)
        if shuffled != items or len(items) < 2:
            break
    return shuffled


def _make_group(project, recipe, template, facts, renderer, result: RenderResult) -> None:
    spec = template.spec
    size = spec.get("group_size", 6)
    groups: dict[str, list[Fact]] = {}
    for fact in facts:
        key = recipe.id if spec.get("group_by", "topic") == "deck" else fact.topic
        groups.setdefault(key, []).append(fact)
    for key, members in groups.items():
        for n, start in enumerate(range(0, len(members), size), start=1):
            chunk = members[start:start + size]
            if len(chunk) < 2:
                result.skipped.append(f"{template.id}/{key}/{n}")
                continue
            try:
                question = _group_question(template, chunk, f"{template.id}/{key}/{n}", renderer)
            except TemplateProblem as err:
                result.problems.append(err.problem)
                continue
            _render_fields(question, template, renderer, result)


def _group_question(template, chunk: list[Fact], qid: str, renderer) -> Question:
    spec = template.spec
    ctx = {"facts": [f.as_template_data() for f in chunk]}
    prompt = renderer.render(template, "prompt", spec["prompt"], spec.loc("prompt"), **ctx)
    question = _base(template, chunk, qid, f"{chunk[0].source_id}/{qid}", prompt)
    rng = random.Random(stable_seed(question.guid_key))
    if template.style == "matching":
        pairs = spec["pairs"]
        for fact in chunk:
            try:
                left = renderer.render(template, "pairs.left", pairs["left"], pairs.loc("left"),
                                       fact=fact.as_template_data())
                right = renderer.render(template, "pairs.right", pairs["right"], pairs.loc("right"),
                                        fact=fact.as_template_data())
            except TemplateProblem as err:
                raise TemplateProblem(*_unpack(err.for_fact(fact.id)))
            question.pairs.append((left, right))
        question.pair_titles = (pairs.get("left_title", ""), pairs.get("right_title", ""))
        question.options = _shuffled_differently([r for _, r in question.pairs], rng)
        question.answer = "; ".join(f"{left} - {right}" for left, right in question.pairs)
    elif template.style == "table":
        question.columns = [{"title": c["title"], "blank": c.get("blank", False)} for c in spec["columns"]]
        for fact in chunk:
            row = []
            for i, column in enumerate(spec["columns"]):
                try:
                    row.append(renderer.render(template, f"columns[{i}].value", column["value"],
                                               column.loc("value"), fact=fact.as_template_data()))
                except TemplateProblem as err:
                    raise TemplateProblem(*_unpack(err.for_fact(fact.id)))
            question.rows.append(row)
    return question


def _render_fields(question: Question, template, renderer, result: RenderResult) -> None:
    """Render the Anki fields (HTML, autoescaped) and keep the question."""
    spec = template.spec
    fields = spec.get("fields") or {}
    ctx = {"fact": question.fact.as_template_data(), "q": _question_context(question)}
    try:
        for name, source in fields.items():
            question.fields[name] = renderer.render(template, f"fields.{name}", source,
                                                    fields.loc(name), html=True, **ctx)
    except TemplateProblem as err:
        result.problems.append(err.for_fact(question.fact.id))
        return
    result.questions.append(question)


def _question_context(question: Question) -> dict[str, Any]:
    from markupsafe import Markup, escape

    def cloze_html(hint_terms: bool = False) -> Markup:
        parts = []
        for text, n in question.cloze:
            safe = str(escape(text)).replace("{", "&#123;").replace("}", "&#125;")
            parts.append(f"{{{{c{n}::{safe}}}}}" if n else safe)
        return Markup("".join(parts))

    return {
        "id": question.id, "prompt": question.prompt, "answer": question.answer,
        "options": list(question.options), "correct": question.correct,
        "correct_letter": question.correct_letter, "truth": question.truth,
        "letters": "ABCDEFGHIJ", "order": list(question.order), "cloze": cloze_html(),
        "cloze_plain": question.cloze_plain,
    }
