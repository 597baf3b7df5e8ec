"""Article links from the sources a site lists them in: RSS 2.0 / RSS 1.0 / Atom feeds, sitemaps
(urlsets, Google News sitemaps, sitemap indexes, gzipped or not) and HTML section pages.

XML is parsed with lxml in recover mode: a feed with broken XML gives the links that could be
read, and a ``broken_feed`` note saying what was wrong; it never stops the crawl. Entities are
not resolved and nothing is fetched by the parser (no XXE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree, html

from warta.errors import InputError
from warta.extract.sources import gunzip
from warta.publishers import host_in

__all__ = ["BROKEN_FEED", "Found", "from_section", "from_xml"]

BROKEN_FEED = "broken_feed"
_XML_PARSER_OPTIONS = {"recover": True, "resolve_entities": False, "no_network": True, "huge_tree": False}


@dataclass(frozen=True, slots=True)
class Found:
    """What a source lists: ``articles``, ``sitemaps`` (from a sitemap index) and, when the source
    was damaged, ``problem`` (a detail for a ``broken_feed`` problem)."""

    articles: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    problem: str | None = None


def from_xml(body: bytes, base: str, max_bytes: int) -> Found:
    """The links a feed or a sitemap holds (``base``: its URL, for relative links)."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body, base, max_bytes)
        except InputError as exc:
            return Found(problem=f"the gzipped sitemap cannot be read ({exc})")
    parser = etree.XMLParser(**_XML_PARSER_OPTIONS)  # type: ignore[arg-type]
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        return Found(problem=f"not XML ({exc})")
    if root is None:
        return Found(problem="not XML: nothing could be parsed")
    errors = [f"line {e.line}: {e.message}" for e in parser.error_log if e.level >= etree.ErrorLevels.ERROR]
    kind = etree.QName(root).localname.lower()
    articles: list[str] = []
    sitemaps: list[str] = []
    if kind == "sitemapindex":
        sitemaps = _texts(root, "sitemap", "loc")
    elif kind == "urlset":
        articles = _texts(root, "url", "loc")
    elif kind in ("rss", "rdf"):
        articles = _texts(root, "item", "link") or _texts(root, "item", "guid")
    elif kind == "feed":
        articles = [
            link.get("href", "")
            for link in root.iter("{*}link")
            if etree.QName(link.getparent()).localname == "entry" and link.get("rel", "alternate") == "alternate"
        ]
    else:
        errors.insert(0, f"a <{kind}> document is neither a feed nor a sitemap")
    problem = "; ".join(errors[:3]) + (f" (and {len(errors) - 3} more)" if len(errors) > 3 else "") if errors else None
    return Found(_urls(articles, base), _urls(sitemaps, base), problem)


def from_section(body: bytes, base: str, pattern: re.Pattern[str], domains: tuple[str, ...] = ()) -> Found:
    """The article links of an HTML section or index page: links on the page's own site (or the
    ``domains`` given) whose URL matches ``pattern``."""
    try:
        doc = html.document_fromstring(body)
    except (etree.ParserError, ValueError) as exc:
        return Found(problem=f"the section page cannot be parsed ({exc})")
    site = urlsplit(base).netloc.lower().removeprefix("www.")
    links = []
    for anchor in doc.iter("a"):
        href = anchor.get("href")
        if not href:
            continue
        url = urldefrag(urljoin(base, href.strip()))[0]
        parts = urlsplit(url)
        same_site = parts.netloc.lower().removeprefix("www.") == site or host_in(parts.hostname or "", domains)
        # The pattern is for the path and query: a host name or port must not make a link an article.
        if same_site and url != base and pattern.search(parts.path + ("?" + parts.query if parts.query else "")):
            links.append(url)
    return Found(_urls(links, base))


def _texts(root: etree._Element, parent: str, child: str) -> list[str]:
    return [
        (element.text or "").strip()
        for element in root.iter(f"{{*}}{child}")
        if etree.QName(element.getparent()).localname == parent
    ]


def _urls(candidates: list[str], base: str) -> tuple[str, ...]:
    """Absolute http(s) URLs without fragments, each once, in order."""
    out: dict[str, None] = {}
    for candidate in candidates:
        url = urldefrag(urljoin(base, candidate.strip()))[0]
        if url.startswith(("http://", "https://")):
            out.setdefault(url, None)
    return tuple(out)
