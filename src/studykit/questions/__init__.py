"""Stage 2: render question templates against facts into :class:`Question` objects.

One concept per module:

- ``question``   the Question and RenderResult the later stages consume
- ``render``     the sandboxed Jinja environment and the Renderer
- ``template_problems`` a snippet's failure as a located problem, in the author's terms
- ``spec``       validating templates when the project loads
- ``wording``    the filters and tests templates see (the vocabulary; each helper lives below)
- ``figure_text``  figures as printed: separators, units and signs, "about", shares
- ``noun_phrases`` articles, plurals, agreement, the word that names a party
- ``punctuation``  curly quotes, a capital first letter, one full stop
- ``option_keys``  how options, stems and answers are compared
- ``figure_compare`` whether a wrong figure can stand beside the right one
- ``writer_voice`` whether a passage speaks in the first person
- ``answer_forms`` other writings of an answer a marker accepts (dates, millions, times)
- ``remembered``   wording helpers answering each text once per run
- ``comparable`` which facts are comparable and which options are plausible
- ``choices``    wrong options and false versions borrowed from comparable facts
- ``sides``      a ``sibling_when`` rule answered once per pair of what it reads of each fact
- ``applies``    whether a template makes a question from a fact (its applies_to rule)
- ``make``       building each style of question from a template and facts
- ``groups``     questions over several facts (matching, tables)
- ``fields``     a question's Anki fields
- ``plain``      snippets simple enough to evaluate without Jinja's runtime (its expressions:
  ``plainexpressions``; compiled to one function: ``plaincode``)
- ``snippetcache`` compiled snippets kept between runs
- ``quality``    quality warnings for ``studykit check``
"""

from .comparable import FactIndex
from .make import applies, cloze_segments, deck_facts, render_deck, why_not_applies
from .question import MACHINE_WORDS, STYLES, TARGETS, Question, RenderResult, stable_seed
from .render import Renderer
from .spec import STYLE_NEEDS, TEMPLATE_FIELDS, check_template_spec
from .template_problems import TemplateProblem

__all__ = [
    "FactIndex", "MACHINE_WORDS", "Question", "RenderResult", "Renderer", "STYLES", "STYLE_NEEDS",
    "TARGETS", "TEMPLATE_FIELDS", "TemplateProblem", "applies", "check_template_spec", "cloze_segments",
    "deck_facts", "render_deck", "stable_seed", "why_not_applies",
]
