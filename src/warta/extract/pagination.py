"""Multi-page articles: which page this is, how many there are, where the next one is, and merging.

Indonesian publishers split long articles: Tribun ``?page=2``, Kompas ``?page=2`` (and
``?page=all`` for the whole), detik ``/2``, Merdeka ``?page=2``, with "Halaman 1/2" or
"Halaman selanjutnya" on the page. Pages given together are merged into one article;
a page that is known to exist but was not given becomes a ``missing_page`` problem.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qs, urljoin, urlparse

from lxml import etree

from warta.extract.boilerplate import normalize_space
from warta.model import Article, PageInfo, Problem

_NEXT_TEXT = re.compile(
    r"^(?:halaman\s+(?:selanjutnya|berikutnya)|selanjutnya|berikutnya|next(?:\s+page)?|lanjut(?:kan)?)\s*[»›>→]*$",
    re.IGNORECASE,
)
_HALAMAN = re.compile(r"\b(?:halaman|hal\.?|page)\s*(\d{1,3})\s*(?:/|dari|of)\s*(\d{1,3})\b", re.IGNORECASE)
_PATH_PAGE = re.compile(r"/(\d{1,2})/?$")
# Links whose text is short enough to be a page number or a "next" label. Reading each one's text
# costs little (0.6 ms a page); parsing the URL of every link did (a third of extraction), so the
# text is checked first. Filtering the labels in XPath as well was slower (1.1 ms a page).
_SHORT_LINKS = etree.XPath("//a[@href][string-length(normalize-space(.)) <= 40]")


def page_number_from_url(url: str | None, style: str = "query", param: str = "page") -> int | None:
    """The page number a URL asks for: ``?page=2`` or a trailing ``/2``."""
    if not url:
        return None
    parsed = urlparse(url)
    values = parse_qs(parsed.query).get(param)
    if values and values[0].isdigit():
        return int(values[0])
    if style == "path":
        match = _PATH_PAGE.search(parsed.path)
        if match:
            return int(match.group(1))
    return None


def _same_article(url: str, other: str) -> bool:
    a, b = urlparse(url), urlparse(other)
    return a.netloc == b.netloc and (
        a.path.rstrip("/") == b.path.rstrip("/") or _PATH_PAGE.sub("", a.path) == _PATH_PAGE.sub("", b.path)
    )


def detect(doc: Any, url: str | None, region_text: str, *, style: str = "query", param: str = "page") -> PageInfo:
    """Page number, total and next page URL from the page's links and its "Halaman n/m" text."""
    number = page_number_from_url(url, style, param)
    total: int | None = None
    match = _HALAMAN.search(region_text)
    if match:
        number, total = int(match.group(1)), int(match.group(2))
    next_url: str | None = None
    link = doc.find('.//link[@rel="next"]')
    if link is not None and link.get("href"):
        candidate = urljoin(url or "", link.get("href"))
        # Blogs use rel=next for the next post; only a page of the same article counts.
        if not url or _same_article(url, candidate):
            next_url = candidate
    numbered: set[int] = set()
    anchors: list[Any] = _SHORT_LINKS(doc)  # type: ignore[assignment]  # an element-set XPath returns a list
    for anchor in anchors:
        href = anchor.get("href")
        if not href or href.startswith(("#", "javascript:")):
            continue
        # Only a page number or a "next" label can point to another page: read the text first,
        # so the URLs of the hundreds of other links on a page are never parsed.
        text = normalize_space(anchor.text_content())
        is_next = bool(_NEXT_TEXT.match(text))
        if not (is_next or text.isdigit()):
            continue
        target = urljoin(url or "", href)
        if url and not _same_article(url, target):
            continue
        page = page_number_from_url(target, style, param)
        if page is not None:
            numbered.add(page)
            if next_url is None and page == (number or 1) + 1:
                next_url = target
        elif next_url is None and is_next and url:
            next_url = target
    if numbered and total is None and max(numbered) > 1:
        total = max(numbered | {number or 1})
    if next_url and url and next_url.rstrip("/") == url.rstrip("/"):
        next_url = None
    return PageInfo(number=number or 1, total=total, next_url=next_url)


def missing_page_problem(page: PageInfo) -> Problem | None:
    """A ``missing_page`` problem when the article goes on beyond the pages given."""
    if page.total and page.total > page.number:
        where = f" at {page.next_url}" if page.next_url else ""
        return Problem(
            "missing_page",
            f"page {page.number} of {page.total}: the article goes on in page {page.number + 1}{where}, "
            "which was not given; pass all pages together (--merge) to get the whole article",
        )
    if page.next_url and page.total is None:
        return Problem("missing_page", f"the article goes on at {page.next_url}, which was not given")
    return None


def merge(pages: Sequence[Article]) -> Article:
    """Merge the pages of one article (in page order) into one Article.

    Metadata comes from the first page; paragraphs, images and related links are appended
    without repeating the ones every page repeats. Pages that do not reach the stated total
    leave a ``missing_page`` problem.
    """
    if not pages:
        raise ValueError("merge needs at least one page")
    ordered = sorted(pages, key=lambda a: a.page.number)
    first = ordered[0]
    paragraphs: list[str] = []
    seen: set[str] = set()
    images, related = list(first.images), list(first.related)
    for article in ordered:
        for paragraph in article.paragraphs:
            if paragraph not in seen:
                seen.add(paragraph)
                paragraphs.append(paragraph)
        images.extend(i for i in article.images if i not in images)
        related.extend(r for r in article.related if r not in related)
    total = max((a.page.total or 0 for a in ordered), default=0) or None
    numbers = {a.page.number for a in ordered}
    problems = [p for a in ordered for p in a.problems if p.code != "missing_page"]
    merged = replace(
        first,
        paragraphs=tuple(paragraphs),
        images=tuple(images),
        related=tuple(related),
        page=PageInfo(number=1, total=total or len(ordered), next_url=None),
        problems=tuple(dict.fromkeys(problems)),
    )
    expected = set(range(1, (total or max(numbers)) + 1))
    missing = sorted(expected - numbers)
    if missing:
        merged = merged.with_problem("missing_page", f"pages {', '.join(map(str, missing))} of {total} were not given")
    return merged
