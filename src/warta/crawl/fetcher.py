"""Fetching one URL politely: robots.txt, a per-host delay and concurrency, redirects followed by
hand (each hop archived and checked), retries with backoff and ``Retry-After``, conditional GET,
and caps on time and size enforced while the body streams in.

A fetch never raises for what a server does: it returns a :class:`Response` or a
:class:`FetchFailure` whose ``code`` is a stable problem code (listed in docs/crawl.md).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from time import time
from urllib.parse import urljoin, urlsplit

import httpx

from warta.crawl.archive import WarcArchive
from warta.crawl.options import CrawlOptions
from warta.crawl.robots import Robots

__all__ = [
    "FETCH_FAILED",
    "HTTP_ERROR",
    "REDIRECT_LOOP",
    "ROBOTS_DISALLOWED",
    "TIMEOUT",
    "TOO_LARGE",
    "TOO_MANY_REDIRECTS",
    "WRONG_CONTENT_TYPE",
    "FetchFailure",
    "FetchResult",
    "Fetcher",
    "HostGate",
    "Response",
    "host_of",
]

logger = logging.getLogger(__name__)

ROBOTS_DISALLOWED = "robots_disallowed"
HTTP_ERROR = "http_error"
TOO_LARGE = "too_large"
WRONG_CONTENT_TYPE = "wrong_content_type"
REDIRECT_LOOP = "redirect_loop"
TOO_MANY_REDIRECTS = "too_many_redirects"
TIMEOUT = "timeout"
FETCH_FAILED = "fetch_failed"

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_RETRY_CODES = frozenset({TIMEOUT, FETCH_FAILED})


@dataclass(frozen=True, slots=True)
class Response:
    """A response read whole: ``url`` asked for, ``final_url`` after redirects, the decoded body."""

    url: str
    final_url: str
    status: int
    headers: httpx.Headers
    body: bytes

    @property
    def content_type(self) -> str:
        return str(self.headers.get("content-type", "")).split(";")[0].strip().lower()


@dataclass(frozen=True, slots=True)
class FetchFailure:
    """A URL that gave no usable response: ``code`` says why (a problem code), ``retry_after``
    is the wait a 429/503 asked for, if any."""

    url: str
    code: str
    detail: str
    status: int | None = None
    retry_after: float | None = None


FetchResult = Response | FetchFailure


@dataclass(slots=True)
class HostGate:
    """Politeness for one host: at most ``concurrency`` requests at once; a request starts at
    least ``delay`` seconds after the previous one started and after the last response ended
    (so the server, whatever the network's jitter, sees requests at least ``delay`` apart); none
    while the host is held (a Retry-After)."""

    delay: float
    concurrency: int
    _next: float = 0.0
    _semaphore: asyncio.Semaphore = field(init=False)
    _lock: asyncio.Lock = field(init=False, default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        self._semaphore = asyncio.Semaphore(self.concurrency)

    def hold(self, seconds: float) -> None:
        """Send nothing to this host for ``seconds`` (it asked us to wait, or failed)."""
        self._next = max(self._next, time() + seconds)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._semaphore:
            async with self._lock:
                wait = self._next - time()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._next = time() + self.delay
            try:
                yield
            finally:
                self._next = max(self._next, time() + self.delay)


class Fetcher:
    """Fetches URLs with one shared ``client`` (see the module docstring). ``pages`` and
    ``bytes`` count what was fetched (requests, bytes over the wire), for the run's limits."""

    def __init__(self, client: httpx.AsyncClient, options: CrawlOptions, archive: WarcArchive | None = None) -> None:
        self._client = client
        self._options = options
        self._archive = archive
        self._gates: dict[str, HostGate] = {}
        self.robots = Robots(self._fetch_robots, options.user_agent)
        self.pages = 0
        self.bytes = 0

    def gate(self, host: str) -> HostGate:
        found = self._gates.get(host)
        if found is None:
            found = self._gates[host] = HostGate(self._options.delay, self._options.per_host)
        return found

    async def fetch(
        self,
        url: str,
        *,
        accept: tuple[str, ...] = (),
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """GET ``url`` as the options say. ``accept``: content types (prefixes) that are wanted;
        others are a ``wrong_content_type`` failure, read no further. A 304 is a Response."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = {url}
        current = url
        for _ in range(self._options.max_redirects + 1):
            if self._options.obey_robots:
                verdict = await self.robots.check(current)
                if verdict is not None:
                    return FetchFailure(url, ROBOTS_DISALLOWED, f"{current}: {verdict}")
                delay = self.robots.crawl_delay(current)
                if delay is not None:
                    gate = self.gate(host_of(current))
                    gate.delay = max(gate.delay, min(delay, self._options.max_delay))
            result = await self._with_retries(current, headers, accept)
            if isinstance(result, FetchFailure):
                return FetchFailure(url, result.code, result.detail, result.status, result.retry_after)
            location = result.headers.get("location")
            if result.status in _REDIRECTS and location:
                current = urljoin(current, location)
                if current in seen:
                    return FetchFailure(url, REDIRECT_LOOP, f"redirects go round in a loop back to {current}")
                seen.add(current)
                continue
            if result.status >= 400 or (result.status >= 300 and result.status != 304):
                return FetchFailure(url, HTTP_ERROR, f"HTTP {result.status} from {current}", result.status)
            return Response(url, current, result.status, result.headers, result.body)
        return FetchFailure(url, TOO_MANY_REDIRECTS, f"more than {self._options.max_redirects} redirects")

    async def _with_retries(self, url: str, headers: dict[str, str], accept: tuple[str, ...]) -> FetchResult:
        options = self._options
        result: FetchResult = FetchFailure(url, FETCH_FAILED, "not fetched")
        for attempt in range(options.retries + 1):
            result = await self._once(url, headers, accept)
            status = result.status
            retry = (isinstance(result, FetchFailure) and result.code in _RETRY_CODES) or status in _RETRY_STATUSES
            if not retry or attempt == options.retries:
                break
            asked = result.retry_after if isinstance(result, FetchFailure) else retry_after(result.headers)
            wait = asked if asked is not None else options.backoff * 2**attempt
            if wait > options.max_wait:
                return FetchFailure(
                    url, HTTP_ERROR, f"HTTP {status}: the server asks to wait {wait:.0f} s", status, wait
                )
            logger.info("%s: %s, trying again in %.1f s", url, status or getattr(result, "code", ""), wait)
            self.gate(host_of(url)).hold(wait)
        return result

    async def _once(self, url: str, headers: dict[str, str], accept: tuple[str, ...]) -> FetchResult:
        """One request, politely: its body read up to the size cap within the page timeout."""
        options = self._options
        async with self.gate(host_of(url)).slot():
            self.pages += 1
            try:
                async with asyncio.timeout(options.page_timeout):
                    async with self._client.stream("GET", url, headers=headers) as response:
                        body = await self._read(url, response, accept)
                        self.bytes += response.num_bytes_downloaded
            except TimeoutError:
                return FetchFailure(url, TIMEOUT, f"no whole response within {options.page_timeout} s")
            except httpx.TimeoutException as exc:
                return FetchFailure(url, TIMEOUT, f"the server went silent ({type(exc).__name__})")
            except httpx.DecodingError as exc:
                return FetchFailure(url, FETCH_FAILED, f"the compressed body is corrupt ({exc})")
            except httpx.HTTPError as exc:
                return FetchFailure(url, FETCH_FAILED, f"{type(exc).__name__}: {exc}")
        if isinstance(body, FetchFailure):
            if self._archive is not None and body.code == HTTP_ERROR:
                self._archive.write(response, b"")  # an error page is a response too; its body is not read
            return body
        if self._archive is not None:
            self._archive.write(response, body)
        return Response(url, url, response.status_code, response.headers, body)

    async def _read(self, url: str, response: httpx.Response, accept: tuple[str, ...]) -> bytes | FetchFailure:
        cap = self._options.max_page_bytes
        status = response.status_code
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            return FetchFailure(url, TOO_LARGE, f"Content-Length {declared} is over the cap of {cap} bytes", status)
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if status == 200 and accept and not kind.startswith(accept):
            return FetchFailure(url, WRONG_CONTENT_TYPE, f"content type {kind or 'none'}, not {' or '.join(accept)}")
        if status in _RETRY_STATUSES:
            return FetchFailure(url, HTTP_ERROR, f"HTTP {status}", status, retry_after(response.headers))
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > cap:  # decoded bytes: a gzip or brotli bomb stops here too
                return FetchFailure(url, TOO_LARGE, f"the body is over the cap of {cap} bytes", status)
        return bytes(body)

    async def _fetch_robots(self, url: str) -> FetchResult:
        """robots.txt, following up to five redirects as RFC 9309 asks (robots are not checked for it)."""
        result = await self._with_retries(url, {}, ())
        for _ in range(5):
            location = result.headers.get("location") if isinstance(result, Response) else None
            if not (location and result.status in _REDIRECTS):
                break
            result = await self._with_retries(urljoin(url, location), {}, ())
        return result


def retry_after(headers: httpx.Headers) -> float | None:
    """The wait a ``Retry-After`` header asks for, in seconds (delta or HTTP date), if any."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time())
    except (TypeError, ValueError, IndexError):
        return None


def host_of(url: str) -> str:
    """The host and port of ``url``, lower-cased: politeness is per host."""
    return urlsplit(url).netloc.lower()
