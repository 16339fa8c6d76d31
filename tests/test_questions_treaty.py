"""What a treaty of the early 19th century needs from the checks and the questions: sums in the
older "twelve millions of francs", titled plenipotentiaries ("the Count of Rethel"), places to
evacuate in order, dates of instalments, duties in per cent.

Each rule on a small made-up treaty of its own (no real document).
"""

from __future__ import annotations

from studykit.check import check_project

from small_project import by_template, make_project, render

TEXT = ("His Imperial Majesty shall pay, as an indemnity for the expenses of the war, the sum of twelve "
        "millions of francs, in four equal instalments of three millions of francs each. Millions of "
        "francs were spent on the war. The Varesian troops shall evacuate the places which they now hold "
        "in the following order: the fortress of Marienfels within fifteen days; the port of Aurich "
        "within thirty days; and the fortress of Kesselburg, the last, within sixty days.")


def _project(tmp_path, facts: str):
    return make_project(tmp_path, TEXT, "facts:\n" + facts, called="the treaty")


def _problems(root):
    return [str(p) for p in check_project(root).problems]


INDEMNITY = """\
  - id: indemnity
    kind: figure
    topic: main
    statement: Varesia was to pay an indemnity of 12,000,000 francs, in instalments of 3,000,000 francs.
    question: How large was the indemnity?
    answer: 12,000,000 francs
    quote: the sum of twelve millions of francs, in four equal instalments of three millions of francs each
    data: {item: the indemnity, unit: francs, value: 12000000}
"""


def test_twelve_millions_of_francs_is_read_as_12000000(tmp_path):
    assert _problems(_project(tmp_path, INDEMNITY)) == []


def test_millions_without_a_number_before_it_counts_nothing(tmp_path):
    facts = """\
  - id: spent
    kind: figure
    topic: main
    statement: One million francs were spent on the war.
    question: How much was spent on the war?
    answer: 1,000,000 francs
    quote: Millions of francs were spent on the war.
    data: {item: the cost of the war, unit: francs, value: 1000000}
"""
    problems = _problems(_project(tmp_path, facts))
    assert problems and all("1,000,000" in p for p in problems), problems


EVACUATION = """\
  - id: evacuation
    kind: list
    topic: main
    statement: "The Varesian troops were to evacuate, in this order: Marienfels, the port of Aurich and Kesselburg."
    question: In what order were the Varesian troops to evacuate the places they held?
    answer: The fortress of Marienfels; the port of Aurich; the fortress of Kesselburg
    quote: "in the following order: the fortress of Marienfels within fifteen days; the port of Aurich within thirty days; and the fortress of Kesselburg, the last, within sixty days."
    data:
      label: places the Varesian troops were to evacuate
      ordered: true
      items: [the fortress of Marienfels, the port of Aurich, the fortress of Kesselburg]
"""


def test_an_ordering_label_with_a_clause_keeps_its_verb(tmp_path):
    # The label's head is "places"; "were" is the clause's verb, not a noun to make plural ("weres").
    _, result = render(_project(tmp_path, EVACUATION))
    question = by_template(result, "ordering")["evacuation"]
    assert question.prompt == ("Put the places the Varesian troops were to evacuate in the order the treaty "
                               "gives them.")
    singular = EVACUATION.replace("label: places the Varesian", "label: place the Varesian")
    _, result = render(_project(tmp_path / "one", singular))
    assert by_template(result, "ordering")["evacuation"].prompt.startswith(
        "Put the places the Varesian troops were to evacuate in the order")


SIGNERS_TEXT = ("His Majesty the King of Aldavia, the Sieur Anselm, Count of Rethel, His Minister of State; and "
                "the Sieur Friedrich, Baron de Saulx, His Envoy; His Imperial Majesty, the Sieur Emeric, Count "
                "Tavernier, Lieutenant-General; And the Most Noble Charles, Marquess of Oriel, His Ambassador.")


def _signer(fid: str, name: str, role: str, quote: str) -> str:
    return f"""\
  - id: {fid}
    kind: person
    topic: main
    statement: {name[:1].upper() + name[1:]} was {role}.
    question: Who was {role}?
    answer: {name[:1].upper() + name[1:]}
    quote: {quote}
    data: {{name: {name}, role: {role}}}
    category: plenipotentiary
"""


