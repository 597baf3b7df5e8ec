"""Crawling: fetch Indonesian news sites politely and completely, keep every response, ingest.

``sites`` (publisher crawl data: feeds, sitemaps, section pages, the pagination rule), ``discover``
(links from feeds, sitemaps and section pages), ``robots``, ``fetcher`` (politeness, retries,
redirects, caps), ``archive`` (WARC files), ``writer`` (the ingest write path, in a thread) and
``runner`` (the frontier, kept in the store, and the run). docs/crawl.md tells how to use it.

>>> from warta.crawl import CrawlOptions, Seeds, crawl
>>> from warta.store import open_store
>>> with open_store("warta.db") as store:  # doctest: +SKIP
...     summary = crawl(store, Seeds(feeds=("https://www.antaranews.com/rss/terkini.xml",)), CrawlOptions())
"""

from __future__ import annotations

from warta.crawl.options import DEFAULT_USER_AGENT, CrawlOptions
from warta.crawl.runner import CrawlSummary, Seeds, crawl
from warta.crawl.sites import CrawlSite, all_sites, site_named

__all__ = [
    "DEFAULT_USER_AGENT",
    "CrawlOptions",
    "CrawlSite",
    "CrawlSummary",
    "Seeds",
    "all_sites",
    "crawl",
    "site_named",
]
