"""`python -m studykit` runs the command line (a plain check or build without loading typer)."""

from .quickcli import run

run()
