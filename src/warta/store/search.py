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
for. A query expected to match more than ``SearchQuery.rank_window`` articles (2,000 by default;
the estimate is the document count of its rarest required term, from the FTS5 vocabulary) is
therefore ranked among its most recently stored matches only: the newest rows that should hold
about that many. If that window gives fewer hits than asked for (a narrow filter), it is widened
four times over until it does or covers the store. ``rank_window=None`` ranks every match.
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from typing import Any

from warta.errors import QueryError
from warta.store.filters import MAX_LIMIT, check_limit, check_offset, conditions, utc_bound
from warta.store.records import SearchHit, SearchQuery

__all__ = ["MAX_LIMIT", "TermCounts", "fts_query", "search", "utc_bound"]

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

_VOCAB = "temp.warta_fts_terms"


def create_term_table(conn: sqlite3.Connection) -> bool:
    """Make the FTS5 vocabulary table the ranking window counts words with (a per-connection temp
    table); False when the connection cannot (a query-only one made without it: no window then)."""
    try:
        conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {_VOCAB} USING fts5vocab(main, articles_fts, row)")
    except sqlite3.OperationalError:
        return False
    return True


_FTS_WORD = re.compile(r"\w+")


def _index_words(term: str) -> list[str]:
    """A term's words as the FTS5 tokenizer (unicode61, remove_diacritics 2) indexes them."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", term.casefold()) if not unicodedata.combining(c))
    return _FTS_WORD.findall(folded)


class TermCounts:
    """How many articles hold a word, from the FTS5 vocabulary, remembered for the connection's
    life (counting a stopword reads its whole doclist, about 10 ms on 200,000 articles). The
    counts only size the ranking window, so a count grown stale costs time, never a result."""

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self._known: dict[str, int] = {}
        self._table: bool | None = None  # whether the vocabulary table can be had (None: not tried)

    def get(self, conn: sqlite3.Connection, word: str, *, prefix: bool = False) -> int:
        key = word + ("*" if prefix else "")
        if key not in self._known:
            if len(self._known) >= self.size:
                self._known.clear()
            if self._table is None:
                self._table = create_term_table(conn)
            if not self._table:
                return 0  # no counts: every match is ranked
            if prefix:  # an upper bound: the counts of the words it begins summed
                upper = word[:-1] + chr(ord(word[-1]) + 1)
                cursor = conn.execute(f"SELECT sum(doc) FROM {_VOCAB} WHERE term >= ? AND term < ?", (word, upper))
            else:
                cursor = conn.execute(f"SELECT doc FROM {_VOCAB} WHERE term = ?", (word,))
            row = cursor.fetchone()
            self._known[key] = int(row[0] or 0) if row else 0
        return self._known[key]

    def documents(self, conn: sqlite3.Connection, term: _Term) -> int:
        """About how many articles hold ``term``: a phrase is no more frequent than its rarest word."""
        words = _index_words(term.text)
        return min(
            (self.get(conn, w, prefix=term.prefix and i == len(words) - 1) for i, w in enumerate(words)), default=0
        )


def _first_row(
    conn: sqlite3.Connection, groups: list[list[_Term]], window: int | None, counts: TermCounts
) -> tuple[int, int] | None:
    """The lowest rowid to rank from, and the store's highest; None to rank every match."""
    if window is None:
        return None
    expected = min(sum(counts.documents(conn, t) for t in group) for group in groups)
    if expected <= window:
        return None
    highest = int(conn.execute("SELECT coalesce(max(rowid), 0) FROM articles_fts").fetchone()[0])
    span = math.ceil(window * highest / expected)
    return (highest - span + 1, highest) if span < highest else None


def search(conn: sqlite3.Connection, query: SearchQuery, counts: TermCounts | None = None) -> list[SearchHit]:
    """Run ``query`` against the store: best BM25 first, at most ``query.limit`` hits.

    ``counts`` remembers word counts between searches on one connection (see :class:`TermCounts`).
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
        bounds = _first_row(conn, groups, query.rank_window, counts or TermCounts())
        while True:
            first = bounds[0] if bounds else 0
            rows = conn.execute(sql, [open_mark, close_mark, *params, first, query.limit, query.offset]).fetchall()
            if bounds is None or len(rows) >= query.limit:
                break
            lowest, highest = bounds
            span = 4 * (highest - lowest + 1)  # too few hits in the window: widen it
            bounds = (highest - span + 1, highest) if span < highest else None
    except sqlite3.OperationalError as exc:
        raise QueryError(f"search query {query.text!r} could not be run ({exc}); simplify the query") from exc
    # bm25() is lower-is-better; hand out a score where higher is better.
    return [SearchHit(r[0], r[1], r[2], r[3], r[4], -float(r[5]), r[6]) for r in rows]
