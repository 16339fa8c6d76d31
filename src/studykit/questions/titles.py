"""What the titles a name is written with say ('Captain E. J. Morrow', 'Mrs. Hannah Lees', 'Lord Halsey').

A false version of "X is a steerage passenger from Cork" that borrows "Captain E. J. Morrow" is
false by its title alone: a captain is no passenger.  The shipped true/false template on people
borrows only a name written with the same office, or none (:func:`office`: a style of address or
rank of nobility, 'Mr.', 'Sir', 'Lord', 'Count', 'the King of ...', says nothing of a role and is
no office), no name the document shows as of the other sex than the role's words (:func:`of_other_sex`)
and no rank for a humble station (:func:`ranked_above`).  :func:`untitled` gives the words a
student types for the person.  The titles are English usage, like month names.
"""

from __future__ import annotations

import functools
import re

from .. import regexcache

# Courtesies before a title ('His Excellency Prince ...', 'the Most Noble Charles, Marquess ...').
_COURTESIES = regexcache.compile(r"^(?:the\s+)?(?:(?:his|her|their)\s+(?:excellency|majesty|highness|grace|lordship)"
                                 r"|(?:most|right)\s+(?:noble|honourable|honorable|reverend))\s+", re.IGNORECASE)
_SHORT = {"capt": "captain", "cpt": "captain", "gen": "general", "col": "colonel", "lt": "lieutenant",
          "maj": "major", "sgt": "sergeant", "cpl": "corporal", "adm": "admiral", "rev": "reverend",
          "revd": "reverend", "dr": "doctor", "st": "saint", "prof": "professor", "gov": "governor",
          "pres": "president", "sen": "senator", "hon": "honourable", "messrs": "mr"}
_OFFICES = frozenset({
    "private", "corporal", "sergeant", "lieutenant", "captain", "major", "colonel", "general", "admiral",
    "commodore", "marshal", "commander", "chancellor", "president", "governor", "senator", "mayor", "judge",
    "alderman", "consul", "ambassador", "minister", "secretary", "chairman", "professor", "doctor",
    "cardinal", "archbishop", "bishop", "abbot", "pope", "reverend", "inspector", "constable", "sheriff",
    "councillor", "councilor", "magistrate", "provost", "dean", "rector", "vicar", "chaplain", "surgeon",
})


def _name_words(name) -> list[str]:
    """The words of ``name`` after its courtesies and article: its title, if any, comes first."""
    words = _COURTESIES.sub("", " ".join(str(name).split())).split()
    return words[1:] if words and words[0].lower() == "the" else words


def office(name) -> str:
    """The office ``name``'s title gives, in full and lower case ('Capt. Haines' -> 'captain'),
    or '' for a name without one ('Patrick Dunne', 'Lord Halsey', 'the crew')."""
    words = _name_words(name)
    if len(words) < 2:
        return ""
    first = words[0].lower().rstrip(".")
    first = _SHORT.get(first, first)
    return first if first in _OFFICES else ""


# Styles of address a name may open with besides an office: words no student needs to type.
_STYLES = frozenset({"mr", "mrs", "miss", "ms", "sir", "dame", "lord", "lady", "madame", "monsieur", "herr",
                     "frau", "comrade", "citizen"})
_TITLE_WORDS = _OFFICES | _STYLES


def untitled(name) -> str:
    """``name`` without its courtesies, article, style of address and office ('The Rev. Thomas
    Earle' -> 'Thomas Earle', 'Capt. E. J. Morrow' -> 'E. J. Morrow'): the words that name the
    person, which a student types for the person."""
    words = _name_words(name)
    while len(words) > 1:
        first = words[0].lower().rstrip(".")
        if _SHORT.get(first, first) not in _TITLE_WORDS:
            break
        words = words[1:]
    return " ".join(words)


# The sex a style of address gives ('Mrs. Lees', 'Mr. Crossley'), and the nouns of a role or a
# question that give one ('the chairman', 'his widow', 'Which son ...'): "Mrs. Hannah Lees is the
# master who met the deputation" is false by its style alone.  A pronoun in a role or a question
# speaks of someone else ('her husband', 'his widow'), so only nouns count.  English usage, like
# the titles above.
_STYLED = {**dict.fromkeys(("mr", "sir", "lord", "monsieur", "herr", "signor", "don"), "m"),
           **dict.fromkeys(("mrs", "miss", "ms", "lady", "dame", "madame", "mademoiselle", "frau",
                            "signora", "dona"), "f")}
