"""A second document as its teacher writes it: numbers in words, '#' in text, partial dates,
key terms in another case, and quote search in a long text."""

from __future__ import annotations

import random

import pytest

from small_project import make_project, render
from studykit import quotes
from studykit.check import check_project
from studykit.load import load_project

SPEECH = ("Four score and seven years ago our fathers brought forth on this continent, a new nation. "
          "Two thousand men stood in the field, and half of them had come a dozen miles. "
          "The bell rang #3 times.")


def figure(fact_id: str, value, quote: str, statement: str = "A number.") -> str:
    return f"""
    topic: main
    facts:
      - id: {fact_id}
        kind: figure
        statement: {statement}
        question: How many?
        answer: "{value}"
        quote: "{quote}"
        data: {{item: years, value: {value}}}
    """


@pytest.mark.parametrize("value, quote", [
    (87, "Four score and seven years ago"),
    (2000, "Two thousand men stood in the field"),
    (12, "a dozen miles"),
    (0.5, "half of them"),
])
def test_figures_may_be_numbers_the_quote_writes_in_words(tmp_path, value, quote):
    make_project(tmp_path, SPEECH, figure("words", value, quote))
    project, problems = load_project(tmp_path)
    assert [p for p in problems if p.severity == "error"] == []
    assert project.facts["words"].data["value"] == value


def test_a_figure_the_words_do_not_give_says_which_words_were_read_as_what(tmp_path):
    make_project(tmp_path, SPEECH, figure("wrong", 86, "Four score and seven years ago"))
    _, problems = load_project(tmp_path)
    messages = [p.message for p in problems]
    assert any("the number 86 in its data does not appear in its quote" in m
               and "'Four score and seven' as 87" in m for m in messages), messages


@pytest.mark.parametrize("text, expected", [
    ("Four score and seven years ago", [("Four score and seven", 87)]),
    ("two thousand men", [("two thousand", 2000)]),
    ("a dozen eggs and three dozen more", [("a dozen", 12), ("three dozen", 36)]),
    ("half of the men", [("half", 0.5)]),
    ("two and a half miles", [("two and a half", 2.5)]),
    ("one hundred and fifty thousand tons", [("one hundred and fifty thousand", 150000)]),
    ("seventy-five thousand tons", [("seventy-five thousand", 75000)]),
    ("a man and a plan", []),
])
def test_numbers_in_words_are_read_with_the_words_that_give_them(text, expected):
    assert quotes.number_words(text) == [(w, float(v)) for w, v in expected]


def test_a_hash_in_unquoted_text_is_a_warning_at_its_line(tmp_path):
    facts = """
    topic: main
    facts:
      - id: bell
        kind: claim
        statement: The bell rang #3 times.
        question: How often did the bell ring?
        answer: "Three times"
        quote: "The bell rang #3 times."
        data: {holder: the speaker}
      - id: bell-quoted
        kind: claim
        statement: "The bell rang #3 times."   # a comment after quoted text is fine
        question: How often did the bell ring?
        answer: Three times # a comment cuts nothing here, but it is still reported
        quote: "The bell rang #3 times."
        data: {holder: the speaker}
    """
    make_project(tmp_path, SPEECH, facts)
    result = check_project(tmp_path)
    warnings = [(w.line, w.col, w.message) for w in result.warnings if "'#'" in w.message]
    # From the YAML above (dedented, 4 spaces before the key): the '#' of the statement is
    # character 4 + len("statement: The bell rang ") + 1 = 30 of line 6; the answer's is
    # 4 + len("answer: Three times ") + 1 = 25 of line 15.
    assert [(line, col) for line, col, _ in warnings] == [(6, 30), (15, 25)], warnings
    assert "ends at \"The bell rang\"" in warnings[0][2] and "put the whole value in quotes" in warnings[0][2]
    assert "fact 'bell', statement" in warnings[0][2]
    assert "fact 'bell-quoted', answer" in warnings[1][2]
    assert all(p.severity == "warning" for p in result.warnings)


