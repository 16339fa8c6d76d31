"""A template's ``sibling_when`` answered once per pair of the values it reads (questions/sides.py),
and a pool told it can lend nothing without a walk when the rule is the same for every sibling
(questions/choices.py), give exactly what asking the rule of every sibling gives: the same
questions, options, skip reasons and template problems, for rules that read paths of both facts,
texts that differ only in type (1, 1.0, True, '1'), missing keys, rules left to Jinja and rules
that fail (the way the values are told apart, types and missing keys, is tested on its own).  The
answers kept belong to one render of one deck: a deck whose facts say otherwise
gets its own.

(Speed itself is measured in benchmarks/, never here.)
"""

from __future__ import annotations

import pytest

from studykit.questions import choices, sides

from small_project import make_project, render

TEMPLATE = """\
    style: multiple_choice
    applies_to: {{kinds: [claim]}}
    prompt: 'Whose view is this? "{{{{ fact.quote }}}}"'
    answer: "{{{{ fact.data.holder | bare | capfirst }}}}"
    sibling_when: "{rule}"
    distractors: {{pool: kind, value: "{{{{ sibling.data.holder | bare | capfirst }}}}", count: 3, minimum: 2}}
"""

RULES = [
    "not (sibling.data.holder is reported_in(fact.quote))",  # the shipped whose-view rule
    "sibling.data.holder != fact.data.holder",                # differs from pair to pair
    "sibling.data.holder is defined and sibling.data.nothing is not defined",
    "(sibling.category | string) != 'b'",                     # none, and texts
    "sibling.category is none or fact.category is not none",
    "fact.quote.lower() != 'x' and sibling.data.holder",      # a call: asked as written, every pair
    "sibling.data.nothing.deeper is defined",                 # Jinja's to answer: a template problem
    "sibling.category > fact.category",                       # fails for none, where Jinja reports it
    "true", "false",
]
CATEGORIES = ["a", "b", "'1'", "c"]


def claims(holders: list[str], said: set[int] = frozenset()) -> tuple[str, str]:
    """(source text, facts YAML): one claim per holder, every other one without a category; the claims
    ``said`` report what a writer said (which reported_in reads)."""
    text, facts = [], ["facts:"]
    for n, holder in enumerate(holders):
        quote = f"Passage number {n} says the {'writer said' if n in said else 'talks went'} well."
        text.append(quote)
        category = f"\n    category: {CATEGORIES[n % len(CATEGORIES)]}" if n % 2 else ""
        facts.append(f"""
  - id: claim-{n}
    kind: claim
    topic: main
    statement: {quote}
    question: Whose view is passage {n}?
    answer: {holder}
    quote: {quote}
    data: {{holder: {holder}}}{category}""")
    return " ".join(text), "\n".join(facts) + "\n"


HOLDERS = {
    "one holder": ["the ambassador's report"] * 40,
    "one other": ["the ambassador's report"] * 59 + ["the embassy"],
    "some": ["the ambassador's report", "the embassy", "the writer", "the press"] * 8,
    "small": ["the embassy"] * 3,
}


def outcome(tmp_path, name, rule, holders):
    text, facts = claims(holders, said={1, 5, 9})
    root = make_project(tmp_path / name, text, facts, templates={"whose": TEMPLATE.format(rule=rule)})
    _, result = render(root)
    made = {q.id: (q.prompt, q.options, q.correct) for q in result.questions}
    return made, dict(result.reasons), [str(p).replace(str(root), "") for p in result.problems]


@pytest.mark.parametrize("holders", sorted(HOLDERS))
@pytest.mark.parametrize("rule", RULES)
def test_the_rule_kept_per_pair_and_the_pool_told_without_a_walk_give_what_every_walk_gives(
        tmp_path, monkeypatch, rule, holders):
    fast = outcome(tmp_path, "fast", rule, HOLDERS[holders])
    with monkeypatch.context() as patch:
        patch.setattr(choices, "_nothing_to_borrow", lambda *args: None)  # always the walk
        walked = outcome(tmp_path, "walked", rule, HOLDERS[holders])
    with monkeypatch.context() as patch:
        patch.setattr(sides, "WORTH", 1)  # answers stop being kept at once
        stopped = outcome(tmp_path, "stopped", rule, HOLDERS[holders])
    monkeypatch.setattr("studykit.questions.shape.pair_rule", lambda *args: None)  # the rule as written
    asked = outcome(tmp_path, "asked", rule, HOLDERS[holders])
    assert fast == walked == stopped == asked


def test_a_rule_reading_only_paths_is_split_and_any_other_is_asked_as_written():
    from studykit.model import QuestionTemplate
    from studykit.questions import Renderer

    renderer, template = Renderer(), QuestionTemplate("t", "t.yaml", {})

    def split(rule):
        return sides.pair_rule(renderer, template, rule, lambda ctx: None)

    rule = split("(sibling.data.unit if sibling.data.promised is defined else 'x') == fact.data.unit")
    assert (rule.fact_paths, rule.sibling_paths) == ((("data", "unit"),), (("data", "promised"), ("data", "unit")))
    for other in ("fact.data.x.lower()", "fact | length", "sibling.data['x'] == 1", "sibling.data.items",
                  "other.x == 1", "range(3) | list", "sibling.data.x is defined and"):
        assert split(other) is None, other
    # what it keeps is told apart by type, and a missing key from a present none
    assert len({sides._state((("v",),), {"v": value}) for value in (1, 1.0, True, "1", None)}) == 5
    assert sides._state((("v",),), {}) != sides._state((("v",),), {"v": None})
    assert sides._state((("v",),), {"v": [1]}) is None and sides._state((("v", "w"),), {"v": "x"}) is None


def test_the_answers_kept_belong_to_one_deck(tmp_path):
    """Two decks of one project rendered by one renderer (as check does), in either order: each
    gives what it gives rendered alone, its answers its own."""
    from studykit.load import load_project
    from studykit.questions import Renderer, render_deck

    holders = ["the ambassador's report", "the embassy", "the writer"] * 8
    text, facts = claims(holders, said={0, 1, 2, 3, 4})
    facts = facts.replace("topic: main", "topic: other", 12)  # the first twelve claims: the other topic
    root = make_project(tmp_path / "p", text, facts, topics=("main", "other"), templates={
        "whose": TEMPLATE.format(rule="not (sibling.data.holder is reported_in(fact.quote))")})
    (root / "decks" / "part.yaml").write_text("id: part\ntitle: Part\nsources: [doc]\ntopics: [other]\n",
                                              encoding="utf-8")
    project, _ = load_project(root)

    def seen(result):
        return [(q.id, q.options) for q in result.questions], dict(result.reasons)

    alone = {deck: seen(render_deck(project, project.decks[deck], Renderer())) for deck in ("doc", "part")}
    assert alone["doc"] != alone["part"] and alone["part"][0]
    for order in (("doc", "part"), ("part", "doc")):
        renderer = Renderer()
        assert {deck: seen(render_deck(project, project.decks[deck], renderer)) for deck in order} == alone
