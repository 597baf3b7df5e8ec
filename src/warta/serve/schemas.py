"""The API's response models: what ``/openapi.json`` promises each route answers.

They mirror the ``to_dict()`` of the store's result dataclasses (the routes still build those
dicts; FastAPI checks them against these models on the way out, and schemathesis checks the
answers against the schema, tests/serve/test_openapi.py). Fields a client relies on are typed;
the nested analysis records (an article's entities, quotes, events, the article itself) keep
their main fields typed and allow more (``extra="allow"``), so a field added to the model of
warta.model shows up without a change here.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AnalysisOut",
    "ArticleCardOut",
    "ArticleOut",
    "EntityOut",
    "EntityProfileOut",
    "EventOut",
    "PageStoredOut",
    "Paged",
    "QuoteOut",
    "SearchHitOut",
    "StoryDetailOut",
    "StoryOut",
]

Item = TypeVar("Item")


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Paged(BaseModel, Generic[Item]):
    """One page of a listing; ``next_offset`` is null on the last page."""

    items: list[Item]
    limit: int = Field(ge=1)
    offset: int = Field(ge=0)
    next_offset: int | None


class ArticleRefOut(_Open):
    id: int
    title: str | None
    site: str | None
    published: str | None
    url: str | None


class ArticleCardOut(ArticleRefOut):
    publisher: str | None
    description: str | None
    image: str | None
    story_id: int | None


class RelatedOut(ArticleCardOut):
    reason: Literal["story", "entities"]
    shared_entities: int = Field(ge=0)


class SearchHitOut(_Open):
    id: int
    title: str | None
    url: str | None
    site: str | None
    published: str | None
    score: float
    snippet: str | None


class EntityOut(_Open):
    key: str
    label: str
    canonical: str
    mentions: int = Field(ge=0)
    articles: int = Field(ge=0)


class DayOut(_Open):
    day: str
    mentions: int = Field(ge=0)


class QuoteOut(_Open):
    text: str
    kind: str
    speaker: str | None
    speaker_name: str | None
    role: str | None
    affiliation: str | None
    cue: str | None
    confidence: float
    article: ArticleRefOut


class EventOut(_Open):
    type: str
    trigger: str
    actor: str | None
    actor_name: str | None
    target: str | None
    target_name: str | None
    date: str | None
    place: str | None
    confidence: float
    article: ArticleRefOut


class StoryOut(_Open):
    id: int
    title: str | None
    first_seen: str | None
    last_seen: str | None
    size: int = Field(ge=0)


class StoryDetailOut(StoryOut):
    articles: list[ArticleCardOut]
    entities: list[EntityOut]


class EntityProfileOut(EntityOut):
    aliases: list[str]
    timeline: list[DayOut]
    undated_mentions: int = Field(ge=0)
    co_mentioned: list[EntityOut]
    quotes: list[QuoteOut]
    latest_articles: list[ArticleRefOut]


class MentionOut(_Open):
    field: str
    index: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    key: str | None


class ArticleOut(_Open):
    """A stored article (``warta show``'s JSON) with its mentions, story and related articles."""

    id: int
    story_id: int | None
    duplicate_of: int | None
    published_utc: str | None
    article: dict[str, Any] = Field(description="The extracted article: title, text, authors, dates, images...")
    entities: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    events: list[dict[str, Any]]
    mentions: list[MentionOut]
    story: StoryOut | None
    related: list[RelatedOut]


class AnalysisOut(_Open):
    """``POST /api/extract``: what ``warta analyze`` prints for the page."""

    article: dict[str, Any]


class PageStoredOut(BaseModel):
    """``POST /api/pages``: where the page went (``id`` is null when no article was stored)."""

    id: int | None
    duplicate_of: int | None
    stored: bool
    already_stored: bool
    problems: list[dict[str, Any]]
