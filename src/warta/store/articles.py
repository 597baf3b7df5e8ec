"""Reading stored articles whole (article, store identity and findings), one or many.

:func:`iter_articles` walks the articles a filter selects in id order, a batch at a time
(keyset pagination: ``id > last`` rather than ``OFFSET``, so each batch costs the same however
deep into the store it is), which keeps an export of millions of articles in bounded memory.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from warta.model import Article
from warta.store.filters import ArticleFilter, conditions
from warta.store.findings import load_findings
from warta.store.records import StoredArticle

__all__ = ["BATCH_SIZE", "iter_articles", "load_articles"]

#: Articles read per batch: a few MB of text and findings, and few enough ids for one IN (...).
BATCH_SIZE = 200

_SELECT = (
    "SELECT a.id, a.article_json, a.canonical_url, a.published_utc, a.duplicate_of, a.story_id, r.source, "
    "r.sha256, r.fetched_at, a.ingested_at, a.pipeline_version, a.run_id "
    "FROM articles a JOIN raw_pages r ON r.id = a.raw_page_id"
)


def _build(rows: list[Any], conn: sqlite3.Connection) -> list[StoredArticle]:
    findings = load_findings(conn, [int(r[0]) for r in rows])
    out = []
    for row in rows:
        article = Article.from_dict(json.loads(row[1]))  # its text is derived from the paragraphs
        entities, quotes, events = findings[int(row[0])]
        out.append(
            StoredArticle(
                id=int(row[0]),
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
                entities=entities,
                quotes=quotes,
                events=events,
                problems=article.problems,
            )
        )
    return out


def load_articles(conn: sqlite3.Connection, ids: Sequence[int]) -> list[StoredArticle]:
    """The stored articles with these ids that exist, in the order of ``ids``."""
    if not ids:
        return []
    rows = conn.execute(f"{_SELECT} WHERE a.id IN ({', '.join('?' * len(ids))})", list(ids)).fetchall()
    order = {article_id: n for n, article_id in enumerate(ids)}
    rows.sort(key=lambda r: order[int(r[0])])
    return _build(rows, conn)


def iter_articles(
    conn: sqlite3.Connection, where: ArticleFilter, *, batch_size: int = BATCH_SIZE
) -> Iterator[StoredArticle]:
    """Every article ``where`` selects, in id order, read ``batch_size`` at a time."""
    sql, params = conditions(where)
    clause = " AND ".join(["a.id > ?", *sql])
    last = 0
    while True:
        rows = conn.execute(f"{_SELECT} WHERE {clause} ORDER BY a.id LIMIT ?", [last, *params, batch_size]).fetchall()
        if not rows:
            return
        yield from _build(rows, conn)
        last = int(rows[-1][0])
