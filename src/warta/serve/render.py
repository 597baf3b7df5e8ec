"""Rendering the reader's pages: the Jinja2 environment (autoescape on for every template), the
interface strings per language, and the filters templates use.

The language is ``?lang=id|en`` (remembered in a cookie) or the cookie, else Indonesian.
Every piece of article text reaches a page through autoescaping; URLs from articles reach an
``href`` or ``src`` only through :func:`http_url`, which lets http(s) URLs through and nothing
else (no ``javascript:``, no ``data:``).
"""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

__all__ = ["LANGUAGES", "Renderer", "format_date", "http_url", "language", "strings"]

LANGUAGES = ("id", "en")
_COOKIE = "warta_lang"
_ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}


@cache
def strings() -> dict[str, dict[str, Any]]:
    """The interface strings of each language; a key missing in one falls back to Indonesian."""
    text = resources.files("warta.serve").joinpath("data", "strings.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text)
    return {lang: {**table["id"], **table.get(lang, {})} for lang in LANGUAGES}


def language(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(_COOKIE)
    return remembered if remembered in LANGUAGES else "id"


def http_url(url: object) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (it is then not linked)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def format_date(value: object, lang: str = "id", *, time: bool = True) -> str:
    """An ISO date or date-time as a reader writes it: ``18 Juni 2024 09.00 WIB``."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    months = strings()[lang]["months"]
    day = f"{moment.day} {months[moment.month - 1]} {moment.year}"
    if not time or (len(value) <= 10):
        return day
    offset = moment.utcoffset()
    hours = int(offset.total_seconds() // 3600) if offset is not None else None
    zone = _ZONES.get(hours, "UTC" if hours == 0 else f"UTC{hours:+d}") if hours is not None else ""
    clock = f"{moment.hour:02d}.{moment.minute:02d}" if lang == "id" else f"{moment.hour:02d}:{moment.minute:02d}"
    return f"{day} {clock} {zone}".rstrip()


def _with_lang(request: Request, lang: str) -> str:
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    query.append(("lang", lang))
    return request.url.path + "?" + "&".join(f"{_quote(k)}={_quote(v)}" for k, v in query)


def _quote(text: str) -> str:
    return quote(text, safe=":")


def _page_url(request: Request, offset: int) -> str:
    query = [(k, v) for k, v in request.query_params.multi_items() if k not in ("offset", "lang")]
    if offset:
        query.append(("offset", str(offset)))
    return request.url.path + ("?" + "&".join(f"{_quote(k)}={_quote(v)}" for k, v in query) if query else "")


class Renderer:
    """Renders a template of ``warta/serve/templates`` into a response, in the request's language."""

    def __init__(self) -> None:
        self.env = Environment(
            loader=PackageLoader("warta.serve", "templates"),
            autoescape=True,  # every template, whatever its name
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # package data: no file check (os.stat) for each template on each page
        )
        self.env.filters["http_url"] = http_url
        self.env.filters["urlpart"] = _quote

    def page(self, request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
        lang = language(request)
        other = "en" if lang == "id" else "id"
        html = self.env.get_template(template).render(
            **context,
            lang=lang,
            t=strings()[lang],
            date=lambda value, time=True: format_date(value, lang, time=time),
            switch_url=_with_lang(request, other),
            switch_lang=other,
            page_url=lambda offset: _page_url(request, offset),
        )
        response = HTMLResponse(html, status_code=status)
        if request.query_params.get("lang") in LANGUAGES:
            response.set_cookie(_COOKIE, lang, max_age=365 * 24 * 3600, httponly=True, samesite="lax")
        return response


def window_start(newest: str | None, hours: int, now: datetime | None = None) -> str:
    """The start of the last ``hours`` hours, counted back from the newest article when the
    store's news ends before now (an archive), else from now; as an ISO UTC date-time."""
    current = now or datetime.now(UTC)
    end = current
    if newest:
        try:
            latest = datetime.fromisoformat(newest.replace("Z", "+00:00"))
        except ValueError:
            latest = current
        end = min(current, latest)
    return (end - timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")
