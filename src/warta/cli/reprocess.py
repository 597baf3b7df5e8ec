"""``warta reprocess``: run this warta's pipeline again over the pages a store keeps."""

from __future__ import annotations

import click

from warta.cli.storeopts import db_option, fail, window_options
from warta.errors import WartaError
from warta.ingest import ReprocessOptions, reprocess
from warta.store import ArticleFilter, open_store


@click.command("reprocess")
@db_option
@window_options
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--outdated", is_flag=True, help="Only articles an older (or other) warta version made.")
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def reprocess_command(
    db: str, since: str | None, until: str | None, site: str | None, workers: int, outdated: bool, quiet: bool
) -> None:
    """Extract and analyse the stored raw pages again, replacing each article's entities,
    quotes, events and problems (one transaction per article). Running it twice changes nothing
    more; a killed run is finished by running it again (--outdated skips what is done)."""
    where = ArticleFilter(since, until, site, include_duplicates=True)
    try:
        with open_store(db) as store:
            summary = reprocess(store, ReprocessOptions(where=where, outdated_only=outdated, workers=workers))
    except WartaError as exc:
        fail(exc)
    if not quiet:
        failed = ", ".join(f"{code} {n}" for code, n in sorted(summary.failed.items()))
        dropped = summary.entities_dropped
        click.echo(
            f"reprocessed {summary.articles} article(s) in {summary.seconds:.1f} s"
            + (f"; left as they were: {failed}" if failed else "")
            + (f"; {dropped} entities no longer named were dropped" if dropped else ""),
            err=True,
        )
