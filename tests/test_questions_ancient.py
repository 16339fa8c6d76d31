"""What an ancient-history document needs from the questions: years BC, ranges and sums in two
units ("between 40 and 50 ships", "9 talents and 2,000 drachmas"), small figures worth a blank.

Each rule on a small made-up chronicle of its own (no real document).
"""

from __future__ import annotations

from typer.testing import CliRunner

from studykit.check import check_project
from studykit.cli import app
from studykit.questions.answer_forms import date_forms

from small_project import by_template, make_project, render

TEXT = ("In 431 BC the Phalarians put to sea with about 300 ships. In that battle the Phalarians lost "
        "between 40 and 50 ships, and the Koressians lost 11. In 429 BC they came with an army of "
        "8,000 to 9,000 men. The Council set aside 9 talents and 2,000 drachmas for the wall. "
        "Lysikles asked for 40 ships and 60 talents of silver. The Athenians voted to send 20 ships. "
        "The refinery was raised from 1 million to 2 million tons. In 428 BC the wall was finished; "
        "the quarrel had begun in 433 BC. The price of a horse rose from 200 to 300 drachmas.")


def _figure(fid: str, statement: str, answer: str, quote: str, data: str, key_terms: str = "[]") -> str:
    return f"""\
  - id: {fid}
    kind: figure
    topic: main
    statement: {statement}
    question: What does the chronicle say?
    answer: {answer}
    quote: {quote}
    key_terms: {key_terms}
    data: {data}
"""


RANGE = _figure("losses", "At the battle the Phalarians lost between 40 and 50 ships.", "Between 40 and 50 ships",
                "the Phalarians lost between 40 and 50 ships", "{item: ships lost, unit: ships, value: 40}")
ARMY = _figure("army", "In 429 BC the Phalarians came with an army of 8,000 to 9,000 men.", "8,000 to 9,000 men",
               "In 429 BC they came with an army of 8,000 to 9,000 men",
               "{item: the Phalarian army, unit: men, value: 8000}")
SUM = _figure("wall", "The Council set aside 9 talents and 2,000 drachmas for the wall.",
              "9 talents and 2,000 drachmas", "The Council set aside 9 talents and 2,000 drachmas for the wall.",
              "{item: the wall, unit: talents, value: 9}")
# Not ranges or sums: two things asked for in one breath, and a change whose both ends are data.
SHIPS = _figure("ships", "Lysikles asked for 40 ships and 60 talents of silver; the Athenians sent 20 ships.",
                "40 ships asked for; 20 ships sent",
                "[Lysikles asked for 40 ships and 60 talents of silver, The Athenians voted to send 20 ships]",
                "{item: ships, unit: ships, requested: 40, promised: 20, promised_as: sent}")
REFINERY = _figure("refinery", "The refinery was raised from 1 million to 2 million tons.",
                   "From 1 million to 2 million tons", "The refinery was raised from 1 million to 2 million tons.",
                   "{item: the refinery, unit: tons, requested: 1000000, promised: 2000000, "
                   "requested_as: planned, promised_as: raised}")


def _warnings(tmp_path, facts: str):
    root = make_project(tmp_path, TEXT, "facts:\n" + facts, called="the chronicle")
    result = check_project(root)
    assert result.problems == [], [str(p) for p in result.problems]
    return result.warnings


def _line_of(facts: str, needle: str) -> int:
    return 1 + next(i for i, line in enumerate(facts.splitlines(), 1) if needle in line)  # 'facts:' line


def test_a_range_kept_as_one_figure_is_warned_at_its_data_with_what_would_print(tmp_path):
    facts = RANGE + ARMY
    warnings = _warnings(tmp_path, facts)
    by_fact = {w.message.split("'")[1]: w for w in warnings if "would print" in w.message}
    assert set(by_fact) == {"losses", "army"}
    losses, army = by_fact["losses"], by_fact["army"]
    assert losses.severity == "warning" and losses.line == _line_of(facts, "value: 40}")
    assert "a range, 'Between 40 and 50'" in losses.message and "would print '40 ships'" in losses.message
    assert "'kind: event'" in losses.message and "keep 'Between 40 and 50' whole" in losses.message
    assert "a range, '8,000 to 9,000'" in army.message and "would print '8,000 men'" in army.message


