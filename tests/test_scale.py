"""Speed structures of loading and rendering give what the plain slow path gives.

(Speed itself is measured in benchmarks/, never here.)
"""

from __future__ import annotations

from pathlib import Path

import yaml

from studykit.load import load_project
from studykit.load.facts import _positions
from studykit.yamlio import LocDict, load_yaml

from small_project import make_project

REPO = Path(__file__).resolve().parent.parent

TEXT = "In 1863 the mayor promised about 100 machines. The meeting was held in Boston."
FACTS = """\
facts:
  - id: machines
    kind: figure
    topic: main
    statement: In 1863 the mayor promised about 100 machines.
    question: How many machines did the mayor promise in 1863?
    answer: About 100 machines
    quote: In 1863 the mayor promised about 100 machines
    data: {item: machines, unit: pieces, promised: 100, approximate: true}
  - id: meeting
    kind: event
    topic: main
    statement: The meeting was held in Boston.
    question: Where was the meeting held?
    answer: In Boston
    key_terms: [meeting, Boston]
    quote: The meeting was held in Boston.
    data:
      where: Boston
"""


def _position_of(text: str, needle: str) -> tuple[int, int]:
    """Line and column (1-based) where ``needle`` starts in ``text``, worked out from the text."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def test_a_facts_field_positions_are_read_again_from_its_file_when_asked(tmp_path):
    root = make_project(tmp_path, TEXT, FACTS)
    project, problems = load_project(root)
    assert problems == []
    meeting = project.facts["meeting"]
    assert meeting.positions is None  # nothing kept until a warning asks
    assert meeting.position("statement") == _position_of(FACTS, "The meeting was held in Boston.")
    assert meeting.position("key_terms.1") == _position_of(FACTS, "Boston]")
    assert meeting.position("data.where") == (FACTS.splitlines().index("      where: Boston") + 1, 14)
    assert project.facts["machines"].position("data.promised") == _position_of(FACTS, "100, approx")


def test_lazy_positions_equal_the_positions_of_a_fresh_load_for_every_fact(tmp_path):
    root = make_project(tmp_path, TEXT, FACTS)
    project, _ = load_project(root)
    data, _ = load_yaml(root / "seeds" / "doc" / "facts" / "facts.yaml", "facts.yaml")
    for raw in data["facts"]:
        fact = project.facts[raw["id"]]
        eager = _positions(raw)
        assert eager and all(fact.position(key) == where for key, where in eager.items())


def test_a_fact_file_changed_since_loading_gives_the_facts_own_position(tmp_path):
    root = make_project(tmp_path, TEXT, FACTS)
    project, _ = load_project(root)
    path = root / "seeds" / "doc" / "facts" / "facts.yaml"
    path.write_text(FACTS.replace("  - id: meeting", "  - id: renamed"), encoding="utf-8")
    meeting = project.facts["meeting"]
    assert meeting.position("statement") == (meeting.line, meeting.col)
    path.unlink()  # gone altogether: still no error
    assert project.facts["machines"].position("statement") == _position_of(FACTS, "In 1863 the mayor")


MIXED = """\
text: plain words
quoted: "in quotes"
number: 42
decimal: 2.5
flag: true
nothing: null
date: 1967-06-02
list: [a, 7, "8", yes]
nested:
  - {key: value, other: 3}
  - block text
