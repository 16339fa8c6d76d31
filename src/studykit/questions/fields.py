"""A question's Anki fields: each field's snippet rendered as HTML (autoescaped) from the
question's values (``q.prompt``, ``q.options``, ``q.cloze``...) and its fact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from markupsafe import Markup, escape

from .noun_phrases import trailing_article
from .render import escape_text
from .question import Question
from .template_problems import TemplateProblem

if TYPE_CHECKING:  # the run is make's; only its fields are read here
    from .make import _Run as Run


def render_fields(run: Run, question: Question, template, shape=None) -> None:
    """Render the Anki fields (HTML, autoescaped).

    A field that only prints one of the question's values (``{{ q.prompt }}``, most fields) is
    that value as the renderer prints it, read straight from the question: the whole context
    (``question_context``) is made only for a field that needs more.
    """
    ctx = None
    printed = run.renderer.printed
    fields = question.fields
    shape = shape or run.shape_of(template)
    for name, get, rendered in shape.fields:
        if get is not None:
            fields[name] = printed(get(question), True)
            continue
        if ctx is None:  # the values the fields read (see Shape._fields), else all
            ctx = {"fact": run.view(question.fact),
                   "q": question_context(question) if shape.q_names is None else
                   {name: Q_VALUES[name](question) for name in shape.q_names}}
        try:
            fields[name] = rendered(ctx)
        except TemplateProblem as err:
            if template.scope == "group":
                raise err.naming(question.fact.id)
            raise


def _cloze_html(question: Question) -> Markup:
    """One ``{{cN::...}}`` per blank.  An article shown as "a(n)" goes into its blank as written
    (``{{c1::an oil refinery}}``): Anki shows the other blanks filled in, where "a(n) oil refinery"
    reads wrong, and the asked one as [...], which tells no first letter either."""
    parts, carried, written = [], "", question.cloze_written()
    for i, (text, n) in enumerate(question.cloze):
        if n:
            text, carried = carried + text, ""
        elif text != written[i]:
            text, carried = trailing_article(written[i])
        safe = (escape_text(text) if type(text) is str and escape_text is not None else str(escape(text))
                ).replace("{", "&#123;").replace("}", "&#125;")
        parts.append(f"{{{{c{n}::{safe}}}}}" if n else safe)
    return Markup("".join(parts))


# What '{{ q.NAME }}' prints for each NAME of a field's context: a field printing one of them
# reads it alone (``_render_fields``), any other field gets them all (``question_context``).
Q_VALUES: dict[str, Callable[[Question], Any]] = {
    "id": lambda q: q.id, "prompt": lambda q: q.prompt, "answer": lambda q: q.answer,
    "options": lambda q: list(q.options), "correct": lambda q: q.correct,
    "correct_letter": lambda q: q.correct_letter, "truth": lambda q: q.truth,
    "letters": lambda q: "ABCDEFGHIJ", "order": lambda q: list(q.order),
    "cloze": lambda q: _cloze_html(q) if q.cloze else Markup(""),
    "cloze_plain": lambda q: q.cloze_plain, "accept": lambda q: list(q.accept),
    "any_order": lambda q: q.any_order, "marking_points": lambda q: list(q.marking_points),
    "statement": lambda q: q.fact.statement,
}


def question_context(question: Question) -> dict[str, Any]:
    return {name: value(question) for name, value in Q_VALUES.items()}