def test_a_hedge_word_of_a_range_is_no_bound(tmp_path):
    # 'approximate: between' passes the bound check (the quote has 'between' before 40), yet
    # every figure question would print "between 40 ships": the range warning says so.
    facts = RANGE.replace("value: 40}", "value: 40, approximate: between}")
    warnings = _warnings(tmp_path, facts)
    [warning] = [w for w in warnings if "would print" in w.message]
    assert "would print 'between 40 ships'" in warning.message


def test_a_sum_in_two_units_kept_as_one_figure_is_warned(tmp_path):
    facts = SUM.replace("key_terms: []", 'key_terms: ["9 talents and 2,000 drachmas"]')
    warnings = _warnings(tmp_path, facts)
    [warning] = [w for w in warnings if "would print" in w.message]
    assert "a sum in two units, '9 talents and 2,000 drachmas'" in warning.message
    assert "would print '9 talents'" in warning.message and warning.line == _line_of(facts, "value: 9}")


def test_two_things_in_one_breath_and_a_change_between_two_data_figures_are_not_warned(tmp_path):
    assert [w for w in _warnings(tmp_path, SHIPS + REFINERY) if "would print" in w.message] == []


def test_a_change_from_one_figure_to_another_is_no_range(tmp_path):
    # "rose from 200 to 300 drachmas" with the new price as the value: one number, no range.
    price = _figure("price", "The price of a horse rose from 200 to 300 drachmas.", "300 drachmas",
                    "The price of a horse rose from 200 to 300 drachmas.",
                    "{item: the price of a horse, unit: drachmas, value: 300}")
    assert [w for w in _warnings(tmp_path, price) if "would print" in w.message] == []


def test_a_two_digit_figure_is_a_blank_worth_keeping_but_a_short_word_is_not(tmp_path):
    facts = _figure("lost", "In that battle the Koressians lost 11 ships.", "11 ships",
                    "In that battle the Phalarians lost between 40 and 50 ships, and the Koressians lost 11.",
                    "{item: Koressian ships lost, unit: ships, value: 11}", key_terms='["11", "in"]')
    warnings = [w for w in _warnings(tmp_path, facts) if "trivial" in w.message]
    assert [w.message.split("'")[3].lower() for w in warnings] == ["in"]


def test_a_year_bc_is_accepted_in_its_other_spellings_but_never_bare(tmp_path):
    assert date_forms("438 BC") == ["438 BCE", "438 B.C.", "438 B.C.E."]
    assert "15 March 44 BCE" in date_forms("15 March 44 BC") and "March 15, 44 BC" in date_forms("15 March 44 BC")
    assert "79 CE" in date_forms("AD 79") and "AD 79" in date_forms("79 CE")
    assert date_forms("19 November 1863") == ["November 19, 1863", "November 19 1863"]  # as before
    facts = """\
facts:
  - id: battle
    kind: event
    topic: main
    statement: In 431 BC the Phalarians put to sea with about 300 ships.
    question: What did the Phalarians do in 431 BC?
    answer: They put to sea with about 300 ships
    quote: In 431 BC the Phalarians put to sea with about 300 ships.
    data: {when: 431 BC}
"""
    root = make_project(tmp_path, TEXT, facts, called="the chronicle")
    _, result = render(root)
    when = by_template(result, "when")["battle"]
    assert when.prompt == "When? In _____ the Phalarians put to sea with about 300 ships."
    assert when.answer == "431 BC"
    assert {"431 BCE", "431 B.C."} <= set(when.machine_answers()) and "431" not in when.machine_answers()


def test_a_figure_may_give_its_year_bc(tmp_path):
    facts = _figure("fleet", "In 431 BC the Phalarians put to sea with about 300 ships.", "About 300 ships",
                    "In 431 BC the Phalarians put to sea with about 300 ships.",
                    "{item: the Phalarian fleet, unit: ships, value: 300, approximate: true, year: 431 BC}")
    assert [w for w in _warnings(tmp_path, facts) if "year" in w.message] == []
    wrong = facts.replace("year: 431 BC", "year: 432 BC")  # the year is a number of the fact: quoted
    root = make_project(tmp_path / "wrong", TEXT, "facts:\n" + wrong, called="the chronicle")
    [problem] = check_project(root).problems
    assert "432" in problem.message and "does not appear in its quote" in problem.message


