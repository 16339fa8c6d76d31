"""A fact against its document: quotes verbatim, every number quoted, bounds and key terms its own."""

from __future__ import annotations

from pathlib import Path

from .. import figure_places, quotes, regexcache, role_places
from ..model import Fact, Source
from ..yamlio import LocDict
from .loader import Loader


def check_fact_against_source(loader, path: Path, raw: LocDict, fact: Fact,
                               index: quotes.QuoteIndex, source: Source) -> None:
    """Quotes verbatim in the source, and every number of the fact in its quotes (or the
    document's own year, which a fact names where the document says "this year"; the year
    is None only when the source's date is broken, which is reported at the date)."""
    year, month = _dated(source, index)
    for i, quote in enumerate(fact.quotes):
        if not index.contains(quote):
            where = raw.loc("quote") if isinstance(raw["quote"], str) else raw["quote"].loc(i)
            loader.add(path, where, f"fact '{fact.id}': quote not found in the source text of "
                       f"'{fact.source_id}': \"{shorten(quote)}\"{_where_it_parts(source, index, quote)}; "
                       "copy it verbatim from the source (only whitespace, quote marks and dashes may differ)")
    _check_numbers(loader, path, raw, fact, index, year, month)
    _match_key_terms(loader, path, raw, fact)
    _check_bound_words(loader, path, raw, fact)
    if fact.kind == "figure":
        fact.figure_elsewhere = figure_places.elsewhere(index, fact)
    elif fact.kind == "person":
        fact.role_elsewhere = role_places.elsewhere(index, fact)
    if fact.kind == "list" and len(fact.data["items"]) < 2:
        loader.add(path, raw.loc("data"), f"fact '{fact.id}': a list needs at least two items")


def _check_numbers(loader, path: Path, raw: LocDict, fact: Fact, index: quotes.QuoteIndex,
                   year: int | None, month: int | None) -> None:
    """Every number of the fact's data, statement and answer is in its quotes (in figures or words,
    or the document's own year); the quotes are read for numbers only when the fact has one (most
    facts have none)."""
    in_data = quotes.numbers_of_data(fact.data)
    texts = []
    for key in ("statement", "answer"):
        text = getattr(fact, key)
        if key == "answer" and fact.kind == "list":  # "1. Fence the shafts; 2. ...": numbering, no figure
            text = quotes.without_enumerators(text)
        texts.append((key, text, quotes.numbers_in(text)))
    if not in_data and not any(found for _, _, found in texts):
        return
    quoted = set().union(*(quotes.numbers_in(q) for q in fact.quotes))
    per_cent = fact.kind == "figure" and _in_per_cent(fact.data)  # "half" is then 50, not 0.5
    in_words = [pair for q in fact.quotes
                for pair in (quotes.per_cent_words(q) if per_cent else quotes.number_words(q))]
    if fact.kind == "figure":  # a share in per cent may stand for "one in four", "two-thirds"
        in_words += [pair for q in fact.quotes for pair in quotes.shares_in(q)]
    quoted |= {value for _, value in in_words}
    if year is not None:  # the document's own year: "this spring" in a report of 1846 is "spring 1846"
        quoted.add(float(year))
        quoted |= {float(year + step) for q in fact.quotes for step in quotes.years_from_now(q)}
        # (month: "the 3d of December last" in January 1786 is 1785)
        quoted |= {float(y) for q in fact.quotes for y in quotes.years_of_undated_months(q, year, month)}
    missing = [(n, raw.loc("data"), "data", quotes.plain_number(n)) for n in in_data if n not in quoted]
    for key, text, found in texts:
        missing += [(n, raw.loc(key), key, quotes.as_written(n, text)) for n in sorted(found - quoted)]
    if year is None:  # the source's date is broken (reported there): its year cannot be told apart yet
        missing = [m for m in missing if not quotes.year_like(m[0])]
    for number, where, key, shown in missing:
        fix = (_old_money_fix(fact, key) or _heading_fix(index, fact, number, shown)
               or _per_cent_fix(per_cent, number, in_words)
               or "correct the figure or quote the sentence that gives it")
        loader.add(path, where, f"fact '{fact.id}': the number {shown} in its "
                   f"{key} does not appear in its quote{_words_read(in_words)}; {fix}")


