"""Is this page an article, or an index, a home page or a feed?

An index page (a front page, a section or tag page, an RSS feed saved as a page) has many
links with headline-length text and little running text of its own, no single publication
date, and a title that names the site rather than a story. The rules below were set on the
10 index pages of ../shared/corpora/pages-id (the anpandu ``*-mainpage.html`` pages: four RSS
feeds and six HTML front pages, and the 2022 detik home page) against the 32 article pages
there; tests/extract/test_html.py holds both sides.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from warta.extract.boilerplate import normalize_space
from warta.model import Article

# A link whose text has at least this many words reads like a headline.
_HEADLINE_WORDS = 5
# Below this many words of prose (paragraphs of >= 20 words) a page has no story of its own.
_ARTICLE_WORDS = 120
# Titles of front and index pages: "Berita Terbaru Hari Ini", "Indeks Berita", "Portal Berita ...".
_INDEX_TITLE = re.compile(
    r"\b(?:berita (?:terbaru|terkini|hari ini|online)|indeks berita|portal berita|"
    r"kumpulan (?:artikel|berita)|news portal|latest news|experience the zone|home ?page|beranda)\b",
    re.IGNORECASE,
)
# The root element of a feed, after the prolog: the XML declaration, stylesheets, comments
# (WordPress's "<!-- generator=... -->") and a doctype (RSS 0.91's Netscape DTD).
_FEED = re.compile(
    r"^\s*(?:(?:<\?[^>]*>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)\s*)*<(?:rss|feed|rdf:RDF)\b",
    re.IGNORECASE | re.DOTALL,
)


def is_feed(content: str) -> bool:
    """True for an RSS, Atom or RDF feed."""
    return _FEED.match(content[:2000]) is not None


def headline_links(doc: Any) -> int:
    """Number of links whose text reads like a headline."""
    count = 0
    for anchor in doc.iter("a"):
        if len(normalize_space(anchor.text_content()).split()) >= _HEADLINE_WORDS:
            count += 1
    return count


def running_words(article: Article) -> int:
    """Words in the body's prose paragraphs (short lines such as captions do not count)."""
    return sum(n for n in (len(p.split()) for p in article.paragraphs) if n >= 20)


def looks_like_index(doc: Any, article: Article, *, og_type: str | None, body_found: bool | None) -> bool:
    """True for a home, section or tag page rather than one article.

    ``body_found`` is False when the page's publisher profile knows where its articles keep
    their body and this page has no such container (an index page of a known site); None when
    no profile applies.
    """
    if article.url and urlparse(article.url).path.strip("/") == "":
        return True  # a site's root is its front page
    dated_article = bool(article.published) and og_type == "article"
    if body_found is False and not dated_article:
        return True
    words = running_words(article)
    if article.published and not _INDEX_TITLE.search(article.title or ""):
        # Dated pages are articles unless nothing of an article was found on them
        # (mediaindonesia.com marks its articles og:type "website", so the type alone is no proof).
        return not article.paragraphs
    if _INDEX_TITLE.search(article.title or "") and words < 400:
        return True
    links = headline_links(doc)
    if words < _ARTICLE_WORDS and links >= 15:
        return True
    # An undated page whose headline links outweigh its own text is a front page even when
    # the extractor found a few paragraphs (teasers) on it.
    return og_type != "article" and links * 12 > words and words < 400