"""


def test_yaml_values_built_directly_equal_pyyamls_own(tmp_path):
    path = tmp_path / "mixed.yaml"
    path.write_text(MIXED, encoding="utf-8")
    data, problems = load_yaml(path, "mixed.yaml")
    assert problems == []
    expected = yaml.safe_load(MIXED)
    expected["date"] = "1967-06-02"  # studykit keeps dates as the text written
    assert data == expected
    assert isinstance(data, LocDict) and data.loc("list") == (8, 7)
    assert data["list"].loc(3) == _position_of(MIXED, "yes]")
    assert data["nested"][0].loc("other") == _position_of(MIXED, "3}")


def test_a_control_character_in_a_key_or_value_is_still_refused(tmp_path):
    # Written as YAML's escape \e (a raw ESC is refused by the parser itself).
    for text in ('key: "bad\\evalue"\n', '"bad\\ekey": value\n', 'list: [fine, "bad\\eitem"]\n'):
        path = tmp_path / "bad.yaml"
        path.write_text(text, encoding="utf-8")
        data, problems = load_yaml(path, "bad.yaml")
        assert data is None and "ESC" in problems[0].message


def test_a_plain_path_expression_gives_what_jinja_gives():
    import jinja2
    import pytest

    from studykit.model import QuestionTemplate
    from studykit.questions import Renderer, TemplateProblem

    renderer = Renderer()
    template = QuestionTemplate("t", "t.yaml", {})
    fact = {"key_terms": ["Boston", "meeting"], "data": {"items": ["a", "b"], "where": "Boston"},
            "analysis": None, "kind": "event"}
    for source in ("fact.key_terms", " fact.data.where ", "fact.analysis", "fact.data", "fact.kind",
                   "fact.data.items", "none", "fact.kind != 'list'", "fact.key_terms | length"):
        slow = renderer.text_env.call_bounded(
            renderer.text_env.compile_expression(source, undefined_to_none=False), {"fact": fact})
        assert renderer.expression(template, "k", source, (1, 1), fact=fact) == slow, source
    # 'items' is a dict method: Jinja gives the method, so the shortcut must not answer with the list
    assert renderer.expression(template, "k", "fact.data.items", (1, 1), fact=fact) != ["a", "b"]
    for missing in ("fact.nothing", "fact.data.who", "other.key_terms"):  # left to Jinja, as before
        try:
            slow = renderer.text_env.call_bounded(
                renderer.text_env.compile_expression(missing, undefined_to_none=False), {"fact": fact})
        except jinja2.UndefinedError:
            with pytest.raises(TemplateProblem, match="is undefined"):
                renderer.expression(template, "k", missing, (1, 1), fact=fact)
            continue
        assert isinstance(slow, jinja2.Undefined)  # Jinja gives a StrictUndefined that raises once used:
        with pytest.raises(TemplateProblem, match="has no attribute|is undefined"):  # said at once, at its place
            renderer.expression(template, "k", missing, (1, 1), fact=fact)


def _small_deck(tmp_path):
    """A small project's deck: its project, recipe and Anki notes."""
    from studykit import apkg
    from studykit.check import check_project

    result = check_project(make_project(tmp_path, TEXT, FACTS))
    assert result.problems == []
    [recipe] = result.project.decks.values()
    notes = apkg.notes_for(result.project, recipe, result.decks[recipe.id].questions)
    assert len(notes) >= 4
    return result.project, recipe, notes


def test_the_manifest_written_in_parts_is_the_json_of_the_whole_document(tmp_path, monkeypatch):
    import json

    from studykit import apkg, manifest
    from studykit.manifest import Manifest, read_manifest

    project, recipe, notes = _small_deck(tmp_path)
    monkeypatch.setattr(manifest, "_PART", 3)  # many parts, one of them short
    notes = [apkg.retire(notes[0]), *notes[1:]]
    written = Manifest("doc", 1_700_000_000, "ab" * 32, notes, {"t": {"fields": ["Front"]}},
                       package_inputs="cd" * 32, cards=9)
    path = tmp_path / "doc.manifest.json"
    written.write(path)
    text = path.read_text(encoding="utf-8")
    assert len(json.loads(text)["strings"]) > 3 and len(json.loads(text)["notes"]) > 3
    assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")) + "\n"
    assert text == written.to_json()
    again = read_manifest(path, "doc")
    assert again.to_json() == text
    assert [n.as_dict() for n in again.notes] == [n.as_dict() for n in notes]


def test_the_package_database_equals_one_made_in_memory_and_no_file_is_left_in_tmp(tmp_path, monkeypatch):
    """The collection is written to an unlinked file and its header stamps zeroed: the same bytes
    as SQLite's own in-memory database of the same notes (the way it was made before)."""
    import io
    import itertools
    import sqlite3
    import tempfile
    import zipfile

    from studykit import apkg, apkgfile

    project, recipe, notes = _small_deck(tmp_path)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    seen, zip_package = {}, apkgfile._zip_package

    def watched(package, timestamp, cardless):
        write_to_db = package.write_to_db

        def writing(cursor, *args):
            seen["during"] = list(scratch.iterdir())  # the database is being written now
            return write_to_db(cursor, *args)

        package.write_to_db = writing
        seen["package"], seen["cardless"] = package, cardless
        return zip_package(package, timestamp, cardless)

    monkeypatch.setattr(apkgfile, "_zip_package", watched)
    retired = apkg.retire(notes[0])
    written = apkgfile.write_package(project, recipe, [retired, *notes[1:]], 1_700_000_000)
    assert seen["during"] == [] and list(scratch.iterdir()) == []
    assert seen["cardless"] == [retired.guid]

    memory = sqlite3.connect(":memory:")
    seen["package"].write_to_db(memory.cursor(), 1_700_000_000, itertools.count(1_700_000_000_000))
    memory.execute("DELETE FROM cards WHERE nid IN (SELECT id FROM notes WHERE guid = ?)", (retired.guid,))
    memory.commit()
    cards, = memory.execute("SELECT count(*) FROM cards").fetchone()
    expected = memory.serialize()
    memory.close()
    with zipfile.ZipFile(io.BytesIO(written.data)) as archive:
        assert archive.namelist() == ["collection.anki2", "media"]
        assert archive.read("media") == b"{}"
        assert archive.read("collection.anki2") == expected
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert (written.notes, written.cards) == (len(notes), cards) and cards > 0


