"""Whether the writer speaks in the first person in a passage: then asking whose view the passage
gives answers itself, since the sheet's header names the writer."""

from __future__ import annotations

import re

from .. import regexcache
from .noun_phrases import final_noun, head_noun
from .titles import office, styled_sex

# What a writer quotes is someone else's voice: "..." and ‘...’ are left out of the first person.
_QUOTED_SPEECH = regexcache.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d|\u2018[^\u2019]*\u2019')
# "I" after the start, a small word or a mark ("which I attribute", "; I have"), never after a
# capitalised word ("Charles I was", "Article I"); "my" anywhere; "me" only as a speaker says
# "Alfie and me were".  "told me" is not counted: the passage reports someone else's words.
# (Every match starts with I, M or m: the lookahead first refuses the other places at once.)
_WRITER = regexcache.compile(r"(?=[IMm])(?:^|(?<=[\s(\[,;:\u2014-]))(?:I(?=\s+[a-z'])|[Mm]y\b|[Mm]e and\b|(?<=and )me\b(?! to\b))")


def in_first_person(passage: str) -> bool:
    """Whether the writer speaks in ``passage`` in the first person ('I have found', 'my
    sub-inspector'): asking whose view it gives answers itself, since the header names the writer."""
    text = str(passage)
    if '"' in text or "\u201c" in text or "\u2018" in text:  # where quoted speech can start
        text = _QUOTED_SPEECH.sub(" ", text)
    for match in _WRITER.finditer(text):
        before = text[:match.start()].rstrip().rsplit(None, 1)
        if match.group(0) == "I" and before and before[-1][:1].isupper() and not before[-1].endswith((".", ";", ":")):
            continue  # "Charles I was", "Then I went": a name's numeral, or left alone to be safe
        return True
    return False



def is_writer(holder, author) -> bool:
    """Whether ``holder`` is the document's writer, whom the sheet's header names as its author:
    the holder's last word is a word of the author's ("Governor George Ashdown" for "George
    Ashdown, Governor"; "the diarist" for "Eliza Renwick, an invented diarist"), or it is "the
    writer" or "the author"; with no author given, any holder may be.
    A witness's "I" in a trial or minutes of evidence is the witness's, not the clerk's."""
    author_words = str(author or "").lower()
    if not author_words.strip():
        return True
    last = final_noun(holder).lower()
    return last in ("writer", "author") or (bool(last) and re.search(rf"\b{re.escape(last)}\b", author_words) is not None)


# A word, then a verb that reports what someone said or thought: "The doctor said it was the wet
# clay", "Pryce told me", "the delegation also declared".  English usage, like the rest of the
# template vocabulary.
_REPORTED = regexcache.compile(
    r"\b([A-Za-z]+)(?:'s)?\s+(?:[a-z]+ly\s+|also\s+)?(?:said|says|told|tells|thought|thinks|believed|believes"
    r"|declared|declares|stated|states|wrote|writes|replied|answered|claimed|claims|insisted|maintained"
    r"|considered|considers|feared|fears|complained)\b")


def reported_in(holder, passage) -> bool:
    """Whether ``passage`` reports ``holder``'s words or thoughts, naming the holder by office,
    last word or head ("The doctor said it was the wet clay" for "Dr. Ellis Pryce"): offered as
    a wrong answer to whose view the passage gives, the holder would be right as well."""
    names = {word.lower() for word in (office(holder), final_noun(holder), head_noun(holder)) if word}
    return bool(names) and any(match.group(1).lower() in names for match in _REPORTED.finditer(str(passage)))


_PRONOUNS = frozenset({"he", "she", "they"})


def reports_another(passage) -> bool:
    """Whether ``passage`` reports what someone else said or thought by a pronoun ("He told us the
    relief army would come ...; I did not"): its "I" is then the one reporting, as a diarist does,
    and the view it gives may be either's."""
    return any(match.group(1).lower() in _PRONOUNS for match in _REPORTED.finditer(str(passage)))


# "my husband", "my late wife": the speaker's own spouse, which says the speaker's sex.
_OWN_SPOUSE = regexcache.compile(r"\b[Mm]y\s+(?:late\s+|dear\s+|poor\s+)?(husband|wife)\b")


def of_other_sex_than_speaker(holder, passage) -> bool:
    """Whether ``holder``'s title gives the other sex than the speaker of ``passage`` says of
    themself ("We could not live upon my husband's wages" beside "Mr. Samuel Crane"): offered as
    whose view it is, such a holder is struck out by the passage's words and the title alone."""
    text = str(passage)
    if '"' in text or "\u201c" in text or "\u2018" in text:
        text = _QUOTED_SPEECH.sub(" ", text)
    spouses = {match.group(1) for match in _OWN_SPOUSE.finditer(text)}
    if len(spouses) != 1:
        return False
    speaker = "f" if spouses == {"husband"} else "m"
    sex = styled_sex(holder)
    return bool(sex) and sex != speaker
