"""Which outputs a build makes per deck: the recipe's ``outputs:``, or ``build --only``.

A recipe that does not say makes what studykit always made: the Anki deck,
and the worksheets when it has a ``worksheet:`` section.  A large course is
therefore never printed as flashcards by surprise.
"""

from __future__ import annotations

from .errors import Problem, UsageError
from .model import DeckRecipe
from .schema import Field, check_mapping

KINDS = ("anki", "worksheet", "practice", "cards")
DESCRIPTIONS = {
    "anki": "the Anki package and its manifest",
    "worksheet": "worksheets and answer keys (HTML and PDF)",
    "practice": "the offline self-test page <deck>-practice.html",
    "cards": "printable flashcards <deck>-cards.pdf",
}
# The question targets (a template's ``targets:``) each output shows: the flashcards are the Anki
# cards on paper, the practice page asks every question of the deck (None: every target).
SHOWS: dict[str, tuple[str, ...] | None] = {
    "anki": ("anki",), "worksheet": ("worksheet",), "practice": None, "cards": ("anki",),
}
CARD_SIZES = ("a7", "index-3x5")
CARDS_FIELDS = {
    "size": Field("text", choices=CARD_SIZES, hint="a7 (74 x 105 mm) or index-3x5 (3 x 5 in)"),
    "paper": Field("text", choices=("a4", "letter")),
}


def recipe_outputs(recipe: DeckRecipe) -> list[str]:
    """The outputs a recipe asks for, in build order."""
    asked = recipe.spec.get("outputs")
    if asked is None:
        return ["anki"] + (["worksheet"] if recipe.worksheet is not None else [])
    return [kind for kind in KINDS if kind in asked]


def build_outputs(recipe: DeckRecipe, only: list[str] | None) -> list[str]:
    """What one build makes for a recipe: ``only`` when given, else the recipe's outputs."""
    if only and "worksheet" in only and recipe.worksheet is None:
        raise UsageError(f"deck '{recipe.id}' has no 'worksheet:' section in {recipe.path}, so "
                         "--only worksheet has nothing to make; add 'worksheet: {}' to print every question")
    return _asked(recipe, only)


def _asked(recipe: DeckRecipe, only: list[str] | None) -> list[str]:
    return [kind for kind in KINDS if kind in only] if only else recipe_outputs(recipe)


def shown_targets(recipe: DeckRecipe, only: list[str] | None) -> frozenset[str] | None:
    """The question targets the outputs a build makes for a recipe show (None: every target).

    A build renders only the templates with one of these targets: the others' questions
    would be thrown away (``studykit check`` still renders them all).  A usage error in
    ``only`` is left to :func:`build_outputs`, asked after the project is checked.
    """
    targets: set[str] = set()
    for kind in _asked(recipe, only):
        shown = SHOWS[kind]
        if shown is None:
            return None
        targets.update(shown)
    return frozenset(targets)


def check_only(only: list[str] | None) -> None:
    """``--only`` names known kinds (a usage error otherwise)."""
    for kind in only or ():
        if kind not in KINDS:
            from .schema import did_you_mean  # only on this error

            raise UsageError(f"--only: unknown output '{kind}'; {did_you_mean(kind, KINDS)}"
                             f"choose from {', '.join(KINDS)}")


def check_outputs_spec(recipe: DeckRecipe, path: str) -> list[Problem]:
    """Problems with a recipe's ``outputs:`` and ``cards:`` beyond their types, at path:line:col."""
    spec = recipe.spec
    problems: list[Problem] = []
    asked = spec.get("outputs")
    if isinstance(asked, list) and "worksheet" in asked and recipe.worksheet is None:
        at = asked.loc(asked.index("worksheet")) if hasattr(asked, "loc") else (1, 1)
        problems.append(Problem(path, *at, "outputs: 'worksheet' needs a 'worksheet:' section in the "
                                "recipe; add 'worksheet: {}' to print every question, or drop 'worksheet'"))
    if isinstance(spec.get("cards"), dict):
        where = spec.loc("cards") if hasattr(spec, "loc") else (1, 1)
        problems += check_mapping(spec["cards"], CARDS_FIELDS, path, "cards", where)
    return problems
