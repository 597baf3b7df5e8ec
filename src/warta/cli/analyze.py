"""``warta analyze PATH...``: articles with their sentences, entities and dates."""

from __future__ import annotations

import sys

import click

from warta.analyze import analyze_articles
from warta.cli.pages import each_article, is_single, page_inputs
from warta.cli.render import write_records


@click.command("analyze")
@page_inputs
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True)
def analyze_command(paths: tuple[str, ...], url: str | None, input_format: str, fmt: str) -> None:
    """Extract and analyse pages: the article plus its sentences, entities (linked) and dates.

    PATH is a file, a .gz file, a directory (every page in it, sorted by name) or - for
    standard input.
    """
    failures: list[str] = []
    # Pages are extracted a run at a time and then analysed (analyze_articles): faster than page by page.
    analyses = (a.to_dict() for a in analyze_articles(each_article(paths, url, input_format, failures)))
    write_records(analyses, fmt, single=is_single(paths), out=sys.stdout)
    if failures:
        raise SystemExit(1)
