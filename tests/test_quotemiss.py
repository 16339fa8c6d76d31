"""A quote missing from its source says where it parts from the source: the line, the source's
words beside the quote's, and a word broken at a line end when that is the cause."""

from __future__ import annotations

from studykit.check import check_project
from studykit.quotemiss import parting
from studykit.quotes import normalize

from small_project import make_project

TEXT = ("Letter of 3 March 1852.\n\n"
        "I report that the new pier was opened on 1 March in the pre-\n"
        "sence of the Mayor, Mr. Thomas Hale.\n\n"
        "Mr. John Pell, the keeper of the harbour light, reports that the oil is spent.\n\n"
        "William Carrow, Harbour Master\n")


def miss(quote: str):
    return parting(TEXT, normalize(TEXT), quote)


def test_a_word_broken_at_a_line_end_is_named_with_its_line():
    found = miss("the new pier was opened on 1 March in the presence of the Mayor")
    assert (found.from_start, found.agreed, found.line) == (True, 10, 3)
    assert found.source_words == "pre- sence of the Mayor, Mr."
    assert found.quote_words == "presence of the Mayor"
    assert found.broken_word


def test_a_misspelt_word_shows_the_source_words_beside_the_quotes():
    found = miss("Mr. John Pell, the keeper of the harbor light, reports that the oil is spent.")
    assert (found.agreed, found.line, found.broken_word) == (7, 6, False)
    assert found.source_words.startswith("harbour light,") and found.quote_words.startswith("harbor light,")


def test_a_quote_wrong_at_its_start_is_matched_from_its_end():
    found = miss("Captain William Carrow, Harbour Master")
    assert (found.from_start, found.agreed, found.line) == (False, 4, 8)
    assert found.quote_words == "Captain" and found.source_words.endswith("that the oil is spent.")


def test_typographic_quotes_and_odd_spaces_keep_the_lines_right():
    text = "One.\n\u201cTwo\u00a0three\u201d four five six.\nSeven eight nine ten."
    found = parting(text, normalize(text), '"Two three" four five six. Seven eight NINE ten.')
    assert (found.agreed, found.line, found.source_words) == (7, 3, "nine ten.")


def test_a_quote_sharing_too_little_gets_no_guess():
    assert miss("Nothing of this is in the letter at all") is None


def test_check_puts_it_in_the_message_at_the_quote(tmp_path):
    facts = """\
    topic: main
    facts:
      - id: pier
        kind: event
        statement: The new pier was opened on 1 March.
        question: When was the pier opened?
        answer: On 1 March
        quote: the new pier was opened on 1 March in the presence of the Mayor
    """
    make_project(tmp_path, TEXT, facts)
    [problem] = check_project(tmp_path).problems
    assert problem.line == 8
    assert ('source.txt line 3 has its first 10 words, then "pre- sence of the Mayor, Mr." where the '
            'quote has "presence of the Mayor"; a word is broken by a hyphen at a line end there (text '
            'copied from a PDF): join it in source.txt') in problem.message


from hypothesis import given, settings, strategies as st

_WORDS = st.lists(st.sampled_from(["the", "pier", "pre-", "sence", "presence", "Mayor,", "\u201cone\u201d",
                                   "\u00a0", "\n", "two", "-", "a"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(_WORDS, _WORDS)
def test_any_text_and_quote_get_an_answer_that_points_into_the_file(text_words, quote_words):
    text, quote = " ".join(text_words), " ".join(quote_words)
    found = parting(text, normalize(text), quote)
    if found is not None:
        assert 1 <= found.line <= text.count("\n") + 1
        assert found.agreed >= 3
