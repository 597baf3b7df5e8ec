"""The reader's queries (``warta serve``): latest articles, events, related articles, a story's
timeline, the mentions to highlight, the popular stories of a window.

Like every query module, the SQL here is fixed text: filters arrive as
:class:`~warta.store.filters.ArticleFilter` and reach SQLite only as parameters.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from warta.errors import NotFoundError
from warta.model import Event
from warta.store.browse_results import ArticleCard, EventHit, EventQuery, MentionSpan, RelatedArticle, StoryDetail
from warta.store.entities import top_entities
from warta.store.filters import ArticleFilter, check_limit, check_offset, conditions
from warta.store.findings import EVENT_FIELDS, columns
from warta.store.results import ArticleRef, StoryRow

__all__ = [
    "article_id_for_page",
    "article_mentions",
    "latest_articles",
    "list_events",
    "newest_published",
    "popular_stories",
    "related_articles",
    "story_detail",
]

_CARD = "a.id, a.title, a.site, a.publisher, a.published, a.url, a.description, a.image, a.story_id"
# A front page or a feed is stored (it was read), but a reader does not list it as news.
_NEWS_ONLY = "NOT EXISTS (SELECT 1 FROM problems p WHERE p.article_id = a.id AND p.code = 'not_an_article')"
_NEWEST_FIRST = "a.published_utc DESC NULLS LAST, a.id DESC"
#: How many of an article's entities (its most mentioned) look for related articles: enough to
#: find articles about the same people and places, few enough that the lookup stays an index walk.
RELATED_ENTITIES = 8
#: For each of those entities, the articles naming it nearest the article in store order (ingest
#: order, close to publication order) on either side are the candidates: at most 8 x 2 x 100 ids,
#: however many articles name it. Counting every article that names "Indonesia" took 100-270 ms an
#: article on the 200,000-article store (the load benchmark, docs/benchmarks.md "serve-load");
#: an article sharing several entities with this one is nearly always close to it in time. The
#: candidates are counted and ranked in one SQL statement over their ids (0.6 ms an article; the
#: same in Python took 1.7), and cards are read for the first few only (reading cards for all of
#: them took another 5 ms an article).
RELATED_POOL = 100
#: How many ranked candidates are fetched at first (see related_articles).
_RELATED_FIRST = 50


def _card(row: Any) -> ArticleCard:
    return ArticleCard(*row)


def _clause(where: ArticleFilter, *extra: str) -> tuple[str, list[Any]]:
    sql, params = conditions(where)
    return " AND ".join([*extra, *sql]) or "1", params


def latest_articles(
    conn: sqlite3.Connection, where: ArticleFilter, *, limit: int = 20, offset: int = 0, news_only: bool = False
) -> list[ArticleCard]:
    """The articles ``where`` selects, newest published first (undated ones last);
    ``news_only`` leaves out front pages and feeds."""
    check_limit(limit)
    check_offset(offset)
    clause, params = _clause(where, *([_NEWS_ONLY] if news_only else []))
    rows = conn.execute(
        f"SELECT {_CARD} FROM articles a WHERE {clause} ORDER BY {_NEWEST_FIRST} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [_card(r) for r in rows]


def list_events(conn: sqlite3.Connection, query: EventQuery) -> list[EventHit]:
    """Events matching ``query`` (its entity already a key), newest article first, in text order."""
    check_limit(query.limit)
    check_offset(query.offset)
    extra = []
    params: list[Any] = []
    if query.type:
        extra.append("v.type = ?")
        params.append(query.type.strip().lower())
    if query.entity:
        extra.append("(v.actor = ? OR v.target = ?)")
        params += [query.entity, query.entity]
    clause, filter_params = _clause(query.where, *extra)
    rows = conn.execute(
        f"SELECT {columns(EVENT_FIELDS, 'v')}, a.id, a.title, a.site, a.published, a.url "
        f"FROM events v JOIN articles a ON a.id = v.article_id WHERE {clause} "
        f"ORDER BY {_NEWEST_FIRST}, v.id LIMIT ? OFFSET ?",
        [*params, *filter_params, query.limit, query.offset],
    ).fetchall()
    width = len(EVENT_FIELDS)
    return [EventHit(Event(*row[:width]), ArticleRef(*row[width:])) for row in rows]


def related_articles(conn: sqlite3.Connection, article_id: int, *, limit: int = 6) -> list[RelatedArticle]:
    """Articles to read next: the others of its story (oldest first), then the articles sharing
    the most of its :data:`RELATED_ENTITIES` most mentioned entities (the nearest in store order,
    so in time, first among equals), looked for among the :data:`RELATED_POOL` articles nearest it
    that name each."""
    check_limit(limit)
    row = conn.execute("SELECT story_id FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        raise NotFoundError(f"no article {article_id} in the store")
    out: list[RelatedArticle] = []
    if row[0] is not None:
        rows = conn.execute(
            f"SELECT {_CARD} FROM articles a WHERE a.story_id = ? AND a.id != ? AND a.duplicate_of IS NULL "
            "ORDER BY a.published_utc NULLS LAST, a.id LIMIT ?",
            [row[0], article_id, limit],
        ).fetchall()
        out = [RelatedArticle(_card(r), "story", 0) for r in rows]
    if len(out) >= limit:
        return out
    seen = {article_id, *(r.article.id for r in out)}
    keys = [
        key
        for (key,) in conn.execute(
            "SELECT entity_key FROM mentions WHERE article_id = ? AND entity_key IS NOT NULL "
            "GROUP BY entity_key ORDER BY count(*) DESC, entity_key LIMIT ?",
            [article_id, RELATED_ENTITIES],
        )
    ]
    # The RELATED_POOL articles naming each entity nearest the article on either side, counted
    # and ranked in one statement (counting them in Python was half an article request's time).
    nearest = (
        "SELECT * FROM (SELECT DISTINCT article_id FROM mentions WHERE entity_key = ? AND article_id {} ? "
        "ORDER BY article_id {} LIMIT ?)"
    )
    parts, params = [], []
    for key in keys:
        for side, order in (("<", "DESC"), (">", "ASC")):
            parts.append(nearest.format(side, order))
            params += [key, article_id, RELATED_POOL]
    if not parts:
        return out
    # Most shared entities first; among equals the nearest in store order (close in time). Only
    # the first few are fetched (sorting for the top few is cheaper than handing all of them to
    # Python); all of them only when duplicates and non-news leave too few.
    ranking = (
        f"SELECT article_id, count(*) AS shared FROM ({' UNION ALL '.join(parts)}) "
        f"WHERE article_id NOT IN ({', '.join('?' * len(seen))}) GROUP BY article_id "
        "ORDER BY shared DESC, abs(article_id - ?), article_id LIMIT ?"
    )
    excluded = list(seen)
    wanted = limit - len(out)
    picked: list[RelatedArticle] = []
    for first_few in (_RELATED_FIRST, -1):
        shared = {int(r[0]): int(r[1]) for r in conn.execute(ranking, [*params, *excluded, article_id, first_few])}
        ranked = [i for i in shared if i not in seen]  # the second time, past those looked at
        seen.update(ranked)
        # Cards are read for a few candidates at a time, skipping duplicates and non-news, until enough.
        for start in range(0, len(ranked), 2 * wanted):
            batch = ranked[start : start + 2 * wanted]
            cards = {
                r[0]: _card(r)
                for r in conn.execute(
                    f"SELECT {_CARD} FROM articles a WHERE a.id IN ({', '.join('?' * len(batch))}) "
                    f"AND a.duplicate_of IS NULL AND {_NEWS_ONLY}",
                    batch,
                )
            }
            picked += [RelatedArticle(cards[i], "entities", shared[i]) for i in batch if i in cards]
            if len(picked) >= wanted:
                return out + picked[:wanted]
        if len(shared) < first_few:
            break  # every candidate was looked at
    return out + picked[:wanted]


def story_detail(conn: sqlite3.Connection, story_id: int, *, entities: int = 10) -> StoryDetail:
    """A story with its canonical articles oldest first and the entities they name most."""
    row = conn.execute(
        "SELECT s.id, s.title, s.first_seen, s.last_seen, "
        "(SELECT count(*) FROM articles c WHERE c.story_id = s.id AND c.duplicate_of IS NULL) "
        "FROM stories s WHERE s.id = ?",
        [story_id],
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no story {story_id} in the store; list stories with warta stories")
    rows = conn.execute(
        f"SELECT {_CARD} FROM articles a WHERE a.story_id = ? AND a.duplicate_of IS NULL "
        "ORDER BY a.published_utc NULLS LAST, a.id LIMIT 1000",
        [story_id],
    ).fetchall()
    named = top_entities(conn, ArticleFilter(story=story_id), limit=entities)
    return StoryDetail(StoryRow(*row), tuple(_card(r) for r in rows), tuple(named))


def popular_stories(conn: sqlite3.Connection, where: ArticleFilter, *, limit: int = 10) -> list[StoryRow]:
    """The stories with the most articles ``where`` selects (the biggest of a window), biggest first."""
    check_limit(limit)
    clause, params = _clause(where, "a.story_id IS NOT NULL")
    rows = conn.execute(
        "SELECT s.id, s.title, s.first_seen, s.last_seen, count(*) AS n FROM articles a "
        f"JOIN stories s ON s.id = a.story_id WHERE {clause} "
        "GROUP BY s.id ORDER BY n DESC, s.last_seen DESC NULLS LAST, s.id DESC LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [StoryRow(*r) for r in rows]


def article_mentions(conn: sqlite3.Connection, article_id: int) -> list[MentionSpan]:
    """The entity mentions of an article (quantities and dates have no entity: left out), by field
    and offset."""
    rows = conn.execute(
        "SELECT m.field, m.field_index, m.start_char, m.end_char, m.text, m.label, m.entity_key, e.canonical "
        "FROM mentions m JOIN entities e ON e.key = m.entity_key WHERE m.article_id = ? "
        "ORDER BY m.field, m.field_index, m.start_char, m.end_char DESC",
        [article_id],
    ).fetchall()
    return [MentionSpan(*r) for r in rows]


def newest_published(conn: sqlite3.Connection) -> str | None:
    """The latest published date (UTC) of a canonical article: where "the last 24 hours" of a
    store that is not fed live ends."""
    row = conn.execute("SELECT max(published_utc) FROM articles WHERE duplicate_of IS NULL").fetchone()
    return str(row[0]) if row and row[0] else None


def article_id_for_page(conn: sqlite3.Connection, sha256: str) -> tuple[int, int | None] | None:
    """The article stored from the page with this content hash, and what it duplicates."""
    row = conn.execute(
        "SELECT a.id, a.duplicate_of FROM articles a JOIN raw_pages r ON r.id = a.raw_page_id WHERE r.sha256 = ?",
        [sha256],
    ).fetchone()
    return (int(row[0]), row[1]) if row else None