def test_the_documents_own_year_is_suggested_with_its_era(tmp_path):
    facts = _figure("fleet", "This year the Phalarians put to sea with about 300 ships.", "About 300 ships",
                    "In 431 BC the Phalarians put to sea with about 300 ships.",
                    "{item: the Phalarian fleet, unit: ships, value: 300, approximate: true}")
    root = make_project(tmp_path, TEXT, "facts:\n" + facts, called="the chronicle")
    yaml_path = root / "seeds" / "doc" / "source.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("date: 1863-11-19", "date: c. 431 BC"))
    result = check_project(root)
    [warning] = [w for w in result.warnings if "'This year'" in w.message]
    assert "'in 431 BC'" in warning.message


def _person(fid: str, name: str, role: str, topic: str) -> str:
    return f"""\
  - id: {fid}
    kind: person
    topic: {topic}
    category: koressian
    statement: {name} was {role}.
    question: Who was {role}?
    answer: {name}
    quote: {name} was {role}.
    key_terms: [{name}]
    data: {{name: {name}, role: {role}}}
"""


def test_preview_says_when_same_topic_left_the_categorys_other_facts_out(tmp_path):
    # choice-answer borrows only from the fact's own topic: a lone treasurer in 'siege' gets no
    # question though three of his category are in 'campaign'; "add more facts of its category"
    # would puzzle the teacher, so the reason names the topic and the rule.
    people = [("damophilos", "Damophilos", "archon in 438 BC", "campaign"),
              ("nikarchos", "Nikarchos", "the strategos at Ision", "campaign"),
              ("hipponax", "Hipponax", "the strategos who fell", "campaign"),
              ("lysikles", "Lysikles", "the treasurer of the Council", "siege")]
    text = " ".join(f"{name} was {role}." for _, name, role, _ in people)
    facts = "facts:\n" + "".join(_person(*p) for p in people)
    root = make_project(tmp_path, text, facts, called="the chronicle", topics=("campaign", "siege"))
    shown = CliRunner().invoke(app, ["preview", "lysikles", "-p", str(root)])
    [line] = [li for li in shown.output.splitlines() if li.startswith("choice-answer:")]
    assert "0 comparable fact(s) (person, category 'koressian', in topic 'siege')" in line
    assert "3 more in other topics, which the template's 'same_topic: true' leaves out" in line
    assert line.endswith("add 'distractors:' to the fact, or facts of its category to topic 'siege'")


ORDERED = """\
facts:
  - id: war-in-order
    kind: list
    topic: main
    statement: "The chronicle tells of the fleet (431 BC), the army (429 BC) and the wall."
    question: In which order does the chronicle tell of the fleet, the army and the wall?
    answer: The fleet; the army; the wall
    quote: [In 431 BC the Phalarians put to sea, In 429 BC they came with an army, In 428 BC the wall was finished,
            the quarrel had begun in 433 BC]
    data:
      ordered: true
      items: [the fleet (431 BC), the army (429 BC), the wall (428 BC)]
"""


def test_an_ordered_list_whose_years_run_in_order_is_warned_and_one_out_of_order_is_not(tmp_path):
    facts = ORDERED.replace("facts:\n", "")
    [warning] = [w for w in _warnings(tmp_path / "a", facts) if "answers itself" in w.message]
    assert "('431', '429', '428')" in warning.message and "take the numbers out of the items" in warning.message
    assert warning.line == _line_of(facts, "items: [the fleet")
    for name, wall in (("b", "the wall (433 BC)"), ("c", "the wall (429 BC)")):  # out of order; a repeat
        other = facts.replace("the wall (428 BC)", wall)
        assert not [w for w in _warnings(tmp_path / name, other) if "answers itself" in w.message]


def test_an_ordering_card_keeps_fewer_than_half_its_items_in_place(tmp_path):
    # The chronicle's events in order: the card's shuffled list never leaves half of them in
    # place (the flocks first and the peace last would be given free), for every fact's own seed;
    # yet sometimes one stays, so "none is ever in place" is no rule a student could use.
    events = ["the flocks", "the invasion", "the battle", "the siege", "the oracle", "the peace"]
    text = " ".join(f"Then came {e}." for e in events)
    facts = "facts:\n" + "".join(f"""\
  - id: war-order-{n}
    kind: list
    topic: main
    statement: The chronicle tells of {', '.join(events[:k])}.
    question: In which order does the chronicle tell of these {k} events, list {n}?
    answer: {'; '.join(events[:k])}
    quote: [{', '.join(f'Then came {e}.' for e in events[:k])}]
    data: {{ordered: true, label: events of the war, items: [{', '.join(events[:k])}]}}
""" for n, k in enumerate([3, 4, 5, 6] * 6))
    root = make_project(tmp_path, text, facts, called="the chronicle")
    _, result = render(root)
    cards = by_template(result, "ordering")
    assert len(cards) == 24
    kept = []
    for q in cards.values():
        assert sorted(q.options) == sorted(q.order)
        kept.append(sum(shown == right for shown, right in zip(q.options, q.order)))
        assert 2 * kept[-1] < len(q.order), (q.options, q.order)
    assert any(kept), "no card ever keeps an item in place: a derangement is a rule students learn"


