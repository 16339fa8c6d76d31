"""The deck build's per-question shortcuts give what the careful path gives.

Anki fields read straight from the question, the editor-HTML pre-check and the question's
random order made only when needed.  (Speed itself is measured in benchmarks/, never here.)
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from studykit import apkg
from studykit.check import check_project
from studykit.questions import fields as question_fields
from studykit.questions import make

REPO = Path(__file__).resolve().parent.parent
PROJECTS = (REPO, REPO / "examples" / "gettysburg-address", REPO / "examples" / "ancient-chronicle")


def _generate(count: int, out: Path) -> Path:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(count, out)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return _generate(300, tmp_path_factory.mktemp("fields") / "g")


def _every_question(root: Path):
    result = check_project(root)
    assert not result.problems, result.problems[:3]
    for rendered in result.decks.values():
        yield from ((result.project, q) for q in rendered.questions)


# --- fields read from the question ----------------------------------------------------

def test_each_value_read_alone_is_the_one_the_whole_context_holds(generated):
    """``Q_VALUES`` lists every name of ``question_context``, each giving the same value."""
    seen = 0
    for root in (*PROJECTS, generated):
        for _, question in _every_question(root):
            context = question_fields.question_context(question)
            assert set(question_fields.Q_VALUES) == set(context)
            for name, get in question_fields.Q_VALUES.items():
                value = get(question)
                assert value == context[name] and type(value) is type(context[name]), (question.id, name)
            seen += 1
    assert seen > 1000


def test_every_field_is_what_rendering_it_with_the_whole_context_gives(generated):
    """The fields of every question equal each field rendered through Jinja's careful path
    (the renderer's full render with the question's whole context), type and text."""
    from studykit.questions import Renderer

    compared = direct = 0
    for root in (*PROJECTS, generated):
        renderer = Renderer()
        for project, question in _every_question(root):
            template = project.templates[question.template_id]
            fields = template.spec.get("fields") or {}
            ctx = {"fact": renderer.views(question.fact), "q": question_fields.question_context(question)}
            for name, source in fields.items():
                expected = renderer.render(template, f"fields.{name}", source, fields.loc(name), html=True, **ctx)
                assert question.fields[name] == expected, (question.id, name)
                assert type(question.fields[name]) is type(expected)
                compared += 1
                direct += renderer.q_value(source) in question_fields.Q_VALUES
    assert compared > 2000 and direct > 1000


def test_a_field_of_a_value_the_question_has_not_goes_to_jinja_and_fails_as_before(tmp_path):
    """'{{ q.nothing }}' is no value read alone: Jinja renders it, and its error names the field."""
    from studykit.model import QuestionTemplate
    from studykit.questions import Renderer, TemplateProblem
    from studykit.yamlio import load_yaml

    path = tmp_path / "t.yaml"
    path.write_text("prompt: x\nfields:\n  Front: '{{ q.nothing }}'\n  Back: '{{ q.prompt }}'\n")
    spec, problems = load_yaml(path, "t.yaml")
    assert not problems
    template = QuestionTemplate(id="t", path="t.yaml", spec=spec)
    renderer = Renderer()
    assert renderer.q_value("{{ q.nothing }}") == "nothing" and "nothing" not in question_fields.Q_VALUES
    assert renderer.q_value("{{ q.prompt }}") == "prompt"
    assert renderer.q_value("{{ q.prompt | upper }}") is None and renderer.q_value("{{ fact.x }}") is None
    for _, question in _every_question(REPO / "examples" / "gettysburg-address"):
        break
    from studykit.questions.shape import Shape

    run = type("Run", (), {"renderer": renderer, "view": renderer.views,
                           "shape_of": lambda self, t: Shape(renderer, t, question_fields.Q_VALUES)})()
    with pytest.raises(TemplateProblem) as raised:
        question_fields.render_fields(run, question, template)
    assert "fields.Front" in raised.value.problem.message and "nothing" in raised.value.problem.message


# --- editor HTML ------------------------------------------------------------------------

def _careful_editor_html(text: str) -> str:
    if not apkg._EDITOR_CHANGES.search(text):
        return text
    parts = apkg._TAG.split(apkg._LINE_BREAK.sub(" ", text))
    for i in range(0, len(parts), 2):
        parts[i] = apkg._TEXT_CHANGE.sub(lambda m: apkg._TEXT_AS_EDITOR[m.group()], parts[i])
    return "".join(parts)


def test_the_editor_pre_check_lets_through_everything_the_pattern_finds():
    """Every text the pattern would change passes the substring pre-check (each change alone, in
    text and beside every character up to U+3100), and editor_html gives the careful result."""
    pieces = [*apkg._TEXT_AS_EDITOR, "\t", "\n", "\r", "\r\n", "&#", "&#1;", "&amp;", "&quot", "<b>", "&lt;"]
    texts = [f"a{chr(c)}b" for c in range(0x3100)] + [f"x {p} <i>{p}</i> y" for p in pieces] + pieces
    for text in texts:
        if apkg._EDITOR_CHANGES.search(text):
            assert apkg._may_change(text), repr(text)
        assert apkg.editor_html(text) == _careful_editor_html(text), repr(text)
    assert not apkg._may_change("plain <b>text</b> &amp; more")


def test_every_note_field_is_what_the_careful_editor_html_gives(generated):
    for root in (*PROJECTS, generated):
        result = check_project(root)
        for notes in result.notes.values():
            for note in notes:
                for value in note.fields.values():
                    assert value == _careful_editor_html(value)


# --- the question's random order, made when needed ----------------------------------------

def test_options_and_truths_are_the_same_with_the_random_order_made_first(generated, monkeypatch):
    """Every question (options, order, truth, prompt) and skip reason is the same when each
    question's generator is made before it is needed, as it was; a question skipped before any
    walk makes none."""
    def dump(root):
        result = check_project(root)
        return [(q.id, q.prompt, q.answer, q.options, q.correct, q.truth) for d in result.decks.values()
                for q in d.questions] + sorted(r for d in result.decks.values() for r in d.reasons.items())

    made = []
    seeded = make.seeded
    monkeypatch.setattr(make, "seeded", lambda key: made.append(key) or seeded(key))
    lazy = {root: dump(root) for root in (REPO, generated)}
    skipped_without_walk = len(made)

    from studykit.questions import choices

    for name in ("fill_choices", "fill_true_false"):
        original = getattr(choices, name)

        def eager(*args, original=original):
            rng = args[-1]()
            return original(*args[:-1], lambda: rng)

        monkeypatch.setattr(make, name, eager)
    made.clear()
    for root, expected in lazy.items():
        assert dump(root) == expected
    assert len(made) > skipped_without_walk  # the eager run seeded the skipped questions too


# --- numbers in a fact's texts ------------------------------------------------------------

def _careful_number_words(text: str) -> bool:
    from studykit import quotes

    return any(not run.isascii() or run.lower() in quotes._NUMBER_WORDS for run in quotes._WORD_CHARS.findall(text))


def test_a_text_without_a_digit_has_the_numbers_the_pattern_finds_in_it():
    """The digit pre-check never hides a number: every text the pattern finds one in passes it
    (every character up to U+3100 beside figures and words), and numbers_in gives the pattern's."""
    from studykit import quotes

    def careful(text):
        found = set()
        for match in quotes._NUMBER.finditer(text):
            value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
            found.add(value)
            if match.group(3):
                found.add(value * quotes._SCALE[match.group(3).lower()])
        return found

    texts = [f"{chr(c)}" for c in range(0x3100)] + [f"about {chr(c)}00 tons" for c in range(0x3100)]
    texts += ["no figure here", "1,000 men", "2.5 million francs", "in 1967", "x7", "٣ ships", "۱۲ days", ""]
    for text in texts:
        if quotes._NUMBER.search(text):
            assert quotes.may_have_digits(text), repr(text)
        assert quotes.numbers_in(text) == careful(text), repr(text)
    assert not quotes.may_have_digits("The delegation arrived.") and quotes.may_have_digits("٣ ships")


