"""Time the commands teachers wait for (not a test: numbers to compare by hand).

Usage:  python benchmarks/run.py [--repeat N]

Runs each command N times in a scratch copy of the shipped project and prints
the median and the fastest wall-clock time.  Speed goals live here, never in
the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMANDS = {
    "studykit --help": ["--help"],
    "studykit check": ["check"],
    "studykit build (first)": ["build", "--quiet"],
    "studykit build (no change)": ["build", "--quiet"],
    "studykit diff": ["diff", "--quiet"],
}


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "studykit", *args], cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch) / "project"
        for part in ("seeds", "question_templates", "decks"):
            shutil.copytree(REPO / part, project / part)
        for name, args in COMMANDS.items():
            runs = []
            for _ in range(repeat):
                if name.endswith("(first)"):
                    shutil.rmtree(project / "dist", ignore_errors=True)
                runs.append(timed(args, project))
            print(f"{name:30} median {statistics.median(runs):6.2f} s   best {min(runs):6.2f} s")


if __name__ == "__main__":
    main()
