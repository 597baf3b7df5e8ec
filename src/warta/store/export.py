"""Exports: stored articles written as JSON Lines, CSV, Parquet or schema.org JSON-LD, streamed.

Articles come in as an iterator (:meth:`Store.articles` reads them from the store in batches)
and go out a batch at a time, so memory stays bounded whatever the store's size:

- ``jsonl``: one object per article, the article and its analysis (:meth:`StoredArticle.to_dict`);
- ``csv``: one row per article, flat columns (:data:`COLUMNS`; lists joined with ``"; "``);
- ``parquet``: the same columns typed (lists as lists), plus the entities, quotes and events as
  lists of structs; one row group per batch (pyarrow);
- ``jsonld``: one schema.org ``NewsArticle`` per line (:func:`warta.store.jsonld`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import IO, Any

from warta.errors import StoreError
from warta.store.jsonld import SCHEMA_TYPES, jsonld
from warta.store.records import StoredArticle

__all__ = ["COLUMNS", "EXPORT_FORMATS", "flat_record", "write_export"]

EXPORT_FORMATS = ("jsonl", "csv", "parquet", "jsonld")
# Rows per Parquet row group: large enough for good compression, small enough for flat memory.
_ROW_GROUP = 1000

#: The flat columns of CSV and Parquet, and their kind (int, str or list of str).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "int"),
    ("url", "str"),
    ("canonical_url", "str"),
    ("site", "str"),
    ("publisher", "str"),
    ("title", "str"),
    ("description", "str"),
    ("authors", "list"),
    ("editors", "list"),
    ("published", "str"),
    ("published_utc", "str"),
    ("updated", "str"),
    ("language", "str"),
    ("section", "str"),
    ("tags", "list"),
    ("duplicate_of", "int"),
    ("story_id", "int"),
    ("persons", "list"),
    ("organizations", "list"),
    ("places", "list"),
    ("entity_keys", "list"),
    ("quote_count", "int"),
    ("event_count", "int"),
    ("problems", "list"),
    ("pipeline_version", "str"),
    ("text", "str"),
)


def flat_record(stored: StoredArticle) -> dict[str, Any]:
    """The article as the flat columns of :data:`COLUMNS` (lists as lists)."""
    a = stored.article

    def names(label: str) -> list[str]:
        return [e.canonical for e in stored.entities if e.label == label]

    return {
        "id": stored.id,
        "url": a.url,
        "canonical_url": stored.canonical_url,
        "site": a.site,
        "publisher": a.publisher,
        "title": a.title,
        "description": a.description,
        "authors": list(a.authors),
        "editors": list(a.editors),
        "published": a.published,
        "published_utc": stored.published_utc,
        "updated": a.updated,
        "language": a.language,
        "section": a.section,
        "tags": list(a.tags),
        "duplicate_of": stored.duplicate_of,
        "story_id": stored.story_id,
        "persons": names("PER"),
        "organizations": names("ORG"),
        "places": names("LOC"),
        "entity_keys": [e.key for e in stored.entities if e.label in SCHEMA_TYPES],
        "quote_count": len(stored.quotes),
        "event_count": len(stored.events),
        "problems": [p.code for p in stored.problems],
        "pipeline_version": stored.pipeline_version,
        "text": a.text,
    }


def _lines(articles: Iterable[StoredArticle], out: IO[bytes], record: Callable[[StoredArticle], Any]) -> int:
    count = 0
    for stored in articles:
        out.write(json.dumps(record(stored), ensure_ascii=False).encode("utf-8") + b"\n")
        count += 1
    return count


def _csv(articles: Iterable[StoredArticle], out: IO[bytes]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow([name for name, _ in COLUMNS])
    count = 0
    for stored in articles:
        row = flat_record(stored)
        writer.writerow(["; ".join(row[n]) if kind == "list" else row[n] for n, kind in COLUMNS])
        count += 1
    text.flush()
    text.detach()  # the caller owns ``out``
    return count


def _parquet_schema() -> Any:
    import pyarrow as pa

    kinds = {"int": pa.int64(), "str": pa.string(), "list": pa.list_(pa.string())}
    entity = pa.struct([(f, pa.string()) for f in ("key", "label", "canonical")] + [("mentions", pa.int64())])
    quote = pa.struct(
        [(f, pa.string()) for f in ("text", "kind", "speaker", "speaker_name", "role", "affiliation")]
        + [("confidence", pa.float64())]
    )
    event = pa.struct(
        [(f, pa.string()) for f in ("type", "trigger", "actor", "actor_name", "target", "target_name", "date", "place")]
        + [("confidence", pa.float64())]
    )
    fields = [(name, kinds[kind]) for name, kind in COLUMNS]
    fields += [("entities", pa.list_(entity)), ("quotes", pa.list_(quote)), ("events", pa.list_(event))]
    return pa.schema(fields)


def _parquet_row(stored: StoredArticle, schema: Any) -> dict[str, Any]:
    row = flat_record(stored)
    for name, items in (("entities", stored.entities), ("quotes", stored.quotes), ("events", stored.events)):
        wanted = [f.name for f in schema.field(name).type.value_type]
        row[name] = [{f: getattr(item, f) for f in wanted} for item in items]
    return row


def _parquet(articles: Iterable[StoredArticle], out: IO[bytes]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
        raise StoreError(f"Parquet export needs pyarrow ({exc}); pip install pyarrow") from exc
    schema = _parquet_schema()
    count = 0
    iterator: Iterator[StoredArticle] = iter(articles)
    with pq.ParquetWriter(pa.PythonFile(out, mode="w"), schema, compression="zstd") as writer:
        while batch := list(islice(iterator, _ROW_GROUP)):
            writer.write_table(pa.Table.from_pylist([_parquet_row(s, schema) for s in batch], schema=schema))
            count += len(batch)
    return count


def write_export(articles: Iterable[StoredArticle], fmt: str, out: IO[bytes]) -> int:
    """Write ``articles`` to ``out`` in ``fmt`` (one of :data:`EXPORT_FORMATS`); return how many."""
    if fmt == "jsonl":
        return _lines(articles, out, StoredArticle.to_dict)
    if fmt == "jsonld":
        return _lines(articles, out, jsonld)
    if fmt == "csv":
        return _csv(articles, out)
    if fmt == "parquet":
        return _parquet(articles, out)
    raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