_SEX_NOUNS = {**dict.fromkeys(("man", "men", "boy", "chairman", "husband", "son", "father", "brother",
                               "king", "prince", "duke", "earl", "baron", "gentleman", "monk", "widower",
                               "master", "nephew", "uncle", "grandson", "grandfather", "sons", "brothers",
                               "bachelor", "landlord", "schoolmaster", "abbot"), "m"),
              **dict.fromkeys(("woman", "women", "girl", "chairwoman", "wife", "daughter", "mother",
                               "sister", "queen", "princess", "duchess", "countess", "baroness", "widow",
                               "nun", "niece", "aunt", "granddaughter", "grandmother", "mistress",
                               "maid", "daughters", "sisters", "widows", "wives", "spinster", "executrix",
                               "administratrix", "testatrix", "heiress", "landlady", "schoolmistress",
                               "matron", "governess", "midwife", "laundress", "seamstress", "abbess"), "f")}
# The pronouns a source uses for a person it has just named ('my servant Mary Tull, if she be
# living'): the document's own word for the sex of a name that carries no style.
_PRONOUNS = regexcache.compile(r"\b(?:(?P<m>he|him|his|himself)|(?P<f>she|her|hers|herself))\b", re.IGNORECASE)
# A relative clause right after the name ('Mary Tull, who nursed him in his last illness') has the
# person as its subject, so its other pronouns speak of someone else; only a reflexive is the person's.
_RELATIVE_CLAUSE = regexcache.compile(r"\s*,?\s*(?:who|whom|whose|that|which)\b", re.IGNORECASE)
_REFLEXIVES = regexcache.compile(r"\b(?:(?P<m>himself)|(?P<f>herself))\b", re.IGNORECASE)
_SENTENCE_END = regexcache.compile(r"[.;!?]")


def styled_sex(name) -> str:
    """'m' or 'f' as ``name``'s style of address gives it ('Mrs. Hannah Lees' -> 'f'), else ''."""
    words = _name_words(name)
    return _STYLED.get(words[0].lower().rstrip("."), "") if len(words) > 1 else ""


def said_sex(text) -> str:
    """'m' or 'f' as the nouns of a role or a question give it ('the younger son', 'Which
    daughter ...'), '' when they give none or both.  Only the words before the role's first
    preposition or clause, and after a possessive, name the person: 'the son of the widow' is a
    man, 'the keeper of the men's lodging' and 'the men's keeper' say nothing, 'the matron to the
    single women' is a woman."""
    words = _role_words(text)
    for i, word in enumerate(words):
        if word in _OTHERS_AFTER and i:
            words = words[:i]
            break
    if "s" in words:  # "Thomas Brayley's brother-in-law": the nouns before it are someone else's
        words = words[len(words) - words[::-1].index("s"):]
    said = {_SEX_NOUNS.get(w) or _compound_sex(w) for w in words} - {""}
    return said.pop() if len(said) == 1 else ""


def _compound_sex(word: str) -> str:
    """The sex a compound's last part gives ('brickmaster', 'harbourmaster' -> 'm'; 'postmistress',
    'washerwoman' -> 'f'), else ''."""
    if word.endswith(("master", "masters")) and len(word) > 7:
        return "m"
    if word.endswith(("mistress", "mistresses", "woman", "women")) and len(word) > 5:
        return "f"
    return ""


# Words after which a role's nouns speak of someone else ('the keeper of the men's lodging').
_OTHERS_AFTER = frozenset({"of", "to", "for", "from", "with", "at", "in", "on", "by", "among", "over", "under",
                           "who", "whom", "whose", "which", "that", "besides", "than"})


def person_sex(person) -> str:
    """'m', 'f' or '' for a name, or for a person fact as templates see it: its name's style
    ('Mrs.'), else the nouns of its own role ('the daughter of ...'), else the pronouns its
    quote gives right after its name, in the same sentence ('Mary Tull, if she be living'),
    when they all agree (in a relative clause right after it, 'Mary Tull, who nursed him', only a
    reflexive: the clause's other pronouns are someone else's).  First names carry no sex here: only the document's own words do."""
    if not isinstance(person, dict):
        return styled_sex(person)
    data = person.get("data") or {}
    return _fact_sex(str(data.get("name") or ""), str(data.get("role") or ""), str(person.get("quote") or ""))