def test_a_passage_naming_its_holder_by_the_head_of_the_holders_phrase_asks_with_the_head_blanked(tmp_path):
    # "The answer of the god ..." names "the god at Delphi" (the word before 'at'), and "the Council
    # said ..." names "the Council of Koressa": asked as written, the question would answer itself,
    # so the naming words are blanked (the article with them) and the student reads the attribution.
    views = [("oracle", "the god at Delphi", "The answer of the god was that the plain belonged to Artemis."),
             ("doubt", "the Council of Koressa", "the Council said among themselves that 20 ships were too few."),
             ("purpose", "the chronicler", "a small city can keep its freedom if it keeps its ships."),
             ("defence", "the defenders of Nikarchos", "a dead man could not be put on trial."),
             ("plea", "Lysikles", "We ask you for ships and silver, not for men."),
             ("answer", "the Phalarians", "the plain had never belonged to any city.")]
    text = " ".join(quote for _, _, quote in views)
    facts = "facts:\n" + "".join(f"""\
  - id: {fid}
    kind: claim
    topic: main
    statement: According to {holder}, {quote[0].lower() + quote[1:]}
    question: What was said?
    answer: That {quote[0].lower() + quote[1:-1]}
    quote: "{quote}"
    data: {{holder: {holder}}}
""" for fid, holder, quote in views)
    root = make_project(tmp_path, text, facts, called="the chronicle")
    _, result = render(root)
    asked = by_template(result, "whose-view")
    assert sorted(asked) == ["answer", "defence", "doubt", "oracle", "plea", "purpose"]
    assert "\u201cThe answer of _____ was that the plain belonged to Artemis.\u201d" in asked["oracle"].prompt
    assert "\u201c_____ said among themselves that 20 ships were too few.\u201d" in asked["doubt"].prompt
    assert "god" not in asked["oracle"].prompt and "Council" not in asked["doubt"].prompt
    offered = {option for q in asked.values() for option in q.options}
    assert {"The god at Delphi", "The Council of Koressa"} <= offered
    # "said among themselves" leaves out the single persons: only groups are offered
    assert set(asked["doubt"].options) == {"The Council of Koressa", "The Phalarians", "The defenders of Nikarchos"}


def test_head_noun_is_the_word_before_the_first_preposition():
    from studykit.questions.noun_phrases import head_noun
    assert head_noun("the god at Delphi") == "god"
    assert head_noun("the Council of Koressa") == "Council"
    assert head_noun("members of the Korean delegation") == "members"
    assert head_noun("Soviet comrades") == "comrades" and head_noun("Lysikles") == "Lysikles"
    assert head_noun("the envoys (of Phalaros)") == "envoys"  # asides dropped, as final_noun does


def test_the_keys_chart_spells_a_categorys_names_as_the_facts_do(tmp_path):
    # A category is a lower-case id ('aid-from-athens'); the chart's panel title spells its
    # words as the facts write them inside a sentence ("ships from Athens"), and leaves a word
    # capitalised only where a sentence starts ("Delivery ...") in lower case.
    from test_document_words import built_sheets, chart_words

    text = ("Lysikles asked for 40 ships and 60 talents of silver. The Athenians voted to send 20 ships "
            "and to lend 25 talents. Delivery of 30 horses was asked; 10 horses came.")
    facts = "facts:\n" + "".join(f"""\
  - id: {fid}
    kind: figure
    topic: main
    category: {category}
    statement: {statement}
    question: How much?
    answer: {requested} {unit} asked; {promised} {unit} given
    quote: [{quote}]
    data: {{item: {item}, unit: {unit}, requested: {requested}, promised: {promised}}}
""" for fid, category, statement, item, unit, requested, promised, quote in [
        ("ships", "aid-from-athens", "Lysikles asked the Athenians for 40 ships and got 20.", "ships from Athens",
         "ships", 40, 20, "Lysikles asked for 40 ships, The Athenians voted to send 20 ships"),
        ("silver", "aid-from-athens", "Lysikles asked for 60 talents of silver and got 25.", "silver from Athens",
         "talents", 60, 25, "60 talents of silver, to lend 25 talents"),
        ("horses", "delivery", "Delivery of 30 horses was asked; 10 came.", "horses", "horses", 30, 10,
         "Delivery of 30 horses was asked; 10 horses came.")])
    _, key = built_sheets(tmp_path, text, facts, "{short_answer: 1}")
    words = chart_words(key)
    assert "In ships (aid from Athens)" in words and "In talents (aid from Athens)" in words
    assert "In horses (delivery)" in words


