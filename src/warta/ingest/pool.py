"""Work on many pages in worker processes, results in input order, memory flat.

Used by ingest and reprocess. Workers are forked after ``initializer`` has loaded the models
in this process, so they share that memory; at most a few tasks per worker are in flight, so
however many tasks the iterator holds, only a window of them is ever in memory.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar

__all__ = ["ordered_map"]

T = TypeVar("T")
R = TypeVar("R")

# Tasks in flight per worker: enough to keep every worker busy while the main process writes.
WINDOW_PER_WORKER = 4


def _context() -> Any:
    # fork shares the loaded models with the workers; spawn where fork does not exist.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and os.name == "posix" else "spawn")


def ordered_map(
    work: Callable[[T], R],
    tasks: Iterable[T],
    workers: int,
    *,
    failed: Callable[[T, Exception], R],
    remote: Callable[[T], bool] = lambda task: True,
    initializer: Callable[[], None] | None = None,
) -> Iterator[R]:
    """``work(task)`` for every task, in order: in this process when ``workers`` is 1, else in a
    pool of ``workers`` processes (tasks that ``remote`` declines are done here, in their turn).
    ``work`` must be picklable (a module-level function or a partial of one); a task whose
    worker died comes back as ``failed(task, exception)``."""
    if workers == 1:
        for task in tasks:
            yield work(task)
        return
    context = _context()
    if context.get_start_method() == "fork" and initializer is not None:
        initializer()
    window: deque[tuple[T, AsyncResult[R] | R]] = deque()
    limit = workers * WINDOW_PER_WORKER
    with context.Pool(workers, initializer=initializer) as pool:
        for task in tasks:
            window.append((task, pool.apply_async(work, (task,)) if remote(task) else work(task)))
            while len(window) >= limit:
                yield _result(*window.popleft(), failed)
        while window:
            yield _result(*window.popleft(), failed)


def _result(task: T, item: AsyncResult[R] | R, failed: Callable[[T, Exception], R]) -> R:
    if not isinstance(item, AsyncResult):
        return item
    try:
        return item.get()
    except Exception as exc:  # a worker that died (out of memory, a crash in a C library)
        return failed(task, exc)