def test_what_checking_made_is_frozen_during_the_build_and_unfrozen_after_it_even_when_it_fails(
        tmp_path, monkeypatch):
    import gc

    import pytest

    from studykit import build, deckplan
    from studykit.errors import InvalidContent

    root = make_project(tmp_path / "ok", TEXT, FACTS)
    seen, plan_deck = [], deckplan.plan_deck

    def planning(*args, **kwargs):
        seen.append((gc.get_freeze_count(), gc.isenabled()))
        return plan_deck(*args, **kwargs)

    monkeypatch.setattr(deckplan, "plan_deck", planning)
    was = gc.get_freeze_count()
    build.build_project(root)
    [(frozen, enabled)] = seen
    assert frozen > was and enabled  # the checked project is out of the collector's way; it runs again
    assert gc.get_freeze_count() == was
    bad = make_project(tmp_path / "bad", TEXT, FACTS.replace("held in Boston.\n    question", "held in Paris.\n    question"))
    with pytest.raises(InvalidContent):
        build.build_project(bad)
    assert gc.get_freeze_count() == was and gc.isenabled()


def _generate(count: int, out):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("generate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(count, out)


def _everything_rendered(root, monkeypatch, shortcuts: bool):
    """Every question's every part, every problem and every skip reason of a project's decks."""
    from studykit.check import check_project
    from studykit.questions import plain

    with monkeypatch.context() as patch:
        if not shortcuts:
            patch.setattr(plain, "expression", lambda env, source: None)
            patch.setattr(plain, "template", lambda env, source: None)
        result = check_project(root)
    made = {}
    for deck_id, rendered in result.decks.items():
        made[deck_id] = ([(q.id, q.prompt, q.answer, q.options, q.correct, q.truth, q.cloze, q.cloze_text,
                           q.pairs, q.order, q.rows, q.fields, q.accept, q.any_order, q.marking_points,
                           [f.id for f in q.facts]) for q in rendered.questions],
                         sorted(rendered.reasons.items()))
    return made, [p.as_dict() for p in result.problems + result.warnings]


def test_snippets_evaluated_without_jinja_give_every_question_jinja_gives(tmp_path, monkeypatch):
    """The shipped project and a generated one of every kind: the same questions, fields, skips
    and problems with the plain evaluation of simple snippets as with Jinja for all of them."""
    from pathlib import Path

    from studykit.questions import plain

    used = []
    expression, template = plain.expression, plain.template
    monkeypatch.setattr(plain, "expression", lambda env, source: used.append(source) or expression(env, source))
    monkeypatch.setattr(plain, "template", lambda env, source: used.append(source) or template(env, source))
    for root in (Path(__file__).resolve().parent.parent, _generate(120, tmp_path / "generated")):
        fast = _everything_rendered(root, monkeypatch, shortcuts=True)
        assert fast == _everything_rendered(root, monkeypatch, shortcuts=False)
        assert fast[0] and all(questions for questions, _ in fast[0].values())
    compiled = [source for source in set(used)
                if (expression if "{" not in source else template)(_sandbox(), source) is not None]
    assert len(compiled) >= 20  # the shortcut is really taken, for most snippets


def _sandbox(html: bool = False):
    from studykit.questions import Renderer

    renderer = Renderer()
    return renderer.html_env if html else renderer.text_env


PLAIN_CASES = [  # (snippet, whether it is a template) for the context below
    ("fact.kind != 'list'", False), ("fact.analysis is not none", False), ("fact.analysis is none", False),
    ("fact.data.promised is defined", False), ("fact.data.nothing is defined", False),
    ("fact.data.nothing is undefined", False), ("fact.key_terms | length > 0", False),
    ("fact.data.promised is defined and fact.data.promised < fact.data.requested", False),
    ("fact.data.nothing is defined or fact.kind", False), ("fact.kind and fact.data", False),
    ("not fact.key_terms", False), ("1 < fact.data.promised < 200 < fact.data.requested", False),
    ("fact.data.where in fact.statement", False), ("fact.data.where not in fact.statement", False),
    ("fact.data['items']", False), ("fact.data['where']", False), ("[fact.kind, 'x', 3]", False),
    ("fact.data.nothing", False), ("fact.data.nothing == 1", False), ("fact.data.items", False),
    ("fact.data['nothing']", False), ("fact.nothing.deeper is defined", False),
    ("fact.data.role is noun_phrase", False), ("fact.question is not alike(fact.data.role)", False),
    ("fact.data.holder | final_noun", False), ("'a' if fact.kind == 'event' else 'b'", False),
    ("'a' if fact.kind == 'list'", False), ("range(3) | list", False), ("fact.data.promised + 1", False),
    ("fact.key_terms | join(', ')", False), ("fact.data.promised | number", False),
    ("fact.statement | upper", False), ("missing.kind", False), ("fact.kind ==", False),
    ("Whose view does {{ fact.document }} give? \"{{ fact.quote }}\"", True),
    ("{{ fact.data.holder | bare | capfirst }}", True), ("{{ fact.data | figure('promised') }}", True),
    ("{{ 'promised ' if fact.data.promised is defined }}figure", True),
    ("{{ 'promised ' if fact.data.nothing is defined }}figure", True),
    ("{% if fact.data.promised is defined -%} A {{ fact.data.item }} {%- elif fact.kind -%} B {%- else -%} C"
     " {%- endif %}.", True),
    ("{% if fact.data.nothing is defined %}A{% elif fact.kind == 'x' %}B{% else %}C {{ fact.kind }}{% endif %}",
     True),
    ("<b>{{ fact.statement }}</b> {{ fact.data.promised }} {{ fact.analysis }}", True),
    ("{{ fact.data.nothing }}", True), ("{{ fact.data.items }}", True), ("{{ fact.data.promised | words }}", True),
    ("{% for k in fact.key_terms %}{{ k }}{% endfor %}", True), ("{{ fact.kind", True),
    ("{{ fact.data.promised | qty(fact.data.unit, true) }}", True), ("{{ fact.kind | capfirst }}\n", True),
    ("fact.data.where.lower() not in fact.statement.lower()", False), ("fact.data.where.upper()", False),
    ("fact.data.promised.lower()", False), ("fact.data.where.lower", False), ("fact.data.where.split()", False),
    ("fact.data.where.lower(1)", False), ("fact.kind.title() == 'Event'", False),
    ("{{ fact.statement.strip().capitalize() }}", True),
    ("fact.key_terms | select('in', fact.statement) | list", False),
    ("fact.key_terms | reject('in', fact.statement) | list | length", False),
    ("fact.key_terms | select('in', fact.statement) | length", False), ("fact.statement | list", False),
    ("fact.data.promised | list", False), ("fact.key_terms | select | list", False),
    ("fact.key_terms | select('odd') | list", False), ("fact.analysis | select('in', 'x') | list", False),
    ("fact.data.promised | select('in', 'x') | list", False), ("fact.key_terms | select('nothing') | list", False),
    ("{{ 's' if fact.key_terms | select('in', fact.statement) | list | length > 1 }}.", True),
    ("{{ 's' if fact.key_terms | select('in', fact.question) | list | length > 1 }}.", True),
    ("fact.key_terms | select('in', fact.data.nothing) | list", False), ("fact.key_terms | select('in') | list", False),
    ("fact.key_terms | reject('in', fact.statement) | list", False), ("fact.data.items | select('in', 'ab') | list", False),
    ("{{ fact.key_terms | reject('in', fact.question) | list | length }}", True),
    ("as {{ fact.data.promised_as | default('promised') }} for", True), ("fact.data.nothing | default(3)", False),
    ("fact.data.where | default('x')", False), ("fact.analysis | default('none given')", False),
    ("fact.data.nothing | default", False), ("fact.data.nothing | d(fact.kind) | upper", False),
    ("fact.data.nothing | default(fact.data.nothing)", False), ("fact.data.empty | default('x', true)", False),
    ("fact.nothing.deeper | default('x')", False), ("fact.data.empty | default('x')", False),
    ("{{ (fact.data.promised_as | default('promised')) ~ ' ' if fact.data.promised is defined }}figure", True),
    ("fact.kind ~ '-' ~ fact.data.promised ~ fact.analysis", False), ("fact.kind ~ fact.data.nothing", False),
    ("{{ fact.statement ~ '!' }}", True), ("fact.data.items ~ fact.data.promised", False),
    ("{{ fact.data['items'] | join('; ') }}", True), ("fact.key_terms | join", False),
    ("fact.statement | join('-')", False), ("fact.data.promised | join(', ')", False),
    ("fact.key_terms | join(fact.data.promised)", False), ("fact.key_terms | join(fact.data.nothing)", False),
    ("[fact.data.promised, fact.analysis, fact.kind] | join(' / ')", False),
    ("fact.key_terms | join(', ', attribute='x')", False),
    ('<ol>{% for o in fact.key_terms %}<li{% if loop.index0 == 1 %} class="x"{% endif %}>{{ o }}</li>{% endfor %}</ol>',
     True),
    ("{% for k in fact.data['items'] %}{{ loop.index }}/{{ loop.length }} {{ k }}{{ ',' if not loop.last }}"
     "{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{% endfor %}", True),
    ("{%- for k in fact.key_terms -%}\n  {{ k | upper }}\n{%- endfor %} {{ fact.kind }}", True),
    ("{% for fact in fact.key_terms %}{{ fact }}{% endfor %}{{ fact.kind }}", True),
    ("{{ fact.data.item }}{% for fact in [fact.data, fact.data] %}{{ fact.item }}{% endfor %}{{ fact.data.unit }}", True),
    ("{% for x in fact.data['items'] %}{{ fact.data.item }}{{ x }}{% endfor %}{{ fact.data.unit }}{{ fact.data.item }}",
     True),
    ("{% for x in fact.data.marks %}{% if loop.last %}{{ x }}{% else %}-{% endif %}{% endfor %}{{ loop }}", True),
    ("fact.data.promised is defined and fact.data.promised > 5 and fact.data.promised < 1000 and fact.data.promised",
     False),
    ("fact.data.nothing is defined or fact.kind == 'x' or fact.data.nothing or fact.kind", False),
    ("fact.data.where and fact.data.nothing is not defined and fact.data.where and (fact.data.where or fact.kind)",
     False),
    ("(fact.data.promised if fact.data.promised is defined else fact.data.value) == (fact.data.promised if "
     "fact.data.promised is defined else fact.data.value) and fact.data.where", False),
    ("(fact.data.nothing if fact.kind == 'x' else fact.data.where) and (fact.data.nothing if fact.kind == 'x' "
     "else fact.data.where) is defined", False),
    ("{% if fact.data.where is defined %}{{ fact.data.where }}{% else %}{{ fact.data.where is defined }}{% endif %}"
     "{{ fact.data.where is defined }}{{ fact.data.where }}", True),
    ("{{ fact.data.where if fact.data.where is defined }}{% for w in fact.key_terms %}{{ fact.data.where }}"
     "{% endfor %}{{ fact.data.where }}", True),
    ("{% for k in fact.statement %}{{ k }}{% endfor %}", True), ("{% for k in fact.data %}{{ k }}{% endfor %}", True),
    ("{% for k in fact.key_terms %}{{ k }}{% else %}none{% endfor %}", True),
    ("{% for k in fact.nothing %}{{ k }}{% endfor %}", True), ("{% for k in fact.key_terms %}{{ loop.cycle('a', 'b') }}{% endfor %}", True),
    ("{% for k in fact.key_terms %}{{ loop.previtem }}{% endfor %}", True),
    ("{% for k in fact.key_terms %}{% for j in fact.key_terms %}{{ j }}{% endfor %}{% endfor %}", True),
    ("{% for k in fact.key_terms if k %}{{ k }}{% endfor %}", True), ("{% for a, b in fact.key_terms %}{% endfor %}", True),
    ("<ul>{% for m in fact.data.marks %}<li>{{ m }}</li>{% endfor %}</ul>", True),
    # chains of keys, looked up in one function: a missing step, a step from a text, a list or none
    # a missing key asked by name ('fact.figure_elsewhere['value']'): undefined, unless named like a
    # dict method (Jinja then finds the method); tuples of values ("unit in ('%', 'per cent')")
    ("fact.data['nothing'] is defined", False), ("fact.data['nothing'] is not defined and fact.kind", False),
    ("fact.data['keys'] is defined", False), ("fact.data['nothing'] | default('x')", False),
    ("fact.data['nothing']['deeper'] is defined", False), ("fact.kind['x'] is defined", False),
    ("{{ 'yes' if fact.data['nothing'] is undefined }}", True), ("{{ fact.data['nothing'] }}", True),
    ("fact.kind in ('event', 'list')", False), ("fact.kind in ('x',)", False), ("(fact.kind, 2, ())", False),
    ("fact.data.unit not in ('%', fact.data.nothing)", False), ("{{ (fact.kind, fact.data.promised) }}", True),
    ("{% set u = fact.data.unit %}{{ 'x' if u in ('machines', 'tons') }}", True),
    # a place in a list or text, and where a text is in a list (the ordering card's letters)
    ("fact.key_terms[1]", False), ("fact.key_terms[-1]", False), ("fact.key_terms[2]", False),
    ("fact.statement[0]", False), ("fact.data['items'][0]", False), ("fact.data[0]", False),
    ("fact.key_terms[True]", False), ("fact.key_terms[fact.data.promised]", False),
    ("fact.key_terms.index('Boston')", False), ("fact.key_terms.index('nothing')", False),
    ("fact.key_terms.index(3)", False), ("fact.statement.index('The')", False), ("fact.data.promised.index(1)", False),
    ("'ABC'[fact.key_terms.index('Boston')]", False), ("fact.key_terms.index()", False),
    ("fact.key_terms.index('Boston', 1)", False),
    ('<ol>{% for k in fact.key_terms %}<li>{{ k }} ({{ "AB"[fact.key_terms.index(k)] }})</li>{% endfor %}</ol>', True),
    ("{% for k in fact.data['items'] %}{{ fact.key_terms[loop.index0] }}{% endfor %}", True),
    ("fact.data.nothing.deeper", False), ("fact.data.nothing.deeper.still is defined", False),
    ("fact.data.deep.er.est", False), ("{{ fact.data.deep.er.est }}", True), ("fact.data.deep.er.none", False),
    ("{{ fact.data.marks.x }}", True), ("fact.kind.upper", False), ("fact.analysis.points", False),
    ("fact.data.deep.er.keys", False), ("fact.data.deep.er is defined and fact.data.deep.no is undefined", False),
    # a name set at the top level, read after it; any other set is Jinja's (its scoping, its Undefined)
    ("{% set n = fact.data['items'] | length %}{{ n }} item{% if n > 1 %}s{% endif %} of {{ fact.kind }}", True),
    ("{% set k = fact.key_terms %}{% for t in k %}{{ t }}{{ loop.index }}{% endfor %}{{ k | length }}", True),
    ("{% set n = fact.data['items'] | length %}\n{% set in_order = fact.data.ordered is defined and"
     " fact.data.ordered and 'order' not in fact.question.lower() %}\n{{ fact.question | sentence }}\n"
     "{%- if (n | string) not in fact.question and (n | words) not in fact.question.lower() %}\n"
     "Give {{ n | words }}{% if in_order %}, in the order {{ fact.document }}"
     " {{ 'gives' | agree_with(fact.document) }} them{% endif %}.\n{%- elif in_order %}\n"
     "Give them in the order.{% endif %}", True),
    ("{% set n = fact.data.nothing %}{{ n is defined }}", True), ("{% set n = 1 %}{% set n = 2 %}{{ n }}", True),
    ("{{ n }}{% set n = 1 %}", True), ("{% if fact.kind %}{% set n = 1 %}{% endif %}{{ n }}", True),
    ("{% set a, b = fact.data['items'] %}{{ a }}", True), ("{% set fact = fact.data %}{{ fact.item }}", True),
    ("{% set n = fact.kind %}{% for k in fact.key_terms %}{% set n = k %}{% endfor %}{{ n }}", True),
    ("{% set n %}x{% endset %}{{ n }}", True), ("{% set n = '<b>' %}{{ n }}{{ fact.statement }}", True),
]
PLAIN_FACT = {"kind": "event", "statement": "The <meeting> was held in Boston & Paris.", "analysis": None,
              "question": "Who was the minister?", "document": "the letter", "quote": "held in Boston",
              "key_terms": ["meeting", "Boston"],
              "data": {"promised": 100, "requested": 300, "where": "Boston", "item": "machines",
                       "unit": "machines", "holder": "the Soviet side", "role": "foreign minister",
                       "items": ["a", "b"], "empty": "", "marks": ["<b>", "x & y", 3],
                       "deep": {"er": {"est": "<deepest>"}}}}


def test_each_plain_snippet_gives_what_jinja_gives_or_leaves_it_to_jinja():
    import jinja2

    from studykit.model import QuestionTemplate
    from studykit.questions import Renderer, TemplateProblem, plain

    template = QuestionTemplate("t", "t.yaml", {})
    taken = 0
    for source, is_template in PLAIN_CASES:
        for html in ((False, True) if is_template else (None,)):
            renderer = Renderer()
            env = renderer.html_env if html else renderer.text_env
            shortcut = plain.template(env, source) if is_template else plain.expression(env, source)
            try:
                if is_template:
                    slow = env.render_bounded(env.from_string(source), {"fact": PLAIN_FACT})
                else:
                    slow = env.call_bounded(env.compile_expression(source, undefined_to_none=False),
                                            {"fact": PLAIN_FACT})
            except Exception as err:  # noqa: BLE001
                slow = err
            fast = shortcut({"fact": PLAIN_FACT}) if shortcut is not None else plain.FALLBACK
            if fast is plain.FALLBACK:
                continue
            taken += 1
            assert not isinstance(slow, Exception), source
            assert not isinstance(slow, jinja2.Undefined), source
            assert (type(fast), fast) == (type(slow), slow), (source, html)
            # and through the renderer, with its stripping and its errors
            if is_template:
                assert renderer.render(template, "k", source, (1, 1), html, fact=PLAIN_FACT) == (
                    slow.strip() if html else " ".join(slow.split()))
    assert taken >= 45
    # what is left to Jinja still fails as Jinja fails, with its message
    renderer = Renderer()
    for source in ("{{ fact.data.nothing }}", "{{ fact.data.promised | words(1, 2, 3) }}"):
        try:
            renderer.render(template, "k", source, (1, 1), fact=PLAIN_FACT)
        except TemplateProblem as err:
            assert "template 't', k:" in err.problem.message
        else:
            raise AssertionError(source)


def test_a_plain_loop_over_a_long_list_is_left_to_jinja_and_its_step_budget():
    from studykit.questions import Renderer, plain

    run = plain.template(Renderer().text_env, "{% for k in fact.key_terms %}{{ k }}{% endfor %}")
    assert run({"fact": {"key_terms": ["a"] * plain.LOOP_LIMIT}}) == "a" * plain.LOOP_LIMIT
    assert run({"fact": {"key_terms": ["a"] * (plain.LOOP_LIMIT + 1)}}) is plain.FALLBACK


def test_the_cheap_number_word_check_never_misses_what_the_patterns_find():
    """The set lookup only skips texts the two patterns find nothing in: every sentence of the
    shipped source, and made-up texts with case variants, hyphens, underscores and digits."""
    import random
    import re
    from pathlib import Path

    from studykit import quotes

    source = (Path(__file__).resolve().parent.parent / "seeds").glob("*/*.txt")
    texts = [s for path in source for s in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8"))]
    pieces = ["Four", "SCORE", "and", "seven", "twenty-first", "ſcore", "ſeven", "\u212aing", "fİve", "one1",
              "_one", "one_", "someone", "Hundred", "Half", "half-way", "x", "12", "the", "THIRD", "-", " ", ",",
              "ninety-nine", "zero", "é", "dozen", "Tenth", "tens"]
    rng = random.Random(7)
    texts += ["".join(rng.choice(pieces) + rng.choice(("", " ", "-", "_", ". ")) for _ in range(rng.randrange(1, 8)))
              for _ in range(4000)]
    found = 0
    for text in texts:
        by_patterns = bool(quotes._ANY_WORD.search(text) or quotes._ANY_ORDINAL.search(text))
        found += by_patterns
        assert quotes._may_have_number_words(text) or not by_patterns, text
    assert found > 1000 and len(texts) > 4050
    assert quotes.number_words("Four score and seven years") == [("Four score and seven", 87.0)]
    assert quotes._may_have_number_words("The ſcore was settled")  # left to the patterns
    assert not quotes._may_have_number_words("The someone's 12 tens_of one1")


def _relative_words_slow(fact, year):
    """quality.relative_words as it was: every text blanked and searched, the quote always compared."""
    from studykit import quotes
    from studykit.questions import quality

    quoted = quotes.normalize(" ".join(fact.quotes)).casefold()
    found = []
    for key in ("statement", "question", "answer"):
        text = quality._QUOTED.sub(lambda m: " " * len(m.group()), getattr(fact, key))
        text = quality._NOT_DEICTIC.sub(lambda m: " " * len(m.group()), text)
        for match in quality._RELATIVE.finditer(text):
            if match.group(1).lower() in quality.REFERENCE_WORDS and not quality._dangling(text, match, quoted):
                continue
            found.append((key, match.group(1)))
    return found


def test_relative_words_skips_only_texts_without_such_a_word(tmp_path):
    from dataclasses import replace
    from pathlib import Path

    from studykit.load import load_project
    from studykit.questions import quality

    texts = ["These were the terms.", 'He said "these terms" then.', "'Those who came' were many.",
             "those who came", "Both sides and the mayor", "both these", "This year the talks", "whoever",
             "the thesetic", "Recently, both", "“These”", "According to him, these were fair.", "x'these'y",
             "These old soldiers", "nothing relative here", "", "WHO", "the who-knows", "those_who"]
    facts = []
    for root in (Path(__file__).resolve().parent.parent, _generate(60, tmp_path / "generated")):
        project, _ = load_project(root)
        facts += list(project.facts.values())
    base = facts[0]
    facts += [replace(base, statement=a, question=b, answer=c, quotes=[q])
              for a, b, c, q in zip(texts, texts[3:] + texts[:3], texts[7:] + texts[:7],
                                    ["These old soldiers", "both these", "x"] * 7)]
    warned = 0
    for fact in facts:
        fast = [(p.message.split("its ")[1].split(" says '")[0], p.message.split(" says '")[1].split("'")[0])
                for p in quality.relative_words(fact, 1967)]
        assert fast == _relative_words_slow(fact, 1967), fact.id
        warned += bool(fast)
    assert warned >= 5


def test_a_quote_that_is_a_whole_sentence_is_found_without_the_word_index():
    import random

    from studykit.quotes import QuoteIndex, normalize

    rng = random.Random(10)
    words = ["grain", "tons", "delegation", "Soviet", "promised", "200,000", "of", "the", "a", "Kim"]
    sentences = []
    for n in range(6000):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randrange(3, 12))).capitalize()
        ending = rng.choice([".", "!", "?", "…", '."', ".)", "!'"])
        sentences.append(f"({sentence}{ending}" if ending == ".)" else f"{sentence}{ending}")
    text = "  ".join(sentences) + "\n" + " ".join(sentences[:10])
    index = QuoteIndex(text)
    assert len(index.text) >= QuoteIndex.MIN_INDEXED
    whole = [sentences[i] for i in range(0, 6000, 37) if len(normalize(sentences[i])) >= QuoteIndex.KEY]
    assert all(index.contains(s.replace(" ", "\n  ")) for s in whole)  # folded like any quote
    assert index._starts is None  # found among the sentences: the word index never built
    # Anything else gets the same answer as a full scan of the text, through the index.
    others = [sentences[5] + " " + sentences[6], sentences[7][:-1], sentences[8][1:], sentences[9] + " Zebra.",
              "Zebra " + sentences[11], sentences[12].replace("a", "o"), sentences[13] + "."]
    for quote in others:
        assert index.contains(quote) == (normalize(quote) in index.text), quote
    assert index._starts is not None


