"""Questions speak of a document in its own words: a plural name takes a plural verb ("the
minutes give"), a figure the source says was recommended is never called promised, and a quote
that holds a quote prints single quotes inside the double ones."""

from __future__ import annotations

import re

import pytest

from studykit.questions.noun_phrases import agree_with, is_plural
from studykit.questions.punctuation import quoted

from cli_helpers import run_in_process
from small_project import add_worksheet_section, by_template, make_project, render

TEXT = ("The Company asked for $18,000 a year; the committee recommended $12,500 a year. "
        "The Treasurer asked for $4,000 a year for the fund; the Council voted $2,500. "
        "The order of business was: first, the report; second, the petition; third, the contract. "
        'In his opinion the outbreak was "caused by the water of the creek". '
        'Of the wells it was said that "they are the true cause". '
        'Others held the creek to be "as clean as any in the county".')

FACTS = """\
topic: main
facts:
  - id: contract
    kind: figure
    statement: The Company asked for $18,000 a year; the committee recommended $12,500 a year.
    question: What did the Company ask for, and what did the committee recommend?
    answer: $18,000 asked; $12,500 recommended
    quote: The Company asked for $18,000 a year; the committee recommended $12,500 a year.
    data: {item: the yearly payment for the contract, unit: "$", requested: 18000, promised: 12500, promised_as: recommended}
  - id: fund
    kind: figure
    statement: The Treasurer asked for $4,000 a year for the fund; the Council voted $2,500.
    question: What did the Treasurer ask for, and what did the Council vote?
    answer: $4,000 asked; $2,500 voted
    quote: The Treasurer asked for $4,000 a year for the fund; the Council voted $2,500.
    data: {item: the yearly sum for the fund, unit: "$", requested: 4000, promised: 2500, promised_as: voted}
  - id: agenda
    kind: list
    statement: "The order of business was: the report, the petition and the contract."
    question: What was the order of business?
    answer: the report; the petition; the contract
    quote: "The order of business was: first, the report; second, the petition; third, the contract."
    data: {label: item of business, ordered: true, items: [the report, the petition, the contract]}
  - id: cause
    kind: claim
    statement: The physician held that the outbreak was caused by the water of the creek.
    question: What did the physician think caused the outbreak?
    answer: The water of the creek
    quote: In his opinion the outbreak was "caused by the water of the creek".
    data: {holder: the physician}
  - id: wells
    kind: claim
    statement: The clerk held that the wells were the true cause.
    question: What did the clerk think of the wells?
    answer: They were the true cause
    quote: Of the wells it was said that "they are the true cause".
    data: {holder: the clerk}
  - id: clean
    kind: claim
    statement: The mayor held the creek to be as clean as any in the county.
    question: What did the mayor think of the creek?
    answer: As clean as any in the county
    quote: Others held the creek to be "as clean as any in the county".
    data: {holder: the mayor}
"""

TEMPLATES = ["figure-typed", "figure-reverse", "true-false-figure", "requested-vs-promised",
             "choice-figure", "ordering", "figures-table"]


def built_sheets(root, text: str, facts: str, questions: str):
    """A project whose one-section worksheet asks for ``questions``, built; (worksheet, key) HTML."""
    make_project(root, text, facts, deck_templates=TEMPLATES)
    add_worksheet_section(root, questions)
    done = run_in_process("build", "--only", "worksheet", cwd=root)
    assert done.returncode == 0, done.stderr
    [sheet], [key] = ((root / "dist").glob(f"*{name}-A.html") for name in ("worksheet", "answer-key"))
    return sheet.read_text(encoding="utf-8"), key.read_text(encoding="utf-8")


def legend_of(page: str) -> str:
    """The chart legend's markup on a page."""
    return page.split('<g class="legend">', 1)[1].split("</g>", 1)[0]


def chart_words(page: str) -> list[str]:
    """Every text of the page's chart (legend, panels, labels)."""
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def line_of(text: str, words: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if words in line)


@pytest.mark.parametrize("name, plural", [
    ("the minutes", True), ("the papers", True), ("these notes", True), ("the proceedings", True),
    ("the report", False), ("the address", False), ("the Gettysburg Address", False),
    ("the census", False), ("the analysis", False), ("the news", False), ("the treaty", False),
])
def test_a_documents_name_is_plural_only_when_it_names_several(name, plural):
    assert is_plural(name) is plural
    assert agree_with("does", name) == ("do" if plural else "does")
    assert agree_with("gives", name) == ("give" if plural else "gives")


@pytest.mark.parametrize("text, printed", [
    ("plain words", "\u201cplain words\u201d"),
    ('He said "no" to it.', "\u201cHe said \u2018no\u2019 to it.\u201d"),
    ('"Never", he said (“not once”).', "\u201c\u2018Never\u2019, he said (\u2018not once\u2019).\u201d"),
    ("the delegation's wishes", "\u201cthe delegation's wishes\u201d"),  # an apostrophe stays
])
def test_a_quote_within_a_quote_prints_in_single_quotes(text, printed):
    assert quoted(text) == printed