SIGNERS = (_signer("rethel", "the Count of Rethel", "the Aldavian Minister of State", "Anselm, Count of Rethel, His Minister of State")
           + _signer("saulx", "Baron de Saulx", "the Aldavian Envoy", "Friedrich, Baron de Saulx, His Envoy")
           + _signer("tavernier", "Count Tavernier", "a Lieutenant-General", "Emeric, Count Tavernier, Lieutenant-General")
           + _signer("oriel", "the Marquess of Oriel", "the Ambassador", "Charles, Marquess of Oriel, His Ambassador"))


def test_a_peer_styled_by_his_title_and_place_is_a_name_among_names(tmp_path):
    # "the Count of Rethel" names one man as "Count Tavernier" does; it was refused as
    # "text that is no name", so Rethel and Oriel got no multiple choice and were no option.
    root = make_project(tmp_path, SIGNERS_TEXT, "facts:\n" + SIGNERS, called="the treaty")
    _, result = render(root)
    choice = by_template(result, "choice-answer")
    assert set(choice) == {"rethel", "saulx", "tavernier", "oriel"}
    assert set(choice["rethel"].options) == {"The Count of Rethel", "Baron de Saulx", "Count Tavernier",
                                             "The Marquess of Oriel"}


def test_a_body_of_a_place_is_still_no_name(tmp_path):
    from studykit.questions.comparable import form_of

    assert form_of("the Grand Duke of Baden") == ("name", "")
    assert form_of("the Council of Koressa") == ("text", "")
    assert form_of("the Count") == ("text", "")
    assert form_of("the Duke of the Realm") == ("text", "")


DATES_TEXT = ("This sum shall be paid in four equal instalments: the first on the first day of June 1815, the "
              "second on the first day of October 1815, the third on the first day of March 1816, and the "
              "fourth on the first day of September 1816.")


def _dates_fact(items: str) -> str:
    return f"""\
  - id: instalments
    kind: list
    topic: main
    statement: "The instalments were due on 1 June 1815, 1 October 1815, 1 March 1816 and 1 September 1816."
    question: On which dates were the instalments due?
    answer: 1 June 1815; 1 October 1815; 1 March 1816; 1 September 1816
    quote: "the first on the first day of June 1815, the second on the first day of October 1815, the third on the first day of March 1816, and the fourth on the first day of September 1816."
    data:
      label: dates of the instalments
      ordered: true
      items: {items}
"""


def test_an_ordered_list_of_dates_in_time_order_is_warned_with_the_skip_that_fixes_it(tmp_path):
    # The first number of each item is 1 ('1 June 1815', '1 October 1815' ...): the old rule saw no
    # order, yet a student orders the dates without knowing the treaty.
    in_order = _dates_fact("[1 June 1815, 1 October 1815, 1 March 1816, 1 September 1816]")
    root = make_project(tmp_path / "a", DATES_TEXT, "facts:\n" + in_order, called="the treaty")
    [warning] = [w for w in check_project(root).warnings if "answers itself" in w.message]
    assert "'1 June 1815', '1 October 1815', '1 March 1816' ..." in warning.message
    assert "add 'skip: [ordering]'" in warning.message
    skipped = in_order.replace("    data:\n", "    skip: [ordering]\n    data:\n")
    root = make_project(tmp_path / "b", DATES_TEXT, "facts:\n" + skipped, called="the treaty")
    assert not [w for w in check_project(root).warnings if "answers itself" in w.message]


def test_dates_not_in_time_order_and_items_with_dates_inside_are_told_apart(tmp_path):
    # In the source's order but not in time order: the order has to be learnt.
    shuffled = _dates_fact("[1 June 1815, 1 March 1816, 1 October 1815, 1 September 1816]")
    root = make_project(tmp_path / "a", DATES_TEXT, "facts:\n" + shuffled, called="the treaty")
    assert not [w for w in check_project(root).warnings if "answers itself" in w.message]
    # An item that carries its date beside other words: the advice is to take the dates out.
    labelled = _dates_fact("[the first (June 1815), the second (October 1815), the third (March 1816), "
                           "the fourth (September 1816)]")
    root = make_project(tmp_path / "c", DATES_TEXT, "facts:\n" + labelled, called="the treaty")
    [warning] = [w for w in check_project(root).warnings if "answers itself" in w.message]
    assert "take the numbers out of the items" in warning.message


DUTIES_TEXT = ("The duties levied in the ports of either State upon the goods of the other shall not exceed five "
               "per cent of their value. Wines and spirits shall pay twelve per cent.")
