"""What the store commands share: the ``--db`` option and how a warta error ends a command."""

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


def fail(exc: WartaError) -> NoReturn:
    """Print a warta error as it is (its message names the input and what to do) and exit 1."""
    click.echo(f"warta: {exc}", err=True)
    raise SystemExit(1)
