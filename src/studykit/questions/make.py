"""Building questions: each template against the deck's facts, one style at a time.

A question that cannot be made well (too few plausible options, a stem that
names its own answer, nothing to blank) is not made; its reason is kept in
:attr:`RenderResult.reasons` for ``studykit preview``.
"""

from __future__ import annotations

from collections.abc import Collection

from .. import collector
from ..errors import Problem
from ..model import DeckRecipe, Fact, Project, QuestionTemplate
from . import headings
from .answer_forms import date_alone, million_forms, owner_alone, time_forms
from .applies import applies, applies_rule, why_not_applies  # noqa: F401 - applies, why_not_applies: public here too
from .choices import PoolKeys, fill_choices, fill_true_false, pool_keys
from .comparable import FactIndex, named_in
from .fields import Q_VALUES, render_fields
from .groups import make_groups
from .noun_phrases import neutral_article
from .option_keys import option_key
from .order_shown import drop_answered_orderings
from .question import TARGETS, Question, RenderResult, seeded, shuffled_differently, styled_name
from .render import Renderer
from .shape import Shape
from .spellings import typed_spellings
from .template_problems import TemplateProblem


def deck_facts(project: Project, recipe: DeckRecipe) -> list[Fact]:
    """The recipe's facts in study order: by the recipe's topic order, then file order."""
    order = {topic: i for i, topic in enumerate(recipe.topics)}
    chosen = [f for f in project.facts.values()
              if f.source_id in recipe.sources and f.topic in order]
    return sorted(chosen, key=lambda f: order[f.topic])


def document_facts(project: Project, recipe: DeckRecipe) -> list[Fact]:
    """Every fact of the recipe's documents, by each document's own topic order, then file order."""
    rank: dict[tuple[str, str], int] = {}
    for source_id in recipe.sources:
        source = project.sources.get(source_id)
        for i, topic in enumerate(source.topics if source else ()):
            rank.setdefault((source_id, topic.id), i)
    facts = [f for f in project.facts.values() if f.source_id in recipe.sources]
    return sorted(facts, key=lambda f: rank.get((f.source_id, f.topic), len(rank)))


class _Run:
    """One render of one deck: the index, the fact views and the collected results."""

    def __init__(self, project: Project, recipe: DeckRecipe, renderer: Renderer):
        self.project, self.recipe, self.renderer = project, recipe, renderer
        self.facts = deck_facts(project, recipe)
        # Options come from the whole of each document, in the document's own topic order, not
        # from the topics this deck takes in its order: so a question is the same note (same
        # options) in every deck that holds it.
        lenders = document_facts(project, recipe)
        taken = {f.id for f in self.facts}  # fact ids are unique in a project
        self.others = [f for f in lenders if f.id not in taken]
        self.index = FactIndex(lenders)
        self.view = renderer.views
        self.result = RenderResult([], [], [])
        self.failures: dict[Problem, list[str]] = {}
        self.over_budget: dict[str, TemplateProblem] = {}  # template file -> the error that stopped it
        self.sibling_values: dict[tuple, dict[str, str]] = {}  # see choices._sibling_values
        self.pool_keys: dict[tuple, PoolKeys | None] = {}  # see choices.pool_keys
        self.rings: dict[tuple, object] = {}  # see option_ring.ring_after
        self.shapes: dict[str, Shape] = {}  # see shape_of
        self.headings: dict[tuple[str, str], str] = {}  # see heading
        self.of_kinds: dict[tuple, list[Fact]] = {}  # see _of_kinds (keyed by the id of facts or others)

    def fail(self, err: TemplateProblem, fact_id: str | None) -> None:
        self.failures.setdefault(err.problem, [])
        if fact_id is not None:
            self.failures[err.problem].append(fact_id)
        if err.over_budget:  # a second second-long failure per fact would make a check hang
            self.over_budget.setdefault(err.problem.path, err)

    def spent(self, template: QuestionTemplate, fact_id: str | None) -> bool:
        """Whether the sandbox already stopped ``template``: then ``fact_id`` counts among the
        facts its error affects, unrendered."""
        err = self.over_budget.get(template.path)
        if err is not None and fact_id is not None:
            self.failures[err.problem].append(fact_id)
        return err is not None

    def heading(self, fact: Fact) -> str:
        """The title printed above the fact's questions (:func:`.headings.heading`), found once per topic."""
        key = (fact.source_id, fact.topic)
        title = self.headings.get(key)
        if title is None:
            title = self.headings[key] = headings.heading(self.project, fact, self.recipe.title)
        return title

    def shape_of(self, template: QuestionTemplate) -> Shape:
        """What the template's questions take from it alone, worked out at its first question."""
        shape = self.shapes.get(template.id)
        if shape is None:
            shape = self.shapes[template.id] = Shape(self.renderer, template, Q_VALUES)
        return shape

    def report_failures(self) -> None:
        """Each template error once, with the number of facts it affects."""
        for problem, fact_ids in self.failures.items():
            if fact_ids:
                others = len(fact_ids) - 1
                tail = f" and {others} other fact{'s' if others > 1 else ''}" if others else ""
                problem = Problem(problem.path, problem.line, problem.col,
                                  f"{problem.message} (while rendering fact '{fact_ids[0]}'{tail})")
            self.result.problems.append(problem)
            self.result.problem_facts[problem] = list(fact_ids)