def test_a_hash_cutting_text_in_source_template_and_recipe_files_is_a_warning_there(tmp_path):
    import re

    make_project(tmp_path, SPEECH, figure("years", 87, "Four score and seven years ago"))
    edits = {
        "seeds/doc/source.yaml": (r"^title: .*$", "title: Letter No. #5 from the front"),
        "question_templates/recall.yaml": (r"^description: .*$", "description: Recall of two #1"),
        "decks/doc.yaml": (r"^title: .*$", "title: Doc for class #3"),
    }
    for name, (line, new) in edits.items():
        path = tmp_path / name
        path.write_text(re.sub(line, new, path.read_text(), count=1, flags=re.M))
    result = check_project(tmp_path)
    cut = {w.path.split("/")[-1]: (w.line, w.col, w.message) for w in result.warnings if "'#'" in w.message}
    assert set(cut) == {"source.yaml", "recall.yaml", "doc.yaml"}, cut
    # the column of each '#', counted by hand from the line written above
    assert cut["source.yaml"][:2] == (2, len("title: Letter No. ") + 1)
    assert "source 'doc', title:" in cut["source.yaml"][2] and 'ends at "Letter No."' in cut["source.yaml"][2]
    assert cut["doc.yaml"][:2] == (2, len("title: Doc for class ") + 1)
    assert "deck recipe 'doc', title:" in cut["doc.yaml"][2]
    assert cut["recall.yaml"][:2] == (1, len("description: Recall of two ") + 1)
    assert "template 'recall', description:" in cut["recall.yaml"][2]
    # the shipped templates' one-word values with a comment after them are not cut text
    assert all(w.severity == "warning" for w in result.warnings)


@pytest.mark.parametrize("written, printed", [
    ("1863", "1863"),
    ("March 1852", "March 1852"),
    ("c. 1790", "c. 1790"),
    ("2 June 1967", "2 June 1967"),
    ("1967-06-02", "2 June 1967"),
])
def test_dates_may_be_partial_and_print_as_written(tmp_path, written, printed):
    make_project(tmp_path, SPEECH, figure("years", 87, "Four score and seven years ago"))
    meta = tmp_path / "seeds" / "doc" / "source.yaml"
    meta.write_text(meta.read_text().replace("date: 1863-11-19", f"date: {written}"))
    project, problems = load_project(tmp_path)
    assert problems == []
    source = project.sources["doc"]
    assert source.date == written
    assert source.short_citation == f'"A Letter", {printed}'


def test_a_date_without_a_year_is_refused_with_examples(tmp_path):
    make_project(tmp_path, SPEECH, figure("years", 87, "Four score and seven years ago"))
    meta = tmp_path / "seeds" / "doc" / "source.yaml"
    meta.write_text(meta.read_text().replace("date: 1863-11-19", "date: spring"))
    _, problems = load_project(tmp_path)
    assert [(p.line, p.col) for p in problems] == [(3, 7)]
    assert "'spring' has no year" in problems[0].message and "March 1852" in problems[0].message


def test_key_terms_match_the_statement_in_any_case_and_blank_its_spelling(tmp_path):
    facts = """
    topic: main
    facts:
      - id: nation
        kind: claim
        statement: Our fathers brought forth a new nation.
        question: What did our fathers bring forth?
        answer: A new nation
        quote: "our fathers brought forth on this continent, a new nation"
        key_terms: [our Fathers, NEW NATION]
        data: {holder: the speaker}
    """
    make_project(tmp_path, SPEECH, facts)
    project, result = render(tmp_path)
    assert project.facts["nation"].key_terms == ["Our fathers", "new nation"]
    cloze = [q for q in result.questions if q.style == "fill_blank"]
    assert cloze and [t for t, n in cloze[0].cloze if n] == ["Our fathers", "new nation"]


def test_a_key_term_not_in_the_statement_says_case_does_not_matter(tmp_path):
    facts = """
    topic: main
    facts:
      - id: nation
        kind: claim
        statement: Our fathers brought forth a new nation.
        question: What did our fathers bring forth?
        answer: A new nation
        quote: "our fathers brought forth on this continent, a new nation"
        key_terms: [old nation]
        data: {holder: the speaker}
    """
    make_project(tmp_path, SPEECH, facts)
    _, problems = load_project(tmp_path)
    assert [(p.line, p.message) for p in problems] == [
        (10, "fact 'nation': key term 'old nation' does not occur in the statement; key terms must "
             "be words of the statement (case does not matter)")]


def test_the_quote_index_finds_exactly_what_a_full_scan_finds():
    rng = random.Random(1967)
    words = ["grain", "tons", "delegation", "Soviet", "“promised”", "200,000", "—", "of", "the", "a"]
    text = " ".join(rng.choice(words) for _ in range(60_000))  # over the indexing threshold
    index = quotes.QuoteIndex(text)
    normalized = quotes.normalize(text)
    assert len(normalized) > quotes.QuoteIndex.MIN_INDEXED
    for _ in range(400):
        start = rng.randrange(len(normalized) - 80)
        quote = normalized[start:start + rng.randrange(3, 80)]  # often starting mid-word
        if rng.random() < 0.3:
            quote = quote + " zebra"  # not in the text
        assert index.contains(quote) == (quotes.normalize(quote) in normalized), quote
    assert index.contains('"promised" 200,000')  # typographic quotes fold to plain ones


