"""``warta extract PATH...``: pages in, clean articles out."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from warta.cli.render import RENDERERS, write_records
from warta.errors import WartaError
from warta.extract import expand_paths, extract_path, merge
from warta.model import Article


def _articles(paths: tuple[str, ...], url: str | None, input_format: str, failures: list[str]) -> Iterator[Article]:
    for path in expand_paths(paths):
        try:
            yield extract_path(path, url=url, input_format=input_format)
        except WartaError as exc:
            failures.append(str(path))
            click.echo(f"warta: {exc}", err=True)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--url", help="The page's URL, when the file does not say it (helps profiles and dates).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "text", "markdown"]),
    default="json",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--input-format",
    type=click.Choice(["auto", "html", "dump", "text"]),
    default="auto",
    show_default=True,
    help="auto detects HTML or a text dump; text means plain article text.",
)
@click.option("--merge", "merge_pages", is_flag=True, help="The PATHs are the pages of one article: merge them.")
def extract_command(paths: tuple[str, ...], url: str | None, fmt: str, input_format: str, merge_pages: bool) -> None:
    """Extract clean articles from HTML pages or text dumps.

    PATH is a file, a .gz file, a directory (every page in it, sorted by name) or - for
    standard input. One article per page, in input order.
    """
    failures: list[str] = []
    articles: Iterator[Article] = _articles(paths, url, input_format, failures)
    if merge_pages:
        pages = list(articles)
        articles = iter([merge(pages)] if pages else [])
    single = merge_pages or is_single(paths)
    if fmt in ("json", "jsonl"):
        write_records((a.to_dict() for a in articles), fmt, single=single, out=sys.stdout)
    else:
        for article in articles:
            sys.stdout.write(RENDERERS[fmt](article) + "\n")
            sys.stdout.flush()
    if failures:
        raise SystemExit(1)


def is_single(paths: tuple[str, ...]) -> bool:
    """One page named (not a directory): JSON output is then one object rather than an array."""
    return len(paths) == 1 and not _is_dir(paths[0])


def _is_dir(path: str) -> bool:
    return path != "-" and Path(path).is_dir()
