"""A deck's printed outputs: worksheets with their answer keys, the practice page, the flashcards.

Each is written into the build's staging folder (published with the rest, or
not at all).  The practice page needs no PDF, so it is written while the
flashcards' PDF renders in the helper when the deck makes both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .once import Once

if TYPE_CHECKING:
    from .atomic import Staging
    from .model import DeckRecipe, Project
    from .questions import RenderResult

Progress = Callable[[str], None]


def write_printed(project: Project, recipe: DeckRecipe, rendered: RenderResult, stage: Staging,
                   variants: int | None, seed: int | None, say: Progress,
                   kinds: list[str]) -> tuple[list[str], list[str]]:
    """Write the worksheets, practice page and flashcards a deck asks for: their names, and lines to print.

    The practice page needs no PDF: it is written while the flashcards render when it can be.
    """
    from . import warmpdf

    worksheets: list[str] = []
    if "worksheet" in kinds and recipe.worksheet is not None:
        say(f"{recipe.id}: writing worksheets")
        from . import worksheet

        worksheets = worksheet.write_worksheets(project, recipe, rendered, stage, variants=variants, seed=seed)
    practice_page = Once(lambda: _write_practice(project, recipe, rendered, stage, say))
    if "practice" in kinds and "cards" in kinds:
        warmpdf.meanwhile(practice_page)
    cards = None
    if "cards" in kinds:
        say(f"{recipe.id}: writing printable flashcards")
        from . import flashcards

        cards = flashcards.write_cards(project, recipe, rendered, stage)
    files = [practice_page()] if "practice" in kinds else []
    return worksheets, files + ([cards] if cards is not None else [])


def _write_practice(project: Project, recipe: DeckRecipe, rendered: RenderResult, stage: Staging,
                    say: Progress) -> str:
    say(f"{recipe.id}: writing the practice page")
    from . import practice

    return practice.write_practice(project, recipe, rendered, stage)