# --- one deck, two documents ---------------------------------------------------------

MEMO_FACT = """
topic: main
facts:
  - id: memo-sent
    kind: event
    statement: The memo was sent on Monday.
    question: When was the memo sent?
    answer: On Monday
    quote: The memo was sent on Monday.
"""


def two_documents(root, memo_topic_title: str, recipe_topics: str = "") -> None:
    """The one-source project of ``make_project`` plus a memo whose topic 'main' has the given
    title, and a recipe that takes both sources."""
    make_project(root, SPEECH, figure("words", 87, "Four score and seven years ago"))
    memo = root / "seeds" / "memo"
    (memo / "facts").mkdir(parents=True)
    (memo / "source.yaml").write_text(
        "id: memo\ntitle: A Memo\ndate: 1864-01-04\nauthor: B. Clerk\ncitation: A Memo, 1864\n"
        f"text: source.txt\ncalled: the memo\ntopics:\n  - {{id: main, title: {memo_topic_title}}}\n",
        encoding="utf-8")
    (memo / "source.txt").write_text("The memo was sent on Monday.\n", encoding="utf-8")
    (memo / "facts" / "memo.yaml").write_text(MEMO_FACT, encoding="utf-8")
    (root / "decks" / "doc.yaml").write_text(
        f"id: doc\ntitle: Doc\nsources: [doc, memo]\n{recipe_topics}", encoding="utf-8")


def test_a_topic_two_documents_title_differently_is_refused_at_the_recipe(tmp_path):
    two_documents(tmp_path, "Office matters", recipe_topics="topics: [main]\n")
    _, problems = load_project(tmp_path)
    [problem] = [p for p in problems if p.severity == "error"]
    assert str(problem).startswith(f"{tmp_path / 'decks' / 'doc.yaml'}:4:10: deck recipe")
    assert problem.message.startswith(
        "deck recipe: topic 'main' is 'Main' in source 'doc' and 'Office matters' in source 'memo'")
    assert "fix: rename the topic in one source's source.yaml" in problem.message


def test_a_topic_two_documents_title_alike_is_one_topic_holding_both(tmp_path):
    two_documents(tmp_path, "Main")  # the recipe names no topics: the default lists 'main' once
    project, problems = load_project(tmp_path)
    assert [p for p in problems if p.severity == "error"] == []
    assert project.decks["doc"].topics == ["main"]
    assert {f.source_id for f in project.facts.values() if f.topic == "main"} == {"doc", "memo"}


def test_a_refused_topic_title_is_reported_once_not_again_as_a_title_mismatch(tmp_path):
    two_documents(tmp_path, '""', recipe_topics="topics: [main]\n")
    _, problems = load_project(tmp_path)
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1 and "'title' must be one line of text" in errors[0].message, errors


def _officials(source_id: str, names: list[str]) -> str:
    """Person facts of one category ('official'), one per name, quoting '<name> was an official.'"""
    facts = "".join(f"""
  - id: {source_id}-{name.lower()}
    kind: person
    category: official
    statement: {name} was an official.
    question: Who was the official named {name[0]}.?
    answer: {name}
    quote: {name} was an official.
    data: {{name: {name}, role: an official}}""" for name in names)
    return f"topic: main\nfacts:{facts}\n"


def test_options_come_only_from_the_same_document_even_in_one_category(tmp_path):
    # Both documents file their people under 'official' in topic 'main' of one deck.
    two_documents(tmp_path, "Main")
    doc_names, memo_names = ["Adams", "Baker", "Clark", "Dover"], ["Evans", "Fisher", "Grant", "Hughes"]
    (tmp_path / "seeds" / "doc" / "source.txt").write_text(
        " ".join(f"{n} was an official." for n in doc_names) + "\n", encoding="utf-8")
    (tmp_path / "seeds" / "doc" / "facts" / "facts.yaml").write_text(_officials("doc", doc_names))
    (tmp_path / "seeds" / "memo" / "source.txt").write_text(
        " ".join(f"{n} was an official." for n in memo_names) + "\n", encoding="utf-8")
    (tmp_path / "seeds" / "memo" / "facts" / "memo.yaml").write_text(_officials("memo", memo_names))
    result = check_project(tmp_path)
    assert result.problems == [], [str(p) for p in result.problems]
    choices = [q for q in result.decks["doc"].questions if q.template_id == "choice-answer"]
    assert len(choices) == 8
    for q in choices:
        own = doc_names if q.fact.source_id == "doc" else memo_names
        assert set(q.options) <= set(own), (q.id, q.options)
