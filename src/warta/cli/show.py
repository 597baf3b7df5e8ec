"""``warta show ID``: one stored article with its entities, quotes and events."""

from __future__ import annotations

import sys

import click

from warta.cli.render import to_text, write_records
from warta.cli.storeopts import db_option, fail
from warta.errors import WartaError
from warta.store import StoredArticle, open_store


def render_stored(stored: StoredArticle) -> str:
    """The article as text, then what the analysis found in it."""
    out = [f"[{stored.id}] " + to_text(stored.article)]
    if stored.duplicate_of is not None:
        out.insert(0, f"(duplicate of article {stored.duplicate_of})")
    if stored.entities:
        out.append("Entities: " + ", ".join(f"{e.canonical} ({e.label}, {e.mentions})" for e in stored.entities[:15]))
    for quote in stored.quotes:
        speaker = quote.speaker_name or quote.speaker_text or "(unknown speaker)"
        role = ", ".join(x for x in (quote.role, quote.affiliation) if x)
        out.append(f"Quote ({quote.kind}) {speaker}" + (f" ({role})" if role else "") + f": “{quote.text}”")
    for event in stored.events:
        who = " -> ".join(x for x in (event.actor_name, event.target_name) if x)
        when = f" {event.date}" if event.date else ""
        out.append(f"Event {event.type}: {event.trigger}" + (f" ({who})" if who else "") + when)
    out.append(f"Source: {stored.source} (sha256 {stored.sha256[:12]}, {stored.pipeline_version})")
    return "\n".join(out).rstrip() + "\n"


@click.command("show")
@click.argument("article_id", metavar="ID", type=int)
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
def show_command(article_id: int, db: str, fmt: str) -> None:
    """Show a stored article (find its ID with warta search)."""
    try:
        with open_store(db) as store:
            stored = store.article(article_id)
    except WartaError as exc:
        fail(exc)
    if fmt == "json":
        write_records([stored.to_dict()], "json", single=True, out=sys.stdout)
    else:
        sys.stdout.write(render_stored(stored))
