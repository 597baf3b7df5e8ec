"""What every page-reading command shares: its PATH arguments and options, and the page loop."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import click

from warta.errors import WartaError
from warta.extract import expand_paths, extract_path
from warta.model import Article

F = TypeVar("F", bound=Callable[..., None])


def page_inputs(command: F) -> F:
    """Add ``PATH...``, ``--url`` and ``--input-format`` to a command."""
    command = click.option(
        "--input-format",
        type=click.Choice(["auto", "html", "dump", "text"]),
        default="auto",
        show_default=True,
        help="auto detects HTML or a text dump; text means plain article text.",
    )(command)
    command = click.option("--url", help="The page's URL, when the file does not say it (helps profiles and dates).")(
        command
    )
    return click.argument("paths", nargs=-1, required=True)(command)


def each_article(paths: tuple[str, ...], url: str | None, input_format: str, failures: list[str]) -> Iterator[Article]:
    """Extract every page named by ``paths`` in order; a page that fails is reported and skipped."""
    for path in expand_paths(paths):
        try:
            yield extract_path(path, url=url, input_format=input_format)
        except WartaError as exc:
            failures.append(str(path))
            click.echo(f"warta: {exc}", err=True)


def is_single(paths: tuple[str, ...]) -> bool:
    """One page named (not a directory): JSON output is then one object rather than an array."""
    return len(paths) == 1 and (paths[0] == "-" or not Path(paths[0]).is_dir())
