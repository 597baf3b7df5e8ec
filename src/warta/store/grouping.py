"""Near-duplicates and stories in the store: the recent articles an ingest run compares new ones
with, and the story each article was put in."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from warta.store.articles import load_articles
from warta.store.records import StoredArticle

__all__ = ["assign_story", "recent_articles", "story_keys"]


def recent_articles(conn: sqlite3.Connection, limit: int, after: int = 0) -> list[StoredArticle]:
    """The ``limit`` most recently stored canonical articles with an id above ``after``, oldest first."""
    rows = conn.execute(
        "SELECT id FROM articles WHERE duplicate_of IS NULL AND id > ? ORDER BY id DESC LIMIT ?", (after, limit)
    ).fetchall()
    return load_articles(conn, [int(r[0]) for r in reversed(rows)])


def story_keys(conn: sqlite3.Connection, story_ids: Sequence[int]) -> dict[int, str]:
    """The clusterer key of each of these stories (stories without one are left out)."""
    if not story_ids:
        return {}
    marks = ", ".join("?" * len(story_ids))
    rows = conn.execute(f"SELECT id, key FROM stories WHERE key IS NOT NULL AND id IN ({marks})", list(story_ids))
    return {int(r[0]): str(r[1]) for r in rows}


def assign_story(
    conn: sqlite3.Connection,
    article_id: int,
    key: str,
    title: str | None,
    first_seen: str | None,
    last_seen: str | None,
) -> int:
    """Put the article in the story with this key (created when new); returns the story's id."""
    conn.execute(
        "INSERT INTO stories (key, title, first_seen, last_seen) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET "
        "first_seen = CASE WHEN stories.first_seen IS NULL OR excluded.first_seen < stories.first_seen "
        "THEN excluded.first_seen ELSE stories.first_seen END, "
        "last_seen = CASE WHEN stories.last_seen IS NULL OR excluded.last_seen > stories.last_seen "
        "THEN excluded.last_seen ELSE stories.last_seen END",
        (key, title, first_seen, last_seen),
    )
    story_id = int(conn.execute("SELECT id FROM stories WHERE key = ?", (key,)).fetchone()[0])
    conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))
    return story_id
