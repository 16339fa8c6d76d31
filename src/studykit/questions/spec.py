"""Validating question templates when the project loads: keys, style needs, Jinja syntax.

Needs no facts, so a broken template is reported once at its own line and
never rendered.
"""

from __future__ import annotations

from functools import lru_cache

import jinja2

from ..errors import Problem
from ..model import COMMON_NOTE_FIELDS, FACT_KINDS, Project, QuestionTemplate
from ..schema import Field, describe
from ..yamlio import LocDict
from . import snippetcache
from .question import STYLES, TARGETS
from .render import environment

TEMPLATE_FIELDS = {
    "id": Field("id", hint="defaults to the file name"),
    "description": Field("text"),
    "applies_to": Field("mapping", hint="kinds, topics, tags and/or a Jinja 'when' expression"),
    "style": Field("text", required=True, choices=STYLES),
    "scope": Field("text", choices=("each", "group"), hint="each: one question per fact; "
                   "group: one question over several facts"),
    "group_size": Field("integer", minimum=1, maximum=100),
    "group_by": Field("text", choices=("topic", "deck")),
    "note_type": Field("id", hint="a note type id from question_templates/note_types/"),
    "prompt": Field("text", required=True),
    "answer": Field("text"),
    "distractors": Field("mapping"),
    "false_claim": Field("text", hint="Jinja over 'fact' and 'sibling': a false version borrowed from a "
                         "comparable fact; without it only the fact's false_statements (and false_own) are used"),
    "false_own": Field("text", hint="Jinja over 'fact' alone: a false version from the fact itself "
                       "(e.g. its requested figure as the promised one); empty output = none"),
    "skip_when": Field("text", hint="a Jinja expression over 'fact': no question for this fact when it is "
                       "true, though the fact still lends options to the others (unlike applies_to.when)"),
    "sibling_when": Field("text", hint="a Jinja expression over 'fact' and 'sibling': which "
                          "sibling facts may supply distractors or false claims"),
    "cloze": Field("mapping"),
    "pairs": Field("mapping"),
    "items": Field("text"),
    "columns": Field("list"),
    "fields": Field("mapping"),
    "points": Field("integer", minimum=0, maximum=100),
    "lines": Field("integer", minimum=0, maximum=200),
    "targets": Field("texts", choices=TARGETS),
    "type_answer": Field("bool", hint="an Anki type-the-answer card"),
    "accept": Field("text", hint="a Jinja expression giving other accepted answers; default: the "
                    "fact's 'accept' when the answer is the fact's answer"),
    "marking_points": Field("text", hint="a Jinja expression giving the marking points of an essay"),
}
APPLIES_FIELDS = {
    "kinds": Field("texts", choices=FACT_KINDS), "topics": Field("ids"), "tags": Field("ids"),
    "not_tags": Field("ids", hint="facts with any of these tags are left out"),
    "when": Field("text", hint="a Jinja expression over 'fact', e.g. fact.data.promised is defined"),
}
DISTRACTOR_FIELDS = {
    "count": Field("integer", minimum=1, maximum=9), "minimum": Field("integer", minimum=1, maximum=9),
    "value": Field("text", hint="Jinja with 'fact' (this question's fact) and 'sibling' (each "
                   "sibling fact); default: the template's answer rendered for the sibling"),
    "same_topic": Field("bool"),
    "same_form": Field("bool", hint="true (default): an option must look like the answer (a name among "
                       "names, a number among numbers); false for options of one class whatever their "
                       "form, such as the holders of views (a person among bodies)"),
    "pool": Field("text", choices=("category", "kind"), hint="category (default): options from facts "
                  "of the same category; kind: from every fact of the same kind and source"),
    "own": Field("text", hint="a Jinja expression over 'fact' giving wrong options from the fact "
                 "itself, tried first (e.g. its requested figure for the promised one)"),
    "word_clue": Field("bool", hint="false: no question whose answer alone repeats a word of the "
                       "question ('Which witness was the reeve?' with 'Walter the Reeve' among names)"),
    "length_clue": Field("bool", hint="false: no question whose answer alone is twice as long as every "
                         "other option (the longest, most qualified option is the one a student guesses)"),
}
CLOZE_FIELDS = {"text": Field("text", required=True), "terms": Field("text", required=True)}
PAIR_FIELDS = {"left": Field("text", required=True), "right": Field("text", required=True),
               "left_title": Field("text"), "right_title": Field("text"),
               "minimum": Field("integer", minimum=2, maximum=20,
                                  hint="fewest pairs without spare options (default 5)")}
COLUMN_FIELDS = {"title": Field("text", required=True, hint="the column's heading; may use {{ facts }}"), "value": Field("text", required=True),
                 "blank": Field("bool")}
