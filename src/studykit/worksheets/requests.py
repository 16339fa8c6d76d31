"""``studykit check``: a worksheet section asking for more questions than the templates make.

Reported at the section's line in the recipe with the reason (what the
templates of that style need) and the fix, before anything is built.
"""

from __future__ import annotations

from collections import Counter

from ..errors import Problem
from ..model import DeckRecipe, Project
from ..questions import RenderResult
from .. import chart as charts
from ..errors import UsageError
from .choose import Shortfall, choose_versions, worksheet_pool
from .spec import CHART, worksheet_spec


def _problem(path: str, where, message: str) -> Problem:
    fields = getattr(Problem, "__dataclass_fields__", {})
    extra = {"severity": "warning"} if "severity" in fields else {}
    return Problem(path, *where, message, **extra)


def request_problems(project: Project, recipe: DeckRecipe, rendered: RenderResult,
                     choose: bool = True) -> list[Problem]:
    """One problem per section style whose count the deck's templates cannot make, and (when
    ``choose``) per section that giveaways leave short."""
    data = recipe.worksheet
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return []
    pool = worksheet_pool(rendered)
    made_for = Counter((q.topic, q.style) for q in pool)
    problems, reported = [], set()
    for i, section in enumerate(data["sections"]):
        counts = section.get("questions") if isinstance(section, dict) else None
        if not isinstance(counts, dict) or section.get("topic") not in recipe.topics:
            continue
        topic = section["topic"]
        for kind, count in counts.items():
            if not isinstance(count, int) or isinstance(count, bool):
                continue
            if kind == CHART:
                made = 1 if any(charts.charted(f) for f in project.facts.values()
                                if f.topic == topic and f.source_id in recipe.sources) else 0
            else:
                made = made_for[(topic, kind)]
            if count > made:
                where = counts.loc(kind) if hasattr(counts, "loc") else (1, 1)
                problems.append(_problem(recipe.path, where, _message(
                    project, recipe, i, section, kind, count, made, rendered.reasons)))
                reported.add((i, kind))
    if not choose:
        return problems
    return problems + _left_off_for_giveaways(project, recipe, rendered, reported)


def _left_off_for_giveaways(project: Project, recipe: DeckRecipe, rendered: RenderResult,
                            reported: set) -> list[Problem]:
    """Sections the templates could fill but the sheet cannot without giving answers away.

    Found by choosing version A as the build does, so `check --strict` fails on what
    the build would otherwise only mention on its way.
    """
    try:
        spec = worksheet_spec(recipe, project)
    except UsageError:
        return []  # reported by the recipe's own checks
    shortfalls: list[Shortfall] = []
    choose_versions(spec, project, recipe, rendered, ["A"], shortfalls)
    return [_problem(recipe.path, s.where(recipe), s.message()) for s in shortfalls
            if (s.index, s.kind) not in reported]


def _message(project: Project, recipe: DeckRecipe, i: int, section, kind: str, count: int,
             made: int, skipped: dict[str, str]) -> str:
    """What is short and the change to make on the located first line; below it, one line per
    template on what it needs, and one per reason its facts were skipped for (a teacher reads
    each reason apart, where one long line of them all was over 1,500 characters)."""
    topic = section["topic"]
    head = (f"worksheet section #{i + 1} (topic '{topic}') asks for {count} {kind} question(s) "
            f"but the deck's templates make {made}")
    why = "".join(f"\n{BULLET}{line}" for line in _reason(project, recipe, kind, topic, skipped))
    return f"{head}; fix: ask for at most {made} or {_fix(kind, topic)}; why:{why}"


BULLET = "  - "       # a template's need, under the located line
REASON = "      "     # a reason some of its facts were skipped for, under the template


def _templates(project: Project, recipe: DeckRecipe, kind: str):
    for template_id in recipe.templates:
        template = project.templates.get(template_id)
        if template is None or template.style != kind:
            continue
        if "worksheet" in template.spec.get("targets", ("worksheet",)):
            yield template


