"""The crawl frontier's SQL (table ``crawl_frontier``, migration 0004): what ``warta crawl`` has
to fetch, is fetching and has done. :class:`~warta.store.Store` calls these inside its own
transactions; the crawler never sees SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from warta.store.writes import now

__all__ = ["FrontierEntry", "FrontierUpdate", "add", "claim", "counts", "next_due", "resume", "update"]

_RUNS_FOR_PASSING_FAILURES = 3

# Sources first: a feed lists the articles, so fetching it early fills the queue.
_KIND_ORDER = "CASE kind WHEN 'sitemap' THEN 0 WHEN 'feed' THEN 0 WHEN 'section' THEN 1 ELSE 2 END"


@dataclass(frozen=True, slots=True)
class FrontierEntry:
    """One URL to fetch: ``kind`` feed, sitemap, section or article; the validators of its last
    fetch (``etag``, ``last_modified``) for a conditional GET."""

    url: str
    host: str
    kind: str
    site: str | None = None
    found_from: str | None = None
    attempts: int = 0
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FrontierUpdate:
    """What a fetch decided about a URL: its new ``state``, when to try again (unix time), the
    HTTP status and a detail; validators are kept when None."""

    state: str
    next_try_at: float = 0.0
    status: int | None = None
    detail: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    attempted: bool = True


def add(conn: sqlite3.Connection, entries: Iterable[FrontierEntry]) -> int:
    """Insert the URLs not yet known; an article whose URL a stored page has is done at once."""
    added = 0
    stamp = now()
    for e in entries:
        stored = e.kind == "article" and conn.execute("SELECT 1 FROM raw_pages WHERE url = ?", (e.url,)).fetchone()
        cursor = conn.execute(
            "INSERT OR IGNORE INTO crawl_frontier (url, host, kind, site, state, found_from, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (e.url, e.host, e.kind, e.site, "done" if stored else "pending", e.found_from, stamp),
        )
        added += cursor.rowcount
    return added


def claim(conn: sqlite3.Connection, at: float, limit: int, kinds: tuple[str, ...] | None = None) -> list[FrontierEntry]:
    """Up to ``limit`` pending URLs due at ``at`` (sources first), set to ``fetching``."""
    kind_clause = f" AND kind IN ({','.join('?' * len(kinds))})" if kinds else ""
    rows = conn.execute(
        "SELECT url, host, kind, site, found_from, attempts, etag, last_modified FROM crawl_frontier "
        f"WHERE state = 'pending' AND next_try_at <= ?{kind_clause} ORDER BY {_KIND_ORDER}, next_try_at, rowid LIMIT ?",
        (at, *(kinds or ()), limit),
    ).fetchall()
    conn.executemany("UPDATE crawl_frontier SET state = 'fetching' WHERE url = ?", [(r[0],) for r in rows])
    return [FrontierEntry(*row) for row in rows]


def update(conn: sqlite3.Connection, url: str, change: FrontierUpdate) -> None:
    """Record the outcome of fetching ``url``."""
    conn.execute(
        "UPDATE crawl_frontier SET state = ?, next_try_at = ?, status = coalesce(?, status), "
        "detail = coalesce(?, detail), "
        "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), attempts = attempts + ?, "
        "fetched_at = CASE WHEN ? THEN ? ELSE fetched_at END WHERE url = ?",
        (
            change.state,
            change.next_try_at,
            change.status,
            change.detail,
            change.etag,
            change.last_modified,
            int(change.attempted),
            change.attempted,
            now(),
            url,
        ),
    )


def resume(conn: sqlite3.Connection) -> int:
    """Start a run: URLs a killed run left half-way go back to pending (done when their page was
    stored), sources (feeds, sitemaps, sections) are due again, and articles that failed for a
    passing reason are tried again (three runs in all). Returns how many half-way URLs were reset."""
    conn.execute(
        "UPDATE crawl_frontier SET state = 'done' WHERE state IN ('fetching', 'fetched') AND kind = 'article' "
        "AND url IN (SELECT url FROM raw_pages WHERE url = crawl_frontier.url)"
    )
    reset = conn.execute("UPDATE crawl_frontier SET state = 'pending' WHERE state IN ('fetching', 'fetched')").rowcount
    conn.execute(
        "UPDATE crawl_frontier SET state = 'pending', next_try_at = 0 "
        "WHERE kind != 'article' AND state IN ('done', 'failed')"
    )
    # Articles that failed for a passing reason (no answer, 429, 5xx) get three runs in all.
    conn.execute(
        "UPDATE crawl_frontier SET state = 'pending', next_try_at = 0 WHERE kind = 'article' AND state = 'failed' "
        "AND attempts < ? AND (status IS NULL OR status = 429 OR status >= 500) "
        "AND ifnull(detail, '') NOT LIKE '%robots.txt disallows%'",
        (_RUNS_FOR_PASSING_FAILURES,),
    )
    return reset


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many URLs are in each state."""
    return {
        str(state): int(n) for state, n in conn.execute("SELECT state, count(*) FROM crawl_frontier GROUP BY state")
    }


def next_due(conn: sqlite3.Connection) -> float | None:
    """When the next pending URL is due (unix time), or None when none is pending."""
    row = conn.execute("SELECT min(next_try_at) FROM crawl_frontier WHERE state = 'pending'").fetchone()
    return float(row[0]) if row and row[0] is not None else None
