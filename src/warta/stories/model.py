"""What story clustering hands out: a story and the answer for one incoming article."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True, slots=True)
class StoryEntity:
    """An entity of a story: its key, canonical name and kind, and in how many of its articles it is named."""

    key: str
    name: str
    label: str
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class StoryQuote:
    """A quote carried into a story: who said what, in which article."""

    article: str
    text: str
    speaker: str | None = None
    speaker_name: str | None = None
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one event, in the order they arrived.

    ``id`` is derived from the first article's key, so a rerun over the same stream gives the
    same ids; ``title`` is the first article's title; ``first_seen``/``last_seen`` are ISO
    8601 times of its first and last articles (None when no article had a time).
    """

    id: str
    title: str | None
    first_seen: str | None
    last_seen: str | None
    articles: tuple[str, ...]
    entities: tuple[StoryEntity, ...] = ()
    quotes: tuple[StoryQuote, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "articles": list(self.articles),
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
        }


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an incoming article went: its story, whether that story is new, and the similarity that decided."""

    article: str
    story: str
    new: bool
    similarity: float