def render_deck(project: Project, recipe: DeckRecipe, renderer: Renderer | None = None,
                targets: Collection[str] | None = None) -> RenderResult:
    """Every question the recipe's templates make from the recipe's facts.

    ``targets`` (a build's outputs, :func:`..outputs.shown_targets`): only the questions of
    the templates with one of these targets (:func:`rendered_templates`); None: every template's.
    """
    run = _Run(project, recipe, renderer or Renderer())
    with run.renderer.session(), collector.paused():
        _render_templates(run, rendered_templates(project, recipe, targets))
    run.report_failures()
    _drop_repeats(run.result)
    drop_answered_orderings(run.result.questions)
    _order_for_study(run.result.questions, recipe)
    return run.result


def rendered_templates(project: Project, recipe: DeckRecipe,
                       targets: Collection[str] | None) -> list[QuestionTemplate]:
    """The recipe's templates a render with ``targets`` makes, in the recipe's order (None: all).

    Those with one of the targets.  An earlier question that asks the same as a later one
    takes from it only the targets both have (:func:`_drop_repeats`), so a template without
    one of ``targets`` cannot change what these outputs show: it is left unrendered.
    """
    templates = [t for t in map(project.templates.get, recipe.templates) if t is not None and not t.broken]
    if targets is None:
        return templates
    wanted = set(targets)
    return [t for t in templates if not wanted.isdisjoint(t.spec.get("targets", TARGETS))]


def _render_templates(run: _Run, templates: list[QuestionTemplate]) -> None:
    for template in templates:
        applicable = []
        rule = applies_rule(run.renderer, template, run.view)
        stopped = run.over_budget  # spent() asked only once the sandbox stopped a template
        for fact in _of_kinds(run.facts, template, run.of_kinds):
            if stopped and run.spent(template, fact.id):
                continue
            try:
                if rule(fact):
                    applicable.append(fact)
            except TemplateProblem as err:
                run.fail(err, fact.id)
        if template.scope == "group":
            make_groups(run, template, applicable)
        else:
            ids = {f.id for f in applicable} | _lenders(run, template)
            for fact in applicable:
                if not (stopped and run.spent(template, fact.id)):
                    _make_one(run, template, fact, ids)


def _lenders(run: _Run, template: QuestionTemplate) -> set[str]:
    """Facts of the deck's documents outside its topics that the template applies to: they lend
    options like the deck's own.  A template error on one is left to the deck that asks it."""
    lenders = set()
    rule = applies_rule(run.renderer, template, run.view)
    for fact in _of_kinds(run.others, template, run.of_kinds):
        if run.spent(template, None):
            break
        try:
            if rule(fact):
                lenders.add(fact.id)
        except TemplateProblem as err:
            if err.over_budget:
                run.fail(err, None)
            continue
    return lenders


def _of_kinds(facts: list[Fact], template: QuestionTemplate, known: dict | None = None) -> list[Fact]:
    """The facts of the kinds the template's rule names: the others need no look (the same
    answer as ``applies``, which refuses them before anything that could fail).  ``known`` keeps
    the list per kinds for one list of facts (figure templates ask the same kinds)."""
    kinds = (template.spec.get("applies_to") or {}).get("kinds")
    if not kinds or not isinstance(kinds, list):
        return facts
    try:
        key = (id(facts), frozenset(kinds))
    except TypeError:  # a kind that is no text: the rule's check reports it
        key = None
    found = known.get(key) if known is not None and key is not None else None
    if found is None:
        wanted = set(kinds)
        found = [fact for fact in facts if fact.kind in wanted]
        if known is not None and key is not None:
            known[key] = found
    return found


def _order_for_study(questions: list[Question], recipe: DeckRecipe) -> None:
    order = {topic: i for i, topic in enumerate(recipe.topics)}
    questions.sort(key=lambda q: order.get(q.topic, len(order)))


