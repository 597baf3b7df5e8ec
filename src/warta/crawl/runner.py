"""The crawl run: fetch what the frontier holds, politely, and ingest what was fetched.

Two threads share the work. The event loop (this module's :class:`_Crawl`) claims due URLs from
the frontier (in the store, so a killed crawl resumes where it stopped), fetches them
(:class:`~warta.crawl.fetcher.Fetcher`), reads feeds, sitemaps and section pages for article
links, follows the pages of multi-page articles, and hands each article's pages to the writer.
The writer thread extracts, merges and analyses them and writes them through the ingest write
path (:func:`warta.ingest.runner.write_outcomes`: dedup, near-duplicates, stories, problems),
then marks the URL done. A bounded queue between them keeps memory flat when fetching is
faster than analysis.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
from lxml import etree, html

from warta.crawl.archive import WarcArchive
from warta.crawl.discover import BROKEN_FEED, Found, from_section, from_xml
from warta.crawl.fetcher import Fetcher, FetchFailure, Response, host_of
from warta.crawl.lock import crawl_lock
from warta.crawl.options import CrawlOptions
from warta.crawl.sites import DEFAULT_ARTICLE_PATTERN, CrawlSite, site_for
from warta.crawl.writer import Job, Writer
from warta.errors import CrawlError
from warta.extract.limits import LoadOptions
from warta.extract.pagination import detect
from warta.ingest.records import InputPage, ReadProblem
from warta.ingest.runner import IngestSummary
from warta.store import Store
from warta.store.frontier import FrontierEntry, FrontierUpdate

__all__ = ["CrawlSummary", "Seeds", "crawl"]

logger = logging.getLogger(__name__)

_HTML = ("text/html", "application/xhtml+xml")
_PATTERN = re.compile(DEFAULT_ARTICLE_PATTERN)


@dataclass(frozen=True, slots=True)
class Seeds:
    """Where a crawl starts: configured ``sites`` (their feeds, sitemaps and section pages) and
    URLs given by hand, each of a kind."""

    sites: tuple[CrawlSite, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()

    def entries(self) -> list[FrontierEntry]:
        given = [
            *((u, "feed", None) for u in self.feeds),
            *((u, "sitemap", None) for u in self.sitemaps),
            *((u, "section", None) for u in self.sections),
            *((u, "article", None) for u in self.articles),
            *((u, kind, s.id) for s in self.sites for u, kind in s.seeds()),
        ]
        for url, _, _ in given:
            if not url.startswith(("http://", "https://")):
                raise CrawlError(f"{url!r} is not an http(s) URL; give seeds as full URLs")
        return [FrontierEntry(url, host_of(url), kind, site) for url, kind, site in given]


@dataclass(frozen=True, slots=True)
class CrawlSummary:
    """What a crawl did: ``requests`` made and ``bytes`` downloaded, ``articles`` handed to the
    writer (``extra_pages`` of them were further pages of multi-page articles), ``not_modified``
    sources (304), ``discovered`` new URLs, fetch ``problems`` by code; ``ingest`` is the
    writer's summary (None with ``--no-ingest``); ``frontier`` counts URLs by state after the run."""

    requests: int
    bytes: int
    articles: int
    extra_pages: int
    not_modified: int
    discovered: int
    problems: dict[str, int]
    seconds: float
    ingest: IngestSummary | None
    frontier: dict[str, int]
    warc_files: tuple[str, ...] = ()
    stopped_by: str | None = None

    @property
    def pages_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "bytes": self.bytes,
            "articles": self.articles,
            "extra_pages": self.extra_pages,
            "not_modified": self.not_modified,
            "discovered": self.discovered,
            "problems": dict(sorted(self.problems.items())),
            "seconds": round(self.seconds, 3),
            "pages_per_second": round(self.pages_per_second, 2),
            "ingest": self.ingest.to_dict() if self.ingest else None,
            "frontier": dict(sorted(self.frontier.items())),
            "warc_files": list(self.warc_files),
            "stopped_by": self.stopped_by,
        }


def crawl(
    store: Store,
    seeds: Seeds,
    options: CrawlOptions | None = None,
    *,
    ingest: bool = True,
    load: LoadOptions | None = None,
) -> CrawlSummary:
    """Crawl from ``seeds`` and what the store's frontier still holds, into ``store`` (see the
    module docstring). With ``ingest`` False pages are only archived (``options.warc_dir``)."""
    opts = options or CrawlOptions()
    if not ingest and opts.warc_dir is None:
        raise CrawlError("--no-ingest keeps pages only in the WARC archive: give --warc DIR too")
    if store.path == ":memory:":
        raise CrawlError("a crawl needs a store file (the writer opens it a second time), not :memory:")
    with crawl_lock(store.path):
        return _crawl(store, seeds, opts, ingest, load)


