"""A real headless Chromium for the tests that look at pages, and a local web origin to serve them.

Pages are served over http rather than opened as file:// URLs: a file:// page sometimes got a
fresh sessionStorage (about one load in 35 here), and AnkiDroid serves its cards from a local
server too.
"""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
MISSING = "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)"


def have_chromium() -> bool:
    return CHROMIUM.exists() and CHROMEDRIVER.exists()


def headless_chromium(*flags: str):
    """A Selenium driver of the system's Chromium, headless; ``flags`` added (a window size)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", *flags):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # pytest's output stays the tests'
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served at a local http origin (its address yielded) while the block runs."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
