"""``warta serve``: the HTTP API and the web reader over a store (uvicorn)."""

from __future__ import annotations

import os

import click

from warta.cli.storeopts import db_option, fail
from warta.errors import WartaError


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--immutable",
    is_flag=True,
    help="The store file is not written while served (a snapshot, read-only media): open it read-only, "
    "without locks or -wal/-shm files.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (uvicorn workers): one per core lets requests use every core.",
)
def serve_command(db: str, host: str, port: int, immutable: bool, workers: int) -> None:
    """Serve the store: the reader at http://HOST:PORT/, the JSON API under /api (docs at /docs).

    Read-only unless WARTA_API_TOKEN is set: then POST /api/pages ingests pages sent with
    'Authorization: Bearer <token>'.
    """
    import uvicorn

    from warta.serve import create_app

    try:
        app = create_app(
            db, token=os.environ.get("WARTA_API_TOKEN") or None, immutable=immutable, server_process=workers == 1
        )
    except WartaError as exc:
        fail(exc)
    click.echo(f"warta: serving {db} at http://{host}:{port}/ (API docs at /docs; Ctrl-C stops)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
        return
    # The app above was built only to fail early on a bad store; each worker builds its own (and
    # no connection of this process is carried into the forked workers).
    app.state.stores.close()
    from warta.serve.workers import run_workers

    try:
        run_workers(db, host=host, port=port, workers=workers, immutable=immutable)
    except WartaError as exc:
        fail(exc)
