"""The fetcher against a local server: robots.txt, Retry-After, redirects, slow and stalled
servers, size caps, content types, compression. Each case says what was fetched and how often."""

from __future__ import annotations

import asyncio
import dataclasses
import gzip
import itertools
import time
from http.server import BaseHTTPRequestHandler

import brotli
import httpx
import pytest

from warta.crawl import CrawlOptions
from warta.crawl.fetcher import (
    HTTP_ERROR,
    REDIRECT_LOOP,
    ROBOTS_DISALLOWED,
    TIMEOUT,
    TOO_LARGE,
    TOO_MANY_REDIRECTS,
    WRONG_CONTENT_TYPE,
    Fetcher,
    FetchFailure,
    FetchResult,
    HostGate,
    Response,
)

from crawl_server import (
    FAST,
    LocalServer,
    Route,
    server_fixture,  # noqa: F401  (pytest finds fixtures by their name)
)

PAGE = b"<html><body><p>Berita hari ini.</p></body></html>"
HTML = ("text/html",)


def fetch(url: str, options: CrawlOptions = FAST, **kwargs: object) -> FetchResult:
    async def run() -> FetchResult:
        async with httpx.AsyncClient(headers={"User-Agent": options.user_agent}, timeout=options.timeout) as client:
            return await Fetcher(client, options).fetch(url, **kwargs)  # type: ignore[arg-type]

    return asyncio.run(run())


def failure(result: FetchResult) -> FetchFailure:
    assert isinstance(result, FetchFailure), result
    return result


def response(result: FetchResult) -> Response:
    assert isinstance(result, Response), result
    return result


def test_robots_disallow_is_obeyed_and_nothing_disallowed_is_requested(server: LocalServer) -> None:
    server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.routes["/private/a"] = server.routes["/public/a"] = Route(PAGE)
    assert failure(fetch(server.url("/private/a"))).code == ROBOTS_DISALLOWED
    assert response(fetch(server.url("/public/a"))).status == 200
    assert server.requested("/private/a") == 0
    assert server.requested("/public/a") == 1


def test_robots_rules_for_warta_by_name(server: LocalServer) -> None:
    server.routes["/robots.txt"] = Route(b"User-agent: warta\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    server.routes["/a"] = Route(PAGE)
    assert failure(fetch(server.url("/a"))).code == ROBOTS_DISALLOWED
    assert server.requested("/a") == 0


def test_a_robots_txt_that_fails_with_5xx_means_the_site_is_not_crawled(server: LocalServer) -> None:
    server.routes["/robots.txt"] = Route(b"down", 503)
    server.routes["/a"] = Route(PAGE)
    result = failure(fetch(server.url("/a"), dataclasses.replace(FAST, retries=0)))
    assert result.code == ROBOTS_DISALLOWED and "503" in result.detail
    assert server.requested("/a") == 0


def test_no_robots_txt_allows_everything(server: LocalServer) -> None:
    server.routes["/a"] = Route(PAGE)  # /robots.txt answers 404
    assert response(fetch(server.url("/a"))).body == PAGE


def _refuse_first(status: int, wait: str) -> object:
    calls: list[float] = []

    def handler(_: BaseHTTPRequestHandler) -> Route:
        calls.append(time.time())
        if len(calls) == 1:
            return Route(b"slow down", status, "text/plain", (("Retry-After", wait),))
        return Route(PAGE)

    return handler


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_waited_for_then_the_page_is_fetched(server: LocalServer, status: int) -> None:
    server.routes["/a"] = _refuse_first(status, "1")  # type: ignore[assignment]
    started = time.time()
    assert response(fetch(server.url("/a"))).body == PAGE
    times = [h.at for h in server.hits if h.path == "/a"]
    assert len(times) == 2
    assert times[1] - times[0] >= 0.95, "Retry-After: 1 was not kept"
    assert time.time() - started < 5


def test_a_retry_after_longer_than_max_wait_is_not_waited_for(server: LocalServer) -> None:
    server.routes["/a"] = Route(b"later", 503, "text/plain", (("Retry-After", "3600"),))
    started = time.time()
    result = failure(fetch(server.url("/a")))
    assert result.code == HTTP_ERROR and result.status == 503 and "3600" in result.detail
    assert server.requested("/a") == 1
    assert time.time() - started < 2


def test_server_errors_are_retried_with_backoff_then_given_up(server: LocalServer) -> None:
    server.routes["/a"] = Route(b"oops", 500, "text/plain")
    result = failure(fetch(server.url("/a"), dataclasses.replace(FAST, retries=2, backoff=0.1)))
    assert result.code == HTTP_ERROR and result.status == 500
    times = [h.at for h in server.hits if h.path == "/a"]
    assert len(times) == 3
    assert times[1] - times[0] >= 0.09 and times[2] - times[1] >= 0.19  # 0.1 x 2^attempt


def test_a_404_is_not_retried(server: LocalServer) -> None:
    assert failure(fetch(server.url("/missing"))).status == 404
    assert server.requested("/missing") == 1


def test_redirects_are_followed(server: LocalServer) -> None:
    server.routes["/old"] = Route(b"", 301, headers=(("Location", "/new"),))
    server.routes["/new"] = Route(PAGE)
    result = response(fetch(server.url("/old")))
    assert result.final_url == server.url("/new") and result.url == server.url("/old") and result.body == PAGE


def test_a_redirect_loop_is_detected(server: LocalServer) -> None:
    server.routes["/a"] = Route(b"", 302, headers=(("Location", "/b"),))
    server.routes["/b"] = Route(b"", 302, headers=(("Location", "/a"),))
    assert failure(fetch(server.url("/a"))).code == REDIRECT_LOOP
    assert server.requested("/a") == 1 and server.requested("/b") == 1


def test_a_redirect_chain_is_cut(server: LocalServer) -> None:
    for i in range(10):
        server.routes[f"/r{i}"] = Route(b"", 302, headers=(("Location", f"/r{i + 1}"),))
    assert failure(fetch(server.url("/r0"), dataclasses.replace(FAST, max_redirects=3))).code == TOO_MANY_REDIRECTS
    assert server.requested("/r4") == 0


def test_a_server_dripping_bytes_hits_the_page_timeout(server: LocalServer) -> None:
    server.routes["/slow"] = Route(b"x" * 1000, drip=0.05)  # 50 s for the whole body
    started = time.time()
    result = failure(fetch(server.url("/slow"), dataclasses.replace(FAST, retries=0, page_timeout=0.5)))
    assert result.code == TIMEOUT
    assert time.time() - started < 3


def test_a_stalled_server_hits_the_read_timeout(server: LocalServer) -> None:
    server.routes["/stall"] = Route(PAGE, stall=10)
    started = time.time()
    options = dataclasses.replace(FAST, retries=1, backoff=0.05, timeout=0.3)
    result = failure(fetch(server.url("/stall"), options))
    assert result.code == TIMEOUT
    assert server.requested("/stall") == 2  # a timeout is tried again
    assert time.time() - started < 3


def test_a_declared_huge_response_is_refused_before_reading(server: LocalServer) -> None:
    server.routes["/huge"] = Route(b"x" * 2_000_000)
    result = failure(fetch(server.url("/huge"), dataclasses.replace(FAST, max_page_bytes=100_000)))
    assert result.code == TOO_LARGE and "Content-Length" in result.detail


def test_a_compressed_bomb_stops_at_the_cap(server: LocalServer) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000)
    server.routes["/bomb"] = Route(bomb, headers=(("Content-Encoding", "gzip"),))
    result = failure(fetch(server.url("/bomb"), dataclasses.replace(FAST, max_page_bytes=1_000_000)))
    assert result.code == TOO_LARGE and "body" in result.detail


