"""Quick answers on a question's way give what the whole comparison gives.

A title told at once that it cannot name an answer, an article looked for only before a space, a
snippet that prints one fact field looked up without the plain evaluation, the marker's forms of
an answer worked out in one pass, the question's first fields given in their order: each is
compared here with the careful path, over the shipped project, the examples, a generated course
and made-up cases.  (Speed itself is measured in benchmarks/, never here.)
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest

from studykit.check import check_project
from studykit.load import load_project
from studykit.model import QuestionTemplate
from studykit.questions import Renderer, TemplateProblem, headings
from studykit.questions.answer_forms import date_alone, million_forms, owner_alone, time_forms
from studykit.questions.make import _name_alone
from studykit.questions.noun_phrases import _ARTICLE_BEFORE_BLANK, neutral_article
from studykit.questions.option_keys import option_key
from studykit.questions.question import Question
from studykit.questions.spellings import typed_spellings

from test_scale import _generate

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if (p / "seeds").is_dir())


@pytest.fixture(scope="module")
def projects(tmp_path_factory) -> list[Path]:
    return [REPO, *EXAMPLES, _generate(300, tmp_path_factory.mktemp("shortcuts") / "g")]


def test_a_title_named_at_once_or_not_is_what_the_whole_comparison_says(projects):
    """``names_answer``'s quick no against ``names_wholly`` for every title and every text a question
    may ask (answers, key terms, accepted forms, distractors, data), and for made-up edge cases."""
    texts, titles = set(), set()
    for root in projects:
        project, _ = load_project(root)
        for recipe in project.decks.values():
            for fact in project.facts.values():
                titles.add(headings.heading(project, fact, recipe.title))
                texts.update([fact.answer, *fact.key_terms, *fact.accept, *fact.distractors, fact.question])
                texts.update(str(v) for v in fact.data.values() if isinstance(v, (str, int, float)))
    titles.update(["", "Boston", "The Trial of John Doe", "Deck::Topic 1863", "Ça va::Été", "the"])
    texts.update(["", " ", "The", "the Hague", "at Pagai", "in", "at the", "an indemnity", "South Korea's",
                  "Boston’s", "Boston's", "Doe's", "1863", "Topic 1863", "TRIAL", "Doe", "John Doe.", "Été", "été", "A", "of the",
                  "the the", "Hague\n", "x_y", "Deck Topic", "va", "Ca va", "topic 1"])
    compared = named = 0
    for title, text in itertools.product(sorted(titles), sorted(texts)):
        whole = headings.names_wholly(title, text)
        assert headings.names_answer(title, text) == whole, (title, text)
        compared += 1
        named += whole
    assert compared > 10_000 and named > 20


def test_an_article_before_a_blank_is_found_as_the_pattern_finds_it(projects):
    """``neutral_article``'s look at the last characters against the pattern itself: every text of up
    to four characters over letters that matter and every kind of space, and every statement's
    beginnings."""
    def by_pattern(text: str) -> str:
        return _ARTICLE_BEFORE_BLANK.sub(
            lambda m: f"{'A' if m.group(1)[0] == 'A' else 'a'}(n){m.group(2)}", text)

    letters = ["a", "A", "n", "N", "e", " ", "\t", "\n", "\u00a0", "\u2003", "\x85", "\u200b", "'", "-", "é"]
    for size in range(5):
        for chars in itertools.product(letters, repeat=size):
            text = "".join(chars)
            assert neutral_article(text) == by_pattern(text), repr(text)
    for root in projects:
        project, _ = load_project(root)
        for fact in project.facts.values():
            for end in range(len(fact.statement) + 1):
                text = fact.statement[:end]
                assert neutral_article(text) == by_pattern(text), text


@pytest.mark.parametrize("html", [False, True])
def test_a_snippet_printing_one_fact_field_gives_what_jinja_renders(html):
    """A snippet that only prints a path ('{{ fact.statement }}') is looked up without the plain
    evaluation, any other snippet asks its plain evaluation itself: the same value and type as the
    renderer's ``render``, the text Jinja renders, and Jinja's own error where Jinja must answer."""
    renderer = Renderer()
    template = QuestionTemplate("t", "t.yaml", {})
    holder = type("Holder", (), {"loc": staticmethod(lambda name: (1, 1))})()
    facts = [{"statement": "The <meeting>  was\nheld & closed.", "kind": "event", "items": "x",
              "data": {"where": " Boston ", "deep": {"er": "<b>"}, "n": 3, "none": None, "list": ["a", "<b>"]}},
             {"statement": "", "data": "not a dict"}, {"kind": "list"}]
    sources = ["{{ fact.statement }}", "{{fact.kind}}", "{{ fact.data.where }}", "{{ fact.data.deep.er }}",
               "{{ fact.data.n }}", "{{ fact.data.none }}", "{{ fact.data.list }}", "{{ fact.data.nothing }}",
               "{{ fact.items }}", "{{ fact.data.where.deeper }}", "{{ fact }}",
               # and snippets that are no path: the plain evaluation's text, folded or stripped
               " {{ fact.statement | upper }}  x\n", "{% if fact.kind %} {{ fact.kind }} {% endif %}",
               "{{ fact.data.nothing | default('d') }}", "{{ fact.data.list | join(', ') }}", "{{ fact.items() }}",
               "{% for x in fact.data.list %} {{ x }}{% endfor %} "]
    compared = 0
    for source in sources:
        snippet = renderer.snippet(template, "prompt", source, holder, "prompt", html=html)
        for fact in facts:
            ctx = {"fact": fact}
            try:
                want = renderer._jinja_render(template, "prompt", source, (1, 1), html, ctx)
            except TemplateProblem as err:
                with pytest.raises(TemplateProblem) as raised:
                    snippet(ctx)
                assert str(raised.value.problem) == str(err.problem), source
                continue
            got, rendered = snippet(ctx), renderer.render(template, "prompt", source, (1, 1), html, **ctx)
            assert (type(got), got) == (type(rendered), rendered), (source, fact)  # (Markup as before)
            assert str(got) == want, (source, fact)
            compared += 1
    assert compared > 25


def _accept_as_written_before(question: Question) -> tuple[list[str], bool]:
    """What a marker accepts for a question without a template ``accept``, worked out step by step
    as the questions stage did before its one-pass ``_fill_marking``: the careful path."""
    fact, accept = question.fact, []
    if question.answer and option_key(question.answer) == option_key(fact.answer):
        accept = list(fact.accept) + _name_alone(fact)
        accept += [form for form in date_alone(fact.answer) + time_forms(fact.answer) if form not in accept]
        accept += [form for form in owner_alone(fact.answer)
                   if option_key(form) not in {option_key(a) for a in accept}]
    if question.answer and question.style in ("short_answer", "fill_blank"):
        accept += [form for form in million_forms(question.answer)
                   if option_key(form) not in {option_key(a) for a in accept}]
        accept += typed_spellings([question.answer, *accept])
    any_order = False
    if fact.kind == "list" and not fact.data.get("ordered", False):
        items = list(fact.data.get("items", []))
        any_order = option_key(question.answer) in (option_key("; ".join(items)), option_key(fact.answer))
    return accept, any_order


def test_what_a_marker_accepts_is_what_the_step_by_step_forms_give(projects):
    """Every made question of a template without its own ``accept``: the same accepted forms (in
    the same order) and the same any-order mark as the careful path.  Cloze questions get their
    answer after marking (from their blanks), so they are compared with no answer."""
    compared = with_forms = 0
    for root in projects:
        result = check_project(root)
        for rendered in result.decks.values():
            for question in rendered.questions:
                template = result.project.templates[question.template_id]
                if len(question.facts) != 1 or "accept" in template.spec:
                    continue
                asked = question if question.style != "fill_blank" else dataclasses.replace(question, answer="")
                if question.style in ("multiple_choice", "true_false"):
                    continue  # their answer changes after marking (capitalised, 'True')
                accept, any_order = _accept_as_written_before(asked)
                assert (question.accept, question.any_order) == (accept, any_order), question.id
                compared += 1
                with_forms += bool(accept)
    assert compared > 1000 and with_forms > 10


def test_a_question_made_with_its_first_fields_in_order_is_the_one_made_by_name():
    """``_question_for_fact`` gives a question's first eight fields by position: they are these, in
    this order (a field added before them would shift every value)."""
    names = [field.name for field in dataclasses.fields(Question)][:8]
    assert names == ["id", "guid_key", "template_id", "style", "topic", "source_id", "facts", "prompt"]


def test_each_question_of_a_template_starts_a_budget_of_its_own(tmp_path):
    """A template's questions share one budget scope object (``Shape.budget``), entered once per
    question: the steps one question takes never count against the next.  Each prompt here takes
    over half the budget's steps, so two counted together would stop the template."""
    from small_project import make_project
    from studykit.questions import render_deck

    text = " ".join(f"Fact number {n} is here." for n in range(4))
    facts = "topic: main\nfacts:\n" + "".join(f"""\
  - id: fact-{n}
    kind: event
    statement: Fact number {n} is here.
    question: Which fact is number {n}?
    answer: Fact number {n}
    quote: Fact number {n} is here.
""" for n in range(4))
    heavy = {"heavy": """\
        applies_to: {kinds: [event]}
        style: short_answer
        prompt: "{% for i in range(330) %}{% for j in range(330) %}{% endfor %}{% endfor %}Which is {{ fact.id }}?"
        answer: "{{ fact.answer }}"
        fields:
          Front: "{% for i in range(330) %}{% for j in range(330) %}{% endfor %}{% endfor %}{{ q.prompt }}"
          Back: "{{ q.answer }}"
    """}
    make_project(tmp_path, text, facts, templates=heavy)
    project, _ = load_project(tmp_path)
    result = render_deck(project, project.decks["doc"])
    assert not result.problems, result.problems
    assert sorted(q.prompt for q in result.questions if q.template_id == "heavy") == [
        f"Which is fact-{n}?" for n in range(4)]


