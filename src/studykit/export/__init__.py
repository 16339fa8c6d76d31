"""Exports: the same questions as the Anki deck, for Moodle (GIFT, XML, Aiken), Canvas (QTI), Blackboard, Quizlet, Anki text import and Markdown.

Each format lives in its own module; this one validates the project, picks
the decks, runs the writers and publishes every file at once (atomically),
so a failed export leaves the previous files untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InvalidContent, UsageError

EXPORTS_DIR = Path("dist") / "exports"


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    description: str


FORMATS = {
    f.name: f for f in (
        Format("gift", ".gift", "Moodle GIFT (Question bank > Import > GIFT format)"),
        Format("moodle-xml", ".moodle.xml", "Moodle XML (Question bank > Import > Moodle XML format)"),
        Format("qti", ".qti.zip", "IMS QTI 1.2 package (Canvas: Settings > Import Course Content > "
               "QTI .zip file; Blackboard, Brightspace)"),
        Format("aiken", ".aiken.txt", "Moodle Aiken format (Question bank > Import > Aiken format): "
               "multiple choice and true/false as plain text"),
        Format("blackboard", ".blackboard.txt", "Blackboard Learn Upload Questions (a test or pool: "
               "Upload Questions), tab-delimited"),
        Format("quizlet", ".quizlet.txt", "Quizlet import text (term TAB definition, one card a line)"),
        Format("anki-tsv", ".anki.tsv", "Anki text import with the .apkg's GUIDs (File > Import)"),
        Format("markdown", ".md", "Markdown study sheet grouped by topic, with citations"),
    )
}
ALL = "all"


@dataclass
class ExportedFile:
    """One written file: which deck and format, where, how many items, what was left out."""

    deck: str
    format: str
    path: Path
    items: int
    skipped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        text = f"{self.path}: {self.items} {_unit(self.format)}"
        if self.skipped:
            left = ", ".join(f"{n} {style}" for style, n in sorted(self.skipped.items()))
            text += f" (not exportable to {self.format}, left out: {left})"
        return "; ".join([text, *self.notes])

    def as_dict(self) -> dict:
        return {"deck": self.deck, "format": self.format, "path": str(self.path),
                "items": self.items, "skipped": dict(self.skipped), "notes": list(self.notes)}


def _unit(fmt: str) -> str:
    return {"quizlet": "cards", "anki-tsv": "notes", "markdown": "facts"}.get(fmt, "questions")


def format_names(name: str) -> list[str]:
    """The formats meant by a FORMAT argument ('all' = every format)."""
    if name == ALL:
        return list(FORMATS)
    if name not in FORMATS:
        from ..schema import did_you_mean  # only on this error: schema loads the YAML reader

        raise UsageError(f"unknown export format '{name}'; {did_you_mean(name, FORMATS)}choose one of: "
                         f"{', '.join(FORMATS)} or {ALL}")
    return [name]


def export_project(root: Path, fmt: str, decks: list[str] | None = None, out: Path | None = None,
                   tolerance: float = 0.0, built: Path | None = None) -> list[ExportedFile]:
    """Validate ``root`` and write ``fmt`` ('all' for every format) for the chosen decks.

    Files go to ``out`` (default ``<root>/dist/exports``) as ``<deck-id><suffix>``.  ``built``
    is the build folder whose deck anki-tsv updates (default ``<root>/dist``).
    Raises InvalidContent if the project has problems (nothing is written) and
    UsageError for an unknown format or deck.
    """
    from ..atomic import Staging
    from ..check import check_project

    names = format_names(fmt)
    if tolerance < 0:
        raise UsageError(f"--tolerance must be zero or more (a percentage), not {tolerance:g}")
    built = _build_folder(Path(root), built, names)
    result = check_project(Path(root))
    if result.problems:
        raise InvalidContent(result.problems)
    project = result.project
    chosen = select_decks(project.decks, decks)
    out_dir = Path(out) if out is not None else Path(root) / EXPORTS_DIR
    written: list[ExportedFile] = []
    with Staging(out_dir) as stage:
        for deck_id in chosen:
            recipe, rendered = project.decks[deck_id], result.decks[deck_id]
            for name in names:
                relative = deck_id + FORMATS[name].suffix
                made = _render(name, project, recipe, rendered.questions, tolerance, built)
                if isinstance(made.content, bytes):
                    stage.path(relative).write_bytes(made.content)
                else:
                    stage.path(relative).write_text(made.content, encoding="utf-8")
                written.append(ExportedFile(deck_id, name, out_dir / relative, made.items, made.skipped,
                                            made.notes))
    return written


def _build_folder(root: Path, built: Path | None, names: list[str]) -> Path:
    """The folder of the built deck that anki-tsv follows; a named one must be a folder."""
    if built is None:
        return root / "dist"
    if "anki-tsv" not in names:
        raise UsageError("--built names the build folder whose deck anki-tsv updates; this export "
                         f"({', '.join(names)}) does not read it: leave it out")
    if not Path(built).is_dir():
        raise UsageError(f"--built {built}: no such folder; give the folder 'studykit build --out' wrote "
                         "(default: PROJECT/dist)")
    return Path(built)


def select_decks(known: dict, wanted: list[str] | None) -> list[str]:
    """The deck ids asked for (all when none are named); unknown ids are a usage error."""
    if not wanted:
        if not known:
            raise UsageError("the project has no deck recipes; add one to decks/ (see decks/*.yaml)")
        return list(known)
    for deck_id in wanted:
        if deck_id not in known:
            from ..schema import did_you_mean

            raise UsageError(f"unknown deck '{deck_id}'; {did_you_mean(deck_id, known)}"
                             f"decks: {', '.join(known) or '(none)'}")
    return list(dict.fromkeys(wanted))


@dataclass
class Rendered:
    """One format's file for one deck: its content, item count, skipped styles and notes."""

    content: str | bytes
    items: int
    skipped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _render(name: str, project, recipe, questions, tolerance: float, built: Path) -> Rendered:
    """One format's file for one deck."""
    if name in ("gift", "moodle-xml", "qti"):
        from . import gift, moodle_xml
        from .common import quiz_items

        quiz = quiz_items(project, recipe, questions, tolerance, split_cloze=name == "gift")
        essays = sum(1 for item in quiz.items if item.kind == "essay")
        marked = [f"{essays} essay(s) to mark by hand"] if essays else []
        if name == "qti":
            from . import qti

            return Rendered(qti.write(quiz.items, recipe.title, recipe.id), len(quiz.items), quiz.skipped,
                            marked)
        if name == "moodle-xml":
            return Rendered(moodle_xml.write(quiz.items, recipe.title), len(quiz.items), quiz.skipped,
                            marked)
        arrows = gift.arrow_answers(quiz.items)
        notes = [f"{arrows} short answer(s) hold '->': GIFT cannot write it, so they are written "
                 "with '→' and accept '->' too"] if arrows else []
        return Rendered(gift.write(quiz.items, recipe.title), len(quiz.items), quiz.skipped, marked + notes)
    if name == "aiken":
        from . import aiken

        text, count, skipped = aiken.write(questions)
        return Rendered(text, count, skipped)
    if name == "blackboard":
        from . import blackboard

        text, count, skipped = blackboard.write(project, recipe, questions, tolerance)
        notes = [f"Blackboard's Ultra view advises at most {blackboard.RECOMMENDED_LINES} questions per upload: "
                 "split the file if an upload times out"] if count > blackboard.RECOMMENDED_LINES else []
        return Rendered(text, count, skipped, notes)
    if name == "quizlet":
        from . import quizlet

        cards, skipped = quizlet.cards(questions)
        return Rendered(quizlet.write(cards), len(cards), skipped)
    if name == "anki-tsv":
        from . import anki_tsv

        text, count, said = anki_tsv.write(project, recipe, questions, built)
        return Rendered(text, count, notes=said)
    from . import markdown

    text, facts = markdown.write(project, recipe, questions)
    return Rendered(text, facts)
