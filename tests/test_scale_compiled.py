"""Work done once per schema, template or snippet gives what the careful per-call path gives.

(Speed itself is measured in benchmarks/, never here.)
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from studykit import outputs, schema
from studykit.load import fields as load
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


def _answers_as_applies(rule, renderer, template, fact) -> int:
    """Assert the compiled ``rule`` answers ``fact`` as ``applies`` does, the same problem when it
    fails; 1 when it answered, 0 when both failed."""
    from studykit.questions import TemplateProblem
    from studykit.questions.applies import applies

    try:
        expected = applies(renderer, template, fact)
    except TemplateProblem as err:
        with pytest.raises(TemplateProblem) as raised:
            rule(fact)
        assert raised.value.problem == err.problem
        return 0
    assert rule(fact) is expected, (template.id, fact.id)
    return 1


def test_the_rule_made_once_per_template_answers_as_applies_for_every_fact(tmp_path):
    from studykit.load import load_project
    from studykit.questions import Renderer
    from studykit.questions.applies import applies_rule

    asked = 0
    for root in (REPO, REPO / "examples" / "gettysburg-address", _generate(150, tmp_path / "g")):
        project, problems = load_project(root)
        renderer = Renderer()
        for template in project.templates.values():
            if template.broken:
                continue
            rule = applies_rule(renderer, template)
            for fact in project.facts.values():
                asked += _answers_as_applies(rule, renderer, template, fact)
    assert asked > 1000


def test_a_rule_of_every_part_answers_as_applies_and_one_it_cannot_make_sets_of_is_left_to_applies():
    from studykit.model import Fact, QuestionTemplate
    from studykit.questions import Renderer
    from studykit.questions.applies import applies_rule
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
            _answers_as_applies(compiled, renderer, template, one)


# --- wording helpers remembered per text --------------------------------------------

def test_a_remembered_wording_helper_gives_what_it_computes_and_passes_other_values_through():
    from markupsafe import Markup

    from studykit.questions import comparable, noun_phrases

    helpers = [noun_phrases.is_plural, noun_phrases.bare, noun_phrases.final_noun, comparable.form_of]
    texts = ["the Koreans", "Jane Smith", "the old soldiers, living and dead", "members (as reported) of the party",
             "the Rt. Rev. Thomas Hale", "75,000 tons", "about 3 million", "", "  ", "the news", "children"]
    for helper in helpers:
        computed = helper.__wrapped__
        for text in texts:
            for _ in range(2):  # computed, then remembered
                assert helper(text) == computed(text), (helper.__name__, text)
        marked = Markup("the <b>Koreans</b> (aside)")
        assert helper(marked) == computed(marked) and type(helper(marked)) is type(computed(marked))
        for value in (["a list"], 3, None):  # not a text: the same error as the helper's own
            try:
                expected = computed(value)
            except Exception as err:  # noqa: BLE001
                with pytest.raises(type(err)) as raised:
                    helper(value)
                assert str(raised.value) == str(err)
            else:
                assert helper(value) == expected


def test_a_remembered_helper_forgets_past_its_limit_and_still_answers(monkeypatch):
    from studykit.questions import remembered

    calls = []

    @remembered.per_text
    def shout(text):
        calls.append(text)
        return text.upper()

    monkeypatch.setattr(remembered, "_REMEMBERED", 3)
    assert [shout(t) for t in "abcab"] == list("ABCAB") and calls == list("abc")
    assert shout("d") == "D" and shout("a") == "A" and calls == list("abcda")  # forgot all at the limit


def test_a_path_shown_with_the_working_folder_resolved_once_is_shown_as_before(tmp_path, monkeypatch):
    from studykit.errors import display_path, working_folder

    inside = tmp_path / "work" / "project"
    (inside / "seeds").mkdir(parents=True)
    target = inside / "seeds" / "facts.yaml"
    target.write_text("x")
    link = inside / "linked.yaml"
    link.symlink_to(target)
    elsewhere = tmp_path / "other" / "file.yaml"
    monkeypatch.chdir(tmp_path / "work")
    cwd = working_folder()
    for path in (target, link, elsewhere, Path("project/seeds/facts.yaml"), Path("../other/file.yaml")):
        assert display_path(path, None, cwd) == display_path(path), path
        assert display_path(path, inside, cwd) == display_path(path, inside), path
    assert display_path(target, None, cwd) == "project/seeds/facts.yaml"


# --- YAML: short plain scalars resolved once, control characters found without the regex -----

SHORT_SCALARS = ["id", "kind", "topic", "true", "True", "TRUE", "yes", "No", "off", "null", "~", "", "1967",
                 "-3", "+7", "0x1F", "0o17", "1_000", "1.5", ".5", "1e3", ".inf", "-.Inf", ".nan", "1967-06-02",
                 "2001-12-14t21:59:43.10-05:00", "12:30", "1:20:30", "=", "<<", "tags", "n", "y", "on", "Off",
                 "event", "figure", "0", "00", "+.5", "1,000", "3 men", "a-b"]


def test_a_short_plain_scalar_gets_the_tag_pyyaml_gives_it_each_time():
    import yaml

    from studykit.yamlcareful import LocatingLoader

    plain = yaml.SafeLoader("")
    for text in SHORT_SCALARS:
        expected = yaml.SafeLoader.resolve(plain, yaml.ScalarNode, text, (True, False))
        for _ in range(2):  # worked out, then remembered
            loader = LocatingLoader("")
            assert loader.resolve(yaml.ScalarNode, text, (True, False)) == expected, text
            assert loader.resolve(yaml.ScalarNode, text, (False, True)) == "tag:yaml.org,2002:str"
            loader.dispose()


def test_a_loader_with_patterns_of_its_own_is_not_answered_from_the_remembered_tags():
    import re

    import yaml

    from studykit.yamlcareful import LocatingLoader

    class Louder(LocatingLoader):
        pass

    # '1x' starts like a number (so it is not taken as prose at once) but no PyYAML pattern matches it
    Louder.add_implicit_resolver("!code", re.compile(r"^1x$"), ["1"])
    LocatingLoader("").resolve(yaml.ScalarNode, "1x", (True, False))  # remembered by the plain loader
    assert Louder("").resolve(yaml.ScalarNode, "1x", (True, False)) == "!code"
    assert LocatingLoader("").resolve(yaml.ScalarNode, "1x", (True, False)) == "tag:yaml.org,2002:str"


def test_the_quick_control_character_check_finds_what_the_pattern_finds():
    from studykit.yamlfast import _has_control
    from studykit.yamlio import CONTROL_CHARS

    for code in range(0x3100):
        for text in (chr(code), f"plain words {chr(code)} more", f"é {chr(code)}"):
            assert _has_control(text) == (CONTROL_CHARS.search(text) is not None), hex(code)
    assert not _has_control("") and not _has_control("tabs\tand\nlines\r\n")


# --- Jinja's own filters stay on the plain path ------------------------------------------

def test_jinjas_own_sequence_filters_are_evaluated_plainly_and_give_what_jinja_gives():
    """select, reject, list and join are async variants in Jinja (their ``__wrapped__`` is an inner
    function) and join is wrapped by the sandbox's size check: each must still be recognised as
    Jinja's own, or every snippet using one is left to Jinja's runtime (same text, a tenth the speed)."""
    from studykit.questions import Renderer, plain

    fact = {"key_terms": ["meeting", "Boston", "Paris"], "statement": "The meeting was held in Boston.",
            "data": {"where": "Boston"}}
    snippets = [
        "Fill in the blank{{ 's' if fact.key_terms | select('in', fact.statement) | list | length > 1 }}.",
        "{{ fact.key_terms | reject('in', fact.statement) | list | length }}",
        "{{ fact.key_terms | join('; ') }}", "{{ fact.data.nothing | default('none') }}",
        "{{ fact.data.nothing | d(fact.data.where) }}", "{{ fact.statement | list | length }}",
    ]
    for source in snippets:
        renderer = Renderer()
        env = renderer.text_env
        run = plain.template(env, source)
        assert run is not None, source  # compiled: no filter refused as unknown
        fast = run({"fact": fact})
        assert fast is not plain.FALLBACK, source
        assert fast == env.render_bounded(env.from_string(source), {"fact": fact}), source
