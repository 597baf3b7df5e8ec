"""``warta entities`` (the most named entities) and ``warta entity NAME`` (one entity's profile)."""

from __future__ import annotations

import sys

import click

from warta.cli.quotes import render_quote
from warta.cli.render import write_records
from warta.cli.storeopts import db_option, fail, format_option, window_options
from warta.errors import WartaError
from warta.store import ENTITY_LABELS, ArticleFilter, ArticleRef, EntityCount, EntityProfile, open_store


def render_counts(found: list[EntityCount]) -> str:
    if not found:
        return "no entities (ingest articles first, or widen the filters)\n"
    width = max(len(e.key) for e in found)
    lines = [f"{'mentions':>8} {'articles':>8}  {'key':<{width}}  name"]
    lines += [f"{e.mentions:>8} {e.articles:>8}  {e.key:<{width}}  {e.canonical} ({e.label})" for e in found]
    return "\n".join(lines) + "\n"


def render_article(ref: ArticleRef) -> str:
    meta = " | ".join(x for x in (ref.site, ref.published) if x)
    return f"  [{ref.id}] {ref.title or '(no title)'}" + (f"  ({meta})" if meta else "")


def render_profile(profile: EntityProfile) -> str:
    e = profile.entity
    out = [f"{e.canonical} ({e.label}, {e.key}): {e.mentions} mention(s) in {e.articles} article(s)"]
    if profile.aliases:
        out.append("Also written: " + ", ".join(profile.aliases))
    if profile.timeline or profile.undated:
        out.append("Mentions per day:")
        out += [f"  {d.day}  {d.mentions:>4} in {d.articles} article(s)" for d in profile.timeline]
        if profile.undated:
            out.append(f"  undated     {profile.undated:>4}")
    if profile.co_mentioned:
        out.append("Named with (shared articles): ")
        out[-1] += ", ".join(f"{c.canonical} ({c.label}, {c.articles})" for c in profile.co_mentioned)
    if profile.quotes:
        out.append("Quotes:")
        out += [render_quote(q, indent="  ") for q in profile.quotes]
    if profile.articles:
        out.append("Latest articles:")
        out += [render_article(a) for a in profile.articles]
    return "\n".join(out) + "\n"


@click.command("entities")
@db_option
@window_options
@click.option("--label", type=click.Choice(ENTITY_LABELS, case_sensitive=False), help="Only PER, ORG or LOC.")
@click.option("--by", type=click.Choice(["mentions", "articles"]), default="mentions", show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@format_option
def entities_command(
    db: str, since: str | None, until: str | None, site: str | None, label: str | None, by: str, limit: int, fmt: str
) -> None:
    """The most named entities in the store (canonical articles only), in a window."""
    try:
        with open_store(db) as store:
            found = store.top_entities(ArticleFilter(since, until, site), label=label, limit=limit, by=by)
    except WartaError as exc:
        fail(exc)
    if fmt == "json":
        write_records((e.to_dict() for e in found), "json", single=False, out=sys.stdout)
    else:
        sys.stdout.write(render_counts(found))


@click.command("entity")
@click.argument("name", metavar="NAME-or-KEY")
@db_option
@window_options
@click.option("--top", type=click.IntRange(1, 1000), default=10, show_default=True, help="Co-mentioned entities shown.")
@click.option("--quotes", type=click.IntRange(1, 1000), default=10, show_default=True, help="Quotes shown.")
@click.option("--articles", type=click.IntRange(1, 1000), default=10, show_default=True, help="Latest articles shown.")
@format_option
def entity_command(
    name: str,
    db: str,
    since: str | None,
    until: str | None,
    site: str | None,
    top: int,
    quotes: int,
    articles: int,
    fmt: str,
) -> None:
    """One entity: mentions per day, who it is named with, its quotes and latest articles.

    NAME-or-KEY is a key (per:vladimir-putin), a name in any case (vladimir putin, putin); a
    name that fits several entities lists them.
    """
    try:
        with open_store(db) as store:
            profile = store.entity(name, ArticleFilter(since, until, site), top=top, quotes=quotes, articles=articles)
    except WartaError as exc:
        fail(exc)
    if fmt == "json":
        write_records([profile.to_dict()], "json", single=True, out=sys.stdout)
    else:
        sys.stdout.write(render_profile(profile))
