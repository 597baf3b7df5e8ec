"""Full-text search: a user's query made safe for FTS5, the filters, BM25 ranking and snippets.

User text never reaches FTS5 as syntax. :func:`fts_query` reads a small, forgiving query
language and writes every word as a quoted FTS5 string:

- words are ANDed: ``putin korea`` finds articles with both;
- ``"kunjungan kenegaraan"`` is a phrase (an unbalanced ``"`` runs to the end of the query);
- ``jok*`` is a prefix; ``-rusia`` or ``NOT rusia`` excludes; ``putin OR kim`` is either;
- anything else (``AND``, ``*`` alone, ``-`` alone, brackets, colons) is taken as text or dropped.

A query with nothing left to look for raises :class:`~warta.errors.QueryError`; so would any
error SQLite still raised, with the query in the message, never an ``sqlite3`` exception.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from warta.errors import QueryError
from warta.store.records import SearchHit, SearchQuery

__all__ = ["MAX_LIMIT", "fts_query", "search", "utc_bound"]

MAX_LIMIT = 1000
# Title words weigh more than body words: a title names what the article is about.
_TITLE_WEIGHT = 5.0
_SNIPPET_WORDS = 24
_WIB = timezone(timedelta(hours=7))

_TOKEN = re.compile(r'"([^"]*)"?|([^\s"]+)')
_WORDLIKE = re.compile(r"\w")


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 MATCH expression (see the module docstring)."""
    groups: list[list[str]] = []  # ANDed groups of ORed terms
    negatives: list[str] = []
    join_next = False  # the previous word was OR
    negate_next = False  # the previous word was NOT
    for match in _TOKEN.finditer(text):
        phrase, word = match.group(1), match.group(2)
        negate, prefix = negate_next, False
        if word is not None:
            if word in ("OR", "AND", "NOT"):
                join_next = word == "OR" and bool(groups)
                negate_next = word == "NOT"
                continue
            if word.startswith("-"):
                negate, word = True, word.lstrip("-")
            if word.endswith("*"):
                prefix, word = True, word.rstrip("*")
            term = word.strip("()[]{}:^+*")
        else:
            term = phrase.strip()
        negate_next = False
        if not _WORDLIKE.search(term):
            continue  # "*", "-", "()" alone: nothing to look for
        expr = _quoted(term) + ("*" if prefix else "")
        if negate:
            negatives.append(expr)
        elif join_next and groups:
            groups[-1].append(expr)
        else:
            groups.append([expr])
        join_next = False
    if not groups:
        what = "only excluded words" if negatives else "no words to look for"
        raise QueryError(f"search query {text!r} has {what}; give at least one word, e.g. warta search 'putin'")
    positive = " AND ".join(group[0] if len(group) == 1 else "(" + " OR ".join(group) + ")" for group in groups)
    if negatives:
        return f"({positive}) NOT " + " NOT ".join(negatives)
    return positive


def utc_bound(value: str, *, end: bool = False) -> tuple[str, bool]:
    """An ISO date or date-time as a UTC bound for ``published_utc``, and whether it is exclusive.

    A date without a zone is read as WIB (UTC+7), the zone most Indonesian news is dated in; a
    plain date as ``end`` stands for the whole day (the bound is the next midnight, exclusive).
    """
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise QueryError(
            f"{value!r} is not a date; give an ISO date (2024-06-18) or date-time (2024-06-18T09:00+07:00)"
        ) from None
    exclusive = False
    if end and "T" not in value and " " not in value.strip():
        parsed += timedelta(days=1)
        exclusive = True
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_WIB)
    return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), exclusive


def search(conn: sqlite3.Connection, query: SearchQuery) -> list[SearchHit]:
    """Run ``query`` against the store: best BM25 first, at most ``query.limit`` hits."""
    if not 1 <= query.limit <= MAX_LIMIT:
        raise QueryError(f"the result limit must be between 1 and {MAX_LIMIT}, not {query.limit}")
    match = fts_query(query.text)
    where = ["articles_fts MATCH ?"]
    params: list[Any] = [match]
    if not query.include_duplicates:
        where.append("a.duplicate_of IS NULL")
    if query.since:
        bound, _ = utc_bound(query.since)
        where.append("a.published_utc >= ?")
        params.append(bound)
    if query.until:
        bound, exclusive = utc_bound(query.until, end=True)
        where.append("a.published_utc < ?" if exclusive else "a.published_utc <= ?")
        params.append(bound)
    if query.site:
        site = query.site.strip().lower().removeprefix("www.")
        where.append("(a.site = ? OR a.site LIKE ? ESCAPE '\\')")
        params += [site, "%." + site.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")]
    if query.entity:
        where.append(
            "a.id IN (SELECT m.article_id FROM mentions m WHERE m.entity_key IN "
            "(SELECT e.key FROM entities e WHERE e.key = ? OR e.canonical = ? COLLATE NOCASE))"
        )
        params += [query.entity.strip(), query.entity.strip()]
    if query.speaker:
        where.append(
            "a.id IN (SELECT q.article_id FROM quotes q WHERE q.speaker = ? OR q.speaker_name = ? COLLATE NOCASE)"
        )
        params += [query.speaker.strip(), query.speaker.strip()]
    open_mark, close_mark = query.highlight
    sql = (
        "SELECT a.id, a.title, a.url, a.site, a.published, "
        f"bm25(articles_fts, {_TITLE_WEIGHT}, 1.0) AS rank, "
        f"snippet(articles_fts, -1, ?, ?, '…', {_SNIPPET_WORDS}) "
        "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
        f"WHERE {' AND '.join(where)} ORDER BY rank, a.id LIMIT ?"
    )
    try:
        rows = conn.execute(sql, [open_mark, close_mark, *params, query.limit]).fetchall()
    except sqlite3.OperationalError as exc:
        raise QueryError(f"search query {query.text!r} could not be run ({exc}); simplify the query") from exc
    # bm25() is lower-is-better; hand out a score where higher is better.
    return [SearchHit(r[0], r[1], r[2], r[3], r[4], -float(r[5]), r[6]) for r in rows]
