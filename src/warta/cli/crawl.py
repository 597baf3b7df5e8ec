"""``warta crawl``: fetch news sites politely into a store (and a WARC archive)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from warta.cli.storeopts import db_option, fail
from warta.crawl import DEFAULT_USER_AGENT, CrawlOptions, CrawlSummary, Seeds, all_sites, crawl, site_named
from warta.crawl.discover import parse_feed_date
from warta.errors import CrawlError, WartaError
from warta.store import open_store

_MB = 1024 * 1024


def render_summary(summary: CrawlSummary) -> str:
    """The end-of-run lines: what was fetched, stored and went wrong."""
    lines = [
        f"fetched {summary.requests} page(s), {summary.bytes / _MB:.1f} MB in {summary.seconds:.1f} s "
        f"({summary.pages_per_second:.1f} pages/s); {summary.articles} article(s), {summary.extra_pages} "
        f"further page(s) of multi-page articles, {summary.discovered} new URL(s), {summary.not_modified} source(s) "
        "not modified"
    ]
    if summary.ingest is not None:
        i = summary.ingest
        lines.append(f"stored {i.ingested} article(s), {i.duplicates} duplicate(s), {i.skipped} already stored")
    if summary.problems:
        lines.append("problems: " + ", ".join(f"{code} {n}" for code, n in sorted(summary.problems.items())))
    if summary.stopped_by:
        lines.append(f"stopped by --{summary.stopped_by.replace('_', '-')}; run again to go on")
    lines.append("frontier: " + ", ".join(f"{state} {n}" for state, n in sorted(summary.frontier.items())))
    lines.extend(f"archive: {path}" for path in summary.warc_files)
    return "\n".join(lines)


@click.command("crawl")
@click.option("--site", "sites", multiple=True, help="A publisher's feeds, sitemaps and sections (--list-sites).")
@click.option("--feed", "feeds", multiple=True, help="An RSS or Atom feed URL.")
@click.option("--sitemap", "sitemaps", multiple=True, help="A sitemap or sitemap index URL.")
@click.option("--section", "sections", multiple=True, help="An HTML page listing articles.")
@click.option("--url", "articles", multiple=True, help="An article URL.")
@db_option
@click.option("--once/--follow", default=True, help="One pass (for cron), or keep polling the sources.")
@click.option("--poll-interval", type=click.FloatRange(1), default=600, show_default=True, help="Seconds (--follow).")
@click.option("--warc", "warc_dir", type=click.Path(file_okay=False, path_type=Path), help="Archive to WARC here.")
@click.option("--warc-max-mb", type=click.IntRange(1), default=1024, show_default=True, help="Start a new WARC after.")
@click.option("--no-ingest", is_flag=True, help="Only archive (needs --warc); ingest the WARC later.")
@click.option("--user-agent", default=DEFAULT_USER_AGENT, help="Say who crawls, with a contact.")
@click.option(
    "--delay", type=click.FloatRange(0), default=1.0, show_default=True, help="Seconds between hits on a host."
)
@click.option("--per-host", type=click.IntRange(1, 64), default=2, show_default=True, help="Requests at once per host.")
@click.option("--concurrency", type=click.IntRange(1, 512), default=16, show_default=True, help="Requests at once.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Analysis processes.")
@click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True)
@click.option("--timeout", type=click.FloatRange(0.1), default=20, show_default=True, help="Seconds of silence.")
@click.option("--max-pages", type=click.IntRange(1), help="Stop after this many requests.")
@click.option("--max-mb", type=click.FloatRange(0.001), help="Stop after downloading this many MB.")
@click.option("--max-seconds", type=click.FloatRange(0.1), help="Stop after this long.")
@click.option("--max-page-mb", type=click.FloatRange(0.001), default=10, show_default=True, help="Cap per response.")
@click.option(
    "--since",
    metavar="DATE",
    help="Skip feed and sitemap entries dated before this (ISO date or date-time; no zone = WIB).",
)
@click.option("--list-sites", is_flag=True, help="List the publishers with crawl data and exit.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on standard output.")
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def crawl_command(
    sites: tuple[str, ...],
    feeds: tuple[str, ...],
    sitemaps: tuple[str, ...],
    sections: tuple[str, ...],
    articles: tuple[str, ...],
    db: str,
    once: bool,
    poll_interval: float,
    warc_dir: Path | None,
    warc_max_mb: int,
    no_ingest: bool,
    user_agent: str,
    delay: float,
    per_host: int,
    concurrency: int,
    workers: int,
    retries: int,
    timeout: float,
    max_pages: int | None,
    max_mb: float | None,
    max_seconds: float | None,
    max_page_mb: float,
    since: str | None,
    list_sites: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Crawl news sites into a store: feeds, sitemaps and section pages, politely (robots.txt,
    a delay per host, retries with backoff), following the pages of multi-page articles.

    The frontier lives in the store: a crawl stopped or killed goes on where it was when run
    again, and never fetches an article the store already holds. See docs/crawl.md.
    """
    if list_sites:
        for site in all_sites():
            counts = f"{len(site.feeds)} feed(s), {len(site.sitemaps)} sitemap(s), {len(site.sections)} section(s)"
            click.echo(f"{site.id}\t{site.name}\t{counts}")
        return
    try:
        seeds = Seeds(tuple(site_named(s) for s in sites), feeds, sitemaps, sections, articles)
        options = CrawlOptions(
            user_agent=user_agent,
            delay=delay,
            per_host=per_host,
            concurrency=concurrency,
            workers=workers,
            retries=retries,
            timeout=timeout,
            max_page_bytes=int(max_page_mb * _MB),
            max_pages=max_pages,
            max_bytes=int(max_mb * _MB) if max_mb is not None else None,
            max_seconds=max_seconds,
            warc_dir=warc_dir,
            warc_max_bytes=warc_max_mb * _MB,
            follow=not once,
            since=_since(since),
            poll_interval=poll_interval,
        )
        with open_store(db) as store:
            if not seeds.entries() and not store.frontier_counts():
                raise CrawlError("nothing to crawl: give --site, --feed, --sitemap, --section or --url")
            summary = crawl(store, seeds, options, ingest=not no_ingest)
    except WartaError as exc:
        fail(exc)
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    elif not quiet:
        click.echo(render_summary(summary), err=True)


def _since(value: str | None) -> datetime | None:
    """``--since``: an ISO date or date-time; one without a zone is WIB."""
    if value is None:
        return None
    when = parse_feed_date(value)
    if when is None or not value.strip()[:4].isdigit():
        raise click.BadParameter(
            f"{value!r} is not a date: use 2024-06-18 or 2024-06-18T08:00+07:00", param_hint="--since"
        )
    return when
