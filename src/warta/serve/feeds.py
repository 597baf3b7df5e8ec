"""Atom feeds ("Ikuti"): a search, an entity, a story, as RFC 4287 documents.

Written with :mod:`xml.etree.ElementTree`, which escapes every text and attribute, so article
titles and snippets cannot break out of the XML.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from warta.serve.render import http_url

__all__ = ["ATOM_TYPE", "FeedEntry", "atom"]

ATOM_TYPE = "application/atom+xml; charset=utf-8"
_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One article in a feed: ``link`` is the reader's page, ``source`` the publisher's URL."""

    id: int
    title: str | None
    published: str | None
    link: str
    source: str | None = None
    summary: str | None = None
    site: str | None = None


def _instant(value: str | None) -> str | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.isoformat()


def atom(title: str, self_url: str, page_url: str, entries: Sequence[FeedEntry], *, lang: str = "id") -> bytes:
    """The feed as UTF-8 XML. Its ``updated`` is the newest entry's date (now when none is dated)."""
    ET.register_namespace("", _NS)
    feed = ET.Element(f"{{{_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    dates = [d for d in (_instant(e.published) for e in entries) if d]
    updated = max(dates, key=lambda d: datetime.fromisoformat(d)) if dates else datetime.now(UTC).isoformat()
    ET.SubElement(feed, f"{{{_NS}}}title").text = title
    ET.SubElement(feed, f"{{{_NS}}}id").text = self_url
    ET.SubElement(feed, f"{{{_NS}}}updated").text = updated
    ET.SubElement(feed, f"{{{_NS}}}link", {"rel": "self", "href": self_url})
    ET.SubElement(feed, f"{{{_NS}}}link", {"rel": "alternate", "type": "text/html", "href": page_url})
    ET.SubElement(ET.SubElement(feed, f"{{{_NS}}}author"), f"{{{_NS}}}name").text = "warta"
    ET.SubElement(feed, f"{{{_NS}}}generator").text = "warta"
    for entry in entries:
        item = ET.SubElement(feed, f"{{{_NS}}}entry")
        ET.SubElement(item, f"{{{_NS}}}title").text = entry.title or f"#{entry.id}"
        ET.SubElement(item, f"{{{_NS}}}id").text = entry.link
        ET.SubElement(item, f"{{{_NS}}}updated").text = _instant(entry.published) or updated
        published = _instant(entry.published)
        if published:
            ET.SubElement(item, f"{{{_NS}}}published").text = published
        ET.SubElement(item, f"{{{_NS}}}link", {"rel": "alternate", "type": "text/html", "href": entry.link})
        source = http_url(entry.source)
        if source:
            ET.SubElement(item, f"{{{_NS}}}link", {"rel": "related", "href": source})
        if entry.site:
            ET.SubElement(ET.SubElement(item, f"{{{_NS}}}author"), f"{{{_NS}}}name").text = entry.site
        if entry.summary:
            ET.SubElement(item, f"{{{_NS}}}summary").text = entry.summary
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))
