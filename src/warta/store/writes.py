"""Writing an article: the raw page and the article row (insert, or replace on reprocess), in the
caller's transaction. The columns extraction decides are listed once, in :func:`_article_columns`."""

from __future__ import annotations

import json
import sqlite3
import zlib
from datetime import UTC, datetime
from typing import Any

from warta import __version__
from warta.extract.dates import WIB, to_utc
from warta.model import Analysis, Article
from warta.store.findings import delete_findings, write_findings
from warta.store.records import AddResult, PageRecord, sha256_hex

__all__ = ["PIPELINE_VERSION", "insert_article", "now", "published_utc", "replace_article"]

#: Written on every article so ``warta reprocess`` can tell which ones an older pipeline made.
PIPELINE_VERSION = f"warta {__version__}"
# zlib level 6 (the default): raw HTML shrinks about 5x at ~1 ms a page; level 9 gains ~2 % for 3x the time.
_ZLIB_LEVEL = 6


def now() -> str:
    """The current UTC time as the store writes it."""
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
        instant = (day if day.tzinfo else day.replace(tzinfo=WIB)).astimezone(UTC)
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def _article_columns(article: Article, canonical_url: str | None) -> dict[str, Any]:
    """The article row's columns that extraction decides (insert and replace write the same ones)."""
    article_json = article.to_dict()
    del article_json["text"]  # derived from the paragraphs; kept once, in the text column
    text = article.text
    return {
        "url": article.url,
        "canonical_url": canonical_url,
        "site": article.site,
        "publisher": article.publisher,
        "title": article.title,
        "description": article.description,
        "authors": json.dumps(list(article.authors), ensure_ascii=False),
        "published": article.published,
        "published_utc": published_utc(article.published),
        "language": article.language,
        "text": text,
        "article_json": json.dumps(article_json, ensure_ascii=False),
        "image": article.images[0].url if article.images else None,
        "text_sha256": sha256_hex(text.encode("utf-8")),
        "pipeline_version": PIPELINE_VERSION,
    }


def _problems(conn: sqlite3.Connection, run_id: int | None, source: str, article_id: int, article: Article) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO problems (run_id, source, article_id, code, detail) VALUES (?, ?, ?, ?, ?)",
        [(run_id, source, article_id, p.code, p.detail) for p in article.problems],
    )


def insert_article(
    conn: sqlite3.Connection,
    page: PageRecord,
    analysis: Analysis,
    canonical_url: str | None,
    run_id: int | None,
    near_duplicate_of: int | None,
) -> AddResult:
    """Write one page and its article inside the caller's transaction (see :meth:`Store.add_article`)."""
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
    conn.executemany(
        "INSERT INTO raw_page_parts (raw_page_id, number, url, body, size) VALUES (?, ?, ?, ?, ?)",
        [(raw_id, n, url, zlib.compress(body, _ZLIB_LEVEL), len(body)) for n, (url, body) in enumerate(page.more, 2)],
    )
    duplicate_of = None
    if canonical_url:
        row = conn.execute(
            "SELECT id FROM articles WHERE canonical_url = ? AND duplicate_of IS NULL ORDER BY id LIMIT 1",
            (canonical_url,),
        ).fetchone()
        duplicate_of = int(row[0]) if row else None
    if duplicate_of is None and near_duplicate_of is not None:
        row = conn.execute(
            "SELECT coalesce(duplicate_of, id) FROM articles WHERE id = ?", (near_duplicate_of,)
        ).fetchone()
        duplicate_of = int(row[0]) if row else None
    columns = {
        "raw_page_id": raw_id,
        **_article_columns(analysis.article, canonical_url),
        "duplicate_of": duplicate_of,
        "ingested_at": now(),
        "run_id": run_id,
    }
    # The column names are this module's own constants, never input: only the values are parameters.
    cursor = conn.execute(
        f"INSERT INTO articles ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        list(columns.values()),
    )
    article_id = int(cursor.lastrowid or 0)
    if duplicate_of is None:
        write_findings(conn, article_id, analysis)
    _problems(conn, run_id, page.source, article_id, analysis.article)
    return AddResult(article_id, duplicate_of)


def replace_article(conn: sqlite3.Connection, article_id: int, analysis: Analysis, canonical_url: str | None) -> bool:
    """Rewrite a stored article and its findings from a new analysis (False: no such article).

    Its raw page, duplicate link and story are kept: they are decisions across articles.
    """
    row = conn.execute(
        "SELECT a.duplicate_of, a.run_id, r.source FROM articles a JOIN raw_pages r ON r.id = a.raw_page_id "
        "WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return False
    duplicate_of, run_id, source = row
    columns = _article_columns(analysis.article, canonical_url)
    conn.execute(
        f"UPDATE articles SET {', '.join(f'{name} = ?' for name in columns)} WHERE id = ?",
        [*columns.values(), article_id],
    )
    delete_findings(conn, article_id)
    if duplicate_of is None:
        write_findings(conn, article_id, analysis, rename=True)
    _problems(conn, run_id, source, article_id, analysis.article)
    return True


def page_parts(conn: sqlite3.Connection, raw_ids: list[int]) -> dict[int, tuple[tuple[str | None, bytes], ...]]:
    """The further pages (``PageRecord.more``) of the raw pages ``raw_ids`` that have any."""
    found: dict[int, list[tuple[str | None, bytes]]] = {}
    for start in range(0, len(raw_ids), 500):  # under SQLite's limit on bound parameters
        chunk = raw_ids[start : start + 500]
        rows = conn.execute(
            f"SELECT raw_page_id, url, body FROM raw_page_parts WHERE raw_page_id IN ({','.join('?' * len(chunk))}) "
            "ORDER BY raw_page_id, number",
            chunk,
        )
        for raw_id, url, body in rows:
            found.setdefault(int(raw_id), []).append((url, zlib.decompress(body)))
    return {raw_id: tuple(parts) for raw_id, parts in found.items()}
