"""An RSS 2.0, RSS 1.0 (RDF) or Atom feed saved as a page -> an Article holding the feed's text.

A feed is not one article (it keeps the problem ``not_an_article``), but its text is worth
reading: read as HTML, the markup its item descriptions carry escaped came out as words
(``<img src=...>`` inside paragraphs, dates glued to titles, links glued to text). Read as XML,
the feed gives:

- ``title``: the channel's (feed's) title; ``description``: its description (subtitle);
- ``paragraphs``: for each item (entry), in feed order, its title, then its description or
  content with the HTML inside stripped to text;
- ``related``: each item's title with its link;
- ``published``: None (a feed lists many articles and has no date of its own).

XML is parsed with lxml in recover mode, entities unresolved and nothing fetched (no XXE). A
document lxml cannot read as a feed (no root element, or a root that is not ``rss``,
``rdf:RDF`` or ``feed``) gives None, and the page takes the HTML path.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import urljoin, urlparse

from lxml import etree, html

from warta.extract.blocks import BLOCK_TAGS, read_region
from warta.extract.boilerplate import normalize_space
from warta.extract.language import detect_language, language_code
from warta.extract.xmlrefs import numeric_references, xml_parser
from warta.model import Article, RawPage, RelatedLink
from warta.publishers import profile_for

__all__ = ["FEED_PROBLEM", "Feed", "FeedItem", "extract_feed", "html_paragraphs", "read_feed"]

log = logging.getLogger(__name__)

FEED_PROBLEM = "the page is an RSS/Atom feed, not an article"  # the not_an_article detail

_RSS_OWN = frozenset({"", "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/"})
_ATOM_OWN = frozenset({"http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#", ""})
_CONTENT = frozenset({"http://purl.org/rss/1.0/modules/content/"})

# Markup that makes a description HTML with paragraphs of its own; without it, the description
# is plain text whose line breaks are its paragraphs.
_BLOCK_MARKUP = re.compile(rf"<(?:br|{'|'.join(sorted(BLOCK_TAGS))})\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One item (entry) of a feed: its title, the text of its description or content, its link."""

    title: str | None
    paragraphs: tuple[str, ...]
    link: str | None


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed's channel and its items, in feed order. ``kind`` is ``rss``, ``rdf`` or ``atom``."""

    kind: str
    title: str | None
    description: str | None
    link: str | None
    language: str | None
    items: tuple[FeedItem, ...]