DUTIES = """\
  - id: general-duty
    kind: figure
    topic: main
    statement: Duties on the goods of the other State were not to exceed 5 per cent of their value.
    question: What was the highest duty either State might levy on the goods of the other?
    answer: 5 per cent of their value
    quote: shall not exceed five per cent of their value
    data: {item: the duty on the goods of the other State, unit: per cent, value: 5}
    distractors: [10 per cent]
    category: duty
  - id: wine-duty
    kind: figure
    topic: main
    statement: Wines and spirits were to pay a duty of 12 per cent.
    question: What duty were wines and spirits to pay?
    answer: 12 per cent
    quote: Wines and spirits shall pay twelve per cent.
    data: {item: the duty on wines and spirits, unit: per cent, value: 12}
    category: duty
"""


def test_a_share_in_per_cent_is_no_unit_to_type_it_in(tmp_path):
    _, result = render(make_project(tmp_path, DUTIES_TEXT, "facts:\n" + DUTIES, called="the treaty"))
    typed = by_template(result, "figure-typed")["general-duty"]
    assert typed.prompt == "What figure does the treaty give for the duty on the goods of the other State?"
    assert typed.answer == "5 per cent"


def test_hand_written_distractors_serve_the_figure_an_answer_is_written_around(tmp_path):
    # The answer says "5 per cent of their value"; the multiple choice asks the figure, "5 per cent".
    # The teacher's "10 per cent" was ignored, and with one comparable duty no question was made.
    _, result = render(make_project(tmp_path, DUTIES_TEXT, "facts:\n" + DUTIES, called="the treaty"))
    choice = by_template(result, "choice-figure")
    assert set(choice["general-duty"].options) == {"5 per cent", "10 per cent", "12 per cent"}
    assert "wine-duty" not in choice  # no distractors of its own, one comparable duty: too few


def test_a_quick_answer_cut_after_a_separator_ends_in_the_ellipsis_alone():
    # An essay's quick answer joins its marking points with " · "; cut at the 90th character it
    # printed "... could close · …" on the key.
    from studykit.worksheets.render import cut

    points = ["Lusenian merchants could use the river, which neither Aldavia nor Varesia could close",
              "A free river kept the new frontier from becoming a cause of a new war"]
    assert cut(" · ".join(points)) == ("Lusenian merchants could use the river, which neither Aldavia nor "
                                       "Varesia could close …")
    assert cut("the first, the second, the third, the fourth, the fifth, the sixth, the seventh, the eighth, "
               "the ninth") == "the first, the second, the third, the fourth, the fifth, the sixth, the seventh, the …"


SIGNED_TEXT = ("Done at Castelbrück, the fourteenth day of March, in the year of our Lord 1815. "
               "The Phalarians withdrew to their own land before the winter of 429 BC.")


def _event(fid: str, statement: str, question: str, answer: str, quote: str) -> str:
    return f"""\
  - id: {fid}
    kind: event
    topic: main
    statement: {statement}
    question: {question}
    answer: {answer}
    quote: {quote}
"""


def test_a_date_answered_with_on_is_accepted_bare_and_in_the_other_order_and_marked_by_machine(tmp_path):
    # "On 14 March 1815" is four words: it went to the exports as an essay, and "14 March 1815"
    # or "March 14, 1815" typed on the practice page was marked wrong.
    facts = (_event("signed", "The treaty was signed at Castelbrück on 14 March 1815.", "When was the treaty signed?",
                    "On 14 March 1815", "Done at Castelbrück, the fourteenth day of March, in the year of our Lord 1815.")
             + _event("withdrew", "The Phalarians withdrew before the winter of 429 BC.",
                      "When did the Phalarians withdraw?", "Before the winter of 429 BC",
                      "The Phalarians withdrew to their own land before the winter of 429 BC."))
    _, result = render(make_project(tmp_path, SIGNED_TEXT, "facts:\n" + facts, called="the treaty"))
    recall = by_template(result, "recall")
    assert recall["signed"].machine_answers() == ["On 14 March 1815", "14 March 1815", "March 14, 1815",
                                                  "March 14 1815"]
    assert recall["withdrew"].accept == [] and recall["withdrew"].machine_answers() == []


