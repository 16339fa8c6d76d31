"""The bounded Jinja sandbox: runaway templates stop with a clear reason, ordinary ones render."""

from __future__ import annotations

import time

import jinja2
import pytest

from studykit.sandbox import BoundedSandbox, BudgetExceeded


@pytest.fixture(scope="module")
def env():
    return BoundedSandbox(undefined=jinja2.StrictUndefined)


def render(env, source: str, **context) -> str:
    return env.render_bounded(env.from_string(source), context)


@pytest.mark.parametrize("source, reason", [
    ("{{ 'x' * 10**9 }}", "repeating a value"),
    ("{{ (range(100)|list) * 10**8 }}", "repeating a value"),
    ("{{ 2 ** 100000000 }}", "the power"),
    ("{{ range(10**9)|list|length }}", "range() of 1,000,000,000 numbers"),
    ("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}", "steps"),
    ("{% for i in range(10000) %}{% for j in range(1000) %}{{ j }}{% endfor %}{% endfor %}",
     "more than 200,000"),
    ("{{ 'x'|center(10**9) }}", "too large for a text size"),
    ("{{ 'x'.ljust(10**9) }}", "too large for a text size"),
    ("{{ '{:>999999999}'.format(1) }}", "format width"),
    ("{{ '{:>{w}}'.format(1, w=999999999) }}", "too large for a text size"),
    ("{{ '%0999999999d' % 1 }}", "% format"),
    ("{{ '%*d'|format(999999999, 1) }}", "too large for a text size"),
    ("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}", "within itself"),
    ("{% set x = [0] * 10000 %}{% for a in x %}{% for b in x %}{% for c in x %}{% endfor %}"
     "{% endfor %}{% endfor %}", "more than 1 s of CPU time"),
    # Amplifiers refused before they build (each of these once took seconds and gigabytes):
    ("{{ ('y' * 100000).join('x' * 100000) | length }}", "join would build a text of 10,000,000,000"),
    ("{{ ('x' * 100000) | join('y' * 100000) | length }}", "join would build"),
    ("{{ 'abc'.replace('', 'x' * 100000) | length }}", "replace would build a text of 400,003"),
    ("{{ ('ab' * 1000) | replace('a', 'x' * 1000) | length }}", "replace would build"),
    ("{{ [('x' * 199999)] * 199999 }}", "repeating a value 199,999 times"),
    ("{% set a = [('x' * 150000)] %}{{ (a + a) | length }}", "builds a value longer"),
    ("{{ ('\t' * 100000).expandtabs(100000) | length }}", "expandtabs would build"),
    ("{{ ('x' * 100000).translate({120: 'y' * 1000}) | length }}", "translate would build"),
    ("{{ [1] | batch(10**9, 'x') | list | length }}", "too large for a text size"),
    ("{{ [1, 2] | slice(10**9) | list | length }}", "too large for a text size"),
    ("{{ ('x\\n' * 99999) | indent(100000) | length }}", "indent would build"),
])
def test_a_runaway_template_stops_with_its_reason(env, source, reason):
    started = time.monotonic()
    with pytest.raises(BudgetExceeded, match=None) as caught:
        render(env, source)
    assert reason in str(caught.value)
    assert time.monotonic() - started < 30  # a sanity bound for a hang, not a speed goal


def test_ordinary_templates_render_as_with_the_plain_sandbox(env):
    source = ("{{ fact.name|upper }} {{ 75000|string }} {{ range(3)|list }} {{ 'ab' * 3 }} "
              "{{ 2 ** 10 }} {{ '%d%%' % 5 }} {{ '{}-{}'.format(1, 2) }} [{{ 'x'|center(5) }}] "
              "{{ '{:,}'.format(2000000) }} {% for i in range(2) %}{{ loop.index }}{% endfor %}")
    expected = "KIM 75000 [0, 1, 2] ababab 1024 5% 1-2 [  x  ] 2,000,000 12"
    assert render(env, source, fact={"name": "kim"}) == expected
    plain = jinja2.sandbox.SandboxedEnvironment(undefined=jinja2.StrictUndefined)
    assert plain.from_string(source).render(fact={"name": "kim"}) == expected


