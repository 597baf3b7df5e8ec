"""Text dumps and plain text -> Article.

A text dump is a page's visible text with its chrome: a crawler's text output, ``lynx -dump``
(with or without its link list), inscriptis. The article is found the way a reader finds it:

* the **body** is the longest run of prose (lines of many words with sentence punctuation)
  between the page's menus and its footer; "Baca juga", bylines, credits and pagination may
  sit inside the run, navigation may not;
* the **title** is the title-like line closest above the body, preferring the line a text
  browser prints as a heading and a line the page repeats (image alt, "most read" lists);
* what lies between title and body is the **header**: teaser (``description``), byline,
  date, photo credit and caption;
* after the body come bylines, "Baca juga" lists, "Halaman 1/2" and the copyright line, which
  names the site and its publisher.

Decision on datelines ("TRIBUNTORAJA.COM - ", "JAKARTA, KOMPAS.com - "): the dateline goes to
``Article.dateline`` and the first paragraph starts after it, as the HTML extractor does, so
the body is the reporter's text only (anpandu's ground truth keeps the dateline in the body;
put ``f"{dateline} - "`` back in front to compare).

Nothing is invented: no date found means ``published`` None and a ``no_published_date``
problem; a page that goes on in a page not given gets a ``missing_page`` problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import urlparse

from warta.extract import boilerplate
from warta.extract.boilerplate import Kind
from warta.extract.cleaning import Cleaned, clean_paragraphs
from warta.extract.datelines import split_dateline
from warta.extract.dates import parse_date
from warta.extract.dumpheader import Header, read_header, read_tail, related_list
from warta.extract.dumplines import DumpLine, read_dump
from warta.extract.language import detect_language
from warta.extract.pagination import missing_page_problem
from warta.extract.titles import strip_site_affixes
from warta.model import Article, Image, PageInfo, RawPage, RelatedLink

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$|[.!?][\"”’)]*\s+\S")
_TERMINAL_PERIOD = re.compile(r"[.,;:]$")
# Script, URL and widget debris that lynx prints as text: "width=255&action=like", "http://".
_NOT_WORDS = re.compile(r"[=&_{}<>]|https?://|www\.")
# Two sentences in one line ("... Pratikno. Image: ..."): a caption or a teaser, not a headline.
_SENTENCE_BREAK = re.compile(r"[a-z]{3,}[.!?] [A-Z]")
# A dateline printed on its own line above the first paragraph (detik 2015: "Jakarta -").
_DATELINE_ALONE = re.compile(r"^[\w.,() /]{2,60}\s[-–—]{1,2}$")
# Editor initials closing a body: "(fyk/ash)", "(ren)", "(Cas/Isk)".
_INITIALS = re.compile(r"^\(\s*[a-z]{2,5}(?:\s*/\s*[a-z]{2,5}){0,3}\s*\)$", re.IGNORECASE)

# Prose needs this many words; shorter lines are titles, menus, subheads or captions.
# Calibrated on the anpandu dumps: their shortest body paragraphs have 8 words.
_MIN_PROSE_WORDS = 8
# Scores for the body run (a maximum-sum segment over lines). A prose line scores its words
# beyond _PROSE_BASE, every other line costs _LINE_COST, furniture that sits inside bodies
# ("Baca juga", bylines, credits, "Halaman 1/2") costs nothing and a copyright footer ends any
# run. With these values the teaser-and-headline menus of liputan6 (15-word teasers, each
# under its headline) sum to nothing, while article paragraphs (20-70 words) carry the run
# over subheads and "Baca juga" lists. Calibrated on the anpandu dumps (lynx, inscriptis).
_PROSE_BASE = 10.0
_LINE_COST = -5.0
_FOOTER_COST = -40.0
# How far the body start may move forward to skip header furniture caught in the run.
_HEADER_SLACK = 8
# A photo caption is a sentence or two; a longer line ending in "(Foto: ...)" is a paragraph.
_MAX_CAPTION_WORDS = 40
# How far above the body a title is looked for, in lines.
_TITLE_WINDOW = 60
# How far above the chosen title line its first printing may be (headline, then byline and
# date, then the photo with the headline as alt text).
_TITLE_REPEAT_SPAN = 10


@dataclass(slots=True)
class _Body:
    """The body lines' yield: paragraphs plus what furniture among them carried."""

    cleaned: Cleaned
    images: list[Image] = field(default_factory=list)
    related: list[RelatedLink] = field(default_factory=list)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_prose(line: DumpLine) -> bool:
    """Running text: enough words, sentence punctuation, not mostly link text."""
    return (
        line.link_share < 0.5
        and word_count(line.text) >= _MIN_PROSE_WORDS
        and _SENTENCE_END.search(line.text) is not None
    )


