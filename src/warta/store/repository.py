"""The repository: the one class that reads and writes the store, in model objects.

Every write is one ``BEGIN IMMEDIATE`` transaction: :meth:`Store.add_article` writes the raw
page, the article, its mentions, quotes, events and problems together, so a process killed at
any instant leaves either the whole article or nothing of it (and the FTS index, kept by
triggers inside the same transaction, in step).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from warta import __version__
from warta.errors import NotFoundError, StoreError
from warta.extract.dates import to_utc
from warta.model import Analysis, Article, Entity, Event, Problem, Quote
from warta.store.records import AddResult, PageRecord, SearchHit, SearchQuery, StoredArticle, StoreSummary, sha256_hex
from warta.store.schema import connect
from warta.store.search import search

__all__ = ["PIPELINE_VERSION", "Store", "open_store"]

logger = logging.getLogger(__name__)

#: Written on every article so ``warta reprocess`` can tell which ones an older pipeline made.
PIPELINE_VERSION = f"warta {__version__}"
_WIB = timezone(timedelta(hours=7))
# zlib level 6 (the default): raw HTML shrinks about 5x at ~1 ms a page; level 9 gains ~2 % for 3x the time.
_ZLIB_LEVEL = 6

# Model field -> column, where SQL needs another name ("index" and "end" are SQL keywords).
_RENAMED = {"start": "start_char", "end": "end_char", "index": "field_index"}
_QUOTE_FIELDS = tuple(f for f in Quote.__dataclass_fields__)
_EVENT_FIELDS = tuple(f for f in Event.__dataclass_fields__)


def _columns(fields: tuple[str, ...]) -> str:
    return ", ".join(_RENAMED.get(f, f) for f in fields)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def published_utc(published: str | None) -> str | None:
    """``published`` in UTC for sorting and filtering; a date without a time is midnight WIB."""
    if not published:
        return None
    instant = to_utc(published)
    if instant is None:
        try:
            day = datetime.fromisoformat(published.strip())
        except ValueError:
            return None
        instant = (day if day.tzinfo else day.replace(tzinfo=_WIB)).astimezone(UTC)
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


class Store:
    """A warta store on one SQLite file. Open it with :func:`open_store`; close it (or use ``with``)."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._conn = conn
        self.path = path

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"{self.path}: the store is busy ({exc}): another process has been writing to it for too long; "
                "wait for it to finish and run again"
            ) from exc
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # --- runs and problems ---------------------------------------------------------------------

    def start_run(self, inputs: list[str]) -> int:
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO ingest_runs (started, inputs, warta_version) VALUES (?, ?, ?)",
                (_now(), json.dumps(inputs, ensure_ascii=False), __version__),
            )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, counts: Mapping[str, Any]) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE ingest_runs SET finished = ?, counts = ? WHERE id = ?",
                (_now(), json.dumps(counts, ensure_ascii=False, sort_keys=True), run_id),
            )

    def add_problem(self, source: str, problem: Problem, *, run_id: int | None = None) -> bool:
        """Record a bad input record; False when this source already has a problem with this code."""
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO problems (run_id, source, code, detail) VALUES (?, ?, ?, ?)",
                (run_id, source, problem.code, problem.detail),
            )
        return cursor.rowcount > 0

    # --- articles ------------------------------------------------------------------------------

    def has_content(self, sha256: str) -> bool:
        """Whether a page with this content hash is stored (then it is never processed again)."""
        row = self._conn.execute("SELECT 1 FROM raw_pages WHERE sha256 = ?", (sha256,)).fetchone()
        return row is not None

    def add_article(
        self,
        page: PageRecord,
        analysis: Analysis,
        *,
        canonical_url: str | None = None,
        run_id: int | None = None,
    ) -> AddResult:
        """Store a page, its article and what the analysis found, in one transaction.

        Nothing is written when the page's content hash is already stored. An article whose
        ``canonical_url`` is already held by another article is stored as its duplicate
        (``duplicate_of`` set, no mentions, quotes or events: they would be counted twice).
        """
        article = analysis.article
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO raw_pages (sha256, url, fetched_at, kind, source, hints, body, size, run_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    page.sha256,
                    page.url,
                    page.fetched_at,
                    page.kind,
                    page.source,
                    json.dumps(page.hints, ensure_ascii=False) if page.hints else None,
                    zlib.compress(page.body, _ZLIB_LEVEL),
                    len(page.body),
                    run_id,
                ),
            )
            if cursor.rowcount == 0:
                return AddResult(None)
            raw_id = cursor.lastrowid
            duplicate_of = None
            if canonical_url:
                row = conn.execute(
                    "SELECT id FROM articles WHERE canonical_url = ? AND duplicate_of IS NULL ORDER BY id LIMIT 1",
                    (canonical_url,),
                ).fetchone()
                duplicate_of = int(row[0]) if row else None
            article_json = article.to_dict()
            del article_json["text"]  # derived from the paragraphs; kept once, in the text column
            text = article.text
            cursor = conn.execute(
                "INSERT INTO articles (raw_page_id, url, canonical_url, site, publisher, title, description, "
                "authors, published, published_utc, language, text, article_json, text_sha256, duplicate_of, "
                "pipeline_version, ingested_at, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    raw_id,
                    article.url,
                    canonical_url,
                    article.site,
                    article.publisher,
                    article.title,
                    article.description,
                    json.dumps(list(article.authors), ensure_ascii=False),
                    article.published,
                    published_utc(article.published),
                    article.language,
                    text,
                    json.dumps(article_json, ensure_ascii=False),
                    sha256_hex(text.encode("utf-8")),
                    duplicate_of,
                    PIPELINE_VERSION,
                    _now(),
                    run_id,
                ),
            )
            article_id = int(cursor.lastrowid or 0)
            if duplicate_of is None:
                self._write_findings(conn, article_id, analysis)
            conn.executemany(
                "INSERT OR IGNORE INTO problems (run_id, source, article_id, code, detail) VALUES (?, ?, ?, ?, ?)",
                [(run_id, page.source, article_id, p.code, p.detail) for p in article.problems],
            )
        return AddResult(article_id, duplicate_of)

    @staticmethod
    def _write_findings(conn: sqlite3.Connection, article_id: int, analysis: Analysis) -> None:
        entities = {e.key: (e.key, e.label, e.canonical) for e in analysis.entities}
        for m in analysis.mentions:
            if m.key and m.key not in entities:
                entities[m.key] = (m.key, m.label, m.canonical or m.text)
        conn.executemany("INSERT OR IGNORE INTO entities (key, label, canonical) VALUES (?, ?, ?)", entities.values())
        conn.executemany(
            "INSERT INTO mentions (article_id, entity_key, field, field_index, start_char, end_char, text, label) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, m.key, m.field, m.index, m.start, m.end, m.text, m.label) for m in analysis.mentions],
        )
        for table, fields, items in (
            ("quotes", _QUOTE_FIELDS, analysis.quotes),
            ("events", _EVENT_FIELDS, analysis.events),
        ):
            marks = ", ".join("?" * (len(fields) + 1))
            conn.executemany(
                f"INSERT INTO {table} (article_id, {_columns(fields)}) VALUES ({marks})",
                [(article_id, *(getattr(item, f) for f in fields)) for item in items],
            )

    def article(self, article_id: int) -> StoredArticle:
        """The stored article with this id, with its entities, quotes and events."""
        row = self._conn.execute(
            "SELECT a.article_json, a.text, a.canonical_url, a.published_utc, a.duplicate_of, a.story_id, r.source, "
            "r.sha256, r.fetched_at, a.ingested_at, a.pipeline_version, a.run_id "
            "FROM articles a JOIN raw_pages r ON r.id = a.raw_page_id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"{self.path}: no article {article_id} in the store; find ids with warta search")
        article = Article.from_dict(json.loads(row[0]))
        return StoredArticle(
            id=article_id,
            article=article,
            canonical_url=row[2],
            published_utc=row[3],
            duplicate_of=row[4],
            story_id=row[5],
            source=row[6],
            sha256=row[7],
            fetched_at=row[8],
            ingested_at=row[9],
            pipeline_version=row[10],
            run_id=row[11],
            entities=self._entities(article_id),
            quotes=tuple(Quote(*r) for r in self._rows("quotes", _QUOTE_FIELDS, article_id)),
            events=tuple(Event(*r) for r in self._rows("events", _EVENT_FIELDS, article_id)),
            problems=article.problems,
        )

    def _rows(self, table: str, fields: tuple[str, ...], article_id: int) -> list[Any]:
        sql = f"SELECT {_columns(fields)} FROM {table} WHERE article_id = ? ORDER BY id"
        return self._conn.execute(sql, (article_id,)).fetchall()

    def _entities(self, article_id: int) -> tuple[Entity, ...]:
        rows = self._conn.execute(
            "SELECT e.key, e.label, e.canonical, json_group_array(DISTINCT m.text), count(*) AS n "
            "FROM mentions m JOIN entities e ON e.key = m.entity_key WHERE m.article_id = ? "
            "GROUP BY e.key ORDER BY n DESC, e.key",
            (article_id,),
        ).fetchall()
        return tuple(
            Entity(key, label, canonical, tuple(a for a in json.loads(aliases) if a != canonical), n)
            for key, label, canonical, aliases, n in rows
        )

    def raw_page(self, article_id: int) -> PageRecord:
        """The page an article was extracted from, as it arrived (to re-process it)."""
        row = self._conn.execute(
            "SELECT r.body, r.kind, r.source, r.url, r.fetched_at, r.hints, r.sha256 FROM raw_pages r "
            "JOIN articles a ON a.raw_page_id = r.id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"{self.path}: no article {article_id} in the store")
        hints = json.loads(row[5]) if row[5] else None
        return PageRecord(zlib.decompress(row[0]), row[1], row[2], row[3], row[4], hints, row[6])

    # --- queries -------------------------------------------------------------------------------

    def search(self, query: SearchQuery | str) -> list[SearchHit]:
        """Full-text search with filters, best first (see :mod:`warta.store.search`)."""
        return search(self._conn, SearchQuery(query) if isinstance(query, str) else query)

    def summary(self) -> StoreSummary:
        """Counts over the whole store."""

        def count(sql: str) -> int:
            return int(self._conn.execute(sql).fetchone()[0] or 0)

        problems = dict(self._conn.execute("SELECT code, count(*) FROM problems GROUP BY code ORDER BY code"))
        return StoreSummary(
            articles=count("SELECT count(*) FROM articles"),
            duplicates=count("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            raw_pages=count("SELECT count(*) FROM raw_pages"),
            raw_bytes=count("SELECT sum(size) FROM raw_pages"),
            stored_bytes=count("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"),
            entities=count("SELECT count(*) FROM entities"),
            mentions=count("SELECT count(*) FROM mentions"),
            quotes=count("SELECT count(*) FROM quotes"),
            events=count("SELECT count(*) FROM events"),
            # One docsize row per indexed document: the index's own count, not the content table's.
            fts_rows=count("SELECT count(*) FROM articles_fts_docsize"),
            runs=count("SELECT count(*) FROM ingest_runs"),
            problems=problems,
        )

    def check_integrity(self) -> None:
        """Raise :class:`StoreError` unless the database and its FTS index are consistent."""
        try:
            result = self._conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise StoreError(f"{self.path}: the database is damaged: {result}")
            self._conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: the full-text index is out of step with the articles ({exc})") from exc


def open_store(path: str | Path) -> Store:
    """Open the store at ``path``, creating and migrating it as needed."""
    return Store(connect(path), str(path))
