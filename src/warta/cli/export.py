"""``warta export``: the store's articles as JSON Lines, CSV, Parquet or schema.org JSON-LD."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from warta.cli.storeopts import db_option, fail, window_options
from warta.errors import WartaError
from warta.store import EXPORT_FORMATS, ArticleFilter, open_store, write_export


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True)
@click.option("--output", "-o", default="-", show_default=True, help="The file to write, or - for standard output.")
@window_options
@click.option("--entity", help="Only articles naming this entity: a key or a name.")
@click.option("--story", type=int, help="Only the articles of this story.")
@click.option("--include-duplicates", is_flag=True, help="Duplicates too (duplicate_of says of which article).")
def export_command(
    db: str,
    fmt: str,
    output: str,
    since: str | None,
    until: str | None,
    site: str | None,
    entity: str | None,
    story: int | None,
    include_duplicates: bool,
) -> None:
    """Export one record per canonical article: jsonl (the article and its analysis), csv (flat
    columns), parquet (typed columns, entities, quotes and events as lists) or jsonld (one
    schema.org NewsArticle per line). Articles are read and written in batches."""
    if output == "-" and fmt == "parquet" and sys.stdout.isatty():
        fail(WartaError("Parquet is binary; give --output FILE.parquet (or pipe standard output)"))
    where = ArticleFilter(since, until, site, entity, story, include_duplicates)
    target = Path(output)
    try:
        with open_store(db) as store:
            chosen = store.resolved(where)
            articles = store.articles(chosen)
            if output == "-":
                count = write_export(articles, fmt, sys.stdout.buffer)
                sys.stdout.buffer.flush()
            else:
                try:
                    with target.open("wb") as out:
                        count = write_export(articles, fmt, out)
                except OSError as exc:
                    raise WartaError(f"{output}: cannot write the export ({exc.strerror}); check the path") from exc
    except WartaError as exc:
        fail(exc)
    if output != "-":
        click.echo(f"exported {count} article(s) to {output} ({fmt})", err=True)
