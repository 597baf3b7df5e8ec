"""Analysis over an extracted article: sentences, entities and their links, quantities, dates.

>>> import warta
>>> analysis = warta.analyze(open("page.html", "rb").read())  # doctest: +SKIP
>>> [e.canonical for e in analysis.entities]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from warta.analyze.pipeline import Pipeline, default_pipeline
from warta.extract import LoadOptions, expand_paths, extract, extract_path
from warta.model import Analysis, Article

__all__ = ["Pipeline", "analyze", "analyze_article", "analyze_paths", "default_pipeline"]


@cache
def _pipeline() -> Pipeline:
    return default_pipeline()


def analyze_article(article: Article) -> Analysis:
    """Run the default analysis stages over an extracted article."""
    return _pipeline()(article)


def analyze(
    data: bytes | str, *, url: str | None = None, input_format: str = "auto", options: LoadOptions | None = None
) -> Analysis:
    """Extract one page (HTML, a text dump, or plain text with ``input_format="text"``) and analyse it."""
    return analyze_article(extract(data, url=url, input_format=input_format, options=options))


def analyze_paths(
    paths: Iterable[str | Path], *, url: str | None = None, input_format: str = "auto"
) -> Iterator[Analysis]:
    """Analyse every page named by ``paths``, one at a time."""
    for path in expand_paths(paths):
        yield analyze_article(extract_path(path, url=url, input_format=input_format))
