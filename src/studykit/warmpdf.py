"""A WeasyPrint process started as a build begins, so importing WeasyPrint overlaps the build's own work.

Importing WeasyPrint costs about as much as loading and checking the whole
shipped project.  A build that may print starts this helper process first;
it imports WeasyPrint on the other core while the build loads, renders and
writes the deck, then renders whatever PDFs the build asks for (through
:func:`studykit.pdf.html_to_pdfs`, which forks its parallel workers there,
after the import).

Nothing depends on the helper: when it cannot be started (WeasyPrint is not
installed) or dies, :func:`studykit.pdf.html_to_pdfs` renders in the build's
own process as before.  The helper serves every later build of the same
process too (``studykit watch``, a test run), so WeasyPrint is imported once
per process; it is stopped when the process exits, and exits by itself when
its pipe closes, so a killed build never leaves it behind for long.  It talks over its stdin and a private copy of its stdout (its own
stdout goes to stderr, so nothing can reach a ``--json`` document).
"""

from __future__ import annotations

import atexit
import os
import pickle
import struct
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

_HEADER = struct.Struct("!Q")
_current: "WarmRenderer | None" = None  # the helper of the build running now
_idle: "WarmRenderer | None" = None  # kept for this process's next build


def current() -> "WarmRenderer | None":
    """The helper of the build running in this process, if it started one."""
    return _current


@contextmanager
def started(wanted: bool = True):
    """Start the helper for the duration of a build (when ``wanted`` and WeasyPrint is installed)."""
    global _current, _idle
    loaded = sys.modules.get("weasyprint") is not None  # then rendering here costs no import
    if not wanted or loaded or _current is not None or not _installed("weasyprint"):
        yield None
        return
    renderer, _idle = _idle, None
    if renderer is not None and not renderer.alive():
        renderer.close()
        renderer = None
    if renderer is None:
        try:
            renderer = WarmRenderer()
        except OSError:
            yield None
            return
        atexit.register(renderer.close)
    _current = renderer
    try:
        yield renderer
    finally:
        _current = None
        if renderer.alive():
            _idle = renderer
        else:
            renderer.close()


def shutdown() -> None:
    """Stop the helper kept for the next build, if any."""
    global _idle
    if _idle is not None:
        _idle.close()
        _idle = None


def _installed(name: str) -> bool:
    """Whether ``name`` can be imported, found without importing it."""
    if name in sys.modules:
        return sys.modules[name] is not None
    from importlib.util import find_spec

    try:
        return find_spec(name) is not None
    except (ImportError, ValueError):
        return False


class WarmRenderer:
    """The helper process, and the build's end of its pipe."""

    def __init__(self):
        package_parent = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen([sys.executable, "-m", "studykit.warmpdf"], env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.broken = False

    def alive(self) -> bool:
        return not self.broken and self.process.poll() is None

    def render(self, pages: list[str], workers: int | None = None) -> list[bytes] | None:
        """The PDF of each page (raises pdf.PdfUnavailable), or None if the helper is gone.

        Interrupted between asking and hearing the answer (Ctrl-C, a time limit), the
        helper counts as broken: its late answer must never be taken for another request's.
        """
        if self.broken:
            return None
        try:
            _send(self.process.stdin, (pages, workers))
            answer = _receive(self.process.stdout)
        except (OSError, EOFError, pickle.UnpicklingError):
            self.broken = True
            return None
        except BaseException:
            self.broken = True
            raise
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def close(self) -> None:
        """Stop the helper at once (between requests it holds nothing: its workers are gone)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass


def _send(stream, value) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream):
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("the PDF helper stopped")
    size = _HEADER.unpack(header)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the PDF helper stopped")
    return pickle.loads(data)


def serve() -> None:
    """The helper's side: import WeasyPrint, then render each request until the pipe closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the build, which closes the pipe
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to stderr, never into the answers
    requests = sys.stdin.buffer
    from . import pdf

    try:
        pdf.html_to_pdfs([])  # imports WeasyPrint now, while the build works
    except pdf.PdfUnavailable:
        pass  # said again for each request, as the build's own process would
    while True:
        try:
            pages, workers = _receive(requests)
        except EOFError:
            return
        try:
            answer = pdf.html_to_pdfs(pages, workers)
        except Exception as err:  # noqa: BLE001 - sent back: the build raises it as its own
            answer = err if _picklable(err) else RuntimeError(f"{type(err).__name__}: {err}")
        try:
            _send(answers, answer)
        except OSError:
            return


def _picklable(value) -> bool:
    try:
        pickle.loads(pickle.dumps(value))
    except Exception:  # noqa: BLE001
        return False
    return True


if __name__ == "__main__":
    serve()