# --- one question per fact ----------------------------------------------------------

def _make_one(run: _Run, template: QuestionTemplate, fact: Fact, applicable_ids: set[str]) -> None:
    qid = f"{template.id}/{fact.id}"
    try:
        shape = run.shapes.get(template.id) or run.shape_of(template)
        if shape.pools:
            pool_keys(run, template, fact, applicable_ids)  # before the question's budget: see there
        with shape.budget:
            question, reason = _question_for_fact(run, template, shape, fact, qid, applicable_ids)
        if question is None:
            run.result.skip(qid, reason)
            return
        if shape.fields_printed:  # each field a value of the question, printed: nothing to bound
            render_fields(run, question, template, shape)
        else:
            with shape.budget:
                render_fields(run, question, template, shape)
    except TemplateProblem as err:
        run.fail(err, fact.id)
        return
    run.result.questions.append(question)


def _question_for_fact(run: _Run, template, shape: Shape, fact: Fact, qid: str,
                       applicable_ids) -> tuple[Question | None, str]:
    views = run.view
    ctx = {"fact": views.known.get(fact.id) or views(fact)}
    if shape.skip_when is not None and shape.skip_when(ctx):
        return None, shape.skip_reason
    guid_key = f"{fact.source_id}/{fact.identity}/{template.id}"
    part = shape.part  # (the first fields given in their order: a call by keywords costs a fifth more)
    question = Question(qid, guid_key, part["template_id"], part["style"], fact.topic, fact.source_id, [fact],
                        shape.prompt(fact), note_type=part["note_type"], points=part["points"],
                        lines=part["lines"], targets=part["targets"])
    if shape.answer is not None:
        question.answer = shape.answer(fact)
    _fill_marking(shape, fact, question, ctx)
    style = shape.style
    if style in ("short_answer", "multiple_choice") and question.answer \
            and named_in(question.answer, question.prompt):
        return None, f"the question names its own answer ('{question.answer}')"
    if style in ("short_answer", "multiple_choice", "fill_blank"):
        title = run.headings.get((fact.source_id, fact.topic)) or run.heading(fact)
        if style != "fill_blank" and headings.names_answer(title, question.answer):
            return None, headings.refusal(title, question.answer)
    if style == "multiple_choice":
        return fill_choices(run, template, fact, applicable_ids, question, lambda: seeded(guid_key))
    if style == "true_false":
        return fill_true_false(run, template, fact, applicable_ids, question, lambda: seeded(guid_key))
    if style == "fill_blank":
        return _fill_cloze(shape, question, ctx, title)
    if style == "essay" and fact.analysis:
        question.points = fact.analysis.get("points", question.points)
        question.lines = fact.analysis.get("lines", question.lines)
    if style == "ordering":
        question.order = shape.items(ctx)
        question.options = shuffled_differently(question.order, seeded(guid_key))
        question.answer = question.answer or "; ".join(question.order)
    return question, ""


def _fill_marking(shape: Shape, fact: Fact, question: Question, ctx) -> None:
    """What a marker accepts: alternative answers, list order, essay marking points."""
    answer = question.answer
    if shape.accept is not None:
        question.accept = shape.accept(ctx)
    elif answer and (answer == fact.answer or option_key(answer) == option_key(fact.answer)):
        question.accept = _answer_forms(fact)
    if answer and question.style in ("short_answer", "fill_blank"):
        accept = question.accept
        millions = million_forms(answer)
        if millions:
            taken = {option_key(a) for a in accept}
            accept += [form for form in millions if option_key(form) not in taken]
        forms = [answer, *accept]
        if not "".join(forms).isascii():  # (an ASCII text has no accent to drop)
            accept += typed_spellings(forms)
    if fact.kind == "list" and not fact.data.get("ordered", False):
        items = list(fact.data.get("items", []))
        question.any_order = option_key(answer) in (option_key("; ".join(items)), option_key(fact.answer))
    if shape.marking_points is not None:
        question.marking_points = shape.marking_points(ctx)


def _answer_forms(fact: Fact) -> list[str]:
    """The fact's own answer's other writings a marker accepts: its ``accept``, the name alone, the
    date or time of day written otherwise, the owner of a possessive."""
    accept = list(fact.accept) + _name_alone(fact)
    accept += [form for form in date_alone(fact.answer) + time_forms(fact.answer) if form not in accept]
    owners = owner_alone(fact.answer)
    if owners:
        taken = {option_key(a) for a in accept}
        accept += [form for form in owners if option_key(form) not in taken]
    return accept


