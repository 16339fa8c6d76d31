"""What an (invented) explorer's journal of 1846 taught the questions: a preface that lists the
party ("two native guides, Warri and Balu") gives the role "a native guide" to two men, in the
plural, so "Who is described in the journal as a native guide?" has two right answers."""

from __future__ import annotations

import pytest

from small_project import by_template, make_project, render

JOURNAL = ("Our party numbered seven: myself; Mr. John Tennant, the surveyor; William Cope, a convict servant; "
           "and two native guides, Warri and Balu. "
           "Thursday, 21st May. Warri led us round a stony range by a pass which he said his people used.")


def _guide(role: str, text: str = JOURNAL) -> str:
    return text, f"""
topic: main
facts:
  - id: warri
    kind: person
    statement: Warri led the party round a stony range.
    question: Which guide led the party round a stony range?
    answer: Warri
    quote: Warri led us round a stony range by a pass which he said his people used.
    data: {{name: Warri, role: {role}}}
  - id: tennant
    kind: person
    statement: Mr. John Tennant was the surveyor.
    question: Who is named first after the leader?
    answer: Mr. John Tennant
    quote: Mr. John Tennant, the surveyor
    data: {{name: Mr. John Tennant, role: the surveyor}}
"""


@pytest.mark.parametrize("role, text, shared", [
    ("a native guide", JOURNAL, True),  # "two native guides, Warri and Balu": Balu is one too
    ("a guide", JOURNAL, True),
    ("a native guide", JOURNAL.replace("two native guides, Warri and Balu", "Warri"), False),
    # the plural of the head noun, before its qualifier: "gunners of the North Battery"
    ("a gunner of the North Battery", "Two gunners of the North Battery, Pike and Bell, fell. Warri led us round "
     "a stony range by a pass which he said his people used.", True),
    ("a gunner of the North Battery", "Two gunners of the South Battery fell. Warri led us round "
     "a stony range by a pass which he said his people used.", False),
    ("a ferryman", "Three ferrymen waited. Warri led us round a stony range by a pass which he said his people used.",
     True),
])
def test_a_role_the_document_gives_in_the_plural_to_others_asks_no_who_is(tmp_path, role, text, shared):
    if "Tennant" not in text:
        text = "Mr. John Tennant, the surveyor, came. " + text
    make_project(tmp_path, *_guide(role, text), called="the journal", deck_templates=["who-is"])
    project, result = render(tmp_path)
    assert bool(project.facts["warri"].role_elsewhere) is shared, project.facts["warri"].role_elsewhere
    who = by_template(result, "who-is")
    assert "tennant" in who  # a definite role is never shared
    assert ("warri" in who) is not shared, who.get("warri") and who["warri"].prompt