def test_a_date_written_out_as_the_treaty_writes_it_accepts_the_usual_writings(tmp_path):
    # when: "the fourteenth day of March, in the year of our Lord 1815" -> the when card accepted
    # only those words; "14 March 1815" typed on the practice page or in Moodle was marked wrong.
    facts = """\
  - id: signed
    kind: event
    topic: main
    statement: The treaty was done at Castelbrück on the fourteenth day of March, in the year of our Lord 1815.
    question: Where was the treaty done?
    answer: At Castelbrück
    quote: Done at Castelbrück, the fourteenth day of March, in the year of our Lord 1815.
    data: {where: Castelbrück, when: "the fourteenth day of March, in the year of our Lord 1815"}
"""
    _, result = render(make_project(tmp_path, SIGNED_TEXT, "facts:\n" + facts, called="the treaty"))
    when = by_template(result, "when")["signed"]
    assert when.prompt == "When? The treaty was done at Castelbrück on _____."
    assert when.machine_answers() == ["the fourteenth day of March, in the year of our Lord 1815",
                                      "14 March 1815", "March 14, 1815", "March 14 1815"]


def test_a_sum_in_millions_is_accepted_as_people_write_it(tmp_path):
    # "12 million francs" is how a student writes 12,000,000 francs; without a hand-written
    # 'accept' it was marked wrong on the practice page and in the quiz exports.
    from studykit.export.common import answer_variants

    _, result = render(_project(tmp_path, INDEMNITY))
    recall = by_template(result, "recall")["indemnity"]
    assert "12 million francs" in recall.machine_answers()
    assert "12 million francs" in answer_variants("12,000,000 francs")
    assert "1.5 million florins" in answer_variants("1,500,000 florins")
    assert answer_variants("1,234,567 men") == ["1,234,567 men", "1234567 men"]  # no one writes it in millions


def test_items_numbered_by_ordinals_or_articles_in_order_are_warned(tmp_path):
    # "the first instalment" ... "the fourth instalment", "Article IV", "Article V", "Article VII":
    # the order is in the words; no digit, so the rule for years saw none.
    text = "His Majesty guarantees the execution of Articles IV, V and VII. " + DATES_TEXT
    ordinals = _dates_fact("[the first instalment, the second instalment, the third instalment, "
                           "the fourth instalment]")
    articles = """\
  - id: articles
    kind: list
    topic: main
    statement: "His Majesty guaranteed Article IV, Article V and Article VII."
    question: Which articles did His Majesty guarantee?
    answer: Article IV; Article V; Article VII
    quote: His Majesty guarantees the execution of Articles IV, V and VII.
    data:
      label: articles guaranteed
      ordered: true
      items: [Article IV, Article V, Article VII]
"""
    root = make_project(tmp_path / "a", text, "facts:\n" + ordinals + articles, called="the treaty")
    warned = {w.message.split("'")[1]: w.message for w in check_project(root).warnings
              if "answers itself" in w.message}
    assert set(warned) == {"instalments", "articles"}
    assert "('first', 'second', 'third' ...)" in warned["instalments"]
    assert "('Article IV', 'Article V', 'Article VII')" in warned["articles"]
    assert "add 'skip: [ordering]'" in warned["articles"]
    # Out of order, or Roman numerals not written the usual way: nothing to warn.
    shuffled = articles.replace("[Article IV, Article V, Article VII]", "[Article V, Article IV, Article VII]")
    root = make_project(tmp_path / "b", text, "facts:\n" + shuffled, called="the treaty")
    assert not [w for w in check_project(root).warnings if "answers itself" in w.message]


def test_a_numeric_quiz_answer_is_asked_in_the_figures_own_unit(tmp_path):
    # "5 per cent of their value": Moodle was told "(Answer with a number; unit: per cent of
    # their value.)".
    from studykit.export.common import numeric_answer

    _, result = render(make_project(tmp_path, DUTIES_TEXT, "facts:\n" + DUTIES, called="the treaty"))
    recall = by_template(result, "recall")
    assert numeric_answer(recall["general-duty"], 0.0).unit == "per cent"
    assert numeric_answer(recall["wine-duty"], 0.0).unit == "per cent"


def test_a_number_in_words_the_quote_does_not_give_is_warned(tmp_path):
    # "eighteen months after the signature": the teacher's own count, presented as the treaty's;
    # the digit check reads digits only. Small counts of what the quote lists stay allowed.
    facts = """\
  - id: last
    kind: event
    topic: main
    statement: The fourth and last instalment was due on 1 September 1816, eighteen months after the signature.
    question: How long after the signature was the last instalment due?
    answer: Eighteen months
    quote: and the fourth on the first day of September 1816.
"""
    root = make_project(tmp_path / "a", DATES_TEXT, "facts:\n" + facts, called="the treaty")
    warned = [w for w in check_project(root).warnings if "which its quote does not give" in w.message]
    assert [w.message.split(": its ")[1].split(",")[0] for w in warned] == [
        "statement says 'eighteen' (18)", "answer says 'Eighteen' (18)"]
    own = facts.replace(", eighteen months after the signature", "").replace(
        "How long after the signature was the last instalment due?", "When was the last instalment due?").replace(
        "answer: Eighteen months", "answer: On 1 September 1816\n    context: Eighteen months after the signature.")
    root = make_project(tmp_path / "b", DATES_TEXT, "facts:\n" + own, called="the treaty")
    assert not [w for w in check_project(root).warnings if "which its quote does not give" in w.message]


