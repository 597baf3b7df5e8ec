"""``warta quotes [--speaker NAME] [QUERY]``: who said what, newest first."""

from __future__ import annotations

import sys

import click

from warta.cli.render import write_records
from warta.cli.storeopts import db_option, fail, format_option, window_options
from warta.errors import WartaError
from warta.store import ArticleFilter, QuoteHit, QuoteQuery, open_store


def render_quote(hit: QuoteHit, *, indent: str = "") -> str:
    """``[article] date speaker (role): “text”`` on one line, then the article's title."""
    q, a = hit.quote, hit.article
    speaker = q.speaker_name or q.speaker_text or "(unknown speaker)"
    role = ", ".join(x for x in (q.role, q.affiliation) if x)
    head = f"{speaker} ({role})" if role else speaker
    date = f"{a.published[:10]} " if a.published else ""
    text = " ".join(q.text.split())
    return f"{indent}[{a.id}] {date}{head}: “{text}”\n{indent}    in: {a.title or '(no title)'}"


@click.command("quotes")
@click.argument("query", required=False)
@db_option
@click.option("--speaker", help="Only this speaker: an entity key (per:joko-widodo) or a name.")
@window_options
@click.option("--entity", help="Only quotes in articles naming this entity: a key or a name.")
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@format_option
def quotes_command(
    query: str | None,
    db: str,
    speaker: str | None,
    since: str | None,
    until: str | None,
    site: str | None,
    entity: str | None,
    limit: int,
    fmt: str,
) -> None:
    """Quotes with their speaker, role and article, newest first.

    QUERY (optional) are words the quote must hold: "a phrase", -excluded.
    """
    request = QuoteQuery(query, speaker, ArticleFilter(since, until, site, entity), limit)
    try:
        with open_store(db) as store:
            found = store.quotes(request)
    except WartaError as exc:
        fail(exc)
    if fmt == "json":
        write_records((q.to_dict() for q in found), "json", single=False, out=sys.stdout)
    else:
        sys.stdout.write("".join(render_quote(q) + "\n" for q in found) or "no quotes\n")
