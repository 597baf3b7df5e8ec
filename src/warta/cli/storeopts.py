"""What the store commands share: ``--db``, the window filters, ``--format``, and how a warta
error ends a command."""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn, TypeVar

import click

from warta.errors import WartaError

F = TypeVar("F", bound=Callable[..., None])

DEFAULT_DB = "warta.db"


def db_option(command: F) -> F:
    """Add ``--db PATH`` (default ``warta.db`` in the current directory)."""
    return click.option(
        "--db", default=DEFAULT_DB, show_default=True, envvar="WARTA_DB", help="The store file (SQLite)."
    )(command)


def window_options(command: F) -> F:
    """Add ``--since``, ``--until`` and ``--site``, as ``warta search`` has them."""
    for option in reversed(
        (
            click.option("--since", help="Published on or after (2024-06-18, or a date-time; WIB when no zone)."),
            click.option("--until", help="Published on or before (a date includes the whole day)."),
            click.option("--site", help="Only this site (its subdomains too): kompas.com."),
        )
    ):
        command = option(command)
    return command


def format_option(command: F) -> F:
    """Add ``--format text|json``."""
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)(
        command
    )


def fail(exc: WartaError) -> NoReturn:
    """Print a warta error as it is (its message names the input and what to do) and exit 1."""
    click.echo(f"warta: {exc}", err=True)
    raise SystemExit(1)
