"""Work done once per schema, template or snippet gives what the careful per-call path gives.

(Speed itself is measured in benchmarks/, never here.)
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from studykit import load, outputs, schema
from studykit.questions import spec as template_spec
from studykit.worksheets import spec as worksheet_spec

REPO = Path(__file__).resolve().parent.parent

SCHEMAS = {
    "source": load.SOURCE_FIELDS, "topic": load.TOPIC_FIELDS, "fact file": load.FACT_FILE_FIELDS,
    "fact": load.FACT_FIELDS, "analysis": load.ANALYSIS_FIELDS, "note type": load.NOTE_TYPE_FIELDS,
    "card": load.CARD_FIELDS, "deck": load.DECK_FIELDS, "template": template_spec.TEMPLATE_FIELDS,
    "applies_to": template_spec.APPLIES_FIELDS, "distractors": template_spec.DISTRACTOR_FIELDS,
    "column": template_spec.COLUMN_FIELDS, "worksheet": worksheet_spec.WORKSHEET_FIELDS,
    "section": worksheet_spec.SECTION_FIELDS, "cards": outputs.CARDS_FIELDS,
    **{f"data ({kind})": fields for kind, fields in load.DATA_FIELDS.items()},
}

# Values of every shape a schema meets: good and bad texts, ids, numbers at and past bounds, dates
# real and impossible, lines with breaks, addresses, lists of each, mappings, nothing.
VALUES = [
    "plain text", "", "   ", "two\nlines", "grain-deliveries", "Not An Id", "a-", "https://example.org/x",
    "file:///etc/passwd", "1967-06-02", "1967-02-30", "2 June 1967", "31 April 1900", "March 1852", "c. 1790",
    "no year here", "x" * 70, "about", "not more than", "one two three four five", 0, 1, -3, 7, 2.5, 1e9, True,
    False, None, [], ["a", "b"], ["ok-id", "other-id"], ["ok-id", "Bad Id"], ["a", ""], ["a", 3], [["nested"]],
    {}, {"k": "v"}, "short_answer", "multiple_choice", "essay", "anki", "worksheet", "category", "kind",
]


def _careful(data, fields):
    """check_mapping's own walk, with the compiled test out of the way."""
    original = schema._passes
    schema._passes = lambda data, fields: False
    try:
        return schema.check_mapping(data, fields, "x.yaml", "thing")
    finally:
        schema._passes = original


def _mappings(fields, rng: random.Random, count: int):
    """Mappings made of the schema's keys (some left out), a few unknown keys, and any VALUES, some
    valid for their field (a choice of the field's own)."""
    keys = list(fields)
    for _ in range(count):
        data = {}
        for key in keys:
            roll = rng.random()
            if roll < 0.2:
                continue
            field = fields[key]
            if field.choices and roll < 0.6:
                data[key] = rng.choice(field.choices) if rng.random() < 0.7 else list(field.choices[:2])
            else:
                data[key] = rng.choice(VALUES)
        if rng.random() < 0.1:
            data["unknwon"] = "x"
        yield data


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_compiled_schema_test_passes_exactly_what_the_careful_check_passes(name):
    fields = SCHEMAS[name]
    rng = random.Random(f"schema {name}")
    passed = failed = 0
    for data in _mappings(fields, rng, 600):
        careful = _careful(data, fields)
        assert schema._passes(data, fields) == (careful == []), (data, careful)
        assert schema.check_mapping(data, fields, "x.yaml", "thing") == careful
        passed, failed = passed + (careful == []), failed + (careful != [])
    # Both outcomes were really met, by hand-picked mappings too: all required keys with good values.
    good = {key: _good_value(field) for key, field in fields.items() if field.required}
    assert schema._passes(good, fields) and _careful(good, fields) == []
    assert failed > 0
    for bad in ("a list", ["a", "list"], None, 3):
        assert not schema._passes(bad, fields) and _careful(bad, fields)


def _good_value(field: schema.Field):
    if field.choices:
        return [field.choices[0]] if field.kind in ("ids", "texts", "text_or_texts", "list") else field.choices[0]
    return {"text": "some text", "line": "one line", "url": "https://example.org", "integer": 1,
            "number": 1.5, "bool": True, "hedge": True, "date": "1967-06-02", "id": "an-id",
            "texts": ["a"], "ids": ["an-id"], "text_or_texts": "a", "mapping": {}, "list": []}[field.kind]


