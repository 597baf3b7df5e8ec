"""warta: Indonesian news intelligence.

``warta.extract(page_bytes, url=...)`` turns a raw news page (HTML or a text dump) into a
clean :class:`warta.model.Article`; ``warta.analyze(page_bytes)`` adds sentences, linked
entities, quantities and dates (:class:`warta.model.Analysis`).
"""

from __future__ import annotations

from warta.analyze import analyze, analyze_article, analyze_articles, analyze_paths
from warta.extract import extract, extract_path, extract_paths, merge
from warta.model import Analysis, Article, Entity, Image, Mention, PageInfo, Problem, RawPage, RelatedLink

__all__ = [
    "Analysis",
    "Article",
    "Entity",
    "Image",
    "Mention",
    "PageInfo",
    "Problem",
    "RawPage",
    "RelatedLink",
    "analyze",
    "analyze_article",
    "analyze_articles",
    "analyze_paths",
    "extract",
    "extract_path",
    "extract_paths",
    "merge",
]
__version__ = "0.1.0"
