"""The offline self-test page: ``dist/<deck>-practice.html``.

One self-contained file (inline CSS and script, no network) that a student
opens in any browser.  The deck's questions travel as JSON inside a
``<script type="application/json">``; the page's script builds every element
with ``textContent`` (never ``innerHTML``), so fact text can never become
markup.  Progress is kept in the browser's ``localStorage``.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..atomic import Staging
from ..export.common import is_short, numeric_answer, quote_text
from ..model import DeckRecipe, Project
from ..questions import Question, RenderResult

HERE = Path(__file__).parent
SUFFIX = "-practice.html"


def write_practice(project: Project, recipe: DeckRecipe, rendered: RenderResult, stage: Staging) -> str:
    """Write the deck's practice page into ``stage``; return the line the build prints."""
    name = recipe.id + SUFFIX
    data = page_data(project, recipe, page_questions(rendered))
    stage.path(name).write_text(render_page(data), encoding="utf-8")
    return f"practice page: {name} ({len(data['questions'])} questions)"


def page_questions(rendered: RenderResult) -> list[Question]:
    """Every question of the deck, whatever its targets, each asked once: a question that asks the
    same as an earlier one for other outputs (make._drop_repeats) is left to the earlier one."""
    return [q for q in rendered.questions if q.id not in rendered.repeats]


def page_data(project: Project, recipe: DeckRecipe, questions: list[Question]) -> dict:
    """Everything the page's script needs, as plain JSON-able data."""
    topics = []
    for topic_id in recipe.topics:
        title = recipe.subdecks.get(topic_id) or next(
            (t.title for s in project.sources.values() for t in s.topics if t.id == topic_id), topic_id)
        topics.append({"id": topic_id, "title": title})
    return {
        "deck": {"id": recipe.id, "title": recipe.title},
        "topics": topics,
        "questions": [question_data(q, project) for q in questions],
    }


def question_data(question: Question, project: Project) -> dict:
    """One question for the page: what to ask, what to accept, what to show afterwards."""
    numeric = numeric_answer(question, 0.0)
    forms = question.machine_answers() if question.style == "short_answer" else []
    return {
        "id": question.id, "style": question.style, "topic": question.topic,
        "prompt": question.prompt, "answer": question.answer, "points": question.points,
        "lines": question.lines,
        "forms": forms, "any_order": question.any_order,
        "numeric": None if numeric is None else {
            "value": numeric.value, "tolerance": numeric.tolerance, "unit": numeric.unit},
        "options": list(question.options), "correct": question.correct, "truth": question.truth,
        "cloze": [[text, number] for text, number in question.cloze],
        "sentence": question.cloze_sentence,  # shown once answered: "an", not "a(n)"
        "blank_short": {str(n): is_short(t) for t, n in question.cloze if n},
        "pairs": [list(pair) for pair in question.pairs], "pair_titles": list(question.pair_titles),
        "order": list(question.order),
        "columns": [{"title": c.get("title", ""), "blank": bool(c.get("blank"))} for c in question.columns],
        "rows": [list(row) for row in question.rows],
        "marking_points": list(question.marking_points),
        "feedback": feedback(question, project),
    }


def feedback(question: Question, project: Project) -> dict:
    sources = [project.sources[s] for s in dict.fromkeys(f.source_id for f in question.facts)
               if s in project.sources]
    return {
        "statements": [" ".join(f.statement.split()) for f in question.facts],
        "quote": quote_text(question),
        "context": [" ".join(f.context.split()) for f in question.facts if f.context],
        "citation": "; ".join(s.citation for s in sources),
    }


def embed_json(data: dict) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' that could end or confuse it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_page(data: dict) -> str:
    """The whole page: inline style, inline script, the data as JSON."""
    import jinja2

    from ..questions import snippetcache

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    snippetcache.attach(env)  # the compiled page is kept between builds
    page = env.get_template("page.html.j2")
    return page.render(title=data["deck"]["title"], data_json=embed_json(data),
                       style=(HERE / "practice.css").read_text(encoding="utf-8"),
                       script=(HERE / "practice.js").read_text(encoding="utf-8"))
