"""The shared contract: new fact keys, Problem severity, Question marking attributes."""

from __future__ import annotations

from studykit.errors import Problem
from studykit.load import load_project
from studykit.questions import Question

from small_project import by_template, make_project, render

TEXT = ("The city of Gorky welcomed the guests. The mayor promised about 100 machines. "
        "Smith was the envoy of the king.")

FACTS = """\
facts:
  - id: city
    kind: term
    topic: main
    statement: The guests were welcomed in Gorky.
    question: Which city welcomed the guests?
    answer: Gorky
    accept: [Nizhny Novgorod, Gorki]
    category: place
    distractors: [Leningrad, Kiev]
    quote: The city of Gorky welcomed the guests.
    data: {term: Gorky, meaning: the city that welcomed the guests}
  - id: machines
    kind: figure
    topic: main
    statement: The mayor promised about 100 machines.
    question: How many machines did the mayor promise?
    answer: about 100
    false_statements: [The mayor promised about 500 machines.]
    quote: The mayor promised about 100 machines.
    data: {item: machines, promised: 100, approximate: true}
    analysis:
      question: Why might the mayor hedge the number?
      marking_points: [he did not know the stock, he did not want to commit]
      points: 2
"""


def test_new_fact_keys_reach_the_fact(tmp_path):
    root = make_project(tmp_path, TEXT, FACTS)
    project, problems = load_project(root)
    assert problems == []
    city, machines = project.facts["city"], project.facts["machines"]
    assert city.category == "place"
    assert city.accept == ["Nizhny Novgorod", "Gorki"]
    assert city.distractors == ["Leningrad", "Kiev"]
    assert machines.false_statements == ["The mayor promised about 500 machines."]
    assert machines.data["approximate"] is True
    assert machines.analysis["points"] == 2
    assert machines.as_template_data()["analysis"]["marking_points"][1] == "he did not want to commit"


def test_bad_new_keys_are_reported_at_their_line(tmp_path):
    bad = FACTS.replace("category: place", "category: A Place!").replace(
        "points: 2", "points: two")
    root = make_project(tmp_path, TEXT, bad)
    _, problems = load_project(root)
    messages = {(p.line, p.message.split(":")[0]) for p in problems}
    lines = bad.splitlines()
    category_line = next(i for i, s in enumerate(lines, 1) if "category:" in s)
    points_line = next(i for i, s in enumerate(lines, 1) if "points: two" in s)
    assert any(line == category_line for line, _ in messages), problems
    assert any(line == points_line for line, _ in messages), problems
    assert all(p.path.endswith("facts.yaml") for p in problems)


def test_approximate_must_be_true_or_false(tmp_path):
    root = make_project(tmp_path, TEXT, FACTS.replace("approximate: true", "approximate: yes please"))
    _, problems = load_project(root)
    assert len(problems) == 1 and "'approximate: yes please' (a bound) is for a figure with one 'value'" \
        in problems[0].message  # true, or the source's own words for the bound of a single figure


def test_problem_severity_defaults_to_error_and_shows_warnings():
    error = Problem("a.yaml", 3, 5, "broken")
    warning = Problem("a.yaml", 4, 1, "says 'this year'", severity="warning")
    assert error.severity == "error" and str(error) == "a.yaml:3:5: broken"
    assert str(warning) == "a.yaml:4:1: warning: says 'this year'"
    assert warning.as_dict()["severity"] == "warning"


def test_accept_reaches_the_recall_question_and_machine_answers(tmp_path):
    root = make_project(tmp_path, TEXT, FACTS)
    _, result = render(root)
    recall = by_template(result, "recall")["city"]
    assert recall.accept == ["Nizhny Novgorod", "Gorki"]
    assert recall.machine_answers() == ["Gorky", "Nizhny Novgorod", "Gorki"]


def _question(answer: str, accept=(), style="short_answer") -> Question:
    return Question(id="t/x", guid_key="x", template_id="t", style=style, topic="main",
                    source_id="doc", facts=[], prompt="?", answer=answer, accept=list(accept))


def test_machine_answers_only_for_short_or_numeric_answers():
    assert _question("2,000,000 tons").machine_answers() == ["2,000,000 tons"]
    assert _question("socialist camp", ["the socialist camp"]).machine_answers() == [
        "socialist camp", "the socialist camp"]
    assert _question("They could stimulate a rise in living standards").machine_answers() == []
    # one long accepted form makes the whole answer hand-marked
    assert _question("Gorky", ["the city now called Nizhny Novgorod"]).machine_answers() == []
    assert _question("Gorky", style="essay").machine_answers() == []


def test_true_false_answer_is_exactly_true_or_false(tmp_path):
    _, result = render(make_project(tmp_path, TEXT, FACTS))
    true_false = [q for q in result.questions if q.style == "true_false"]
    assert true_false
    for q in true_false:
        assert q.answer == ("True" if q.truth else "False")
