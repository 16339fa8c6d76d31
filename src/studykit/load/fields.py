"""What each project file may hold: its keys, their types, and the hint a mistake is told."""

from __future__ import annotations

from ..model import FACT_KINDS
from ..schema import Field


SOURCE_FIELDS = {
    "id": Field("id", required=True),
    "title": Field("line", required=True),
    "date": Field("date", required=True, hint="written as the document gives it; it prints as written"),
    "author": Field("line", required=True),
    "citation": Field("text", required=True, hint="a short citation printed on every card"),
    "text": Field("text", required=True, hint="the file name of the full text, e.g. source.txt"),
    "topics": Field("list", required=True, hint="a list of {id, title} in teaching order"),
    "archive": Field("text"),
    "translator": Field("text"),
    "url": Field("url"),
    "called": Field("line", hint="how questions name the document, e.g. 'the report' or 'the letter'"),
}


TOPIC_FIELDS = {"id": Field("id", required=True), "title": Field("line", required=True)}


FACT_FILE_FIELDS = {
    "topic": Field("id", hint="the default topic of the facts in this file"),
    "facts": Field("list", required=True),
}


FACT_FIELDS = {
    "id": Field("id", required=True, hint="ids are stable names; never derive them from the text"),
    "kind": Field("text", required=True, choices=FACT_KINDS),
    "topic": Field("id"),
    "statement": Field("text", required=True),
    "question": Field("text", required=True),
    "answer": Field("text", required=True),
    "quote": Field("text_or_texts", required=True,
                   hint="copy the supporting words verbatim from the source text"),
    "key_terms": Field("texts", hint="words of the statement worth blanking in a cloze card"),
    "data": Field("mapping"),
    "tags": Field("ids", hint="tags are kebab-case, without spaces"),
    "context": Field("text", hint="background that is NOT from the source"),
    "was": Field("ids", hint="former ids of this fact, oldest first"),
    "category": Field("id", hint="what the fact is comparable with, e.g. town-official or place; "
                      "multiple-choice and true/false options come only from facts of the same category"),
    "distractors": Field("texts", hint="hand-written wrong options for multiple choice"),
    "false_statements": Field("texts", hint="hand-written false versions for true/false questions"),
    "accept": Field("texts", hint="other answers a marker must accept besides 'answer'"),
    "analysis": Field("mapping", hint="a teacher's analysis question: {question, marking_points, points}"),
    "skip": Field("ids", hint="ids of question templates that must not ask about this fact, "
                  "e.g. [whose-view] when the quoted passage mixes two views"),
}


ANALYSIS_FIELDS = {
    "question": Field("text", required=True, hint="e.g. Why did the writer ask for the loan?"),
    "marking_points": Field("texts", required=True, hint="what a full answer mentions, one point each"),
    "points": Field("integer", hint="the marks it is worth; what a full answer mentions goes under "
                    "'marking_points'"),
    "answer": Field("text", hint="a model answer; default: the marking points"),
    "lines": Field("integer", hint="writing lines on the worksheet"),
}


DATA_FIELDS = {
    "figure": {
        "item": Field("text", required=True), "unit": Field("text"),
        "value": Field("number"), "requested": Field("number"), "promised": Field("number"),
        "requested_unit": Field("text", nullable=True), "promised_unit": Field("text", nullable=True),
        "promised_as": Field("line", hint="the source's word for the second figure when it was not a "
                             "promise, as a past participle: recommended, granted, voted (default: promised)"),
        "requested_as": Field("line", hint="the source's word for the first figure when it was not a "
                              "request, as a past participle: planned, proposed (default: requested)"),
        "year": Field("date", hint="the year the figure is for, as the source dates it: 1967, or 433 BC"),
        "approximate": Field("hedge", hint="true when the source hedges the figure ('about 100'), or the "
                             "source's own words for a bound ('not more than'), printed before the number"),
        "requested_approximate": Field("hedge", hint="the requested side's own hedge when the source hedges "
                                       "only that side: true ('about'), or its words ('over')"),
        "promised_approximate": Field("hedge", hint="the promised side's own hedge when the source hedges "
                                      "only that side: true ('about'), or its words ('not more than')"),
    },
    "list": {"items": Field("texts", required=True), "ordered": Field("bool"), "label": Field("text")},
    "person": {"name": Field("text", required=True), "role": Field("text")},
    "term": {"term": Field("text", required=True), "meaning": Field("text", required=True)},
    "event": {"where": Field("text"), "who": Field("text_or_texts"), "when": Field("text")},
    "claim": {"holder": Field("text", required=True, hint="whose view it is, e.g. the town council")},
}


NOTE_TYPE_FIELDS = {
    "id": Field("id", required=True), "name": Field("text", required=True),
    "fields": Field("texts", required=True), "cards": Field("list", required=True),
    "css": Field("text"), "cloze": Field("bool"),
}


CARD_FIELDS = {"name": Field("text", required=True), "front": Field("text", required=True),
               "back": Field("text", required=True)}


DECK_FIELDS = {
    "title": Field("line", required=True),
    "id": Field("id", hint="defaults to the file name; never change it once students use the deck"),
    "sources": Field("ids", hint="source ids from seeds/*/source.yaml; default: all"),
    "topics": Field("ids", hint="topic ids in the order cards should be studied; default: all"),
    "templates": Field("ids", hint="question template ids; default: all"),
    "subdecks": Field("mapping", hint="topic id -> subdeck title; default: the topic titles"),
    "worksheet": Field("mapping"),
    "description": Field("text"),
    "outputs": Field("texts", choices=("anki", "worksheet", "practice", "cards"),
                     hint="what 'studykit build' makes; default: anki, and worksheet when there is one"),
    "cards": Field("mapping", hint="printable flashcards: {size: a7 or index-3x5, paper: a4 or letter}"),
}