def _dated(source: Source, index: quotes.QuoteIndex) -> tuple[int | None, int | None]:
    """The year and month the document is dated (the month only with a year), read once per source:
    ``index`` is the source's, and its tables live as long as its load."""
    found = index.derived.get("dated")
    if found is None:
        year = source.year
        found = index.derived["dated"] = (year, quotes.month_of(source.date) if year is not None else None)
    return found


def _check_bound_words(loader, path: Path, raw: LocDict, fact: Fact) -> None:
    """A bound's words (``approximate: not more than``) must be the quote's own words before its figure."""
    if fact.kind != "figure":
        return
    two_sided = "requested" in fact.data or "promised" in fact.data
    for key, sides in (("approximate", ("value", "requested", "promised")),
                       ("requested_approximate", ("requested",)), ("promised_approximate", ("promised",))):
        words = fact.data.get(key)
        if not isinstance(words, str) or (key != "approximate" and words == fact.data.get("approximate")):
            continue  # a side's hedge copied from 'approximate' is checked (or refused) there
        where = raw["data"].loc(key) if hasattr(raw.get("data"), "loc") and key in raw["data"] else raw.loc("data")
        if key == "approximate" and two_sided:
            loader.add(path, where, f"fact '{fact.id}': 'approximate: {words}' (a bound) is for a figure with one "
                       "'value'; for a requested/promised figure give the bound to the side the source bounds "
                       f"('promised_approximate: {words}' or 'requested_approximate: {words}'); 'approximate: "
                       "true' hedges both sides")
            continue
        if not _bound_in_quote(fact, words, sides):
            loader.add(path, where, f"fact '{fact.id}': '{key}: {words}' must be the words the quote puts "
                       "right before the figure (write 'approximate: not more than' for a quote saying 'not more "
                       "than 900 acres'), or true for a figure the quote gives as 'about'; the quote has no "
                       f"'{words}' before the figure")


def _bound_in_quote(fact: Fact, words: str, sides: tuple[str, ...]) -> bool:
    """Whether a quote puts ``words`` right before the number of one of ``sides``."""
    wanted = quotes.normalize(words).casefold()
    quoted = quotes.normalize(" ".join(fact.quotes)).casefold()
    for side in sides:
        number = fact.data.get(side)
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            continue
        unit = fact.data.get(f"{side}_unit", fact.data.get("unit"))
        signs = ("", str(unit).casefold()) if unit and len(str(unit)) == 1 else ("",)  # 'not more than $12,500'
        for shown in {quotes.format_number(number), quotes.plain_number(number), quotes.as_written(number, quoted)}:
            if any(f"{wanted} {sign}{shown}" in quoted for sign in signs):
                return True
        if any(value == number and f"{wanted} {words.casefold()}" in quoted  # "nearly seven hours"
               for words, value in quotes.number_words(quoted)):
            return True
    return False


_PER_CENT_UNITS = frozenset({"%", "per cent", "percent", "per centum"})


def _in_per_cent(data: dict) -> bool:
    """Whether a figure (or one of its sides) is a share in per cent."""
    return any(isinstance(data.get(key), str) and data[key].strip().casefold() in _PER_CENT_UNITS
               for key in ("unit", "requested_unit", "promised_unit"))


def _per_cent_fix(per_cent: bool, number: float, in_words: list[tuple[str, float]]) -> str:
    """The fix for a share in per cent written as a fraction ('half' as 0.5): the per cent."""
    if not per_cent:
        return ""
    for words, value in in_words:
        if value == number * 100:
            return (f"the figure is in per cent, where '{words}' is {quotes.format_number(value)}: "
                    f"write {quotes.format_number(value)}")
    return ""


