"""The README's promise about quotes: `check` forgives only whitespace, typographic quotes and
dashes, each one of them, in either direction, and nothing else (a changed word is refused).

The folded characters are listed here by hand (from the README and Unicode's names), not taken
from studykit.quotes, so dropping one from the code fails a test.
"""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import assume, example, given, settings, strategies as st

from studykit.load import load_project
from studykit.quotes import QuoteIndex

from small_project import make_project

# plain character in the source -> what a word processor or a web page may put instead
FOLDED = {
    "-": ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212"],  # hyphen .. minus
    "'": ["\u2018", "\u2019", "\u201a", "\u201b", "\u2032"],                     # curly single quotes
    '"': ["\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "\u2033"],           # curly double quotes
    " ": ["\u00a0", "\u2009", "\u202f", "\n", "  ", "\t"],                       # no-break, thin, breaks
}
CASES = [(plain, fancy) for plain, variants in FOLDED.items() for fancy in variants]

SOURCE = 'The envoy wrote: "the so-called \'aid\' was late" and left.\n'
QUOTED = 'wrote: "the so-called \'aid\' was late"'


def _project(tmp_path, text: str, quote: str):
    facts = textwrap.dedent("""\
        topic: main
        facts:
          - id: envoy-wrote
            kind: claim
            statement: The envoy wrote that the aid was late.
            question: What did the envoy write about the aid?
            answer: It was late
            quote: QUOTE
            data: {holder: the envoy}
        """).replace("QUOTE", _yaml_double_quoted(quote))
    return make_project(tmp_path, text, facts, deck_templates=["recall"])


def _yaml_double_quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def _quote_problems(root):
    _, problems = load_project(root)
    return [p for p in problems if "quote" in p.message and p.severity == "error"]


@pytest.mark.parametrize("plain, fancy", CASES, ids=[f"U+{ord(f[0]):04X}" for _, f in CASES])
def test_check_forgives_each_folded_character_in_the_quote(tmp_path, plain, fancy):
    root = _project(tmp_path, SOURCE, QUOTED.replace(plain, fancy))
    assert _quote_problems(root) == []


@pytest.mark.parametrize("plain, fancy", CASES, ids=[f"U+{ord(f[0]):04X}" for _, f in CASES])
def test_check_forgives_each_folded_character_in_the_source(tmp_path, plain, fancy):
    root = _project(tmp_path, SOURCE.replace(plain, fancy), QUOTED)
    assert _quote_problems(root) == []


@pytest.mark.parametrize("changed", [
    QUOTED.replace("late", "lame"),          # a changed word
    QUOTED.replace("so-called", "so_called"),  # an underscore is not a dash
    QUOTED.replace("'aid'", "`aid`"),        # a backtick is not a quote
    QUOTED.replace("the so", "the  very so"),  # a word added
    QUOTED.replace("late", "Late"),          # a letter's case: not forgiven either
])
def test_check_refuses_a_quote_with_anything_else_changed(tmp_path, changed):
    root = _project(tmp_path, SOURCE, changed)
    [problem] = _quote_problems(root)
    assert "quote not found" in problem.message


# --- properties: any mix of folded characters, on the plain scan and on the index ------------

WORDS = st.text(alphabet="abcdefghijklmnop", min_size=1, max_size=8)  # never 'z' (see below)
PUNCT = st.sampled_from(["-", "'", '"'])
TOKENS = st.lists(st.one_of(WORDS, PUNCT), min_size=3, max_size=40)


def _indexes(text: str) -> list[QuoteIndex]:
    scan, indexed = QuoteIndex(text), QuoteIndex(text)
    indexed.MIN_INDEXED = 0  # take the word-start index path a long text takes
    return [scan, indexed]


@st.composite
def source_and_copied_quote(draw):
    tokens = draw(TOKENS)
    start = draw(st.integers(0, len(tokens) - 1))
    end = draw(st.integers(start + 1, len(tokens)))
    source = " ".join(tokens)
    pieces = []
    for i, token in enumerate(tokens[start:end]):
        if i:
            pieces.append(draw(st.sampled_from([" "] + FOLDED[" "])))
        pieces.append(draw(st.sampled_from([token] + FOLDED[token])) if token in FOLDED else token)
    return source, "".join(pieces), tokens[start:end]


@settings(max_examples=60, deadline=None)
@given(source_and_copied_quote())
def test_any_mix_of_folded_characters_is_found(case):
    source, quote, _ = case
    assert all(index.contains(quote) for index in _indexes(source))


@settings(max_examples=60, deadline=None)
@given(source_and_copied_quote(), st.data())
def test_any_changed_word_is_not_found(case, data):
    source, quote, tokens = case
    words = [t for t in tokens if t not in FOLDED]
    assume(words)
    word = data.draw(st.sampled_from(words))
    # 'z' never occurs in the source, so the changed quote cannot occur anywhere in it
    changed = quote.replace(word, word[:-1] + "z", 1)
    assert not any(index.contains(changed) for index in _indexes(source))


# --- numbers in words: cases the mutation run found untested ----------------------------------

@pytest.mark.parametrize("text, expected", [
    ("one half of them", [("one half", 0.5)]),
    ("one hundred and a half miles", [("one hundred and a half", 100.5)]),
    ("two and a half days", [("two and a half", 2.5)]),
    ("a dozen and a half eggs", []),          # not read as one number: skipped, not guessed
    ("a half dozen eggs", [("a half dozen", 6)]),
    ("half a dozen men and half a million tons", [("half a dozen", 6), ("half a million", 500_000)]),
    ("two and a half thousand men", []),      # 2,500 is not read: skipped, not taken for 500
    ("sold by the dozen eggs", [("dozen", 12)]),
    ("three score and ten", [("three score and ten", 70)]),
    ("a hundred men", [("a hundred", 100)]),
    # older English, as primary sources write it (Genesis 6:3, Revelation 11:9 in the King James Bible)
    ("his days shall be an hundred and twenty years", [("an hundred and twenty", 120)]),
    ("three days and an half", [("three", 3), ("an half", 0.5)]),
    ("a score and a dozen", []),              # two counting words in one run: skipped
    ("four and score", []),
])
def test_numbers_in_words_are_read_as_an_english_reader_reads_them(text, expected):
    from studykit.quotes import number_words

    assert number_words(text) == expected


NUMBER_WORDS = ["a", "an", "and", "half", "score", "dozen", "zero", "one", "two", "seven", "twelve", "twenty",
                "twenty-one", "ninety", "hundred", "thousand", "million", "billion"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NUMBER_WORDS), st.sampled_from([" ", "-", " and ", "  "])),
                min_size=1, max_size=7))
