"""A progress bar for slow builds only: quick builds print nothing extra.

The bar appears one second after the work starts (never on a pipe, never
with --quiet or --json), shows the latest step the builder reported, and
vanishes when the work ends.  rich is imported only if the bar is shown.
"""

from __future__ import annotations

import sys
import threading

DELAY_SECONDS = 1.0


class DelayedProgress:
    """Use as ``with DelayedProgress(enabled) as progress: build(..., progress=progress)``."""

    def __init__(self, enabled: bool | None = None, delay: float = DELAY_SECONDS, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.delay = delay
        self.message = "working"
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._bar = None
        self._task = None
        self._closed = False
        self.was_shown = threading.Event()

    def __enter__(self) -> "DelayedProgress":
        if self.enabled:
            self._timer = threading.Timer(self.delay, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __call__(self, message: str) -> None:
        """The builder's progress callback: remember the step, update the bar if shown."""
        with self._lock:
            self.message = message
            if self._bar is not None:
                self._bar.update(self._task, description=message)

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._closed:
                return
            self._bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 TimeElapsedColumn(), console=Console(file=self.stream), transient=True)
            self._task = self._bar.add_task(self.message, total=None)
            self._bar.start()
            self.was_shown.set()

    def __exit__(self, *exc) -> None:
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
            if self._bar is not None:
                self._bar.stop()
                self._bar = None
