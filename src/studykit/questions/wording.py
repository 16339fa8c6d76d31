"""The template vocabulary: the Jinja filters and tests every question template may use.

Each helper lives in the module of its concept (:mod:`.figure_text`, :mod:`.noun_phrases`,
:mod:`.punctuation`, :mod:`.option_keys`, :mod:`.attribution`, :mod:`.blank_number`, :mod:`.figure_compare`, :mod:`.writer_voice`,
:mod:`.answer_forms`, :mod:`.titles`); this table is the one place that says which names a
template sees, so a template's words stay stable when the helpers move.
"""

from __future__ import annotations

from .answer_forms import date_forms, time_forms
from .attribution import blank_only, holder_blanked, naming
from .blank_number import fitting_blank
from .figure_compare import apart, near, summed_with, told_by_unit, wanted
from .figure_text import figure, number, participle, qty, share, share_hedge, share_unit, unit_sign, words, year
from .noun_phrases import (agree_with, article, bare, be, definite, final_noun, head_noun, is_noun_phrase,
                           is_plural, plural)
from .option_keys import alike, echoing, named_in, reads_as
from .punctuation import capfirst, quoted, sentence
from .titles import asked_by, of_other_kind, of_other_trade, of_other_sex, office, ranked_above, woman_for_man
from .writer_voice import in_first_person, is_writer, of_other_sex_than_speaker, reported_in, reports_another

FILTERS = {
    "number": number, "year": year, "qty": qty, "figure": figure, "share": share, "words": words,
    "a": article, "article": article, "the": definite, "plural": plural, "be": be, "capfirst": capfirst,
    "sentence": sentence, "bare": bare, "final_noun": final_noun, "head_noun": head_noun, "date_forms": date_forms,
    "time_forms": time_forms,
    "agree_with": agree_with, "quoted": quoted, "share_hedge": share_hedge,
    "office": office, "holder_blanked": holder_blanked,
}
TESTS = {"reads_as": reads_as, "unit_sign": unit_sign, "plural": is_plural, "noun_phrase": is_noun_phrase, "alike": alike, "named_in": named_in, "near": near,
         "apart": apart, "in_first_person": in_first_person,
         "echoing": echoing, "wanted": wanted, "of_other_sex": of_other_sex,
         "ranked_above": ranked_above, "told_by_unit": told_by_unit,
         "of_other_trade": of_other_trade, "of_other_kind": of_other_kind, "woman_for_man": woman_for_man, "summed_with": summed_with,
         "reported_in": reported_in, "asked_by": asked_by, "writer": is_writer,
         "reporting_another": reports_another, "participle": participle,
         "of_other_sex_than_speaker": of_other_sex_than_speaker,
         "share_unit": share_unit, "naming": naming, "blank_only": blank_only,
         "fitting_blank": fitting_blank}
