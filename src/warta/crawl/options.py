"""The knobs of a crawl, in one frozen :class:`CrawlOptions` (the CLI fills it from its flags)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from warta import __version__
from warta.errors import CrawlError

__all__ = ["DEFAULT_USER_AGENT", "CrawlOptions"]

DEFAULT_USER_AGENT = f"warta/{__version__} (news research crawler; set --user-agent to name yourself and a contact)"


@dataclass(frozen=True, slots=True)
class CrawlOptions:
    """How to crawl. Politeness: ``delay`` seconds between two requests to one host (a
    robots.txt ``Crawl-delay`` that is longer wins, up to ``max_delay``), at most ``per_host``
    requests to one host at once, ``concurrency`` in all; ``obey_robots``.

    Retries: a 429, a 5xx or a network error is tried again up to ``retries`` times, after the
    response's ``Retry-After`` or else ``backoff`` x 2^attempt seconds; a wait longer than
    ``max_wait`` is not waited for (the URL fails and is tried at the next run).

    Limits: ``timeout`` per network read, ``page_timeout`` for a whole response (a server that
    drips bytes), ``max_page_bytes`` per response (after decompression), ``max_redirects``;
    for the run, ``max_pages`` fetches, ``max_bytes`` downloaded and ``max_seconds``.
    ``max_article_pages``: pages followed in one multi-page article.

    ``workers``: processes extracting and analysing what was fetched (1: the writer thread).
    ``warc_dir``: where the WARC files go (None: no archive), a new file after
    ``warc_max_bytes``. ``follow``: keep polling the sources every ``poll_interval`` seconds.
    ``since`` (an aware datetime): feed and sitemap entries dated before it are not queued.
    """

    user_agent: str = DEFAULT_USER_AGENT
    delay: float = 1.0
    max_delay: float = 30.0
    per_host: int = 2
    concurrency: int = 16
    obey_robots: bool = True
    retries: int = 3
    backoff: float = 1.0
    max_wait: float = 120.0
    timeout: float = 20.0
    page_timeout: float = 60.0
    max_page_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    max_pages: int | None = None
    max_bytes: int | None = None
    max_seconds: float | None = None
    max_article_pages: int = 20
    workers: int = 1
    warc_dir: Path | None = None
    warc_max_bytes: int = 1024 * 1024 * 1024
    follow: bool = False
    poll_interval: float = 600.0
    since: datetime | None = None

    def __post_init__(self) -> None:
        checks = {
            "delay": self.delay >= 0,
            "per_host": self.per_host >= 1,
            "concurrency": self.concurrency >= 1,
            "retries": self.retries >= 0,
            "timeout": self.timeout > 0,
            "page_timeout": self.page_timeout > 0,
            "max_page_bytes": self.max_page_bytes > 0,
            "max_article_pages": self.max_article_pages >= 1,
            "workers": self.workers >= 1,
            "poll_interval": self.poll_interval > 0,
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            raise CrawlError(f"crawl options out of range: {', '.join(bad)} (see warta crawl --help)")
        if self.since is not None and self.since.tzinfo is None:
            raise CrawlError("crawl option since needs a time zone (a naive datetime is ambiguous)")
        if not self.user_agent.strip():
            raise CrawlError("the User-Agent must not be empty: say who is crawling (--user-agent)")
