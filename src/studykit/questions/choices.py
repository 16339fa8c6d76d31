"""Wrong options and false versions: borrowed from comparable facts, seeded by the question.

A multiple-choice question takes the fact's own hand-written distractors first, then the
template's ``own`` (the figure requested for the one promised), then the same text of
comparable facts (:mod:`.comparable`) that the template's ``sibling_when`` accepts, sampled
with the question's own seed so a rebuild offers the same options.  A true/false question's
false version comes the same way.  Each pool is worked out once per template where the
option text depends on the sibling alone (a deck of 10,000 facts asks the same pools again).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Callable, NamedTuple

from ..model import Fact
from . import plain
from .comparable import SAMPLE_LIMIT, Options, form_of, sample
from .option_keys import length_clue, named_in, option_key, word_clue
from .option_ring import keep_next, ring_after
from .punctuation import capfirst
from .template_problems import TemplateProblem

if TYPE_CHECKING:  # the run is make's; only its fields are read here
    from .make import _Run as Run


def _pool(run: Run, template, fact: Fact, applicable_ids, rng, same_topic: bool, pool_by="category",
          left_out: Counter | None = None):
    """Comparable facts this template may borrow from, sampled with the question's seed.

    ``left_out`` counts those the template's ``sibling_when`` refused, and those of other topics
    ``same_topic`` left out, so a question left without options can say that the rule, not a
    missing category, is why."""
    pool = run.index.comparable(fact, pool_by)
    rule = template.spec.get("sibling_when")
    if not rule and not same_topic:
        yield from (sibling for sibling in sample(pool, rng, fact.id) if sibling.id in applicable_ids)
        return
    shape, view = run.shape_of(template), run.view(fact)
    when, pair = shape.sibling_when, shape.sibling_rule
    fact_state = pair.fact_state(view) if pair is not None else None
    for sibling in sample(pool, rng, fact.id):
        if sibling.id not in applicable_ids:
            continue
        if same_topic and sibling.topic != fact.topic:
            if left_out is not None:
                left_out["same_topic"] += 1
            continue
        if when is not None:
            other = run.view(sibling)
            ctx = {"fact": view, "sibling": other}
            if not (pair(ctx, fact_state, pair.sibling_state(sibling.id, other)) if pair is not None else when(ctx)):
                if left_out is not None:
                    left_out["sibling_when"] += 1
                continue
        yield sibling


def _lender_test(run: Run, template, fact: Fact, applicable_ids, same_topic: bool) -> Callable[[Fact], bool]:
    """Whether one fact of the pool may lend the question an option: _pool's test, for a fact
    asked alone (written out in _pool's loop, which asks it of every fact a walk samples)."""
    rule = template.spec.get("sibling_when")
    shape, view = run.shape_of(template), run.view(fact)
    when, pair = (shape.sibling_when, shape.sibling_rule) if rule else (None, None)
    fact_state = pair.fact_state(view) if pair is not None else None

    def lends(sibling: Fact) -> bool:
        if sibling.id not in applicable_ids or (same_topic and sibling.topic != fact.topic):
            return False
        if when is None:
            return True
        other = run.view(sibling)
        ctx = {"fact": view, "sibling": other}
        return bool(pair(ctx, fact_state, pair.sibling_state(sibling.id, other)) if pair is not None else when(ctx))
    return lends


def _sibling_values(run: Run, template, custom: bool, source) -> dict[str, str] | None:
    """The template's option text per sibling id, when it depends on the sibling alone (the
    default value, or a custom one that reads only ``sibling``); None when it reads the question's
    fact too.  Each sibling is offered to many questions: one dict lookup each after the first."""
    if not isinstance(source, str) or (custom and "fact" in run.renderer.reads(source)):
        return None
    return run.sibling_values.setdefault((template.path, source, custom), {})


def pool_keys(run: Run, template, fact: Fact, applicable_ids) -> PoolKeys | None:
    """The option keys of every fact in ``fact``'s pool (and the pool's fact ids), when each
    option text depends on the sibling alone and the template applies to the whole pool; else None.

    Then a question whose answer (or own options) already takes every one of these keys can
    borrow nothing: each sibling its walk would sample is refused as "the same as another
    option" (a course whose claims all have one holder asks whose-view 4,000 times for no
    question), or left out by the template's ``sibling_when``.  Each value is rendered once, in a
    budget of its own (not the first asking question's); a pool where one fails keeps None, and
    the walk meets the failure where it always did.
    """
    if template.style != "multiple_choice":
        return None
    spec = template.spec
    rules = spec.get("distractors") or {}
    pair = run.shape_of(template).sibling_rule if spec.get("sibling_when") else None
    if (spec.get("sibling_when") and pair is None) or rules.get("same_topic", False):
        return None
    pool = run.index.comparable(fact, rules.get("pool", "category"))
    memo = (template.path, id(pool))
    if memo in run.pool_keys:
        return run.pool_keys[memo]
    run.pool_keys[memo] = None
    source = rules.get("value", spec.get("answer"))
    known = _sibling_values(run, template, "value" in rules, source)
    if known is None or not all(sibling.id in applicable_ids for sibling in pool):
        return None
    where = rules.loc("value") if "value" in rules else spec.loc("answer")
    keys = set()
    for sibling in pool:
        text = known.get(sibling.id)
        if text is None:
            try:
                with run.renderer.budget():
                    if "value" in rules:
                        text = run.renderer.render_pair(template, "distractors.value", source, where, fact, sibling)
                    else:
                        text = run.renderer.render_fact(template, "distractors.value", source, where, sibling)
            except TemplateProblem:
                return None
            known[sibling.id] = text
        keys.add(option_key(text))
    run.pool_keys[memo] = found = PoolKeys(frozenset(keys), {sibling.id for sibling in pool},
                                           _by_state(run, pair, pool) if pair is not None else None)
    return found


class PoolKeys(NamedTuple):
    """What :func:`pool_keys` found of one pool."""

    keys: frozenset[str]  # the option key of each fact's value
    ids: set[str]
    # The template's sibling_when split by side (sides.PairRule): each value of what it reads of a
    # sibling, with the first two facts of the pool that have it; None when a fact's is unknown.
    states: dict[tuple, list[Fact]] | None


def _by_state(run: Run, pair, pool: list[Fact]) -> dict[tuple, list[Fact]] | None:
    found: dict[tuple, list[Fact]] = {}
    for sibling in pool:
        state = pair.sibling_state(sibling.id, run.view(sibling))
        if state is None:
            return None
        facts = found.setdefault(state, [])
        if len(facts) < 2:
            facts.append(sibling)
    return found


def _nothing_to_borrow(run: Run, template, fact: Fact, options: Options, count: int) -> tuple[int, int] | None:
    """How many siblings the walk would try and refuse as the same as an option already taken, and
    how many the template's ``sibling_when`` would leave out, when the walk is sure to find nothing
    (see pool_keys); None when the walk must run."""
    rules = template.spec.get("distractors") or {}
    pool = run.index.comparable(fact, rules.get("pool", "category"))
    found = run.pool_keys.get((template.path, id(pool)))
    if found is None or len(options.chosen) >= count + 2:
        return None
    if "" in found.keys or not found.keys <= options.taken:
        return None
    tried = min(SAMPLE_LIMIT, len(pool) - (fact.id in found.ids))  # what sample() yields: ids are unique
    if not template.spec.get("sibling_when"):
        return tried, 0
    accepted = _accepted(run, template, fact, found.states)
    if accepted is None:
        return None
    return (tried, 0) if accepted else (0, tried)


def _accepted(run: Run, template, fact: Fact, states) -> bool | None:
    """The template's ``sibling_when`` for the fact and every sibling the walk may sample, when it
    is the same for all: asked once per value the rule reads of a sibling, by its plain evaluation
    alone (no error raised, no step of the budget taken here).  None when it differs between
    siblings, or when Jinja must answer for one: then the walk asks each sibling in its turn."""
    pair, view = run.shape_of(template).sibling_rule, run.view(fact)
    fact_state = pair.fact_state(view) if states is not None else None
    if fact_state is None:
        return None
    answers = set()
    for state, facts in states.items():
        # any fact with these values stands for them all, but the question's own (never sampled)
        other = facts[0] if facts[0].id != fact.id else facts[1] if len(facts) > 1 else None
        if other is None:
            continue
        answer = pair.plain_answer({"fact": view, "sibling": run.view(other)}, fact_state, state)
        if answer is plain.FALLBACK:
            return None
        answers.add(bool(answer))
        if len(answers) > 1:
            return None
    return answers.pop() if answers else True


def _same_question(run: Run, template, sibling: Fact, prompt: str) -> bool:
    """Whether the template asks the sibling the very same question (so its answer is right too)."""
    other = run.shape_of(template).prompt(sibling)
    return option_key(other) == option_key(prompt)


def asks_own_answer(answer: str, fact: Fact) -> bool:
    """Whether a question asks what the fact's own answer says, so its hand-written distractors
    fit: the same words, or the figure the answer is written around ('5 per cent' of '5 per cent
    of their value', '20 days' of 'Within 20 days')."""
    if option_key(answer) == option_key(fact.answer):
        return True
    if fact.kind != "figure" or form_of(answer)[0] != "number":
        return False
    # '14 accidents' asked of an answer '14', or the reverse
    return named_in(answer, fact.answer) or (form_of(fact.answer)[0] == "number" and named_in(fact.answer, answer))


def in_asked_words(distractor: str, own_answer: str, asked: str) -> str:
    """A hand-written distractor in the words the question asks with, when the question asks the
    fact's own answer with words added or left off: '4' beside '14' for '14 accidents' gives
    '4 accidents'; '£21 a year' beside '£26 a year' for '£26' gives '£21'.  Any other as written."""
    own, distractor = own_answer.strip(), distractor.strip()
    if form_of(distractor)[0] != "number" or own == asked:
        return distractor
    if asked.startswith(own + " ") and form_of(own) == ("number", "") and form_of(distractor) == ("number", ""):
        return distractor + asked[len(own):]
    left_off = own[len(asked):] if own.startswith(asked + " ") else ""
    if left_off and distractor.endswith(left_off) and form_of(asked)[0] == "number":
        return distractor[:-len(left_off)]
    return distractor


def fill_choices(run: Run, template, fact, applicable_ids, question, seeded):
    """The question's options, or None and why not.  ``seeded()`` makes the question's own random
    order, only once a walk or a shuffle needs it (a question skipped before either needs none)."""
    spec, renderer = template.spec, run.renderer
    rules = spec.get("distractors") or {}
    count, minimum = rules.get("count", 3), rules.get("minimum", 2)
    options = Options(question.answer, question.prompt, question.accept, rules.get("same_form", True))
    ctx = {"fact": run.view(fact)}
    if asks_own_answer(question.answer, fact):
        for text in fact.distractors:
            options.offer(in_asked_words(text, fact.answer, question.answer))
    if "own" in rules:
        for text in renderer.text_list(template, "distractors.own", rules["own"], rules.loc("own"), **ctx):
            options.offer(text)
    value_src = rules.get("value", spec["answer"])
    known = _sibling_values(run, template, "value" in rules, value_src)
    nothing = _nothing_to_borrow(run, template, fact, options, count)
    if nothing is not None and len(options.chosen[:count]) < minimum:  # skipped: its walk would find nothing
        tried, left_out = nothing
        if tried:
            options.refused["the same as another option"] += tried
        return None, options.why_too_few(len(options.chosen[:count]), minimum, tried, fact,
                                         pool=rules.get("pool", "category"), left_out=left_out)
    rng = seeded()
    borrowed = []
    comparable, left_out = 0, Counter()
    for sibling in _pool(run, template, fact, applicable_ids, rng, rules.get("same_topic", False),
                         rules.get("pool", "category"), left_out):
        if len(options.chosen) + len(borrowed) >= count + 2:
            break
        comparable += 1
        # A custom 'value' sees the question's fact and the sibling; the default
        # (the template's own answer) is simply rendered for the sibling.
        text = known.get(sibling.id) if known is not None else None
        if text is None:
            text = run.shape_of(template).value(fact, sibling)
            if known is not None:
                known[sibling.id] = text
        if options.offer(text, lambda: _same_question(run, template, sibling, question.prompt)):
            borrowed.append(options.chosen.pop())
    own = options.chosen[:count]
    distractors = own + rng.sample(borrowed, min(count - len(own), len(borrowed)))
    if len(distractors) < minimum:
        return None, options.why_too_few(len(distractors), minimum, comparable, fact,
                                         pool=rules.get("pool", "category"),
                                         left_out=left_out["sibling_when"],
                                         other_topics=left_out["same_topic"])
    distractors = _with_next_answer(run, template, fact, applicable_ids, question, options, known,
                                    distractors, len(distractors) - len(own), borrowed)
    if rules.get("word_clue", True) is False and (word := word_clue(question.prompt, question.answer, distractors)):
        return None, (f"its answer alone repeats the question's word '{word}', so a student picks it without "
                      f"knowing; write 'distractors:' on the fact that use '{word}' too, or ask without the word")
    if rules.get("length_clue", True) is False and (lengths := length_clue(question.answer, distractors)):
        return None, (f"its answer alone is long ({lengths[0]} characters, the other options at most {lengths[1]}), "
                      "so a student picks it without knowing; write 'distractors:' on the fact as long and as "
                      "qualified as the answer, or give a shorter answer")
    if options.form[0] == "text":  # one capitalisation for all, so case never tells the answer
        question.answer, distractors = capfirst(question.answer), [capfirst(d) for d in distractors]
    question.options = [question.answer] + distractors
    rng.shuffle(question.options)
    question.correct = question.options.index(question.answer)
    return question, ""


def _with_next_answer(run: Run, template, fact, applicable_ids, question, options: Options, known,
                      distractors: list[str], drawn: int, borrowed: list[str]) -> list[str]:
    """The distractors with the option of the next fact of the topic's ring (:mod:`.option_ring`),
    so that no answer is offered only where it is right.  Not for figures: one near another is
    offered where it fits (see the figure templates' rules), never as a name seen elsewhere."""
    if not drawn or options.form[0] == "number":
        return distractors
    rules = template.spec.get("distractors") or {}
    pool = run.index.comparable(fact, rules.get("pool", "category"))
    lends = _lender_test(run, template, fact, applicable_ids, rules.get("same_topic", False))
    have = {option_key(text): text for text in distractors}
    walked = {option_key(text) for text in borrowed}

    def offered(sibling: Fact) -> str | None:
        text = known.get(sibling.id) if known is not None else None
        if text is not None and sibling.id in applicable_ids:  # already offered: no rule to ask
            key = option_key(text)
            if key in have or key in walked:
                return have.get(key, text)
        if not lends(sibling):
            return None
        if text is None:
            text = run.shape_of(template).value(fact, sibling)
            if known is not None:
                known[sibling.id] = text
        key = option_key(text)
        if key in have or key in walked:
            return have.get(key, text)
        if options.offer(text, lambda: _same_question(run, template, sibling, question.prompt)):
            return options.chosen.pop()
        return None
    return keep_next(distractors, drawn, ring_after(run.rings, pool, fact), offered)


def fill_true_false(run: Run, template, fact, applicable_ids, question, seeded):
    """The question as a true or false claim, or None and why not (``seeded``: see fill_choices)."""
    spec, renderer = template.spec, run.renderer
    true_claim = question.prompt
    options = Options(true_claim, "", form=("text", ""))
    for text in fact.false_statements:
        options.offer(text)
    ctx = {"fact": run.view(fact)}
    if "false_own" in spec:
        text = renderer.render(template, "false_own", spec["false_own"], spec.loc("false_own"), **ctx)
        if text:
            options.offer(text)
    comparable, left_out, lender = 0, Counter(), ""
    rng = None
    if not options.chosen and "false_claim" in spec:  # without it: hand-written versions only
        rng = seeded()
        for sibling in _pool(run, template, fact, applicable_ids, rng, False, left_out=left_out):
            comparable += 1
            text = run.shape_of(template).false_claim(fact, sibling)
            if options.offer(text, lambda: _same_question(run, template, sibling, text)):
                lender = sibling.id
                break
    if not options.chosen:
        reason = options.why_too_few(0, 1, comparable, fact, "false_statements",
                                     left_out=left_out["sibling_when"])
        return None, reason.replace("option(s) besides the answer", "false version(s)")
    question.truth = (rng or seeded()).random() < 0.5
    if not question.truth:
        question.prompt, question.false_from = options.chosen[0], lender
    question.answer = "True" if question.truth else "False"
    question.options = ["True", "False"]
    question.correct = 0 if question.truth else 1
    return question, ""
