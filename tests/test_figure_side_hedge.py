"""A source may hedge one side of a figure only ("asked for about 200,000 tons; 75,000 tons were
promised", "recommended not more than $12,500"): each side then prints its own hedge, on cards,
sheets and the key's chart, and a bound on the side a question asks keeps that question away."""

from __future__ import annotations

import re

from cli_helpers import run_in_process
from small_project import add_worksheet_section, by_template, make_project, render

TEXT = ("The Board asked for about 200,000 tons of coal; the Ministry promised 75,000 tons. "
        "The Company asked for $18,000 a year; the committee recommended not more than $12,500 a year. "
        "The Guild asked for 600 looms and was given 450 looms. "
        "The Port asked for 90,000 tons of grain; the Ministry promised 60,000 tons. "
        "The Mills asked for 50,000 tons of iron; the Ministry promised about 30,000 tons.")

FACTS = """\
topic: main
facts:
  - id: coal
    kind: figure
    statement: The Board asked for about 200,000 tons of coal; the Ministry promised 75,000 tons.
    question: How much coal did the Board ask for, and how much did the Ministry promise?
    answer: about 200,000 tons asked; 75,000 tons promised
    quote: The Board asked for about 200,000 tons of coal; the Ministry promised 75,000 tons.
    data: {item: coal, unit: tons, requested: 200000, promised: 75000, requested_approximate: true}
  - id: contract
    kind: figure
    statement: The Company asked for $18,000 a year; the committee recommended not more than $12,500.
    question: What did the Company ask for, and what did the committee recommend?
    answer: $18,000 asked; not more than $12,500 recommended
    quote: The Company asked for $18,000 a year; the committee recommended not more than $12,500 a year.
    data: {item: the yearly payment, unit: "$", requested: 18000, promised: 12500, promised_as: recommended,
           promised_approximate: not more than}
  - id: looms
    kind: figure
    statement: The Guild asked for 600 looms and was given 450 looms.
    question: How many looms did the Guild ask for, and how many was it given?
    answer: 600 asked; 450 given
    quote: The Guild asked for 600 looms and was given 450 looms.
    data: {item: looms, unit: looms, requested: 600, promised: 450}
  - id: grain
    kind: figure
    statement: The Port asked for 90,000 tons of grain; the Ministry promised 60,000 tons.
    question: How much grain did the Port ask for, and how much did the Ministry promise?
    answer: 90,000 tons asked; 60,000 tons promised
    quote: The Port asked for 90,000 tons of grain; the Ministry promised 60,000 tons.
    data: {item: grain, unit: tons, requested: 90000, promised: 60000}
  - id: iron
    kind: figure
    statement: The Mills asked for 50,000 tons of iron; the Ministry promised about 30,000 tons.
    question: How much iron did the Mills ask for, and how much did the Ministry promise?
    answer: 50,000 tons asked; about 30,000 tons promised
    quote: The Mills asked for 50,000 tons of iron; the Ministry promised about 30,000 tons.
    data: {item: iron, unit: tons, requested: 50000, promised: 30000, promised_approximate: true}
"""

TEMPLATES = ["requested-vs-promised", "figure-typed", "choice-figure", "true-false-figure", "figures-table"]


def test_only_the_side_the_source_hedges_is_printed_with_about(tmp_path):
    make_project(tmp_path, TEXT, FACTS, deck_templates=TEMPLATES)
    _, result = render(tmp_path)
    coal = by_template(result, "requested-vs-promised")["coal"]
    assert "the request for coal as about 200,000 tons." in coal.prompt
    assert coal.answer == "75,000 tons (about 37.5% of the request)"  # a share of "about" is about
    assert by_template(result, "requested-vs-promised")["grain"].answer == "60,000 tons (66.7% of the request)"
    assert by_template(result, "requested-vs-promised")["iron"].answer == "about 30,000 tons (about 60% of the request)"
    assert by_template(result, "figure-typed")["coal"].answer == "75,000 tons"
    choice = by_template(result, "choice-figure")["coal"]
    assert "75,000 tons" in choice.options and "200,000 tons" in choice.options  # the request, as if promised
    assert not [o for o in choice.options if o.startswith("about")]
    iron = by_template(result, "choice-figure")["iron"]
    assert iron.options[iron.correct] == "about 30,000 tons" and "about 50,000 tons" in iron.options
    assert [o for o in iron.options if not o.startswith("about ")] == []  # every option reads alike
    [table] = [q for q in result.questions if q.template_id == "figures-table"]
    assert ["coal", "about 200,000 tons", "75,000 tons"] in table.rows