def test_lipsum_is_no_global_and_ordinary_joins_and_replaces_still_work(env):
    with pytest.raises(jinja2.UndefinedError):
        render(env, "{{ lipsum(10**6) }}")
    source = "{{ ['a', 'b'] | join(', ') }} {{ 'a-b'.replace('-', ' ') }} {{ 'x' | replace('x', 'y') }} {{ ', '.join(['c', 'd']) }}"
    assert render(env, source) == "a, b a b y c, d"


def test_expressions_are_bounded_too(env):
    assert env.call_bounded(env.compile_expression("range(4)|list"), {}) == [0, 1, 2, 3]
    with pytest.raises(BudgetExceeded):
        env.call_bounded(env.compile_expression("'x' * 10**9"), {})


def test_the_sandbox_still_refuses_python_internals(env):
    with pytest.raises(jinja2.exceptions.SecurityError):
        render(env, "{{ ''.__class__.__mro__[1].__subclasses__() }}")


def test_a_budget_resets_between_renders(env):
    loop = "{% for i in range(9000) %}{% endfor %}"
    for _ in range(40):  # 40 x 9,000 steps would exceed one budget; each render has its own
        assert render(env, loop) == ""


class _Quick(BoundedSandbox):
    max_seconds = 0.3


def _busy(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_in_a_session_many_short_budgets_never_add_up_to_a_timeout():
    # The CPU timer stays armed across a session's budgets; it must judge each budget
    # by its own start, so budgets that together take far longer than the limit all pass.
    env = _Quick(undefined=jinja2.StrictUndefined)
    with env.session():
        for _ in range(8):  # 8 x 0.1 s of CPU, more than twice the 0.3 s limit
            with env.budget():
                _busy(0.1)
                assert render(env, "{{ 1 + 1 }}") == "2"


def test_in_a_session_a_runaway_budget_still_stops_on_cpu_time():
    env = _Quick(undefined=jinja2.StrictUndefined)
    runaway = ("{% set x = [0] * 10000 %}{% for a in x %}{% for b in x %}{% for c in x %}{% endfor %}"
               "{% endfor %}{% endfor %}")
    with env.session():
        with env.budget():
            _busy(0.2)  # the timer armed here fires before the next budget's deadline
        started = time.process_time()
        with pytest.raises(BudgetExceeded, match="more than 0.3 s of CPU time"):
            render(env, runaway)
        assert time.process_time() - started >= 0.29  # it ran its full budget, not the first's rest
        assert render(env, "{{ 2 + 2 }}") == "4"  # the session goes on after a stopped budget


def test_a_template_the_sandbox_stops_is_asked_of_no_other_fact(tmp_path, monkeypatch):
    # A runaway prompt costs up to the time limit per render: asked of every fact, one bad
    # template kept `check` busy for minutes. It is stopped once, and the problem still names
    # every fact it would have been asked of.
    from small_project import make_project
    from studykit.questions.render import TemplateProblem

    text = " ".join(f"Fact number {n} is here." for n in range(6))
    facts = "topic: main\nfacts:\n" + "".join(f"""\
  - id: fact-{n}
    kind: event
    statement: Fact number {n} is here.
    question: Which fact is number {n}?
    answer: Fact number {n}
    quote: Fact number {n} is here.
""" for n in range(6))
    runaway = {"runaway": """\
        applies_to: {kinds: [event]}
        style: short_answer
        prompt: "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"
        answer: "{{ fact.answer }}"
    """}
    stopped = []
    original = TemplateProblem.__init__

    def counting(self, *args, **kwargs):
        original(self, *args, **kwargs)
        stopped.append(self.over_budget)

    monkeypatch.setattr(TemplateProblem, "__init__", counting)
    make_project(tmp_path, text, facts, templates=runaway)
    from studykit.load import load_project
    from studykit.questions import render_deck as render_one

    project, _ = load_project(tmp_path)
    result = render_one(project, project.decks["doc"])
    assert stopped == [True], stopped  # one render stopped; the other five never started
    [problem] = result.problems
    assert "takes more than 200,000 steps" in problem.message
    assert problem.message.endswith("(while rendering fact 'fact-0' and 5 other facts)")