def _old_money_fix(fact: Fact, key: str) -> str:
    """The fix for a figure worked out from pounds, shillings and pence ('2s. 9d.' as 33 pence):
    a figure is one number in one unit, which such a sum is not."""
    if fact.kind != "figure" or key != "data":
        return ""
    sums = [m.group(0) for q in fact.quotes for m in quotes.OLD_MONEY.finditer(q)]
    if not sums:
        return ""
    return (f"the quote gives a sum in pounds, shillings and pence ('{sums[0]}'), which no figure's "
            "'value' can hold: make the fact 'kind: event' (its answer the sum as the quote writes it), "
            "or give a figure only for a sum in one unit ('£20', '7s.')")


def _heading_fix(index: quotes.QuoteIndex, fact: Fact, number: float, shown: str) -> str:
    """The fix for a number the source gives just before the quote, as a diary's or a log's
    entry gives its date in a heading ('Sunday, 13th April.') and a treaty its article's number
    ('Article 1.'): quote those words too."""
    for quote in fact.quotes:
        at = index.text.find(quotes.normalize(quote))
        if at <= 0:
            continue
        for piece in reversed(_PIECES.split(index.text[max(0, at - 400):at])):
            said = quotes.numbers_in(piece) | {value for _, value in quotes.number_words(piece)}
            if number in said:
                heading, opening = _words_giving(piece.strip(), number), " ".join(quote.split()[:4])
                return (f"the source gives {shown} just before the quote, in \"{heading}\": quote those words "
                        f"too (a quote may be a list of passages: [\"{heading}\", \"{opening} ...\"])")
    return ""


# Split after a sentence's end, not after a month's abbreviation: a log's "Jan. 7th." is one heading.
_PIECES = regexcache.compile(r"(?<=[.;:!?])(?<!\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.)(?<!\bSept\.)\s+")


def _words_giving(piece: str, number: float, limit: int = 70) -> str:
    """``piece`` itself when short, else the fewest of its words that still give ``number``, with
    a few before them ("In the attack of the 2nd"): words the teacher can paste into the quote
    as they are (a piece cut short with "…" would be no passage of the source)."""
    if len(piece) <= limit:
        return piece
    words = piece.split()

    def gives(some: list[str]) -> bool:
        text = " ".join(some)
        return number in quotes.numbers_in(text) or number in {value for _, value in quotes.number_words(text)}

    end = next((k for k in range(1, len(words) + 1) if gives(words[:k])), len(words))
    start = next((s for s in range(end - 1, -1, -1) if gives(words[s:end])), 0)
    start = max(0, start - 4)
    while start < end - 1 and len(" ".join(words[start:end])) > limit:
        start += 1
    return " ".join(words[start:end])


def _words_read(in_words: list[tuple[str, float]]) -> str:
    """Say which words of the quote were read as which number, so a miss can be understood."""
    if not in_words:
        return ""
    read = ", ".join(f"'{words}' as {quotes.format_number(value)}" for words, value in in_words[:6])
    return f" (numbers in words were read too: {read})"


def _match_key_terms(loader: Loader, path: Path, raw: LocDict, fact: Fact) -> None:
    """Key terms match the statement ignoring case; the statement's spelling is what gets blanked."""
    lowered = fact.statement.lower()
    for i, term in enumerate(fact.key_terms):
        if term in fact.statement:
            continue
        start = lowered.find(term.lower())
        if start >= 0 and len(term.lower()) == len(term):
            fact.key_terms[i] = fact.statement[start:start + len(term)]
            continue
        loader.add(path, raw["key_terms"].loc(i), f"fact '{fact.id}': key term '{term}' does not "
                   "occur in the statement; key terms must be words of the statement (case does "
                   "not matter)")


def _where_it_parts(source: Source, index: quotes.QuoteIndex, quote: str) -> str:
    """'; source.txt line 8 has its first 12 words, then ...' (see quotemiss), or ''."""
    from ..quotemiss import parting

    found = parting(source.text, index.text, quote)
    return f"; {found.describe(source.path.name)}" if found else ""


def shorten(text: str, limit: int = 70) -> str:
    text = quotes.normalize(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
