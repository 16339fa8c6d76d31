"""Rendering caches: compiled snippets kept between runs, and renders memoised within one run.

None of them may change a question: each test renders the same project with and
without the cache and compares every question field by field.
"""

from __future__ import annotations

import dataclasses
import marshal
import shutil
from pathlib import Path

import pytest

from studykit.check import check_project
from studykit.load import load_project
from studykit.questions import Renderer, render_deck
from studykit.yamlio import LocDict, LocList

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "gettysburg-address"


@pytest.fixture
def example(tmp_path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "project"))


def questions(root: Path) -> list[dict]:
    """Every question of every deck, as plain data (facts by id)."""
    project, problems = load_project(root)
    assert [p for p in problems if not p.is_warning] == []
    renderer = Renderer()
    made = []
    for recipe in project.decks.values():
        for q in render_deck(project, recipe, renderer).questions:
            data = {f.name: getattr(q, f.name) for f in dataclasses.fields(q) if f.name != "facts"}
            made.append(dict(data, facts=[f.id for f in q.facts]))
    return made


def cache_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_cached_snippets_make_the_same_questions(example, tmp_path, monkeypatch):
    from studykit.questions import plain

    # Every snippet through Jinja (the plain ones are evaluated without it: see test_scale.py).
    monkeypatch.setattr(plain, "expression", lambda env, source: None)
    monkeypatch.setattr(plain, "template", lambda env, source: None)
    monkeypatch.setenv("STUDYKIT_CACHE", "")
    uncached = questions(example)
    cache = tmp_path / "cache"
    monkeypatch.setenv("STUDYKIT_CACHE", str(cache))
    first = questions(example)  # compiles and stores
    stored = cache_files(cache)
    second = questions(example)  # loads compiled code only
    assert len(uncached) > 50
    assert first == uncached and second == uncached
    assert len(stored) >= 30  # every prompt, answer, field and expression of the templates used
    assert cache_files(cache) == stored  # nothing new compiled the second time


def test_an_edited_snippet_is_compiled_again(example, tmp_path, monkeypatch):
    monkeypatch.setenv("STUDYKIT_CACHE", str(tmp_path / "cache"))
    before = [q["prompt"] for q in questions(example) if q["template_id"] == "recall"]
    recall = example / "question_templates" / "recall.yaml"
    recall.write_text(recall.read_text().replace('prompt: "{{ fact.question }}"',
                                                  'prompt: "Asked: {{ fact.question }}"'))
    after = [q["prompt"] for q in questions(example) if q["template_id"] == "recall"]
    assert before and after == [f"Asked: {p}" for p in before]


