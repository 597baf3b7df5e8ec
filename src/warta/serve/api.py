"""The read-only JSON API: thin routes over :class:`warta.store.Store`.

Every listing is paged (``limit``, ``offset``; ``next_offset`` is null on the last page) and takes
the CLI's filters; errors are ``{"error", "detail"}`` (:mod:`warta.serve.errors`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from warta.serve.errors import error_responses
from warta.serve.params import MAX_ID, Page, filters, get_store, paged, paging
from warta.serve.schemas import (
    ArticleCardOut,
    ArticleOut,
    EntityOut,
    EntityProfileOut,
    EventOut,
    Paged,
    QuoteOut,
    SearchHitOut,
    StoryDetailOut,
    StoryOut,
)
from warta.store import ArticleFilter, EventQuery, QuoteQuery, SearchQuery, Store

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["read"], responses=error_responses(404, 422, 500, 503))

StoreDep = Annotated[Store, Depends(get_store)]
FilterDep = Annotated[ArticleFilter, Depends(filters)]
PageDep = Annotated[Page, Depends(paging)]
ArticleId = Annotated[int, Path(ge=1, le=MAX_ID, description="An article id (from a listing or a search).")]


@router.get("/articles", summary="Articles, newest first", response_model=Paged[ArticleCardOut])
async def list_articles(store: StoreDep, where: FilterDep, page: PageDep) -> dict[str, Any]:
    return paged(store.latest(where, limit=page.limit + 1, offset=page.offset), page)


@router.get(
    "/articles/{article_id}",
    summary="One article with its entities, quotes, events, story and related articles",
    response_model=ArticleOut,
)
async def get_article(store: StoreDep, article_id: ArticleId) -> dict[str, Any]:
    stored = store.article(article_id)
    story = store.story(stored.story_id).story.to_dict() if stored.story_id is not None else None
    return {
        **stored.to_dict(),
        "source": public_source(stored.source),
        "mentions": [
            {"field": m.field, "index": m.index, "start": m.start, "end": m.end, "text": m.text, "key": m.key}
            for m in store.mentions(article_id)
        ],
        "story": story,
        "related": [r.to_dict() for r in store.related(article_id)],
    }


def public_source(source: str) -> str:
    """Where a stored page came from, as the API shows it: a URL whole, a file by its name only.

    The store keeps the path the page was ingested from ("/home/ana/crawls/x.warc.gz#17"); the
    directories say nothing to an API client and tell anyone on the network how the server's disk
    is laid out, so only the last part is served ("x.warc.gz#17").
    """
    if source.startswith(("http://", "https://")):
        return source
    return source.replace("\\", "/").rsplit("/", 1)[-1]


@router.get("/search", summary="Full-text search (BM25), best first", response_model=Paged[SearchHitOut])
async def search(
    store: StoreDep,
    where: FilterDep,
    page: PageDep,
    q: Annotated[
        str, Query(min_length=1, max_length=500, description='Words (ANDed), "a phrase", prefix*, -excluded, a OR b.')
    ],
    speaker: Annotated[
        str | None, Query(description="Only articles quoting this speaker (key or canonical name).")
    ] = None,
) -> dict[str, Any]:
    query = SearchQuery(
        q,
        since=where.since,
        until=where.until,
        site=where.site,
        entity=where.entity,
        speaker=speaker or None,
        story=where.story,
        limit=page.limit + 1,
        offset=page.offset,
    )
    return paged(store.search(query), page)


@router.get("/entities", summary="The most named entities", response_model=Paged[EntityOut])
async def list_entities(
    store: StoreDep,
    where: FilterDep,
    page: PageDep,
    label: Annotated[str | None, Query(pattern="^(?i:PER|ORG|LOC)$", description="PER, ORG or LOC.")] = None,
    by: Annotated[
        str, Query(pattern="^(mentions|articles)$", description="Rank by mentions or articles.")
    ] = "mentions",
) -> dict[str, Any]:
    found = store.top_entities(where, label=label, by=by, limit=page.limit + 1, offset=page.offset)
    return paged(found, page)


@router.get(
    "/entities/{key}",
    summary="One entity: timeline, co-mentioned entities, quotes, latest articles",
    response_model=EntityProfileOut,
)
async def get_entity(
    store: StoreDep,
    where: FilterDep,
    key: Annotated[str, Path(min_length=1, max_length=200, description="An entity key (per:joko-widodo) or a name.")],
    top: Annotated[int, Query(ge=1, le=100)] = 10,
    quotes: Annotated[int, Query(ge=1, le=100)] = 10,
    articles: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    return store.entity(key, where, top=top, quotes=quotes, articles=articles).to_dict()


@router.get("/quotes", summary="Quotes, newest first", response_model=Paged[QuoteOut])
async def list_quotes(
    store: StoreDep,
    where: FilterDep,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=500, description="Words the quote holds; -excluded.")] = None,
    speaker: Annotated[str | None, Query(description="A speaker: an entity key or a name.")] = None,
) -> dict[str, Any]:
    query = QuoteQuery(text=q or None, speaker=speaker or None, where=where, limit=page.limit + 1, offset=page.offset)
    return paged(store.quotes(query), page)


@router.get("/events", summary="Events, newest first", response_model=Paged[EventOut])
async def list_events(
    store: StoreDep,
    page: PageDep,
    since: Annotated[str | None, Query(description="Published on or after (ISO date or date-time).")] = None,
    until: Annotated[str | None, Query(description="Published on or before.")] = None,
    site: Annotated[str | None, Query(description="Only this site and its subdomains.")] = None,
    story: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only events of this story's articles.")] = None,
    type: Annotated[
        str | None, Query(max_length=40, description="An event type of the ontology (docs/events.md).")
    ] = None,
    entity: Annotated[str | None, Query(description="An entity (key or name) as the actor or the target.")] = None,
) -> dict[str, Any]:
    where = ArticleFilter(since=since or None, until=until or None, site=site, story=story)
    query = EventQuery(type=type or None, entity=entity or None, where=where, limit=page.limit + 1, offset=page.offset)
    return paged(store.events(query), page)


@router.get("/stories", summary="Stories, most recently seen first", response_model=Paged[StoryOut])
async def list_stories(store: StoreDep, where: FilterDep, page: PageDep) -> dict[str, Any]:
    return paged(store.stories(where, limit=page.limit + 1, offset=page.offset), page)


@router.get(
    "/stories/{story_id}",
    summary="One story: its articles across publishers, oldest first",
    response_model=StoryDetailOut,
)
async def get_story(store: StoreDep, story_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    return store.story(story_id).to_dict()
