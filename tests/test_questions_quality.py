"""Quality warnings in `studykit check`, at the line of the field to fix; --strict makes them fail."""

from __future__ import annotations

from typer.testing import CliRunner

from studykit.check import check_project
from studykit.cli import app

from small_project import make_project

TEXT = ("In 1863 the mayor promised about 100 machines. The meeting was held in Boston. "
        "Both sides agreed. The four points were peace, bread, land and work.")

CLEAN = """\
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
    key_terms: [Boston]
    quote: The meeting was held in Boston.
"""


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _warnings(tmp_path, facts, **kw):
    root = make_project(tmp_path, TEXT, facts, **kw)
    result = check_project(root)
    assert result.problems == [], [str(p) for p in result.problems]
    return root, result.warnings


def test_a_clean_project_has_no_warnings_and_passes_strict(tmp_path):
    root, warnings = _warnings(tmp_path, CLEAN)
    assert warnings == []
    shown = CliRunner().invoke(app, ["check", str(root), "--strict"])
    assert shown.exit_code == 0, shown.output


def test_relative_time_word_is_warned_at_its_line_and_fails_strict(tmp_path):
    facts = CLEAN.replace("statement: In 1863 the mayor", "statement: This year the mayor")
    root, warnings = _warnings(tmp_path, facts)
    [warning] = warnings
    assert warning.severity == "warning"
    assert warning.path.endswith("facts.yaml") and warning.line == _line_of(facts, "This year the mayor")
    assert "'This year'" in warning.message and "'in 1863'" in warning.message  # the document's own year
    runner = CliRunner()
    assert runner.invoke(app, ["check", str(root)]).exit_code == 0  # warnings alone do not fail
    strict = runner.invoke(app, ["check", str(root), "--strict"])
    assert strict.exit_code == 1
    assert f"facts.yaml:{warning.line}:" in strict.output and "warning:" in strict.output


def test_both_and_these_are_warned_but_not_in_quotes_or_relative_clauses(tmp_path):
    facts = CLEAN.replace("statement: The meeting was held in Boston.",
                          "statement: Both sides met in Boston, as \"these men\" wrote; those who came agreed.")
    _, warnings = _warnings(tmp_path, facts)
    [warning] = warnings
    assert "'Both'" in warning.message


def test_trivial_cloze_blanks_are_warned_at_the_key_term(tmp_path):
    facts = CLEAN.replace("key_terms: [Boston]", "key_terms:\n      - Boston\n      - The\n      - four points")
    facts = facts.replace("statement: The meeting was held in Boston.",
                          "statement: The meeting in Boston named four points.")
    _, warnings = _warnings(tmp_path, facts)
    lines = sorted(w.line for w in warnings)
    assert lines == [_line_of(facts, "- The"), _line_of(facts, "- four points")]
    assert all("trivial" in w.message and "key_terms" in w.message for w in warnings)


def test_a_figure_that_loses_its_hedge_is_warned(tmp_path):
    facts = CLEAN.replace("answer: About 100 machines", "answer: 100 machines")
    template = {"bare-figure": """\
        style: short_answer
        applies_to: {kinds: [figure]}
        prompt: "What was promised in the amount of {{ fact.data.promised }} {{ fact.data.unit }}?"
        answer: "{{ fact.data.item }}"
    """}
    _, warnings = _warnings(tmp_path, facts, templates=template)
    messages = sorted(w.message for w in warnings)
    assert len(messages) == 2
    assert "its answer gives 100 without the source's hedge" in messages[0]
    assert "template 'bare-figure' prints 100" in messages[1] and "figure" in messages[1]


def test_a_figure_the_quote_gives_as_about_but_the_data_as_exact_is_warned(tmp_path):
    # "about 100 machines" in the quote, no 'approximate' in the data: every template would print 100.
    facts = CLEAN.replace(", approximate: true}", "}")
    _, warnings = _warnings(tmp_path, facts)
    [warning] = [w for w in warnings if "as exact" in w.message]
    assert warning.line == _line_of(facts, "data: {item: machines")
    assert "its quote says 'about 100'" in warning.message and "add 'approximate: true'" in warning.message


