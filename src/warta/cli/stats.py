"""``warta stats``: what a store holds, in a few lines."""

from __future__ import annotations

import sys

import click

from warta.cli.render import write_records
from warta.cli.storeopts import db_option, fail, format_option
from warta.errors import WartaError
from warta.store import StoreSummary, open_store


def render_stats(path: str, s: StoreSummary) -> str:
    dates = ""
    if s.first_published and s.last_published:
        dates = f", published {s.first_published[:10]} to {s.last_published[:10]}"
    lines = [
        f"{path}: {s.articles - s.duplicates} article(s) (+{s.duplicates} duplicate(s)) from {s.sites} site(s){dates}",
        f"  {s.entities} entities in {s.mentions} mentions, {s.quotes} quotes, {s.events} events, {s.stories} stories",
        f"  {s.raw_pages} raw page(s), {s.raw_bytes / 1e6:.1f} MB as read, store file {s.stored_bytes / 1e6:.1f} MB",
    ]
    if s.problems:
        lines.append("  problems: " + ", ".join(f"{code} {n}" for code, n in sorted(s.problems.items())))
    return "\n".join(lines) + "\n"


@click.command("stats")
@db_option
@format_option
def stats_command(db: str, fmt: str) -> None:
    """Counts over the store: articles, sites, entities, quotes, events, stories, problems."""
    try:
        with open_store(db) as store:
            summary = store.summary()
    except WartaError as exc:
        fail(exc)
    if fmt == "json":
        write_records([summary.to_dict()], "json", single=True, out=sys.stdout)
    else:
        sys.stdout.write(render_stats(db, summary))