def test_normalize_folds_every_whitespace_character_as_the_regex_did():
    """normalize joins the words str.split finds; the regex it replaced folded each run of \\s."""
    import re

    from studykit.quotes import _TYPOGRAPHY, normalize

    spaces = re.compile(r"\s+")
    for code in [*range(0x3000 + 1), 0x3000, 0x2028, 0x2029, 0x205F, 0xFEFF, 0x1680, 0x180E]:
        char = chr(code)
        text = f"{char}a{char}{char}b {char}"
        assert normalize(text) == spaces.sub(" ", text.translate(_TYPOGRAPHY)).strip(), hex(code)


def test_the_relative_words_precheck_never_hides_a_match():
    """quality._may_be_relative is False only where the relative-words pattern finds nothing."""
    import random

    from studykit.questions import quality

    rng = random.Random(3)
    words = ["this", "year", "These", "BOTH", "the", "latter", "formerly", "recent", "ſ", "theſe", "Year",
             "last", "week", "x", "the summer before", "yesterday's", "both-sides", "K", "THE LATTER",
             "Spring", "nowadays"]
    separators = [" ", "  ", ", ", "-", "'", "\n", "_", "."]
    matched = 0
    for _ in range(20_000):
        text = "".join(rng.choice(words) + rng.choice(separators) for _ in range(rng.randrange(1, 6)))
        if quality._RELATIVE.search(text):
            matched += 1
            assert quality._may_be_relative(text), text
    assert matched > 1000
    assert not quality._may_be_relative("According to the report, how was the question settled?")


