"""A question whose answer its deck's or topic's title names answers itself.

A topic's title is printed above its questions wherever a student meets them: a worksheet's
section heading, the Anki subdeck studied (under the deck's own title), the practice page's list
of topics.  So a question asking for what those titles name ("Where ...?" -> a place, "what does
the figure refer to?" -> the thing, a cloze blank; "Who was the prisoner?" in the deck "The Trial
of John Doe") is not made, and a cloze keeps only its other blanks.  The answer is compared as a
reader would: without its opening article or preposition and a closing "'s" ("at Pagai", "an
indemnity", "South Korea's").
"""

from __future__ import annotations

from ..errors import Problem, warning
from ..model import Fact, Project
from .option_keys import named_in

_OPENINGS = ("the ", "a ", "an ", "at ", "in ", "on ", "to ", "into ", "from ", "by ", "of ")


def heading(project: Project, fact: Fact, deck_title: str = "") -> str:
    """The titles printed above the fact's questions, as Anki names its subdeck ('Deck::Topic'),
    ('' when there are none)."""
    source = project.sources.get(fact.source_id)
    topic = source.topic(fact.topic) if source is not None else None
    return "::".join(t for t in (deck_title, topic.title if topic is not None else "") if t)


def names_answer(title: str, answer: str) -> bool:
    """Whether ``title`` names all of ``answer`` (whole words, any case).

    Asked of every short answer and cloze term, and almost always no: an answer's last word of
    letters and digits alone stays a word of the key :func:`named_in` looks for in the title, so a
    title without it is told no at once (:func:`names_wholly` is the whole comparison)."""
    words = str(answer).split()
    if title and words and words[-1].isascii() and words[-1].isalnum() and words[-1].lower() not in title.casefold():
        return False
    return names_wholly(title, answer)


def names_wholly(title: str, answer: str) -> bool:
    """:func:`names_answer` without its quick no."""
    core = " ".join(str(answer).split())
    while core.lower().startswith(_OPENINGS):
        core = core.split(" ", 1)[1] if " " in core else ""
    for ending in ("'s", "’s", "'", "’"):
        if core.endswith(ending):
            core = core[: -len(ending)]
            break
    return bool(title and core) and named_in(core, title)


def refusal(title: str, answer: str) -> str:
    """Why a question is not made, for preview."""
    return (f"the deck's and topic's titles '{title}' name its answer ('{answer}'): the Anki deck and "
            "subdeck and the worksheet's section heading would give it away")


def named_key_terms(project: Project) -> list[Problem]:
    """A key term its topic's title names: the cloze never blanks it, and its "Fill in the
    blanks." counts it; `check` says so at the term, so the fact's data says what is asked."""
    found = []
    for fact in project.facts.values():
        title = heading(project, fact)
        for i, term in enumerate(fact.key_terms):
            if names_answer(title, term):
                found.append(warning(fact.path, fact.position(f"key_terms.{i}"), (
                    f"fact '{fact.id}': its key term '{term}' is named by its topic's title '{title}', "
                    "which is printed above its questions, so its cloze does not blank it; take it out "
                    "of key_terms")))
    return found
