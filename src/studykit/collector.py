"""Pausing Python's cycle collector while a stage makes many small objects and no cycles.

Loading and rendering build tens of thousands of small objects (facts, questions)
that never form garbage cycles; the collector would rescan everything made so
far each time it runs, about half of a large project's load and a tenth of its
rendering.
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused():
    """The cycle collector off inside the block, back as it was after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
