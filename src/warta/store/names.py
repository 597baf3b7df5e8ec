"""Names to entities: what ``warta entity NAME``, ``--speaker`` and ``--entity`` accept.

A name is tried as a key, then as a canonical name, then as a name the articles write the
entity as, then as whole words of a canonical name; the first step that finds anything decides.
Several entities at that step make the name ambiguous: they are listed, most named first.
"""

from __future__ import annotations

import re
import sqlite3

from warta.errors import AmbiguousNameError, NotFoundError, QueryError
from warta.store.filters import like_pattern
from warta.store.results import EntityCount

__all__ = ["resolve_entity", "resolve_key"]

# Candidates shown when a name is ambiguous: enough to spot the right one, short enough to read.
_MAX_CANDIDATES = 10


def _counts(conn: sqlite3.Connection, keys: list[str]) -> list[EntityCount]:
    """Entities with their mention and article counts over the canonical articles, most named first."""
    if not keys:
        return []
    # Each mention's article is read from the small articles_filters index (migration 0003).
    rows = conn.execute(
        "SELECT e.key, e.label, e.canonical, count(a.id) AS n, count(DISTINCT a.id) "
        "FROM entities e LEFT JOIN mentions m ON m.entity_key = e.key "
        "LEFT JOIN articles a INDEXED BY articles_filters ON a.id = m.article_id AND a.duplicate_of IS NULL "
        f"WHERE e.key IN ({', '.join('?' * len(keys))}) GROUP BY e.key ORDER BY n DESC, e.key",
        keys,
    ).fetchall()
    return [EntityCount(*row) for row in rows]


def resolve_entity(conn: sqlite3.Connection, name: str) -> EntityCount:
    """The entity ``name`` stands for: its key (``per:vladimir-putin``), its canonical name or a
    name it is written as in the articles (any case), or whole words of its canonical name
    (``putin``). A name that fits several entities raises :class:`AmbiguousNameError` listing them."""
    return _one(conn, name, _candidates(conn, name))


def resolve_key(conn: sqlite3.Connection, name: str) -> EntityCount:
    """:func:`resolve_entity` for a caller that needs the entity, not its counts (left at 0):
    counting a much-named entity's mentions costs tens of milliseconds on a large store."""
    keys = _candidates(conn, name)
    if len(keys) > 1:
        return _one(conn, name, keys)  # ambiguous: raises, listing the candidates with their counts
    key, label, canonical = conn.execute("SELECT key, label, canonical FROM entities WHERE key = ?", keys).fetchone()
    return EntityCount(key, label, canonical, 0, 0)


def _candidates(conn: sqlite3.Connection, name: str) -> list[str]:
    """The keys of the first resolution step that finds anything (see :func:`resolve_entity`)."""
    wanted = " ".join(name.split())
    if not re.search(r"\w", wanted):
        raise QueryError(f"{name!r} is not an entity name; give a name (Joko Widodo) or a key (per:joko-widodo)")
    steps = (
        ("SELECT key FROM entities WHERE key = ?", [wanted.lower()]),
        ("SELECT key FROM entities WHERE canonical = ? COLLATE NOCASE", [wanted]),
        (
            "SELECT DISTINCT entity_key FROM mentions WHERE text = ? COLLATE NOCASE AND entity_key IS NOT NULL",
            [wanted],
        ),
    )
    for sql, params in steps:
        keys = [row[0] for row in conn.execute(sql, params)]
        if keys:
            return keys
    # Whole words of a canonical name: "putin" is Vladimir Putin, "put" is nobody.
    words = re.compile(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)", re.IGNORECASE)
    rows = conn.execute(
        "SELECT key, canonical FROM entities WHERE canonical LIKE ? ESCAPE '\\'", [like_pattern(wanted)]
    ).fetchall()
    keys = [key for key, canonical in rows if words.search(canonical)]
    if keys:
        return keys
    raise NotFoundError(f"no entity named {name!r} in the store; list entities with warta entities")


def _one(conn: sqlite3.Connection, name: str, keys: list[str]) -> EntityCount:
    found = _counts(conn, keys)
    if len(found) == 1:
        return found[0]
    lines = [f"  {e.key}  {e.canonical} ({e.label}, {e.mentions} mention(s))" for e in found[:_MAX_CANDIDATES]]
    if len(found) > _MAX_CANDIDATES:
        lines.append(f"  ... and {len(found) - _MAX_CANDIDATES} more")
    raise AmbiguousNameError(
        f"{name!r} fits {len(found)} entities; give one of their keys:\n" + "\n".join(lines),
        tuple(e.key for e in found),
    )