@functools.lru_cache(maxsize=8192)
def _fact_sex(name: str, role: str, quote: str) -> str:
    """(Kept per fact's words: the people templates' sibling rules ask it of every pair.)"""
    return styled_sex(name) or said_sex(role) or _pronoun_sex(name, quote)


def _pronoun_sex(name, quote) -> str:
    words = untitled(name).split()
    if not words:
        return ""
    quote = str(quote)
    at = quote.find(words[-1])
    if at < 0:
        return ""
    after = _SENTENCE_END.split(quote[at + len(words[-1]):], 1)[0]
    pronouns = _REFLEXIVES if _RELATIVE_CLAUSE.match(after) else _PRONOUNS
    said = {"m" if match["m"] else "f" for match in pronouns.finditer(after)}
    return said.pop() if len(said) == 1 else ""


def of_other_sex(person, role) -> bool:
    """Whether ``person`` (a name, or a person fact: see :func:`person_sex`) is of one sex and the
    nouns of ``role`` (or of a question) give the other: "Mrs. Hannah Lees is the chairman of
    the meeting" and "Mary Tull is a master bricklayer", where the source calls Mary Tull "she",
    are false by the name alone (the fact's own name, which the statement does not show, says
    nothing)."""
    mine = person_sex(person)
    return bool(mine) and said_sex(role) not in ("", mine)


def woman_for_man(person, other) -> bool:
    """Whether ``person`` is a woman and ``other`` a man by the documents' own words (person facts or
    names): "Jane [the writer's sister] is the miller" puts her in a man's place, false by her sex
    alone where trades and offices were men's.  A man in a woman's place is told only by the role's
    own words ("the widow at the mill": see of_other_sex); "Mr. Cole is the secretary" is fair."""
    return person_sex(person) == "f" and person_sex(other) == "m"


# A rank of nobility or knighthood a name is styled with, and the words of a humble station in a
# role: "Lord Halsey is a steerage passenger from Cork" is false by his rank alone.
_RANKS = frozenset({"lord", "lady", "sir", "dame", "duke", "duchess", "earl", "countess", "count", "baron",
                    "baroness", "marquess", "marquis", "viscount", "prince", "princess", "king", "queen"})
_HUMBLE = frozenset({"steerage", "servant", "labourer", "laborer", "pauper", "beggar", "maid", "porter",
                     "scullion", "seaman", "sailor", "deckhand", "stoker", "apprentice", "slave", "serf",
                     "peasant", "navvy", "collier", "miner", "weaver", "groom", "footman", "cook", "carter",
                     "boy", "girl", "vagrant", "workhouse"})


def ranked_above(name, role) -> bool:
    """Whether ``name`` is styled with a rank ('Lord Halsey', 'Sir John Hale', 'the Duke of
    Norland') and ``role``'s words give a humble station ('a steerage passenger', 'servant to Mr.
    Grey'): a false version borrowing the name for that role is false by the rank alone."""
    words = _name_words(name)
    if len(words) < 2 or words[0].lower().rstrip(".") not in _RANKS:
        return False
    return any(w in _HUMBLE for w in _role_words(role))


def _role_words(role) -> list[str]:
    """The words of ``role`` in lower case, marks dropped ("his widow's" -> ['his', 'widow', 's'])."""
    return re.findall(r"[a-z]+", str(role).lower())


