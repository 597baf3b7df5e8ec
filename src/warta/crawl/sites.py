"""Where a publisher's articles are listed, as data: the ``[crawl]`` table of a publisher file.

A publisher profile (``publishers/*.toml``) may carry a ``[crawl]`` table; publishers warta
crawls but has no extraction profile for yet (no real page to test one against) have a
crawl-only file in ``publishers/crawl/`` with ``id``, ``name``, ``domains``, ``[pagination]``
and ``[crawl]``::

    [crawl]
    feeds = ["https://www.example.co.id/rss"]          # RSS 2.0, RSS 1.0 or Atom
    sitemaps = ["https://www.example.co.id/sitemap-news.xml"]  # urlset, news sitemap or index
    sections = ["https://www.example.co.id/indeks"]   # HTML pages listing articles
    article_pattern = "/\\\\d{4}/\\\\d{2}/\\\\d{2}/"       # which links of a section page are articles

The pagination rule (how an article is split over pages) is the profile's ``[pagination]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from warta.errors import ConfigurationError
from warta.publishers import Pagination, host_in, parse_pagination, publisher_files, string_list

__all__ = ["DEFAULT_ARTICLE_PATTERN", "CrawlSite", "all_sites", "parse_site", "site_for", "site_named"]

#: Which links of a section page are articles when a site does not say: a date in the path
#: (Tribun, Kompas ``/2024/05/01/``), a long number (detik ``d-7312345``, most CMS ids), or
#: Kompas's ``/read/``. Index pages link their sections too; those have none of these.
DEFAULT_ARTICLE_PATTERN = r"/\d{4}/\d{2}/\d{2}/|\d{5,}|/read/"

_CRAWL_KEYS = {"feeds", "sitemaps", "sections", "article_pattern"}
_CRAWL_ONLY_KEYS = {"id", "name", "publisher", "domains", "pagination", "crawl", "notes"}


@dataclass(frozen=True, slots=True)
class CrawlSite:
    """A publisher's crawl data: its seeds (feeds, sitemaps, section pages), which links are
    articles, and how its articles are split over pages."""

    id: str
    name: str
    domains: tuple[str, ...]
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    article_pattern: re.Pattern[str] = field(default_factory=lambda: re.compile(DEFAULT_ARTICLE_PATTERN))
    pagination: Pagination = field(default_factory=Pagination)

    def matches(self, host: str) -> bool:
        return host_in(host, self.domains)

    def seeds(self) -> list[tuple[str, str]]:
        """``(url, kind)`` of every seed."""
        return (
            [(u, "feed") for u in self.feeds]
            + [(u, "sitemap") for u in self.sitemaps]
            + [(u, "section") for u in self.sections]
        )


def parse_site(data: dict[str, Any], source: str) -> CrawlSite:
    """Validate a publisher file's crawl data."""
    crawl = data.get("crawl")
    if not isinstance(crawl, dict):
        raise ConfigurationError(f"publisher file {source}: [crawl] must be a table")
    unknown = set(crawl) - _CRAWL_KEYS
    if unknown:
        raise ConfigurationError(f"publisher file {source}: unknown keys in [crawl]: {sorted(unknown)}")
    lists = {key: string_list(crawl, key, source) for key in ("feeds", "sitemaps", "sections")}
    for key, urls in lists.items():
        bad = [u for u in urls if not u.startswith(("http://", "https://"))]
        if bad:
            raise ConfigurationError(f"publisher file {source}: [crawl] {key} must be http(s) URLs, not {bad}")
    try:
        pattern = re.compile(str(crawl.get("article_pattern", DEFAULT_ARTICLE_PATTERN)))
    except re.error as exc:
        raise ConfigurationError(f"publisher file {source}: [crawl] article_pattern is not a regex: {exc}") from exc
    for key in ("id", "name", "domains"):
        if key not in data:
            raise ConfigurationError(f"publisher file {source}: missing required key '{key}'")
    return CrawlSite(
        id=str(data["id"]),
        name=str(data["name"]),
        domains=tuple(d.lower() for d in string_list(data, "domains", source)),
        feeds=lists["feeds"],
        sitemaps=lists["sitemaps"],
        sections=lists["sections"],
        article_pattern=pattern,
        pagination=parse_pagination(data, source),
    )


@cache
def all_sites() -> tuple[CrawlSite, ...]:
    """Every bundled publisher with crawl data: profiles with a ``[crawl]`` table, then the
    crawl-only files."""
    sites = [parse_site(data, name) for name, data in publisher_files() if "crawl" in data]
    for name, data in publisher_files("crawl"):
        unknown = set(data) - _CRAWL_ONLY_KEYS
        if unknown:
            raise ConfigurationError(f"publisher file crawl/{name}: unknown keys {sorted(unknown)}")
        sites.append(parse_site(data, f"crawl/{name}"))
    return tuple(sites)


def site_named(site_id: str) -> CrawlSite:
    """The bundled site with this id; a :class:`ConfigurationError` listing the ids otherwise."""
    for site in all_sites():
        if site.id == site_id:
            return site
    known = ", ".join(s.id for s in all_sites())
    raise ConfigurationError(f"no publisher with crawl data is called {site_id!r}; known: {known}")


def site_for(host: str | None, extra: tuple[CrawlSite, ...] = ()) -> CrawlSite | None:
    """The site whose domains cover ``host`` (``extra`` sites first), if any."""
    if not host:
        return None
    return next((s for s in (*extra, *all_sites()) if s.matches(host)), None)
