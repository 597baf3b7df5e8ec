"""``warta search QUERY``: full-text search over a store, with filters."""

from __future__ import annotations

import sys
from dataclasses import replace

import click

from warta.cli.render import write_records
from warta.cli.storeopts import db_option, fail
from warta.errors import WartaError
from warta.store import SearchHit, SearchQuery, open_store


def render_hit(hit: SearchHit) -> str:
    head = f"[{hit.id}] {hit.title or '(no title)'}"
    meta = " | ".join(x for x in (hit.site, hit.published, hit.url) if x)
    snippet = " ".join(hit.snippet.split())
    return f"{head}\n    {meta}\n    {snippet}\n"


@click.command("search")
@click.argument("query")
@db_option
@click.option("--since", help="Published on or after (2024-06-18, or a date-time; WIB when no zone).")
@click.option("--until", help="Published on or before (a date includes the whole day).")
@click.option("--site", help="Only this site (its subdomains too): kompas.com.")
@click.option("--entity", help="Only articles naming this entity: a key (per:joko-widodo) or a name.")
@click.option("--speaker", help="Only articles quoting this speaker: a key or a name.")
@click.option("--story", type=int, help="Only the articles of this story (ids from warta stories).")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--rank-all",
    is_flag=True,
    help="Rank every match: by default a word in more than 1,000 articles is ranked among its "
    "most recently stored matches only (fast on large stores).",
)
def search_command(
    query: str,
    db: str,
    since: str | None,
    until: str | None,
    site: str | None,
    entity: str | None,
    speaker: str | None,
    story: int | None,
    limit: int,
    fmt: str,
    rank_all: bool,
) -> None:
    """Search the store: words (all must match), "a phrase", prefix*, -excluded, a OR b.

    Best matches first (BM25, title words weigh more), with the matched words in **bold**.
    """
    request = SearchQuery(
        query, since=since, until=until, site=site, entity=entity, speaker=speaker, limit=limit, story=story
    )
    if rank_all:
        request = replace(request, rank_window=None)
    try:
        with open_store(db) as store:
            hits = store.search(request)
    except WartaError as exc:
        fail(exc)
    if fmt == "json":
        write_records((h.to_dict() for h in hits), "json", single=False, out=sys.stdout)
    else:
        sys.stdout.write("".join(render_hit(h) for h in hits) or "no matches\n")
