"""What the analysis found in an article, as rows: entities, mentions, quotes, events.

Written by ingest (:meth:`Store.add_article`) and replaced by reprocess
(:meth:`Store.replace_analysis`); read back per article, or for a batch of articles at once so
an export reads a thousand articles in a handful of queries.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from warta.model import Analysis, Entity, Event, Quote

__all__ = ["EVENT_FIELDS", "QUOTE_FIELDS", "columns", "delete_findings", "load_findings", "write_findings"]

# Model field -> column, where SQL needs another name ("index" and "end" are SQL keywords).
_RENAMED = {"start": "start_char", "end": "end_char", "index": "field_index"}
QUOTE_FIELDS = tuple(f for f in Quote.__dataclass_fields__)
EVENT_FIELDS = tuple(f for f in Event.__dataclass_fields__)

Findings = tuple[tuple[Entity, ...], tuple[Quote, ...], tuple[Event, ...]]


def columns(fields: tuple[str, ...], alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + _RENAMED.get(f, f) for f in fields)


def write_findings(conn: sqlite3.Connection, article_id: int, analysis: Analysis, *, rename: bool = False) -> None:
    """Insert an article's entities (new keys only, or every key's name and label when
    ``rename``: a newer pipeline's names win), mentions, quotes and events."""
    entities = {e.key: (e.key, e.label, e.canonical) for e in analysis.entities}
    for m in analysis.mentions:
        if m.key and m.key not in entities:
            entities[m.key] = (m.key, m.label, m.canonical or m.text)
    verb = (
        "INSERT INTO entities (key, label, canonical) VALUES (?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET label = excluded.label, canonical = excluded.canonical"
        if rename
        else "INSERT OR IGNORE INTO entities (key, label, canonical) VALUES (?, ?, ?)"
    )
    conn.executemany(verb, entities.values())
    conn.executemany(
        "INSERT INTO mentions (article_id, entity_key, field, field_index, start_char, end_char, text, label) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, m.key, m.field, m.index, m.start, m.end, m.text, m.label) for m in analysis.mentions],
    )
    for table, fields, items in (
        ("quotes", QUOTE_FIELDS, analysis.quotes),
        ("events", EVENT_FIELDS, analysis.events),
    ):
        marks = ", ".join("?" * (len(fields) + 1))
        conn.executemany(
            f"INSERT INTO {table} (article_id, {columns(fields)}) VALUES ({marks})",
            [(article_id, *(getattr(item, f) for f in fields)) for item in items],
        )


def delete_findings(conn: sqlite3.Connection, article_id: int) -> None:
    """Remove an article's mentions, quotes, events and article problems (not its entities:
    other articles may name them; :meth:`Store.prune_entities` drops the ones left unnamed)."""
    for table in ("mentions", "quotes", "events", "problems"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))


def _marks(ids: Sequence[int]) -> str:
    return ", ".join("?" * len(ids))


def load_findings(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, Findings]:
    """Entities (most mentioned first), quotes and events of each article in ``ids``."""
    entities: defaultdict[int, list[Entity]] = defaultdict(list)
    quotes: defaultdict[int, list[Quote]] = defaultdict(list)
    events: defaultdict[int, list[Event]] = defaultdict(list)
    if ids:
        rows = conn.execute(
            "SELECT m.article_id, e.key, e.label, e.canonical, json_group_array(DISTINCT m.text), count(*) AS n "
            f"FROM mentions m JOIN entities e ON e.key = m.entity_key WHERE m.article_id IN ({_marks(ids)}) "
            "GROUP BY m.article_id, e.key ORDER BY m.article_id, n DESC, e.key",
            list(ids),
        )
        for article_id, key, label, canonical, aliases, n in rows:
            names = tuple(a for a in json.loads(aliases) if a != canonical)
            entities[article_id].append(Entity(key, label, canonical, names, n))
        for table, fields, target in (("quotes", QUOTE_FIELDS, quotes), ("events", EVENT_FIELDS, events)):
            sql = f"SELECT article_id, {columns(fields)} FROM {table} WHERE article_id IN ({_marks(ids)}) ORDER BY id"
            kind: Any = Quote if table == "quotes" else Event
            for row in conn.execute(sql, list(ids)):
                target[row[0]].append(kind(*row[1:]))
    return {i: (tuple(entities[i]), tuple(quotes[i]), tuple(events[i])) for i in ids}