def _name_alone(fact: Fact) -> list[str]:
    """['Thomas Pell'] for the answer 'Mayor Thomas Pell': the person's name typed without the
    title the answer adds is right too (the practice page and quiz exports mark it)."""
    name = fact.data.get("name") if fact.kind == "person" else None
    if not isinstance(name, str):
        return []
    taken = {option_key(fact.answer), *(option_key(a) for a in fact.accept)}
    if option_key(name) not in taken and named_in(name, fact.answer):
        return [name]
    # a name styled with a title ('The Rev. Thomas Earle', 'Mr. John Tennant') by its bare words, which
    # quizzes mark; a surname alone ('Mrs. Sharpe') may be another of the family's
    core = styled_name(fact.answer)
    return [core] if core and len(core.split()) > 1 and option_key(core) not in taken else []


def _fill_cloze(shape: Shape, question, ctx, title: str = ""):
    text = shape.cloze_text(ctx)
    terms = shape.cloze_terms(ctx)
    named = [term for term in terms if headings.names_answer(title, term)]
    if named:  # the heading above the question shows these: the other blanks are asked
        terms = [term for term in terms if term not in named]
        if not terms:
            return None, headings.refusal(title, named[0])
    question.cloze = cloze_segments(text, terms)
    question.cloze_text = text
    if not any(n for _, n in question.cloze):
        return None, "none of its terms occurs in the text to blank"
    question.answer = question.answer or "; ".join(t for t, n in question.cloze if n)
    return question, ""


def cloze_segments(text: str, terms: list[str]) -> list[tuple[str, int]]:
    """Split ``text`` into (segment, cloze number) pairs; number 0 is plain text.

    A term that occurs again outside its blank would give the blank away, so it
    is not blanked; nor may the article before a blank ("an ___"), which is
    written "a(n)".
    """
    spans = []
    for term in terms:
        start = text.find(term)
        if start < 0 or any(s < start + len(term) and start < e for s, e in spans):
            continue
        if text.find(term, start + len(term)) >= 0:
            continue
        spans.append((start, start + len(term)))
    segments, pos = [], 0
    for n, (start, end) in enumerate(sorted(spans), start=1):
        if start > pos:
            segments.append((neutral_article(text[pos:start]), 0))
        segments.append((text[start:end], n))
        pos = end
    if pos < len(text):
        segments.append((text[pos:], 0))
    return segments


# --- repeats -----------------------------------------------------------------------

def _drop_repeats(result: RenderResult) -> None:
    """Keep one question per thing asked and output: a later question that asks a fact the same
    as earlier ones loses the targets they already have, and is dropped once none is left.

    Dropping it outright would take a card out of the deck for a repeat that only a worksheet
    prints.  It is compared with every earlier kept question of its key, so the result does not
    hang on which came first.  Only questions of one fact in one style can ask the same, so
    prompt and answer are compared (their option keys made) only once a second such question
    comes: few facts have one.
    """
    asked: dict[tuple, Question] = {}  # key -> its first question
    chains: dict[tuple, list[Question]] = {}  # key -> its kept questions, once a second one comes
    alike: dict[tuple, Question | None] = {}  # (fact, style) -> its first question, None once keyed
    kept = []
    for question in result.questions:
        if len(question.facts) != 1:
            kept.append(question)
            continue
        kind = (question.facts[0].id, question.style)
        if kind not in alike:  # the first of its fact and style: the same as none before it
            alike[kind] = question
            kept.append(question)
            continue
        earlier = alike[kind]
        if earlier is not None:  # keyed now that a second one has come
            asked[_asked_key(earlier)] = earlier
            alike[kind] = None
        key = _asked_key(question)
        first = asked.get(key)
        if first is None:
            asked[key] = question
        else:
            before = chains.setdefault(key, [first])
            if not _keeps_targets(result, question, before):
                continue
            before.append(question)
        kept.append(question)
    result.questions[:] = kept


def _keeps_targets(result: RenderResult, question: Question, before: list[Question]) -> bool:
    """Narrow ``question`` to the targets none of ``before`` (questions asking the same) has;
    False (the question skipped, with the reason) when none is left."""
    result.repeats[question.id] = before[0].id
    covering = [q for q in before if not set(q.targets).isdisjoint(question.targets)]
    if not covering:
        return True
    left = tuple(t for t in question.targets if not any(t in q.targets for q in covering))
    if left:
        question.targets = left
        return True
    del result.repeats[question.id]
    result.skip(question.id, "asks the same as " + " and ".join(q.id for q in covering))
    return False


def _asked_key(question: Question) -> tuple:
    return question.fact.id, question.style, option_key(question.prompt), option_key(question.answer)
