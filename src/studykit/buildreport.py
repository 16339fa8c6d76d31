"""What a build made and what it means for students: the report ``studykit build`` prints.

One :class:`DeckResult` per deck (its files, and its notes as added, changed,
unchanged or retired question ids), gathered in a :class:`BuildReport`.  The
build cache stores a report as :meth:`BuildReport.as_dict` and reads it back
with :meth:`DeckResult.from_dict`, so an unchanged rebuild says what the build
before it did.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import display_path


@dataclass
class DeckResult:
    """One deck's outputs and its impact on students, as question ids."""

    deck_id: str
    title: str
    apkg: Path
    manifest: Path
    notes: int
    cards: int
    size: int
    sha256: str
    timestamp: int
    package_changed: bool
    first_build: bool
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    still_retired: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    worksheets: list[str] = field(default_factory=list)
    anki: bool = True  # False when this build does not make the Anki package (outputs / --only)
    files: list[str] = field(default_factory=list)  # the practice page and flashcards written
    # (question id, new term, old term): a corrected key term that kept the old term's cloze card
    taken_over: list[tuple[str, str, str]] = field(default_factory=list)
    # (question id, term): a cloze card whose term is no longer blanked (Anki shows it without a blank)
    emptied: list[tuple[str, str]] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {key: len(getattr(self, key)) for key in
                ("added", "changed", "unchanged", "retired", "still_retired", "dropped")}

    def as_dict(self) -> dict:
        return {
            "deck": self.deck_id, "title": self.title, "apkg": str(self.apkg),
            "manifest": str(self.manifest), "notes": self.notes, "cards": self.cards,
            "bytes": self.size, "sha256": self.sha256, "timestamp": self.timestamp,
            "package_changed": self.package_changed, "first_build": self.first_build,
            "counts": self.counts,
            **{key: list(getattr(self, key)) for key in self.counts},
            "worksheets": list(self.worksheets), "anki": self.anki, "files": list(self.files),
            "taken_over": [list(entry) for entry in self.taken_over],
            "emptied": [list(entry) for entry in self.emptied],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "DeckResult":
        """The inverse of as_dict (used for the build cache's stored report)."""
        names = {f.name for f in fields(cls)}
        given = {"deck_id": data["deck"], "size": data["bytes"],
                 **{k: v for k, v in data.items() if k in names}}
        given["apkg"], given["manifest"] = Path(data["apkg"]), Path(data["manifest"])
        return cls(**given)

    def as_unchanged(self) -> "DeckResult":
        """What a rebuild with nothing changed reports about this build's outputs."""
        return DeckResult(
            deck_id=self.deck_id, title=self.title, apkg=self.apkg, manifest=self.manifest,
            notes=self.notes, cards=self.cards, size=self.size, sha256=self.sha256,
            timestamp=self.timestamp, package_changed=False, first_build=False,
            unchanged=self.added + self.changed + self.unchanged,
            still_retired=self.retired + self.still_retired, worksheets=list(self.worksheets),
            anki=self.anki, files=list(self.files),
        )

    def lines(self, dry_run: bool = False) -> list[str]:
        if not self.anki:
            return [f"{self.deck_id}: no Anki package in this build (see the recipe's outputs: or --only)",
                    *self._file_lines()]
        return self._anki_lines(dry_run) + self._file_lines()

    def taken_over_lines(self) -> list[str]:
        """One line per corrected key term that keeps the old term's cloze card (and history), and
        per cloze card left without a blank: students would find it empty."""
        return [f'{qid}: "{new}" keeps the card of "{old}" (review history kept)' for qid, new, old in self.taken_over] + [
            f'{qid}: the card of "{old}" has no blank now: Anki keeps it with its history but shows it empty '
            "(a corrected term that should take it over: keep it at the same place among the blanks)"
            for qid, old in self.emptied]

    def _file_lines(self) -> list[str]:
        lines = [f"  worksheets: {', '.join(self.worksheets)}"] if self.worksheets else []
        return lines + [f"  {line}" for line in self.files]

    def _anki_lines(self, dry_run: bool) -> list[str]:
        verb = "would write" if dry_run else "wrote"
        if not self.package_changed:
            verb = "unchanged" if dry_run else "unchanged (byte-identical)"
        c = self.counts
        lines = [
            f"{self.deck_id}: {verb} {display_path(self.apkg)}: {self.notes} notes, {self.cards} cards, "
            f"{self.size / 1024:.0f} KB",
            f"  added {c['added']}, changed {c['changed']} (review history kept), "
            f"unchanged {c['unchanged']}, retired {c['retired']}"
            + (" (first build)" if self.first_build else ""),
        ]
        if self.changed and len(self.changed) <= 10:
            lines.append(f"  changed: {', '.join(self.changed)}")
        lines += [f"  {line}" for line in self.taken_over_lines()]
        if self.retired:
            lines.append(f"  retired (no longer made): {', '.join(self.retired)}")
        if self.retired or self.still_retired:
            total = c["retired"] + c["still_retired"]
            lines.append(f"  {total} retired note(s) stay in the deck, tagged 'retired' with a notice on the "
                         "card: students find them in Anki's Browser by searching tag:retired and may "
                         "delete them")
        if self.dropped:
            lines.append(f"  {len(self.dropped)} retired note(s) left out: their note type no longer exists "
                         f"({', '.join(self.dropped)})")
        return lines


@dataclass
class BuildReport:
    out: Path
    decks: list[DeckResult]
    dry_run: bool = False
    removed: list[Path] = field(default_factory=list)  # the starter sample's outputs, once replaced

    def as_dict(self) -> dict:
        return {"out": str(self.out), "dry_run": self.dry_run,
                "decks": [deck.as_dict() for deck in self.decks],
                "removed": [str(path) for path in self.removed]}

    def lines(self) -> list[str]:
        lines = [line for deck in self.decks for line in deck.lines(self.dry_run)]
        if self.removed:
            lines.append("removed the sample deck's outputs (its recipe is gone from decks/): "
                         + ", ".join(path.name for path in self.removed))
        return lines
