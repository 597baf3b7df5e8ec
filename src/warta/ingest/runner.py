"""The ingest run: read the inputs, process new pages (in parallel), write each article once.

The main process reads the inputs, skips every page whose content hash is stored already,
hands the rest to the workers and writes what comes back, in input order: it is the only
writer. Each article is one transaction, so an ingest killed at any point leaves only whole
articles, and running it again skips them by hash and finishes the job.

Workers (:mod:`warta.ingest.pool`) are forked after the models are loaded (they share the
memory) and fed through a window of at most a few pages per worker, so memory stays flat
however large the input.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeAlias

from tqdm import tqdm

from warta.errors import IngestError
from warta.ingest.grouping import Grouper
from warta.ingest.pool import ordered_map
from warta.ingest.readers import ReadOptions, count_records, read_inputs
from warta.ingest.records import INTERNAL_ERROR, InputPage, ReadProblem
from warta.ingest.worker import Processed, process, warm_up
from warta.model import Problem
from warta.store import Store
from warta.store.records import sha256_hex

__all__ = ["IngestOptions", "IngestSummary", "Outcome", "Progress", "RunWriter", "ingest", "write_outcomes"]

Outcome: TypeAlias = Processed | ReadProblem | None  # None: the page is stored already
_Task: TypeAlias = InputPage | ReadProblem | None


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """``workers``: processes extracting and analysing (1: all in this process); ``read``: how to
    read the inputs; ``progress``: show a progress bar on standard error."""

    workers: int = 1
    read: ReadOptions = field(default_factory=ReadOptions)
    progress: bool = False

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise IngestError(f"--workers must be at least 1, not {self.workers}")


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What a run did. ``ingested`` counts new articles, ``duplicates`` articles stored as
    duplicates of one with the same canonical URL, ``skipped`` pages already in the store;
    ``problems`` counts this run's problems by code (bad records and article problems)."""

    run_id: int
    records: int
    ingested: int
    duplicates: int
    skipped: int
    problems: dict[str, int]
    seconds: float

    @property
    def rate(self) -> float:
        """Articles written per second."""
        return (self.ingested + self.duplicates) / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "records": self.records,
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "problems": dict(sorted(self.problems.items())),
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.rate, 2),
        }


@dataclass(slots=True)
class _Tally:
    records: int = 0
    ingested: int = 0
    duplicates: int = 0
    skipped: int = 0
    problems: Counter[str] = field(default_factory=Counter)


def ingest(store: Store, paths: Sequence[str], options: IngestOptions | None = None) -> IngestSummary:
    """Ingest every page in ``paths`` into ``store``; see the module docstring."""
    opts = options or IngestOptions()
    started = time.perf_counter()
    total = count_records(paths, opts.read) if opts.progress else None
    in_flight: set[str] = set()
    tasks = _tasks(read_inputs(paths, opts.read), store, in_flight)
    progress = Progress(opts.progress, total, started)
    return write_outcomes(store, [str(p) for p in paths], _run(tasks, opts), progress, in_flight)


@dataclass(frozen=True, slots=True)
class Progress:
    """How a run reports progress: a bar on standard error when ``show``, with ``total`` records
    (None: unknown); ``started`` is when the run's clock started (``time.perf_counter()``)."""

    show: bool = False
    total: int | None = None
    started: float = field(default_factory=time.perf_counter)


