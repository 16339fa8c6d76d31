"""Whether an option names the document's own writer.

A passage is the writer's.  Asked whose view it gives, a student rules the writer out at once
when the view is someone else's ("the letter says the farmers thought ..."): offering "The
clerk's letter" beside "The farmers" gives a free elimination.  A template's
``distractors: {offer_writer: false}`` leaves such borrowed options out.
"""

from __future__ import annotations

from functools import lru_cache

from .. import regexcache

# Words that name no one: articles, the commonest prepositions, possessive pronouns.
_SMALL = frozenset("the a an of in on at by to and some his her its their".split())
# Where an apposition's naming words end ('clerk' of 'clerk of the court', nothing of 'who took it').
_NAMING_ENDS = frozenset("of in on at by to for from with who which that as".split())
_WORD = regexcache.compile(r"[\w'-]+")
_ASIDE = regexcache.compile(r"[(\[]")


def _words(text: str) -> list[str]:
    """The text's words, lower-case, without small words and without a possessive 's."""
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    return [w[:-2] if w.endswith("'s") else w for w in words if w not in _SMALL]


def writer_words(author: str) -> set[str]:
    """The words that name the writer: the author up to the first comma ('Mary Brown'), and each
    apposition after it up to its first preposition or relative word ('clerk' of 'clerk of the
    town', nothing of 'who wrote it down'), without asides in brackets."""
    head, *appositions = _ASIDE.split(author, 1)[0].split(",")
    words = set(_words(head))
    for apposition in appositions:
        for word in _WORD.findall(apposition.lower().replace("\u2019", "'")):
            if word in _NAMING_ENDS:
                break
            if word not in _SMALL:
                words.add(word[:-2] if word.endswith("'s") else word)
    return words


@lru_cache(maxsize=4096)  # a pool's few holders are offered to every question of the template
def names_the_writer(option: str, author: str, called: str) -> bool:
    """Whether ``option`` names the document's writer or the document itself: every word of it
    (before any aside in brackets) is a word naming the author (:func:`writer_words`) or of what
    the document is called ('letter').

    'The clerk's letter' names the writer 'Mary Brown, clerk of the town' of 'the letter'; 'The
    northern envoys' does not name 'The envoys of the north and the south' (one party of several
    writers: a fair option), nor 'The farmers' anyone who wrote.
    """
    own = _words(_ASIDE.split(option, 1)[0])
    if not own:
        return False
    writer = writer_words(author) | set(_words(called))
    return all(word in writer for word in own)


def writer_of(project, source_id: str) -> tuple[str, str]:
    """The author and the name of the document ``source_id`` (empty when it is unknown)."""
    source = project.sources.get(source_id)
    return (source.author or "", source.called or "") if source is not None else ("", "")

