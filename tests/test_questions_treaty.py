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
