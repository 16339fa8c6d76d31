"""The words of a passage that name whose view it gives, blanked: "According to the opinion of
_____, the quay is too short ..." asks the student to read the attribution, where the passage as written
answers its own question.  Only the naming words become the blank; the rest stays verbatim."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import regexcache
from .noun_phrases import PREPOSITIONS, bare, final_noun, head_noun
from .option_keys import named_in
from .titles import untitled

BLANK = "_____"

_WORD = regexcache.compile(r"[^\W_]+")  # letters and digits: "guild's" is "guild" and "s"
_JOIN = regexcache.compile(r"['\u2019]?\s+|['\u2019]")  # a space, or a possessive's mark ("the weavers' guild")
_ARTICLES = frozenset({"the", "a", "an"})
# Words that end a run of the holder's words without being part of its name ("the opinion of").
_LINKS = PREPOSITIONS | {"and", "or"}
# A word before the name that leaves it naming the holder: the name starts a phrase after a
# preposition or a conjunction ("the opinion of the harbour masters", "even though harbour masters").
# Any other word may say another party ("the other masters" are not the harbour masters): left named.
_OPENERS = _LINKS | {"according", "though", "although", "that", "but", "while", "as", "because", "if",
                     "when", "since", "whereas", "than", "nor", "so", "then", "also"}
_LEAST_LEFT = 3  # fewer words outside the blank leave no view to attribute


def _holder_words(holder) -> tuple[frozenset[str], frozenset[str]]:
    """The holder's words, and the nouns that name it (its last word and its head; every word
    of a person's own name: "Thomas says ..." names Thomas Webb)."""
    name = bare(str(holder))
    words = frozenset(word.casefold() for word in _WORD.findall(name))
    nouns = {word.casefold() for word in (final_noun(name), head_noun(name)) if word}
    nouns.update(_own_name(str(holder)))
    return words, frozenset(nouns)


@lru_cache(maxsize=1024)
def _own_name(holder: str) -> frozenset[str]:
    """The words of a person's own name ('Thomas Webb', 'Mr. Amos Hale': its words after a style
    or office), each of which names the person; none for a party written with an article or a
    common noun ('the harbour masters', 'the mayor's friends', 'the Council of the town')."""
    words = str(holder).split()
    if len(words) < 2 or words[0].casefold() in _ARTICLES:
        return frozenset()
    own = untitled(holder).split()
    if len(own) < 2 or not all(word[:1].isupper() and word.rstrip(".").isalpha() for word in own):
        return frozenset()
    return frozenset(word.casefold() for word in own if len(word.rstrip(".")) > 1)


def _runs(passage: str, words: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of consecutive words (spaces or a possessive's mark between) each a word of the holder
    or an article."""
    runs: list[list[re.Match]] = []
    for match in _WORD.finditer(passage):
        if match.group(0).casefold() not in words | _ARTICLES:
            continue
        if runs and _JOIN.fullmatch(passage, runs[-1][-1].end(), match.start()):
            runs[-1].append(match)
        else:
            runs.append([match])
    spans = []
    for run in runs:
        while run and run[0].group(0).casefold() in _LINKS:
            run = run[1:]
        while run and run[-1].group(0).casefold() in _LINKS | _ARTICLES:
            run = run[:-1]
        if run:
            spans.append((run[0].start(), run[-1].end()))
    return spans


def _opens_phrase(passage: str, start: int) -> bool:
    """Whether the name at ``start`` begins its phrase: at the passage's start, after a mark, or
    after a preposition or conjunction (not after "other" in "the other masters")."""
    before = passage[:start].rstrip()
    if not before or not before[-1].isalnum():
        return True
    return _WORD.findall(before)[-1].casefold() in _OPENERS


def holder_blanked(passage, holder) -> str:
    """``passage`` with each phrase naming ``holder`` ("the harbour masters", "the weavers' guild"
    for "members of the weavers' guild") made one blank; every other character as the source
    has it.  A phrase is blanked only where it holds the holder's last word or head and opens its
    phrase: "the other masters" stays, naming another party with the same noun."""
    return _blanked(str(passage), str(holder))


@lru_cache(maxsize=4096)
def _blanked(text: str, holder: str) -> str:
    """(Kept per passage and holder: whose-view asks it of a fact several times, and its sibling
    rule once for every sibling.)"""
    words, nouns = _holder_words(holder)
    if not nouns:
        return text
    pieces, end = [], 0
    for start, stop in _runs(text, words):
        found = {w.casefold() for w in _WORD.findall(text[start:stop])}
        if found & nouns and _opens_phrase(text, start):
            pieces += [text[end:start], BLANK]
            end = stop
    return "".join(pieces) + text[end:] if pieces else text


def naming(passage, holder) -> bool:
    """Whether ``passage`` names ``holder`` in full, by its last word or by its head: asking whose
    view it gives then answers itself ("The guild did not rule out a strike")."""
    name = bare(str(holder))
    parts = (name, final_noun(name), head_noun(name), *_own_name(str(holder)))
    return any(part and named_in(part, str(passage)) for part in parts)


def blank_only(passage) -> bool:
    """Whether a blanked passage has too few words besides its blank to give anyone's view."""
    return len(_WORD.findall(str(passage).replace(BLANK, " "))) < _LEAST_LEFT
