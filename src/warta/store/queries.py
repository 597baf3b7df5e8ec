"""Quotes and stories: who said what (newest first), and the stories articles were grouped into.

A quote query's words reach SQL only as LIKE parameters with ``%`` and ``_`` escaped, so any
text a user types is looked for literally.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from warta.errors import NotFoundError, QueryError
from warta.model import Quote
from warta.store.filters import ArticleFilter, check_limit, check_offset, conditions, like_pattern
from warta.store.findings import QUOTE_FIELDS, columns
from warta.store.names import resolve_key
from warta.store.results import ArticleRef, QuoteHit, QuoteQuery, StoryRow

__all__ = ["like_terms", "list_quotes", "list_stories", "story_exists"]

_TERM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_WORDLIKE = re.compile(r"\w")


def like_terms(text: str) -> tuple[list[str], list[str]]:
    """The words and ``"phrases"`` a quote must hold, and the ``-excluded`` ones it must not."""
    wanted: list[str] = []
    excluded: list[str] = []
    for match in _TERM.finditer(text):
        negate = bool(match.group(1) or match.group(3))
        term = " ".join((match.group(2) if match.group(2) is not None else match.group(4)).split())
        if _WORDLIKE.search(term):
            (excluded if negate else wanted).append(term)
    if not wanted:
        what = "only excluded words" if excluded else "no words to look for"
        raise QueryError(f"quote query {text!r} has {what}; give at least one word, e.g. warta quotes 'bandara'")
    return wanted, excluded


def _speaker(conn: sqlite3.Connection, name: str) -> tuple[str, list[Any]]:
    """A condition on ``quotes q`` for a speaker: an entity (as :func:`resolve_entity` reads the
    name), else a speaker warta named without linking them to an entity."""
    try:
        return "q.speaker = ?", [resolve_key(conn, name).key]
    except NotFoundError:
        wanted = " ".join(name.split())
        if conn.execute("SELECT 1 FROM quotes WHERE speaker_name = ? COLLATE NOCASE LIMIT 1", [wanted]).fetchone():
            return "q.speaker_name = ? COLLATE NOCASE", [wanted]
        raise NotFoundError(
            f"no entity or speaker named {name!r} in the store; list speakers with warta quotes"
        ) from None


def list_quotes(conn: sqlite3.Connection, query: QuoteQuery) -> list[QuoteHit]:
    """Quotes matching ``query``, newest article first, in text order within an article."""
    check_limit(query.limit)
    check_offset(query.offset)
    sql, params = conditions(query.where)
    if query.speaker:
        condition, values = _speaker(conn, query.speaker)
        sql.append(condition)
        params += values
    if query.text is not None:
        wanted, excluded = like_terms(query.text)
        for term in wanted:
            sql.append("q.text LIKE ? ESCAPE '\\'")
            params.append(like_pattern(term))
        for term in excluded:
            sql.append("q.text NOT LIKE ? ESCAPE '\\'")
            params.append(like_pattern(term))
    rows = conn.execute(
        f"SELECT {columns(QUOTE_FIELDS, 'q')}, a.id, a.title, a.site, a.published, a.url "
        "FROM quotes q JOIN articles a ON a.id = q.article_id "
        f"WHERE {' AND '.join(sql) or '1'} ORDER BY a.published_utc DESC NULLS LAST, a.id DESC, q.id LIMIT ? OFFSET ?",
        [*params, query.limit, query.offset],
    ).fetchall()
    width = len(QUOTE_FIELDS)
    return [QuoteHit(Quote(*row[:width]), ArticleRef(*row[width:])) for row in rows]


def list_stories(conn: sqlite3.Connection, where: ArticleFilter, *, limit: int = 50, offset: int = 0) -> list[StoryRow]:
    """Stories with at least one article ``where`` selects, most recently seen first; ``size``
    counts each story's canonical articles."""
    check_limit(limit)
    check_offset(offset)
    sql, params = conditions(where)
    rows = conn.execute(
        "SELECT s.id, s.title, s.first_seen, s.last_seen, "
        "(SELECT count(*) FROM articles c WHERE c.story_id = s.id AND c.duplicate_of IS NULL) AS size "
        f"FROM stories s WHERE s.id IN (SELECT a.story_id FROM articles a WHERE {' AND '.join(sql) or '1'}) "
        "ORDER BY s.last_seen DESC NULLS LAST, s.id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [StoryRow(*row) for row in rows]


def story_exists(conn: sqlite3.Connection, story_id: int) -> bool:
    return conn.execute("SELECT 1 FROM stories WHERE id = ?", [story_id]).fetchone() is not None
