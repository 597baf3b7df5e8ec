"""Article links from the sources a site lists them in: RSS 2.0 / RSS 1.0 / Atom feeds, sitemaps
(urlsets, Google News sitemaps, sitemap indexes, gzipped or not) and HTML section pages.

XML is parsed with lxml in recover mode: a feed with broken XML gives the links that could be
read, and a ``broken_feed`` note saying what was wrong; it never stops the crawl. Entities are
not resolved and nothing is fetched by the parser (no XXE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree, html

from warta.errors import InputError
from warta.extract.dates import WIB
from warta.extract.sources import gunzip
from warta.extract.xmlrefs import numeric_references_in_bytes, xml_parser
from warta.publishers import host_in

__all__ = ["BROKEN_FEED", "Found", "from_section", "from_xml", "parse_feed_date"]

BROKEN_FEED = "broken_feed"


@dataclass(frozen=True, slots=True)
class Found:
    """What a source lists: ``articles``, ``sitemaps`` (from a sitemap index) and, when the source
    was damaged, ``problem`` (a detail for a ``broken_feed`` problem)."""

    articles: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    problem: str | None = None
    older: int = 0  # entries left out because their date is before ``since``


def from_xml(body: bytes, base: str, max_bytes: int, since: datetime | None = None) -> Found:
    """The links a feed or a sitemap holds (``base``: its URL, for relative links).

    With ``since`` (an aware datetime), an entry dated before it is left out (counted in
    ``older``): a sitemap's or sitemap index's ``<lastmod>``, a news sitemap's
    ``<news:publication_date>``, an RSS item's ``<pubDate>``, an Atom entry's ``<updated>`` or
    ``<published>``. An entry with no date, or one that cannot be read, is kept.
    """
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body, base, max_bytes)
        except InputError as exc:
            return Found(problem=f"the gzipped sitemap cannot be read ({exc})")
    parser = xml_parser()
    # Named references made numeric first: after any error libxml2's recover mode drops later
    # named ones, and "?a=1&amp;b=2" became "?a=1b=2" (warta.extract.xmlrefs).
    body = numeric_references_in_bytes(body.lstrip(b" \t\r\n"))
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
    older = 0
    if kind == "sitemapindex":
        sitemaps, older = _recent(_entries(root, "sitemap", ("loc",), ("lastmod",)), since)
    elif kind == "urlset":
        articles, older = _recent(_entries(root, "url", ("loc",), ("publication_date", "lastmod")), since)
    elif kind in ("rss", "rdf"):
        items = _entries(root, "item", ("link", "guid"), ("pubDate", "date"))
        articles, older = _recent(items, since)
    elif kind == "feed":
        articles, older = _recent(_atom_entries(root), since)
    else:
        errors.insert(0, f"a <{kind}> document is neither a feed nor a sitemap")
    problem = "; ".join(errors[:3]) + (f" (and {len(errors) - 3} more)" if len(errors) > 3 else "") if errors else None
    return Found(_urls(articles, base), _urls(sitemaps, base), problem, older)


def _entries(
    root: etree._Element, parent: str, links: tuple[str, ...], dates: tuple[str, ...]
) -> list[tuple[str, str | None]]:
    """(link, date text) of each ``parent`` element: its first non-empty child named in ``links``
    (a child of its own: an image sitemap nests ``<image:loc>``) and the first element named in
    ``dates`` at any depth (a news sitemap nests its date)."""
    out = []
    for element in root.iter(f"{{*}}{parent}"):
        found: dict[str, str] = {}
        for child in element.iter():
            if child is element or not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            text = (child.text or "").strip()
            wanted = name in dates or (name in links and child.getparent() is element)
            if text and wanted and name not in found:
                found[name] = text
        link = next((found[n] for n in links if n in found), None)
        if link is not None:
            out.append((link, next((found[n] for n in dates if n in found), None)))
    return out


def _atom_entries(root: etree._Element) -> list[tuple[str, str | None]]:
    out = []
    for entry in root.iter("{*}entry"):
        href = next(
            (
                link.get("href", "")
                for link in entry.iter("{*}link")
                if link.getparent() is entry and link.get("rel", "alternate") == "alternate"
            ),
            None,
        )
        if href is None:
            continue
        dated = next((e.text for e in entry if etree.QName(e).localname in ("updated", "published") and e.text), None)
        out.append((href, dated))
    return out


def _recent(entries: list[tuple[str, str | None]], since: datetime | None) -> tuple[list[str], int]:
    """The links of the entries not dated before ``since``, and how many were."""
    if since is None:
        return [link for link, _ in entries], 0
    kept = []
    for link, dated in entries:
        when = parse_feed_date(dated) if dated else None
        if when is None or when >= since:
            kept.append(link)
    return kept, len(entries) - len(kept)


def parse_feed_date(text: str) -> datetime | None:
    """A feed's or a sitemap's date: W3C/ISO 8601 ("2024-06-18", "2024-06-18T10:00:00+07:00")
    or RFC 822 ("Tue, 18 Jun 2024 10:00:00 +0700"); a date without a zone is taken as WIB
    (UTC+7). None when it cannot be read."""
    text = text.strip()
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return when if when.tzinfo is not None else when.replace(tzinfo=WIB)


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


def _urls(candidates: list[str], base: str) -> tuple[str, ...]:
    """Absolute http(s) URLs without fragments, each once, in order."""
    out: dict[str, None] = {}
    for candidate in candidates:
        url = urldefrag(urljoin(base, candidate.strip()))[0]
        if url.startswith(("http://", "https://")):
            out.setdefault(url, None)
    return tuple(out)
