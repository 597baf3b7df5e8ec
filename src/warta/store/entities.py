"""Entity queries: the most named entities, and one entity's profile.

Only canonical articles count (duplicates carry no mentions of their own anyway). Days are
calendar days in WIB, from the published date; an article without one is counted as undated.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from warta.errors import QueryError
from warta.store.filters import ArticleFilter, check_limit, conditions
from warta.store.names import resolve_entity
from warta.store.queries import list_quotes
from warta.store.results import ENTITY_LABELS, ArticleRef, DayCount, EntityCount, EntityProfile, QuoteQuery

__all__ = ["entity_profile", "top_entities"]


def _where(where: ArticleFilter, *extra: str) -> tuple[str, list[Any]]:
    sql, params = conditions(where)
    return " AND ".join([*extra, *sql]) or "1", params


def top_entities(
    conn: sqlite3.Connection,
    where: ArticleFilter,
    *,
    label: str | None = None,
    limit: int = 20,
    by: str = "mentions",
) -> list[EntityCount]:
    """The most named entities in the articles ``where`` selects, by mentions or by articles."""
    check_limit(limit)
    if by not in ("mentions", "articles"):
        raise QueryError(f"entities are ranked by mentions or articles, not {by!r}")
    extra = []
    params: list[Any] = []
    if label:
        if label.upper() not in ENTITY_LABELS:
            raise QueryError(f"{label!r} is not an entity label; use one of {', '.join(ENTITY_LABELS)}")
        extra.append("e.label = ?")
        params.append(label.upper())
    clause, filter_params = _where(where, *extra)
    order = "n DESC, arts DESC" if by == "mentions" else "arts DESC, n DESC"
    rows = conn.execute(
        "SELECT e.key, e.label, e.canonical, count(*) AS n, count(DISTINCT m.article_id) AS arts "
        "FROM mentions m JOIN entities e ON e.key = m.entity_key JOIN articles a ON a.id = m.article_id "
        f"WHERE {clause} GROUP BY e.key ORDER BY {order}, e.key LIMIT ?",
        [*params, *filter_params, limit],
    ).fetchall()
    return [EntityCount(*row) for row in rows]


def entity_profile(
    conn: sqlite3.Connection,
    name: str,
    where: ArticleFilter,
    *,
    top: int = 10,
    quotes: int = 10,
    articles: int = 10,
) -> EntityProfile:
    """What the store says about the entity ``name`` resolves to, in the window ``where`` sets."""
    for value, what in ((top, "co-mentioned"), (quotes, "quotes"), (articles, "articles")):
        check_limit(value, what)
    found = resolve_entity(conn, name)
    key = found.key
    clause, params = _where(where, "m.entity_key = ?")
    args = [key, *params]
    base = f"FROM mentions m JOIN articles a ON a.id = m.article_id WHERE {clause}"
    mentions, in_articles = conn.execute(f"SELECT count(*), count(DISTINCT m.article_id) {base}", args).fetchone()
    aliases = [
        row[0]
        for row in conn.execute(
            f"SELECT m.text, count(*) AS n {base} GROUP BY m.text ORDER BY n DESC, m.text LIMIT 20", args
        )
        if row[0] != found.canonical
    ]
    timeline = [
        DayCount(*row)
        for row in conn.execute(
            f"SELECT date(a.published_utc, '+7 hours') AS day, count(*), count(DISTINCT m.article_id) {base} "
            "AND a.published_utc IS NOT NULL GROUP BY day ORDER BY day",
            args,
        )
    ]
    undated = conn.execute(f"SELECT count(*) {base} AND a.published_utc IS NULL", args).fetchone()[0]
    co_mentioned = [
        EntityCount(*row)
        for row in conn.execute(
            f"WITH mine AS (SELECT DISTINCT m.article_id {base}) "
            "SELECT e.key, e.label, e.canonical, count(*) AS n, count(DISTINCT o.article_id) AS shared "
            "FROM mentions o JOIN mine ON mine.article_id = o.article_id JOIN entities e ON e.key = o.entity_key "
            "WHERE o.entity_key != ? GROUP BY e.key ORDER BY shared DESC, n DESC, e.key LIMIT ?",
            [*args, key, top],
        )
    ]
    latest = [
        ArticleRef(*row)
        for row in conn.execute(
            "SELECT a.id, a.title, a.site, a.published, a.url FROM articles a "
            f"WHERE a.id IN (SELECT m.article_id {base}) ORDER BY a.published_utc DESC NULLS LAST, a.id DESC LIMIT ?",
            [*args, articles],
        )
    ]
    said = list_quotes(conn, QuoteQuery(speaker=key, where=where, limit=quotes))
    return EntityProfile(
        entity=EntityCount(key, found.label, found.canonical, int(mentions), int(in_articles)),
        aliases=tuple(aliases),
        timeline=tuple(timeline),
        undated=int(undated),
        co_mentioned=tuple(co_mentioned),
        quotes=tuple(said),
        articles=tuple(latest),
    )
