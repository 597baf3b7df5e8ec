"""The query parameters routes share: the CLI's filters, and limit/offset paging.

Each is a FastAPI dependency, so the filters read the same (and are documented once in the
OpenAPI schema) on every route; values reach the store as :class:`ArticleFilter` fields, which
the store passes to SQLite as parameters only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Protocol

from fastapi import Query, Request

from warta.store import ArticleFilter, Store
from warta.store.filters import MAX_OFFSET

__all__ = ["MAX_ID", "MAX_PAGE", "Page", "filters", "get_store", "paged", "paging"]

#: The most items one page of a listing holds.
MAX_PAGE = 100
#: The largest id: SQLite's integers are 64-bit, and a bigger number would overflow on its way
#: to the store (a 500 schemathesis found) instead of being a 422.
MAX_ID = 2**63 - 1


async def filters(
    since: Annotated[
        str | None, Query(description="Published on or after: an ISO date or date-time (WIB when no zone).")
    ] = None,
    until: Annotated[
        str | None, Query(description="Published on or before (a plain date includes the whole day).")
    ] = None,
    site: Annotated[str | None, Query(description="Only this site and its subdomains, e.g. kompas.com.")] = None,
    entity: Annotated[str | None, Query(description="Only articles naming this entity: a key or a name.")] = None,
    story: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only articles of this story id.")] = None,
) -> ArticleFilter:
    """The CLI's window filters (``--since --until --site --entity --story``)."""
    return ArticleFilter(since=since or None, until=until or None, site=site, entity=entity or None, story=story)


@dataclass(frozen=True, slots=True)
class Page:
    limit: int
    offset: int


async def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page.")] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> Page:
    return Page(limit, offset)


class _ToDict(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def paged(items: Sequence[_ToDict], page: Page) -> dict[str, Any]:
    """A page of a listing. The store was asked for ``limit + 1`` items: one more than fits says
    there is a next page, without counting them all."""
    more = len(items) > page.limit
    return {
        "items": [item.to_dict() for item in items[: page.limit]],
        "limit": page.limit,
        "offset": page.offset,
        "next_offset": page.offset + page.limit if more else None,
    }


async def get_store(request: Request) -> Store:
    """This thread's connection to the server's store."""
    store: Store = request.app.state.stores.get()
    return store
