"""The visible text of a page region as paragraphs, and the images in it.

A news body is a run of blocks: ``<p>``, ``<div>`` text, ``<br>``-separated lines (antaranews,
detik in 2015), list items, quotes, headings. This module walks one container element and
returns its paragraphs in reading order, leaving out what is never article text (scripts,
forms, share bars, "Baca juga" boxes marked by their class) and collecting figures apart
so captions do not run into the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from warta.extract.boilerplate import normalize_space, split_caption_credit
from warta.model import Image

# Tags whose start or end breaks a paragraph.
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
        "center",
        "header",
        "footer",
        "address",
        "hr",
        "figure",
        "figcaption",
        "details",
        "summary",
    ]
)
# Tags whose content is never article text.
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "iframe",
        "form",
        "button",
        "select",
        "option",
        "input",
        "textarea",
        "svg",
        "canvas",
        "video",
        "audio",
        "object",
        "embed",
        "nav",
        "aside",
        "template",
        "label",
        "dialog",
        "map",
        "head",
        "title",
        "link",
        "meta",
    ]
)
# class/id fragments of page widgets inside article containers. Calibrated on the HTML of
# ../shared/corpora/pages-id: every fragment names a widget seen there inside a body container,
# and none matches a container of body text in those pages.
_JUNK_ATTR = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|sosmed|socmed|related|terkait|baca-?juga|bacajuga|"
    r"read-?also|also-?read|advert\w*|ads|adsense|iklan|banner|comments?|komentar|newsletter|"
    r"subscribe|promo|sidebar|breadcrumbs?|outbrain|taboola|rekomendasi|recommend\w*|"
    r"tags?|topik|tag-?list|popular|populer|terpopuler|trending|navigation|navbar|pagination|"
    r"paging|author-?box|box-?author|whatsapp|wa-?channel|google-?news|follow|"
    r"twitter-tweet|instagram-media|tiktok-embed|fb-post)(?:$|[\s_-])",
    re.IGNORECASE,
)
_MAX_DEPTH = 400  # deeper than any real page; guards against pathological nesting


@dataclass(frozen=True, slots=True)
class Region:
    """Paragraphs and images of one page region."""

    paragraphs: tuple[str, ...]
    images: tuple[Image, ...]


def is_junk(el: Any) -> bool:
    """True for an element that is page furniture by its tag, class or id."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in SKIP_TAGS:
        return True
    if el.get("hidden") is not None or "display:none" in (el.get("style") or "").replace(" ", ""):
        return True
    attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(attrs.strip()) and _JUNK_ATTR.search(attrs) is not None


def image_url(img: Any, base: str | None) -> str | None:
    """The real source of an <img>, lazy-loading attributes included."""
    for attr in ("data-src", "data-original", "data-lazy-src", "src"):
        value = img.get(attr)
        if isinstance(value, str) and value and not value.startswith("data:"):
            return urljoin(base, value.strip()) if base else value.strip()
    return None


def _figure(el: Any, base: str | None) -> Image | None:
    img = next(el.iter("img"), None)
    url = image_url(img, base) if img is not None else None
    cap_el = next(el.iter("figcaption"), None)
    caption_text = normalize_space(cap_el.text_content()) if cap_el is not None else ""
    if not caption_text and img is not None:
        caption_text = normalize_space(img.get("alt") or "")
    caption, credit = split_caption_credit(caption_text) if caption_text else ("", None)
    if not url and not caption:
        return None
    return Image(url=url, caption=caption or None, credit=credit)


class _Walker:
    def __init__(self, base: str | None, keep_junk: bool) -> None:
        self.base = base
        self.keep_junk = keep_junk
        self.paragraphs: list[str] = []
        self.images: list[Image] = []
        self._buf: list[str] = []

    def flush(self) -> None:
        if self._buf:
            text = normalize_space("".join(self._buf))
            if text:
                self.paragraphs.append(text)
            self._buf = []

    def add(self, text: str | None) -> None:
        if text:
            self._buf.append(text)

    def walk(self, el: Any, depth: int = 0) -> None:
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else None
            if tag is None:  # comment or processing instruction: only its tail is text
                self.add(child.tail)
                continue
            if depth < _MAX_DEPTH and not (not self.keep_junk and is_junk(child)):
                self._element(child, tag, depth)
            elif tag in BLOCK_TAGS:
                self.flush()
            self.add(child.tail)

    def _element(self, child: Any, tag: str, depth: int) -> None:
        if tag == "br":
            self.flush()
        elif tag == "figure":
            self.flush()
            image = _figure(child, self.base)
            if image:
                self.images.append(image)
        elif tag == "img":
            url = image_url(child, self.base)
            if url:
                self.images.append(Image(url=url))
        elif tag in BLOCK_TAGS:
            self.flush()
            self.add(child.text)
            self.walk(child, depth + 1)
            self.flush()
        else:
            self.add(child.text)
            self.walk(child, depth + 1)


def read_region(el: Any, base: str | None = None, *, keep_junk: bool = False) -> Region:
    """Paragraphs and images of ``el`` in reading order."""
    walker = _Walker(base, keep_junk)
    walker.add(el.text)
    walker.walk(el)
    walker.flush()
    return Region(tuple(walker.paragraphs), tuple(walker.images))
