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
from typing import Any

from warta.errors import QueryError
from warta.store.filters import MAX_LIMIT, check_limit, check_offset, conditions, utc_bound
from warta.store.records import SearchHit, SearchQuery

__all__ = ["MAX_LIMIT", "fts_query", "search", "utc_bound"]

# Title words weigh more than body words: a title names what the article is about.
_TITLE_WEIGHT = 5.0
_RANK = f"bm25({_TITLE_WEIGHT}, 1.0)"
_SNIPPET_WORDS = 24

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


def search(conn: sqlite3.Connection, query: SearchQuery) -> list[SearchHit]:
    """Run ``query`` against the store: best BM25 first, at most ``query.limit`` hits."""
    check_limit(query.limit)
    check_offset(query.offset)
    match = fts_query(query.text)
    # ``rank MATCH`` sets FTS5's rank function for this query, so ``ORDER BY articles_fts.rank``
    # is done inside FTS5: it scores every match (about 1.2 µs each), then hands rows out best
    # first, and the join, the filters and snippet() only run on the rows taken until LIMIT is
    # reached. Ordering by a bm25() column instead made SQLite join, filter and snippet every
    # match before sorting: twice as slow for a word in 20 % of 200,000 articles (docs/benchmarks.md).
    where = ["articles_fts MATCH ?", "articles_fts.rank MATCH ?"]
    params: list[Any] = [match, _RANK]
    filters, extra = conditions(query.filter())
    where += filters
    params += extra
    if query.speaker:
        where.append(
            "a.id IN (SELECT q.article_id FROM quotes q WHERE q.speaker = ? OR q.speaker_name = ? COLLATE NOCASE)"
        )
        params += [query.speaker.strip(), query.speaker.strip()]
    open_mark, close_mark = query.highlight
    sql = (
        "SELECT a.id, a.title, a.url, a.site, a.published, articles_fts.rank, "
        f"snippet(articles_fts, -1, ?, ?, '…', {_SNIPPET_WORDS}) "
        "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
        f"WHERE {' AND '.join(where)} ORDER BY articles_fts.rank LIMIT ? OFFSET ?"
    )
    try:
        rows = conn.execute(sql, [open_mark, close_mark, *params, query.limit, query.offset]).fetchall()
    except sqlite3.OperationalError as exc:
        raise QueryError(f"search query {query.text!r} could not be run ({exc}); simplify the query") from exc
    # bm25() is lower-is-better; hand out a score where higher is better.
    return [SearchHit(r[0], r[1], r[2], r[3], r[4], -float(r[5]), r[6]) for r in rows]
