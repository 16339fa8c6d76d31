"""Reuse a PDF, or the part of one, whose HTML has not changed since the build that made it.

Beside the outputs, ``.studykit-cache/pdf/<name>.json`` records, for each
published PDF, the hash of the HTML it was made from (with the renderer's
version) and the hash of the PDF's own bytes.  A PDF is reused only when both
still match: the record for this HTML, and the file in the output folder
being exactly the one recorded.

A long PDF (the printable flashcards) is made of parts, each a few sheets with
an HTML page of its own, rendered and cached on its own
(``.studykit-cache/pdf/<name>.parts/<html hash>.pdf``) and joined in order.
The record lists every part's HTML hash and PDF hash, so one edited fact
renders again only the part that shows it; a part is reused only when the
published record lists it and its file still has the recorded bytes.

Files are staged in the order parts, PDF, record, so they are published in
that order; a build killed half-way, or another build writing the same
folder, can at worst leave a record that no longer matches its PDF or parts,
which only means they are made again, never that one is skipped.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import pdf

CACHE_DIR = ".studykit-cache/pdf"


def html_key(html: str, renderer: str) -> str:
    return hashlib.sha256(f"{renderer}\0{html}".encode("utf-8")).hexdigest()


def record_name(name: str) -> str:
    return f"{CACHE_DIR}/{name}.json"


def parts_dir(name: str) -> str:
    return f"{CACHE_DIR}/{name}.parts"


def part_name(name: str, key: str) -> str:
    return f"{parts_dir(name)}/{key}.pdf"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_record(out_dir: Path, name: str) -> dict:
    """The published record of PDF ``name`` (empty when there is none or it is unusable)."""
    try:
        record = json.loads((Path(out_dir) / record_name(name)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def cached_pdf(out_dir: Path, name: str, key: str) -> bytes | None:
    """The published PDF ``name`` when it was made from HTML with this key, else None."""
    record = read_record(out_dir, name)
    if record.get("html") != key:
        return None
    try:
        data = (Path(out_dir) / name).read_bytes()
    except OSError:
        return None
    return data if _sha(data) == record.get("pdf") else None


def cached_parts(out_dir: Path, name: str, keys: list[str]) -> dict[str, bytes]:
    """The parts of ``name`` that the published record lists with these keys and whose files are intact."""
    listed = read_record(out_dir, name).get("parts")
    listed = dict(p for p in listed if isinstance(p, list) and len(p) == 2 and all(isinstance(h, str) for h in p)) \
        if isinstance(listed, list) else {}  # a damaged record lists nothing usable, never raises
    found = {}
    for key in set(keys) & set(listed):
        try:
            data = (Path(out_dir) / part_name(name, key)).read_bytes()
        except OSError:
            continue
        if _sha(data) == listed[key]:
            found[key] = data
    return found


def record(key: str, data: bytes, parts: list[tuple[str, bytes]] | None = None) -> str:
    """The record's text for a PDF made from HTML with this key (and of these parts)."""
    entry: dict = {"html": key, "pdf": _sha(data)}
    if parts is not None:
        entry["parts"] = [[part_key, _sha(part)] for part_key, part in parts]
    return json.dumps(entry, sort_keys=True) + "\n"


def _whole_key(keys: list[str], renderer: str) -> str:
    """The key of a PDF joined from parts: what each part shows, in order, and the joiner."""
    return html_key("\0".join(keys), f"{renderer}; parts joined by {pdf.joiner_version()}")


def write_pdfs(pages: list[tuple[str, str | list[str]]], stage) -> list[str]:
    """Stage each PDF (reused when its HTML is unchanged, else rendered), then its cache record.

    ``pages`` holds (PDF name, HTML) pairs; the HTML may be a list of parts, each
    a whole page of a few sheets, rendered (or reused) on its own and joined in order.
    Every PDF that must be rendered is rendered in one parallel batch.
    Raises pdf.PdfUnavailable when one is needed and WeasyPrint cannot make it.
    """
    renderer = pdf.renderer_version()
    plans = [_Plan(stage.out_dir, name, html, renderer) for name, html in pages]
    needed = list(dict.fromkeys(html for plan in plans for html in plan.missing()))
    made = dict(zip(needed, pdf.html_to_pdfs(needed))) if needed else {}
    for plan in plans:
        plan.finish(made, stage)
    for plan in plans:  # staged after every PDF and part: published after them
        stage.path(record_name(plan.name)).write_text(plan.record_text, encoding="utf-8")
    return [plan.name for plan in plans]


class _Plan:
    """One PDF to stage: what is cached, what must be rendered, then the staged files."""

    def __init__(self, out_dir: Path, name: str, html: str | list[str], renderer: str):
        self.out_dir, self.name = Path(out_dir), name
        self.parted = not isinstance(html, str)
        self.htmls = list(html) if self.parted else [html]
        self.keys = [html_key(h, renderer) for h in self.htmls]
        self.key = _whole_key(self.keys, renderer) if self.parted else self.keys[0]
        self.whole = cached_pdf(self.out_dir, name, self.key)
        # the parts of a reused PDF are listed again (those still intact), for the next edit
        self.parts = cached_parts(self.out_dir, name, self.keys) if self.parted else {}
        self.record_text = ""

    def missing(self) -> list[str]:
        """The HTML pages to render: none when the whole PDF is reused."""
        if self.whole is not None:
            return []
        return [h for h, k in zip(self.htmls, self.keys) if k not in self.parts]

    def finish(self, made: dict[str, bytes], stage) -> None:
        """Stage the new parts and the PDF (joined from its parts when it has them)."""
        if self.whole is None:
            fresh = {k: made[h] for h, k in zip(self.htmls, self.keys) if k not in self.parts}
            for key, data in fresh.items() if self.parted else ():
                stage.path(part_name(self.name, key)).write_bytes(data)
            self.parts.update(fresh)
            ordered = [self.parts[k] for k in self.keys]
            self.whole = pdf.join_pdfs(ordered) if self.parted else ordered[0]
        if self.parted:
            kept = [(k, self.parts[k]) for k in dict.fromkeys(self.keys) if k in self.parts]
            self.record_text = record(self.key, self.whole, kept)
            _prune_parts(self.out_dir, self.name, set(self.keys))
        else:
            self.record_text = record(self.key, self.whole)
        stage.path(self.name).write_bytes(self.whole)


def _prune_parts(out_dir: Path, name: str, keep: set[str]) -> None:
    """Remove cached parts that neither this build nor the published record uses (cache hygiene)."""
    listed = read_record(out_dir, name).get("parts")
    if isinstance(listed, list):
        keep = keep | {p[0] for p in listed if isinstance(p, list) and p and isinstance(p[0], str)}
    folder = Path(out_dir) / parts_dir(name)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for path in entries:
        if path.suffix == ".pdf" and path.stem not in keep:
            path.unlink(missing_ok=True)
