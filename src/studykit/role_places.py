"""Where a document gives a person's indefinite role to someone else, so "Who is described in the
diary as a gunner?" is asked only where the document names one gunner: a diary with "A gunner of
the North Battery, <name>" and "A gunner of the South Battery, <another>" has two right answers to
it, as a charter has to "a knight" when its grantor writes "I, <name>, knight".

Only a role opening with "a", "an" or "one of" says the document may know others of it ("the
Commissary" is one).  A place is the role's words without that opening (all of them, in order:
"a gunner of the North Battery" is not found in "a gunner of the South Battery", nor "an envoy of
the islanders" in "three envoys") outside the fact's own quotes, and not read back by a
determiner: "the pawnbroker", "his servant" or "the draper's servant" most likely names the same
person again, as "the 40 barrels" names a figure given already (figure_places), and so does the
role in the singular in a sentence naming the person ("kept by <name>, a gunner of the
garrison" in a preface, beside the entry quoted).  The role's head
noun counts in the plural too: "two native guides, <name> and <another>" gives "a native guide" to
two people, and "a gunner" to each of "three gunners of the North Battery".

The text's words are indexed once per source, on the first indefinite role asked about, so a
course of thousands of people costs one pass over its text, not one per person.
"""

from __future__ import annotations

import re

from . import quotes, regexcache

_OPENING = regexcache.compile(r"^(?:an?|one\s+of(?:\s+the)?)\s+", re.IGNORECASE)
_WORD = regexcache.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
# Words that make a place read back to someone named already.
_DETERMINERS = frozenset({"the", "this", "that", "said", "my", "his", "her", "our", "their", "your", "its",
                          "whose", "same"})
_POSSESSIVE = regexcache.compile(r"(?:['’]s|s['’])$")
_BEFORE = regexcache.compile(r"([A-Za-z'’]+)[^A-Za-z'’]*$")
_ONE_OF = regexcache.compile(r"\bone\s+of\s+the\s+$", re.IGNORECASE)  # "one of the gunners": not read back
SHOWN = 3  # places kept per role: enough to say so


def elsewhere(index: quotes.QuoteIndex, fact) -> list[str]:
    """The words around the places (at most a few) where the document gives this person fact's
    indefinite role to someone else; [] for a definite role, no role, or a role only its own
    quotes give."""
    role = (fact.data or {}).get("role")
    if not isinstance(role, str):
        return []
    opening = _OPENING.match(" ".join(role.split()))
    if not opening:
        return []
    words = _WORD.findall(" ".join(role.split())[opening.end():].lower())
    if not words:
        return []
    text = index.text
    passages = [quotes.normalize(quote) for quote in fact.quotes]
    found: list[str] = []
    names = _name_forms((fact.data or {}).get("name"))
    for start, end in _places(index, words):
        if _within(text, (start, end), passages) or _read_back(text, start):
            continue
        if _names(text, (start, end), names) and _WORD.findall(text[start:end].lower()) == words:
            continue  # the role in the singular beside the person's name: their own, again
        found.append(_around(text, (start, end)))
        if len(found) == SHOWN:
            break
    return found


def _places(index: quotes.QuoteIndex, words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every place the text gives these words in a row (case and the marks
    between words aside)."""
    table = index.derived.get("role words")
    if table is None:
        table = index.derived["role words"] = _word_table(index.text)
    spans = []
    for wanted in _singular_and_plural(words):
        for i in table.get(wanted[0], ()):
            if [w for w, _, _ in table["#"][i:i + len(wanted)]] == wanted:
                spans.append((table["#"][i][1], table["#"][i + len(wanted) - 1][2]))
    return sorted(spans)


_QUALIFIERS = frozenset({"of", "in", "at", "to", "from", "for", "with", "on", "by", "under", "who", "that",
                         "which"})


def _singular_and_plural(words: list[str]) -> list[list[str]]:
    """The role's words as given, then with its head noun (the word before its first preposition
    or clause, "gunner" in "gunner of the North Battery") in the plural, English's usual ways."""
    head = next((i for i, word in enumerate(words) if word in _QUALIFIERS), len(words)) - 1
    if head < 0:
        return [words]
    noun = words[head]
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        plurals = [noun + "es"]
    elif noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u", ""):
        plurals = [noun[:-1] + "ies"]
    elif noun.endswith("man"):
        plurals = [noun[:-3] + "men"]
    else:
        plurals = [noun + "s"]
    return [words] + [words[:head] + [plural] + words[head + 1:] for plural in plurals]


def _word_table(text: str) -> dict:
    """word -> indexes into ``table['#']``, the text's words in order as (word, start, end)."""
    order = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text.lower())]
    table: dict = {"#": order}
    for i, (word, _, _) in enumerate(order):
        table.setdefault(word, []).append(i)
    return table


def _read_back(text: str, start: int) -> bool:
    """Whether the word before ``start`` is a determiner or a possessive ("the pawnbroker",
    "the draper's servant"), in the same sentence."""
    before = _BEFORE.search(text, max(0, start - 40), start)
    if before is None or re.search(r"[.;:!?]", text[before.end(1):start]):
        return False
    if _ONE_OF.search(text, max(0, start - 20), start):
        return False
    word = before.group(1).lower()
    return word in _DETERMINERS or bool(_POSSESSIVE.search(word))


def _name_forms(name) -> list[re.Pattern]:
    """The person's name and surname (its last word, titles aside) as whole-word patterns."""
    if not isinstance(name, str) or not name.split():
        return []
    from .questions.titles import untitled  # only a fact with an indefinite role asks

    core = untitled(name) or name
    forms = {core, core.split()[-1]}
    return [re.compile(r"(?<![\w])" + re.escape(form) + r"(?![\w])", re.IGNORECASE)
            for form in forms if len(form) > 2]


def _names(text: str, span: tuple[int, int], names: list[re.Pattern]) -> bool:
    """Whether the sentence around ``span`` names the person ("kept by <name>, a gunner of
    the garrison" in a preface is their own role again, not another gunner's; "two native guides,
    <name> and <another>" gives it to two, which the plural says)."""
    if not names:
        return False
    start = max(text.rfind(mark, 0, span[0]) for mark in (". ", "; ", "\n")) + 1
    ends = [i for i in (text.find(mark, span[1]) for mark in (". ", "; ", "\n")) if i >= 0]
    sentence = text[start:min(ends) if ends else len(text)]
    return any(pattern.search(sentence) for pattern in names)


def _within(text: str, span: tuple[int, int], passages: list[str]) -> bool:
    """Whether one of the passages covers ``span``."""
    return any(passage and text.find(passage, max(0, span[1] - len(passage)), span[0] + len(passage)) >= 0
               for passage in passages)


def _around(text: str, span: tuple[int, int], width: int = 40) -> str:
    start, end = max(0, span[0] - width), min(len(text), span[1] + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
