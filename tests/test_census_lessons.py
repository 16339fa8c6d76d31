"""What an (invented) county census report of 1851 and the minutes of a vote taught the figure
warnings: a change over time ('grown from 18,204 persons in 1841 to 31,870 in 1851') is no range,
nor is a vote ('carried by 14 votes to 9'), and two counts of two kinds in one breath ('4,870
women and 2,955 children') are no sum in two units; the ranges and sums those warnings are for
('8,000 to 9,000 men', '9 talents and 2,000 drachmas') still are."""

from __future__ import annotations

from studykit.check import check_project

from small_project import make_project

TEXT = ("The manufacturing town of Brackley has grown from 18,204 persons in 1841 to 31,870 in 1851. "
        "In Brackley alone the mills employed 4,870 women and 2,955 children under fifteen years of age. "
        "They came with an army of 8,000 to 9,000 men. The Council set aside 9 talents and 2,000 "
        "drachmas for the wall.")


def figure(fid: str, statement: str, answer: str, quote: str, data: str, key_terms: str = "[]") -> str:
    return f"""
  - id: {fid}
    kind: figure
    statement: {statement}
    question: What does the report say?
    answer: {answer}
    quote: {quote}
    key_terms: {key_terms}
    data: {data}
"""


GROWTH = figure("growth", "Brackley grew from 18,204 persons in 1841 to 31,870 in 1851.",
                "18,204 in 1841; 31,870 in 1851",
                "The manufacturing town of Brackley has grown from 18,204 persons in 1841 to 31,870 in 1851",
                "{item: the population of Brackley, unit: persons, requested: 18204, promised: 31870, "
                "requested_as: counted first, promised_as: counted last}")
NOW = figure("now", "Brackley had 31,870 persons in 1851.", "31,870 persons",
             "The manufacturing town of Brackley has grown from 18,204 persons in 1841 to 31,870 in 1851",
             "{item: the population of Brackley in 1851, unit: persons, value: 31870}")
WOMEN = figure("women", "In Brackley the mills employed 4,870 women and 2,955 children.",
               "4,870 women and 2,955 children",
               "In Brackley alone the mills employed 4,870 women and 2,955 children under fifteen years of age.",
               "{item: women in the Brackley mills, unit: women, value: 4870}",
               key_terms='["4,870 women and 2,955 children"]')
ARMY = figure("army", "They came with an army of 8,000 to 9,000 men.", "8,000 to 9,000 men",
              "They came with an army of 8,000 to 9,000 men.", "{item: the army, unit: men, value: 8000}")
WALL = figure("wall", "The Council set aside 9 talents and 2,000 drachmas for the wall.",
              "9 talents and 2,000 drachmas",
              "The Council set aside 9 talents and 2,000 drachmas for the wall.",
              "{item: the money for the wall, unit: talents, value: 9}",
              key_terms='["9 talents and 2,000 drachmas"]')


def cut_short(tmp_path, facts: str) -> dict[str, str]:
    """Fact id -> the 'would print' warning, for each figure warned as cut short."""
    root = make_project(tmp_path, TEXT, "topic: main\nfacts:" + facts, called="the report")
    result = check_project(root)
    assert result.problems == [], [str(p) for p in result.problems]
    return {w.message.split("'")[1]: w.message for w in result.warnings if "would print" in w.message}


def test_a_change_over_time_between_two_years_is_no_range(tmp_path):
    assert cut_short(tmp_path, GROWTH + NOW) == {}


def test_two_counts_of_two_kinds_are_no_sum(tmp_path):
    assert cut_short(tmp_path, WOMEN) == {}


def test_ranges_and_sums_are_still_warned(tmp_path):
    found = cut_short(tmp_path, ARMY + WALL)
    assert set(found) == {"army", "wall"}, found
    assert "a range, '8,000 to 9,000'" in found["army"]
    assert "a sum in two units, '9 talents and 2,000 drachmas'" in found["wall"]


# --- a vote or a score is no range ------------------------------------------------------------

VOTES = ("The motion was carried by 14 votes to 9. The amendment was lost by 3 votes to 20. "
         "The army was reinforced by 8,000 to 9,000 men.")


def test_a_vote_is_no_range_but_a_range_after_by_still_is(tmp_path):
    facts = (figure("carried", "The motion was carried by 14 votes to 9.", "14 votes to 9",
                    "The motion was carried by 14 votes to 9.", "{item: votes for the motion, unit: votes, value: 14}")
             + figure("lost", "The amendment was lost by 3 votes to 20.", "3 votes to 20",
                      "The amendment was lost by 3 votes to 20.", "{item: votes for the amendment, unit: votes, value: 3}")
             + figure("reinforced", "The army was reinforced by 8,000 to 9,000 men.", "8,000 to 9,000 men",
                      "The army was reinforced by 8,000 to 9,000 men.", "{item: the reinforcements, unit: men, value: 8000}"))
    root = make_project(tmp_path, VOTES, "topic: main\nfacts:" + facts, called="the minutes")
    result = check_project(root)
    assert result.problems == [], [str(p) for p in result.problems]
    warned = {w.message.split("'")[1] for w in result.warnings if "would print" in w.message}
    assert warned == {"reinforced"}, warned
