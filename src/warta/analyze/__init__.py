"""Analysis over an extracted article: sentences, entities and their links, quantities, dates.

>>> import warta
>>> analysis = warta.analyze(open("page.html", "rb").read())  # doctest: +SKIP
>>> [e.canonical for e in analysis.entities]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from itertools import islice
from pathlib import Path

from warta.analyze.pipeline import Pipeline, default_pipeline
from warta.extract import LoadOptions, expand_paths, extract, extract_path
from warta.model import Analysis, Article

__all__ = ["Pipeline", "analyze", "analyze_article", "analyze_articles", "analyze_paths", "default_pipeline"]

# How many articles ``analyze_articles`` reads ahead of the one it analyses (see there).
READ_AHEAD = 32


@cache
def _pipeline() -> Pipeline:
    return default_pipeline()


def analyze_article(article: Article) -> Analysis:
    """Run the default analysis stages over an extracted article."""
    return _pipeline()(article)


def analyze_articles(articles: Iterable[Article], *, read_ahead: int = READ_AHEAD) -> Iterator[Analysis]:
    """Analyse ``articles`` in order, taking up to ``read_ahead`` of them from the iterable before
    analysing them.

    When ``articles`` extracts pages as it goes (``warta analyze DIR``), this alternates between
    extracting a run of pages and analysing them, rather than page by page. Each part then keeps
    its own code and tables in the processor's caches: on the 32 Indonesian pages of the quotes
    benchmark, extract + analyse ran at a median of 100 articles/s page by page, 107 with runs of 16
    and 111 with runs of 32 (eight rounds, one pinned core, in one process). A run is analysed
    stage by stage (``Pipeline.many``), its sentences tagged in one call: a few per cent more. The
    analyses are the same as ``analyze_article``'s. Only ``read_ahead`` articles are held at once.
    """
    if read_ahead < 1:
        raise ValueError("read_ahead must be at least 1")
    pending = iter(articles)
    while run := list(islice(pending, read_ahead)):
        yield from _pipeline().many(run)


def analyze(
    data: bytes | str, *, url: str | None = None, input_format: str = "auto", options: LoadOptions | None = None
) -> Analysis:
    """Extract one page (HTML, a text dump, or plain text with ``input_format="text"``) and analyse it."""
    return analyze_article(extract(data, url=url, input_format=input_format, options=options))


def analyze_paths(
    paths: Iterable[str | Path], *, url: str | None = None, input_format: str = "auto"
) -> Iterator[Analysis]:
    """Analyse every page named by ``paths``, in order (extracted a run at a time: ``analyze_articles``)."""
    yield from analyze_articles(extract_path(path, url=url, input_format=input_format) for path in expand_paths(paths))
