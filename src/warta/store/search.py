"""Full-text search: a user's query made safe for FTS5, the filters, BM25 ranking and snippets.

User text never reaches FTS5 as syntax. :func:`fts_query` reads a small, forgiving query
language and writes every word as a quoted FTS5 string:

- words are ANDed: ``putin korea`` finds articles with both;
- ``"kunjungan kenegaraan"`` is a phrase (an unbalanced ``"`` runs to the end of the query);
- ``jok*`` is a prefix; ``-rusia`` or ``NOT rusia`` excludes; ``putin OR kim`` is either;
- anything else (``AND``, ``*`` alone, ``-`` alone, brackets, colons) is taken as text or dropped.

A query with nothing left to look for raises :class:`~warta.errors.QueryError`; so would any
error SQLite still raised, with the query in the message, never an ``sqlite3`` exception.

**Ranking window.** FTS5 scores every match before it hands out the best (about 1.2 µs each), so
a word found in a fifth of a 200,000-article store costs 50-150 ms however few hits are asked
for. A query whose every required word (or phrase word) is in more than
``SearchQuery.rank_window`` articles (1,000 by default) is therefore ranked among its most recently
stored matches only: from where the newest ``rank_window`` articles holding its rarest-lately word
begin (FTS5 finds that by walking the word's matches newest first, unscored; see
:class:`WindowStarts`). If that window gives fewer hits than asked for (a narrow filter), it is
widened four times over until it does or holds every match. ``rank_window=None`` ranks every match.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from typing import Any

from warta.errors import QueryError
from warta.store.filters import MAX_LIMIT, check_limit, check_offset, conditions, utc_bound
from warta.store.records import SearchHit, SearchQuery

__all__ = ["MAX_LIMIT", "WindowStarts", "fts_query", "search", "utc_bound"]

# Title words weigh more than body words: a title names what the article is about.
_TITLE_WEIGHT = 5.0
_RANK = f"bm25({_TITLE_WEIGHT}, 1.0)"
_SNIPPET_WORDS = 24

_TOKEN = re.compile(r'"([^"]*)"?|([^\s"]+)')
_WORDLIKE = re.compile(r"\w")


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class _Term:
    text: str
    prefix: bool

    def expr(self) -> str:
        return _quoted(self.text) + ("*" if self.prefix else "")


def _parse(text: str) -> tuple[list[list[_Term]], list[_Term]]:
    """A query's ANDed groups of ORed terms, and its excluded terms."""
    groups: list[list[_Term]] = []
    negatives: list[_Term] = []
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
        found = _Term(term, prefix)
        if negate:
            negatives.append(found)
        elif join_next and groups:
            groups[-1].append(found)
        else:
            groups.append([found])
        join_next = False
    if not groups:
        what = "only excluded words" if negatives else "no words to look for"
        raise QueryError(f"search query {text!r} has {what}; give at least one word, e.g. warta search 'putin'")
    return groups, negatives


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 MATCH expression (see the module docstring)."""
    return _expression(*_parse(text))


def _expression(groups: list[list[_Term]], negatives: list[_Term]) -> str:
    positive = " AND ".join(
        group[0].expr() if len(group) == 1 else "(" + " OR ".join(t.expr() for t in group) + ")" for group in groups
    )
    if negatives:
        return f"({positive}) NOT " + " NOT ".join(t.expr() for t in negatives)
    return positive


# --- the ranking window ---------------------------------------------------------------------------

_FTS_WORD = re.compile(r"\w+")


def _index_words(term: str) -> list[str]:
    """A term's words as the FTS5 tokenizer (unicode61, remove_diacritics 2) indexes them."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", term.casefold()) if not unicodedata.combining(c))
    return _FTS_WORD.findall(folded)


class WindowStarts:
    """Where a word's newest ``size`` matches begin (the rowid of its ``size``-th newest match;
    None when fewer articles hold it), remembered for the connection's life.

    FTS5 walks a word's matches newest first without scoring them (about 0.1 µs each: 0.2 ms for
    2,000), whereas counting all of them, as the FTS5 vocabulary table does, reads the whole
    doclist (15 ms for a stopword on 200,000 articles). A start grown stale (articles stored since,
    with higher rowids) only widens the window: it costs time, never a result."""

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self._known: dict[tuple[str, bool, int], int | None] = {}

    def word(self, conn: sqlite3.Connection, word: str, size: int, *, prefix: bool = False) -> int | None:
        key = (word, prefix, size)
        if key not in self._known:
            if len(self._known) >= self.size:
                self._known.clear()
            row = conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                (_quoted(word) + ("*" if prefix else ""), size - 1),
            ).fetchone()
            self._known[key] = int(row[0]) if row else None
        return self._known[key]

    def term(self, conn: sqlite3.Connection, term: _Term, size: int) -> int | None:
        """A phrase's matches are among each of its words': they start no earlier than the latest
        of the words' starts, and are fewer than ``size`` when any word is."""
        words = _index_words(term.text)
        starts = [self.word(conn, w, size, prefix=term.prefix and i == len(words) - 1) for i, w in enumerate(words)]
        return None if not starts or None in starts else max(s for s in starts if s is not None)


def _first_row(
    conn: sqlite3.Connection, groups: list[list[_Term]], window: int | None, starts: WindowStarts
) -> int | None:
    """The lowest rowid to rank from; None to rank every match (fewer than ``window`` of them).

    The query's matches are in every group (its words are ANDed), so the window starts at the
    latest of the groups' starts, and there are fewer than ``window`` when a group has fewer. A
    group's matches are any of its alternatives' (OR), so they reach ``window`` no earlier than
    the latest start among its alternatives; when none alone reaches it, neither need the group
    (a few times ``window`` at most: all are ranked)."""
    if window is None:
        return None
    latest = 0
    for group in groups:
        known = [start for start in (starts.term(conn, t, window) for t in group) if start is not None]
        if not known:
            return None
        latest = max(latest, max(known))
    return latest


def search(conn: sqlite3.Connection, query: SearchQuery, starts: WindowStarts | None = None) -> list[SearchHit]:
    """Run ``query`` against the store: best BM25 first, at most ``query.limit`` hits.

    ``starts`` remembers where words' windows start between searches on one connection
    (see :class:`WindowStarts`).
    """
    check_limit(query.limit)
    check_offset(query.offset)
    if query.rank_window is not None and query.rank_window < 1:
        raise QueryError(f"rank_window must be at least 1 (or None to rank every match), not {query.rank_window}")
    groups, negatives = _parse(query.text)
    match = _expression(groups, negatives)
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
        f"WHERE {' AND '.join(where)} AND articles_fts.rowid >= ? ORDER BY articles_fts.rank LIMIT ? OFFSET ?"
    )
    try:
        window, remembered = query.rank_window, starts or WindowStarts()
        while True:
            first = _first_row(conn, groups, window, remembered)
            rows = conn.execute(sql, [open_mark, close_mark, *params, first or 0, query.limit, query.offset]).fetchall()
            if first is None or window is None or len(rows) >= query.limit:
                break
            window *= 4  # too few hits in the window (a narrow filter): widen it
    except sqlite3.OperationalError as exc:
        raise QueryError(f"search query {query.text!r} could not be run ({exc}); simplify the query") from exc
    # bm25() is lower-is-better; hand out a score where higher is better.
    return [SearchHit(r[0], r[1], r[2], r[3], r[4], -float(r[5]), r[6]) for r in rows]
