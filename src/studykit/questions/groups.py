"""Questions over several facts: a matching of pairs or a table, a group of a topic's (or the
deck's) facts at a time.  Matching pairs only comparable facts (officials with officials), and a
matching of few pairs takes spare options, or its last pair would be left to match itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Fact, QuestionTemplate
from .fields import render_fields
from .option_keys import option_key
from .question import Question, seeded, shuffled_differently
from .template_problems import TemplateProblem

if TYPE_CHECKING:  # the run is make's; only its fields are read here
    from .make import _Run as Run

MATCHING_MINIMUM = 5  # fewer pairs need a spare option, or the last pair is left to match itself


def _base(run: Run, template: QuestionTemplate, facts: list[Fact], qid: str, guid_key: str,
          prompt: str) -> Question:
    return Question(id=qid, guid_key=guid_key, topic=facts[0].topic, source_id=facts[0].source_id,
                    facts=list(facts), prompt=prompt, **run.shape_of(template).part)


def make_groups(run: Run, template, facts: list[Fact]) -> None:
    spec = template.spec
    size = spec.get("group_size", 6)
    groups: dict[tuple, list[Fact]] = {}
    for fact in facts:
        key = run.recipe.id if spec.get("group_by", "topic") == "deck" else fact.topic
        # Matching pairs only comparable facts: officials with officials, places with places.
        sub = fact.category if template.style == "matching" else None
        groups.setdefault((key, sub), []).append(fact)
    for (key, sub), members in groups.items():
        label = key if sub is None else f"{key}-{sub}"
        for n, start in enumerate(range(0, len(members), size), start=1):
            chunk = members[start:start + size]
            qid = f"{template.id}/{label}/{n}"
            if len(chunk) < 2:
                run.result.skip(qid, "a group question needs at least two facts")
                continue
            if run.spent(template, None):
                return
            try:
                question, reason = _group_question(run, template, chunk, members, qid)
                if question is None:
                    run.result.skip(qid, reason)
                    continue
                render_fields(run, question, template)
            except TemplateProblem as err:
                run.fail(err, None)
                continue
            run.result.questions.append(question)


def _render_group_value(run, template, key, source, where, fact) -> str:
    try:
        return run.renderer.render_fact(template, key, source, where, fact)
    except TemplateProblem as err:
        raise err.naming(fact.id)


def _group_question(run: Run, template, chunk: list[Fact], members: list[Fact], qid: str):
    spec = template.spec
    ctx = {"facts": [run.view(f) for f in chunk]}
    prompt = run.renderer.render(template, "prompt", spec["prompt"], spec.loc("prompt"), **ctx)
    question = _base(run, template, chunk, qid, f"{chunk[0].source_id}/{qid}", prompt)
    rng = seeded(question.guid_key)
    if template.style == "matching":
        return _fill_matching(run, template, chunk, members, question, rng)
    if template.style == "table":
        # A title may name the group's own words ("Recommended" for facts with promised_as).
        question.columns = [{"title": run.renderer.render(template, f"columns[{i}].title", c["title"],
                                                          c.loc("title"), **ctx),
                             "blank": c.get("blank", False)} for i, c in enumerate(spec["columns"])]
        for fact in chunk:
            question.rows.append([_render_group_value(run, template, f"columns[{i}].value", c["value"],
                                                      c.loc("value"), fact)
                                  for i, c in enumerate(spec["columns"])])
    return question, ""


def _fill_matching(run: Run, template, chunk, members, question, rng):
    pairs = template.spec["pairs"]
    minimum = pairs.get("minimum", MATCHING_MINIMUM)
    seen_left, seen_right = set(), set()
    kept = []
    for fact in chunk:
        left = _render_group_value(run, template, "pairs.left", pairs["left"], pairs.loc("left"), fact)
        right = _render_group_value(run, template, "pairs.right", pairs["right"], pairs.loc("right"), fact)
        if option_key(left) in seen_left or option_key(right) in seen_right:
            continue  # two people with one role: either pairing would be right
        seen_left.add(option_key(left))
        seen_right.add(option_key(right))
        question.pairs.append((left, right))
        kept.append(fact)
    question.facts = kept
    spares = []
    if len(question.pairs) < minimum:
        # Spare options: the right-hand side of comparable facts (same category) not in
        # the question, whether or not the template applies to them (an official
        # without a role still has a name).
        chunk_ids, member_ids = {f.id for f in chunk}, {f.id for f in members}
        pool = [f for f in members if f.id not in chunk_ids] + [
            f for f in run.index.comparable(chunk[0]) if f.id not in chunk_ids | member_ids]
        for other in pool:
            if len(spares) >= 2:
                break
            try:
                right = run.renderer.render_fact(template, "pairs.right", pairs["right"],
                                                 pairs.loc("right"), other)
            except TemplateProblem:
                continue  # this comparable fact lacks what the right side shows
            if right and option_key(right) not in seen_right:
                seen_right.add(option_key(right))
                spares.append(right)
        if not spares:
            return None, (f"matching needs at least {minimum} pairs or a spare option, or its last pair "
                          f"would be left to match itself: only {len(question.pairs)} comparable facts and no "
                          "spare; add "
                          "facts of the same category or set 'pairs: minimum:'")
    if len(question.pairs) < 2:
        return None, "a matching question needs at least two pairs with different answers"
    question.options = shuffled_differently([r for _, r in question.pairs] + spares, rng)
    question.answer = "; ".join(f"{left} - {right}" for left, right in question.pairs)
    question.pair_titles = (pairs.get("left_title", ""), pairs.get("right_title", ""))
    return question, ""
