"""What the store takes and hands back: small frozen dataclasses around the model's own types."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from warta.model import Article, Entity, Event, Problem, Quote
from warta.store.filters import ArticleFilter

__all__ = [
    "AddResult",
    "PageRecord",
    "SearchHit",
    "SearchQuery",
    "StoreSummary",
    "StoredArticle",
    "sha256_hex",
]


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class PageRecord:
    """One input page as it is kept: the bytes that were extracted, and where they came from.

    ``sha256`` is the hash of ``body`` and the idempotence key: a page whose hash is stored is
    never processed again. ``kind`` is what extraction read it as (html, dump, text);
    ``hints`` holds metadata the input gave beside the page (a CSV row's title and date).
    ``more`` holds the following pages of a multi-page article, ``(url, body)`` in page order
    (``warta crawl`` fetches them; they are kept so a reprocess merges them again).
    """

    body: bytes
    kind: str
    source: str
    url: str | None = None
    fetched_at: str | None = None
    hints: dict[str, Any] | None = None
    sha256: str = ""
    more: tuple[tuple[str | None, bytes], ...] = ()

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", sha256_hex(self.body))


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Store.add_article` did: ``article_id`` is None when the page was already stored."""

    article_id: int | None
    duplicate_of: int | None = None

    @property
    def added(self) -> bool:
        return self.article_id is not None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as the store holds it: the model's Article plus its store identity and findings."""

    id: int
    article: Article
    canonical_url: str | None
    published_utc: str | None
    duplicate_of: int | None
    story_id: int | None
    source: str
    sha256: str
    fetched_at: str | None
    ingested_at: str
    pipeline_version: str
    run_id: int | None
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    problems: tuple[Problem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "canonical_url": self.canonical_url,
            "published_utc": self.published_utc,
            "duplicate_of": self.duplicate_of,
            "story_id": self.story_id,
            "source": self.source,
            "sha256": self.sha256,
            "fetched_at": self.fetched_at,
            "ingested_at": self.ingested_at,
            "pipeline_version": self.pipeline_version,
            "run_id": self.run_id,
            "article": self.article.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
        }


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search: words as a user types them (``"exact phrase"``, ``prefix*``, ``-exclude``, ``OR``)
    and filters. ``since``/``until`` are ISO dates or date-times (a date without a zone is WIB);
    ``until`` as a date includes that whole day. ``site`` matches its subdomains too;
    ``entity`` and ``speaker`` take an entity key (``per:joko-widodo``) or a canonical name;
    ``story`` a story id; ``offset`` skips that many hits (to page through them).
    ``rank_window``: a query matching more articles than this is ranked among about that many
    of its most recently stored matches (None ranks every match; see :mod:`warta.store.search`)."""

    text: str
    since: str | None = None
    until: str | None = None
    site: str | None = None
    entity: str | None = None
    speaker: str | None = None
    limit: int = 20
    include_duplicates: bool = False
    highlight: tuple[str, str] = ("**", "**")
    story: int | None = None
    offset: int = 0
    rank_window: int | None = 1_000

    def filter(self) -> ArticleFilter:
        """The query's filters, as every store query takes them."""
        return ArticleFilter(
            since=self.since,
            until=self.until,
            site=self.site,
            entity=self.entity,
            story=self.story,
            include_duplicates=self.include_duplicates,
        )


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result, best first: ``score`` is BM25 (higher is better), ``snippet`` has the
    matched words between the query's highlight marks."""

    id: int
    title: str | None
    url: str | None
    site: str | None
    published: str | None
    score: float
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "site": self.site,
            "published": self.published,
            "score": round(self.score, 4),
            "snippet": self.snippet,
        }


@dataclass(frozen=True, slots=True)
class StoreSummary:
    """Counts over the whole store (``fts_rows`` is the size of the full-text index: it equals
    ``articles`` when the index is in step)."""

    articles: int
    duplicates: int
    raw_pages: int
    raw_bytes: int
    stored_bytes: int
    entities: int
    mentions: int
    quotes: int
    events: int
    fts_rows: int
    runs: int
    problems: dict[str, int] = field(default_factory=dict)
    stories: int = 0
    sites: int = 0
    first_published: str | None = None
    last_published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "duplicates": self.duplicates,
            "raw_pages": self.raw_pages,
            "raw_bytes": self.raw_bytes,
            "stored_bytes": self.stored_bytes,
            "entities": self.entities,
            "mentions": self.mentions,
            "quotes": self.quotes,
            "events": self.events,
            "fts_rows": self.fts_rows,
            "runs": self.runs,
            "problems": dict(self.problems),
            "stories": self.stories,
            "sites": self.sites,
            "first_published": self.first_published,
            "last_published": self.last_published,
        }
