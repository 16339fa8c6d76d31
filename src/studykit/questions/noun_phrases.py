"""English noun phrases for templates: articles, plurals, agreement, and the word that names a
party, so a template reads as English for every shape of fact: a plural name ("the weavers"),
a role without an article, a list label in the singular.  Articles and plurals come from the
``inflect`` library, imported only for a word it was not asked before (:mod:`.inflected`
keeps its answers between runs)."""

from __future__ import annotations

import re

from .. import regexcache
from . import inflected
from .remembered import per_text

RELATIVE_WORDS = ("who", "whom", "whose", "which", "that", "where", "when")
DETERMINERS = ("a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their",
               "our", "my", "your", "some", "any", "each", "every", "all", "both", "one", "two",
               "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# A phrase's head noun ends before one of these ("wishes of the comrades").
_HEAD_ENDS = set(RELATIVE_WORDS) | {"of", "for", "to", "in", "from", "by", "with", "on", "at",
                                    "about", "against", "over", "under", "during", "between"}
_DEFINITE_ALREADY = {"a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their",
                     "our", "my", "your", "each", "every", "all", "both"}
# Irregular past participles that open a clause rather than name a role.
_PARTICIPLES = {"brought", "made", "led", "sent", "held", "given", "taken", "known", "seen", "written",
                "chosen", "said", "told", "left", "built", "won", "fought", "taught", "thought", "bought",
                "kept", "found", "met", "paid", "set", "put", "born", "gone", "done", "begun", "become"}
_NOUNS_LIKE_VERBS = {"garden", "citizen", "children", "women", "men", "kitchen", "engineering",
                     "king", "queen", "red", "head", "chairman"}


# "a" or "an" just before a blank, as a whole word.
_ARTICLE_BEFORE_BLANK = regexcache.compile(r"(?<![\w'’-])(an|a)(\s+)$", re.IGNORECASE)


def neutral_article(text_before_blank: str) -> str:
    """"calling an ___" tells a student the answer starts with a vowel: write "a(n) ___"."""
    if not text_before_blank[-1:].isspace() or text_before_blank.rstrip()[-1:] not in ("a", "A", "n", "N"):
        return text_before_blank  # (at once: no "a" or "an" and a space just before the blank)

    def neutral(match: re.Match) -> str:
        article = "A" if match.group(1)[0] == "A" else "a"
        return f"{article}(n){match.group(2)}"

    return _ARTICLE_BEFORE_BLANK.sub(neutral, text_before_blank)


def trailing_article(text_before_blank: str) -> tuple[str, str]:
    """"construction of an " -> ("construction of ", "an "): the article a blank's answer may take along."""
    match = _ARTICLE_BEFORE_BLANK.search(text_before_blank)
    return (text_before_blank[:match.start()], match.group(0)) if match else (text_before_blank, "")


_NEUTRAL_BEFORE_BLANK = regexcache.compile(r"(?<![\w'’-])[aA]\(n\)\s+$")


def restore_article(shown_before_blank: str, article: str) -> str:
    """"construction of a(n) " with "an " -> "construction of an ": the blank after it is filled in."""
    match = _NEUTRAL_BEFORE_BLANK.search(shown_before_blank)
    return shown_before_blank[:match.start()] + article if match else shown_before_blank


def article(phrase: str) -> str:
    """'union' -> 'a union', 'hour' -> 'an hour'; phrases with a determiner or a name stay."""
    phrase = phrase.strip()
    first = phrase.split(" ", 1)[0] if phrase else ""
    if (not first or first.lower() in DETERMINERS or first[:1].isupper() or first[:1].isdigit()
            or is_plural(phrase)):
        return phrase
    return inflected.ask("a", phrase)


def definite(phrase: str) -> str:
    """'proposals of the delegation' -> 'the proposals of the delegation'; 'the four proposals' stays."""
    phrase = phrase.strip()
    first = phrase.split(" ", 1)[0] if phrase else ""
    if not first or first.lower() in _DEFINITE_ALREADY or first[:1].isupper():
        return phrase
    return f"the {phrase}"


# An article or possessive right after a noun opens a clause without "that": "places the troops
# were to evacuate", "goods his army took" (the head is "places", "goods", not "were", "took").
_CLAUSE_OPENERS = frozenset({"the", "a", "an", "this", "these", "those", "his", "her", "its", "their",
                             "our", "my", "your"})


def _head_split(phrase: str) -> tuple[list[str], list[str]]:
    tokens = phrase.split()
    for i, token in enumerate(tokens[1:], start=1):
        lower = token.lower()
        if lower in _HEAD_ENDS or (lower in _CLAUSE_OPENERS and tokens[i - 1].lower() not in DETERMINERS):
            return tokens[:i], tokens[i:]
    return tokens, []


_PLURAL_OPENERS = {"these", "those", "us", "we", "they", "them", "both", "all", "many", "several"}
# Nouns that end in s and name one thing: 'the address', 'the census', 'the analysis', 'the news'.
_SINGULAR_ENDINGS = ("ss", "us", "is")
_SINGULAR_IN_S = {"news"}


@per_text
def is_plural(phrase: str) -> bool:
    """Whether a noun phrase names several: 'our ancestors', 'the Koreans', 'these old soldiers',
    'the old soldiers, living and dead' (not 'Jane Smith', 'Jones', 'the delegation')."""
    phrase = phrase.strip().split(",", 1)[0]
    head, _ = _head_split(phrase)
    if not head:
        return False
    if head[0].lower() in _PLURAL_OPENERS:
        return True
    proper = head[0].lower() not in DETERMINERS
    for token in head[1:] if head[0].lower() in DETERMINERS else head:
        word = re.sub(r"[^\w'-]", "", token)
        if not word or (word[:1].isupper() and proper):
            continue  # a proper name: 'Jones', 'Jane Smith'
        if word.lower() in ("men", "women", "children", "people", "police") or (
                word == head[-1].strip(",") and ends_like_plural(word)
                and inflected.ask("singular_noun", word)):
            return True
    return False


def ends_like_plural(word: str) -> bool:
    """Whether a word ends as a plural does (not 'address', 'census', 'analysis', 'news')."""
    lower = word.lower()
    return not lower.endswith(_SINGULAR_ENDINGS) and lower not in _SINGULAR_IN_S


def agree_with(verb: str, subject: str) -> str:
    """``'does' | agree_with('the minutes')`` -> 'do': a verb agrees with the document's name,
    so "What figure do the minutes give?" reads as well as "What figure does the report give?"."""
    return (inflected.ask("plural_verb", verb) or verb) if is_plural(subject) else verb


def plural(phrase: str) -> str:
    """'government of the people' -> 'governments of the people'; plural phrases stay."""
    phrase = phrase.strip()
    if not phrase or is_plural(phrase):
        return phrase
    head, rest = _head_split(phrase)
    if head[0].lower() in ("a", "an"):
        head = head[1:] or head
    head[-1] = inflected.ask("plural_noun", head[-1]) or head[-1]
    return " ".join(head + rest)


def be(subject: str, tense: str = "present") -> str:
    """'Smith' -> 'Smith is', 'our ancestors' -> 'our ancestors are' (tense 'past': was/were).

    An aside after a comma is closed before the verb: 'the brave men, living and
    dead, are' (not '... living and dead are').
    """
    many = is_plural(subject)
    verb = {("present", False): "is", ("present", True): "are",
            ("past", False): "was", ("past", True): "were"}[(tense, many)]
    subject = subject.strip()
    if "," in subject and not subject.endswith(","):
        subject += ","
    return f"{subject} {verb}"


def is_noun_phrase(text: str) -> bool:
    """False for a clause ('who struggled here') or a participle ('brought forth a nation')."""
    first = text.strip().split(" ", 1)[0] if text.strip() else ""
    if not first:
        return False
    lower = first.lower()
    if lower in RELATIVE_WORDS:
        return False
    if first[:1].isupper() or lower in DETERMINERS:
        return True
    if lower in _PARTICIPLES:
        return False
    return not re.search(r"(ed|en|ing)$", lower) or lower in _NOUNS_LIKE_VERBS


@per_text
def bare(text: str) -> str:
    """Without parenthesised asides: 'Korean comrades (as reported by Soviet comrades)' -> 'Korean comrades'."""
    return " ".join(re.sub(r"\s*\([^()]*\)", "", text).split())


@per_text
def final_noun(phrase: str) -> str:
    """The word a phrase ends on, asides dropped: 'members of the Korean delegation' ->
    'delegation'.  A passage that uses it ("the delegation mentioned ...") names that party."""
    words = re.sub(r"[^\w\s'-]", " ", bare(phrase)).split()
    return words[-1] if words else ""


# The prepositions that end a name's head ("the judge at Salem"); attribution.py reads them too.
PREPOSITIONS = frozenset({"of", "at", "in", "from", "for", "on", "to", "with", "by", "under"})


@per_text
def head_noun(phrase: str) -> str:
    """The word before a phrase's first preposition: 'the judge at Salem' -> 'judge', 'the Council
    of Northwick' -> 'Council' (a passage saying "the god" or "the Council" names that party);
    without a preposition, the word it ends on ('Soviet comrades' -> 'comrades')."""
    words = re.sub(r"[^\w\s'-]", " ", bare(phrase)).split()
    for before, word in zip(words, words[1:]):
        if word.lower() in PREPOSITIONS:
            return before
    return words[-1] if words else ""
