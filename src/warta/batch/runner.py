"""``warta batch``: extraction and analysis of many inputs on a Dask cluster, into Parquet shards.

The client (this process) lists the inputs, has the cluster scan the WARC/JSONL/CSV files for
where to cut them (:mod:`warta.batch.plan`), keeps the plan in the output directory and submits
one task per partition whose shard is not there yet (:func:`warta.batch.partition.run_partition`).
The workers read the inputs and write the shards themselves: only plans and small summaries
travel through the scheduler, never pages.

Dask (``dask.distributed``) is imported here, inside :func:`run_batch`, so the rest of warta
never pays for it. Without ``scheduler`` a :class:`LocalCluster` of ``workers`` single-threaded
worker processes runs on this machine.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from warta.batch.partition import ShardResult, run_partition
from warta.batch.plan import PLAN_FILE, Partition, detect_all, dump_plan, group_pages, load_plan, plan_key, scan
from warta.batch.storage import is_url, list_inputs, output_fs
from warta.errors import BatchError
from warta.ingest.readers import ReadOptions

__all__ = ["DEFAULT_PARTITION_SIZE", "BatchOptions", "BatchSummary", "run_batch"]

logger = logging.getLogger(__name__)

#: Records a partition: about a minute of one core at 30-60 ms a page, long enough that the
#: scheduler's few milliseconds a task do not matter, short enough that a lost worker costs little.
DEFAULT_PARTITION_SIZE = 1000
#: How often a task that raised is tried again (a worker that dies is Dask's to handle: it
#: reschedules the task elsewhere, up to ``distributed.scheduler.allowed-failures`` times).
RETRIES = 2
# Inputs whose format one task detects: a head read each, so a task of many.
_DETECT_CHUNK = 500


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """``scheduler``: the address of a running Dask scheduler (None: a local cluster of ``workers``
    processes, or threads when ``processes`` is False); ``partition_size``: records (or page
    files) a partition; ``read``: how to read the inputs."""

    scheduler: str | None = None
    workers: int = 2
    partition_size: int = DEFAULT_PARTITION_SIZE
    read: ReadOptions = field(default_factory=ReadOptions)
    processes: bool = True

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise BatchError(f"--workers must be at least 1, not {self.workers}")
        if self.partition_size < 1:
            raise BatchError(f"--partition-size must be at least 1, not {self.partition_size}")


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a batch did: ``partitions`` in the plan, of which ``written`` now and ``existed``
    before; ``failed`` partitions (label and error: run the batch again to retry them);
    ``records``, ``articles`` and ``problems`` count what the written shards hold."""

    partitions: int
    written: int
    existed: int
    failed: list[tuple[str, str]]
    records: int
    articles: int
    problems: dict[str, int]
    seconds: float

    @property
    def rate(self) -> float:
        """Records processed per second (wall clock, the whole run)."""
        return self.records / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "partitions": self.partitions,
            "written": self.written,
            "existed": self.existed,
            "failed": [list(f) for f in self.failed],
            "records": self.records,
            "articles": self.articles,
            "problems": dict(sorted(self.problems.items())),
            "seconds": round(self.seconds, 3),
            "records_per_second": round(self.rate, 2),
        }


