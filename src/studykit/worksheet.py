"""Compatibility name for :mod:`studykit.worksheets` (the stage grew into a package)."""

from __future__ import annotations

from .worksheets import *  # noqa: F401,F403
from .worksheets import __all__  # noqa: F401
