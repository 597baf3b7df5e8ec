"""One store connection per server thread.

FastAPI runs plain ``def`` routes in a thread pool; a SQLite connection is not for use by two
threads at once, so each thread opens its own (WAL lets readers run side by side, and beside
an ingest writing to the same file). Connections are closed when the app shuts down.
``immutable`` opens each read-only without locks (:func:`warta.store.open_store`), for a store
file nothing writes while it is served.

Each connection memory-maps the file (``PRAGMA mmap_size``): pages are read from the OS page cache
in place instead of copied by a ``read()`` each, which took the article endpoints from about 5 ms
to 3 ms of store time on the 200,000-article store (benchmarks/serve_load.py). SQLite caps the
size at its compile-time maximum (2 GiB in most builds); the rest of a bigger file is read as before.
"""

from __future__ import annotations

import threading
from pathlib import Path

from warta.errors import StoreError
from warta.store import Store, open_store

__all__ = ["MMAP_BYTES", "StorePool"]

#: How much of the store file each server connection memory-maps (see the module docstring).
MMAP_BYTES = 4 << 30


class StorePool:
    """Opens the store at ``path`` once per thread; :meth:`close` closes every connection."""

    def __init__(self, path: str | Path, *, immutable: bool = False) -> None:
        self.path = str(path)
        self.immutable = immutable
        if self.path != ":memory:" and not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no store there; fill one with warta ingest PATH --db {self.path}")
        self._local = threading.local()
        self._opened: list[Store] = []
        self._lock = threading.Lock()
        self.get()  # fail at start-up, not on the first request, when the file is not a store

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.path, immutable=self.immutable)
            store.tune(mmap_bytes=MMAP_BYTES)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()
        self._local = threading.local()
