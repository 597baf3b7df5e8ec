"""Reprocess: run this warta's extraction and analysis again over the raw pages a store keeps.

Each stored page goes through the same steps as at ingest (load, extract, the input's hints,
analyse; :func:`warta.ingest.worker.process_pages`, which merges the pages of a multi-page
article again), in worker processes when asked; the main process then replaces that
article's derived rows in one transaction (:meth:`Store.replace_analysis`). Running it twice
gives the same store, and a run killed part-way is finished by running it again
(``outdated_only`` then skips what the first run already did).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from warta.errors import IngestError
from warta.extract.limits import LoadOptions
from warta.ingest.pool import ordered_map
from warta.ingest.records import INTERNAL_ERROR, InputPage, ReadProblem
from warta.ingest.worker import Processed, process_pages, warm_up
from warta.store import ArticleFilter, PageRecord, Store

__all__ = ["ReprocessOptions", "ReprocessSummary", "reprocess"]

_Task = tuple[int, PageRecord]
_Outcome = tuple[int, Processed | ReadProblem]


@dataclass(frozen=True, slots=True)
class ReprocessOptions:
    """``where``: which articles (by default all, duplicates included); ``outdated_only``: only
    articles another pipeline version made; ``workers``: processes doing the work."""

    where: ArticleFilter = field(default_factory=lambda: ArticleFilter(include_duplicates=True))
    outdated_only: bool = False
    workers: int = 1
    load: LoadOptions = field(default_factory=LoadOptions)

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise IngestError(f"--workers must be at least 1, not {self.workers}")


@dataclass(frozen=True, slots=True)
class ReprocessSummary:
    """``articles`` rewritten; ``failed`` pages the pipeline now refuses, by problem code (their
    articles are left as they were); ``entities_dropped`` entities no article names any more."""

    articles: int
    failed: dict[str, int]
    entities_dropped: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "failed": dict(sorted(self.failed.items())),
            "entities_dropped": self.entities_dropped,
            "seconds": round(self.seconds, 3),
        }


def _one(task: _Task, load: LoadOptions) -> _Outcome:
    article_id, page = task
    item = InputPage(page.body, page.source, page.kind, page.url, page.fetched_at, page.hints)
    following = [InputPage(body, page.source, page.kind, url, page.fetched_at) for url, body in page.more]
    return article_id, process_pages([item, *following], load)


def _failed(task: _Task, exc: Exception) -> _Outcome:
    return task[0], ReadProblem(task[1].source, INTERNAL_ERROR, f"the worker failed ({type(exc).__name__}: {exc})")


def reprocess(store: Store, options: ReprocessOptions | None = None) -> ReprocessSummary:
    """Re-extract and re-analyse the stored pages ``options`` selects; see the module docstring."""
    opts = options or ReprocessOptions()
    started = time.perf_counter()
    tasks = store.pages_to_reprocess(opts.where, outdated_only=opts.outdated_only)
    done = 0
    failed: Counter[str] = Counter()
    for article_id, outcome in ordered_map(
        partial(_one, load=opts.load), tasks, opts.workers, failed=_failed, initializer=warm_up
    ):
        if isinstance(outcome, ReadProblem):
            failed[outcome.code] += 1
            continue
        store.replace_analysis(article_id, outcome.analysis, canonical_url=outcome.canonical_url)
        done += 1
    dropped = store.prune_entities()
    return ReprocessSummary(done, dict(failed), dropped, time.perf_counter() - started)
