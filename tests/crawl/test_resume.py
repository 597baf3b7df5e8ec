"""A crawl killed with SIGKILL mid-way and run again fetches nothing twice that it had stored."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import warta

from crawl_server import (
    LocalServer,
    serve_articles,
    server_fixture,  # noqa: F401  (pytest finds fixtures by their name)
)

ARTICLES = 40


def _stored_paths(db: Path) -> set[str]:
    if not db.exists():
        return set()
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return {urlsplit(url).path for (url,) in conn.execute("SELECT url FROM raw_pages WHERE url IS NOT NULL")}
    except sqlite3.OperationalError:  # not created yet
        return set()


def _crawl(server: LocalServer, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(Path(warta.__file__).resolve().parents[1])}
    command = [sys.executable, "-m", "warta", "crawl", "--feed", server.url("/rss"), "--db", str(db), "--quiet"]
    command += ["--delay", "0.1", "--per-host", "1", "--concurrency", "2"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_a_killed_crawl_resumes_without_fetching_a_stored_article_again(server: LocalServer, tmp_path: Path) -> None:
    paths = serve_articles(server, ARTICLES)
    db = tmp_path / "crawl.db"
    process = _crawl(server, db)
    deadline = time.time() + 60
    while len(_stored_paths(db)) < 5 and process.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored_before = _stored_paths(db)
    assert 5 <= len(stored_before) < ARTICLES, "the kill did not land mid-crawl"

    again = _crawl(server, db)
    _, errors = again.communicate(timeout=120)
    assert again.returncode == 0, errors.decode()

    assert _stored_paths(db) == set(paths)
    for path in stored_before:
        assert server.requested(path) == 1, f"{path} was stored before the kill and fetched again"
    refetched = [p for p in paths if server.requested(p) > 1]
    # Only pages fetched but not yet stored at the kill may be fetched again (at most the queue).
    assert len(refetched) <= 2 + 8, refetched