def test_a_damaged_cache_is_compiled_again(example, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("STUDYKIT_CACHE", str(cache))
    expected = questions(example)
    damaged = cache_files(cache)
    for n, path in enumerate(damaged):
        good = path.read_bytes()
        path.write_bytes([b"", b"not marshal data", good[: len(good) // 2], marshal.dumps(42)][n % 4])
    assert questions(example) == expected
    for path in damaged:  # each entry was written again, whole: compiled code, a tree, a loaded file
        assert whole_entry(path) in ("code", "tree", "names", "loaded file", "checked facts")


def test_a_cache_folder_that_cannot_be_made_is_ignored(example, tmp_path, monkeypatch):
    monkeypatch.setenv("STUDYKIT_CACHE", "")
    expected = questions(example)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STUDYKIT_CACHE", str(blocker))
    assert questions(example) == expected
    assert blocker.read_text() == "not a folder"


def test_an_empty_setting_turns_the_cache_off(example, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("STUDYKIT_CACHE", "")
    questions(example)
    assert not (tmp_path / "home").exists() and not (tmp_path / "xdg").exists()
    monkeypatch.delenv("STUDYKIT_CACHE")
    questions(example)  # default place: $XDG_CACHE_HOME/studykit
    assert cache_files(tmp_path / "xdg" / "studykit" / "snippets")


def test_template_errors_keep_their_position_when_loaded_from_the_cache(example, tmp_path, monkeypatch):
    monkeypatch.setenv("STUDYKIT_CACHE", str(tmp_path / "cache"))
    recall = example / "question_templates" / "recall.yaml"
    lines = recall.read_text().splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if text.startswith("answer:"))
    lines[line - 1] = 'answer: "{{ fact.answer }}{{ fact.no_such_field }}"'
    recall.write_text("\n".join(lines) + "\n")
    reports = []
    for _ in range(2):  # compiled, then from the cache
        result = check_project(example)
        reports.append([str(p) for p in result.problems])
    assert reports[0] == reports[1]
    assert any(f"recall.yaml:{line}:" in p and "no_such_field" in p for p in reports[0]), reports[0]


def test_a_sibling_only_option_is_rendered_once_per_sibling(example, monkeypatch):
    """'value' reading only the sibling is memoised per sibling, and gives what a fresh render gives."""
    monkeypatch.setenv("STUDYKIT_CACHE", "")
    project, _ = load_project(example)
    renderer = Renderer()
    template = project.templates["whose-view"]
    source = template.spec["distractors"]["value"]
    claims = [f for f in project.facts.values() if f.kind == "claim" and f.data.get("holder")]
    assert len(claims) >= 3
    texts = {}
    for fact in claims:
        for sibling in claims:
            text = renderer.render_pair(template, "distractors.value", source, (1, 1), fact, sibling)
            fresh = Renderer().render(template, "distractors.value", source, (1, 1),
                                      fact=fact.as_template_data(), sibling=sibling.as_template_data())
            assert text == fresh
            texts.setdefault(sibling.id, set()).add(text)
    assert all(len(t) == 1 for t in texts.values())
    memo = [k for k in renderer._of_pair if k[0] == template.path]
    assert len(memo) == len(claims)  # one render per sibling, not per pair


@pytest.mark.parametrize("html", [False, True])
@pytest.mark.parametrize("path", ["q.prompt", "q.cloze", "q.options", "q.correct", "q.none", "q.nested.inner",
                                  "q.nested", "q", "q.items", "q.missing", "missing", "q.nested.missing"])
def test_a_snippet_that_only_prints_a_value_gives_what_jinja_gives(example, monkeypatch, path, html):
    """'{{ q.prompt }}' is looked up without a render; '{{ (q.prompt) }}' always renders: they agree."""
    from markupsafe import Markup

    from studykit.questions import TemplateProblem

    monkeypatch.setenv("STUDYKIT_CACHE", "")
    project, _ = load_project(example)
    template = project.templates["recall"]
    q = {"prompt": "  Is 1 < 2 & \"x\" > 'y'?\n ", "cloze": Markup("<b>{{c1::kept}}</b>"),
         "options": ["a<b", "c"], "correct": 0, "none": None, "nested": {"inner": "Tom & Jerry"},
         "items": "a key named like a dict method"}

    def outcome(source):
        try:
            return Renderer().render(template, "fields.Front", source, (3, 1), html=html, q=q)
        except TemplateProblem as err:
            return str(err.problem)

    plain, rendered = outcome("{{ %s }}" % path), outcome("{{ (%s) }}" % path)
    assert plain == rendered
    if path == "q.prompt":
        assert plain == ("Is 1 &lt; 2 &amp; &#34;x&#34; &gt; &#39;y&#39;?" if html else "Is 1 < 2 & \"x\" > 'y'?")
    if path in ("q.missing", "missing"):
        assert "recall.yaml:3:1" in plain and "missing" in plain and "check the field name" in plain


def test_a_syntax_error_is_reported_on_every_run_with_the_cache(example, tmp_path, monkeypatch):
    """Only snippets that parsed are remembered as parsing: a broken one is found every time."""
    monkeypatch.setenv("STUDYKIT_CACHE", str(tmp_path / "cache"))
    assert check_project(example).problems == []  # the good snippets are now remembered
    recall = example / "question_templates" / "recall.yaml"
    recall.write_text(recall.read_text().replace('prompt: "{{ fact.question }}"',
                                                  'prompt: "{{ fact.question }"'))
    for _ in range(2):
        found = [str(p) for p in check_project(example).problems]
        assert any("recall.yaml:" in p and "Jinja syntax error" in p for p in found), found


def whole_entry(path: Path) -> str:
    """What a cache entry holds, read the way the cache reads it."""
    import jinja2
    from jinja2 import nodes

    from studykit.questions import snippetcache

    from studykit import usercache

    data = usercache.unsealed(path.name, path.read_bytes())  # the checksum and name come first
    if data is None:
        return "damaged"
    try:
        loaded = marshal.loads(data)
        if type(loaded).__name__ == "code":
            return "code"
        if isinstance(loaded, tuple) and all(isinstance(name, str) for name in loaded):
            return "names"
    except (EOFError, ValueError, TypeError):
        pass
    from studykit import yamlcache
    from studykit.load import factcache

    if path.parent.parent.name == "facts":  # a fact file's checked facts (load/factcache.py)
        return "checked facts" if factcache.recall(path) is not None else "damaged"
    if path.parent.parent.name == "yaml":
        try:
            data = usercache.unpickled(data, yamlcache.is_container)
        except Exception:  # noqa: BLE001 - damaged
            return "damaged"
        return "loaded file" if isinstance(data, (LocDict, LocList)) else "damaged"
    try:
        tree = usercache.unpickled(data, snippetcache._is_node, own=jinja2.Environment())
    except Exception:  # noqa: BLE001 - damaged
        return "damaged"
    return "tree" if isinstance(tree, nodes.Node) else "damaged"


def test_parse_trees_kept_between_runs_make_the_same_questions_without_parsing(example, tmp_path,
                                                                               monkeypatch):
    """The plain snippets' trees come from the cache on the second run: no snippet is parsed."""
    import jinja2

    from studykit.questions import spec

    monkeypatch.setenv("STUDYKIT_CACHE", "")
    uncached = questions(example)
    monkeypatch.setenv("STUDYKIT_CACHE", str(tmp_path / "cache"))
    spec._syntax_environment.cache_clear()  # made once per process, with the cache of that time
    first = questions(example)  # parses and stores
    parse, parse_expression = jinja2.Environment.parse, jinja2.parser.Parser.parse_expression
    parsed = []
    monkeypatch.setattr(jinja2.Environment, "parse", lambda env, *a, **k: parsed.append(a) or parse(env, *a, **k))
    monkeypatch.setattr(jinja2.parser.Parser, "parse_expression",
                        lambda parser, *a, **k: parsed.append(a) or parse_expression(parser, *a, **k))
    second = questions(example)
    assert first == uncached and second == uncached
    assert parsed == []
    assert sum(whole_entry(p) == "tree" for p in cache_files(tmp_path / "cache")) >= 10


def test_a_cache_entry_naming_anything_but_a_parse_node_is_not_loaded(tmp_path, monkeypatch):
    """A tree entry is unpickled with Jinja's node classes only: one naming another callable (a
    damaged or planted file) is read as missing, nothing of it is called, and it is parsed again."""
    import pickle

    import jinja2

    from studykit import usercache
    from studykit.questions import snippetcache

    monkeypatch.setenv("STUDYKIT_CACHE", str(tmp_path / "cache"))
    env = jinja2.Environment()
    cache = snippetcache.SnippetCache(tmp_path / "cache" / "snippets", "key")
    env.bytecode_cache = cache
    touched = tmp_path / "touched"
    path = cache._path("tree", "{{ x }}")
    path.parent.mkdir(parents=True)
    path.write_bytes(usercache.sealed(path.name, pickle.dumps(_Planted(touched))))  # whole, yet planted
    tree = snippetcache.parsed(env, "{{ x }}")
    assert not touched.exists() and isinstance(tree, jinja2.nodes.Template)
    assert whole_entry(path) == "tree"  # written again, whole


class _Planted:
    """Unpickling it would call Path.touch: a stand-in for a harmful callable."""

    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self):
        return (Path.touch, (self.path,))
