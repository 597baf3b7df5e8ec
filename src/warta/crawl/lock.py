"""One crawl per store at a time: an advisory lock on a file beside the store.

Two crawls on one store would claim the same frontier rows, fetch the same URLs twice and race on
the frontier's state. ``crawl_lock`` takes an exclusive ``flock`` on ``<store>.crawl-lock`` for the
run; a second crawl finds it held and stops with a :class:`~warta.errors.CrawlError` naming the
process that holds it. The kernel drops the lock when that process ends, however it ends (a
SIGKILL included), so a killed crawl never leaves a stale lock behind. Where ``fcntl`` is missing
(Windows) there is no guard.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from warta.errors import CrawlError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["crawl_lock"]


@contextmanager
def crawl_lock(store_path: str | Path) -> Iterator[None]:
    """Hold the store's crawl lock for the ``with`` block, or raise CrawlError if another crawl holds it."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    path = Path(f"{store_path}.crawl-lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
            raise CrawlError(
                f"another crawl (process {holder}) is running on {store_path}; wait for it to finish or stop it first"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
