"""A person's own second mention of their role is no one else's.

A diary's preface "kept by Samuel Pike, a gunner of the garrison" and its entry "Samuel Pike, a
gunner of the garrison, was wounded" name one gunner twice: the role_places rule (no who-is,
matching or true/false on an indefinite role the document gives someone else) counted the
preface as another gunner, and Pike got no who-is card.  A place whose sentence names the person
(in full, or by the surname) is the person's own; a gunner named with someone else still counts.
"""

from __future__ import annotations

import pytest
from small_project import by_template, make_project, render

PREFACE = ("PREFACE. This diary was kept by Samuel Pike, a gunner of the garrison, during the siege. "
           "Monday, 7th May. Samuel Pike, a gunner of the garrison, was wounded in the arm. ")
OTHER = "Tuesday, 8th May. Thomas Bell, a gunner of the garrison, was killed."

FACTS = """
topic: main
facts:
  - id: pike
    kind: person
    statement: Samuel Pike was wounded in the arm.
    question: Who was wounded in the arm?
    answer: Samuel Pike
    quote: Samuel Pike, a gunner of the garrison, was wounded in the arm.
    data: {name: Samuel Pike, role: a gunner of the garrison}
"""


@pytest.mark.parametrize("text, shared", [
    (PREFACE, False),  # the preface names Pike himself
    (PREFACE + OTHER, True),  # Thomas Bell is a gunner of the garrison too
    ("PREFACE. This diary was kept by a gunner of the garrison. " + PREFACE.split("PREFACE. ")[1], True),
])
def test_a_role_the_document_gives_the_same_person_again_is_not_shared(tmp_path, text, shared):
    make_project(tmp_path, text, FACTS, called="the diary", deck_templates=["recall", "who-is"])
    project, result = render(tmp_path)
    assert bool(project.facts["pike"].role_elsewhere) is shared, project.facts["pike"].role_elsewhere
    assert ("pike" in by_template(result, "who-is")) is not shared
