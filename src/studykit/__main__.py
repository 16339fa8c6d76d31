"""`python -m studykit` runs the command line."""

from .cli import main

main()
