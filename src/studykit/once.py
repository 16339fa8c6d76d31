"""A computation run at most once, whoever asks first: the PDF helper's idle time, or the build."""

from __future__ import annotations

from typing import Callable


class Once:
    """A computation run at most once: while the PDF helper renders, or when first needed."""

    def __init__(self, make: Callable[[], list]):
        self.make, self.value, self.done = make, None, False

    def __call__(self):
        if not self.done:
            self.value, self.done = self.make(), True
        return self.value
