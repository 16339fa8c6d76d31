"""Worksheet rules on small projects of their own: no giveaways, versions that stop copying,
check's report of impossible requests, essays and unknown styles, labels and house layouts."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner

from studykit import pdf, worksheets
from studykit.check import check_project
from studykit.cli import app
from studykit.questions import Question

from sheet_projects import CLOZE, RECALL, TABLE, TRUE_FALSE, fact, make_project
from test_worksheet import printed_questions, quick_answer_items, writing_lines

DECK = "test-deck"

# Two facts where the stem of one names the answer of the other, and two that stand alone.
GIVEAWAY_FACTS = [
    fact("leader", "Anna Berg led the delegation.", "Who led the delegation?", "Anna Berg",
         "Anna Berg led the delegation."),
    fact("signing", "Anna Berg signed the treaty in the castle.", "What did Anna Berg sign in the castle?",
         "the treaty", "Anna Berg signed the treaty in the castle."),
    fact("weather", "It rained on the day of the visit.", "What was the weather on the day of the visit?",
         "rain", "It rained on the day of the visit."),
    fact("music", "A brass band played at the station.", "What played at the station?", "a brass band",
         "A brass band played at the station."),
]
FIGURES = [
    fact("grain", "They asked for 200 tons of grain and were promised 75 tons.", "How much grain?",
         "200 tons asked; 75 tons promised", "asked for 200 tons of grain and were promised 75 tons",
         kind="figure", data={"item": "grain", "unit": "tons", "requested": 200, "promised": 75}),
    fact("coal", "They asked for 900 tons of coal and were promised 600 tons.", "How much coal?",
         "900 tons asked; 600 tons promised", "asked for 900 tons of coal and were promised 600 tons",
         kind="figure", data={"item": "coal", "unit": "tons", "requested": 900, "promised": 600}),
    fact("salt", "They were promised 40 tons of salt.", "How much salt?", "40 tons",
         "They were promised 40 tons of salt.", kind="figure",
         data={"item": "salt", "unit": "tons", "promised": 40}),
]


def sheets_of(root: Path, **kw):
    checked = check_project(root)
    assert not checked.problems, checked.problems
    return checked, worksheets.sheets(checked.project, checked.project.decks[DECK], checked.decks[DECK], **kw)


def ids(sheet) -> list[str]:
    return [item.question.id if item.question else "chart" for item in sheet.items]


# --- no giveaways ------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(6))
def test_a_stem_naming_another_questions_answer_is_never_on_the_same_sheet(tmp_path, seed):
    root = make_project(tmp_path / str(seed), [dict(f) for f in GIVEAWAY_FACTS], {"recall": RECALL},
                        {"seed": seed, "variants": 3, "draw": "per-version",
                         "sections": [{"topic": "main", "questions": {"short_answer": 3}}]})
    _, pairs = sheets_of(root)
    for sheet, _ in pairs:
        chosen = set(ids(sheet))
        assert len(chosen) == 3
        # 'Who led the delegation?' (Anna Berg) and 'What did Anna Berg sign?' never together
        assert not {"recall/leader", "recall/signing"} <= chosen, chosen


def test_a_fact_in_a_table_is_not_also_asked_as_true_or_false(tmp_path):
    root = make_project(tmp_path, [dict(f) for f in FIGURES], {"table": TABLE, "tf": TRUE_FALSE},
                        {"sections": [{"topic": "main", "questions": {"true_false": 1, "table": 1}}]})
    _, [(sheet, _)] = sheets_of(root)
    # the table holds grain and coal (requested and promised); only salt is left for true/false
    assert sorted(ids(sheet)) == ["table/test-deck/1", "tf/salt"]


@pytest.mark.parametrize("seed", range(6))
def test_two_true_false_statements_about_one_fact_never_share_a_sheet(tmp_path, seed):
    # A false statement borrows another fact's figure ("The promise for grain was 600 tons" is
    # coal's): beside "The promise for coal was 600 tons" one of the two is plainly false.
    facts = [dict(f) for f in FIGURES]
    root = make_project(tmp_path, facts, {"tf": TRUE_FALSE},
                        {"seed": seed, "sections": [{"topic": "main", "questions": {"true_false": 3}}]})
    checked, pairs = sheets_of(root)
    made = checked.decks[DECK].questions
    borrowed = {q.id: q.false_from for q in made if q.false_from}
    assert borrowed, "no false statement borrows here: the rule is not exercised"
    for q in made:  # a borrowed text is the lender's own figure in this fact's words
        if q.false_from:
            lender = checked.project.facts[q.false_from]
            assert f"{lender.data['promised']} tons" in q.prompt and q.truth is False
    def about(q):
        return {q.fact.id, q.false_from} - {""}

    for sheet, _ in pairs:
        states = [about(i.question) for i in sheet.items]
        for i, a in enumerate(states):
            for b in states[i + 1:]:
                assert not a & b, (ids(sheet), states)
        # a statement is left off only for one on the sheet about the same fact
        for q in made:
            if q.id not in ids(sheet):
                assert any(about(q) & s for s in states), (q.id, ids(sheet))


def test_two_false_statements_borrowing_from_one_fact_clash():
    # "The promise for grain was 600 tons" and "The promise for salt was 600 tons", both false and
    # both borrowing coal's figure: one figure for two items tells that at least one is false.
    from studykit.worksheets.giveaways import Profile, clash

    grain = Profile("the promise for grain was 600 tons.", frozenset(), frozenset({"grain"}), False,
                    frozenset({"grain", "coal"}))
    salt = Profile("the promise for salt was 600 tons.", frozenset(), frozenset({"salt"}), False,
                   frozenset({"salt", "coal"}))
    assert clash(grain, salt) == "states something about the same fact as the other"


@pytest.mark.parametrize("seed", range(6))
def test_a_true_or_false_statement_shares_no_fact_with_another_question(tmp_path, seed):
    # "The promise for grain was 600 tons" (false) beside "How much grain?" tells the student a
    # figure that is not the answer: on a multiple choice of the same grain it strikes an option.
    root = make_project(tmp_path, [dict(f) for f in FIGURES], {"recall": RECALL, "tf": TRUE_FALSE},
                        {"seed": seed, "variants": 2, "draw": "per-version",
                         "sections": [{"topic": "main", "questions": {"true_false": 1, "short_answer": 2}}]})
    _, pairs = sheets_of(root)
    for sheet, _ in pairs:
        statements = [i.question for i in sheet.items if i.question.style == "true_false"]
        others = {f.id for i in sheet.items if i.question.style != "true_false" for f in i.question.facts}
        assert others, ids(sheet)  # three facts: a statement fits only beside one short answer
        for q in statements:
            assert not ({q.fact.id, q.false_from} - {""}) & others, (ids(sheet), q.prompt)


ESSAY = {"description": "Analysis (test)", "style": "essay", "applies_to": {"when": "fact.analysis is not none"},
         "prompt": "{{ fact.analysis.question }}", "answer": "{{ '' }}", "marking_points": "fact.analysis.marking_points",
         "points": 3, "targets": ["worksheet"]}


def test_an_essay_shares_the_sheet_with_questions_that_show_its_facts_key_terms(tmp_path):
    # The essay is about 'signing', whose key term 'castle' the short answer on 'signing' shows in
    # its stem. An essay asks for an argument, not for its fact's key terms, so they share the sheet.
    facts = [dict(f) for f in GIVEAWAY_FACTS[1:3]]
    facts[0].update(key_terms=["castle"], analysis={
        "question": "Why would an agreement be signed in such a place?", "marking_points": ["symbolism"]})
    root = make_project(tmp_path, facts, {"recall": RECALL, "essay": ESSAY},
                        {"sections": [{"topic": "main", "questions": {"short_answer": 2, "essay": 1}}]})
    _, [(sheet, _)] = sheets_of(root)
    assert sorted(ids(sheet)) == ["essay/signing", "recall/signing", "recall/weather"]


def test_an_essay_whose_stem_shows_another_answer_is_left_off(tmp_path):
    facts = [dict(f) for f in GIVEAWAY_FACTS[:3]]
    facts[2].update(analysis={"question": "Why does it matter that Anna Berg led the delegation?",
                              "marking_points": ["she was the leader"]})
    root = make_project(tmp_path, facts, {"recall": RECALL, "essay": ESSAY},
                        {"sections": [{"topic": "main", "questions": {"essay": 1, "short_answer": 1}}]})
    _, [(sheet, _)] = sheets_of(root)
    chosen = set(ids(sheet))
    assert "essay/weather" in chosen and "recall/leader" not in chosen  # the stem names 'Anna Berg'


def test_asking_for_more_than_fits_without_giveaways_says_why(tmp_path):
    root = make_project(tmp_path, [dict(f) for f in GIVEAWAY_FACTS], {"recall": RECALL},
                        {"sections": [{"topic": "main", "questions": {"short_answer": 4}}]})
    checked = check_project(root)
    said = []
    (sheet, _), = worksheets.sheets(checked.project, checked.project.decks[DECK], checked.decks[DECK],
                                    shortfalls=said)
    assert len(sheet.items) == 3
    (shortfall,) = said
    assert shortfall.message().endswith(
        "asks for 4 short_answer question(s) but the templates make 4 for topic 'main'; the sheet has 3; fix: "
        "ask for at most 3, or for another style; why, of the 4:\n"
        "  - 1 would give away another question's answer on the sheet")
    # `check` says it too, as a warning at the count in the recipe (so --strict fails on it)
    recipe_text = (root / "decks" / f"{DECK}.yaml").read_text()
    line = next(i for i, text in enumerate(recipe_text.splitlines(), 1) if "short_answer: 4" in text)
    [warning] = [w for w in checked.warnings if "would give away" in w.message]
    assert (warning.path.endswith(f"{DECK}.yaml"), warning.line) == (True, line)
    assert warning.message == shortfall.message()
    # a build's own check leaves the choosing to the build, which says it while writing the sheets
    assert not [w for w in check_project(root, choose_sheets=False).warnings if "would give away" in w.message]


# The header of every sheet prints the source's citation and author ('A. Writer', see sheet_projects).
WRITER_FACTS = [
    fact("writer", "The letter was written by A. Writer.", "Who wrote the letter?", "A. Writer",
         "The letter was written by A. Writer."),
    fact("sent", "The letter was sent from the harbour office.", "Where was the letter sent from?",
         "the harbour office", "The letter was sent from the harbour office."),
]


def test_a_question_whose_answer_the_sheet_header_prints_is_left_off(tmp_path):
    root = make_project(tmp_path, [dict(f) for f in WRITER_FACTS], {"recall": RECALL},
                        {"sections": [{"topic": "main", "questions": {"short_answer": 1}}]})
    for seed in range(4):  # whatever the ranking, 'Who wrote the letter?' is never chosen
        checked, [(sheet, _)] = sheets_of(root, seed=seed)
        assert ids(sheet) == ["recall/sent"]
        html = worksheets.render_sheet(sheet)
        assert "Author: A. Writer" in html  # ... because the sheet prints the answer above it


def test_a_section_left_short_by_the_header_says_so_at_its_count(tmp_path):
    root = make_project(tmp_path, [dict(f) for f in WRITER_FACTS], {"recall": RECALL},
                        {"instructions": "Answer from the letter sent from the harbour office.",
                         "sections": [{"topic": "main", "questions": {"short_answer": 2}}]})
    checked = check_project(root)
    said = []
    (sheet, _), = worksheets.sheets(checked.project, checked.project.decks[DECK], checked.decks[DECK],
                                    shortfalls=said)
    assert sheet.items == []  # the author line and the instructions print both answers
    (shortfall,) = said
    assert shortfall.message().endswith(
        "the templates make 2 for topic 'main'; the sheet has 0; fix: ask for at most 0, or for another style; "
        "why, of the 2:\n  - 2 ask for what the sheet's header prints (its title, instructions or source line)")
    [warning] = [w for w in checked.warnings if "header prints" in w.message]
    assert warning.message == shortfall.message() and warning.path.endswith(f"{DECK}.yaml")


def test_blanks_all_have_one_width_whatever_the_answer(tmp_path):
    facts = [fact("a", "The envoy was Bo.", "Who was the envoy?", "Bo", "The envoy was Bo.",
                  key_terms=["Bo"]),
             fact("b", "The meeting was in Nizhny Novgorod on the Volga.", "Where was the meeting?",
                  "Nizhny Novgorod on the Volga", "The meeting was in Nizhny Novgorod on the Volga.",
                  key_terms=["Nizhny Novgorod on the Volga"])]
    root = make_project(tmp_path, facts, {"cloze": CLOZE}, {})
    _, [(sheet, _)] = sheets_of(root)
    html = worksheets.render_sheet(sheet)
    stems = [p["stem"] for p in printed_questions(html)]
    blanks = [run for stem in stems for run in re.findall(r"_+", stem)]
    # the same run of underscores for "Bo" and for "Nizhny Novgorod on the Volga" (its printed
    # width, at least 45 mm, is measured in Chromium: test_print_browser)
    assert len(blanks) == 2 and len(set(blanks)) == 1 and len(blanks[0]) >= 20
    assert "Bo" not in " ".join(stems) and "Volga" not in " ".join(stems)


# --- versions ---------------------------------------------------------------------------

def test_versions_shuffle_within_a_section_and_keep_the_points(tmp_path):
    facts = [dict(f) for f in GIVEAWAY_FACTS[2:]] + [dict(f) for f in FIGURES]
    root = make_project(tmp_path, facts, {"recall": RECALL, "table": TABLE, "tf": TRUE_FALSE},
                        {"variants": 4, "sections": [{"topic": "main", "questions": {
                            "short_answer": "all", "true_false": 1, "table": 1}}]})
    _, pairs = sheets_of(root)
    orders = [tuple(ids(sheet)) for sheet, _ in pairs]
    assert len(set(orders)) > 1  # the order of questions (and kinds) within the section changes
    assert len({frozenset(o) for o in orders}) == 1  # draw: same (the default): the same questions
    assert len({sheet.points for sheet, _ in pairs}) == 1


def test_draw_per_version_gives_other_comparable_questions_and_keys_that_follow(tmp_path):
    facts = [fact(f"f{n}", f"Event {n} happened in town {n}.", f"Where did event {n} happen?",
                  f"town {n}", f"Event {n} happened in town {n}.") for n in range(1, 9)]
    root = make_project(tmp_path, facts, {"recall": RECALL},
                        {"variants": 2, "draw": "per-version",
                         "sections": [{"topic": "main", "questions": {"short_answer": 3}}]})
    _, [(a, key_a), (b, key_b)] = sheets_of(root)
    assert len(ids(a)) == len(ids(b)) == 3 and a.points == b.points
    assert not set(ids(a)) & set(ids(b))  # a pool of 8: nothing repeated
    for sheet, key in ((a, key_a), (b, key_b)):
        asked = printed_questions(worksheets.render_sheet(sheet))
        answered = printed_questions(worksheets.render_sheet(key))
        assert [(p["number"], p["id"]) for p in asked] == [(k["number"], k["id"]) for k in answered]
        for k in answered:
            n = k["id"].split("/f")[1]
            assert k["answers"] == [f"town {n}"]


# --- check reports impossible requests at the section's line ----------------------------

def test_check_reports_an_impossible_request_at_its_line_with_the_reason(tmp_path):
    root = make_project(tmp_path, [dict(f) for f in GIVEAWAY_FACTS], {"recall": RECALL},
                        {"sections": [{"topic": "main", "questions": {"short_answer": 2, "table": 1}}]})
    result = CliRunner().invoke(app, ["check", "-p", str(root), "--strict"])
    assert result.exit_code == 1, result.output
    recipe = (root / "decks" / "test-deck.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(recipe, start=1) if "table: 1" in text)
    found = [x for x in result.output.splitlines() if "test-deck.yaml" in x]
    assert len(found) == 1, result.output
    assert re.search(rf"test-deck\.yaml:{line}:\d+: .*worksheet section #1 \(topic 'main'\) asks for "
                     r"1 table question\(s\) but the deck's templates make 0; fix: ask for at most 0 ", found[0])
    assert "\n  - none of the deck's templates makes table questions for worksheets" in result.output


# --- essays, true/false corrections, unknown styles -------------------------------------

def question(style: str, qid: str, base: Question, **extra) -> Question:
    q = Question(id=qid, guid_key=qid, template_id=style, style=style, topic=base.topic,
                 source_id=base.source_id, facts=base.facts, prompt=f"Prompt of {qid}?",
                 answer=f"Model answer of {qid}", lines=4, points=3, targets=("worksheet",))
    for key, value in extra.items():
        setattr(q, key, value)
    return q


def test_essays_print_lines_and_their_marking_points_and_unknown_styles_still_print(tmp_path):
    from dataclasses import replace

    root = make_project(tmp_path, [dict(f) for f in GIVEAWAY_FACTS], {"recall": RECALL}, {})
    checked = check_project(root)
    base = checked.decks[DECK].questions[0]
    essay = question("essay", "essay/why", base, marking_points=["names the delegation", "gives a reason"])
    odd = question("diagram", "diagram/map", base)
    rendered = replace(checked.decks[DECK], questions=[essay, odd])
    recipe = replace(checked.project.decks[DECK], worksheet={
        "sections": [{"topic": "main", "questions": {"essay": 1}}, {"topic": "main"}]})
    (sheet, key), = worksheets.sheets(checked.project, recipe, rendered)
    on_sheet = {p["id"]: p for p in printed_questions(worksheets.render_sheet(sheet))}
    assert writing_lines(on_sheet["essay/why"]["node"]) == 4
    assert writing_lines(on_sheet["diagram/map"]["node"]) == 4
    key_html = worksheets.render_sheet(key)
    in_key = {p["id"]: p for p in printed_questions(key_html)}
    points = [li.text() for li in in_key["essay/why"]["node"].find("ul", "marking-points").find_all("li")]
    assert points == ["names the delegation", "gives a reason"]
    assert "Model answer of essay/why" in in_key["essay/why"]["answers"][-1]
    assert in_key["diagram/map"]["answers"] == ["Model answer of diagram/map"]
    quick = [li.find(cls="qa").text() for li in quick_answer_items(key_html)]
    assert "names the delegation · gives a reason" in quick


# --- labels and the project's own layouts ------------------------------------------------

GERMAN = {"worksheet": "Arbeitsblatt", "answer_key": "Lösungen", "version": "Version", "page": "Seite",
          "of": "von", "name": "Name", "class": "Klasse", "date": "Datum", "total": "Gesamt",
          "point": "Punkt", "points": "Punkte", "short_answer": "Antworte auf den Linien.",
          "answer": "Antwort", "quick_answers": "Kurzlösungen", "quotes_from": "Zitate aus"}


def pdf_text(html: str) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf.html_to_pdf(html)))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_a_german_label_set_prints_in_the_pdf(tmp_path):
    root = make_project(tmp_path, [dict(f) for f in GIVEAWAY_FACTS[2:]], {"recall": RECALL},
                        {"title": "Der Besuch", "labels": GERMAN})
    _, [(sheet, key)] = sheets_of(root)
    (page,) = pdf_text(worksheets.render_sheet(sheet))
    for words in ("Arbeitsblatt · Version A · Seite 1 von 1", "Name:", "Klasse:", "Datum:",
                  "Gesamt: / 2 Punkte", "Antworte auf den Linien.", "(1 Punkt)"):
        assert words in page, words
    assert "Worksheet" not in page and "Total" not in page
    key_text = " ".join(pdf_text(worksheets.render_sheet(key)))
    for words in ("Der Besuch – Lösungen", "Lösungen · Version A · Seite 1 von 1", "Kurzlösungen",
                  "Antwort: rain", "Zitate aus [1]"):
        assert words in key_text, words


def test_an_unknown_label_is_named_at_its_line_with_a_suggestion(tmp_path):
    root = make_project(tmp_path, [dict(f) for f in GIVEAWAY_FACTS], {"recall": RECALL},
                        {"labels": {"totl": "Gesamt", "name": "Jméno"}})
    checked = check_project(root)
    recipe = (root / "decks" / "test-deck.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(recipe, start=1) if "totl:" in text)
    assert [(p.line, p.message) for p in checked.problems] == [
        (line, "worksheet labels: unknown key 'totl'; did you mean 'total'?")]


def test_a_projects_own_layouts_come_first(tmp_path):
    root = make_project(tmp_path, [dict(f) for f in GIVEAWAY_FACTS[2:]], {"recall": RECALL}, {})
    (root / "layouts").mkdir()
    (root / "layouts" / "worksheet.html.j2").write_text(
        '{% extends "page.html.j2" %}{% block header %}<p class="house">Northwick Grammar School'
        '</p>{% endblock %}{% block body %}{% for item in sheet.items %}<p>{{ item.question.prompt }}'
        '</p>{% endfor %}{% endblock %}', encoding="utf-8")
    _, [(sheet, key)] = sheets_of(root)
    (page,) = pdf_text(worksheets.render_sheet(sheet))
    assert "Northwick Grammar School" in page and "What played at the station?" in page
    assert "Northwick Grammar School" not in worksheets.render_sheet(key)  # the key keeps the packaged one


def test_a_project_layout_runs_in_the_sandbox_and_its_errors_are_reported(tmp_path):
    root = make_project(tmp_path, [dict(f) for f in GIVEAWAY_FACTS[2:]], {"recall": RECALL}, {})
    (root / "layouts").mkdir()
    layout = root / "layouts" / "worksheet.html.j2"
    layout.write_text("<p>fine</p>\n{{ sheet.__class__.__init__.__globals__ }}\n", encoding="utf-8")
    out = root / "dist"
    result = CliRunner().invoke(app, ["build", "-p", str(root), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert re.search(r"layouts/worksheet\.html\.j2:2:1: layout: not allowed in the layout sandbox", result.output)
    assert "Traceback" not in result.output
    assert not out.exists() or not [p for p in out.iterdir() if p.suffix in (".pdf", ".html")]


@pytest.mark.parametrize("example", ["treaty-1815", "ancient-chronicle", "gettysburg-address", "trial-1786", "."])
def test_no_fill_in_or_stem_shows_a_wrong_option_of_a_figure_multiple_choice_on_its_sheet(example):
    """"_____ were to pay a duty of 12 per cent" beside "What figure does the treaty give for the
    duty on the goods of the other State? 12 / 10 / 5 per cent" strikes an option (treaty-1815's
    sheets, both versions, until the fill-in's sentence counted as a stem), whichever came first.
    trial-1786's essay stem quotes "the buckles at 15 shillings" and "worth 39 shillings": its
    sheets offered "39 / 2 / 8 / 15 shillings" for the handkerchief (a choice of two once the essay
    is read), "1 / 39 / 25 / 2" for the pledge and "15 / 1 / 25 / 8" for what the prisoner kept;
    a multiple choice now leaves out the wrong options the sheet shows when two or more are left,
    and one that would keep fewer is taken last."""
    from studykit.worksheets.choose import choose_versions
    from studykit.worksheets.giveaways import fold, shows, worth_checking
    from studykit.worksheets.spec import worksheet_spec

    root = Path(__file__).resolve().parent.parent / ("examples/" + example if example != "." else "")
    checked = check_project(root)
    for deck_id, recipe in checked.project.decks.items():
        spec = worksheet_spec(recipe, checked.project)
        versions = choose_versions(spec, checked.project, recipe, checked.decks[deck_id],
                                   [chr(65 + i) for i in range(spec.variants)])
        for letter, sections in versions.items():
            questions = [i.question for s in sections for i in s.items if i.question is not None]
            figure_choices = [q for q in questions if q.style == "multiple_choice" and q.template_id.startswith("choice-figure")]
            for choice in figure_choices:
                wrong = [fold(o) for o in choice.options if o != choice.answer and worth_checking(fold(o))]
                for other in questions:
                    if other is choice:
                        continue
                    stem = fold(f"{other.prompt} {other.cloze_plain}")
                    assert not [w for w in wrong if shows(stem, w)], (letter, other.id, choice.id)
