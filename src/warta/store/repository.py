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
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any

from warta import __version__
from warta.errors import NotFoundError, StoreError
from warta.model import Analysis, Problem
from warta.store import browse, frontier
from warta.store.articles import BATCH_SIZE, iter_articles, load_articles
from warta.store.browse_results import ArticleCard, EventHit, EventQuery, MentionSpan, RelatedArticle, StoryDetail
from warta.store.entities import entity_profile, top_entities
from warta.store.filters import ArticleFilter, conditions
from warta.store.frontier import FrontierEntry, FrontierUpdate
from warta.store.grouping import assign_story, recent_articles, story_keys
from warta.store.names import resolve_entity, resolve_key
from warta.store.queries import list_quotes, list_stories, story_exists
from warta.store.records import AddResult, PageRecord, SearchHit, SearchQuery, StoredArticle, StoreSummary
from warta.store.results import EntityCount, EntityProfile, QuoteHit, QuoteQuery, StoryRow
from warta.store.schema import connect, connect_immutable
from warta.store.search import WindowStarts, search
from warta.store.writes import PIPELINE_VERSION, insert_article, now, page_parts, replace_article

__all__ = ["PIPELINE_VERSION", "Store", "open_store"]

logger = logging.getLogger(__name__)


class Store:
    """A warta store on one SQLite file. Open it with :func:`open_store`; close it (or use ``with``)."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._conn = conn
        self._window_starts = WindowStarts()  # where words' search ranking windows start
        self.path = path

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    def tune(self, *, mmap_bytes: int) -> None:
        """Memory-map up to ``mmap_bytes`` of the file for reading (``PRAGMA mmap_size``): a
        long-lived reader such as ``warta serve`` then reads pages in place, without a copy each."""
        self._conn.execute(f"PRAGMA mmap_size = {int(mmap_bytes)}")

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
                (now(), json.dumps(inputs, ensure_ascii=False), __version__),
            )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, counts: Mapping[str, Any]) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE ingest_runs SET finished = ?, counts = ? WHERE id = ?",
                (now(), json.dumps(counts, ensure_ascii=False, sort_keys=True), run_id),
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
        near_duplicate_of: int | None = None,
    ) -> AddResult:
        """Store a page, its article and what the analysis found, in one transaction.

        Nothing is written when the page's content hash is already stored. An article whose
        ``canonical_url`` is already held by another article, or that the caller found to be a
        near-duplicate (``near_duplicate_of``: a syndicated copy), is stored as a duplicate
        (``duplicate_of`` set, no mentions, quotes or events: they would be counted twice).
        """
        with self._transaction() as conn:
            return insert_article(conn, page, analysis, canonical_url, run_id, near_duplicate_of)

    def add_articles(
        self, items: Iterable[tuple[PageRecord, Analysis, str | None]], *, run_id: int | None = None
    ) -> list[AddResult]:
        """Store many ``(page, analysis, canonical URL)`` in one transaction, as :meth:`add_article`
        stores one (duplicates by canonical URL included, within the batch too).

        For bulk loads of articles already grouped (no near-duplicate links): one commit for the
        whole batch instead of one per article. A process killed meanwhile leaves none of the batch.
        """
        with self._transaction() as conn:
            return [insert_article(conn, page, analysis, url, run_id, None) for page, analysis, url in items]

    # --- near-duplicates and stories ------------------------------------------------------------

    def recent_articles(self, limit: int, after: int = 0) -> list[StoredArticle]:
        """The ``limit`` most recently stored canonical articles with an id above ``after``, oldest
        first (to warm an ingest up, or catch up with what another writer stored)."""
        return recent_articles(self._conn, limit, after)

    def story_keys(self, story_ids: list[int]) -> dict[int, str]:
        """The clusterer key of each of these stories."""
        return story_keys(self._conn, story_ids)

    def assign_story(
        self, article_id: int, key: str, title: str | None, first_seen: str | None, last_seen: str | None
    ) -> int:
        """Put an article in the story with ``key`` (created when new), in one transaction."""
        with self._transaction() as conn:
            return assign_story(conn, article_id, key, title, first_seen, last_seen)

    def article(self, article_id: int) -> StoredArticle:
        """The stored article with this id, with its entities, quotes and events."""
        found = load_articles(self._conn, [article_id])
        if not found:
            raise NotFoundError(f"{self.path}: no article {article_id} in the store; find ids with warta search")
        return found[0]

    def articles(self, where: ArticleFilter | None = None, *, batch_size: int = BATCH_SIZE) -> Iterator[StoredArticle]:
        """Every article ``where`` selects (canonical ones unless it says otherwise), in id order,
        read from the store a batch at a time (for exports)."""
        return iter_articles(self._conn, where or ArticleFilter(), batch_size=batch_size)

    def raw_page(self, article_id: int) -> PageRecord:
        """The page an article was extracted from, as it arrived (to re-process it)."""
        row = self._conn.execute(
            "SELECT r.body, r.kind, r.source, r.url, r.fetched_at, r.hints, r.sha256, r.id FROM raw_pages r "
            "JOIN articles a ON a.raw_page_id = r.id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"{self.path}: no article {article_id} in the store")
        hints = json.loads(row[5]) if row[5] else None
        more = page_parts(self._conn, [int(row[7])]).get(int(row[7]), ())
        return PageRecord(zlib.decompress(row[0]), row[1], row[2], row[3], row[4], hints, row[6], more)

    # --- reprocess -----------------------------------------------------------------------------

    def pages_to_reprocess(
        self, where: ArticleFilter | None = None, *, outdated_only: bool = False
    ) -> Iterator[tuple[int, PageRecord]]:
        """``(article id, raw page)`` of every article ``where`` selects (duplicates included unless
        it says otherwise), in id order, a batch at a time; with ``outdated_only``, only articles an
        other pipeline than this one (:data:`PIPELINE_VERSION`) made."""
        sql, params = conditions(where or ArticleFilter(include_duplicates=True))
        if outdated_only:
            sql.append("a.pipeline_version != ?")
            params.append(PIPELINE_VERSION)
        clause = " AND ".join(["a.id > ?", *sql])
        last = 0
        while True:
            rows = self._conn.execute(
                "SELECT a.id, r.body, r.kind, r.source, r.url, r.fetched_at, r.hints, r.sha256, r.id "
                f"FROM articles a JOIN raw_pages r ON r.id = a.raw_page_id WHERE {clause} ORDER BY a.id LIMIT ?",
                [last, *params, BATCH_SIZE],
            ).fetchall()
            if not rows:
                return
            parts = page_parts(self._conn, [int(row[8]) for row in rows])
            for row in rows:
                hints = json.loads(row[6]) if row[6] else None
                more = parts.get(int(row[8]), ())
                page = PageRecord(zlib.decompress(row[1]), row[2], row[3], row[4], row[5], hints, row[7], more)
                yield int(row[0]), page
            last = int(rows[-1][0])

    def replace_analysis(self, article_id: int, analysis: Analysis, *, canonical_url: str | None = None) -> None:
        """Put a new extraction and analysis of a stored page in place of the old, in one transaction.

        The article row is rewritten (the FTS index follows by trigger), its mentions, quotes,
        events and problems replaced, ``pipeline_version`` set to this warta's. Its raw page,
        duplicate link and story are kept: they are decisions across articles, not about this one.
        """
        with self._transaction() as conn:
            if not replace_article(conn, article_id, analysis, canonical_url):
                raise NotFoundError(f"{self.path}: no article {article_id} in the store")

    def prune_entities(self) -> int:
        """Drop entities no mention names any more (after a reprocess); return how many."""
        with self._transaction() as conn:
            cursor = conn.execute(
                "DELETE FROM entities WHERE key NOT IN (SELECT entity_key FROM mentions WHERE entity_key IS NOT NULL)"
            )
        return cursor.rowcount

    # --- the crawl frontier (SQL in warta.store.frontier) ----------------------------------------

    def frontier_add(self, entries: Iterable[FrontierEntry]) -> int:
        """Add URLs to crawl (those already known are left as they are); how many were new."""
        with self._transaction() as conn:
            return frontier.add(conn, entries)

    def frontier_claim(self, at: float, limit: int, kinds: tuple[str, ...] | None = None) -> list[FrontierEntry]:
        """Up to ``limit`` URLs due at ``at`` (unix time), marked as being fetched."""
        with self._transaction() as conn:
            return frontier.claim(conn, at, limit, kinds)

    def frontier_update(self, url: str, change: FrontierUpdate) -> None:
        """Record what fetching ``url`` gave."""
        with self._transaction() as conn:
            frontier.update(conn, url, change)

    def frontier_resume(self) -> int:
        """Make the frontier ready for a new run (see :func:`warta.store.frontier.resume`)."""
        with self._transaction() as conn:
            return frontier.resume(conn)

    def frontier_counts(self) -> dict[str, int]:
        """URLs in the frontier by state."""
        return frontier.counts(self._conn)

    def frontier_next_due(self) -> float | None:
        """When the next pending URL is due (unix time); None when nothing is pending."""
        return frontier.next_due(self._conn)

    # --- queries -------------------------------------------------------------------------------

    def resolve_entity(self, name: str) -> EntityCount:
        """The entity a key or name stands for (see :mod:`warta.store.names`); raises
        :class:`~warta.errors.AmbiguousNameError` listing the candidates when several fit."""
        return resolve_entity(self._conn, name)

    def top_entities(
        self,
        where: ArticleFilter | None = None,
        *,
        label: str | None = None,
        limit: int = 20,
        by: str = "mentions",
        offset: int = 0,
    ) -> list[EntityCount]:
        """The most named entities (``by`` mentions or articles) in the articles ``where`` selects."""
        chosen = self.resolved(where or ArticleFilter())
        return top_entities(self._conn, chosen, label=label, limit=limit, by=by, offset=offset)

    def entity(
        self, name: str, where: ArticleFilter | None = None, *, top: int = 10, quotes: int = 10, articles: int = 10
    ) -> EntityProfile:
        """One entity (a key or a name): timeline, co-mentioned entities, quotes, latest articles."""
        chosen = self.resolved(where or ArticleFilter())
        return entity_profile(self._conn, name, chosen, top=top, quotes=quotes, articles=articles)

    def quotes(self, query: QuoteQuery | None = None) -> list[QuoteHit]:
        """Quotes by speaker and words, newest first (see :class:`QuoteQuery`)."""
        chosen = query or QuoteQuery()
        return list_quotes(self._conn, replace(chosen, where=self.resolved(chosen.where)))

    def stories(self, where: ArticleFilter | None = None, *, limit: int = 50, offset: int = 0) -> list[StoryRow]:
        """Stories with articles in ``where``, most recently seen first (none until clustering runs)."""
        return list_stories(self._conn, self.resolved(where or ArticleFilter()), limit=limit, offset=offset)

    def _check_story(self, story_id: int | None) -> None:
        if story_id is not None and not story_exists(self._conn, story_id):
            raise NotFoundError(f"{self.path}: no story {story_id} in the store; list stories with warta stories")

    def resolved(self, where: ArticleFilter) -> ArticleFilter:
        """``where`` with its entity (a key or any name :meth:`resolve_entity` takes) as a key;
        a story it names must exist."""
        self._check_story(where.story)
        if not where.entity:
            return where
        return replace(where, entity=resolve_key(self._conn, where.entity).key)

    def search(self, query: SearchQuery | str) -> list[SearchHit]:
        """Full-text search with filters, best first (see :mod:`warta.store.search`)."""
        chosen = SearchQuery(query) if isinstance(query, str) else query
        self._check_story(chosen.story)
        return search(self._conn, chosen, self._window_starts)

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
            stories=count("SELECT count(*) FROM stories"),
            sites=count("SELECT count(DISTINCT site) FROM articles WHERE duplicate_of IS NULL"),
            first_published=self._conn.execute("SELECT min(published_utc) FROM articles").fetchone()[0],
            last_published=self._conn.execute("SELECT max(published_utc) FROM articles").fetchone()[0],
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

    # --- the reader (warta serve): SQL in warta.store.browse -----------------------------------

    def latest(
        self, where: ArticleFilter | None = None, *, limit: int = 20, offset: int = 0, news_only: bool = False
    ) -> list[ArticleCard]:
        """Articles newest first (see :func:`warta.store.browse.latest_articles`)."""
        chosen = self.resolved(where or ArticleFilter())
        return browse.latest_articles(self._conn, chosen, limit=limit, offset=offset, news_only=news_only)

    def events(self, query: EventQuery | None = None) -> list[EventHit]:
        """Events by type and entity, newest article first (see :class:`EventQuery`)."""
        chosen = query or EventQuery()
        entity = resolve_entity(self._conn, chosen.entity).key if chosen.entity else None
        return browse.list_events(self._conn, replace(chosen, entity=entity, where=self.resolved(chosen.where)))

    def related(self, article_id: int, *, limit: int = 6) -> list[RelatedArticle]:
        """Articles to read after this one: its story's, then those sharing its entities."""
        return browse.related_articles(self._conn, article_id, limit=limit)

    def story(self, story_id: int) -> StoryDetail:
        """A story with its articles (oldest first) and its most named entities."""
        return browse.story_detail(self._conn, story_id)

    def popular_stories(self, where: ArticleFilter | None = None, *, limit: int = 10) -> list[StoryRow]:
        """The stories with the most articles in ``where``, biggest first."""
        return browse.popular_stories(self._conn, self.resolved(where or ArticleFilter()), limit=limit)

    def mentions(self, article_id: int) -> list[MentionSpan]:
        """An article's entity mentions by field and offset (to highlight them)."""
        return browse.article_mentions(self._conn, article_id)

    def newest_published(self) -> str | None:
        """The latest published date (UTC) of a canonical article."""
        return browse.newest_published(self._conn)

    def article_for_page(self, sha256: str) -> tuple[int, int | None] | None:
        """``(article id, duplicate_of)`` of the article stored from this page, if any."""
        return browse.article_id_for_page(self._conn, sha256)


def open_store(path: str | Path, *, immutable: bool = False) -> Store:
    """Open the store at ``path``, creating it (and its folder) and migrating it as needed.

    ``immutable``: open an existing store that nothing writes while it is open, read-only,
    without locks or side files (:func:`warta.store.schema.connect_immutable`)."""
    if immutable:
        return Store(connect_immutable(path), str(path))
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return Store(connect(path), str(path))
