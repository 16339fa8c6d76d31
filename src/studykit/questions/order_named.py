"""An ordering question whose order the fact's own question gives: `check` warns.

The fact's question is also its list card's prompt ("Government of, by and for whom shall not
perish?"), so when it names every item, by a word no other item has, in the order asked, the
ordering card ("of the people", "by the people", "for the people") is answered from the list
card's wording.  Only where an ordering question is made; the fix is `skip: [ordering]`, or a
question that does not name them.
"""

from __future__ import annotations

import re

from ..errors import Problem, warning
from ..model import Fact

_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


def order_named(fact: Fact, items: list[str]) -> list[Problem]:
    """The warning for an ordering on ``fact`` whose ``items`` its question names in order."""
    if len(items) < 2:
        return []
    words = [set(_WORD.findall(str(item).lower())) for item in items]
    own = [w.difference(*(other for j, other in enumerate(words) if j != i)) for i, w in enumerate(words)]
    asked = _WORD.findall(fact.question.lower())
    named, after = [], -1
    for marks in own:
        place = next((k for k, word in enumerate(asked) if k > after and word in marks), None)
        if place is None:
            return []
        named.append(asked[place])
        after = place
    shown = ", ".join(f"'{word}'" for word in named)
    return [warning(fact.path, fact.position("question"), (
        f"fact '{fact.id}': its question names every item of the list in the order asked ({shown}), so "
        "its ordering question is answered by the list card's wording; ask without naming them, or add "
        "'skip: [ordering]' to the fact"))]
