"""Stories: articles about one event across publishers, clustered online as they arrive.

``StoryClusterer().add(key, analysis)`` places each article (in time order) in a story and
returns an :class:`Assignment`; ``stories()`` gives the :class:`Story` objects (title, first and
last seen, articles, top entities, quotes). ``bcubed`` scores a clustering against a gold one;
``single_link`` is the plain TF-IDF baseline. How it works and how well: docs/stories.md.
"""

from __future__ import annotations

from warta.stories.baseline import single_link
from warta.stories.cluster import StoryClusterer, StorySettings, story_id
from warta.stories.model import Assignment, Story, StoryEntity, StoryQuote
from warta.stories.score import BCubed, bcubed

__all__ = [
    "Assignment",
    "BCubed",
    "Story",
    "StoryClusterer",
    "StoryEntity",
    "StoryQuote",
    "StorySettings",
    "bcubed",
    "single_link",
    "story_id",
]
