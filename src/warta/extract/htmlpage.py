"""HTML page -> Article: structured data first, then the publisher profile, then the generic cascade.

The order of trust, field by field:

1. a publisher profile's selector, when the profile names one for the field (a profile names
   a selector only where that publisher's structured data is missing or wrong, e.g. detik's
   2015 pages mark local time as UTC);
2. JSON-LD NewsArticle, OpenGraph and meta tags (``structured``);
3. what the visible page says (h1, bylines and credits found while cleaning the body).

The body comes from the profile's container when it has one, else from trafilatura
(``generic``); either way it is cleaned of Indonesian furniture (``cleaning``).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlparse

from lxml import etree, html

from warta.errors import ExtractionError
from warta.extract import pagination
from warta.extract.blocks import image_url, read_region
from warta.extract.boilerplate import normalize_space, parse_byline, split_caption_credit, split_names
from warta.extract.cleaning import Cleaned, clean_paragraphs
from warta.extract.datelines import split_dateline
from warta.extract.dates import parse_date, to_utc
from warta.extract.feeds import FEED_PROBLEM, extract_feed
from warta.extract.generic import (
    LARGE_PAGE_CHARS,
    densest_container,
    generic_paragraphs,
    text_without_parser,
    visible_text_length,
)
from warta.extract.language import detect_language, language_code
from warta.extract.pageclass import is_feed, looks_like_index
from warta.extract.structured import Metadata, read_metadata
from warta.extract.titles import strip_site_affixes
from warta.model import Article, Image, PageInfo, RawPage, RelatedLink
from warta.publishers import Profile, names_present, profile_for

_WAYBACK = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/(?P<url>https?://.+)$")
# Author values that are not a person's name: URLs, site names, companies ("PT. VIVA MEDIA BARU").
_BAD_NAME = re.compile(
    r"https?:|www\.|\.com\b|\.co\.id\b|^\W*$|^pt\.?\s|\b(?:media|cyber|network|online)\b", re.IGNORECASE
)
_ROLE = re.compile(r"^(?:kontributor|koresponden|wartawan|reporter|jurnalis|tim)\b", re.IGNORECASE)
_BYLINE_LABEL = re.compile(r"^(?:oleh|pewarta|penulis|reporter|editor|penyunting)\s*:?\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Context:
    doc: Any
    url: str | None
    host: str | None
    meta: Metadata
    profile: Profile | None
    content: str
    present: str | None = None  # the page's class attributes, for the profile's selectors (names_present)


_PARSERS = threading.local()  # lxml parsers must not be shared between threads


def _parser() -> etree.HTMLParser:
    """lxml's HTML parser with every element an ``HtmlElement``, looked up in C.

    ``lxml.html``'s own parser picks each element's class in Python (forms, inputs and labels
    get classes of their own, which warta never uses): a call for every element Python touches,
    about a sixth of parsing and walking a news page.

    IDs are not collected into a table: warta never looks an element up by its ID, and collecting
    them made parsing 7-14 % slower on the extraction benchmark's pages (and logs an error for each
    ID a page repeats).
    """
    parser: etree.HTMLParser | None = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(collect_ids=False)
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=html.HtmlElement,
                comment=html.HtmlComment,
                pi=html.HtmlProcessingInstruction,
                entity=html.HtmlEntity,
            )
        )
        _PARSERS.parser = parser
    return parser


def parse_html(content: str, source: str | None = None) -> Any:
    """Parse HTML leniently; a page lxml cannot parse at all is an ExtractionError."""
    try:
        return html.document_fromstring(content, parser=_parser())
    except etree.ParserError:
        # Markup with no element to hold (only closing tags, comments): an empty page, whose
        # article then says empty_body, rather than an error.
        return html.document_fromstring("<html><body></body></html>", parser=_parser())
    except ValueError as exc:
        raise ExtractionError(f"{source or 'page'}: HTML could not be parsed ({exc})") from exc


def _original_url(url: str | None) -> str | None:
    if url:
        match = _WAYBACK.match(url)
        if match:
            return match.group("url")
    return url


def _page_url(doc: Any, given: str | None, meta: Metadata) -> str | None:
    if given:
        return _original_url(given)
    canonical = doc.find('.//link[@rel="canonical"]')
    href = canonical.get("href") if canonical is not None else None
    return _original_url(href or meta.url)


def _likely_host(doc: Any) -> str | None:
    """The site a saved page comes from when no URL was given: the host most of its links point to."""
    counts: dict[str, int] = {}
    for element in doc.iter("a", "link"):
        host = urlparse(_original_url(element.get("href")) or "").hostname
        if host and "archive.org" not in host:
            counts[host] = counts.get(host, 0) + 1
    if not counts:
        return None
    host, count = max(counts.items(), key=lambda kv: kv[1])
    return host if count >= 5 else None


def _texts(elements: list[Any]) -> list[str]:
    return [t for t in (normalize_space(e.text_content()) for e in elements) if t]


def _clean_names(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for raw in names:
        if _BAD_NAME.search(raw):
            continue
        for name in split_names(_BYLINE_LABEL.sub("", raw)):
            if _ROLE.match(name):  # "Kontributor Lhokseumawe, Masriadi": the role is not a name
                continue
            if not _BAD_NAME.search(name) and len(name) >= 2 and name not in out:
                out.append(name)
    return tuple(out)


def _people(ctx: _Context, field: str) -> list[str]:
    if ctx.profile is None:
        return []
    names: list[str] = []
    for text in _texts(ctx.profile.select(field, ctx.doc, ctx.present)):
        byline = parse_byline(text)
        if byline is not None:
            names.extend(byline.authors if field == "authors" else byline.editors or byline.authors)
        else:
            names.append(text)
    return names


def _title(ctx: _Context) -> str | None:
    """Structured data's headline first; the visible headline when it is that headline and more.

    Social-card titles are sometimes cut ("In Picture: " dropped by Republika); a visible
    headline that contains the structured one whole is the fuller form of the same title.
    """
    affixes = ctx.profile.title_affixes if ctx.profile else ()
    names = (ctx.host, ctx.meta.site_name, ctx.meta.publisher, ctx.profile.name if ctx.profile else None)

    def clean(text: str | None) -> str | None:
        title = strip_site_affixes(text, affixes=affixes, names=names) if text else ""
        return title if len(title) >= 8 else None

    structured = clean(ctx.meta.title)
    visible_texts = _texts(ctx.profile.select("title", ctx.doc, ctx.present)) if ctx.profile else []
    visible = clean(visible_texts[0]) if visible_texts else None
    if structured and visible and structured in visible:
        return visible
    if structured or visible:
        return structured or visible
    title_el = ctx.doc.find(".//title")
    for candidate in (*_texts(ctx.doc.xpath("//h1"))[:1], title_el.text if title_el is not None else None):
        title = clean(candidate)
        if title:
            return title
    return None


_STATED_OFFSET = re.compile(r"\s*(?:Z|[+-]\d\d:?\d\d)$")


def _dates(ctx: _Context) -> tuple[str | None, str | None]:
    """Published and updated: structured data first, then the profile's selectors, then <time>.

    A profile with ``trust_offset = false`` (detik's 2015 pages write WIB with a "Z") skips the
    structured value and reads its own selectors with the stated offset removed. Times of a
    profiled (Indonesian) publisher are given in its local offset; the instant is unchanged.
    """
    offset = ctx.profile.timezone if ctx.profile else "+07:00"
    trusted = ctx.profile is None or ctx.profile.trust_offset
    published = parse_date(ctx.meta.published, default_offset=offset) if ctx.meta.published and trusted else None
    if not published and ctx.profile is not None:
        for element in ctx.profile.select("published", ctx.doc, ctx.present)[:3]:
            value = element.get("datetime") or element.get("content") or element.text_content()
            if not trusted:
                value = _STATED_OFFSET.sub("", value.strip())
            published = parse_date(value, default_offset=offset)
            if published:
                break
    if not published:
        for element in ctx.doc.xpath("//time[@datetime]")[:1]:
            published = parse_date(element.get("datetime"), default_offset=offset)
    updated = parse_date(ctx.meta.updated, default_offset=offset) if ctx.meta.updated and trusted else None
    if ctx.profile is not None:
        published, updated = _local(published, offset), _local(updated, offset)
    return published, updated


def _local(value: str | None, offset: str) -> str | None:
    """The same instant written in the publisher's offset (a date without a time stays as it is)."""
    instant = to_utc(value) if value else None
    if instant is None:
        return value
    return instant.astimezone(datetime.fromisoformat(f"2000-01-01T00:00:00{offset}").tzinfo).isoformat()


def _body(ctx: _Context) -> tuple[list[str], list[Image], Any]:
    """Paragraphs and images of the article body, and the container element (or None)."""
    container = None
    if ctx.profile is not None:
        for found in ctx.profile.candidates("body", ctx.doc, ctx.present):
            texts = [el for el in found if len(el.text_content().strip()) > 80]
            if texts:
                container = texts[0]
                break
    if container is None and len(ctx.content) < LARGE_PAGE_CHARS:
        paragraphs = generic_paragraphs(ctx.doc, ctx.url)
        if paragraphs:
            return paragraphs, [], None
    if container is None:  # a huge page, or trafilatura found nothing: the densest block of text
        container = densest_container(ctx.doc)
        if container is None:
            return [], [], None
    if container is not None:
        for element in ctx.profile.select_all("drop", container, ctx.present) if ctx.profile else ():
            if element is not container:
                element.drop_tree()
        region = read_region(container, ctx.url)
        paragraphs = list(region.paragraphs)
        if not paragraphs:  # a photo gallery: the captions are the story
            paragraphs = [f"{i.caption} ({i.credit})" if i.credit else i.caption for i in region.images if i.caption]
        return paragraphs, list(region.images), container
    return [], [], None


def _related_urls(related: list[RelatedLink], container: Any, base: str | None) -> list[RelatedLink]:
    if container is None or not related:
        return related
    hrefs: dict[str, str] = {}
    for anchor in container.iter("a"):
        text = normalize_space(anchor.text_content()).strip(" \"“”'‘’")
        if text and anchor.get("href"):
            hrefs.setdefault(text, urljoin(base or "", anchor.get("href")))
    return [RelatedLink(r.title, r.url or hrefs.get(r.title)) for r in related]


def _images(ctx: _Context, region_images: list[Image], cleaned: Cleaned) -> tuple[Image, ...]:
    images: list[Image] = []
    lead_url = urljoin(ctx.url or "", ctx.meta.image) if ctx.meta.image else None
    if ctx.profile is not None:
        captions = _texts(ctx.profile.select("caption", ctx.doc, ctx.present))
        lead_el = ctx.profile.select("lead_image", ctx.doc, ctx.present)
        if lead_el:
            lead_url = image_url(lead_el[0], ctx.url) or lead_url
        if captions:
            caption, credit = split_caption_credit(captions[0])
            images.append(Image(url=lead_url, caption=caption or None, credit=credit))
    if not images and lead_url:
        images.append(Image(url=lead_url))
    for image in region_images:
        if image.url and any(i.url == image.url for i in images):
            continue
        if image.url and image.url.endswith((".gif", ".svg")):
            continue
        images.append(image)
    images.extend(Image(url=None, caption=caption, credit=credit) for caption, credit in cleaned.captions)
    if cleaned.credits and images and images[0].credit is None:
        images[0] = Image(url=images[0].url, caption=images[0].caption, credit=cleaned.credits[0])
    return tuple(images[:20])


def extract_html(page: RawPage) -> Article:
    """Build an Article from an HTML page (an RSS or Atom feed saved as a page: its text, ``feeds``)."""
    feed_page = is_feed(page.content)
    if feed_page:
        feed = extract_feed(page)
        if feed is not None:
            return feed
    doc = parse_html(page.content, page.source)
    meta = read_metadata(doc)
    url = _page_url(doc, page.url, meta)
    host = (urlparse(url).hostname or None) if url else None
    profile = profile_for(host)
    if host is None:  # a saved page without its URL: the site its links point to, if we know it
        likely = _likely_host(doc)
        profile = profile_for(likely)
        host = likely if profile else None
    present = names_present(doc) if profile else None
    ctx = _Context(doc=doc, url=url, host=host, meta=meta, profile=profile, content=page.content, present=present)

    # Read everything outside the body before the profile's drop selectors change the tree.
    title = _title(ctx)
    published, updated = _dates(ctx)
    authors = _people(ctx, "authors")
    editors = _people(ctx, "editors")
    sections = _texts(profile.select("section", doc, present)) if profile else []
    section = sections[0] if sections else None
    paragraphs, region_images, container = _body(ctx)
    lost_markup = _parser_lost_text(page.content, doc)
    if lost_markup:
        paragraphs, region_images, container = text_without_parser(page.content), [], None
    cleaned = clean_paragraphs(paragraphs)
    body = [p for p in cleaned.paragraphs if p != title]
    dateline = None
    if body:
        dateline, first = split_dateline(body[0])
        body[0] = first
    region_text = " ".join(paragraphs[-6:])
    info = pagination.detect(
        doc,
        url,
        region_text,
        style=profile.pagination.style if profile else "query",
        param=profile.pagination.param if profile else "page",
    )
    if cleaned.page_number:
        info = PageInfo(cleaned.page_number, cleaned.page_total, info.next_url)
    all_authors = _clean_names([*authors, *meta.authors, *cleaned.authors])
    all_editors = _clean_names([*editors, *cleaned.editors])
    article = Article(
        url=url,
        site=host,
        publisher=profile.name if profile else (meta.publisher or meta.site_name),
        title=title,
        description=meta.description,
        authors=tuple(a for a in all_authors if a not in all_editors or a in authors),
        editors=all_editors,
        published=published,
        updated=updated,
        dateline=dateline,
        section=section or meta.section,
        tags=meta.tags,
        images=_images(ctx, region_images, cleaned),
        paragraphs=tuple(body),
        related=tuple(_related_urls(cleaned.related, container, url)),
        page=info,
        language=detect_language(" ".join(body[:20])) or language_code(meta.language),
        problems=page.problems,
    )
    if lost_markup:
        article = article.with_problem(
            "malformed_html", "the markup nests deeper than an HTML parser holds; the text was read without it"
        )
    if feed_page:  # a feed lxml could not read as one: its text as HTML, still not an article
        article = article.with_problem("not_an_article", FEED_PROBLEM)
    body_found = None if profile is None else container is not None
    return _check(article, doc, meta, body_found)


_TEXT_LENGTH = etree.XPath("string-length(normalize-space())")


def _parser_lost_text(content: str, doc: Any) -> bool:
    """True when the parser dropped most of the page's text (libxml2 stops at 256 nested elements)."""
    if len(content) > LARGE_PAGE_CHARS:
        return False
    # Counted in libxml2 (XPath), not by building the page's text in Python: 0.10 instead of
    # 0.26 ms a page. normalize-space() folds XML whitespace only; NBSP counts as text here.
    length = _TEXT_LENGTH(doc)
    parsed = int(length) if isinstance(length, float) else 0
    if parsed >= 2000:
        return False
    return visible_text_length(content) > 2 * parsed + 200


def _check(article: Article, doc: Any, meta: Metadata, body_found: bool | None) -> Article:
    if looks_like_index(doc, article, og_type=meta.og_type, body_found=body_found):
        article = article.with_problem(
            "not_an_article", "the page is an index or home page (many headlines, little running text)"
        )
    if not article.paragraphs:
        article = article.with_problem("empty_body", "no article text was found on the page")
    if article.language and article.language != "id":
        article = article.with_problem("language_not_indonesian", f"the body reads as {article.language!r}")
    if article.title is None:
        article = article.with_problem("no_title", "no headline was found in the page's metadata or markup")
    if article.published is None:
        article = article.with_problem(
            "no_published_date", "no publication date in structured data, meta tags or the visible page"
        )
    problem = pagination.missing_page_problem(article.page)
    if problem:
        article = article.with_problem(problem.code, problem.detail)
    return article
