"""Parquet shards: one per partition, one row per input record, in the partition's order.

A row holds either a processed page or the problem of a bad record:

============== ==================================================================================
``position``   the record's place in its partition (rows are written in this order)
``source``     the input and the record, as ``warta ingest`` names it (``crawl.warc.gz@5120``)
``sha256``     SHA-256 of the page's bytes (the store's idempotence key); null for a problem
``url`` ``site`` ``title`` ``published_utc`` ``canonical_url``  flat columns to filter on without JSON
``page_url`` ``fetched_at`` ``kind`` ``hints``  what the store keeps of the page beside its bytes: the
               URL and time the input gave (a WARC's), how it was read, the input's hints as JSON
``size``       the page's size in bytes
``body``       the page's bytes, zlib-compressed (as the store's ``raw_pages.body``)
``article``    the :class:`warta.model.Article` as JSON (``Article.to_dict``)
``analysis``   the rest of the :class:`warta.model.Analysis` as JSON: sentences, mentions,
               entities, dates, quotes, events
``more``       the following pages of a multi-page article (a crawl's archive groups them), each
               ``{url, body}`` with the body zlib-compressed, in page order; empty for one page
               (shards written before this column was added read as one page)
``problem``    the problem code of a bad record (``corrupt_warc``, ``not_a_page`` ...), else null
``detail``     what the problem was
============== ==================================================================================

A shard is written under a temporary name (starting with ``.``, which Parquet readers pass
over) and renamed when complete, so a shard that exists is whole; a rerun skips it.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from warta.batch.storage import output_fs
from warta.errors import BatchError
from warta.ingest.records import ReadProblem
from warta.ingest.worker import Processed
from warta.model import Analysis
from warta.store.records import PageRecord
from warta.store.writes import published_utc

__all__ = ["COLUMNS", "list_shards", "read_shard", "shard_rows", "to_outcome", "to_row", "write_shard"]

#: Rows per row group: a worker holds one group in memory (about 100 pages' bytes and analyses).
ROW_GROUP = 100
# zlib level 6, as the store uses: the body is stored as the store keeps it.
_ZLIB_LEVEL = 6

#: The columns and their Arrow types (by name: pyarrow is imported only when a shard is touched).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("position", "int64"),
    ("source", "string"),
    ("sha256", "string"),
    ("url", "string"),
    ("site", "string"),
    ("title", "string"),
    ("published_utc", "string"),
    ("canonical_url", "string"),
    ("page_url", "string"),
    ("fetched_at", "string"),
    ("kind", "string"),
    ("hints", "string"),
    ("size", "int64"),
    ("body", "binary"),
    ("article", "string"),
    ("analysis", "string"),
    ("more", "pages"),
    ("problem", "string"),
    ("detail", "string"),
)


#: Columns newer shards have and older ones may lack (read as empty).
_ADDED_LATER = frozenset({"more"})


def _schema() -> Any:
    import pyarrow as pa

    pages = pa.list_(pa.struct([("url", pa.string()), ("body", pa.binary())]))
    return pa.schema([(name, pages if kind == "pages" else getattr(pa, kind)()) for name, kind in COLUMNS])


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def to_row(position: int, outcome: Processed | ReadProblem) -> dict[str, Any]:
    """One shard row for a processed page or a bad record."""
    row: dict[str, Any] = dict.fromkeys(name for name, _ in COLUMNS)
    row["position"] = position
    row["source"] = outcome.source if isinstance(outcome, ReadProblem) else outcome.page.source
    if isinstance(outcome, ReadProblem):
        return row | {"problem": outcome.code, "detail": outcome.detail}
    page, article = outcome.page, outcome.analysis.article
    analysis = outcome.analysis.to_dict()
    del analysis["article"]
    return row | {
        "sha256": page.sha256,
        "url": article.url,
        "site": article.site,
        "title": article.title,
        "published_utc": published_utc(article.published),
        "canonical_url": outcome.canonical_url,
        "page_url": page.url,
        "fetched_at": page.fetched_at,
        "kind": page.kind,
        "hints": _dumps(page.hints) if page.hints else None,
        "size": len(page.body),
        "body": zlib.compress(page.body, _ZLIB_LEVEL),
        "article": _dumps(article.to_dict()),
        "analysis": _dumps(analysis),
        "more": [{"url": url, "body": zlib.compress(body, _ZLIB_LEVEL)} for url, body in page.more],
    }


def to_outcome(row: dict[str, Any]) -> Processed | ReadProblem:
    """What a shard row holds, as ``warta ingest``'s workers hand it to the writer."""
    if row["problem"] is not None:
        return ReadProblem(row["source"], row["problem"], row["detail"] or "")
    analysis = Analysis.from_dict({**json.loads(row["analysis"]), "article": json.loads(row["article"])})
    page = PageRecord(
        body=zlib.decompress(row["body"]),
        kind=row["kind"],
        source=row["source"],
        url=row["page_url"],
        fetched_at=row["fetched_at"],
        hints=json.loads(row["hints"]) if row["hints"] else None,
        sha256=row["sha256"],
        more=tuple((part["url"], zlib.decompress(part["body"])) for part in row.get("more") or ()),
    )
    return Processed(page, analysis, row["canonical_url"])


