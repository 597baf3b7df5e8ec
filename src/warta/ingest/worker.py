"""One page through the pipeline: load, extract, apply the input's hints, analyse.

:func:`process` runs in a worker process (or in the main one with ``--workers 1``) and never
raises: a page that is not a page, or that meets a bug, comes back as a :class:`ReadProblem`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from warta.analyze import analyze_article
from warta.dedup import Fingerprint, fingerprint
from warta.errors import InputError, WartaError
from warta.extract import extract_page, merge
from warta.extract.dates import parse_date
from warta.extract.limits import LoadOptions
from warta.extract.loading import load_page
from warta.ingest.records import EXTRACTION_FAILED, INTERNAL_ERROR, NOT_A_PAGE, InputPage, ReadProblem
from warta.ingest.urls import canonical_url
from warta.model import Analysis, Article
from warta.store.records import PageRecord

__all__ = ["Processed", "apply_hints", "process", "process_pages", "warm_up"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Processed:
    """A page ready to be stored: the record, the analysis, the article's canonical URL and its
    near-duplicate fingerprint (made here, in the worker, so the writing process need not)."""

    page: PageRecord
    analysis: Analysis
    canonical_url: str | None
    fingerprint: Fingerprint | None = None


def apply_hints(article: Article, hints: dict[str, Any] | None) -> Article:
    """Put the metadata an input gave beside the page (a CSV row's title, date, authors) on the article."""
    if not hints:
        return article
    changes: dict[str, Any] = {}
    resolved: set[str] = set()
    if hints.get("title"):
        changes["title"] = str(hints["title"])
        resolved.add("no_title")
    if hints.get("published"):
        published = parse_date(str(hints["published"]))
        if published:
            changes["published"] = published
            resolved.add("no_published_date")
    if hints.get("authors") and not article.authors:
        changes["authors"] = tuple(str(a) for a in hints["authors"])
    if resolved:
        changes["problems"] = tuple(p for p in article.problems if p.code not in resolved)
    return replace(article, **changes) if changes else article


def process(item: InputPage, options: LoadOptions) -> Processed | ReadProblem:
    """Extract and analyse one page (with its following pages, if any); a problem instead when
    that cannot be done."""
    return process_pages([item, *item.more], options)


def process_pages(items: Sequence[InputPage], options: LoadOptions) -> Processed | ReadProblem:
    """Extract the pages of one article (in page order), merge them (:func:`warta.extract.merge`)
    and analyse the whole; a problem instead when that cannot be done. The record holds the first
    page, with the others in ``more``."""
    item = items[0]
    try:
        raw = load_page(item.data, url=item.url, source=item.source, input_format=item.input_format, options=options)
        article = apply_hints(extract_page(raw), item.hints)
        if len(items) > 1:
            loaded = [load_page(p.data, url=p.url, source=p.source, options=options) for p in items[1:]]
            article = merge([article, *(extract_page(page) for page in loaded)])
        # Tokens are for in-process stages; the store does not keep them, so they are not shipped back.
        analysis = replace(analyze_article(article), tokens=())
    except InputError as exc:
        return ReadProblem(item.source, NOT_A_PAGE, str(exc))
    except WartaError as exc:
        return ReadProblem(item.source, EXTRACTION_FAILED, str(exc))
    except Exception as exc:  # a bug met on one page must not stop an ingest of millions
        logger.exception("%s: unexpected error", item.source)
        return ReadProblem(item.source, INTERNAL_ERROR, f"{type(exc).__name__}: {exc}; please report it")
    page = PageRecord(
        body=item.data,
        kind=raw.kind,
        source=item.source,
        url=item.url,
        fetched_at=item.fetched_at,
        hints=item.hints,
        more=tuple((p.url, p.data) for p in items[1:]),
    )
    html = raw.content if raw.kind == "html" else None
    return Processed(page, analysis, canonical_url(article.url, html), fingerprint(analysis.article))


def warm_up() -> None:
    """Load the analysis models once (before forking, so workers share them)."""
    analyze_article(Article(title="Presiden Joko Widodo", paragraphs=("Presiden Joko Widodo tiba di Jakarta.",)))