def test_a_text_told_at_once_it_is_no_date_gives_what_the_patterns_give(projects, monkeypatch):
    """``bare_date`` and ``date_alone`` with ``may_be_date``'s quick no against the patterns alone,
    for every answer, accepted form, distractor, key term and data text (alone and after 'On'/'In')
    and for made-up dates in every writing the patterns know."""
    from studykit.questions import answer_forms

    texts = set()
    for root in projects:
        project, _ = load_project(root)
        for fact in project.facts.values():
            texts.update([fact.answer, *fact.key_terms, *fact.accept, *fact.distractors, *fact.false_statements])
            texts.update(str(v) for v in fact.data.values() if isinstance(v, (str, int, float)))
    dates = ["1 June 1815", "June 1, 1815", "2nd of July 1790", "the second day of May 1790", "1863-11-19",
             "438 BC", "438 B.C.", "438 BCE", "438 B.C.E.", "438 bc.e", "438b.ce", "AD 43", "A.D. 43", "43 AD",
             "43 a.d.", "43 CE", "43 C.E.", "July 4", "4 July", "4 jul 1776", "Aug. 4 1776", "AD43", "a.d.43",
             "the 3rd of July, in the year of our Lord 1790", "19 NOVEMBER 1863", "May 1", "1 may.", "12-3",
             "3,000 tons", "602,000 tons requested; 3,000 tons promised", "1863", "in 1863", "Aug 1776",
             "1 Auguſt 1776", "1 \u212aune 1815", "4 Julý 1776", "438 ВС", "  1  June\t1815 .", "", "7", "a7"]
    texts.update(dates)
    texts.update(f"{word} {text}" for text in list(texts) for word in ("On", "in", "ON"))
    quick = {text: (answer_forms.bare_date(text), date_alone(text)) for text in texts}
    monkeypatch.setattr(answer_forms, "may_be_date", lambda lowered: True)
    found = 0
    for text in sorted(texts):
        assert quick[text] == (answer_forms.bare_date(text), date_alone(text)), repr(text)
        found += bool(quick[text][0])
    assert found > 60 and len(texts) > 3000
