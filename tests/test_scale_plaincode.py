"""A plain snippet compiled to one Python function (questions/plaincode.py) gives what its tree of
functions (questions/plain.py) gives: the same value of the same type, or the same fallback to Jinja.

(Speed itself is measured in benchmarks/, never here.)
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from studykit.load import load_project
from studykit.questions import Renderer, plain, plaincode, snippetcache

from test_scale import PLAIN_CASES, PLAIN_FACT, _everything_rendered, _generate

REPO = Path(__file__).resolve().parent.parent


def _both(env, source: str, is_template: bool, monkeypatch):
    """The tree's function (never compiled) and the compiled one, for one snippet; None if not plain."""
    with monkeypatch.context() as patch:
        patch.setattr(plain, "HOT", 10 ** 9)
        tree = plain.template(env, source) if is_template else plain.expression(env, source)
    if tree is None:
        return None
    if is_template:
        return tree, plaincode.template(env, snippetcache.parsed(env, source).body)
    return tree, plaincode.expression(env, snippetcache.parsed_expression(env, source))


def _same(a, b) -> bool:
    return (a is plain.FALLBACK and b is plain.FALLBACK) or (type(a), a) == (type(b), b)


def test_every_plain_case_compiles_to_what_its_tree_gives(monkeypatch):
    """The cases test_scale.py compares with Jinja (every node, fallback and loop), as text and HTML,
    on its fact and on facts with a key taken away or changed in type."""
    compared = 0
    variants = [PLAIN_FACT, {**PLAIN_FACT, "data": {}}, {**PLAIN_FACT, "key_terms": "meeting"},
                {**PLAIN_FACT, "data": {**PLAIN_FACT["data"], "promised": "100", "items": None}},
                {**PLAIN_FACT, "analysis": {"points": 3}, "kind": "list"}]
    for source, is_template in PLAIN_CASES:
        for html in ((False, True) if is_template else (None,)):
            renderer = Renderer()
            pair = _both(renderer.html_env if html else renderer.text_env, source, is_template, monkeypatch)
            if pair is None:
                continue
            tree, compiled = pair
            for fact in variants:
                assert _same(tree({"fact": fact}), compiled({"fact": fact})), (source, html, fact)
                compared += 1
            assert _same(tree({}), compiled({})), source  # no fact at all: both leave it to Jinja
    assert compared >= 500


def _snippets(project):
    """Every text snippet of every template (prompts, rules, options, fields), as a template and as
    an expression where it is one."""
    found = set()

    def walk(value):
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for template in project.templates.values():
        walk(template.spec)
    return sorted(found)


@pytest.mark.parametrize("where", ["shipped", "examples", "generated"])
def test_every_template_snippet_compiles_to_what_its_tree_gives_on_every_fact(where, tmp_path, monkeypatch):
    """Each snippet of the project's templates, on every fact alone and on random pairs of facts
    (as a question's fact and a sibling), text and HTML: the compiled function and the tree agree."""
    if where == "shipped":
        roots = [REPO]
    elif where == "examples":
        roots = sorted(p for p in (REPO / "examples").iterdir() if (p / "decks").is_dir())
    else:
        roots = [_generate(150, tmp_path / "generated")]
    compared = 0
    rng = random.Random(7)
    for root in roots:
        project, _ = load_project(root)
        renderer = Renderer()
        views = [renderer.views(fact) for fact in project.facts.values()]
        contexts = [{"fact": view} for view in views]
        contexts += [{"fact": rng.choice(views), "sibling": rng.choice(views)} for _ in range(len(views))]
        for source in _snippets(project):
            for is_template, env in ((True, renderer.text_env), (True, renderer.html_env), (False, renderer.text_env)):
                pair = _both(env, source, is_template, monkeypatch)
                if pair is None:
                    continue
                tree, compiled = pair
                for ctx in contexts:
                    assert _same(tree(ctx), compiled(ctx)), (root.name, source, is_template, ctx["fact"]["id"])
                    compared += 1
    assert compared >= 2000


