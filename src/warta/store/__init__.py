"""The store: SQLite on one file, the only part of warta that holds SQL.

``migrations/`` has the numbered schema (:mod:`warta.store.schema` applies it);
:class:`Store` (:mod:`warta.store.repository`) takes and returns model objects;
:mod:`warta.store.search` makes user queries safe for FTS5; :mod:`warta.store.entities`,
:mod:`warta.store.names` and :mod:`warta.store.queries` answer the other questions;
:mod:`warta.store.export` writes articles out, :mod:`warta.store.jsonld` as schema.org JSON-LD.
docs/store.md describes the tables.

>>> from warta.store import open_store
>>> with open_store("warta.db") as store:  # doctest: +SKIP
...     hits = store.search("putin")
...     putin = store.entity("putin")
"""

from __future__ import annotations

from warta.store.browse_results import ArticleCard, EventHit, EventQuery, MentionSpan, RelatedArticle, StoryDetail
from warta.store.export import EXPORT_FORMATS, write_export
from warta.store.filters import ArticleFilter
from warta.store.jsonld import jsonld
from warta.store.records import AddResult, PageRecord, SearchHit, SearchQuery, StoredArticle, StoreSummary
from warta.store.repository import PIPELINE_VERSION, Store, open_store
from warta.store.results import (
    ENTITY_LABELS,
    ArticleRef,
    DayCount,
    EntityCount,
    EntityProfile,
    QuoteHit,
    QuoteQuery,
    StoryRow,
)

__all__ = [
    "ENTITY_LABELS",
    "EXPORT_FORMATS",
    "PIPELINE_VERSION",
    "AddResult",
    "ArticleCard",
    "ArticleFilter",
    "ArticleRef",
    "DayCount",
    "EntityCount",
    "EntityProfile",
    "EventHit",
    "EventQuery",
    "MentionSpan",
    "PageRecord",
    "QuoteHit",
    "QuoteQuery",
    "RelatedArticle",
    "SearchHit",
    "SearchQuery",
    "Store",
    "StoreSummary",
    "StoredArticle",
    "StoryDetail",
    "StoryRow",
    "jsonld",
    "open_store",
    "write_export",
]
