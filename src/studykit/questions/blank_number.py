"""The grammatical number a blank shows: in "_____ were stressing ..." or "_____ said among
themselves ..." only several (or a body, which English lets take either number) fit the blank, and
in "_____ was stressing ..." only one.  An option the words around the blank rule out is a wrong
answer the student strikes by grammar alone, and an answer they rule out reads wrong in the blank."""

from __future__ import annotations

from functools import lru_cache

from .. import regexcache
from .attribution import BLANK
from .noun_phrases import bare, head_noun, is_plural

ONE, MANY = "one", "many"

_VERBS = {"was": ONE, "is": ONE, "has": ONE, "does": ONE, "wasn't": ONE, "isn't": ONE, "hasn't": ONE,
          "doesn't": ONE, "were": MANY, "are": MANY, "have": MANY, "do": MANY, "weren't": MANY,
          "aren't": MANY, "haven't": MANY, "don't": MANY}
_REFLEXIVES = {"themselves": MANY, "himself": ONE, "herself": ONE}
# Words between the blank and a reflexive that may name someone else it refers to ("_____ told
# them to defend themselves"): the reflexive then says nothing of the blank.
_OTHERS = frozenset({"them", "him", "her", "it", "us", "me", "you", "they", "he", "she", "we", "i",
                     "the", "a", "an", "this", "that", "these", "those", "his", "their", "its", "who",
                     "which", "whom", "whose", "each", "every", "all", "both", "and", "or"})
_REFLEXIVE_REACH = 4  # "_____ said among themselves": a reflexive this near is the blank's own
# Words before the blank that leave it the subject of the words after it: the passage's start, a
# mark, or a conjunction opening a clause.  After a preposition ("The answer of _____ was") or
# "and" ("the chronicler and _____ were") the verb belongs to a longer subject.
_SUBJECT_OPENERS = frozenset({"that", "though", "although", "because", "while", "but", "as", "since",
                              "when", "if", "whereas", "so", "then", "where", "once", "until", "unless"})
# Bodies of people: English lets them take either number ("the council was", "the council were
# divided among themselves"), so they fit any blank.
_BODIES = frozenset({"council", "delegation", "committee", "assembly", "government", "side", "party",
                     "army", "board", "jury", "family", "team", "staff", "crowd", "court", "senate",
                     "parliament", "congress", "ministry", "embassy", "commission", "company", "guild",
                     "garrison", "navy", "leadership", "press", "public", "administration", "union",
                     "league", "crew", "chamber", "society", "club", "firm", "church", "town", "city",
                     "village", "parish", "corporation", "cabinet", "legation", "mission", "household",
                     "regiment", "fleet", "group", "panel", "bench", "tribunal", "synod"})
_WORD = regexcache.compile(r"[\w'\u2019]+|[^\w\s]")


def _subject_blank(before: str) -> bool:
    """Whether the blank after ``before`` opens its clause, so the words after it agree with it."""
    before = before.rstrip()
    if not before or not before[-1].isalnum():
        return True
    return _WORD.findall(before)[-1].casefold() in _SUBJECT_OPENERS


def _after_number(after: str) -> str:
    """The number the words right after a subject blank show, or ""."""
    tokens = [token.casefold().replace("\u2019", "'") for token in _WORD.findall(after)[:_REFLEXIVE_REACH + 1]]
    if not tokens:
        return ""
    if tokens[0] in _VERBS:
        return _VERBS[tokens[0]]
    for token in tokens[1:]:
        if token in _REFLEXIVES:
            return _REFLEXIVES[token]
        if token in _OTHERS or not token[:1].isalnum():
            return ""
    return ""


@lru_cache(maxsize=4096)
def blank_number(passage: str) -> str:
    """``ONE`` or ``MANY`` where the words next to a blank in ``passage`` show its number
    ("_____ was stressing", "_____ said among themselves"), else "" (the blank not a subject, or
    no verb or reflexive that tells).  Blanks that disagree with each other tell nothing."""
    numbers = set()
    pieces = passage.split(BLANK)
    for before, after in zip(pieces, pieces[1:]):
        if _subject_blank(before):
            numbers.add(_after_number(after))
    numbers.discard("")
    return numbers.pop() if len(numbers) == 1 else ""


@lru_cache(maxsize=1024)
def _holder_numbers(holder: str) -> frozenset[str]:
    """The numbers ``holder`` takes: several, one, or either for a body ("the council of the town",
    not "the members of the council")."""
    name = bare(holder)
    if is_plural(name):
        return frozenset({MANY})
    return frozenset({ONE, MANY}) if head_noun(name).casefold() in _BODIES else frozenset({ONE})


def fitting_blank(holder, passage) -> bool:
    """Whether ``holder`` reads right in the blank of ``passage``: true where the words after the
    blank do not show its number, or show one the holder takes."""
    number = blank_number(str(passage))
    return not number or number in _holder_numbers(str(holder))
