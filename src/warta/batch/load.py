"""``warta load``: the shards of a batch into a store, through the same writer as ``warta ingest``.

Rows are read shard by shard in partition order (the order ``warta ingest`` reads the same
inputs in) and handed to :func:`warta.ingest.runner.write_outcomes`, the writer of ingest: one
transaction per article, canonical-URL duplicates, near-duplicates and stories assigned as an
ingest assigns them, bad records stored as problems. A page whose content hash is stored
already is skipped without decoding its JSON, so loading the same shards twice adds nothing,
and a load killed part-way is finished by running it again.
"""

from __future__ import annotations

from collections.abc import Iterator

from warta.batch.shards import list_shards, read_shard, shard_rows, to_outcome
from warta.errors import BatchError
from warta.ingest.runner import IngestSummary, Outcome, Progress, write_outcomes
from warta.store import Store

__all__ = ["load_shards"]


def load_shards(store: Store, directory: str, *, progress: bool = False) -> IngestSummary:
    """Write every shard in ``directory`` (a path or fsspec URL) into ``store``; see the module docstring."""
    shards = list_shards(directory)
    if not shards:
        raise BatchError(f"{directory}: no part-*.parquet shards; run warta batch with --output {directory} first")
    total = shard_rows(directory, shards) if progress else None
    return write_outcomes(store, [directory], _outcomes(store, directory, shards), Progress(progress, total))


def _outcomes(store: Store, directory: str, shards: list[str]) -> Iterator[Outcome]:
    for shard in shards:
        for row in read_shard(directory, shard):
            if row["sha256"] is not None and store.has_content(row["sha256"]):
                yield None  # stored already: skipped, as ingest skips it
            else:
                yield to_outcome(row)
