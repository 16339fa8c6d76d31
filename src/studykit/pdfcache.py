"""Reuse a PDF whose HTML has not changed since the build that made it.

Beside the outputs, ``.studykit-cache/pdf/<name>.json`` records, for each
published PDF, the hash of the HTML it was made from (with the renderer's
version) and the hash of the PDF's own bytes.  A PDF is reused only when both
still match: the record for this HTML, and the file in the output folder
being exactly the one recorded.  Records are staged after their PDFs, so they
are published after them; a build killed half-way, or another build writing
the same folder, can at worst leave a record that no longer matches its PDF,
which only means the PDF is made again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

CACHE_DIR = ".studykit-cache/pdf"


def html_key(html: str, renderer: str) -> str:
    return hashlib.sha256(f"{renderer}\0{html}".encode("utf-8")).hexdigest()


def record_name(name: str) -> str:
    return f"{CACHE_DIR}/{name}.json"


def cached_pdf(out_dir: Path, name: str, key: str) -> bytes | None:
    """The published PDF ``name`` when it was made from HTML with this key, else None."""
    try:
        record = json.loads((Path(out_dir) / record_name(name)).read_text(encoding="utf-8"))
        if record.get("html") != key:
            return None
        data = (Path(out_dir) / name).read_bytes()
    except (OSError, ValueError, AttributeError):
        return None
    return data if hashlib.sha256(data).hexdigest() == record.get("pdf") else None


def record(key: str, data: bytes) -> str:
    """The record's text for a PDF made from HTML with this key."""
    return json.dumps({"html": key, "pdf": hashlib.sha256(data).hexdigest()}, sort_keys=True) + "\n"
