"""Body extraction for sites without a publisher profile.

warta builds on trafilatura here: on the ScrapingHub benchmark it is the strongest
well-kept extractor (docs/benchmarks.md), and writing a generic boilerplate classifier
again would not beat it. warta adds what trafilatura does not know: Indonesian furniture
("Baca juga", bylines, credits) is cleaned afterwards by ``cleaning.clean_paragraphs``.
trafilatura is imported on first use, so pages with a profile never pay for it.
"""

from __future__ import annotations

import html as html_module
import logging
import re
from typing import Any

log = logging.getLogger(__name__)


def generic_paragraphs(doc: Any, url: str | None) -> list[str]:
    """Paragraphs of the main text of an unknown page (empty when nothing was found)."""
    import trafilatura  # deferred: heavy import, only for pages without a profile

    try:
        # fast=True skips trafilatura's second opinion: comparing its own result with its
        # readability port and jusText (and jusText's rescue of short results). Measured on the
        # 181 ScrapingHub pages, the call takes 9.0 instead of 13.8 ms a page and body F1 goes
        # 0.960 -> 0.962; over `warta analyze`'s speed pages (2 of 32 without a profile) 0.43 ms
        # less an article, about 4 % at 100 articles/s (benchmarks in docs/benchmarks.md).
        text = trafilatura.extract(
            doc,
            url=url,
            fast=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_precision=False,
            deduplicate=False,
            output_format="txt",
            with_metadata=False,
        )
    except Exception as exc:  # trafilatura raises assorted errors on odd trees; fall back below
        log.debug("trafilatura failed: %s", exc)
        text = None
    if not text:
        return []
    return [line for line in (part.strip() for part in text.split("\n")) if line]


# Above this size trafilatura's tree passes cost seconds per page; the plain densest-block
# rule below does the job in linear time (measured: a 50 MB page in ~2.5 s end to end).
LARGE_PAGE_CHARS = 5_000_000
_PARAGRAPH_TAGS = frozenset({"p", "br", "blockquote", "li", "h2", "h3"})
_TAG = re.compile(r"<[^>]*>")
_INVISIBLE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_BLOCK_BREAK = re.compile(r"<(?:/?(?:p|div|br|li|h\d|tr|blockquote|article|section)\b[^>]*)>", re.IGNORECASE)


def densest_container(doc: Any) -> Any | None:
    """The element holding the most paragraph text among its own children (None if no text)."""
    best, best_score = None, 0
    for element in doc.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "head", "script", "style"):
            continue
        score = sum(len(child.text_content()) for child in element if child.tag in _PARAGRAPH_TAGS)
        score += len((element.text or "").strip())
        if score > best_score:
            best, best_score = element, score
    return best


def visible_text_length(content: str) -> int:
    """Rough length of a page's visible text, read without a parser (for checking the parser)."""
    return len(" ".join(_TAG.sub(" ", _INVISIBLE.sub(" ", content)).split()))


def text_without_parser(content: str) -> list[str]:
    """Paragraphs of a page whose markup the HTML parser could not hold (e.g. nesting too deep)."""
    text = _BLOCK_BREAK.sub("\n", _INVISIBLE.sub(" ", content))
    lines = (html_module.unescape(_TAG.sub(" ", line)) for line in text.split("\n"))
    return [" ".join(line.split()) for line in lines if line.strip()]
