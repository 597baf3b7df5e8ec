"""What the reader's queries hand back (``warta serve``): article cards, events, related
articles, a story with its timeline, the mentions to highlight in an article.

Each result is a small frozen dataclass with ``to_dict()`` for JSON output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from warta.model import Event
from warta.store.filters import ArticleFilter
from warta.store.results import ArticleRef, EntityCount, StoryRow

__all__ = ["ArticleCard", "EventHit", "EventQuery", "MentionSpan", "RelatedArticle", "StoryDetail"]


@dataclass(frozen=True, slots=True)
class ArticleCard:
    """An article as a list shows it: title, where and when, its summary and first image."""

    id: int
    title: str | None
    site: str | None
    publisher: str | None
    published: str | None
    url: str | None
    description: str | None
    image: str | None
    story_id: int | None

    def ref(self) -> ArticleRef:
        return ArticleRef(self.id, self.title, self.site, self.published, self.url)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "site": self.site,
            "publisher": self.publisher,
            "published": self.published,
            "url": self.url,
            "description": self.description,
            "image": self.image,
            "story_id": self.story_id,
        }


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Events to list, newest article first: of a ``type`` (the ontology's, e.g. ``meeting``),
    with an entity (key or name) as actor or target (``entity``), in the articles ``where`` selects."""

    type: str | None = None
    entity: str | None = None
    where: ArticleFilter = field(default_factory=ArticleFilter)
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class EventHit:
    """A stored event and the article it is from."""

    event: Event
    article: ArticleRef

    def to_dict(self) -> dict[str, Any]:
        return {**self.event.to_dict(), "article": self.article.to_dict()}


@dataclass(frozen=True, slots=True)
class RelatedArticle:
    """An article related to another: in the same ``story``, or sharing ``shared`` entities."""

    article: ArticleCard
    reason: str  # "story" or "entities"
    shared: int

    def to_dict(self) -> dict[str, Any]:
        return {**self.article.to_dict(), "reason": self.reason, "shared_entities": self.shared}


@dataclass(frozen=True, slots=True)
class StoryDetail:
    """A story: its row, its articles oldest first (the timeline across publishers), and the
    entities its articles name most."""

    story: StoryRow
    articles: tuple[ArticleCard, ...]
    entities: tuple[EntityCount, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.story.to_dict(),
            "articles": [a.to_dict() for a in self.articles],
            "entities": [e.to_dict() for e in self.entities],
        }


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """An entity mention in an article field: ``start``/``end`` are offsets into the field
    (``body``: the article text), ``key`` the entity it is linked to."""

    field: str
    index: int
    start: int
    end: int
    text: str
    label: str
    key: str
    canonical: str
