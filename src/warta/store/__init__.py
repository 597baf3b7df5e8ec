"""The store: SQLite on one file, the only part of warta that holds SQL.

``migrations/`` has the numbered schema (:mod:`warta.store.schema` applies it);
:class:`Store` (:mod:`warta.store.repository`) takes and returns model objects;
:mod:`warta.store.search` makes user queries safe for FTS5. docs/store.md describes the tables.

>>> from warta.store import open_store
>>> with open_store("warta.db") as store:  # doctest: +SKIP
...     hits = store.search("putin")
"""

from __future__ import annotations

from warta.store.records import AddResult, PageRecord, SearchHit, SearchQuery, StoredArticle, StoreSummary
from warta.store.repository import PIPELINE_VERSION, Store, open_store

__all__ = [
    "PIPELINE_VERSION",
    "AddResult",
    "PageRecord",
    "SearchHit",
    "SearchQuery",
    "Store",
    "StoreSummary",
    "StoredArticle",
    "open_store",
]