STYLE_NEEDS = {
    "short_answer": ("answer",), "multiple_choice": ("answer",), "true_false": (),
    "fill_blank": ("cloze",), "matching": ("pairs",), "ordering": ("items",), "table": ("columns",),
    "essay": ("answer",),
}



def check_template_spec(template: QuestionTemplate, project: Project) -> list[Problem]:
    """Structural checks that need no facts: sub-keys, style needs, syntax."""
    from ..schema import check_mapping

    spec, path, problems = template.spec, template.path, []
    subs = (("applies_to", APPLIES_FIELDS), ("distractors", DISTRACTOR_FIELDS),
            ("cloze", CLOZE_FIELDS), ("pairs", PAIR_FIELDS))
    for key, fields in subs:
        if key in spec:  # a mapping's messages use its own positions: the key's is asked only else
            value = spec[key]  # (asking a file loaded the fast way for a position reads it again)
            where = (1, 1) if isinstance(value, LocDict) else spec.loc(key)
            problems += check_mapping(value, fields, path, f"template '{template.id}' {key}", where)
    for i, column in enumerate(spec.get("columns", [])):
        problems += check_mapping(column, COLUMN_FIELDS, path, f"template '{template.id}' column "
                                  f"#{i + 1}", spec["columns"].loc(i))
    for need in STYLE_NEEDS.get(spec.get("style"), ()):
        if need not in spec:
            problems.append(Problem(path, *spec.loc(), f"template '{template.id}': style "
                                    f"'{spec['style']}' needs the key '{need}'"))
    if "note_type" in spec and "fields" not in spec:
        problems.append(Problem(path, *spec.loc("note_type"), f"template '{template.id}': "
                                "a template with a note_type needs 'fields' (note field -> Jinja)"))
    problems += _check_note_fields(template, project)
    if spec.get("style") in ("matching", "table") and spec.get("scope", "each") != "group":
        problems.append(Problem(path, *spec.loc("style"), f"template '{template.id}': style "
                                f"'{spec['style']}' asks about several facts; add 'scope: group'"))
    problems += _check_syntax(template)
    return problems


def _check_note_fields(template: QuestionTemplate, project: Project) -> list[Problem]:
    """The note type must exist and own every field the template fills (except common ones)."""
    spec, path = template.spec, template.path
    if "note_type" not in spec:
        return []
    note_type = project.note_types.get(spec["note_type"])
    if note_type is None:
        known = ", ".join(project.note_types) or "(none)"
        return [Problem(path, *spec.loc("note_type"), f"template '{template.id}': unknown note type "
                        f"'{spec['note_type']}'; known: {known} (defined in question_templates/note_types/)")]
    fields = spec.get("fields")
    problems = []
    for name in fields if isinstance(fields, dict) else ():
        if not isinstance(fields[name], str):  # Jinja would fail on it with "... has no attribute 'encode'"
            problems.append(Problem(path, *fields.loc(name), f"template '{template.id}': field '{name}' must be "
                                    f"Jinja text (in quotes), not {describe(fields[name])}"))
        elif name in COMMON_NOTE_FIELDS:
            problems.append(Problem(path, *fields.key_loc(name), f"template '{template.id}': field "
                                    f"'{name}' is filled by studykit from the fact and its source; "
                                    "remove it from 'fields'"))
        elif name not in note_type.fields:
            own = ", ".join(f for f in note_type.fields if f not in COMMON_NOTE_FIELDS)
            problems.append(Problem(path, *fields.key_loc(name), f"template '{template.id}': note type "
                                    f"'{note_type.id}' has no field '{name}'; its fields are: {own} "
                                    f"(see {note_type.path})"))
    return problems


@lru_cache(maxsize=1)
def _syntax_environment():
    """One environment parses every template's snippets (making one costs more than a parse)."""
    return environment(autoescape=False)


def _check_syntax(template: QuestionTemplate) -> list[Problem]:
    env = _syntax_environment()
    problems = []
    for key, source, holder, name in _snippets(template):
        try:
            snippetcache.parses(env, source)
        except jinja2.TemplateSyntaxError as err:
            where = holder.loc(name)  # asked only here: a position may cost reading the file again
            problems.append(Problem(template.path, where[0] + (err.lineno or 1) - 1, where[1],
                                    f"template '{template.id}', {key}: Jinja syntax error: {err.message}"))
    return problems


def _snippets(template: QuestionTemplate):
    """Each Jinja snippet of the template: (its name, its text, the mapping holding it, its key)."""
    spec = template.spec
    for key in ("prompt", "answer", "false_claim", "false_own"):
        if isinstance(spec.get(key), str):
            yield key, spec[key], spec, key
    for parent in ("distractors", "cloze", "pairs", "fields"):
        sub = spec.get(parent)
        if isinstance(sub, dict):
            for key, value in sub.items():
                if isinstance(value, str) and key not in ("terms",):
                    yield f"{parent}.{key}", value, sub, key
