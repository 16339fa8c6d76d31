"""The PDF helper process's side (see :mod:`studykit.warmpdf` for the build's): import WeasyPrint,
fork the workers, hand them the build's pages, send the PDFs back.

The helper never lays out a page itself.  Once WeasyPrint is imported, and
before any Pango or Fontconfig work has run in it (importing only opens the
libraries), it forks one worker per core; it hands them the waiting pages, the
longest first (by HTML size), each as soon as a worker is free, and sends every
PDF back as it is done.  So the workers share the import instead of paying it
again, and no process is ever forked after a font was loaded.  The workers
exit when their pipe closes; the helper kills and reaps them when it is stopped.
"""

from __future__ import annotations

import heapq
import os
import pickle
import selectors
import signal

from .pdfpipe import Frames, frame


class _Worker:
    """A process forked from the helper after the import; renders one page at a time."""

    def __init__(self, others: list["_Worker"], keep: tuple[int, ...]):
        jobs_r, jobs_w = os.pipe()
        results_r, results_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            status = 1
            try:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                os.close(jobs_w)
                os.close(results_r)
                for fd in keep:
                    os.close(fd)
                for other in others:
                    os.close(other.jobs)
                    os.close(other.results)
                _work(jobs_r, results_w)
                status = 0
            finally:
                os._exit(status)
        os.close(jobs_r)
        os.close(results_w)
        self.pid, self.jobs, self.results = pid, jobs_w, results_r
        self.frames = Frames()
        self.job: int | None = None

    def give(self, job: int, html: str) -> None:
        self.job = job
        data = frame((job, html))
        while data:
            data = data[os.write(self.jobs, data):]


def _work(jobs: int, results: int) -> None:
    """A worker's loop: render each page it is given, until its pipe closes."""
    from . import pdf

    frames = Frames()
    while True:
        data = os.read(jobs, 1 << 20)
        if not data:
            return
        for job, html in frames.feed(data):
            try:
                answer = pdf.html_to_pdf(html)
            except Exception as err:  # noqa: BLE001 - sent back: the build raises it as its own
                answer = err if _picklable(err) else RuntimeError(f"{type(err).__name__}: {err}")
            out = frame((job, answer))
            while out:
                out = out[os.write(results, out):]


def serve(requests: int = 0, answers: int | None = None) -> None:
    """The helper's side: import WeasyPrint, fork the workers, then hand out pages until the pipe closes.

    Requests come on ``requests`` (default: stdin), PDFs go back on ``answers``
    (default: a copy of stdout); stdout itself then goes to stderr.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the build, which closes the pipe
    signal.signal(signal.SIGTERM, _stop)  # the build closes the helper: workers go first (below)
    if answers is None:
        answers = os.dup(1)
    os.dup2(2, 1)  # anything printed goes to stderr, never into the answers
    from . import pdf

    failure = None
    try:
        pdf.load_weasyprint()  # now, while the build works; no page is laid out here
        from .chart import LAYOUTS

        pdf.warm_stylesheet(LAYOUTS / "print.css")  # the sheets' stylesheet, parsed once for all workers
    except pdf.PdfUnavailable as err:
        failure = err  # said again for each request, as the build's own process would
    try:
        if failure is None:
            for _ in range(pdf.worker_count()):
                _workers.append(_Worker(list(_workers), keep=(requests, answers)))
        _dispatch(requests, answers, _workers, failure)
    except OSError:
        pass  # a pipe broke (a worker or the build is gone): the build renders what is left itself
    finally:
        _end_workers()
    os._exit(0)


_workers: list["_Worker"] = []  # the helper's workers (in the helper process)


def _stop(signum, frame) -> None:
    """SIGTERM: kill and reap the workers, then exit at once (no interpreter teardown to wait for)."""
    _end_workers()
    os._exit(0)


def _end_workers() -> None:
    for worker in _workers:
        try:
            os.kill(worker.pid, signal.SIGKILL)
            os.waitpid(worker.pid, 0)
        except OSError:
            pass


def _dispatch(requests: int, answers: int, workers: list[_Worker], failure) -> None:
    """Queue the build's pages, longest first, give each to a free worker, send the PDFs back."""
    os.set_blocking(answers, False)
    incoming, outgoing = Frames(), bytearray()
    waiting: list[tuple[int, int, str]] = []  # (-size, job, html): the longest first
    selector = selectors.DefaultSelector()
    selector.register(requests, selectors.EVENT_READ, "build")
    for worker in workers:
        selector.register(worker.results, selectors.EVENT_READ, worker)
    while True:
        for key, _ in selector.select():
            if key.data == "answers":
                try:
                    del outgoing[:os.write(answers, outgoing)]
                except BlockingIOError:
                    pass
                except OSError:
                    return  # the build is gone
                if not outgoing:
                    selector.unregister(answers)
                continue
            data = os.read(key.fd, 1 << 20)
            if not data:
                return  # the build closed the pipe (it needs nothing more), or a worker died
            if key.data == "build":
                for job, html in incoming.feed(data):
                    if failure is not None:
                        outgoing += frame((job, failure))
                    else:
                        heapq.heappush(waiting, (-len(html), job, html))
            else:
                for job, answer in key.data.frames.feed(data):
                    outgoing += frame((job, answer))
                    key.data.job = None
        for worker in workers:
            if worker.job is None and waiting:
                _, job, html = heapq.heappop(waiting)
                worker.give(job, html)
        if outgoing and "answers" not in {k.data for k in selector.get_map().values()}:
            selector.register(answers, selectors.EVENT_WRITE, "answers")


def _picklable(value) -> bool:
    try:
        pickle.loads(pickle.dumps(value))
    except Exception:  # noqa: BLE001
        return False
    return True
