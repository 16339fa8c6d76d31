"""A WeasyPrint process started as a build begins, so importing WeasyPrint overlaps the build's own work.

Importing WeasyPrint costs about as much as loading and checking the whole
shipped project.  A build that may print starts this helper process first;
it imports WeasyPrint on the other core while the build loads, renders and
writes the deck, then renders whatever PDFs the build asks for.

This module is the build's end: it starts (or reuses) the helper, sends it
pages and collects their PDFs; :mod:`studykit.pdfhelper` is the helper's side
(its workers render, one page each at a time) and :mod:`studykit.pdfpipe` what
they send each other.  The build can ask for a PDF the moment its HTML exists,
then go on with its work (see :meth:`WarmRenderer.meanwhile`) and collect the
PDFs when it needs them.

Nothing depends on the helper: when it cannot be started (WeasyPrint is not
installed) or dies, :func:`studykit.pdf.html_to_pdfs` renders in the build's
own process as before.  The helper and its workers serve every later build
of the same process too (``studykit watch``, a test run), so WeasyPrint is
imported once and the workers stay warm; a helper whose build ended with a
PDF still outstanding (interrupted, failed) is never reused but killed with
its workers, and all of them are killed when the process exits.  They exit by
themselves when their pipe closes, so a killed build never leaves them behind
for long.  The helper talks over its stdin and a private copy of its stdout
(its own stdout goes to stderr, so nothing can reach a ``--json`` document).
"""

from __future__ import annotations

import atexit
import os
import pickle
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from .pdfpipe import Frames, frame

_current: "WarmRenderer | None" = None  # the helper of the build running now
_idle: "WarmRenderer | None" = None  # kept for this process's next build


def current() -> "WarmRenderer | None":
    """The helper of the build running in this process, if it started one."""
    return _current


def meanwhile(task: Callable[[], object]) -> bool:
    """Run ``task`` while the build first waits for the helper's PDFs; False when there is no helper.

    The caller still calls ``task`` itself when it needs the result (make it
    run once): a build that never waits for a PDF runs it then.
    """
    if _current is None or not _current.alive():
        return False
    _current.meanwhile(task)
    return True


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
        renderer.end_build()
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
    """The helper process, and the build's end of its pipes.

    Pages are submitted as soon as their HTML exists and collected when the
    build needs their PDFs; requests the pipe cannot take yet are kept here and
    written while the build waits, so submitting never blocks the build.
    """

    def __init__(self, fork: bool | None = None):
        """Fork the helper from this process when it has one thread (or ``fork`` says so), else start
        ``python -m studykit.warmpdf``: either way in a process group of its own, so closing kills the
        helper and its workers together."""
        if fork is None:
            fork = _single_threaded()
        self.process = _ForkedHelper() if fork else _started_helper()
        self.forked = fork
        self._to = self.process.stdin.fileno()
        self._from = self.process.stdout.fileno()
        os.set_blocking(self._to, False)
        self._outgoing = bytearray()
        self._incoming = Frames()
        self._next = 0
        self._results: dict[int, object] = {}
        self._outstanding: set[int] = set()
        self._tasks: list[Callable[[], object]] = []
        self.answered: list[int] = []  # the ids in the order their PDFs came back
        self.broken = False

    def alive(self) -> bool:
        return not self.broken and self.process.poll() is None

    def submit(self, html: str) -> int | None:
        """Ask for the PDF of ``html`` now; its id for :meth:`collect` (None if the helper is gone)."""
        if self.broken:
            return None
        self._next += 1
        self._outstanding.add(self._next)
        self._outgoing += frame((self._next, html))
        try:
            self._write()
        except OSError:
            self.broken = True
            return None
        return self._next

    def meanwhile(self, task: Callable[[], object]) -> None:
        """Run ``task`` when the build first waits for a PDF (after its pages went out)."""
        self._tasks.append(task)

    def collect(self, ids: list[int]) -> list[bytes] | None:
        """The PDFs of these submitted pages, in order (raises pdf.PdfUnavailable); None if the helper is gone.

        Interrupted while waiting (Ctrl-C, a time limit, a failing task), the
        helper counts as broken: its late answers must never be taken for another build's.
        """
        if self.broken:
            return None
        failed = None
        try:
            while self._tasks:
                try:
                    self._tasks.pop(0)()
                except Exception as err:  # noqa: BLE001 - raised below, once these PDFs are in
                    failed = err
                    self._tasks.clear()
            while any(i not in self._results for i in ids):
                self._pump()
        except (OSError, EOFError, pickle.UnpicklingError):
            self.broken = True
            if failed is not None:
                raise failed from None
            return None
        except BaseException:
            self.broken = True
            raise
        answers = [self._results.pop(i) for i in ids]
        if failed is not None:
            raise failed
        for answer in answers:
            if isinstance(answer, BaseException):
                raise answer
        return answers

    def render(self, pages: list[str]) -> list[bytes] | None:
        """The PDF of each page (raises pdf.PdfUnavailable), or None if the helper is gone."""
        ids = [self.submit(html) for html in pages]
        return None if None in ids else self.collect(ids)

    def end_build(self) -> None:
        """A build is over: with a PDF it did not collect, the helper is not reused."""
        self._tasks.clear()
        self.answered.clear()
        if self._outstanding or self._results:
            self.broken = True

    def _write(self) -> None:
        while self._outgoing:
            try:
                written = os.write(self._to, self._outgoing)
            except BlockingIOError:
                return
            del self._outgoing[:written]

    def _pump(self) -> None:
        """Wait until the helper answers (writing what is left of the requests meanwhile)."""
        import select

        writers = [self._to] if self._outgoing else []
        readable, writable, _ = select.select([self._from], writers, [])
        if writable:
            self._write()
        if readable:
            data = os.read(self._from, 1 << 20)
            if not data:
                raise EOFError("the PDF helper stopped")
            for job, answer in self._incoming.feed(data):
                self._outstanding.discard(job)
                self._results[job] = answer
                self.answered.append(job)

    def close(self) -> None:
        """Stop the helper and its workers: asked first, then whatever is left of its process group killed."""
        if self.process.poll() is None:
            self.process.terminate()  # the helper kills and reaps its workers, then exits
            try:  # wait without reaping it: its process group cannot be reused before that
                os.waitid(os.P_PID, self.process.pid, os.WEXITED | os.WNOWAIT)
            except (OSError, AttributeError):
                pass
            try:
                os.killpg(self.process.pid, signal.SIGKILL)  # a worker it could not reap
            except OSError:
                pass
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass


