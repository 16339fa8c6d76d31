"""Screenshots of a deck's cards as a student sees them: a tool for looking, not a test.

Checks the project, writes its one deck's .apkg, imports it into a fresh real Anki collection,
and for the first card of every template renders the front and the back as Anki's reviewer
wraps them (``tests/anki_pages.py``: the type-answer box filled with a wrong answer), then
screenshots each with headless Chromium at a phone-like width.

    python benchmarks/card_shots.py . /tmp/cards                 # the shipped deck
    python benchmarks/card_shots.py examples/trial-1786 /tmp/trial --night --width 600

Each session's reviews start here: open the PNGs (one per template and side) before calling a
change to a template, a note type or the card CSS done.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

CHROMIUM = ("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars")


def shoot(html: Path, png: Path, width: int, height: int, profile: Path) -> None:
    """One page to one PNG, in a browser profile of its own (no network, no first-run pages)."""
    subprocess.run([*CHROMIUM, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                    f"--screenshot={png}", html.as_uri()], check=True, capture_output=True, timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("out", type=Path, help="folder for the PNGs (made if missing)")
    parser.add_argument("--night", action="store_true", help="Anki's night mode")
    parser.add_argument("--width", type=int, default=420)
    parser.add_argument("--height", type=int, default=760)
    args = parser.parse_args()

    from anki.collection import Collection
    from anki_pages import built_deck, import_package, one_card_per_template, reviewer_page, side_html

    args.out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="card-shots-"))
    *_, package = built_deck(args.project, scratch / "deck.apkg")
    col = Collection(str(scratch / "collection.anki2"))
    try:
        import_package(col, package)
        for key, card in one_card_per_template(col).items():
            for side in ("front", "back"):
                page = scratch / f"{key}-{side}.html"
                page.write_text(reviewer_page(side_html(col, card, side, typed="wrong answer"), night=args.night),
                                encoding="utf-8")
                png = args.out / f"{key.replace('/', '_')}-{side}.png"
                shoot(page, png, args.width, args.height, scratch / "profile")
                print(png)
    finally:
        col.close()


if __name__ == "__main__":
    main()
