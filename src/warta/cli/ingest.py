"""``warta ingest PATH...``: pages, WARC, JSONL and CSV files into a store, once each."""

from __future__ import annotations

import sys

import click

from warta.cli.storeopts import db_option, fail
from warta.errors import WartaError
from warta.ingest import FORMATS, IngestOptions, IngestSummary, ReadOptions, ingest, parse_columns
from warta.store import open_store


def render_summary(summary: IngestSummary) -> str:
    """The end-of-run lines: what was ingested, skipped and went wrong."""
    lines = [
        f"ingested {summary.ingested} article(s), {summary.duplicates} duplicate(s), "
        f"{summary.skipped} already stored, from {summary.records} record(s) in {summary.seconds:.1f} s "
        f"({summary.rate:.1f} articles/s)"
    ]
    if summary.problems:
        lines.append("problems: " + ", ".join(f"{code} {n}" for code, n in sorted(summary.problems.items())))
    return "\n".join(lines)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--format", "input_format", type=click.Choice(FORMATS), default="auto", show_default=True)
@click.option("--csv-columns", default=None, help="Which CSV columns hold what: url=...,title=...,text=...,date=...")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def ingest_command(
    paths: tuple[str, ...], db: str, workers: int, input_format: str, csv_columns: str | None, quiet: bool
) -> None:
    """Ingest pages into a store: files, directories, .gz, WARC/ARC, JSONL, CSV or - for stdin.

    A page already stored (same content) is skipped, so running the same ingest again, or
    again after it was interrupted, adds only what is missing.
    """
    try:
        read = ReadOptions(input_format, parse_columns(csv_columns) if csv_columns else None)
        options = IngestOptions(workers=workers, read=read, progress=not quiet and sys.stderr.isatty())
        with open_store(db) as store:
            summary = ingest(store, list(paths), options)
    except WartaError as exc:
        fail(exc)
    if not quiet:
        click.echo(render_summary(summary), err=True)
