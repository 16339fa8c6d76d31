"""`python -m studykit` runs the command line (a plain check or build without loading typer)."""

import sys

from .quickcli import main

sys.exit(main())
