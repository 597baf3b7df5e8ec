"""The store the serve tests read (the bundled sample pages, ingested once per test process), and
``warta serve`` run for real on it."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from warta.ingest import ingest
from warta.store import open_store

from conftest import SAMPLES

PUTIN = "per:vladimir-putin"
SEED_DUMP = SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt"


@cache
def sample_store() -> Path:
    """A store holding the samples (read-only for the tests: copy it before writing)."""
    folder = Path(tempfile.mkdtemp(prefix="warta-serve-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    db = folder / "samples.db"
    with open_store(db) as store:
        ingest(store, [str(SAMPLES)])
    return db


def article_id(title_start: str) -> int:
    """The id of the sample article whose title starts so."""
    with open_store(sample_store()) as store:
        for card in store.latest(limit=100):
            if (card.title or "").startswith(title_start):
                return card.id
    raise LookupError(title_start)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(db: Path, *options: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``warta serve --db DB OPTIONS`` (uvicorn, a real process) on a free loopback port, read-only;
    yields its base URL and the process once it answers, stops it (SIGTERM) after."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "warta", "serve", "--db", str(db), "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "WARTA_API_TOKEN": ""},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/api/articles?limit=1", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "warta serve did not start within 30 s"
                time.sleep(0.2)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr:
            server.stderr.close()


@contextmanager
def running_server(db: Path, *options: str) -> Iterator[str]:
    """:func:`serving`, when only the base URL is wanted."""
    with serving(db, *options) as (base, _):
        yield base