@contextmanager
def _client(options: BatchOptions) -> Iterator[Any]:
    try:
        import dask.distributed
    except ImportError as exc:  # pragma: no cover - dask is a dependency
        raise BatchError(f"warta batch needs dask.distributed ({exc}); pip install 'dask[distributed]'") from exc
    # dask.distributed's constructors carry no annotations: reached through Any for mypy --strict.
    distributed: Any = dask.distributed
    if options.scheduler:
        try:
            client = distributed.Client(options.scheduler, timeout="30s")
        except OSError as exc:
            raise BatchError(
                f"cannot reach the Dask scheduler at {options.scheduler} ({exc}); start it with dask-scheduler "
                "or leave --scheduler out for a local cluster"
            ) from exc
        with client:
            yield client
        return
    cluster = distributed.LocalCluster(
        n_workers=options.workers,
        threads_per_worker=1,
        processes=options.processes,
        dashboard_address=None,
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


def _plan(client: Any, inputs: list[str], options: BatchOptions) -> list[Partition]:
    """The partitions of the inputs, in input order (see :mod:`warta.batch.plan`)."""
    size, read = options.partition_size, options.read
    chunks = [inputs[i : i + _DETECT_CHUNK] for i in range(0, len(inputs), _DETECT_CHUNK)]
    formats = [f for chunk in client.gather(client.map(detect_all, chunks, options=read, pure=False)) for f in chunk]
    scanned = [(p, f) for p, f in zip(inputs, formats, strict=True) if f in ("warc", "jsonl", "csv")]
    cuts = client.gather(client.map(scan, *zip(*scanned, strict=True), size=size, options=read)) if scanned else []
    cuts_of = dict(zip((p for p, _ in scanned), cuts, strict=True))
    partitions: list[Partition] = []
    pages: list[str] = []

    def flush() -> None:
        for group in group_pages(pages, size):
            fmt = "page" if read.input_format == "auto" else read.input_format
            partitions.append(Partition(len(partitions), fmt, paths=group))
        pages.clear()

    for path, fmt in zip(inputs, formats, strict=True):
        if path not in cuts_of:
            pages.append(path)
            continue
        flush()
        first = len(partitions)
        partitions.extend([Partition(first + i, fmt, path=path, **c) for i, c in enumerate(cuts_of[path])])
    flush()
    return partitions


def _sizes(inputs: list[str]) -> list[int | None]:
    sizes: list[int | None] = []
    for path in inputs:
        try:
            fs, key = output_fs(path if is_url(path) else f"file://{path}")
            sizes.append(int(fs.size(key)))
        except OSError:
            sizes.append(None)
    return sizes


def _load_or_plan(client: Any, output: str, inputs: list[str], options: BatchOptions) -> list[Partition]:
    """The plan kept in ``output`` when it was made from the same inputs, else a new one."""
    fs, root = output_fs(output)
    fs.makedirs(root, exist_ok=True)
    where = f"{root.rstrip('/')}/{PLAN_FILE}"
    key = plan_key(inputs, _sizes(inputs), options.partition_size, options.read)
    for name in fs.ls(root, detail=False):
        if name.rsplit("/", 1)[-1].startswith(".part-") and name.endswith(".tmp"):
            fs.rm(name)  # a shard a killed worker left half-written: its task runs again
    if fs.exists(where):
        with fs.open(where, "rb") as stream:
            stored = load_plan(stream.read(), key)
        if stored is not None:
            return stored
        if any(p.rsplit("/", 1)[-1].startswith("part-") for p in fs.ls(root, detail=False)):
            raise BatchError(
                f"{output} holds the shards of another batch (other inputs or --partition-size); "
                "give a new --output, or empty this one"
            )
    partitions = _plan(client, inputs, options)
    with fs.open(where, "wb") as stream:
        stream.write(dump_plan(key, partitions))
    return partitions


def run_batch(paths: Sequence[str], output: str, options: BatchOptions | None = None) -> BatchSummary:
    """Extract and analyse every page of ``paths`` on a Dask cluster into Parquet shards in
    ``output`` (a directory or an fsspec URL); see the module docstring. Partitions that fail
    are listed in the summary: running the same batch again does only them."""
    opts = options or BatchOptions()
    started = time.perf_counter()
    inputs = list_inputs(paths)
    failed: list[tuple[str, str]] = []
    results: list[ShardResult] = []
    with _client(opts) as client:
        import dask.distributed

        completed: Any = dask.distributed.as_completed
        partitions = _load_or_plan(client, output, inputs, opts)
        labels = {p.number: p.label for p in partitions}
        futures = client.map(
            run_partition,
            partitions,
            output=output,
            options=opts.read,
            key=[f"warta-{p.name}-{id(partitions)}" for p in partitions],
            retries=RETRIES,
            pure=False,
        )
        numbers = {f.key: p.number for f, p in zip(futures, partitions, strict=True)}
        for future in completed(futures):
            try:
                results.append(future.result())
            except Exception as exc:  # a task that failed every try, or whose workers kept dying
                number = numbers[future.key]
                logger.error("partition %s (%s) failed: %s", number, labels[number], exc)
                failed.append((labels[number], f"{type(exc).__name__}: {exc}"))
    problems: Counter[str] = Counter()
    for result in results:
        problems.update(result.problems)
    written = [r for r in results if not r.existed]
    return BatchSummary(
        partitions=len(partitions),
        written=len(written),
        existed=len(results) - len(written),
        failed=failed,
        records=sum(r.records for r in written),
        articles=sum(r.articles for r in written),
        problems=dict(problems),
        seconds=time.perf_counter() - started,
    )