def _started_helper():
    """``python -m studykit.warmpdf`` (a ``subprocess.Popen``)."""
    import subprocess

    package_parent = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH")) if p)
    return subprocess.Popen([sys.executable, "-m", "studykit.warmpdf"], env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, start_new_session=True)


def _single_threaded() -> bool:
    """Whether this process runs one thread (Linux), so a forked child may go on running Python.

    A thread holding a lock at the fork (the import lock, a stream's) would leave it
    held forever in the child; with threads the helper is started as a new program.
    """
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class _ForkedHelper:
    """The helper as a child forked from the build's process: no interpreter to start, no studykit to
    import again (a tenth of a second before the helper can begin importing WeasyPrint).

    Offers what the build uses of a ``subprocess.Popen``: ``pid``, the two pipes as
    ``stdin`` and ``stdout``, ``poll``, ``wait``, ``terminate`` and ``kill``.
    """

    def __init__(self):
        requests, to_helper = os.pipe()
        from_helper, answers = os.pipe()
        for stream in (sys.stdout, sys.stderr):  # nothing buffered here may be written twice
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                pass
        pid = os.fork()
        if pid == 0:  # the helper
            try:
                os.setsid()
                os.close(to_helper)
                os.close(from_helper)
                from .pdfhelper import serve

                serve(requests, answers)
            finally:
                os._exit(0)
        os.close(requests)
        os.close(answers)
        self.pid, self.returncode = pid, None
        self.stdin = open(to_helper, "wb", buffering=0)
        self.stdout = open(from_helper, "rb", buffering=0)

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.returncode = -1
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self) -> int:
        while self.returncode is None:
            try:
                self.returncode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
            except ChildProcessError:
                self.returncode = -1
            except InterruptedError:
                continue
        return self.returncode

    def _signal(self, signum: int) -> None:
        if self.poll() is None:
            try:
                os.kill(self.pid, signum)
            except ProcessLookupError:
                pass

    def terminate(self) -> None:
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)


if __name__ == "__main__":  # the helper started as a program (``python -m studykit.warmpdf``)
    from .pdfhelper import serve

    serve()
