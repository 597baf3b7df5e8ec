"""Is this page an article, or an index / home page full of headlines?

An index page (a front page, a section page, a tag page) has many links with headline-length
text and little running text of its own. The thresholds were set on the 10 index pages of
../shared/corpora/pages-id (the anpandu ``*-mainpage.html`` pages and the 2022 detik home
page) against the 32 article pages there; see tests/extract/test_pageclass.py.
"""

from __future__ import annotations

from typing import Any

from warta.extract.boilerplate import normalize_space
from warta.model import Article

# A link whose text has at least this many words reads like a headline.
_HEADLINE_WORDS = 5
# An article's own text: at least this many words in paragraphs of >= 20 words.
_ARTICLE_WORDS = 120


def headline_links(doc: Any) -> int:
    """Number of links whose text reads like a headline."""
    count = 0
    for anchor in doc.iter("a"):
        text = normalize_space(anchor.text_content())
        if len(text.split()) >= _HEADLINE_WORDS:
            count += 1
    return count


def running_words(article: Article) -> int:
    """Words in the body's prose paragraphs (short lines such as captions do not count)."""
    return sum(n for n in (len(p.split()) for p in article.paragraphs) if n >= 20)


def looks_like_index(doc: Any, article: Article, *, og_type: str | None = None) -> bool:
    """True for a home, section or tag page rather than one article.

    A page that says it is an article (og:type article, a NewsArticle) and carries a
    publication date is taken at its word: short news items and photo stories are articles.
    """
    words = running_words(article)
    links = headline_links(doc)
    if article.published:
        # Dated pages are articles unless nothing of an article was found on them
        # (mediaindonesia.com marks its articles og:type "website", so the type alone is no proof).
        return not article.paragraphs and links >= 15
    if words < _ARTICLE_WORDS and links >= 15:
        return True
    # An undated page whose headline links outweigh its own text is a front page even when
    # the extractor found a few paragraphs (teasers) on it.
    return og_type != "article" and links * 12 > words and words < 400
