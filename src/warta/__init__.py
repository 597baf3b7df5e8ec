"""warta: Indonesian news intelligence.

``warta.extract(page_bytes, url=...)`` turns a raw news page (HTML or a text dump) into a
clean :class:`warta.model.Article`.
"""

from __future__ import annotations

from warta.extract import extract, extract_path, extract_paths, merge
from warta.model import Article, Image, PageInfo, Problem, RawPage, RelatedLink

__all__ = [
    "Article",
    "Image",
    "PageInfo",
    "Problem",
    "RawPage",
    "RelatedLink",
    "extract",
    "extract_path",
    "extract_paths",
    "merge",
]
__version__ = "0.1.0"
