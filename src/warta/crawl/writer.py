"""The crawl's writer thread: what was fetched goes through the ingest write path.

It runs :func:`warta.ingest.runner.write_outcomes` (one ingest run: dedup by content and
canonical URL, near-duplicates, stories, problems) over the jobs the fetching side hands it,
on its own connection to the store, and marks each job's frontier URL with its final state once
the article (or the problem) is committed. A crawl killed between the two leaves the URL
``fetched``; the next run finds its page in ``raw_pages`` and marks it done without fetching.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from warta.extract.limits import LoadOptions
from warta.ingest.records import InputPage, ReadProblem
from warta.ingest.runner import IngestSummary, Outcome, write_outcomes
from warta.ingest.worker import Processed, process_pages
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
    """A thread writing jobs into the store at ``path`` (see the module docstring)."""

    def __init__(self, path: str, inputs: list[str], load: LoadOptions, room: int) -> None:
        self._path = path
        self._inputs = inputs
        self._load = load
        self._jobs: queue.Queue[Job | None] = queue.Queue(maxsize=room)
        self._thread = threading.Thread(target=self._run, name="warta-crawl-writer", daemon=True)
        self._summary: IngestSummary | None = None
        self.failed: BaseException | None = None

    def start(self) -> None:
        self._thread.start()

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

    def _run(self) -> None:
        try:
            with open_store(self._path) as store:
                current: list[Job] = []

                def outcomes() -> Iterator[Outcome]:
                    while (job := self._jobs.get()) is not None:
                        current[:] = [job]
                        yield job.problem if job.problem is not None else self._process(job)

                def written(_: Outcome) -> None:
                    job = current[0]
                    if job.url is not None:
                        store.frontier_update(job.url, FrontierUpdate(job.state, attempted=False))

                self._summary = write_outcomes(store, self._inputs, outcomes(), written=written)
        except BaseException as exc:  # the fetching side sees it and stops
            logger.exception("the crawl's writer stopped")
            self.failed = exc
            while True:  # unblock a fetcher waiting for room
                try:
                    self._jobs.get_nowait()
                except queue.Empty:
                    break

    def _process(self, job: Job) -> Processed | ReadProblem:
        return process_pages(job.pages, self._load)
