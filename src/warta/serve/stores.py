"""One store connection per server thread.

FastAPI runs plain ``def`` routes in a thread pool; a SQLite connection is not for use by two
threads at once, so each thread opens its own (WAL lets readers run side by side, and beside
an ingest writing to the same file). Connections are closed when the app shuts down.
``immutable`` opens each read-only without locks (:func:`warta.store.open_store`), for a store
file nothing writes while it is served.
"""

from __future__ import annotations

import threading
from pathlib import Path

from warta.errors import StoreError
from warta.store import Store, open_store

__all__ = ["StorePool"]


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