@example([("a", " "), ("score", " and "), ("a", " "), ("dozen", " ")])
@example([("two", " "), ("dozen", " and "), ("half", " ")])
def test_any_run_of_number_words_is_read_or_skipped_never_a_crash(pieces):
    """A quote may hold any jumble of number words; `check` reads each run as one number or skips it."""
    from studykit.quotes import number_words

    text = "they counted " + "".join(word + joint for word, joint in pieces) + "men"
    found = number_words(text)
    assert all(isinstance(words, str) and isinstance(value, (int, float)) and value >= 0 for words, value in found)
    assert all(words.lower() in " ".join(text.lower().split()) for words, _ in found)  # spaces folded


def test_the_number_library_refuses_what_is_no_cardinal():
    """studykit leaves these refusals to text2num (a number word run like them is skipped, not guessed)."""
    from text_to_num import text2num

    for words in ["and two", "two hundred and", "four score", "two dozen", "one half", "a", "an hundred",
                  "two and a", "seven half"]:
        with pytest.raises(ValueError):
            text2num(words, "en")


def test_numbers_inside_lists_of_data_are_checked_too():
    """A list fact's items ('5 ships', '300 men') hold numbers the quote must give as well."""
    from studykit.quotes import numbers_of_data

    assert sorted(numbers_of_data({"items": ["5 ships", "300 men"], "label": "what came", "ordered": True})) \
        == [5.0, 300.0]


def test_the_index_finds_a_quote_that_starts_the_source():
    """A long source is searched through its index; the very first words must still be found."""
    from studykit.quotes import QuoteIndex

    opening = "Comrades arrived in Moscow yesterday afternoon for urgent talks."
    filler = " ".join(f"paragraph{n} of ordinary report text." for n in range(12_000))
    index = QuoteIndex(opening + " " + filler)
    assert len(index.text) >= QuoteIndex.MIN_INDEXED  # the index is really used
    assert index.contains("Comrades arrived in Moscow yesterday afternoon")
    assert not index.contains("Comrades arrived in Warsaw yesterday afternoon")


class _CountedScans(str):
    """The source text, counting how often a quote is searched for by scanning all of it."""

    scans = 0

    def __contains__(self, part):
        type(self).scans += 1
        return super().__contains__(part)


@pytest.mark.parametrize("quote, found", [
    ("arrived in Moscow yesterday afternoon for urgent talks", True),   # looked up by an inner word
    ("arrived in Moscow yesterday morning for urgent talks", False),    # an inner word nowhere
    ("arrived in Moscow for urgent talks", False),                      # a word left out
    ("Comrades Moscow yesterday afternoon for urgent talks", False),    # every inner word there, not so
    ("urgent talks.", True),                                            # too short for an inner word
    ("talks afternoon of", False),                                      # its one inner word just long enough
])
def test_a_long_source_is_searched_through_its_index_not_scanned_per_quote(quote, found):
    """Checking thousands of quotes against a long source must not scan the source once per quote
    (quadratic). Counted, not timed: the index answers each of these without a full scan."""
    opening = "Comrades arrived in Moscow yesterday afternoon for urgent talks."
    filler = " ".join(f"paragraph{n} of ordinary report text." for n in range(12_000))
    index = QuoteIndex(opening + " " + filler)
    assert len(index.text) >= QuoteIndex.MIN_INDEXED
    index.text = _CountedScans(index.text)
    _CountedScans.scans = 0
    assert index.contains(quote) is found
    assert _CountedScans.scans == 0


@pytest.mark.parametrize("text, expected", [
    ("before the first of December", [("first", 1)]),
    ("Third, that seed potatoes be bought", [("Third", 3)]),
    ("on the twenty-first day", [("twenty-first", 21)]),    # not also "twenty" as 20
    ("the thirtieth of June", [("thirtieth", 30)]),
    ("three men and the fourth", [("three", 3), ("fourth", 4)]),
])
def test_ordinals_in_words_count_as_their_number(text, expected):
    """"the first of December" in a quote lets a fact say "1 December"."""
    from studykit.quotes import number_words

    assert number_words(text) == expected
