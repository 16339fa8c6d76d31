"""Markdown study sheet: rendered with a CommonMark parser and read back as text."""

from __future__ import annotations

import yaml
from markdown_it import MarkdownIt

from studykit.check import check_project
from studykit.export import export_project
from studykit.export.markdown import escape

DECK = "soviet-korean-relations-1967"


def blocks(text: str) -> list[tuple[str, str]]:
    """(block kind, its plain text) in document order: heading levels, paragraphs, quotes."""
    tokens = MarkdownIt("commonmark").parse(text)
    found, kind = [], []
    for token in tokens:
        if token.type.endswith("_open") and token.type != "paragraph_open":
            kind.append(token.tag)
        elif token.type.endswith("_close") and token.type != "paragraph_close":
            kind.pop()
        elif token.type == "inline":
            parts = []
            for child in token.children:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
            found.append((kind[-1] if kind else "p", "".join(parts)))
    return found


def test_facts_are_grouped_by_topic_in_study_order_with_quote_and_citation(repo, tmp_path):
    written = export_project(repo, "markdown", out=tmp_path)[0]
    parsed = blocks(written.path.read_text(encoding="utf-8"))
    result = check_project(repo)
    recipe, source = result.project.decks[DECK], result.project.sources[DECK]
    exported = {f.id: f for q in result.decks[DECK].questions if "export" in q.targets for f in q.facts}
    present = [source.topic(t).title for t in recipe.topics
               if any(f.topic == t for f in exported.values())]
    headings = [text for kind, text in parsed if kind == "h2"]
    assert headings == [f"{n}. {title}" for n, title in enumerate(present, start=1)]
    assert len(headings) >= 2
    assert written.items == len(exported)
    texts = [text for _, text in parsed]
    quotes = [text for kind, text in parsed if kind == "blockquote"]
    assert len(quotes) == len(exported)
    for fact in exported.values():
        assert any(t.startswith(fact.question + "\n") for t in texts), fact.id
        assert " ".join(fact.statement.split()) in texts
        quote = " … ".join(" ".join(q.split()) for q in fact.quotes)
        assert f"{quote}\n— {source.citation}" in quotes
        if fact.context:
            assert f"Context (not from the source): {' '.join(fact.context.split())}" in texts


def test_markdown_syntax_in_facts_is_shown_literally(project, tmp_path):
    donor = next(iter(check_project(project).project.facts.values()))
    statement = "# Not a heading *nor emphasis* _nor this_ [a](link) <b>tag</b> `code` | ~x~ &amp; \\ end"
    fact = {"id": "markdown-fact", "kind": "term", "topic": donor.topic, "quote": donor.quotes[0],
            "statement": statement, "question": "- not a list item?", "answer": "> not a quote",
            "data": {"term": "t", "meaning": "m"}, "context": "1. not a numbered list"}
    facts_dir = project / "seeds" / donor.source_id / "facts"
    (facts_dir / "zz-markdown.yaml").write_text(yaml.safe_dump({"facts": [fact]}), encoding="utf-8")
    written = export_project(project, "markdown", out=tmp_path / "out")[0]
    texts = [text for _, text in blocks(written.path.read_text(encoding="utf-8"))]
    assert statement in texts
    assert "- not a list item?\n> not a quote" in texts
    assert "Context (not from the source): 1. not a numbered list" in texts


def test_escape_round_trips_every_ascii_punctuation_mark():
    text = "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum())
    for candidate in (text, "#" + text, "12. " + text, "+ x", "= y", "> z"):
        assert blocks(escape(candidate)) == [("p", candidate)]
