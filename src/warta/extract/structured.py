"""Structured metadata in a page: JSON-LD (NewsArticle and kin), OpenGraph, and plain meta tags.

This is the first and most trusted source of metadata: publishers fill it for search engines
and social sites, so it is usually cleaner than anything scraped from the visible page.
Everything found is collected into one :class:`Metadata`; precedence is JSON-LD, then
OpenGraph / article:*, then other meta tags.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import html

from warta.extract.boilerplate import normalize_space, split_names

log = logging.getLogger(__name__)

_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "blogposting",
    "opinionnewsarticle",
    "webpage",
    "backgroundnewsarticle",
    "liveblogposting",
    "report",
}
_URLISH = re.compile(r"https?:|www\.|\.com\b", re.IGNORECASE)
_MAX_JSONLD = 500_000  # characters; a bigger script block is not metadata


@dataclass(frozen=True, slots=True)
class Metadata:
    """Metadata candidates from structured data; each field None or empty when absent."""

    title: str | None = None
    description: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    updated: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    image: str | None = None
    url: str | None = None
    site_name: str | None = None
    publisher: str | None = None
    language: str | None = None
    og_type: str | None = None
    body: str | None = None  # JSON-LD articleBody, when a publisher ships it


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        text = normalize_space(value)
        return text or None
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value") or value.get("url"))
    if isinstance(value, list) and value:
        return _text(value[0])
    return None


def _names(value: Any) -> tuple[str, ...]:
    names: list[str] = []
    for item in _as_list(value):
        if isinstance(item, dict) and str(item.get("@type", "")).lower() == "organization":
            continue  # a publisher named as author is not a byline
        text = _text(item)
        if text and not _URLISH.search(text):
            names.extend(split_names(text))
    return tuple(dict.fromkeys(names))


def _jsonld_objects(doc: html.HtmlElement) -> Iterator[dict[str, Any]]:
    for script in doc.iterfind('.//script[@type="application/ld+json"]'):
        raw = script.text or ""
        if not raw.strip() or len(raw) > _MAX_JSONLD:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            log.debug("unreadable JSON-LD block skipped")
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(_as_list(item["@graph"]))
                yield item


def _article_object(doc: html.HtmlElement) -> dict[str, Any] | None:
    best: dict[str, Any] | None = None
    for obj in _jsonld_objects(doc):
        types = {str(t).lower() for t in _as_list(obj.get("@type"))}
        is_article = types & _ARTICLE_TYPES and (obj.get("headline") or obj.get("datePublished"))
        # A NewsArticle beats a WebPage describing the same page.
        best_types = {str(t).lower() for t in _as_list(best.get("@type"))} if best else set()
        if is_article and (best is None or "webpage" in best_types):
            best = obj
    return best


def _meta(doc: html.HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for meta in doc.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key and content and key not in out:
            out[key] = normalize_space(content)
    return out


def read_metadata(doc: html.HtmlElement) -> Metadata:
    """Collect metadata from JSON-LD, OpenGraph and meta tags of a parsed page."""
    meta = _meta(doc)
    ld = _article_object(doc) or {}
    publisher = ld.get("publisher")
    tags = _names(ld.get("keywords")) or split_names(meta.get("news_keywords") or meta.get("keywords") or "")
    lang_attr = doc.get("lang")
    return Metadata(
        title=_text(ld.get("headline")) or meta.get("og:title") or meta.get("twitter:title"),
        description=_text(ld.get("description")) or meta.get("og:description") or meta.get("description"),
        authors=_names(ld.get("author"))
        or _names(meta.get("author") or meta.get("article:author") or meta.get("dtk:author")),
        published=_text(ld.get("datePublished"))
        or meta.get("article:published_time")
        or meta.get("pubdate")
        or meta.get("publishdate")
        or meta.get("publish-date")
        or meta.get("dtk:publishdate")
        or meta.get("content_publishedtime")
        or meta.get("date"),
        updated=_text(ld.get("dateModified")) or meta.get("article:modified_time") or meta.get("og:updated_time"),
        section=_text(ld.get("articleSection")) or meta.get("article:section"),
        tags=tags,
        image=_text(ld.get("image")) or meta.get("og:image") or meta.get("twitter:image"),
        url=meta.get("og:url") or _text(ld.get("url")) or _text(ld.get("mainEntityOfPage")),
        site_name=meta.get("og:site_name"),
        publisher=_text(publisher) if publisher else None,
        language=(meta.get("content-language") or meta.get("language") or meta.get("og:locale") or lang_attr),
        og_type=meta.get("og:type"),
        body=_text(ld.get("articleBody")),
    )
