"""The wording helpers' pre-tests give what their patterns alone give.

``quoted`` tries its two quote patterns only on a text with a straight quote, ``in_first_person``
looks for quoted speech only where it can start and finds the writer's "I" with a lookahead
first, and ``head_noun`` remembers its answer per text (a whose-view deck asks it of every claim).
Each is compared here with the patterns applied unconditionally, on every text of the shipped
project and the examples and on random texts made of the characters the patterns care about.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from studykit.load import load_project
from studykit.questions import noun_phrases, option_keys, punctuation, writer_voice

REPO = Path(__file__).resolve().parent.parent
PROJECTS = (REPO, REPO / "examples" / "gettysburg-address", REPO / "examples" / "ancient-chronicle",
            REPO / "examples" / "treaty-1815")

# The patterns as they were before the pre-tests (the careful path).
_OPENING_QUOTE = re.compile(r'(?:^|(?<=[\s(\[{\u2014\u2013/-]))"')
_SINGLE_PAIR = re.compile(r"(?<![\w'])'(?=\w)([^'\n]*?[\w.,!?;:])'(?!\w)")
_QUOTED_SPEECH = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d|\u2018[^\u2019]*\u2019')
_WRITER = re.compile(r"(?:^|(?<=[\s(\[,;:\u2014-]))(?:I(?=\s+[a-z'])|[Mm]y\b|[Mm]e and\b|(?<=and )me\b(?! to\b))")


def _quoted(text):
    inner = _SINGLE_PAIR.sub("\u2018\\1\u2019", text)
    inner = _OPENING_QUOTE.sub("\u2018", inner).replace('"', "\u2019")
    return "\u201c" + inner.replace("\u201c", "\u2018").replace("\u201d", "\u2019") + "\u201d"


def _in_first_person(passage) -> bool:
    text = _QUOTED_SPEECH.sub(" ", str(passage))
    for match in _WRITER.finditer(text):
        before = text[:match.start()].rstrip().rsplit(None, 1)
        if match.group(0) == "I" and before and before[-1][:1].isupper() and not before[-1].endswith((".", ";", ":")):
            continue
        return True
    return False


def _heads(phrase: str) -> str:
    words = re.sub(r"[^\w\s'-]", " ", noun_phrases.bare(phrase)).split()
    for before, word in zip(words, words[1:]):
        if word.lower() in {"of", "at", "in", "from", "for", "on", "to", "with", "by", "under"}:
            return before
    return words[-1] if words else ""


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = []
    for root in PROJECTS:
        project, _ = load_project(root)
        for fact in project.facts.values():
            found += [*fact.quotes, fact.statement, fact.answer, fact.question]
            found += [v for v in fact.data.values() if isinstance(v, str)]
        for source in project.sources.values():
            found += source.text.splitlines()
    rng = random.Random(10)
    marks = "IMmye andto\n\t ()[]{},;:/\u2014\u2013-'\"\u201c\u201d\u2018\u2019xA.!?"
    found += ["".join(rng.choice(marks) for _ in range(rng.randint(0, 40))) for _ in range(30000)]
    return found


def test_quoted_is_what_both_patterns_give(texts):
    assert sum("'" in t or '"' in t for t in texts) > 1000  # the patterns' own work is compared too
    for text in texts:
        assert punctuation.quoted(text) == _quoted(text), text


def test_quoted_refuses_what_is_no_text_as_before():
    for value in (12, None, 3.5):
        with pytest.raises(TypeError) as fast:
            punctuation.quoted(value)
        with pytest.raises(TypeError) as careful:
            _quoted(value)
        assert str(fast.value) == str(careful.value)


def test_in_first_person_is_what_the_patterns_give(texts):
    answers = [writer_voice.in_first_person(text) for text in texts]
    assert answers == [_in_first_person(text) for text in texts]
    assert 100 < sum(answers) < len(texts) - 100  # both answers are tried


def test_the_writer_pattern_finds_the_same_places(texts):
    for text in texts:
        assert [m.span() for m in writer_voice._WRITER.finditer(text)] == [m.span() for m in _WRITER.finditer(text)]


def test_head_noun_remembered_is_head_noun(texts):
    for text in texts[:5000] + texts[:5000]:  # asked twice: the second answer is the remembered one
        assert noun_phrases.head_noun(text) == _heads(text), text
    assert noun_phrases.head_noun("the judge at Salem") == "judge"
    with pytest.raises(TypeError):
        noun_phrases.head_noun(5)  # not a text: not remembered, refused as before


def _named_in(text, stem) -> bool:
    key = option_keys.option_key(text)
    return bool(key) and f" {key} " in f" {option_keys.option_key(stem)} "


def test_named_in_is_the_keys_compared(texts):
    """Every answer against every prompt of four projects' questions, and random pairs of texts
    with the characters folding changes (curly quotes, dashes, no-break spaces, ß, İ, ﬁ)."""
    from studykit.check import check_project

    pairs = []
    for root in PROJECTS:
        for rendered in check_project(root).decks.values():
            for q in rendered.questions:
                pairs += [(q.answer, q.prompt), (q.fact.answer, q.prompt), (q.answer, " ".join(q.fact.quotes))]
                pairs += [(option, q.prompt) for option in q.options]
    assert sum(_named_in(a, b) for a, b in pairs) > 50  # both answers are tried
    rng = random.Random(11)
    letters = "aAbßSsİiıﬁ fi%_'\u2019\u201c\u201d\u2014-\u00a0 .,;12"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 5))) for _ in range(300)]
    for _ in range(20000):
        stem = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 3)))
        pairs.append((text, stem))
        pairs.append((stem[len(stem) // 3: 2 * len(stem) // 3], stem))  # often in it
    pairs += [(t, texts[i - 1]) for i, t in enumerate(texts[:3000])]
    found = [option_keys.named_in(a, b) for a, b in pairs]
    assert found == [_named_in(a, b) for a, b in pairs]
    assert sum(found) > 1000