def test_a_bound_on_the_promised_side_is_printed_and_keeps_choice_and_true_false_away(tmp_path):
    make_project(tmp_path, TEXT, FACTS, deck_templates=TEMPLATES)
    _, result = render(tmp_path)
    contract = by_template(result, "requested-vs-promised")["contract"]
    assert "the request for the yearly payment as $18,000." in contract.prompt
    assert contract.answer == "not more than $12,500 (not more than 69.4% of the request)"
    assert by_template(result, "figure-typed")["contract"].answer == "not more than $12,500"
    assert "contract" not in by_template(result, "choice-figure")
    assert "contract" not in by_template(result, "true-false-figure")
    assert "grain" in by_template(result, "choice-figure")  # an unbounded figure still gets one


def test_a_project_that_hedges_one_side_passes_the_strict_check(tmp_path):
    make_project(tmp_path, TEXT, FACTS, deck_templates=TEMPLATES)
    done = run_in_process("check", "--strict", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_hedged_side_given_as_exact_is_flagged_with_the_sides_own_key(tmp_path):
    make_project(tmp_path, TEXT, FACTS.replace(", requested_approximate: true", ""), deck_templates=TEMPLATES)
    done = run_in_process("check", "--strict", cwd=tmp_path)
    out = done.stdout + done.stderr
    assert done.returncode == 1
    assert "quote says 'about 200,000'" in out and "add 'requested_approximate: true'" in out
    assert "add 'promised_approximate" not in out and "add 'approximate: true'" not in out  # promised is exact


def test_a_bound_for_both_sides_is_refused_and_points_to_the_side_keys(tmp_path):
    bad = FACTS.replace("promised_approximate: not more than", "approximate: not more than")
    make_project(tmp_path, TEXT, bad, deck_templates=TEMPLATES)
    done = run_in_process("check", cwd=tmp_path)
    out = done.stdout + done.stderr
    assert done.returncode == 1
    assert re.search(r"facts\.yaml:\d+:\d+: fact 'contract': 'approximate: not more than' \(a bound\) is for a "
                     r"figure with one 'value'.*'promised_approximate: not more than'", out)


def test_a_sides_bound_the_quote_does_not_give_is_refused_at_its_line(tmp_path):
    bad = FACTS.replace("promised: 450}", "promised: 450, promised_approximate: over}")
    make_project(tmp_path, TEXT, bad, deck_templates=TEMPLATES)
    done = run_in_process("check", cwd=tmp_path)
    out = done.stdout + done.stderr
    line = next(n for n, text in enumerate(bad.splitlines(), start=1) if "promised_approximate: over" in text)
    assert done.returncode == 1
    assert re.search(rf"facts\.yaml:{line}:\d+: fact 'looms': 'promised_approximate: over' must be the words "
                     "the quote puts right before the figure", out), out


def test_the_keys_chart_labels_each_bar_with_its_own_sides_hedge(tmp_path):
    make_project(tmp_path, TEXT, FACTS, deck_templates=TEMPLATES)
    add_worksheet_section(tmp_path, "{short_answer: 3}")
    done = run_in_process("build", "--only", "worksheet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [key] = (tmp_path / "dist").glob("*answer-key-A.html")
    svg = key.read_text(encoding="utf-8").split("<svg", 1)[1].split("</svg>", 1)[0]
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "about 200,000 tons" in labels and "75,000 tons" in labels
    assert "about 75,000 tons" not in labels
    assert "not more than $12,500" in labels and "$18,000" in labels


def test_a_bounded_request_gets_no_share_question(tmp_path):
    text = TEXT.replace("asked for 600 looms", "asked for over 600 looms")
    facts = (FACTS.replace("asked for 600 looms", "asked for over 600 looms")
             .replace("requested: 600, promised: 450}", "requested: 600, promised: 450, requested_approximate: over}")
             .replace("answer: 600 asked; 450 given", "answer: over 600 asked; 450 given"))
    make_project(tmp_path, text, facts, deck_templates=TEMPLATES)
    _, result = render(tmp_path)
    assert "looms" not in by_template(result, "requested-vs-promised")
    assert by_template(result, "figure-typed")["looms"].answer == "450 looms"
    [table] = [q for q in result.questions if q.template_id == "figures-table"]
    assert ["looms", "over 600 looms", "450 looms"] in table.rows


def test_a_figure_the_quote_hedges_on_both_sides_is_told_to_say_approximate_once(tmp_path):
    text = TEXT.replace("asked for 90,000 tons of grain; the Ministry promised 60,000",
                        "asked for about 90,000 tons of grain; the Ministry promised about 60,000")
    facts = FACTS.replace("asked for 90,000 tons of grain; the Ministry promised 60,000",
                          "asked for about 90,000 tons of grain; the Ministry promised about 60,000")
    make_project(tmp_path, text, facts, deck_templates=TEMPLATES)
    done = run_in_process("check", "--strict", cwd=tmp_path)
    out = done.stdout + done.stderr
    grain = [line for line in out.splitlines() if "fact 'grain'" in line and "as exact" in line]
    assert len(grain) == 2 and all("add 'approximate: true'" in line for line in grain), out