def test_a_plural_document_name_takes_a_plural_verb_in_every_question(tmp_path):
    make_project(tmp_path, TEXT, FACTS, called="the minutes", deck_templates=TEMPLATES)
    _, result = render(tmp_path)
    prompts = [q.prompt for q in result.questions]
    assert by_template(result, "figure-typed")["contract"].prompt.startswith("What figure do the minutes give")
    assert by_template(result, "ordering")["agenda"].prompt.endswith("in the order the minutes give them.")
    assert by_template(result, "requested-vs-promised")["fund"].prompt.startswith("The minutes give the request")
    [table] = [q for q in result.questions if q.template_id == "figures-table"]
    assert table.prompt.endswith("as the minutes give it.")
    assert not [p for p in prompts if re.search(r"\b(does the minutes|the minutes gives)\b", p)]


def test_a_singular_name_ending_in_s_keeps_its_singular_verb(tmp_path):
    make_project(tmp_path, TEXT, FACTS, called="the address", deck_templates=TEMPLATES)
    _, result = render(tmp_path)
    assert by_template(result, "figure-typed")["contract"].prompt.startswith("What figure does the address give")
    assert by_template(result, "ordering")["agenda"].prompt.endswith("in the order the address gives them.")


def test_a_figure_the_source_says_was_recommended_is_never_called_promised(tmp_path):
    make_project(tmp_path, TEXT, FACTS, deck_templates=TEMPLATES)
    _, result = render(tmp_path)
    figures = [q for q in result.questions if q.facts[0].kind == "figure"]
    assert figures and not [q.prompt for q in figures if "promised" in q.prompt]
    assert by_template(result, "figure-typed")["contract"].prompt == (
        "What figure does the letter give as recommended for the yearly payment for the contract?")
    assert by_template(result, "figure-typed")["fund"].prompt == (
        "What figure does the letter give as voted for the yearly sum for the fund?")
    assert by_template(result, "figure-reverse")["contract"].prompt == (
        "In the letter, what does the recommended figure of $12,500 refer to?")
    assert "How much was voted," in by_template(result, "requested-vs-promised")["fund"].prompt
    assert by_template(result, "true-false-figure")["contract"].prompt.startswith(
        "According to the letter, the figure recommended for")
    [table] = [q for q in result.questions if q.template_id == "figures-table"]
    assert [c["title"] for c in table.columns] == ["Item", "Requested", "Recommended or voted"]
    assert "what was requested and what was recommended or voted" in table.prompt


def test_the_answer_keys_chart_names_the_side_in_the_facts_words(tmp_path):
    _, key = built_sheets(tmp_path, TEXT, FACTS, "{short_answer: 2}")
    legend = chart_words(key)
    assert "Requested" in legend and "Recommended or voted" in legend and "Promised" not in legend


def test_a_whose_view_question_prints_a_quote_within_a_quote_in_single_quotes(tmp_path):
    make_project(tmp_path, TEXT, FACTS, deck_templates=["whose-view"])
    _, result = render(tmp_path)
    question = by_template(result, "whose-view")["cause"]
    assert question.prompt.endswith(
        "\u201cIn his opinion the outbreak was \u2018caused by the water of the creek\u2019.\u201d")
    assert '"' not in question.prompt


def test_promised_as_without_a_promised_figure_is_refused_where_it_is_written(tmp_path):
    bad = FACTS.replace("requested: 4000, promised: 2500, promised_as: voted",
                        "value: 4000, promised_as: voted")
    make_project(tmp_path, TEXT, bad, deck_templates=TEMPLATES)
    done = run_in_process("check", cwd=tmp_path)
    assert done.returncode == 1
    line = line_of(bad, "promised_as: voted")
    assert re.search(rf"facts\.yaml:{line}:\d+: fact 'fund': 'promised_as' names the 'promised' figure", done.stdout
                     + done.stderr)


PEOPLE_TEXT = "Mayor Thomas Pell in the chair. Dr. Amos Vail, the city physician, reported."
PEOPLE = """\
topic: main
facts:
  - id: pell
    kind: person
    statement: Mayor Thomas Pell chaired the meeting.
    question: Who chaired the meeting?
    answer: Mayor Thomas Pell
    quote: Mayor Thomas Pell in the chair.
    data: {name: Thomas Pell, role: Mayor}
  - id: vail
    kind: person
    statement: Dr. Amos Vail was the city physician.
    question: Who was the city physician?
    answer: Dr. Amos Vail
    quote: Dr. Amos Vail, the city physician
    data: {name: Dr. Amos Vail, role: the city physician}
"""