def test_a_schema_with_bounds_choices_and_nothing_allowed_is_compiled_exactly():
    fields = {
        "n": schema.Field("integer", minimum=1, maximum=10),
        "style": schema.Field("text", choices=("a", "b")),
        "kinds": schema.Field("texts", choices=("x", "y")),
        "maybe": schema.Field("text", nullable=True),
        "when": schema.Field("date", required=True),
    }
    cases = [
        ({"when": "1967"}, True), ({"when": "1967", "n": 10}, True), ({"when": "1967", "n": 11}, False),
        ({"when": "1967", "n": 0}, False), ({"when": "1967", "n": True}, False),
        ({"when": "1967", "style": "b"}, True), ({"when": "1967", "style": "c"}, False),
        ({"when": "1967", "kinds": ["x", "y"]}, True), ({"when": "1967", "kinds": ["x", "z"]}, False),
        ({"when": "1967", "maybe": None}, True), ({"when": "1967", "n": None}, False),
        ({"when": "1967-13-01"}, False), ({"when": "no year"}, False), ({}, False),
        ({"when": "1967", "other": 1}, False),
    ]
    for data, expected in cases:
        assert schema._passes(data, fields) is expected, data
        assert (_careful(data, fields) == []) is expected, data


# --- applies_to, once per template --------------------------------------------------

def _generate(count: int, out):
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(count, out)


def test_the_rule_made_once_per_template_answers_as_applies_for_every_fact(tmp_path):
    from studykit.load import load_project
    from studykit.questions import Renderer, TemplateProblem
    from studykit.questions.applies import applies, applies_rule

    asked = 0
    for root in (REPO, REPO / "examples" / "gettysburg-address", _generate(150, tmp_path / "g")):
        project, problems = load_project(root)
        renderer = Renderer()
        for template in project.templates.values():
            if template.broken:
                continue
            rule = applies_rule(renderer, template)
            for fact in project.facts.values():
                try:
                    expected = applies(renderer, template, fact)
                except TemplateProblem as err:
                    with pytest.raises(TemplateProblem) as raised:
                        rule(fact)
                    assert raised.value.problem == err.problem
                    continue
                assert rule(fact) is expected, (template.id, fact.id)
                asked += 1
    assert asked > 1000


def test_a_rule_of_every_part_answers_as_applies_and_one_it_cannot_make_sets_of_is_left_to_applies():
    from studykit.model import Fact, QuestionTemplate
    from studykit.questions import Renderer, TemplateProblem
    from studykit.questions.applies import applies, applies_rule
    from studykit.yamlio import LocDict

    def fact(**given):
        base = dict(id="f", kind="event", topic="t1", statement="s", question="q", answer="a", quotes=["s"],
                    source_id="d", path="p", line=1, col=1, tags=["x", "y"], skip=[], data={"n": 3})
        return Fact(**{**base, **given})

    facts = [fact(), fact(kind="person"), fact(topic="t2"), fact(tags=[]), fact(tags=["z"]),
             fact(skip=["tpl"]), fact(data={"n": 1}), fact(data={})]
    for i, one in enumerate(facts):
        one.id = f"f{i}"  # each its own template view
    rules = [
        {}, {"kinds": ["event"]}, {"topics": ["t1"]}, {"tags": ["x", "z"]}, {"not_tags": ["y"]},
        {"kinds": ["event", "person"], "tags": ["x"], "not_tags": ["z"], "when": "fact.data.n > 2"},
        {"when": "fact.data.n is defined and fact.data.n > 2"},
        {"kinds": "event"},  # a text, not a list: 'in' is a substring test there, left to applies itself
        {"when": "fact.data.n > 2"},  # fails on the fact without n: the same problem both ways
    ]
    renderer = Renderer()
    for rule in rules:
        spec = LocDict()
        if rule:
            spec["applies_to"] = LocDict(rule)
            spec["applies_to"].locs = {key: (3, 5) for key in rule}
        template = QuestionTemplate("tpl", "tpl.yaml", spec)
        compiled = applies_rule(renderer, template)
        for one in facts:
            try:
                expected = applies(renderer, template, one)
            except TemplateProblem as err:
                with pytest.raises(TemplateProblem) as raised:
                    compiled(one)
                assert raised.value.problem == err.problem
                continue
            assert compiled(one) is expected, (rule, one)
