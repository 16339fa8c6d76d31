"""Shortcuts that keep a large course's render linear give exactly what the long way gives."""

from __future__ import annotations

import pytest

from studykit.questions import choices

from small_project import make_project, render

WHOSE = {"whose": """\
    style: multiple_choice
    applies_to: {kinds: [claim]}
    prompt: 'Whose view is this? "{{ fact.quote }}"'
    answer: "{{ fact.data.holder | bare | capfirst }}"
    distractors: {pool: kind, value: "{{ sibling.data.holder | bare | capfirst }}", count: 3, minimum: 2}
"""}


def claims(holders: list[str], extra: dict[int, str] | None = None) -> tuple[str, str]:
    """(source text, facts YAML) of one claim per holder; ``extra`` adds lines to claim n."""
    extra = extra or {}
    text, facts = [], ["facts:"]
    for n, holder in enumerate(holders):
        quote = f"Passage number {n} says the talks went well."
        text.append(quote)
        facts.append(f"""
  - id: claim-{n}
    kind: claim
    topic: main
    statement: {quote}
    question: Whose view is passage {n}?
    answer: {holder}
    quote: {quote}
    data: {{holder: {holder}}}{extra.get(n, "")}""")
    return " ".join(text), "\n".join(facts) + "\n"


def reasons(tmp_path, holders, extra=None, name="p"):
    text, facts = claims(holders, extra)
    _, result = render(make_project(tmp_path / name, text, facts, templates=WHOSE))
    made = {q.id: (q.prompt, q.options, q.correct) for q in result.questions}
    return made, dict(result.reasons)


@pytest.mark.parametrize("size", [5, 60])
def test_claims_of_one_holder_are_skipped_with_the_walks_reason(tmp_path, size):
    # Every other claim offers the same holder as the answer: the walk would try up to 24 of them
    # (all the others in a small pool) and refuse each as the same option.
    made, why = reasons(tmp_path, ["the ambassador's report"] * size)
    tried = min(24, size - 1)
    assert made == {}
    assert why[f"whose/claim-{size - 1}"] == (
        f"only 0 plausible option(s) besides the answer, 2 needed; {tried} comparable fact(s) "
        f"(claim, any category); refused: {tried} option(s) the same as another option; give the fact a "
        "'category:' shared with comparable facts, or 'distractors:'")


def test_an_own_option_is_counted_before_the_siblings(tmp_path):
    made, why = reasons(tmp_path, ["the ambassador's report"] * 6, {2: "\n    distractors: [the embassy]"})
    assert why["whose/claim-2"].startswith("only 1 plausible option(s) besides the answer, 2 needed; "
                                           "5 comparable fact(s)")
    assert "refused: 5 option(s) the same as another option" in why["whose/claim-2"]


@pytest.mark.parametrize("holders", [
    ["the ambassador's report"] * 59 + ["the embassy"],               # one other holder in a large pool
    ["the ambassador's report"] * 4 + ["the embassy", "the press"],   # small pool, some options
    ["the ambassador's report", "'...'"] * 30,                         # an empty option is refused as empty
    ["the ambassador's report"] * 30 + ["The Ambassador's Report."],  # the same key, written otherwise
    ["the embassy"] * 3,                                                # a pool smaller than the minimum
])
def test_the_shortcut_gives_what_the_walk_gives(tmp_path, monkeypatch, holders):
    fast = reasons(tmp_path, holders, name="fast")
    monkeypatch.setattr(choices, "_nothing_to_borrow", lambda *args: None)  # always the long walk
    slow = reasons(tmp_path, holders, name="slow")
    assert fast == slow