def _parse(content: str) -> Any | None:
    """The feed's root element, or None when lxml finds no element at all."""
    text = numeric_references(content.lstrip("\ufeff \t\r\n"))  # see xmlrefs: why
    parser = xml_parser(encoding="utf-8")  # the page is already decoded; its prolog's encoding no longer applies
    try:
        root = etree.fromstring(text.encode("utf-8", "replace"), parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        log.debug("feed not readable as XML: %s", exc)
        return None
    if parser.error_log:
        log.debug("feed read in recover mode: %s", parser.error_log[0])
    return root


def _name(element: Any) -> tuple[str, str]:
    """(namespace, local name) of an element; comments and processing instructions give ("", "").

    A prefix the feed never declared stays in the tag in recover mode ("rdf:RDF"): it is dropped.
    """
    tag = element.tag
    if not isinstance(tag, str):
        return "", ""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag.rpartition(":")[2]


def _children(parent: Any, name: str, namespaces: frozenset[str]) -> list[Any]:
    wanted = {(namespace, name) for namespace in namespaces}
    return [child for child in parent if _name(child) in wanted]


def _child(parent: Any, name: str, namespaces: frozenset[str]) -> Any | None:
    """The first child of that name with some text or an ``href`` (``atom:link`` has only that)."""
    for child in _children(parent, name, namespaces):
        if "".join(child.itertext()).strip() or len(child) or child.get("href"):
            return child
    return None


def _plain(element: Any | None) -> str | None:
    if element is None:
        return None
    return normalize_space("".join(element.itertext())) or None


def html_paragraphs(markup: str) -> tuple[str, ...]:
    """The text of an HTML fragment as paragraphs: tags, images and scripts out, entities decoded.

    A fragment with no block markup (``<p>``, ``<br>``, ``<div>`` ...) is plain text, whose
    line breaks are its paragraphs.
    """
    if not markup.strip():
        return ()
    if not _BLOCK_MARKUP.search(markup):
        markup = "<br>".join(markup.splitlines())
    try:
        root = html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return ()
    return read_region(root).paragraphs


def _text_construct(element: Any | None, *, atom: bool) -> tuple[str, ...]:
    """Paragraphs of a title, description, summary or content element.

    RSS puts HTML in its descriptions, escaped or in CDATA (some feeds leave it as elements).
    Atom says which it holds: ``type="text"`` (the default, plain text), ``"html"`` (escaped
    HTML) or ``"xhtml"`` (XHTML elements inside).
    """
    if element is None:
        return ()
    kind = (element.get("type") or ("text" if atom else "html")).lower()
    if "html" in kind and len(element):
        inner = escape(element.text or "", quote=False) + "".join(
            etree.tostring(child, encoding="unicode", method="html") for child in element
        )
        return html_paragraphs(inner)
    text = "".join(element.itertext())
    if "html" in kind:
        return html_paragraphs(text)
    return tuple(line for line in (normalize_space(part) for part in text.splitlines()) if line)


def _one_line(paragraphs: tuple[str, ...]) -> str | None:
    return " ".join(paragraphs) or None


def _longer(*candidates: tuple[str, ...]) -> tuple[str, ...]:
    """The candidate with the most text: a feed's content is the full text, its description a teaser."""
    return max(candidates, key=lambda paragraphs: sum(len(p) for p in paragraphs))


def _rss_item(item: Any, base: str | None) -> FeedItem:
    link = _plain(_child(item, "link", _RSS_OWN))
    if link is None:
        guid = _child(item, "guid", _RSS_OWN)
        if guid is not None and guid.get("isPermaLink", "true").lower() != "false":
            link = _plain(guid)
    link = _absolute(link, base)
    title = _one_line(_text_construct(_child(item, "title", _RSS_OWN), atom=False))
    description = _text_construct(_child(item, "description", _RSS_OWN), atom=False)
    content = _text_construct(_child(item, "encoded", _CONTENT), atom=False)
    return FeedItem(title, _longer(description, content), link)


def _absolute(link: str | None, base: str | None) -> str | None:
    """``link`` resolved against ``base``; as written when either is not a URL Python can read."""
    if not link:
        return None
    try:
        return urljoin(base or "", link)
    except ValueError:  # "http://[broken" and the like
        return link


def _host(url: str | None) -> str | None:
    try:
        return urlparse(url or "").hostname or None
    except ValueError:
        return None


def _atom_link(element: Any, base: str | None) -> str | None:
    for link in _children(element, "link", _ATOM_OWN):
        href = str(link.get("href") or "").strip()
        if href and link.get("rel", "alternate") == "alternate":
            return _absolute(href, base)
    return None


def _atom_item(entry: Any, base: str | None) -> FeedItem:
    link = _atom_link(entry, base)
    title = _one_line(_text_construct(_child(entry, "title", _ATOM_OWN), atom=True))
    summary = _text_construct(_child(entry, "summary", _ATOM_OWN), atom=True)
    content = _text_construct(_child(entry, "content", _ATOM_OWN), atom=True)
    return FeedItem(title, _longer(summary, content), link)


def read_feed(content: str, url: str | None = None) -> Feed | None:
    """The channel and items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed; None when lxml cannot
    read the text as one of them. ``url`` is the feed's address, for relative links."""
    root = _parse(content)
    if root is None:
        return None
    namespace, kind = _name(root)
    if kind == "feed" and namespace in _ATOM_OWN:
        return _atom(root, url)
    if kind in ("rss", "RDF"):
        return _rss(root, url)
    return None


def _rss(root: Any, url: str | None) -> Feed:
    channel = _child(root, "channel", _RSS_OWN)
    head = root if channel is None else channel
    # RSS 2.0 puts its items in the channel; RSS 1.0 and 0.90 next to it.
    items = [item for holder in dict.fromkeys((head, root)) for item in _children(holder, "item", _RSS_OWN)]
    link = _plain(_child(head, "link", _RSS_OWN))
    base = url or link
    return Feed(
        kind="rss" if _name(root)[1] == "rss" else "rdf",
        title=_one_line(_text_construct(_child(head, "title", _RSS_OWN), atom=False)),
        description=_one_line(_text_construct(_child(head, "description", _RSS_OWN), atom=False)),
        link=link,
        language=_plain(_child(head, "language", _RSS_OWN)),
        items=tuple(_rss_item(item, base) for item in items),
    )


def _atom(root: Any, url: str | None) -> Feed:
    link = _atom_link(root, url)
    base = url or link
    return Feed(
        kind="atom",
        title=_one_line(_text_construct(_child(root, "title", _ATOM_OWN), atom=True)),
        description=_one_line(_text_construct(_child(root, "subtitle", _ATOM_OWN), atom=True)),
        link=link,
        language=root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        items=tuple(_atom_item(entry, base) for entry in _children(root, "entry", _ATOM_OWN)),
    )


def extract_feed(page: RawPage) -> Article | None:
    """The feed's text as an Article (flagged ``not_an_article``), or None when lxml cannot read
    the page as a feed (the caller then reads it as HTML)."""
    feed = read_feed(page.content, page.url)
    if feed is None:
        return None
    paragraphs: list[str] = []
    related: list[RelatedLink] = []
    for item in feed.items:
        if item.title:
            paragraphs.append(item.title)
            related.append(RelatedLink(item.title, item.link))
        paragraphs.extend(p for p in item.paragraphs if p != item.title)
    site = _host(page.url) or _host(feed.link)
    profile = profile_for(site)
    language = detect_language(" ".join(paragraphs[:20])) or language_code(feed.language)
    article = Article(
        url=page.url,
        site=site,
        publisher=profile.name if profile else None,
        title=feed.title,
        description=feed.description,
        paragraphs=tuple(paragraphs),
        related=tuple(related),
        language=language,
        problems=page.problems,
    ).with_problem("not_an_article", FEED_PROBLEM)
    if not paragraphs:
        article = article.with_problem("empty_body", "the feed has no item with a title or a text")
    if language and language != "id":
        article = article.with_problem("language_not_indonesian", f"the body reads as {language!r}")
    if feed.title is None:
        article = article.with_problem("no_title", "the feed has no title")
    return article.with_problem("no_published_date", "a feed lists many articles and has no date of its own")
