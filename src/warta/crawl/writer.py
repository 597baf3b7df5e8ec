"""The crawl's writer thread: what was fetched goes through the ingest write path.

It writes through a :class:`warta.ingest.runner.RunWriter` (one ingest run: dedup by content
and canonical URL, near-duplicates, stories, problems) the jobs the fetching side hands it,
extracted and analysed in worker processes as ``warta ingest --workers`` does
(:func:`warta.ingest.pool.ordered_map`), on its own connection to the store, and marks each
job's frontier URL with its final state once the article (or the problem) is committed. A
crawl killed between the two leaves the URL ``fetched``; the next run finds its page in
``raw_pages`` and marks it done without fetching.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from warta.extract.limits import LoadOptions
from warta.ingest.pool import ordered_map
from warta.ingest.records import INTERNAL_ERROR, InputPage, ReadProblem
from warta.ingest.runner import IngestSummary, RunWriter
from warta.ingest.worker import Processed, process_pages, warm_up
from warta.store import open_store
from warta.store.frontier import FrontierUpdate

__all__ = ["Job", "Writer"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Job:
    """One thing to write: an article's ``pages`` (in page order) or a fetch ``problem``; ``url``
    is the frontier URL it settles (None: a problem about a source), ``state`` what it becomes."""

    url: str | None
    state: str
    pages: tuple[InputPage, ...] = ()
    problem: ReadProblem | None = None


class Writer:
    """A thread writing jobs into the store at ``path`` (see the module docstring), extracting and
    analysing them in ``workers`` processes (1: in the thread itself)."""

    def __init__(self, path: str, inputs: list[str], load: LoadOptions, room: int, workers: int = 1) -> None:
        self._path = path
        self._inputs = inputs
        self._load = load
        self._workers = workers
        self._jobs: queue.Queue[Job | None] = queue.Queue(maxsize=room)
        self._thread = threading.Thread(target=self._run, name="warta-crawl-writer", daemon=True)
        self._ready = threading.Event()
        self._summary: IngestSummary | None = None
        self.failed: BaseException | None = None

    def start(self) -> None:
        """Start the thread and wait until it takes jobs: its worker processes are forked by then,
        before the crawl starts its own threads (forking beside running threads is unsafe)."""
        self._thread.start()
        self._ready.wait()

    def offer(self, job: Job) -> bool:
        """Queue ``job``; False when the queue is full (try again soon)."""
        try:
            self._jobs.put_nowait(job)
        except queue.Full:
            return False
        return True

    def finish(self) -> IngestSummary | None:
        """Write what is queued, stop the thread and return the run's summary."""
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()
        return self._summary

    def _queued(self) -> Iterator[Job]:
        self._ready.set()  # ordered_map asks for the first job once its pool is up
        while (job := self._jobs.get()) is not None:
            yield job

    def _run(self) -> None:
        try:
            with open_store(self._path) as store:
                work = partial(_process, load=self._load)
                done = ordered_map(
                    work,
                    self._queued(),
                    self._workers,
                    failed=_failed,
                    remote=lambda job: job.problem is None,
                    initializer=warm_up,
                )
                run = RunWriter(store, self._inputs)
                for url, state, outcome in done:
                    run.write(outcome)
                    if url is not None:
                        store.frontier_update(url, FrontierUpdate(state, attempted=False))
                self._summary = run.finish()
        except BaseException as exc:  # the fetching side sees it and stops
            logger.exception("the crawl's writer stopped")
            self.failed = exc
            self._ready.set()
            while True:  # unblock a fetcher waiting for room
                try:
                    self._jobs.get_nowait()
                except queue.Empty:
                    break


def _process(job: Job, load: LoadOptions) -> tuple[str | None, str, Processed | ReadProblem]:
    """A job's outcome (in a worker process, or in the writer thread)."""
    outcome = job.problem if job.problem is not None else process_pages(job.pages, load)
    return job.url, job.state, outcome


def _failed(job: Job, exc: Exception) -> tuple[str | None, str, Processed | ReadProblem]:
    source = job.pages[0].source if job.pages else (job.url or "")
    return job.url, "failed", ReadProblem(source, INTERNAL_ERROR, f"the worker failed ({type(exc).__name__}: {exc})")
