"""Note types and question templates, and the facts' 'skip:' lists that name templates."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..model import NoteType, QuestionTemplate
from ..schema import did_you_mean, is_id
from ..yamlio import LocDict
from .comments import warn_cut_in_file
from .fields import CARD_FIELDS, NOTE_TYPE_FIELDS
from .loader import Loader


def load_note_types(loader: Loader) -> None:
    for path in sorted((loader.root / "question_templates" / "note_types").glob("*.yaml")):
        data = loader.yaml(path)
        ok = data is not None and loader.check(data, NOTE_TYPE_FIELDS, path, "note type")
        ok = ok and all(loader.check(card, CARD_FIELDS, path, f"card #{i + 1}", data["cards"].loc(i))
                        for i, card in enumerate(data["cards"]))
        ok = ok and _field_names_ok(loader, path, data["fields"])
        if not ok:  # templates naming it would only echo this problem
            named = data.get("id") if isinstance(data, dict) else None
            loader.broken_note_types.add(named if isinstance(named, str) else None)  # 'id: {...}' is no name
            loader.broken_note_types.add(path.stem)
            continue
        warn_cut_in_file(loader, path, data, "note type", str(data["id"]))
        if data["id"] in loader.project.note_types:
            loader.add(path, data.loc("id"), f"note type id '{data['id']}' is used twice")
            continue
        loader.project.note_types[data["id"]] = NoteType(
            id=data["id"], name=data["name"], fields=list(data["fields"]),
            cards=[dict(c) for c in data["cards"]], css=data.get("css", ""),
            cloze=data.get("cloze", False), path=loader.shown(path),
        )


def _field_names_ok(loader: Loader, path: Path, names) -> bool:
    """Anki takes a field name of one line without : " { } that starts with none of # / ^ (and a
    name quoted in a message must not break it into lines)."""
    ok = True
    for i, name in enumerate(names):
        if "\n" in name or any(c in name for c in ':"{}') or name.startswith(("#", "/", "^")):
            shown = " ".join(name.split())
            loader.add(path, names.loc(i), f"note type field #{i + 1} '{shown[:60]}' is no field name Anki "
                       "takes: one line, without : \" { or }, not starting with # / or ^ (e.g. Front)")
            ok = False
    return ok


def load_templates(loader: Loader) -> None:
    from ..questions import TEMPLATE_FIELDS, check_template_spec

    for path in sorted((loader.root / "question_templates").glob("*.yaml")):
        data = loader.yaml(path)
        spec = data if isinstance(data, LocDict) else LocDict()
        template_id = spec.get("id", path.stem)
        if not isinstance(template_id, str):
            template_id = path.stem
        if "id" not in spec and not is_id(template_id):
            loader.add(path, (1, 1), _file_name_not_an_id(path))
            continue
        if template_id in loader.project.templates:
            loader.add(path, spec.loc("id"), f"template id '{template_id}' is used twice")
            continue
        template = QuestionTemplate(id=template_id, path=loader.shown(path), spec=spec)
        warn_cut_in_file(loader, path, spec, "template", template_id)
        # An invalid template is still registered, so recipes naming it do not add
        # "unknown template" errors, but it is marked broken and never rendered.
        valid = data is not None and loader.check(data, TEMPLATE_FIELDS, path, "question template")
        problems = check_template_spec(template, loader.project) if valid else []
        note_type = spec.get("note_type")
        if isinstance(note_type, str) and note_type in loader.broken_note_types:  # reported already
            echo = spec.loc("note_type")
            problems = [p for p in problems if (p.line, p.col) != echo]
        loader.problems.extend(problems)
        template.broken = not valid or bool(problems)
        loader.project.templates[template_id] = template


def _file_name_not_an_id(path: Path) -> str:
    """Template ids come from file names, and note GUIDs and Anki tags from template ids."""
    import re

    suggested = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "my-template"
    return (f"question template file name '{path.name}' is not a kebab-case id (lower-case words "
            f"joined by single hyphens); rename it to '{suggested}.yaml' and use that id in recipes")


def check_skipped_templates(loader: Loader) -> None:
    """A fact's ``skip:`` must name templates that exist: a typo would skip nothing."""
    known = loader.project.templates
    if not known:
        return
    for fact in loader.project.facts.values():
        for i, template_id in enumerate(fact.skip):
            if template_id in known:
                continue
            loader.problems.append(Problem(
                fact.path, *fact.position(f"skip.{i}"),
                f"fact '{fact.id}': skip names no question template '{template_id}'; "
                f"{did_you_mean(template_id, sorted(known))}"
                f"known: {', '.join(sorted(known))} (defined in question_templates/)"))
