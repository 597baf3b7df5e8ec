"""``warta extract PATH...``: pages in, clean articles out."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import click

from warta.cli.pages import each_article, is_single, page_inputs
from warta.cli.render import RENDERERS, write_records
from warta.extract import merge
from warta.model import Article


@click.command("extract")
@page_inputs
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "text", "markdown"]),
    default="json",
    show_default=True,
    help="Output format.",
)
@click.option("--merge", "merge_pages", is_flag=True, help="The PATHs are the pages of one article: merge them.")
def extract_command(paths: tuple[str, ...], url: str | None, input_format: str, fmt: str, merge_pages: bool) -> None:
    """Extract clean articles from HTML pages or text dumps.

    PATH is a file, a .gz file, a directory (every page in it, sorted by name) or - for
    standard input. One article per page, in input order.
    """
    failures: list[str] = []
    articles: Iterator[Article] = each_article(paths, url, input_format, failures)
    if merge_pages:
        pages = list(articles)
        articles = iter([merge(pages)] if pages else [])
    if fmt in ("json", "jsonl"):
        write_records((a.to_dict() for a in articles), fmt, single=merge_pages or is_single(paths), out=sys.stdout)
    else:
        for article in articles:
            sys.stdout.write(RENDERERS[fmt](article) + "\n")
            sys.stdout.flush()
    if failures:
        raise SystemExit(1)
