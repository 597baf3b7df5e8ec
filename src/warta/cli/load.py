"""``warta load DIR``: the Parquet shards of ``warta batch`` into a store."""

from __future__ import annotations

import sys

import click

from warta.batch import load_shards
from warta.cli.ingest import render_summary
from warta.cli.storeopts import db_option, fail
from warta.errors import WartaError
from warta.store import open_store


@click.command("load")
@click.argument("directory")
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def load_command(directory: str, db: str, quiet: bool) -> None:
    """Load the shards a warta batch wrote (a directory or s3://, gs:// URL) into a store, as
    warta ingest would have stored the same inputs. Pages already stored are skipped."""
    try:
        with open_store(db) as store:
            summary = load_shards(store, directory, progress=not quiet and sys.stderr.isatty())
    except WartaError as exc:
        fail(exc)
    if not quiet:
        click.echo(render_summary(summary), err=True)
