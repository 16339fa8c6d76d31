"""What every example project's tests check the same way: a throw-away build, and that nothing
in ``src/`` names the example (its title, people or quoted phrases)."""

from __future__ import annotations

import shutil
from pathlib import Path

from studykit.build import build_project

REPO = Path(__file__).resolve().parent.parent


def built_copy(example: Path, tmp_path: Path):
    """Build a copy of ``example`` (templates copied from the link, so nothing is written into
    examples/) into ``tmp_path/dist``; its one deck's report."""
    copy = tmp_path / example.name
    shutil.copytree(example, copy, symlinks=False)
    report = build_project(copy, out=tmp_path / "dist")
    [deck] = report.decks
    return deck


def src_code() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "src").rglob("*.py"))


def named_in_src(project, code: str | None = None) -> list:
    """Every title, person's name and six-word phrase of a quote of ``project`` that ``src/`` holds."""
    code = src_code() if code is None else code
    found = [source.title for source in project.sources.values() if source.title in code]
    for fact in project.facts.values():
        if fact.kind == "person" and fact.data["name"] in code:
            found.append(fact.data["name"])
        for quote in fact.quotes:
            words = quote.split()
            found += [(fact.id, phrase) for phrase in (" ".join(words[i:i + 6]) for i in range(len(words) - 5))
                      if phrase in code]
    return found
