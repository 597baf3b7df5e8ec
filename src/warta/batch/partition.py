"""One partition, on a worker: read its records, extract and analyse each page, write its shard.

:func:`run_partition` is the task Dask runs. It is a pure function of the partition and the
inputs: the rows come out in record order and hold no time or host, so a shard written twice
has the same rows. A shard that already exists is complete (shards are renamed into place
only when whole), and the task returns at once.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from warta.batch.plan import Partition
from warta.batch.shards import shard_exists, to_row, write_shard
from warta.batch.storage import open_input
from warta.extract.sources import GZIP_MAGIC
from warta.ingest.readers import ReadOptions, read_stream, unreadable
from warta.ingest.records import InputPage, ReadProblem
from warta.ingest.tables import read_jsonl
from warta.ingest.warc import read_warc
from warta.ingest.worker import process

__all__ = ["ShardResult", "read_partition", "run_partition"]


@dataclass(frozen=True, slots=True)
class ShardResult:
    """What one task did: ``records`` read, ``articles`` extracted, ``problems`` by code (bad
    records and article problems); ``existed``: the shard was complete already, nothing was done."""

    number: int
    name: str
    records: int = 0
    articles: int = 0
    problems: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    existed: bool = False


def read_partition(partition: Partition, options: ReadOptions) -> Iterator[InputPage | ReadProblem]:
    """The records of one partition, in order, as ``warta ingest`` reads them (same ``source`` names)."""
    if partition.paths:
        for path in partition.paths:
            yield from _read(path, lambda stream, path=path: read_stream(stream, path, partition.fmt, options))
        return
    yield from _read(partition.path, lambda stream: _records(stream, partition, options))


def _read(path: str, read: Any) -> Iterator[InputPage | ReadProblem]:
    try:
        with open_input(path) as stream:
            yield from read(stream)
    except OSError as exc:
        yield unreadable(path, exc)


def _records(stream: Any, partition: Partition, options: ReadOptions) -> Iterator[InputPage | ReadProblem]:
    if partition.fmt == "warc":
        items: Iterator[InputPage | ReadProblem] = read_warc(
            stream, partition.path, options.load, start=partition.start, stop=partition.stop
        )
    elif partition.fmt == "jsonl" and stream.read(2) != GZIP_MAGIC:
        stream.seek(partition.start)
        items = read_jsonl(stream, partition.path, options.load, first_line=partition.first_line)
    else:
        stream.seek(0)
        items = read_stream(stream, partition.path, partition.fmt, options)
    stop = None if partition.take is None else partition.skip + partition.take
    return islice(items, partition.skip, stop)


def run_partition(partition: Partition, output: str, options: ReadOptions) -> ShardResult:
    """Write the shard of ``partition`` into ``output`` (a directory path or fsspec URL) unless it exists."""
    if shard_exists(output, partition.name):
        return ShardResult(partition.number, partition.name, existed=True)
    started = time.perf_counter()
    problems: Counter[str] = Counter()
    articles = 0

    def rows() -> Iterator[dict[str, Any]]:
        nonlocal articles
        for position, item in enumerate(read_partition(partition, options)):
            outcome = process(item, options.load) if isinstance(item, InputPage) else item
            if isinstance(outcome, ReadProblem):
                problems[outcome.code] += 1
            else:
                articles += 1
                problems.update(p.code for p in outcome.analysis.article.problems)
            yield to_row(position, outcome)

    records = write_shard(output, partition.name, rows())
    seconds = time.perf_counter() - started
    return ShardResult(partition.number, partition.name, records, articles, dict(problems), seconds)
