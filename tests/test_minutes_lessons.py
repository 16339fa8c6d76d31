"""What (invented) council minutes of 1888 taught the worksheet's report of a short section: a
matching question grouped over the whole deck is filed under the topic of its first fact, so a
section of another topic asking for it is told where to ask instead."""

from __future__ import annotations

from studykit.check import check_project

from small_project import make_project

TEXT = ("Moved by Councillor Birtwistle, seconded by Councillor Pilling. Councillor Dowd moved an amendment. "
        "The Mayor (Alderman J. Fairbrother) in the chair; and the Town Clerk (Mr. W. R. Hindle).")


def person(fid: str, topic: str, name: str, role: str, quote: str) -> str:
    return f"""
  - id: {fid}
    kind: person
    topic: {topic}
    statement: {quote}
    question: Who was {role}?
    answer: {name}
    quote: {quote}
    data: {{name: {name}, role: {role}}}
    category: member
"""


FACTS = "facts:" + "".join([
    person("birtwistle", "water", "Councillor Birtwistle", "the mover of the waterworks motion",
           "Moved by Councillor Birtwistle"),
    person("dowd", "water", "Alderman Dowd", "the mover of the amendment", "Councillor Dowd moved an amendment."),
    person("fairbrother", "council", "Alderman J. Fairbrother", "the Mayor", "Alderman J. Fairbrother"),
    person("hindle", "council", "Mr. W. R. Hindle", "the Town Clerk", "the Town Clerk (Mr. W. R. Hindle)."),
    person("pilling", "water", "Councillor Pilling", "the seconder", "seconded by Councillor Pilling.").replace(
        "    data: {name: Councillor Pilling, role: the seconder}\n", "    data: {name: Councillor Pilling}\n"),
])


def test_a_deck_wide_matching_is_asked_for_in_the_topic_it_is_filed_under(tmp_path):
    make_project(tmp_path, TEXT, FACTS, topics=("water", "council"), called="the minutes")
    recipe = tmp_path / "decks" / "doc.yaml"
    recipe.write_text(recipe.read_text(encoding="utf-8") + "outputs: [worksheet]\nworksheet:\n  sections:\n"
                      "    - topic: council\n      questions: {matching: 1}\n", encoding="utf-8")
    report = check_project(tmp_path)
    assert report.problems == [], report.problems
    made = [q for r in report.decks.values() for q in r.questions if q.template_id == "matching-people"]
    assert [q.topic for q in made] == ["water"], [(q.topic, q.pairs) for q in made]
    [short] = [w.message for w in report.warnings if "matching" in w.message]
    assert "filed under the topic of its first fact (ask for it in that topic's section)" in short, short