def test_a_quiz_export_accepts_a_peoples_name_without_its_article(tmp_path):
    # "The Athenians" typed as "Athenians" is right (the practice page ignores articles);
    # Moodle's short answer matches exactly, so the export lists the bare form too.
    facts = """\
facts:
  - id: athenians-forgave
    kind: person
    topic: main
    statement: The Athenians sent 20 ships.
    question: Who voted to send 20 ships?
    answer: The Athenians
    quote: The Athenians voted to send 20 ships.
    data: {name: the Athenians, role: the people who sent the ships}
"""
    root = make_project(tmp_path, TEXT, facts, called="the chronicle", deck_templates=["recall"])
    runner = CliRunner()
    gift_text = runner.invoke(app, ["export", "gift", "doc", "-p", str(root), "--out", "-"]).output
    [line] = [li for li in gift_text.splitlines() if li.startswith("::recall/athenians-forgave::")]
    assert "{=The Athenians =Athenians ####" in line
    xml_text = runner.invoke(app, ["export", "moodle-xml", "doc", "-p", str(root), "--out", "-"]).output
    assert "<text>Athenians</text>" in xml_text and "<text>The Athenians</text>" in xml_text


def test_a_quotation_in_straight_single_quotes_prints_in_curly_ones_and_apostrophes_stay():
    from studykit.questions.punctuation import quoted
    assert quoted("he told them, 'Hold the sea.' Then he left") == (
        "\u201che told them, \u2018Hold the sea.\u2019 Then he left\u201d")
    assert quoted("the Koreans' position and the government's policy") == (
        "\u201cthe Koreans' position and the government's policy\u201d")
    assert quoted('He said "no".') == "\u201cHe said \u2018no\u2019.\u201d"  # as before


def test_a_hedged_figure_is_never_offered_or_falsified_with_a_figure_about_as_large(tmp_path):
    # "about 300 ships": a false "about 290 ships" would be about right too. Figures a quarter or
    # more apart still serve (73, 40, 11 ships); an exact figure may be offered any other figure.
    from studykit.questions.figure_compare import apart

    fleet_text = ("The Phalarians came with about 300 ships. The islanders had 290 ships. The allies had 73 ships. "
                  "The Phalarians lost 40 ships. The allies lost 11 ships.")
    rows = [("fleet", "The Phalarians came with about 300 ships.", "the Phalarian fleet", 300, True),
            ("islanders", "The islanders had 290 ships.", "the islanders' fleet", 290, False),
            ("allies", "The allies had 73 ships.", "the allied fleet", 73, False),
            ("lost", "The Phalarians lost 40 ships.", "the Phalarian losses", 40, False),
            ("allied-lost", "The allies lost 11 ships.", "the allied losses", 11, False)]
    facts = "facts:\n" + "".join(_figure(
        fid, statement, f"{'About ' if hedged else ''}{value} ships", statement,
        f"{{item: {item}, unit: ships, value: {value}{', approximate: true' if hedged else ''}}}")
        for fid, statement, item, value, hedged in rows)
    root = make_project(tmp_path, fleet_text, facts, called="the chronicle")
    _, result = render(root)
    fleet = by_template(result, "choice-figure")["fleet"]
    assert sorted(fleet.options) == ["about 11 ships", "about 300 ships", "about 40 ships", "about 73 ships"]
    false = by_template(result, "true-false-figure")["fleet"]
    assert "290" not in false.prompt
    assert (apart(290, 300, True), apart(250, 300, True), apart(290, 300, False), apart(300, 300, False)) == (
        False, False, True, False)
    assert apart(240, 300, True) and apart(400, 300, True)
