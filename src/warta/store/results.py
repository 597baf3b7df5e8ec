"""What the store's read-only queries hand back: entity counts and profiles, quotes, stories.

Each result is a small frozen dataclass with ``to_dict()`` for JSON output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from warta.model import Quote
from warta.store.filters import ArticleFilter

__all__ = [
    "ENTITY_LABELS",
    "ArticleRef",
    "DayCount",
    "EntityCount",
    "EntityProfile",
    "QuoteHit",
    "QuoteQuery",
    "StoryRow",
]

#: Entity labels ``warta entities --label`` takes (quantities such as DATE have no entity).
ENTITY_LABELS = ("PER", "ORG", "LOC")


@dataclass(frozen=True, slots=True)
class EntityCount:
    """An entity and how often it is named: ``mentions`` in all, in ``articles`` distinct articles
    (for a co-mentioned entity: the articles it shares with the one asked about)."""

    key: str
    label: str
    canonical: str
    mentions: int
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "canonical": self.canonical,
            "mentions": self.mentions,
            "articles": self.articles,
        }


@dataclass(frozen=True, slots=True)
class DayCount:
    """Mentions of an entity on one day (the published date, in WIB)."""

    day: str
    mentions: int
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day, "mentions": self.mentions, "articles": self.articles}


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article named in a result: enough to print a line and find it with ``warta show``."""

    id: int
    title: str | None
    site: str | None
    published: str | None
    url: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "site": self.site, "published": self.published, "url": self.url}


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A stored quote and the article it is from."""

    quote: Quote
    article: ArticleRef

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.quote.text,
            "kind": self.quote.kind,
            "speaker": self.quote.speaker,
            "speaker_name": self.quote.speaker_name,
            "role": self.quote.role,
            "affiliation": self.quote.affiliation,
            "cue": self.quote.cue,
            "confidence": self.quote.confidence,
            "article": self.article.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class QuoteQuery:
    """Quotes to list: ``text`` (words that must all be in the quote, ``"a phrase"``, ``-excluded``),
    ``speaker`` (an entity key or a name as :meth:`Store.resolve_entity` reads it), newest first;
    ``offset`` skips that many (to page through them)."""

    text: str | None = None
    speaker: str | None = None
    where: ArticleFilter = field(default_factory=ArticleFilter)
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class EntityProfile:
    """Everything the store says about one entity, within a filter's window.

    ``timeline`` has one row per day with mentions (dated articles only; ``undated`` counts the
    mentions in articles without a published date); ``co_mentioned`` are the entities sharing the
    most articles with it; ``quotes`` are its own (as speaker), newest first; ``articles`` its latest.
    """

    entity: EntityCount
    aliases: tuple[str, ...]
    timeline: tuple[DayCount, ...]
    undated: int
    co_mentioned: tuple[EntityCount, ...]
    quotes: tuple[QuoteHit, ...]
    articles: tuple[ArticleRef, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.entity.to_dict(),
            "aliases": list(self.aliases),
            "timeline": [d.to_dict() for d in self.timeline],
            "undated_mentions": self.undated,
            "co_mentioned": [e.to_dict() for e in self.co_mentioned],
            "quotes": [q.to_dict() for q in self.quotes],
            "latest_articles": [a.to_dict() for a in self.articles],
        }


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story: articles about one event across publishers (``size`` canonical articles)."""

    id: int
    title: str | None
    first_seen: str | None
    last_seen: str | None
    size: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "size": self.size,
        }