# Trades and stations one person holds and another does not: "Which porter saw the train?" offering
# the fireman is answered by elimination, while "Which sovereign ...?" may offer "the guarantor of
# the treaty", who may be a king too.  English usage, like the offices above.
_TRADES = _OFFICES | _HUMBLE | frozenset({
    "porter", "fireman", "driver", "guard", "signalman", "stationmaster", "gunner", "drummer", "trooper",
    "soldier", "sentry", "clerk", "physician", "apothecary", "nurse", "smith", "blacksmith", "carpenter",
    "mason", "bricklayer", "baker", "butcher", "draper", "pawnbroker", "grocer", "publican", "innkeeper",
    "miller", "farmer", "shepherd", "fisherman", "boatman", "mate", "purser", "steward", "pilot", "helmsman",
    "commissary", "quartermaster", "gaoler", "jailer", "turnkey", "watchman", "beadle", "overseer", "reeve",
    "bailiff", "steward", "coroner", "juror", "witness", "prisoner", "prosecutor", "counsel", "attorney",
    "solicitor", "barrister", "printer", "tailor", "shoemaker", "cooper", "tanner", "weaver", "spinner",
    "labourer", "laborer", "miner", "collier", "engineer", "foreman", "manager", "schoolmaster", "teacher",
    "priest", "curate", "parson", "rector", "vicar", "deacon", "monk", "nun", "maid", "servant", "cook",
    "housekeeper", "butler", "coachman", "groom", "passenger", "master", "mistress", "headmaster",
    "headmistress", "pupil-teacher", "monitor", "usher", "governess",
    # an expedition's party: "Which guide led ...?" never offers the surveyor
    "guide", "surveyor", "botanist", "naturalist", "geologist", "surgeon", "interpreter", "drover",
    "stockman", "tracker", "hunter", "bearer", "chainman", "draughtsman", "collector", "carrier",
    # a station that holds no trade: "Which surgeon ...?" never offers "a child of the Staithe"
    "child", "infant", "baby", "inmate", "orphan",
})
# Words in -man or -woman that name no trade: any other is one ("wherryman", "lighterman",
# "washerwoman"), so "Which surgeon ...?" never offers "a wherryman of the Staithe".
_NOT_TRADES = frozenset({"man", "woman", "human", "gentleman", "gentlewoman", "nobleman", "noblewoman", "kinsman",
                         "kinswoman", "countryman", "countrywoman", "fellowman", "freeman", "layman", "statesman",
                         "madman", "englishman", "englishwoman", "frenchman", "frenchwoman", "irishman",
                         "irishwoman", "scotsman", "scotswoman", "welshman", "welshwoman", "dutchman",
                         "norseman", "northman"})


def _is_trade(word: str) -> bool:
    """Whether ``word`` (singular or plural) names a trade or station: one of _TRADES, or a word in
    -man or -woman that is none of _NOT_TRADES."""
    one = _singular(word)
    one = one[:-3] + "man" if one.endswith("men") else one
    return one in _TRADES or (one.endswith("man") and one not in _NOT_TRADES and one.isalpha())
# "Which porter ...?": the noun after "Which" (and a word before it: "Which Soviet leader"), before its verb.
_WHICH = regexcache.compile(r"^\W*which\s+([a-z-]+)(?:\s+([a-z-]+))?", re.IGNORECASE)
_AUXILIARIES = frozenset({"was", "were", "is", "are", "did", "does", "do", "had", "has", "have", "will",
                          "would", "could", "should", "can", "may", "might", "must", "of"})


@functools.lru_cache(maxsize=4096)
def asked_trade(question: str, role: str) -> str:
    """The trade or station ``question`` asks by that the answer's ``role`` names as its own head
    ("Which porter saw the passenger train?" of "a porter at the station" -> 'porter'), or ''
    ("Who drove the train?"; "Which sovereign ...?", no trade; "Which plenipotentiary was Minister
    of State?", whose 'minister' is the predicate, not the noun asked by)."""
    match = _WHICH.match(str(question))
    if not match or not role:
        return ""
    head = _head_word(role)
    for asked in filter(None, match.groups()):
        asked = asked.lower()
        if asked in _AUXILIARIES:
            break
        if _same_noun(asked, head) and _is_trade(asked):
            return asked
    return ""


def of_other_trade(person, question, role) -> bool:
    """Whether a person fact's own role names another trade or station than the one ``question``
    asks by, which the answer's ``role`` names: "Which porter saw the train?" never offers "the
    fireman of the passenger train".  A person with no role, or a role that is no trade ("the
    guarantor of the treaty"), may be anything."""
    asked = asked_trade(str(question), str(role or ""))
    other = ((person or {}).get("data") or {}).get("role") if isinstance(person, dict) else None
    if not asked or not isinstance(other, str):
        return False
    head = _head_word(other)
    return _is_trade(head) and not _same_noun(asked, head)


_ROLE_WORD = regexcache.compile(r"[a-z]+(?:-[a-z]+)*")
_HEAD_ENDS = frozenset({"of", "at", "in", "to", "for", "from", "on", "who", "whom", "whose", "which", "that",
                        "with", "by", "and"})


def _head_word(role: str) -> str:
    """The noun a role is headed by: its last word before a preposition, a clause or 'and' ("a
    porter at the station" -> 'porter', "the signalman at the junction" -> 'signalman')."""
    words = _ROLE_WORD.findall(str(role).lower())  # 'pupil-teacher' is one word, another trade than 'teacher'
    head = ""
    for word in words:
        if word in _HEAD_ENDS and head:
            break
        if word not in ("a", "an", "the", "one", "s"):
            head = word
    return head