def _score(line: DumpLine) -> float:
    kind = boilerplate.classify(line.text).kind
    if kind is Kind.FOOTER:
        return _FOOTER_COST
    if line.link_share >= 0.5 or (line.bullet and not is_prose(line)):
        return _LINE_COST
    if kind is not Kind.BODY or boilerplate.split_caption_credit(line.text)[1] is not None:
        return 0.0
    if is_prose(line):
        return word_count(line.text) - _PROSE_BASE
    return _LINE_COST


def _best_run(lines: list[DumpLine]) -> tuple[int, int] | None:
    """The maximum-sum run of line scores (Kadane): the body, inclusive bounds."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for index, line in enumerate(lines):
        score = _score(line)
        if total <= 0:
            total, start = score, index
        else:
            total += score
        if total > best:
            best, best_span = total, (start, index)
    return best_span


def _is_header_furniture(line: DumpLine) -> bool:
    kind = boilerplate.classify(line.text).kind
    if line.image or kind in (Kind.BYLINE, Kind.CREDIT):
        return True
    return len(line.text) <= 80 and not is_prose(line) and parse_date(line.text) is not None


def _body_start(lines: list[DumpLine], start: int, end: int) -> int:
    """Skip header furniture caught at the start of the run; a dateline paragraph starts the body."""
    if start > 0 and _DATELINE_ALONE.match(lines[start - 1].text):
        return start - 1  # "Jakarta -" on its own line just above the first paragraph
    window = range(start, min(end + 1, start + _HEADER_SLACK + 2))
    for index in window:
        text = lines[index].text
        if split_dateline(text)[0] is not None and is_prose(lines[index]):
            return index
        if _DATELINE_ALONE.match(text) and index + 1 <= end and is_prose(lines[index + 1]):
            return index
    last = start - 1
    for index in range(start, min(end + 1, start + _HEADER_SLACK)):
        if _is_header_furniture(lines[index]):
            last = index
    return min(last + 1, end)


def _title_score(lines: list[DumpLine], index: int, body_start: int, texts: dict[str, int]) -> float | None:
    line = lines[index]
    text = line.text
    words = _WORD.findall(text)
    if not 3 <= len(words) <= 30 or len(text) > 250 or sum(1 for w in words if len(w) >= 3) < 2:
        return None
    if line.bullet or line.link_share >= 0.5 or _TERMINAL_PERIOD.search(text) or text.endswith("..."):
        return None
    if boilerplate.classify(text).kind is not Kind.BODY or parse_date(text) is not None or _NOT_WORDS.search(text):
        return None
    if boilerplate.split_caption_credit(text)[1] is not None or _SENTENCE_BREAK.search(text):
        return None  # a caption: "Secretary of State, Pratikno. Image: TEMPO/Imam Sukamto"
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit()) / len(words)
    score = capitalised - (body_start - index) / 20
    if line.heading:
        score += 2.0
    if texts.get(text.casefold(), 0) > 1:
        score += 1.0
    if index + 1 < len(lines) and _is_dateline_or_byline(lines[index + 1].text):
        score += 1.0  # a headline is followed by its date or byline
    return score


def _is_dateline_or_byline(text: str) -> bool:
    if len(text) > 80:
        return False
    return boilerplate.parse_byline(text) is not None or parse_date(text) is not None


def find_title(lines: list[DumpLine], body_start: int) -> int | None:
    """Index of the title line above the body, or None."""
    texts: dict[str, int] = {}
    for line in lines:
        key = line.text.casefold()
        texts[key] = texts.get(key, 0) + 1
        for link in line.links:
            texts[link.text.casefold()] = texts.get(link.text.casefold(), 0) + 1
    best: tuple[float, int] | None = None
    for index in range(max(0, body_start - _TITLE_WINDOW), body_start):
        score = _title_score(lines, index, body_start, texts)
        if score is not None and (best is None or score > best[0]):
            best = (score, index)
    if best is None:
        return None
    # The headline printed just above the chosen line (the chosen one being the photo's alt
    # text) starts the header; a copy far above it is a "most read" list, not the headline.
    wanted = lines[best[1]].text.casefold()
    return next(
        i
        for i in range(max(0, best[1] - _TITLE_REPEAT_SPAN), best[1] + 1)
        if lines[i].text.casefold() == wanted and lines[i].link_share < 0.5 and not lines[i].bullet
    )


def read_body(lines: list[DumpLine], start: int, end: int) -> _Body:
    """Body lines -> paragraphs, with photo captions, related lists and editor initials taken out."""
    texts: list[str] = []
    body = _Body(cleaned=Cleaned())
    index = start
    while index <= end:
        line = lines[index]
        kind = boilerplate.classify(line.text).kind
        if kind is Kind.RELATED_HEADER and index < end and lines[index + 1].bullet:
            related, index = related_list(lines, index, end)
            body.related.extend(related)
            continue
        if _DATELINE_ALONE.match(line.text) and index < end:
            texts.append(f"{line.text} {lines[index + 1].text}")
            index += 2
            continue
        if kind is Kind.CREDIT and index < end and word_count(lines[index + 1].text) <= _MAX_CAPTION_WORDS:
            # "IST" then the caption, as in the seed's header, but further down the page
            body.images.append(Image(caption=lines[index + 1].text, credit=line.text))
            index += 2
            continue
        caption, credit = boilerplate.split_caption_credit(line.text)
        if credit and word_count(caption) <= _MAX_CAPTION_WORDS and not split_dateline(line.text)[0]:
            above = lines[index - 1].links if index > 0 else ()
            url = next((link.url for link in above if link.is_image), None)
            body.images.append(Image(url=url, caption=caption, credit=credit))
        elif (line.link_share >= 0.5 and kind is Kind.BODY) or _INITIALS.match(line.text):
            pass  # navigation caught between paragraphs; editor initials
        else:
            texts.append(line.text)
        index += 1
    body.cleaned = clean_paragraphs(texts, stop_at_footer=True)
    return body


def _link_urls(lines: list[DumpLine]) -> dict[str, str]:
    urls: dict[str, str] = {}
    for line in lines:
        for link in line.links:
            if link.url and link.text:
                urls.setdefault(_key(link.text), link.url)
    return urls


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _with_urls(related: list[RelatedLink], urls: dict[str, str]) -> tuple[RelatedLink, ...]:
    out: dict[str, RelatedLink] = {}
    for link in related:
        key = _key(link.title)
        if not key:
            continue
        found = link if link.url else RelatedLink(link.title, urls.get(key))
        if key not in out or (found.url and not out[key].url):
            out[key] = found
    return tuple(out.values())


def _merge_names(*groups: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for group in groups for name in group))


def _finish(article: Article, page: RawPage) -> Article:
    """Language and the problems every extraction reports the same way."""
    for problem in page.problems:
        article = article.with_problem(problem.code, problem.detail)
    language = detect_language(article.text) if article.paragraphs else None
    article = replace(article, language=language)
    if not article.title:
        article = article.with_problem("no_title", "no line of the dump looks like the article's title")
    if not article.paragraphs:
        article = article.with_problem("empty_body", "no run of prose paragraphs was found")
    if article.published is None:
        article = article.with_problem("no_published_date", "the text gives no publication date; none was assumed")
    if language is not None and language != "id":
        article = article.with_problem("language_not_indonesian", f"the body reads as {language!r}")
    missing = missing_page_problem(article.page)
    if missing is not None:
        article = article.with_problem(missing.code, missing.detail)
    return article


def _split_first(paragraphs: list[str]) -> tuple[str | None, tuple[str, ...]]:
    if not paragraphs:
        return None, ()
    dateline, first = split_dateline(paragraphs[0])
    return dateline, (first, *paragraphs[1:])


def extract_dump(page: RawPage) -> Article:
    """Extract the article from a page's text dump (``page.kind == "dump"``).

    ``page.content`` is the decoded dump; ``page.url``, when known, turns the relative links
    of a lynx dump of a saved file into web URLs.
    """
    lines = read_dump(page.content, page.url)
    run = _best_run(lines)
    if run is None:
        return _finish(Article(url=page.url), page)
    start = _body_start(lines, *run)
    end = run[1]
    title_index = find_title(lines, start)
    header = read_header(lines, title_index, start) if title_index is not None else Header()
    body = read_body(lines, start, end)
    tail = read_tail(lines, end + 1)
    cleaned = body.cleaned
    dateline, paragraphs = _split_first(cleaned.paragraphs)
    host = urlparse(page.url).hostname if page.url else None
    title = None
    if title_index is not None:
        title = strip_site_affixes(lines[title_index].text, names=(host, tail.site, tail.publisher))
    number = cleaned.page_number or tail.page_number or 1
    total = cleaned.page_total or tail.page_total
    urls = _link_urls(lines)
    article = Article(
        url=page.url,
        site=host or _dateline_host(dateline) or _dateline_host(tail.site),
        publisher=_publisher(tail.site, tail.publisher),
        title=title,
        description=header.description,
        authors=_merge_names(header.authors, cleaned.authors, tail.authors),
        editors=_merge_names(header.editors, cleaned.editors, tail.editors),
        published=header.published,
        dateline=dateline,
        images=tuple(dict.fromkeys([*header.images, *body.images])),
        paragraphs=paragraphs,
        related=_with_urls([*cleaned.related, *body.related, *tail.related], urls),
        page=PageInfo(number=number, total=total),
    )
    return _finish(article, page)


def _text_paragraphs(content: str) -> list[str]:
    text = content.replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return drop_containers([boilerplate.normalize_space(b) for b in blocks if b.strip()])


_NESTED_MIN_CHARS = 20


def drop_containers(blocks: list[str]) -> list[str]:
    """Drop the blocks that hold the blocks after them: a scraper's nested containers.

    A scraper that takes the text of every element of a page's body container also takes the
    containers themselves, so their text comes twice or more: republika's rows hold the rest of the
    article before every paragraph, okezone's open with the whole article and then give its
    paragraphs. A block is such a container when the blocks after it, two or more of them found in it
    in order from the next one on, make up at least half of it; the paragraphs themselves are kept.
    What a container holds and no block repeats (a photo caption, an inline "Baca juga" list, a
    widget's "Loading...") goes with it. A container of one paragraph (the last paragraph and a
    widget's text glued to it) is kept and the paragraph dropped, so that no text is lost.
    """
    kept: list[str] = []
    skip = False
    for i, block in enumerate(blocks):
        if skip:
            skip = False
            continue
        held = _held(blocks, i)
        if held >= 2:
            continue
        kept.append(block)
        skip = held == 1
    return kept


def _held(blocks: list[str], i: int) -> int:
    """How many of the blocks after ``blocks[i]`` it holds in order, or 0 when they make up less than
    half of it. (Indexes, not a slice of the rest: a text of many short lines stays linear.)"""
    block = blocks[i]
    if i + 1 >= len(blocks) or len(block) <= len(blocks[i + 1]):
        return 0
    position = covered = found = 0
    for j in range(i + 1, len(blocks)):
        part = blocks[j]
        at = block.find(part, position)
        if at < 0:
            break
        position, covered, found = at + len(part), covered + len(part), found + 1
    if covered < max(_NESTED_MIN_CHARS, len(block) / 2):
        return 0
    if found == 1 and not block.startswith(blocks[i + 1]):
        return 0
    return found


def _looks_like_title(text: str) -> bool:
    words = word_count(text)
    return 2 <= words <= 25 and len(text) <= 200 and not _TERMINAL_PERIOD.search(text) and not text.endswith("...")


def extract_text(page: RawPage) -> Article:
    """Extract an article from plain article text (``page.kind == "text"``).

    Paragraphs are split on blank lines (on single newlines when there are none); the first
    line is the title when it looks like one (short, no final period).
    """
    paragraphs = _text_paragraphs(page.content)
    title = None
    if paragraphs and _looks_like_title(paragraphs[0]) and len(paragraphs) > 1:
        title = paragraphs.pop(0)
    cleaned = clean_paragraphs(paragraphs)
    dateline, body = _split_first(cleaned.paragraphs)
    article = Article(
        url=page.url,
        # the host, as for dumps: text from a CSV or JSONL of scraped articles names its page by URL only
        site=urlparse(page.url).hostname if page.url else None,
        title=title,
        authors=tuple(cleaned.authors),
        editors=tuple(cleaned.editors),
        dateline=dateline,
        paragraphs=body,
        related=_with_urls(cleaned.related, {}),
        page=PageInfo(number=cleaned.page_number or 1, total=cleaned.page_total),
    )
    return _finish(article, page)


__all__ = ["extract_dump", "extract_text"]


_OUTLET_HOST = re.compile(r"^([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|co\.id|id|net))\b", re.IGNORECASE)


def _dateline_host(dateline: str | None) -> str | None:
    """The host an outlet dateline names: "TRIBUNTORAJA.COM" -> "tribuntoraja.com"."""
    match = _OUTLET_HOST.match(dateline or "")
    return match.group(1).lower() if match else None


def _publisher(holder: str | None, parent: str | None) -> str | None:
    """The copyright holder with its parent company: "Tribun Network (KG Media)"."""
    if holder and _dateline_host(holder):
        holder = None  # "okezone.com": a site, not a publisher's name
    if holder and parent:
        return f"{holder} ({parent})"
    return holder or parent