def write_shard(directory: str, name: str, rows: Iterable[dict[str, Any]]) -> int:
    """Write ``rows`` as the shard ``name`` in ``directory`` (a path or fsspec URL), atomically:
    under a temporary name first, renamed once complete. Returns the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    fs, root = output_fs(directory)
    fs.makedirs(root, exist_ok=True)
    final = f"{root.rstrip('/')}/{name}"
    temporary = f"{root.rstrip('/')}/.{name}.{_token()}.tmp"
    schema = _schema()
    count = 0
    iterator = iter(rows)
    try:
        with fs.open(temporary, "wb") as out, pq.ParquetWriter(out, schema, compression="zstd") as writer:
            while batch := list(islice(iterator, ROW_GROUP)):
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
        fs.mv(temporary, final)
    except BaseException:
        if fs.exists(temporary):
            fs.rm(temporary)
        raise
    return count


def _token() -> str:
    import os
    import uuid

    return f"{os.getpid()}-{uuid.uuid4().hex[:8]}"


def shard_exists(directory: str, name: str) -> bool:
    fs, root = output_fs(directory)
    return bool(fs.exists(f"{root.rstrip('/')}/{name}"))


def list_shards(directory: str) -> list[str]:
    """The complete shards in ``directory``, in partition order (full paths on its filesystem)."""
    fs, root = output_fs(directory)
    if not fs.isdir(root):
        raise BatchError(f"{directory}: no such directory; give the --output of a warta batch")
    names = [p for p in fs.ls(root, detail=False) if p.rsplit("/", 1)[-1].startswith("part-")]
    return sorted(n for n in names if n.endswith(".parquet"))


def shard_rows(directory: str, shards: list[str]) -> int:
    """How many rows the shards hold (read from their footers)."""
    import pyarrow.parquet as pq

    fs, _ = output_fs(directory)
    total = 0
    for shard in shards:
        with fs.open(shard, "rb") as stream:
            total += pq.ParquetFile(stream).metadata.num_rows
    return total


def read_shard(directory: str, shard: str) -> Iterator[dict[str, Any]]:
    """The rows of one shard, in order, a row group at a time (memory stays flat)."""
    import pyarrow.parquet as pq

    fs, _ = output_fs(directory)
    with fs.open(shard, "rb") as stream:
        try:
            parquet = pq.ParquetFile(stream)
        except Exception as exc:  # pyarrow raises ArrowInvalid and friends for a file that is not Parquet
            raise BatchError(f"{shard}: not a Parquet shard ({exc}); delete it and run warta batch again") from exc
        missing = {name for name, _ in COLUMNS if name not in _ADDED_LATER} - set(parquet.schema_arrow.names)
        if missing:
            raise BatchError(f"{shard}: not a warta shard (no column {', '.join(sorted(missing))})")
        for batch in parquet.iter_batches(batch_size=ROW_GROUP):
            yield from batch.to_pylist()
