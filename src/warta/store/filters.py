"""The filters every store query shares: a published-date window, a site, an entity, a story.

:func:`conditions` turns an :class:`ArticleFilter` into SQL conditions on the ``articles``
table (aliased ``a``) and their parameters: user text only ever travels as a parameter, and
LIKE patterns have their wildcards escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from warta.errors import QueryError
from warta.extract.dates import WIB

__all__ = [
    "MAX_LIMIT",
    "MAX_OFFSET",
    "ArticleFilter",
    "check_limit",
    "check_offset",
    "conditions",
    "like_pattern",
    "utc_bound",
]

MAX_LIMIT = 1000
#: How deep ``offset`` paging may go: SQLite still walks the rows it skips, so a deep page costs
#: what all the pages before it cost; past this, narrow the filters (a date window) instead.
MAX_OFFSET = 100_000


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles a query looks at. ``since``/``until`` are ISO dates or date-times on the
    published date (a date without a zone is WIB; ``until`` as a date includes that whole day);
    ``site`` matches its subdomains too; ``entity`` is an entity key or a canonical name (resolve
    a looser name first with :meth:`Store.resolve_entity`); ``story`` a story id. Duplicates are
    left out unless ``include_duplicates``."""

    since: str | None = None
    until: str | None = None
    site: str | None = None
    entity: str | None = None
    story: int | None = None
    include_duplicates: bool = False


def utc_bound(value: str, *, end: bool = False) -> tuple[str, bool]:
    """An ISO date or date-time as a UTC bound for ``published_utc``, and whether it is exclusive.

    A date without a zone is read as WIB (UTC+7), the zone most Indonesian news is dated in; a
    plain date as ``end`` stands for the whole day (the bound is the next midnight, exclusive).
    """
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise QueryError(
            f"{value!r} is not a date; give an ISO date (2024-06-18) or date-time (2024-06-18T09:00+07:00)"
        ) from None
    exclusive = False
    if end and "T" not in value and " " not in value.strip():
        parsed += timedelta(days=1)
        exclusive = True
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=WIB)
    return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), exclusive


def like_pattern(text: str, *, anywhere: bool = True) -> str:
    """``text`` as a LIKE pattern (``ESCAPE '\\'``) that matches it literally, ``%`` and ``_`` included."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%" if anywhere else escaped


def check_limit(limit: int, what: str = "result") -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"the {what} limit must be between 1 and {MAX_LIMIT}, not {limit}")


def check_offset(offset: int) -> None:
    if not 0 <= offset <= MAX_OFFSET:
        raise QueryError(f"the offset must be between 0 and {MAX_OFFSET}, not {offset}; narrow the filters instead")


def conditions(where: ArticleFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``articles a`` for ``where``, with their parameters (ANDed by the caller)."""
    sql: list[str] = []
    params: list[Any] = []
    if not where.include_duplicates:
        sql.append("a.duplicate_of IS NULL")
    if where.since:
        bound, _ = utc_bound(where.since)
        sql.append("a.published_utc >= ?")
        params.append(bound)
    if where.until:
        bound, exclusive = utc_bound(where.until, end=True)
        sql.append("a.published_utc < ?" if exclusive else "a.published_utc <= ?")
        params.append(bound)
    if where.since and where.until and params[-2] > params[-1]:
        raise QueryError(f"--since {where.since} is after --until {where.until}; swap them")
    if where.site:
        site = where.site.strip().lower().removeprefix("www.")
        if not site:
            raise QueryError("--site is empty; give a site such as kompas.com")
        sql.append("(a.site = ? OR a.site LIKE ? ESCAPE '\\')")
        params += [site, "%." + like_pattern(site, anywhere=False)]
    if where.entity:
        sql.append(
            "a.id IN (SELECT m.article_id FROM mentions m WHERE m.entity_key IN "
            "(SELECT e.key FROM entities e WHERE e.key = ? OR e.canonical = ? COLLATE NOCASE))"
        )
        params += [where.entity.strip(), where.entity.strip()]
    if where.story is not None:
        sql.append("a.story_id = ?")
        params.append(where.story)
    return sql, params
