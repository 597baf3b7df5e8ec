"""Canonical URLs: one key for one article however its URL was written.

The key is the page's ``<link rel="canonical">`` when it names a page on the same site (an AMP
page names its full version there), else the article's URL; then normalised: https, host in
lower case without ``www.``/``m.``/``amp.``, no fragment, no tracking parameters (``utm_*``,
``fbclid``, ``gclid``, ``amp``), no trailing ``/amp`` or ``/``, remaining parameters sorted.
A site's front page (path ``/``) gets no key: some sites name the front page as every page's
canonical, which would make all their articles "duplicates" of one.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["canonical_link", "canonical_url"]

_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_REL_CANONICAL = re.compile(r"""\brel\s*=\s*["']?canonical\b""", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_HOST_PREFIXES = ("www.", "m.", "amp.")
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|amp|ref|src|_ga)$", re.IGNORECASE)
# The <head> is where the link belongs; pages put kilobytes of scripts before it.
_HEAD_WINDOW = 256 * 1024


def canonical_link(html: str) -> str | None:
    """The ``href`` of the page's ``<link rel="canonical">``, if it has one."""
    for tag in _LINK.finditer(html, 0, min(len(html), _HEAD_WINDOW)):
        text = tag.group(0)
        if _REL_CANONICAL.search(text):
            href = _HREF.search(text)
            if href:
                return (href.group(1) or href.group(2) or href.group(3) or "").strip() or None
    return None


def _host(netloc: str) -> str:
    host = netloc.rsplit("@", 1)[-1].lower()
    if host.endswith(":80") or host.endswith(":443"):
        host = host.rsplit(":", 1)[0]
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix) :]
    return host


def _split(url: str | None) -> SplitResult | None:
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[broken" and the like
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return parts


def canonical_url(url: str | None, html: str | None = None) -> str | None:
    """The canonical key for an article at ``url`` (``html``: its page, to read rel=canonical)."""
    given = _split(url)
    link = _split(canonical_link(html)) if html else None
    parts = link if link and (given is None or _host(link.netloc) == _host(given.netloc)) else given
    if parts is None:
        return None
    path = re.sub(r"/+", "/", parts.path)
    path = re.sub(r"/amp/?$", "", path).rstrip("/")
    if not path:
        return None
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    return urlunsplit(("https", _host(parts.netloc), path, urlencode(query), ""))