def test_a_snippet_is_compiled_once_it_is_run_often_and_nothing_changes_for_a_whole_project(tmp_path, monkeypatch):
    """Compiled from the first run, every question, skip and problem of the shipped project and a
    generated one is what the trees alone give; a snippet run fewer than HOT times is not compiled."""
    made = []
    original = plaincode.expression
    monkeypatch.setattr(plaincode, "expression", lambda env, node: made.append(node) or original(env, node))
    run = plain.expression(Renderer().text_env, "fact.kind == 'event'")
    for _ in range(plain.HOT - 1):
        assert run({"fact": PLAIN_FACT}) is True
    assert made == []
    assert run({"fact": PLAIN_FACT}) is True and len(made) == 1
    assert run({"fact": {**PLAIN_FACT, "kind": "list"}}) is False and len(made) == 1

    for root in (REPO, _generate(120, tmp_path / "generated")):
        with monkeypatch.context() as patch:
            patch.setattr(plain, "HOT", 10 ** 9)
            trees = _everything_rendered(root, patch, shortcuts=True)
        with monkeypatch.context() as patch:
            patch.setattr(plain, "HOT", 1)
            compiled = _everything_rendered(root, patch, shortcuts=True)
        assert compiled == trees
        assert trees[0] and all(questions for questions, _ in trees[0].values())


def test_a_snippet_python_cannot_compile_stays_with_its_tree(monkeypatch):
    """A chain of comparisons nested deeper than Python's indentation allows: compiling it fails,
    and the tree's function goes on answering."""
    source = "fact.data.promised < " + " < ".join(str(101 + i) for i in range(150))
    env = Renderer().text_env
    with pytest.raises(Exception):
        plaincode.expression(env, snippetcache.parsed_expression(env, source))
    monkeypatch.setattr(plain, "HOT", 1)
    run = plain.expression(env, source)
    assert run({"fact": PLAIN_FACT}) is True
    assert run({"fact": {**PLAIN_FACT, "data": {"promised": 500}}}) is False
    assert run({"fact": {**PLAIN_FACT, "data": {}}}) is plain.FALLBACK


def test_compiled_code_is_kept_in_the_snippet_cache_and_read_back_instead_of_compiling(tmp_path, monkeypatch):
    """The first compile stores the code; a new renderer (a new run) reads it back and compiles
    nothing, with the same answers; a damaged entry is compiled again; no cache folder: compiled."""
    import builtins

    monkeypatch.setenv("STUDYKIT_CACHE", str(tmp_path / "cache"))
    source = "fact.data.promised is defined and fact.data.promised < fact.data.requested"
    compiles = []

    def counted(*args, **kwargs):
        compiles.append(args[1] if len(args) > 1 else "")
        return builtins.compile(*args, **kwargs)

    monkeypatch.setattr(plaincode, "compile", counted, raising=False)
    env = Renderer().text_env
    first = plaincode.expression(env, snippetcache.parsed_expression(env, source))
    assert compiles == ["<plain snippet>"]
    stored = [p for p in (tmp_path / "cache" / "snippets").rglob("*") if p.is_file()]
    assert stored
    env = Renderer().text_env
    again = plaincode.expression(env, snippetcache.parsed_expression(env, source))
    assert compiles == ["<plain snippet>"]  # read back, not compiled
    for fact in (PLAIN_FACT, {**PLAIN_FACT, "data": {}}, {**PLAIN_FACT, "data": {"promised": 500, "requested": 3}}):
        assert _same(first({"fact": fact}), again({"fact": fact}))
    for path in (tmp_path / "cache" / "snippets").rglob("*"):
        if path.is_file():
            path.write_bytes(b"damaged")
    env = Renderer().text_env
    mended = plaincode.expression(env, snippetcache.parsed_expression(env, source))
    assert len(compiles) == 2 and _same(mended({"fact": PLAIN_FACT}), first({"fact": PLAIN_FACT}))
    monkeypatch.setenv("STUDYKIT_CACHE", "")
    env = Renderer().text_env
    plaincode.expression(env, snippetcache.parsed_expression(env, source))
    assert len(compiles) == 3
