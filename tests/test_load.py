"""load: validation of sources, facts, templates and recipes, each problem located."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from studykit.errors import UsageError
from studykit.load import load_project

from conftest import SOURCE_ID

GOOD_FACT = """\
  - id: {id}
    kind: figure
    statement: The USSR promised to deliver 200,000 tons of coking coal.
    question: How much coking coal did the USSR promise?
    answer: 200,000 tons
    quote: The USSR promised to deliver 200,000 tons.
    data: {{item: coking coal, unit: tons, promised: 200000}}
"""


def write_facts(facts_dir: Path, body: str, name: str = "extra.yaml") -> str:
    (facts_dir / name).write_text("topic: aid\nfacts:\n" + body)
    return str(facts_dir / name)


def problems_in(project: Path, name: str = "extra.yaml"):
    _, problems = load_project(project)
    return [p for p in problems if p.path.endswith(name)]


def test_a_good_fact_loads_with_its_position(project, facts_dir):
    write_facts(facts_dir, GOOD_FACT.format(id="coal-check"))
    loaded, problems = load_project(project)
    assert problems == []
    fact = loaded.facts["coal-check"]
    assert (fact.line, fact.col, fact.topic, fact.source_id) == (3, 5, "aid", SOURCE_ID)
    assert fact.data["promised_unit"] == "tons"


def test_unknown_key_is_named_with_a_suggestion(project, facts_dir):
    write_facts(facts_dir, GOOD_FACT.format(id="coal-check") + "    statment: typo\n")
    [problem] = problems_in(project)
    assert (problem.line, problem.col) == (10, 5)
    assert "unknown key 'statment'; did you mean 'statement'?" in problem.message
    assert "fact 'coal-check'" in problem.message


def test_missing_required_key(project, facts_dir):
    body = GOOD_FACT.format(id="coal-check").replace("    answer: 200,000 tons\n", "")
    write_facts(facts_dir, body)
    [problem] = problems_in(project)
    assert "missing the required key 'answer'" in problem.message
    assert problem.line == 3


def test_wrong_type_names_what_was_expected(project, facts_dir):
    body = GOOD_FACT.format(id="coal-check").replace("answer: 200,000 tons", "answer: [a, b]")
    write_facts(facts_dir, body)
    [problem] = problems_in(project)
    assert "'answer' must be text, not a list" in problem.message
    assert (problem.line, problem.col) == (7, 13)


def test_empty_text_is_named_empty_not_text(project, facts_dir):
    body = GOOD_FACT.format(id="coal-check").replace("answer: 200,000 tons", 'answer: " "')
    write_facts(facts_dir, body)
    [problem] = problems_in(project)
    assert "'answer' must be text, not empty text" in problem.message  # not "must be text, not text"


def test_unknown_kind_suggests_the_nearest(project, facts_dir):
    write_facts(facts_dir, GOOD_FACT.format(id="coal-check").replace("kind: figure", "kind: figures"))
    [problem] = problems_in(project)
    assert "unknown kind 'figures'; did you mean 'figure'?" in problem.message


def test_unknown_topic_lists_the_known_ones(project, facts_dir):
    write_facts(facts_dir, GOOD_FACT.format(id="coal-check") + "    topic: economy\n")
    [problem] = problems_in(project)
    assert "unknown topic 'economy'" in problem.message and "visit, china" in problem.message


def test_ids_must_be_unique_across_files(project, facts_dir):
    write_facts(facts_dir, GOOD_FACT.format(id="coal-check"), "one.yaml")
    write_facts(facts_dir, GOOD_FACT.format(id="coal-check"), "two.yaml")
    [problem] = problems_in(project, "two.yaml")
    assert "fact id 'coal-check' is already used at" in problem.message
    assert "one.yaml:3:5" in problem.message


def test_ids_are_kebab_case(project, facts_dir):
    write_facts(facts_dir, GOOD_FACT.format(id="Coal Check"))
    [problem] = problems_in(project)
    assert "'id' must be a kebab-case id" in problem.message


def test_quote_not_in_source_is_located_and_explained(project, facts_dir):
    body = GOOD_FACT.format(id="coal-check").replace(
        "quote: The USSR promised to deliver 200,000 tons.",
        "quote: The USSR promised to deliver 250,000 tons.")
    write_facts(facts_dir, body)
    problems = problems_in(project)
    quote_problem = next(p for p in problems if "quote not found" in p.message)
    assert (quote_problem.line, quote_problem.col) == (8, 12)
    assert "copy it verbatim" in quote_problem.message


def test_quote_tolerates_whitespace_typographic_quotes_and_dashes(project, facts_dir):
    body = GOOD_FACT.format(id="coal-check").replace(
        "quote: The USSR promised to deliver 200,000 tons.",
        "quote: \"The USSR   promised to\\n deliver 200,000 tons.\"")
    body += textwrap.indent(textwrap.dedent("""\
        - id: camp-check
          kind: term
          statement: The Koreans insisted on the term socialist camp.
          question: Which term did they insist on?
          answer: socialist camp
          quote: insisted on the term \u201csocialist camp\u201d
          data: {term: socialist camp, meaning: the term the Koreans preferred}
    """), "  ")
    write_facts(facts_dir, body)
    assert problems_in(project) == []


def test_the_documents_own_year_needs_no_quote_but_another_year_does(project, facts_dir):
    # The shipped report is dated 1967-06-02: its "this year" is 1967, which a fact must
    # name to stand alone on a card; 1966 is a figure like any other and must be quoted.
    dated = GOOD_FACT.format(id="coal-1967").replace("200,000 tons of coking coal.",
                                                     "200,000 tons of coking coal in 1967.")
    dated = dated.replace("promised: 200000}", "promised: 200000, year: 1967}")
    write_facts(facts_dir, dated)
    assert problems_in(project) == []
    write_facts(facts_dir, dated.replace("1967", "1966"))
    messages = sorted(p.message for p in problems_in(project))
    assert len(messages) == 2
    assert "the number 1966 in its data does not appear in its quote" in messages[0]  # a year, never "1,966"
    assert "the number 1966 in its statement does not appear in its quote" in messages[1]


def test_a_broken_date_is_reported_once_not_again_at_every_fact_naming_the_year(project, facts_dir):
    dated = GOOD_FACT.format(id="coal-1967").replace("200,000 tons of coking coal.",
                                                     "200,000 tons of coking coal in 1967.")
    write_facts(facts_dir, dated)
    meta = next(project.glob("seeds/*/source.yaml"))
    meta.write_text(meta.read_text().replace("date: 1967-06-02", "date: June"))
    _, problems = load_project(project)
    assert [p.path.endswith("source.yaml") for p in problems] == [True]
    assert "'date' 'June' has no year" in problems[0].message


def test_number_in_data_must_appear_in_the_quote(project, facts_dir):
    write_facts(facts_dir, GOOD_FACT.format(id="coal-check").replace("promised: 200000", "promised: 250000"))
    [problem] = problems_in(project)
    assert "the number 250,000 in its data does not appear in its quote" in problem.message


def test_number_in_statement_must_appear_in_the_quote(project, facts_dir):
    write_facts(facts_dir, GOOD_FACT.format(id="coal-check").replace(
        "deliver 200,000 tons of coking coal.", "deliver 300,000 tons of coking coal."))
    [problem] = problems_in(project)
    assert "the number 300,000 in its statement" in problem.message


def test_key_terms_must_be_words_of_the_statement(project, facts_dir):
    write_facts(facts_dir, GOOD_FACT.format(id="coal-check") + "    key_terms: [coking coal, oil]\n")
    [problem] = problems_in(project)
    assert "key term 'oil' does not occur in the statement" in problem.message
    assert problem.line == 10


def test_two_facts_may_not_claim_the_same_former_id(project, facts_dir):
    write_facts(facts_dir, GOOD_FACT.format(id="coal-a") + "    was: [old-coal]\n"
                + GOOD_FACT.format(id="coal-b") + "    was: [old-coal]\n")
    [problem] = problems_in(project)
    assert "claims former id 'old-coal', which fact 'coal-a'" in problem.message


def test_former_id_sets_the_identity(project, facts_dir):
    write_facts(facts_dir, GOOD_FACT.format(id="coal-new") + "    was: [coal-oldest, coal-old]\n")
    loaded, _ = load_project(project)
    assert loaded.facts["coal-new"].identity == "coal-oldest"


def test_missing_source_text_is_reported_on_the_metadata(project):
    (project / "seeds" / SOURCE_ID / "source.txt").unlink()
    loaded, problems = load_project(project)
    [problem] = problems
    assert problem.path.endswith("source.yaml")
    assert "source text 'source.txt' cannot be read (file not found)" in problem.message
    assert loaded.facts == {}


def test_an_empty_source_text_is_one_problem_not_one_per_quote(project):
    (project / "seeds" / SOURCE_ID / "source.txt").write_text("\n  \n", encoding="utf-8")
    loaded, problems = load_project(project)
    [problem] = problems
    assert problem.path.endswith("source.yaml")
    assert "source text 'source.txt' is empty; paste the document's full text" in problem.message
    assert loaded.facts == {}


def test_source_text_with_bom_and_crlf_is_read_as_plain_text(project):
    path = project / "seeds" / SOURCE_ID / "source.txt"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    loaded, problems = load_project(project)
    assert problems == []
    assert "\r" not in loaded.sources[SOURCE_ID].text


def test_deck_recipe_unknown_template_is_located(project):
    recipe = project / "decks" / f"{SOURCE_ID}.yaml"
    recipe.write_text(recipe.read_text().replace("  - recall\n", "  - recal\n"))
    _, problems = load_project(project)
    [problem] = problems
    assert problem.path.endswith(f"{SOURCE_ID}.yaml")
    assert "unknown template 'recal'" in problem.message


def test_template_with_bad_jinja_syntax_is_located(project):
    path = project / "question_templates" / "recall.yaml"
    path.write_text(path.read_text().replace('prompt: "{{ fact.question }}"', 'prompt: "{{ fact.question "'))
    _, problems = load_project(project)
    [problem] = problems
    assert problem.path.endswith("recall.yaml")
    assert "Jinja syntax error" in problem.message


def test_not_a_project_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="not a studykit project"):
        load_project(tmp_path)
    with pytest.raises(UsageError, match="no such project folder"):
        load_project(tmp_path / "missing")
    (tmp_path / "notes.txt").write_text("a file")
    with pytest.raises(UsageError, match="notes.txt: a file, not a project folder; pass the folder that holds"):
        load_project(tmp_path / "notes.txt")