# What a role's head says holds it: a body ("the body that voted the crown", "the council of the
# town"), a people ("the people who burned the farms"), a child ("a child of the Staithe") or a
# person of some trade or station.  "The Danes are the body that voted the new rate" and "Tom
# Brown, a child, is the surgeon at the infirmary" are false by the kind alone.  English usage.
_KINDS = {**dict.fromkeys(("body", "bodies", "council", "councils", "assembly", "court", "senate", "committee",
                           "board", "parliament", "congress", "chamber", "vestry", "corporation", "synod", "diet",
                           "tribunal", "jury", "government", "ministry", "cabinet", "commission"), "body"),
          **dict.fromkeys(("people", "peoples", "nation", "nations", "city", "cities", "tribe", "tribes",
                           "townspeople", "inhabitants", "citizens"), "people"),
          **dict.fromkeys(("child", "children", "infant", "infants", "baby", "babies", "boy", "boys", "girl",
                           "girls", "orphan", "orphans"), "child")}


@functools.lru_cache(maxsize=4096)
def holder_kind(role: str) -> str:
    """'body', 'people', 'child', 'person' (a trade, station or noun of sex heads the role) or ''."""
    head = _head_word(role)
    kind = _KINDS.get(head, "")
    if not kind and (_is_trade(head) or head in _SEX_NOUNS or _compound_sex(head)):
        kind = "person"
    return kind


def _name_kind(name) -> str:
    """'person' for a name styled or titled as one ('Mrs. Ellen Grant', 'Capt. Haines'), the kind its
    head names for a body or people ('the Council of Ashby'), else ''."""
    if styled_sex(name) or office(name):
        return "person"
    words = _name_words(name)
    return _KINDS.get(_singular(words[0].lower()), "") if len(words) > 1 and words[0][:1].isupper() else ""


def of_other_kind(person, role) -> bool:
    """Whether a person fact is another kind of holder than ``role`` names, by its own role or else
    its name (a people for "the body that voted ...", a child for "the surgeon at the infirmary",
    'Mrs. Ellen Grant' for a body); a role of no known kind ("archon in 433 BC", "the founders of
    a new nation") may be anyone's."""
    data = ((person or {}).get("data") or {}) if isinstance(person, dict) else {}
    mine = holder_kind(str(role)) if role else ""
    if not mine:
        return False
    other = data.get("role")
    theirs = holder_kind(other) if isinstance(other, str) else ""
    theirs = theirs or _name_kind(data.get("name") or "")
    return bool(theirs) and mine != theirs


def asked_by(role, question) -> bool:
    """Whether ``question`` already asks by the noun ``role`` is headed by ("Which porter saw the
    train?" of "a porter at the station", "Which plenipotentiary was a Lieutenant-General?" of "a
    Lieutenant-General of the armies"), or by the deed an agent noun names ("Who signed this
    copy?" of "the signer of this copy", "Who translated ...?" of "the translator of ..."): a
    who-is card on that role asks the recall card's question again.  A question asking by
    something else ("Who spoke to the prisoner's character?" of "a master bricklayer") is not."""
    head = _head_word(str(role or ""))
    if not head:
        return False
    words = _ROLE_WORD.findall(str(question).lower())
    return any(_same_noun(word, head) for word in words) or _deed_asked(head, words)


_DEEDS = ("ed", "eed", "ing")  # signed, guaranteed, translating: a verb's forms that are no noun


def _deed_asked(head: str, words: list[str]) -> bool:
    """Whether one of ``words`` is the deed the agent noun ``head`` names: "signer" -> "signed",
    "translator" -> "translated", "guarantor" -> "guaranteed".  Only past and -ing forms: a bare
    stem or an -s form may be a noun ("found" of "founder", "farms" of "farmer")."""
    if not head.endswith(("er", "or")) or len(head) < 5:
        return False
    stem = head[:-2]
    return any(word[len(stem):] in _DEEDS for word in words if word.startswith(stem))


def _singular(word: str) -> str:
    return word[:-2] if word.endswith("ses") else word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _same_noun(one: str, other: str) -> bool:
    """'porter' and 'porters', 'witness' and 'witnesses': one word, singular or plural."""
    return bool(one) and _singular(one) == _singular(other)