def test_a_generated_worksheet_asks_only_for_what_its_sheet_holds(tmp_path):
    """generate.py --worksheet: no section asks for a style its topic cannot fill (check --strict passes)."""
    import importlib.util

    import yaml

    from studykit.check import check_project

    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = module.generate(300, tmp_path / "gen", worksheet=60, repo=REPO)
    result = check_project(root, strict=True)
    assert result.problems == [] and result.warnings == []
    recipe = yaml.safe_load((root / "decks" / "synthetic.yaml").read_text(encoding="utf-8"))
    asked = [section["questions"] for section in recipe["worksheet"]["sections"]]
    assert len(asked) == 6 and sum(sum(counts.values()) for counts in asked) >= 40
    assert {"multiple_choice", "fill_blank", "short_answer", "true_false"} <= {s for c in asked for s in c}


def test_sampling_a_large_pool_draws_what_randrange_draws():
    """comparable.sample draws with Random._randbelow: the numbers randrange(len(pool)) gives."""
    import random
    from types import SimpleNamespace

    from studykit.questions.comparable import sample

    pool = [SimpleNamespace(id=f"f{i}") for i in range(1000)]
    for seed in range(20):
        rng, expected = random.Random(seed), random.Random(seed)
        drawn, seen = [], set()
        while len(drawn) < 24:
            i = expected.randrange(len(pool))
            if i not in seen:
                seen.add(i)
                if pool[i].id != "f3":
                    drawn.append(pool[i].id)
        assert [f.id for f in sample(pool, rng, "f3")] == drawn
        assert rng.random() == expected.random()  # the generator left in the same state


