"""Score one tool's output on one page set: body, title, date, authors, related links left in.

Rules (also written out in docs/benchmarks.md):

* title: equal after whitespace normalisation (strip, runs of whitespace to one space); quotes,
  case and punctuation must match exactly.
* date, to the minute: the tool's value must carry a time of day and be the same instant as the
  gold, both truncated to the minute. A value without a UTC offset is taken as WIB (+07:00).
* date, day: the calendar day in WIB is the gold's (a date-only value is taken as that day).
* authors: one of the tool's authors equals a gold author, ignoring case and spacing.
* related left: the body still holds "baca juga", "lihat juga", "simak juga" or "baca selengkapnya".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from corpora import Page
from metrics import PageCounts, aggregate, f1_interval, page_counts

WIB = timezone(timedelta(hours=7), "WIB")
RELATED = re.compile(r"\b(baca juga|lihat juga|simak juga|baca selengkapnya)\b", re.IGNORECASE)
_HAS_TIME = re.compile(r"\d[T ]\d{1,2}:\d{2}")


@dataclass(frozen=True, slots=True)
class Instant:
    """A parsed tool date: an aware datetime, and whether the tool gave a time of day at all."""

    value: datetime
    has_time: bool


def normalise_space(text: str | None) -> str:
    return " ".join((text or "").split())


def parse_instant(text: str | None) -> Instant | None:
    """Parse an ISO 8601 date or datetime (``Z`` allowed); None when it is not one."""
    if not text:
        return None
    text = text.strip()
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=WIB)
    return Instant(value, bool(_HAS_TIME.search(text)))


def _minute(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(second=0, microsecond=0)


def _wib_day(instant: Instant) -> date:
    return instant.value.astimezone(WIB).date() if instant.has_time else instant.value.date()


def date_right(gold: str, predicted: str | None) -> tuple[bool, bool]:
    """(same minute, same WIB day) of a predicted date against the gold."""
    want, got = parse_instant(gold), parse_instant(predicted)
    if want is None:
        raise ValueError(f"gold date is not ISO 8601: {gold!r}")
    if got is None:
        return False, False
    minute = got.has_time and _minute(got.value) == _minute(want.value)
    return minute, _wib_day(got) == _wib_day(want)


def authors_right(gold: Sequence[str], predicted: Sequence[str]) -> bool:
    wanted = {normalise_space(a).casefold() for a in gold}
    return any(normalise_space(a).casefold() in wanted for a in predicted)


def score_page(page: Page, out: dict[str, Any]) -> dict[str, Any]:
    """Everything measured on one page, JSON-ready (None where the page has no gold)."""
    body = out.get("body") or ""
    row: dict[str, Any] = {"error": out.get("error")}
    if page.body is not None:
        counts = page_counts(page.body, body)
        row.update(tp=round(counts.tp, 6), fp=round(counts.fp, 6), fn=round(counts.fn, 6), f1=round(counts.f1, 4))
    row["empty"] = not body.strip()
    if page.title is not None:
        row["title_ok"] = normalise_space(out.get("title")) == normalise_space(page.title)
    if page.published is not None:
        row["date_ok"], row["day_ok"] = date_right(page.published, out.get("published"))
    if page.authors is not None:
        row["authors_ok"] = authors_right(page.authors, out.get("authors") or ())
    row["related_left"] = bool(RELATED.search(body))
    return row


def _count(rows: Sequence[dict[str, Any]], key: str) -> dict[str, int]:
    scored = [row[key] for row in rows if key in row]
    return {"right": sum(scored), "of": len(scored)}


def summarise(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Set-level numbers of one tool from its per-page rows."""
    counts = [PageCounts(r["tp"], r["fp"], r["fn"]) for r in rows if "tp" in r]
    scores = aggregate(counts)
    return {
        "precision": round(scores.precision, 4),
        "recall": round(scores.recall, 4),
        "f1": round(scores.f1, 4),
        "f1_ci95": round(f1_interval(counts), 4),
        "body_pages": len(counts),
        "title": _count(rows, "title_ok"),
        "date_minute": _count(rows, "date_ok"),
        "date_day": _count(rows, "day_ok"),
        "authors": _count(rows, "authors_ok"),
        "related_left": sum(bool(r["related_left"]) for r in rows),
        "empty": sum(bool(r["empty"]) for r in rows),
        "errors": sum(r["error"] is not None for r in rows),
    }


def score_tool(pages: Sequence[Page], outputs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Per-page rows (keyed by page id) and the summary; a page with no output counts as empty."""
    rows = {}
    for page in pages:
        out = outputs.get(page.id, {"error": "no output for this page"})
        rows[page.id] = score_page(page, out)
    # The results file keeps each page's F1 and checks; the raw counts only feed the summary.
    slim = {
        pid: {k: v for k, v in row.items() if k not in ("tp", "fp", "fn") and not (k == "error" and v is None)}
        for pid, row in rows.items()
    }
    return {"summary": summarise(list(rows.values())), "pages": slim}
