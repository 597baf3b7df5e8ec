"""robots.txt, read once per site and obeyed, with the standard library's parser.

What an unusable robots.txt means follows RFC 9309: a 4xx (none there) allows everything; a
5xx or no answer at all means the site cannot say, so nothing is fetched from it in this run.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Protocol
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

__all__ = ["Robots"]


class _Fetched(Protocol):
    @property
    def status(self) -> int | None: ...


class Robots:
    """The robots.txt rules of each site (scheme and host) met, fetched with ``fetch`` on first use."""

    def __init__(self, fetch: Callable[[str], Awaitable[_Fetched]], user_agent: str) -> None:
        self._fetch = fetch
        self._agent = user_agent
        self._rules: dict[str, RobotFileParser | str] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def check(self, url: str) -> str | None:
        """None when ``url`` may be fetched; otherwise why not."""
        origin = _origin(url)
        rules = self._rules.get(origin)
        if rules is None:
            lock = self._locks.setdefault(origin, asyncio.Lock())
            async with lock:
                rules = self._rules.get(origin)
                if rules is None:
                    rules = self._rules[origin] = await self._load(origin)
        if isinstance(rules, str):
            return rules
        return None if rules.can_fetch(self._agent, url) else "robots.txt disallows it"

    def crawl_delay(self, url: str) -> float | None:
        """The ``Crawl-delay`` the site's robots.txt sets for us, if any (once it is loaded)."""
        rules = self._rules.get(_origin(url))
        if not isinstance(rules, RobotFileParser):
            return None
        delay = rules.crawl_delay(self._agent)
        return float(delay) if delay is not None else None

    async def _load(self, origin: str) -> RobotFileParser | str:
        result = await self._fetch(origin + "/robots.txt")
        status = result.status
        body = getattr(result, "body", None)
        parser = RobotFileParser()
        if status is not None and 200 <= status < 300 and isinstance(body, bytes):
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
            return parser
        if status is not None and 400 <= status < 500:
            parser.parse([])  # no robots.txt: everything is allowed
            return parser
        what = f"HTTP {status}" if status is not None else getattr(result, "detail", "no answer")
        return f"robots.txt could not be read ({what}): the site is not crawled in this run"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"