def test_a_name_set_at_the_top_level_is_evaluated_plainly_and_others_are_left_to_jinja():
    """The shipped list-recall prompt sets two names: evaluated without Jinja, it gives Jinja's
    text for lists of every length, ordered or not; a set inside a block, set twice, read before
    it is set, of several names, or of a missing key is left to Jinja."""
    import yaml

    from studykit.questions import Renderer, plain

    env = Renderer().text_env
    prompt = yaml.safe_load((REPO / "question_templates" / "list-recall.yaml").read_text())["prompt"]
    run = plain.template(env, prompt)
    assert run is not None
    for count in range(1, 15):
        for ordered in (None, True, False):
            for question in ("Which items were listed?", f"Which {count} items were listed in order?"):
                data = {"items": [f"item {i}" for i in range(count)]}
                if ordered is not None:
                    data["ordered"] = ordered
                fact = {**PLAIN_FACT, "question": question, "data": data}
                fast = run({"fact": fact})
                assert fast is not plain.FALLBACK
                assert fast == env.render_bounded(env.from_string(prompt), {"fact": fact}), (count, ordered)
    for source in ("{% set n = fact.data.nothing %}{{ n is defined }}", "{% set n = 1 %}{% set n = 2 %}{{ n }}",
                   "{{ n }}{% set n = 1 %}", "{% if fact.kind %}{% set n = 1 %}{% endif %}{{ n }}",
                   "{% set a, b = fact.data['items'] %}{{ a }}", "{% set fact = fact.data %}{{ fact.item }}"):
        shortcut = plain.template(env, source)
        assert shortcut is None or shortcut({"fact": PLAIN_FACT}) is plain.FALLBACK, source
