"""``warta batch PATH... --output DIR``: extraction and analysis on a Dask cluster, into Parquet shards."""

from __future__ import annotations

import logging
import os

import click

from warta.batch import DEFAULT_PARTITION_SIZE, BatchOptions, BatchSummary, run_batch
from warta.cli.storeopts import fail
from warta.errors import WartaError
from warta.ingest import FORMATS, ReadOptions, parse_columns


def render_summary(summary: BatchSummary, output: str) -> str:
    """The end-of-run lines: shards written and skipped, records, problems, failures."""
    lines = [
        f"wrote {summary.written} shard(s) of {summary.partitions} to {output} ({summary.existed} already complete): "
        f"{summary.articles} article(s) from {summary.records} record(s) in {summary.seconds:.1f} s "
        f"({summary.rate:.1f} records/s)"
    ]
    if summary.problems:
        lines.append("problems: " + ", ".join(f"{code} {n}" for code, n in sorted(summary.problems.items())))
    for label, error in summary.failed:
        lines.append(f"failed: {label}: {error}")
    if summary.failed:
        lines.append("run the same command again to retry the failed partitions")
    return "\n".join(lines)


@click.command("batch")
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", required=True, help="Directory (or s3://, gs:// URL) for the Parquet shards.")
@click.option("--scheduler", default=None, help="A running Dask scheduler, tcp://HOST:PORT (default: a local cluster).")
@click.option("--workers", type=click.IntRange(1, 256), default=2, show_default=True, help="Local cluster workers.")
@click.option(
    "--partition-size",
    type=click.IntRange(1),
    default=DEFAULT_PARTITION_SIZE,
    show_default=True,
    help="Records (or page files) per partition, one shard each.",
)
@click.option("--format", "input_format", type=click.Choice(FORMATS), default="auto", show_default=True)
@click.option("--csv-columns", default=None, help="Which CSV columns hold what: url=...,title=...,text=...,date=...")
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def batch_command(
    paths: tuple[str, ...],
    output: str,
    scheduler: str | None,
    workers: int,
    partition_size: int,
    input_format: str,
    csv_columns: str | None,
    quiet: bool,
) -> None:
    """Extract and analyse WARC, JSONL, CSV and page files on a Dask cluster into Parquet shards
    (part-00000.parquet ...) that warta load brings into a store. A shard already complete is
    skipped, so running the same batch again finishes an interrupted one. See docs/batch.md."""
    if logging.getLogger().getEffectiveLevel() > logging.INFO:
        # Dask logs every scheduler and worker step at INFO; warta -v shows them, else only warnings.
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    try:
        read = ReadOptions(input_format, parse_columns(csv_columns) if csv_columns else None)
        options = BatchOptions(scheduler=scheduler, workers=workers, partition_size=partition_size, read=read)
        summary = run_batch(list(paths), output, options)
    except WartaError as exc:
        fail(exc)
    if not quiet:
        click.echo(render_summary(summary, output), err=True)
    if summary.failed:
        raise SystemExit(1)
