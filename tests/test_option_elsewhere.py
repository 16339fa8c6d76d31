"""A multiple choice answer is offered as a wrong option elsewhere in its topic too.

Options were drawn at random per question, so the answer of one question could be left out of
every other question of its part of the deck ("Samuel Pryor" offered only in the question he
answers): a student who notices "this name shows up only once" picks it without knowing.  Now
each question also offers the answer of the next question of its topic in a fixed order of the
pool (a ring), so every answer the topic's other questions may offer is offered by one of them.
"""

from __future__ import annotations

from collections import defaultdict

from studykit.questions.option_keys import option_key

from small_project import make_project, render

HOLDERS = ["the miller", "the carter", "the vicar", "the mayor", "the weavers", "the brewer",
           "the sexton", "the toll keeper"]
TOPICS = [f"part{n}" for n in range(1, 9)]
THINGS = ["bridge", "market", "weir", "toll", "school", "well", "lane", "church", "mill", "green",
          "ford", "inn", "pound", "forge", "quay", "gate"]
DEEDS = ["should be mended before the winter", "was too small for the town", "cost too much for the parish",
         "would be finished by the spring", "was in a poor state"]


def _claims() -> list[tuple[str, str, str, str]]:
    """(fact id, topic, holder, sentence): five claims a topic, four or five holders in each."""
    claims = []
    for t, topic in enumerate(TOPICS):
        for n, deed in enumerate(DEEDS):
            holder = HOLDERS[(t * 3 + n * (1 + t % 2)) % len(HOLDERS)]
            thing = THINGS[(t * 5 + n) % len(THINGS)]
            claims.append((f"{topic}-{n}", topic, holder, f"The {thing} of ward {t}{n} {deed}."))
    return claims


def _project(tmp_path):
    claims = _claims()
    text = " ".join(sentence for *_, sentence in claims)
    facts = "facts:\n" + "".join(f"""\
  - id: {fid}
    kind: claim
    topic: {topic}
    statement: "According to {holder}, {sentence[0].lower() + sentence[1:]}"
    question: What was said?
    answer: "That {sentence[0].lower() + sentence[1:-1]}"
    quote: "{sentence}"
    data: {{holder: "{holder}"}}
""" for fid, topic, holder, sentence in claims)
    return make_project(tmp_path, text, facts, deck_templates=["whose-view"], topics=tuple(TOPICS))


def _lone_answers(questions) -> list[tuple[str, str]]:
    """(topic, answer) of each answer no other question of its topic offers, though one of them
    has another answer (so could offer it)."""
    by_topic = defaultdict(list)
    for q in questions:
        by_topic[q.topic].append(q)
    lone = []
    for topic, asked in by_topic.items():
        for q in asked:
            key = option_key(q.answer)
            others = [p for p in asked if option_key(p.answer) != key]
            if others and not any(key in {option_key(o) for o in p.options} for p in others):
                lone.append((topic, q.answer))
    return sorted(set(lone))


def test_every_answer_is_offered_wrong_elsewhere_in_its_topic(tmp_path):
    _, result = render(_project(tmp_path))
    asked = [q for q in result.questions if q.template_id == "whose-view"]
    assert len(asked) == len(_claims())
    assert all(len(q.options) == 4 for q in asked)
    assert _lone_answers(asked) == []