def _reason(project: Project, recipe: DeckRecipe, kind: str, topic: str, skipped: dict[str, str]) -> list[str]:
    if kind == CHART:
        return [f"the chart draws figure facts with 'requested' or 'promised' data, and topic "
                f"'{topic}' has none"]
    templates = list(_templates(project, recipe, kind))
    if not templates:
        return [f"none of the deck's templates makes {kind} questions for worksheets"]
    return [_needs(t, kind, topic) + _why_made_none(project, t, topic, skipped) for t in templates]


def _why_made_none(project: Project, template, topic: str, skipped: dict[str, str]) -> str:
    """What the template's groups, or its facts of the topic, were skipped for ('matching needs at
    least 5 pairs ...', 'its 'skip_when' rule is true'): the rule above says what a question
    needs, this says which need was not met here."""
    group = template.spec.get("scope") == "group"
    reasons: dict[str, list[str]] = {}
    for key, reason in skipped.items():
        parts = key.split("/")
        if parts[0] != template.id or len(parts) != (3 if group else 2):
            continue
        fact = None if group else project.facts.get(parts[1])
        if group or (fact is not None and fact.topic == topic):
            reasons.setdefault(_short_reason(reason), []).append(parts[1])
    if not reasons:
        return ""
    what = "group" if group else "fact"
    told = [f"{what} {', '.join(repr(g) for g in names)}: {reason}" for reason, names in reasons.items()]
    more = [f"and {len(told) - 3} more reason(s): 'studykit preview FACT' says each"] if len(told) > 3 else []
    return "; here:" + "".join(f"\n{REASON}{line}" for line in told[:3] + more)


def _short_reason(reason: str) -> str:
    """A skip reason without the rule it quotes (the template shows it): "its 'skip_when' rule is true"."""
    opening, closing = "its rule '", "' is true for this fact"
    if reason.startswith(opening) and reason.endswith(closing):
        rule = reason[len(opening):].split(":", 1)[0]
        return f"its '{rule}' rule is true for it"
    return reason


def _needs(template, kind: str, topic: str) -> str:
    spec = template.spec
    name = f"template '{template.id}'"
    if kind == "multiple_choice":
        options = spec.get("distractors") or {}
        minimum = options.get("minimum", 2)
        where = "in the same topic" if options.get("same_topic") else "in the deck"
        return (f"{name} makes a question only for a fact with at least {minimum} comparable facts "
                f"({_alike(spec)}) {where} to borrow wrong options from, or hand-written "
                f"'distractors' on the fact")
    if kind == "true_false":
        return (f"{name} makes one question per fact it applies to in topic '{topic}' (a false version "
                f"needs a comparable fact ({_alike(spec)}), or 'false_statements' on the fact)")
    if spec.get("scope") == "group":
        size = spec.get("group_size", 6)
        by = spec.get("group_by", "topic")
        filed = (", filed under the topic of its first fact (ask for it in that topic's section)"
                 if by == "deck" else "")
        return (f"{name} makes one question per group of up to {size} facts per {by}{filed}, and a group "
                f"needs at least 2 facts it applies to")
    rule = spec.get("applies_to") or {}
    what = ", ".join(f"{k}: {v}" for k, v in rule.items()) or "every fact"
    return f"{name} makes one question per fact of topic '{topic}' it applies to ({what})"


def _alike(spec) -> str:
    """What makes facts comparable for this template ('studykit preview FACT' says which ones)."""
    by_kind = (spec.get("distractors") or {}).get("pool") == "kind"
    alike = "same kind, any category" if by_kind else "same kind and category"
    return f"{alike}, and what its 'sibling_when' accepts" if spec.get("sibling_when") else alike


def _fix(kind: str, topic: str) -> str:
    if kind == "multiple_choice":
        return (f"add comparable facts (same kind and category) to topic '{topic}', or hand-written "
                f"distractors to its facts")
    if kind == CHART:
        return f"add figure facts with requested/promised data to topic '{topic}'"
    if kind == "true_false":
        return (f"add 'false_statements:' (a false version in your words) to a fact of topic '{topic}', "
                f"or ask for another style")
    return f"add facts the {kind} templates apply to in topic '{topic}', or another style"
