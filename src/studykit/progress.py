"""A progress bar for slow builds only: quick builds print nothing extra.

The bar appears one second after the work starts, shows the latest step the
builder reported, and vanishes when the work ends.  It never appears with
--quiet or --json, when stdout or stderr is not a terminal (a pipe, a log
file, cron) or when ``NO_COLOR`` is set, so logs hold no control characters.
rich is imported only if the bar is shown.  With --verbose the steps are
printed as plain lines instead (:class:`StepLog`).
"""

from __future__ import annotations

import os
import sys
import threading
import time

DELAY_SECONDS = 1.0


def bar_allowed(stream=None) -> bool:
    """A live bar only on a real terminal: both stdout and ``stream`` are ttys, no NO_COLOR."""
    stream = stream or sys.stderr
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return all(getattr(s, "isatty", lambda: False)() for s in (stream, sys.stdout))


class StepLog:
    """--verbose: each step the builder reports as one plain line, with the seconds elapsed."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.started = time.monotonic()

    def __enter__(self) -> "StepLog":
        return self

    def __call__(self, message: str) -> None:
        print(f"[{time.monotonic() - self.started:5.1f}s] {message}", file=self.stream, flush=True)

    def __exit__(self, *exc) -> None:
        return None


class DelayedProgress:
    """Use as ``with DelayedProgress(enabled) as progress: build(..., progress=progress)``."""

    def __init__(self, enabled: bool | None = None, delay: float = DELAY_SECONDS, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = bar_allowed(self.stream) if enabled is None else enabled
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
            console = Console(file=self.stream, no_color=True)  # the README: nothing is coloured
            self._bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 TimeElapsedColumn(), console=console, transient=True)
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