def _crawl(store: Store, seeds: Seeds, opts: CrawlOptions, ingest: bool, load: LoadOptions | None) -> CrawlSummary:
    started = time.perf_counter()
    store.frontier_resume()
    seeded = seeds.entries()
    store.frontier_add(seeded)
    inputs = [e.url for e in seeded] or ["frontier"]
    writer = Writer(store.path, inputs, load or LoadOptions(), opts.concurrency * 4, opts.workers)
    if ingest:
        writer.start()
    archive = WarcArchive(opts.warc_dir, opts.warc_max_bytes) if opts.warc_dir else None
    run = _Crawl(store, seeds, opts, writer if ingest else None, archive)
    try:
        asyncio.run(run.run())
    finally:
        if archive is not None:
            archive.close()
        summary = writer.finish() if ingest else None
    return CrawlSummary(
        requests=run.requests,
        bytes=run.bytes,
        articles=run.articles,
        extra_pages=run.extra_pages,
        not_modified=run.not_modified,
        discovered=run.discovered,
        problems=dict(run.problems),
        seconds=time.perf_counter() - started,
        ingest=summary,
        frontier=store.frontier_counts(),
        warc_files=tuple(str(p) for p in archive.files) if archive else (),
        stopped_by=run.stopped_by,
    )


@dataclass(slots=True)
class _Crawl:
    store: Store
    seeds: Seeds
    options: CrawlOptions
    writer: Writer | None
    archive: WarcArchive | None
    articles: int = 0
    extra_pages: int = 0
    not_modified: int = 0
    discovered: int = 0
    problems: dict[str, int] = field(default_factory=dict)
    stopped_by: str | None = None
    _fetcher: Fetcher | None = None

    @property
    def requests(self) -> int:
        return self._fetcher.pages if self._fetcher else 0

    @property
    def bytes(self) -> int:
        return self._fetcher.bytes if self._fetcher else 0

    async def run(self) -> None:
        opts = self.options
        limits = httpx.Limits(max_connections=opts.concurrency, max_keepalive_connections=opts.concurrency)
        timeout = httpx.Timeout(opts.timeout)
        headers = {"User-Agent": opts.user_agent}
        deadline = time.monotonic() + opts.max_seconds if opts.max_seconds is not None else None
        async with httpx.AsyncClient(headers=headers, timeout=timeout, limits=limits, follow_redirects=False) as client:
            self._fetcher = Fetcher(client, opts, self.archive)
            active: set[asyncio.Task[None]] = set()
            while True:
                self.stopped_by = self._spent(deadline)
                if self.stopped_by:
                    break
                free = opts.concurrency - len(active)
                if free > 0:
                    for entry in self.store.frontier_claim(time.time(), free):
                        active.add(asyncio.create_task(self._handle(entry)))
                if active:
                    _, active = await asyncio.wait(active, timeout=0.25, return_when=asyncio.FIRST_COMPLETED)
                    continue
                due = self.store.frontier_next_due()
                if due is None:
                    break  # nothing left to fetch
                await asyncio.sleep(min(max(due - time.time(), 0.01), 1.0))
            for task in active:
                task.cancel()  # their URLs stay "fetching": the next run fetches them
            await asyncio.gather(*active, return_exceptions=True)

    def _spent(self, deadline: float | None) -> str | None:
        """Which limit of the run is reached, if any."""
        opts, fetcher = self.options, self._fetcher
        if self.writer is not None and self.writer.failed is not None:
            raise CrawlError(f"the writer stopped: {self.writer.failed}") from self.writer.failed
        if deadline is not None and time.monotonic() >= deadline:
            return "max_seconds"
        if fetcher is not None and opts.max_pages is not None and fetcher.pages >= opts.max_pages:
            return "max_pages"
        if fetcher is not None and opts.max_bytes is not None and fetcher.bytes >= opts.max_bytes:
            return "max_bytes"
        return None

    async def _handle(self, entry: FrontierEntry) -> None:
        try:
            if entry.kind == "article":
                await self._article(entry)
            else:
                await self._source(entry)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug met on one URL must not stop the crawl
            logger.exception("%s: unexpected error", entry.url)
            self._count("internal_error")
            self.store.frontier_update(entry.url, FrontierUpdate("failed", detail=f"{type(exc).__name__}: {exc}"))

    def _site(self, entry: FrontierEntry) -> CrawlSite | None:
        if entry.site:
            found = next((s for s in self.seeds.sites if s.id == entry.site), None)
            if found is not None:
                return found
        return site_for(urlsplit(entry.url).hostname, self.seeds.sites)

    async def _source(self, entry: FrontierEntry) -> None:
        assert self._fetcher is not None
        result = await self._fetcher.fetch(entry.url, etag=entry.etag, last_modified=entry.last_modified)
        later = time.time() + self.options.poll_interval if self.options.follow else 0.0
        again = "pending" if self.options.follow else "done"
        if isinstance(result, FetchFailure):
            await self._problem(None, result.url, result.code, result.detail)
            state = again if self.options.follow else "failed"
            self.store.frontier_update(entry.url, FrontierUpdate(state, later, result.status, result.detail))
            return
        if result.status == 304:
            self.not_modified += 1
            self.store.frontier_update(entry.url, FrontierUpdate(again, later, 304, "not modified"))
            return
        found = self._links(entry, result)
        if found.problem:
            await self._problem(None, entry.url, BROKEN_FEED, found.problem)
        site = entry.site
        new = [FrontierEntry(u, host_of(u), "article", site, entry.url) for u in found.articles]
        new += [FrontierEntry(u, host_of(u), "sitemap", site, entry.url) for u in found.sitemaps]
        self.discovered += self.store.frontier_add(new)
        change = FrontierUpdate(
            again,
            later,
            result.status,
            f"{len(found.articles)} article link(s), {len(found.sitemaps)} sitemap(s)"
            + (f", {found.older} older than --since left out" if found.older else ""),
            etag=result.headers.get("etag"),
            last_modified=result.headers.get("last-modified"),
        )
        self.store.frontier_update(entry.url, change)

    def _links(self, entry: FrontierEntry, result: Response) -> Found:
        cap = self.options.max_page_bytes
        if entry.kind != "section":
            return from_xml(result.body, result.final_url, cap, self.options.since)
        site = self._site(entry)
        if site is not None:
            return from_section(result.body, result.final_url, site.article_pattern, site.domains)
        return from_section(result.body, result.final_url, _PATTERN)

    async def _article(self, entry: FrontierEntry) -> None:
        assert self._fetcher is not None
        site = self._site(entry)
        whole = site.pagination.all_pages if site is not None else None
        first_url = _with_query(entry.url, whole) if whole else entry.url
        first = await self._fetcher.fetch(first_url, accept=_HTML)
        if isinstance(first, FetchFailure):
            await self._problem(entry.url, entry.url, first.code, first.detail, first.status)
            return
        pages = [first]
        seen = {entry.url, first.url, first.final_url}
        while not whole and len(pages) < self.options.max_article_pages and self._spent(None) is None:
            following = _next_page(pages[-1], site)
            if following is None or following in seen:
                break
            seen.add(following)
            result = await self._fetcher.fetch(following, accept=_HTML)
            if isinstance(result, FetchFailure):
                await self._problem(None, following, result.code, result.detail)
                break  # the merged article carries a missing_page problem
            pages.append(result)
            self.extra_pages += 1
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        first_as = entry.url if first.final_url == first_url else first.final_url
        items = [
            InputPage(p.body, entry.url if i == 0 else p.final_url, "html", first_as if i == 0 else p.final_url, stamp)
            for i, p in enumerate(pages)
        ]
        self.articles += 1
        if self.archive is not None and len(pages) > 1:
            self.archive.write_pages(entry.url, [p.final_url for p in pages])
        await self._hand(Job(entry.url, "done", pages=tuple(items)), FrontierUpdate("fetched", status=first.status))

    async def _problem(self, url: str | None, source: str, code: str, detail: str, status: int | None = None) -> None:
        """Record a fetch problem; ``url``: the frontier URL it ends (failed), if any."""
        self._count(code)
        job = Job(url, "failed", problem=ReadProblem(source, code, detail))
        await self._hand(job, FrontierUpdate("fetched", status=status, detail=detail) if url else None)

    async def _hand(self, job: Job, fetched: FrontierUpdate | None) -> None:
        """Give a job to the writer (the frontier says ``fetched`` first: the writer marks it done)."""
        if job.url is not None and self.writer is None:
            # Archive-only crawl: the page is in the WARC file, which is all that is kept.
            self.store.frontier_update(job.url, FrontierUpdate(job.state, status=fetched.status if fetched else None))
            return
        if job.url is not None and fetched is not None:
            self.store.frontier_update(job.url, fetched)
        if self.writer is not None:
            while not self.writer.offer(job):
                await asyncio.sleep(0.02)  # the writer is behind: wait for room
                self._spent(None)  # raises if the writer died

    def _count(self, code: str) -> None:
        self.problems[code] = self.problems.get(code, 0) + 1


def _next_page(page: Response, site: CrawlSite | None) -> str | None:
    """The URL of the article's next page, found as extraction finds it (:func:`detect`)."""
    try:
        doc = html.document_fromstring(page.body)
    except (etree.ParserError, ValueError):
        return None
    style = site.pagination.style if site is not None and site.pagination.style != "none" else "query"
    param = site.pagination.param if site is not None else "page"
    text = etree.tostring(doc, method="text", encoding="unicode")
    info = detect(doc, page.final_url, str(text), style=style, param=param)
    if info.total is not None and info.number >= info.total:
        return None
    return info.next_url


def _with_query(url: str, query: str) -> str:
    """``url`` with ``query`` (``page=all``) set in its query string."""
    parts = urlsplit(url)
    pairs = dict(parse_qsl(parts.query, keep_blank_values=True))
    pairs.update(parse_qsl(query, keep_blank_values=True))
    return urlunsplit(parts._replace(query=urlencode(pairs)))