def test_per_cent_stays_on_one_line_with_its_number_on_a_sheet():
    # Worksheet A printed "... a duty of 12 per" / "cent." across two lines.
    from studykit.worksheets.render import keep_per_cent

    nbsp = "\u00a0"
    assert keep_per_cent("<p>a duty of 12 per cent.</p>") == f"<p>a duty of 12{nbsp}per{nbsp}cent.</p>"
    assert keep_per_cent("<p>per head, 12 percent</p>") == "<p>per head, 12 percent</p>"  # nothing to keep


def test_a_comma_that_ended_an_item_of_a_list_in_brackets_is_warned(tmp_path):
    # '[Oriel, Charles, Marquess of Oriel]' accepted 'Charles' alone; '[Articles IV, V and VII]'
    # blanked 'Articles IV' and 'V and VII'. A series blanked word by word stays allowed.
    text = ("His Majesty guarantees the execution of Articles IV, V and VII, and the Most Noble Charles, "
            "Marquess of Oriel, signs it; tobacco, cigarettes and kitchenware pass free.")
    facts = """\
  - id: oriel
    kind: event
    topic: main
    statement: Charles, Marquess of Oriel, signed for Lusenia; Articles IV, V and VII were guaranteed.
    question: Who signed for Lusenia?
    answer: The Marquess of Oriel
    quote: "His Majesty guarantees the execution of Articles IV, V and VII, and the Most Noble Charles, Marquess of Oriel, signs it"
    key_terms: [Articles IV, V and VII]
    accept: [Oriel, Charles, Marquess of Oriel]
  - id: goods
    kind: event
    topic: main
    statement: Tobacco, cigarettes and kitchenware were to pass free.
    question: Which goods were to pass free?
    answer: Tobacco, cigarettes and kitchenware
    quote: tobacco, cigarettes and kitchenware pass free.
    key_terms: [Tobacco, cigarettes]
"""
    root = make_project(tmp_path / "a", text, "facts:\n" + facts, called="the treaty")
    warned = sorted(w.message.split(": its ")[1].split(" as two")[0] for w in check_project(root).warnings
                    if "a comma ends an item" in w.message)
    assert warned == ["accept has 'Charles' and 'Marquess of Oriel'", "key_terms has 'Articles IV' and 'V and VII'"]
    quoted = facts.replace("[Articles IV, V and VII]", '["Articles IV, V and VII"]').replace(
        "[Oriel, Charles, Marquess of Oriel]", '[Oriel, "Charles, Marquess of Oriel"]')
    root = make_project(tmp_path / "b", text, "facts:\n" + quoted, called="the treaty")
    assert not [w for w in check_project(root).warnings if "a comma ends an item" in w.message]


def test_a_numbered_list_asked_without_its_order_tells_the_student_the_order_counts(tmp_path):
    # "On which dates were the instalments due?" was marked in the treaty's order (the source
    # numbers them) without the question saying so.
    dates = _dates_fact("[1 June 1815, 1 October 1815, 1 March 1816, 1 September 1816]").replace(
        "question: On which dates were the instalments due?",
        "question: On which dates were the four instalments due?")
    asked = dates.replace("id: instalments", "id: asked").replace(
        "question: On which dates were the four instalments due?",
        "question: On which dates were the instalments due, in the treaty's order?")
    counted = dates.replace("id: instalments", "id: counted").replace(
        "question: On which dates were the four instalments due?", "question: When were the instalments paid?")
    _, result = render(make_project(tmp_path, DATES_TEXT, "facts:\n" + dates + asked + counted, called="the treaty"))
    recall = by_template(result, "list-recall")
    assert recall["instalments"].prompt == ("On which dates were the four instalments due? "
                                            "Give them in the order the treaty gives them.")
    assert recall["asked"].prompt == "On which dates were the instalments due, in the treaty's order? Give four."
    assert recall["counted"].prompt == "When were the instalments paid? Give four, in the order the treaty gives them."
    assert not any(q.any_order for q in recall.values())