def test_number_words_are_looked_for_as_the_word_by_word_test_does(generated):
    from studykit import quotes
    from studykit.load import load_project

    texts = ["twenty-one guns", "Twenty men", "a score of ships", "the fifth day", "half a dozen", "ſcore",
             "no such words", "", "onetwo", "Ninety", "thousands of men", "a dozen-odd"]
    project, _ = load_project(generated)
    texts += [t for f in project.facts.values() for t in (f.statement, f.answer, *f.quotes)]
    for text in texts:
        assert quotes._may_have_number_words(text) == _careful_number_words(text), repr(text)


# --- made once per template, kinds or tag set ------------------------------------------------

def test_tags_kept_per_combination_are_each_notes_own_tags(generated):
    """Every note's tags equal the tags worked out for its question alone, and no two notes share
    one list (a later change to one note's tags cannot reach another)."""
    checked = 0
    for root in (*PROJECTS, generated):
        result = check_project(root)
        for deck_id, rendered in result.decks.items():
            by_id = {q.id: q for q in rendered.questions}
            notes = result.notes[deck_id]
            assert len({id(note.tags) for note in notes}) == len(notes)
            for note in notes:
                assert note.tags == apkg._tags_of(by_id[note.question_id])
                checked += 1
    assert checked > 1000