def test_a_wrong_content_type_is_refused(server: LocalServer) -> None:
    server.routes["/file.pdf"] = Route(b"%PDF-1.4 ...", content_type="application/pdf")
    result = failure(fetch(server.url("/file.pdf"), accept=HTML))
    assert result.code == WRONG_CONTENT_TYPE and "application/pdf" in result.detail


@pytest.mark.parametrize(("encoding", "compress"), [("gzip", gzip.compress), ("br", brotli.compress)])
def test_gzip_and_brotli_bodies_are_decoded(server: LocalServer, encoding: str, compress: object) -> None:
    body = PAGE * 50
    server.routes["/z"] = Route(compress(body), headers=(("Content-Encoding", encoding),))  # type: ignore[operator]
    assert response(fetch(server.url("/z"), accept=HTML)).body == body
    asked = next(h for h in server.hits if h.path == "/z")
    assert encoding in asked.headers["accept-encoding"]


def test_a_corrupt_compressed_body_is_a_failure_not_a_crash(server: LocalServer) -> None:
    server.routes["/z"] = Route(b"not gzip at all" * 10, headers=(("Content-Encoding", "gzip"),))
    assert failure(fetch(server.url("/z"), dataclasses.replace(FAST, retries=0))).code == "fetch_failed"


def test_conditional_get_sends_the_validators_and_takes_a_304(server: LocalServer) -> None:
    server.routes["/feed"] = Route(b"", 304)
    result = response(fetch(server.url("/feed"), etag='"v1"', last_modified="Wed, 01 May 2024 08:00:00 GMT"))
    assert result.status == 304
    asked = next(h for h in server.hits if h.path == "/feed")
    assert asked.headers["if-none-match"] == '"v1"'
    assert asked.headers["if-modified-since"] == "Wed, 01 May 2024 08:00:00 GMT"


def test_the_user_agent_is_the_one_configured(server: LocalServer) -> None:
    server.routes["/a"] = Route(PAGE)
    fetch(server.url("/a"), dataclasses.replace(FAST, user_agent="riset-berita/1.0 (kontak@example.org)"))
    assert all(h.headers["user-agent"] == "riset-berita/1.0 (kontak@example.org)" for h in server.hits)


def test_the_host_gate_spaces_request_starts_and_keeps_its_concurrency() -> None:
    async def run() -> tuple[list[float], int]:
        gate = HostGate(delay=0.1, concurrency=2)
        starts: list[float] = []
        inside = peak = 0

        async def request() -> None:
            nonlocal inside, peak
            async with gate.slot():
                starts.append(time.time())
                inside += 1
                peak = max(peak, inside)
                await asyncio.sleep(0.25)
                inside -= 1

        await asyncio.gather(*(request() for _ in range(6)))
        return starts, peak

    starts, peak = asyncio.run(run())
    gaps = [b - a for a, b in itertools.pairwise(sorted(starts))]
    assert min(gaps) >= 0.099, gaps
    assert peak == 2


def test_a_hold_delays_the_next_request() -> None:
    async def run() -> float:
        gate = HostGate(delay=0.0, concurrency=1)
        gate.hold(0.3)
        started = time.time()
        async with gate.slot():
            return time.time() - started

    assert asyncio.run(run()) >= 0.29