class RunWriter:
    """One ingest run open on ``store``: :meth:`write` stores outcomes one at a time (duplicates
    linked, near-duplicates and stories assigned by one long-lived :class:`Grouper`, problems
    recorded) and :meth:`finish` closes the run. ``in_flight`` holds the hashes of pages on their
    way (each is dropped from it once written). A long-lived writer (the server's) catches up with
    what other writers stored before each article, so its near-duplicates and stories stay right."""

    def __init__(self, store: Store, inputs: list[str], in_flight: set[str] | None = None) -> None:
        self.store = store
        self.started = time.perf_counter()
        self.run_id = store.start_run(inputs)
        self.grouper = Grouper(store)
        self._tally = _Tally()
        self._in_flight = in_flight if in_flight is not None else set()

    def write(self, outcome: Outcome) -> str:
        """Store one outcome; what became of it: ``ingested``, ``duplicate``, ``skipped`` (stored
        already) or ``problem``."""
        self._tally.records += 1
        self.grouper.catch_up()
        return _write(self.store, self.grouper, outcome, self.run_id, self._tally, self._in_flight)

    def finish(self, started: float | None = None) -> IngestSummary:
        """Close the run and return its summary; ``started`` is when its clock started
        (``time.perf_counter()``; by default when the writer was made)."""
        tally = self._tally
        summary = IngestSummary(
            run_id=self.run_id,
            records=tally.records,
            ingested=tally.ingested,
            duplicates=tally.duplicates,
            skipped=tally.skipped,
            problems=dict(tally.problems),
            seconds=time.perf_counter() - (self.started if started is None else started),
        )
        self.store.finish_run(self.run_id, summary.to_dict())
        return summary


def write_outcomes(
    store: Store,
    inputs: list[str],
    outcomes: Iterable[Outcome],
    progress: Progress | None = None,
    in_flight: set[str] | None = None,
) -> IngestSummary:
    """Write processed pages and problems into ``store`` in order, as one ingest run over ``inputs``
    (:class:`RunWriter`). ``warta ingest`` feeds it from its workers, ``warta load`` from Parquet
    shards."""
    shown = progress or Progress()
    writer = RunWriter(store, inputs, in_flight)
    bar = tqdm(
        total=shown.total,
        unit="page",
        file=sys.stderr,
        disable=not shown.show,
        dynamic_ncols=True,
        smoothing=0.1,
    )
    try:
        for outcome in outcomes:
            writer.write(outcome)
            bar.update(1)
    finally:
        bar.close()
    return writer.finish(shown.started)


def _tasks(items: Iterable[InputPage | ReadProblem], store: Store, in_flight: set[str]) -> Iterator[_Task]:
    """The inputs, with pages already stored (or already on their way) replaced by None."""
    for item in items:
        if isinstance(item, InputPage):
            digest = sha256_hex(item.data)
            if digest in in_flight or store.has_content(digest):
                yield None
                continue
            in_flight.add(digest)
        yield item


def _write(store: Store, grouper: Grouper, outcome: Outcome, run_id: int, tally: _Tally, in_flight: set[str]) -> str:
    if outcome is None:
        tally.skipped += 1
        return "skipped"
    if isinstance(outcome, ReadProblem):
        store.add_problem(outcome.source, Problem(outcome.code, outcome.detail), run_id=run_id)
        tally.problems[outcome.code] += 1
        return "problem"
    in_flight.discard(outcome.page.sha256)
    copied, fp = grouper.near_duplicate(outcome.analysis.article, outcome.fingerprint)
    result = store.add_article(
        outcome.page,
        outcome.analysis,
        canonical_url=outcome.canonical_url,
        run_id=run_id,
        near_duplicate_of=copied,
    )
    if not result.added or result.article_id is None:
        tally.skipped += 1  # another ingest on the same store wrote it meanwhile
        return "skipped"
    grouper.record(result.article_id, fp, outcome.analysis, duplicate=result.duplicate_of is not None)
    tally.problems.update(p.code for p in outcome.analysis.article.problems)
    if result.duplicate_of is not None:
        tally.duplicates += 1
        return "duplicate"
    tally.ingested += 1
    return "ingested"


def _handle(task: _Task, options: IngestOptions) -> Outcome:
    return process(task, options.read.load) if isinstance(task, InputPage) else task


def _failed(task: _Task, exc: Exception) -> Outcome:
    source = task.source if task is not None else ""
    return ReadProblem(source, INTERNAL_ERROR, f"the worker failed ({type(exc).__name__}: {exc})")


def _run(tasks: Iterator[_Task], options: IngestOptions) -> Iterator[Outcome]:
    return ordered_map(
        partial(_handle, options=options),
        tasks,
        options.workers,
        failed=_failed,
        remote=lambda task: isinstance(task, InputPage),
        initializer=warm_up,
    )