def test_facts_of_a_templates_kinds_are_listed_alike_from_the_kept_lists(generated):
    from studykit.load import load_project

    project, _ = load_project(generated)
    facts = list(project.facts.values())
    known: dict = {}
    for template in project.templates.values():
        for _ in range(2):  # the second time from what was kept
            assert make._of_kinds(facts, template, known) == make._of_kinds(facts, template)
    assert known


def test_a_value_printed_as_html_is_markups_escape_and_strip():
    """``Renderer.printed`` strips only a value with space at an edge (Markup's own strip makes a new
    Markup every time): the same text and type as ``escape(value).strip()`` for each kind of value."""
    from markupsafe import Markup, escape

    from studykit.questions.render import Renderer

    values = ["", " ", "plain", " lead", "trail\n", "\u00a0nbsp\u2003", "<b>&</b>", Markup(" <i>x</i> "),
              Markup("<i>x</i>"), ["a", "<b>"], 3, 2.5, None, True, "\tboth sides \r\n", "mid  dle",
              "it's \"quoted\" ", type("Text", (str,), {})(" a <str> subclass ")]
    for value in values:
        got, want = Renderer.printed(value, True), escape(value).strip()
        assert (type(got), got) == (type(want), want), value
        assert Renderer.printed(value, False) == " ".join(str(value).split())


@pytest.mark.parametrize("source", [
    "{{ q.options | join(', ') }} {{ q['correct'] }}",  # two keys read: only they are made
    "{{ q | length }}",  # q whole: every key
    "{{ q.items() | list | length }}",  # a dict method's name reads q whole
    "{{ q.values() | list | length }} {{ q.prompt }}",
    "{% for k in q %}{{ k }} {% endfor %}",
    "{{ (q | dictsort)[0][0] }}",
    "{% set q = {'prompt': 'other'} %}{{ q.prompt }}",
    "{{ q.nothing is defined }} {{ q.answer }}",
    "{% for o in q.options %}{{ loop.index }}{{ o }}{% endfor %}{{ q.correct_letter }}",
])
def test_a_field_gets_the_values_it_reads_and_gives_what_the_whole_context_gives(source):
    """A field reading only some of the question's values ('q.options', "q['correct']") gets a context
    of those alone (Shape._fields); one reading 'q' whole (printed, counted, 'q.items()', set again)
    gets every value: the text is what the whole context gives either way."""
    from studykit.model import QuestionTemplate
    from studykit.questions import Renderer
    from studykit.questions.shape import Shape
    from studykit.yamlio import LocDict

    renderer = Renderer()
    fields = LocDict({"Front": "{{ q.prompt }}", "Back": source})
    template = QuestionTemplate(id="t", path="t.yaml", spec=LocDict({"prompt": "x", "fields": fields}))
    for _, question in _every_question(REPO / "examples" / "gettysburg-address"):
        if question.options:
            break
    question.fields = {}
    run = type("Run", (), {"renderer": renderer, "view": renderer.views,
                           "shape_of": lambda self, t: Shape(renderer, t, question_fields.Q_VALUES)})()
    question_fields.render_fields(run, question, template)
    ctx = {"fact": renderer.views(question.fact), "q": question_fields.question_context(question)}
    expected = Renderer().render(template, "fields.Back", source, (1, 1), html=True, **ctx)
    assert question.fields["Back"] == expected and expected.strip()