def test_a_bound_is_not_taken_for_an_approximation(tmp_path):
    # "over 100" is a bound, not "about 100": no 'approximate' is asked for.
    text = TEXT.replace("about 100 machines", "over 100 machines")
    facts = CLEAN.replace(", approximate: true}", "}").replace("about 100 machines", "over 100 machines") \
        .replace("About 100 machines", "Over 100 machines")
    root = make_project(tmp_path, text, facts)
    result = check_project(root)
    assert result.problems == [] and not [w for w in result.warnings if "as exact" in w.message]


def test_two_templates_asking_the_same_thing_are_warned(tmp_path):
    templates = {
        "recall": """\
            style: short_answer
            prompt: "{{ fact.question }}"
            answer: "{{ fact.answer }}"
        """,
        "where-again": """\
            style: short_answer
            applies_to: {when: fact.kind == 'event'}
            prompt: "Where? {{ fact.statement | replace('Boston', '___') }}"
            answer: "{{ fact.answer }}"
        """,
    }
    _, warnings = _warnings(tmp_path, CLEAN, templates=templates)
    [warning] = warnings
    assert warning.path.endswith("where-again.yaml")
    assert "'recall' and 'where-again' both ask fact 'meeting'" in warning.message
    line = _line_of(CLEAN, "- id: meeting")
    assert "add 'skip: [where-again]' to the fact (" in warning.message
    assert f"seeds/doc/facts/facts.yaml:{line}), or for every fact narrow" in warning.message
    # ... and that fix silences it
    fixed = CLEAN.replace("    key_terms: [Boston]\n", "    key_terms: [Boston]\n    skip: [where-again]\n")
    assert fixed != CLEAN
    _, warnings = _warnings(tmp_path / "fixed", fixed, templates=templates)
    assert warnings == []


def test_exact_repeat_of_a_question_is_dropped_not_made_twice(tmp_path):
    templates = {
        "recall": 'style: short_answer\nprompt: "{{ fact.question }}"\nanswer: "{{ fact.answer }}"\n',
        "zz-recall-again": 'style: short_answer\nprompt: "{{ fact.question }}"\nanswer: "{{ fact.answer }}"\n',
    }
    root = make_project(tmp_path, TEXT, CLEAN, templates=templates)
    result = check_project(root)
    questions = result.decks["doc"].questions
    assert sorted(q.id for q in questions) == ["recall/machines", "recall/meeting"]
    assert result.decks["doc"].reasons["zz-recall-again/meeting"] == "asks the same as recall/meeting"


def test_a_template_error_is_reported_once_with_the_count_of_facts(tmp_path):
    templates = {"broken": 'style: short_answer\nprompt: "{{ fact.nothing }}"\nanswer: x\n'}
    root = make_project(tmp_path, TEXT, CLEAN, templates=templates)
    result = check_project(root)
    assert len(result.problems) == 1, [str(p) for p in result.problems]
    [problem] = result.problems
    assert problem.path.endswith("broken.yaml") and problem.line == 2
    assert "(while rendering fact 'machines' and 1 other fact)" in problem.message


def test_a_bound_lost_from_the_statement_is_warned_with_the_sources_words(tmp_path):
    facts = CLEAN.replace("statement: In 1863 the mayor promised about 100 machines.",
                          "statement: In 1863 the mayor promised 100 machines.") \
        .replace("answer: About 100 machines", "answer: Up to 100 machines") \
        .replace("promised: 100, approximate: true}", "value: 100, approximate: up to}") \
        .replace("quote: In 1863 the mayor promised about 100 machines", "quote: In 1863 the mayor promised up to 100 machines")
    root = make_project(tmp_path, TEXT.replace("about 100 machines", "up to 100 machines"), facts)
    result = check_project(root)
    assert result.problems == [], [str(p) for p in result.problems]
    warnings = result.warnings
    [warning] = [w for w in warnings if "without the source's hedge" in w.message]
    assert warning.line == _line_of(facts, "statement: In 1863 the mayor promised 100")
    assert "write 'up to 100'" in warning.message  # the answer's "Up to 100" passes
