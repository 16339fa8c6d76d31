"""`studykit check` says when a fact's own `distractors:` make no multiple choice.

A teacher who writes wrong options for a fact expects a multiple choice.  When the length rule
(the answer alone twice as long as every option) or the word rule (the answer alone repeats the
question's word) refuses it, the question was simply not made: only `preview` and a worksheet's
shortfall said why.  Now `check` warns at the fact's `distractors`, with the reason and both
fixes (options as long as the answer, or `skip:` to ask it as recall only).
"""

from __future__ import annotations

from pathlib import Path

from small_project import make_project

from studykit.check import check_project

TEXT = ("The keepers of the light were these: Amos Pike, who trimmed the wicks; Jonah Lee, who kept "
        "the log; and the old widow of the former keeper, who lived in the cottage below the tower "
        "and rang the fog bell every night of the winter.")

FACTS = """
topic: main
facts:
  - id: pike
    kind: person
    statement: Amos Pike trimmed the wicks.
    question: Who trimmed the wicks?
    answer: Amos Pike
    quote: "Amos Pike, who trimmed the wicks"
    data: {{name: Amos Pike, role: trimmer of the wicks}}
    distractors: [Jonah Lee, Seth Ward]
  - id: widow
    kind: person
    statement: The old widow of the former keeper rang the fog bell.
    question: Who rang the fog bell every night of the winter?
    answer: The old widow of the former keeper who lived in the cottage
    quote: "the old widow of the former keeper, who lived in the cottage below the tower and rang the fog bell"
    data: {{name: the old widow of the former keeper, role: ringer of the fog bell}}
    distractors: ["the pilot", "the inspector"]{skip}
"""


def _warnings(tmp_path: Path, skip: str = "") -> list[str]:
    make_project(tmp_path, TEXT, FACTS.format(skip=skip), called="the log", deck_templates=["recall", "choice-answer"])
    checked = check_project(tmp_path, strict=True)
    return [str(p) for p in checked.reported if "distractors" in p.message]


def test_own_options_the_length_rule_refuses_are_warned_at_the_distractors(tmp_path):
    found = _warnings(tmp_path)
    assert len(found) == 1, found
    [message] = found
    assert "facts.yaml:19:" in message  # the widow's distractors line
    assert "fact 'widow'" in message and "choice-answer" in message
    assert "its answer alone is long" in message  # the refusal's own reason
    assert "skip: [choice-answer]" in message  # the other fix


def test_a_fact_that_skips_the_template_is_not_warned(tmp_path):
    assert _warnings(tmp_path, skip="\n    skip: [choice-answer]  # asked as recall only") == []


def test_the_word_rule_is_warned_too(tmp_path):
    make_project(tmp_path, "The work which they advanced was the unfinished work of the nation.", """
topic: main
facts:
  - id: work
    kind: term
    statement: The letter calls it the unfinished work.
    question: What does the letter call the work which they advanced?
    answer: The unfinished work
    quote: the unfinished work of the nation
    data: {term: the unfinished work, meaning: the work which they advanced}
    distractors: [a great war, a new birth, the last measure]
""", deck_templates=["recall", "choice-answer"])
    checked = check_project(tmp_path, strict=True)
    found = [str(p) for p in checked.reported if "distractors" in p.message]
    assert len(found) == 1 and "repeats the question's word 'work'" in found[0], found


def test_the_gettysburg_example_asks_its_unfinished_work_as_recall_only():
    """Its 'unfinished work' had distractors ('a great civil war', ...) that the word rule refused
    (the answer alone says 'work'): it now skips the multiple choice and writes none."""
    root = Path(__file__).resolve().parent.parent / "examples" / "gettysburg-address"
    checked = check_project(root, strict=True)
    assert checked.reported == []
    fact = checked.project.facts["unfinished-work"]
    assert fact.distractors == [] and "choice-answer" in fact.skip
