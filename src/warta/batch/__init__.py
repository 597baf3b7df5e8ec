"""Beyond one machine: extraction and analysis on a Dask cluster, into Parquet shards, then a store.

:func:`run_batch` (``warta batch``) plans the inputs into partitions (:mod:`~warta.batch.plan`),
runs one task per partition on a Dask cluster (:mod:`~warta.batch.partition`) and each task
writes one Parquet shard (:mod:`~warta.batch.shards`); :func:`load_shards` (``warta load``)
brings the shards into a store through ingest's own writer. docs/batch.md says how it maps onto
a real cluster and object storage.

Importing this package imports neither Dask nor pyarrow: they are imported when a batch runs or
a shard is read, so the rest of warta never pays for them.

>>> from warta.batch import BatchOptions, run_batch, load_shards
>>> summary = run_batch(["crawl/"], "shards/", BatchOptions(workers=2))  # doctest: +SKIP
"""

from __future__ import annotations

from warta.batch.load import load_shards
from warta.batch.runner import DEFAULT_PARTITION_SIZE, BatchOptions, BatchSummary, run_batch

__all__ = ["DEFAULT_PARTITION_SIZE", "BatchOptions", "BatchSummary", "load_shards", "run_batch"]