def test_a_persons_name_is_accepted_without_the_title_the_answer_adds(tmp_path):
    make_project(tmp_path, PEOPLE_TEXT, PEOPLE, deck_templates=["recall"])
    _, result = render(tmp_path)
    recall = by_template(result, "recall")
    assert recall["pell"].answer == "Mayor Thomas Pell" and recall["pell"].accept == ["Thomas Pell"]
    assert recall["pell"].machine_answers() == ["Mayor Thomas Pell", "Thomas Pell"]  # practice page, GIFT
    assert recall["vail"].accept == ["Amos Vail"]  # the name has its title: its forename and surname are right too


def test_the_draw_the_bars_exercise_asks_for_the_side_in_the_facts_words(tmp_path):
    sheet, _ = built_sheets(tmp_path, TEXT, FACTS, "{chart: 1}")
    text = re.sub(r"<[^>]+>", " ", sheet)
    assert "solid for the amount recommended or voted." in " ".join(text.split())
    assert "where a requested or recommended or voted bar goes" in text
    assert "promised" not in text.lower()
    # the legend's words never run into each other: on one line, each starts after the last ends
    # (at least 0.55 em a character at its font size)
    texts = [(float(y), float(x), float(size or 11), words) for x, y, size, words in re.findall(
        r'<text x="([\d.]+)" y="([\d.]+)"(?: font-size="([\d.]+)")?>([^<]*)</text>', legend_of(sheet))]
    assert len(texts) == 3
    for (y1, x1, size, words), (y2, x2, _, _) in zip(sorted(texts), sorted(texts)[1:]):
        assert y1 != y2 or x2 >= x1 + len(words) * 0.55 * size, texts


PLAN_TEXT = ("The plan set 500,000 tons of steel for 1950; 420,000 tons were delivered. "
             "The plan set 300,000 tons of coal for 1950; 250,000 tons were delivered.")
PLAN = """\
topic: main
facts:
  - id: steel
    kind: figure
    statement: The plan set 500,000 tons of steel for 1950, and 420,000 tons were delivered.
    question: How much steel did the plan set for 1950, and how much was delivered?
    answer: 500,000 tons planned; 420,000 tons delivered
    quote: The plan set 500,000 tons of steel for 1950; 420,000 tons were delivered.
    data: {item: steel in 1950, unit: tons, requested: 500000, promised: 420000, requested_as: planned, promised_as: delivered}
  - id: coal
    kind: figure
    statement: The plan set 300,000 tons of coal for 1950, and 250,000 tons were delivered.
    question: How much coal did the plan set for 1950, and how much was delivered?
    answer: 300,000 tons planned; 250,000 tons delivered
    quote: The plan set 300,000 tons of coal for 1950; 250,000 tons were delivered.
    data: {item: coal in 1950, unit: tons, requested: 300000, promised: 250000, requested_as: planned, promised_as: delivered}
"""


def test_a_planned_figure_is_asked_as_planned_not_requested(tmp_path):
    make_project(tmp_path, PLAN_TEXT, PLAN, deck_templates=["requested-vs-promised", "figures-table", "recall"])
    _, result = render(tmp_path)
    question = by_template(result, "requested-vs-promised")["steel"]
    assert question.prompt == ("The letter gives the figure planned for steel in 1950 as 500,000 tons. "
                               "How much was delivered, and what share of the figure planned is that?")
    assert question.answer == "420,000 tons (84% of the figure planned)"
    [table] = [q for q in result.questions if q.template_id == "figures-table"]
    assert [c["title"] for c in table.columns] == ["Item", "Planned", "Delivered"]
    assert table.prompt.startswith("Complete the table of what was planned and what was delivered")
    assert not [q.prompt for q in result.questions if re.search(r"request|promis", q.prompt)]


def test_requested_as_without_a_requested_figure_is_refused_where_it_is_written(tmp_path):
    bad = PLAN.replace("requested: 300000, promised: 250000, requested_as: planned, promised_as: delivered",
                       "value: 250000, requested_as: planned")
    make_project(tmp_path, PLAN_TEXT, bad, deck_templates=["recall"])
    done = run_in_process("check", cwd=tmp_path)
    line = line_of(bad, "value: 250000, requested_as")
    assert done.returncode == 1
    assert re.search(rf"facts\.yaml:{line}:\d+: fact 'coal': 'requested_as' names the 'requested' figure",
                     done.stdout + done.stderr)


def test_the_keys_chart_names_both_sides_in_the_facts_words(tmp_path):
    _, key = built_sheets(tmp_path, PLAN_TEXT, PLAN, "{short_answer: 1}")
    legend = chart_words(key)
    assert "Planned" in legend and "Delivered" in legend
    assert "Requested" not in legend and "Promised" not in legend
