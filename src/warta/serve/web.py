"""The reader: server-rendered pages over the store (no JavaScript needed), and Atom feeds.

Routes are thin: they ask the store, shape what a template needs, and render. The templates
are real ``.html`` files in ``warta/serve/templates``; :mod:`warta.serve.render` escapes.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from warta.serve.charts import day_bars
from warta.serve.feeds import ATOM_TYPE, FeedEntry, atom
from warta.serve.highlight import CLOSE_MARK, OPEN_MARK, marked, paragraphs
from warta.serve.params import MAX_ID, Page, get_store, paging
from warta.serve.render import Renderer, language, strings, window_start
from warta.store import ArticleFilter, QuoteQuery, SearchQuery, Store

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

StoreDep = Annotated[Store, Depends(get_store)]
PageDep = Annotated[Page, Depends(paging)]
Text = Annotated[str | None, Query(max_length=500)]
ArticleId = Annotated[int, Path(ge=1, le=MAX_ID)]
StoryId = Annotated[int, Path(ge=1, le=MAX_ID)]
EntityKey = Annotated[str, Path(min_length=1, max_length=200)]


def _renderer(request: Request) -> Renderer:
    renderer: Renderer = request.app.state.renderer
    return renderer


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, store: StoreDep) -> Response:
    newest = store.newest_published()
    windows = []
    for hours, name in ((24, "last_24h"), (24 * 7, "last_7d")):
        where = ArticleFilter(since=window_start(newest, hours))
        entities = store.top_entities(where, limit=8)
        stories = store.popular_stories(where, limit=5)
        windows.append({"name": name, "entities": entities, "stories": stories})
    latest = store.latest(limit=20, news_only=True)
    return _renderer(request).page(request, "home.html", latest=latest, windows=windows)


def _search_query(q: str, page: Page, since: str | None, until: str | None, site: str | None) -> SearchQuery:
    return SearchQuery(
        q,
        since=since or None,
        until=until or None,
        site=site or None,
        limit=page.limit + 1,
        offset=page.offset,
        highlight=(OPEN_MARK, CLOSE_MARK),
    )


@router.get("/search", response_class=HTMLResponse)
async def search_page(
    request: Request,
    store: StoreDep,
    page: PageDep,
    q: Text = None,
    since: Text = None,
    until: Text = None,
    site: Text = None,
) -> Response:
    hits: list[Any] = []
    more = False
    if q and q.strip():
        found = store.search(_search_query(q, page, since, until, site))
        more = len(found) > page.limit
        hits = [{"hit": h, "snippet": marked(h.snippet)} for h in found[: page.limit]]
    context: dict[str, Any] = {"q": q or "", "since": since or "", "until": until or "", "site": site or ""}
    return _renderer(request).page(request, "search.html", hits=hits, more=more, page=page, **context)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article_page(request: Request, store: StoreDep, article_id: ArticleId) -> Response:
    stored = store.article(article_id)
    story = store.story(stored.story_id) if stored.story_id is not None else None
    body = paragraphs(stored.article.paragraphs, store.mentions(article_id))
    related = store.related(article_id, limit=6)
    return _renderer(request).page(
        request, "article.html", stored=stored, article=stored.article, body=body, related=related, story=story
    )


@router.get("/entities/{key}", response_class=HTMLResponse)
async def entity_page(request: Request, store: StoreDep, key: EntityKey) -> Response:
    profile = store.entity(key, top=12, quotes=10, articles=12)
    chart = day_bars(profile.timeline)
    return _renderer(request).page(request, "entity.html", profile=profile, chart=chart)


@router.get("/quotes", response_class=HTMLResponse)
async def quotes_page(
    request: Request, store: StoreDep, page: PageDep, q: Text = None, speaker: Text = None
) -> Response:
    query = QuoteQuery(text=q or None, speaker=speaker or None, limit=page.limit + 1, offset=page.offset)
    found = store.quotes(query)
    return _renderer(request).page(
        request,
        "quotes.html",
        quotes=found[: page.limit],
        more=len(found) > page.limit,
        page=page,
        q=q or "",
        speaker=speaker or "",
    )


@router.get("/stories", response_class=HTMLResponse)
async def stories_page(request: Request, store: StoreDep, page: PageDep) -> Response:
    found = store.stories(limit=page.limit + 1, offset=page.offset)
    return _renderer(request).page(
        request, "stories.html", stories=found[: page.limit], more=len(found) > page.limit, page=page
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(request: Request, store: StoreDep, story_id: StoryId) -> Response:
    return _renderer(request).page(request, "story.html", detail=store.story(story_id))


# --- Atom feeds ("Ikuti") ----------------------------------------------------------------------


def _feed(request: Request, title: str, page_path: str, entries: list[FeedEntry]) -> Response:
    base = str(request.base_url).rstrip("/")
    body = atom(title, str(request.url), base + page_path, entries, lang=language(request))
    return Response(body, media_type=ATOM_TYPE)


def _entry(request: Request, article_id: int, title: str | None, published: str | None, **extra: Any) -> FeedEntry:
    link = str(request.base_url).rstrip("/") + f"/articles/{article_id}"
    return FeedEntry(article_id, title, published, link, **extra)


@router.get("/feeds/search")
async def search_feed(
    request: Request, store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=500)], site: Text = None
) -> Response:
    hits = store.search(SearchQuery(q, site=site or None, limit=30, highlight=("", "")))
    entries = [_entry(request, h.id, h.title, h.published, source=h.url, summary=h.snippet, site=h.site) for h in hits]
    title = f"warta: {strings()[language(request)]['search']} “{q}”"
    return _feed(request, title, "/search?q=" + q, entries)


@router.get("/feeds/entities/{key}")
async def entity_feed(request: Request, store: StoreDep, key: EntityKey) -> Response:
    profile = store.entity(key, articles=30, quotes=1, top=1)
    entries = [_entry(request, a.id, a.title, a.published, source=a.url, site=a.site) for a in profile.articles]
    return _feed(request, f"warta: {profile.entity.canonical}", f"/entities/{profile.entity.key}", entries)


@router.get("/feeds/stories/{story_id}")
async def story_feed(request: Request, store: StoreDep, story_id: StoryId) -> Response:
    detail = store.story(story_id)
    entries = [
        _entry(request, a.id, a.title, a.published, source=a.url, summary=a.description, site=a.site)
        for a in reversed(detail.articles)
    ]
    return _feed(request, f"warta: {detail.story.title or story_id}", f"/stories/{story_id}", entries)
