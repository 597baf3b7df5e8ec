"""A local HTTP server for the crawl tests and benchmark (127.0.0.1, a free port), and news
pages to serve: distinct Indonesian articles built from the words of the bundled real pages.

The ``server`` and ``store`` fixtures are here (imported by the test modules: a conftest.py in
tests/crawl would shadow the root one's helpers, which other tests import as ``conftest``).

Routes map a path (with its query) to a :class:`Route`, or to a function of the request that
returns one; every request is logged (path, time, headers) so tests can say what was fetched.
"""

from __future__ import annotations

import gzip
import html
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from warta.crawl import CrawlOptions
from warta.store import Store, open_store

#: Politeness off, short timeouts and waits: the tests measure behaviour, not patience.
FAST = CrawlOptions(delay=0.0, per_host=4, retries=2, backoff=0.05, timeout=1.0, page_timeout=2.0)

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "pages"


@dataclass(frozen=True)
class Route:
    """What a path answers. ``drip``: seconds between bytes of the body (a slow server);
    ``stall``: seconds to hang after the headers, sending nothing."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    drip: float = 0.0
    stall: float = 0.0


@dataclass(frozen=True)
class Hit:
    path: str
    at: float
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[BaseHTTPRequestHandler], Route]


class LocalServer:
    """A threaded HTTP/1.1 server; ``routes`` may change while it runs."""

    def __init__(self) -> None:
        self.routes: dict[str, Route | Handler] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                return

            def do_GET(self) -> None:
                with server._lock:
                    server.hits.append(Hit(self.path, time.time(), {k.lower(): v for k, v in self.headers.items()}))
                found = server.routes.get(self.path)
                route = found(self) if callable(found) else found
                if route is None:
                    route = Route(b"not found", 404, "text/plain")
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                names = {k.lower() for k, _ in route.headers}
                for key, value in route.headers:
                    self.send_header(key, value)
                if "content-length" not in names:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    if route.stall:
                        time.sleep(route.stall)
                    if route.drip:
                        for i in range(len(route.body)):
                            self.wfile.write(route.body[i : i + 1])
                            self.wfile.flush()
                            time.sleep(route.drip)
                    else:
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._server = _QuietServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def requested(self, path: str) -> int:
        """How many times ``path`` was asked for."""
        with self._lock:
            return sum(1 for h in self.hits if h.path == path)

    def paths(self) -> list[str]:
        with self._lock:
            return [h.path for h in self.hits]

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up (a crawler's timeout) is part of the tests, not an error."""
        return


def _vocabulary() -> list[str]:
    words: set[str] = set()
    for path in SAMPLES.iterdir():
        data = path.read_bytes()
        text = gzip.decompress(data) if path.suffix == ".gz" else data
        for token in text.decode("utf-8", "replace").split():
            if token.isalpha() and token.islower() and 3 <= len(token) <= 12:
                words.add(token)
    return sorted(words)


_WORDS: list[str] = []
PUBLISHED = "2024-05-01T08:00:00+07:00"


def paragraphs(seed: int, count: int = 6) -> list[str]:
    """``count`` paragraphs of Indonesian words, different for each ``seed`` (no near-duplicates)."""
    if not _WORDS:
        _WORDS.extend(_vocabulary())
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        sentences = [
            " ".join(rng.choice(_WORDS) for _ in range(rng.randint(10, 18))).capitalize() + "." for _ in range(3)
        ]
        out.append(" ".join(sentences))
    return out


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(10, 18))).capitalize() + "."


def article_page(
    title: str, body: list[str], *, extra: str = "", published: str = "2024-05-01T08:00:00+07:00"
) -> bytes:
    """A news article page: title, date, byline, body paragraphs and ``extra`` HTML after the body."""
    text = "\n".join(f"<p>{html.escape(p)}</p>" for p in body)
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="article:published_time" content="{published}">
<meta property="og:type" content="article"></head>
<body><article><h1>{html.escape(title)}</h1>
<div class="date">{published}</div>
<div class="article-body">{text}</div>{extra}</article></body></html>""".encode()


def rss(links: list[str], *, broken: bool = False) -> bytes:
    items = "".join(f"<item><title>Berita {i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    tail = "" if broken else "</channel></rss>"
    junk = "<item><title>Rusak & tidak <b>ditutup</title>" if broken else ""
    head = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>'
    return f"{head}{items}{junk}{tail}".encode()


def serve_articles(server: LocalServer, count: int, prefix: str = "/berita") -> list[str]:
    """``count`` distinct articles and an RSS feed of them at ``/rss``; their paths."""
    paths = [f"{prefix}/2024/05/01/artikel-{i}" for i in range(count)]
    for i, path in enumerate(paths):
        server.routes[path] = Route(article_page(f"Judul berita nomor {i}", paragraphs(i)))
    server.routes["/rss"] = Route(rss([server.url(p) for p in paths]), content_type="application/rss+xml")
    return paths


@pytest.fixture(name="server")
def server_fixture() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


@pytest.fixture(name="store")
def store_fixture(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "crawl.db") as opened:
        yield opened
