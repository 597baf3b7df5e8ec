"""The app factory: :func:`create_app` wires the API, the reader, the static files, the error
handlers and the guards (security headers, body size limit) around one store.

>>> from warta.serve import create_app
>>> app = create_app("warta.db")  # doctest: +SKIP  (then: uvicorn, or FastAPI's TestClient)
"""

from __future__ import annotations

import base64
import gc
import hashlib
import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from warta import __version__
from warta.errors import StoreError
from warta.serve import api, api_write, web
from warta.serve.errors import install_error_handlers
from warta.serve.render import Renderer
from warta.serve.security import DEFAULT_MAX_BODY, BodyLimit, SecurityHeaders
from warta.serve.stores import StorePool

__all__ = ["ServeSettings", "app_from_environment", "create_app"]

_SWAGGER_CDN = "https://cdn.jsdelivr.net"


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """``token``: the bearer token of the writing endpoints (None: the server is read-only);
    ``max_body``: the largest request body accepted, in bytes; ``immutable``: the store file is
    opened read-only without locks (nothing may write it while it is served)."""

    db_path: str
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    immutable: bool = False


def _docs_page() -> tuple[str, str]:
    """The Swagger UI page and a Content-Security-Policy allowing just its CDN and its one inline
    script (by hash): /docs is the only page with a script, and it is FastAPI's, not an article's."""
    html = bytes(get_swagger_ui_html(openapi_url="/openapi.json", title="warta API").body).decode()
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts
    )
    policy = (
        f"default-src 'self'; script-src {_SWAGGER_CDN} {hashes}; style-src {_SWAGGER_CDN}; "
        "img-src 'self' data: https://fastapi.tiangolo.com; connect-src 'self'; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'"
    )
    return html, policy


#: The collector's first threshold in a server process (Python's default is 700; see tune_collector).
SERVER_GC_THRESHOLD = 10_000


def tune_collector() -> None:
    """Set up Python's cyclic garbage collector for a long-running server process.

    Everything alive once the app is up (modules, routes, templates) is moved out of the
    collector's sight (``gc.freeze``), and young objects are collected every 10,000 allocations
    rather than every 700. Without this, each full collection walked about 115,000 startup objects
    and held up every request queued behind it for about 90 ms, three times in 2,000 requests;
    with it the collector takes 0.13 ms a request instead of 0.31-0.38 and no full collection
    came in 2,000 requests (the load benchmark's mix, docs/benchmarks.md "serve-load")."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(SERVER_GC_THRESHOLD, *gc.get_threshold()[1:])


def create_app(
    db_path: str | Path,
    *,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    immutable: bool = False,
    server_process: bool = False,
) -> FastAPI:
    """The warta server over the store at ``db_path`` (it must exist: fill it with ``warta ingest``).

    Read-only unless ``token`` is given: then ``POST /api/pages`` ingests pages sent with
    ``Authorization: Bearer <token>``. ``POST /api/extract`` stores nothing and needs no token.
    ``immutable`` serves a store file that nothing writes while it is served (read-only, no locks,
    no side files); it cannot be combined with ``token``. ``server_process``: the app is the
    process's whole job (``warta serve``): :func:`tune_collector` runs when it starts.
    """
    if immutable and token:
        raise StoreError(f"{db_path}: an immutable store cannot take writes; leave WARTA_API_TOKEN unset")
    settings = ServeSettings(str(db_path), token or None, max_body, immutable)
    stores = StorePool(settings.db_path, immutable=immutable)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if server_process:
            tune_collector()
        yield
        api_write.close_writer(app)
        stores.close()

    app = FastAPI(
        title="warta",
        version=__version__,
        summary="Indonesian news: articles, entities, quotes, events and stories from a warta store.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.stores = stores
    app.state.renderer = Renderer()
    app.include_router(api.router)
    app.include_router(api_write.router)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(packages=[("warta.serve", "static")]), name="static")

    docs_html, docs_policy = _docs_page()

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(docs_html)

    def error_page(request: Request, status: int, code: str, detail: str) -> Response:
        renderer: Renderer = app.state.renderer
        return renderer.page(request, "error.html", status=status, status_code=status, code=code, detail=detail)

    install_error_handlers(app, settings.db_path, error_page)
    app.add_middleware(BodyLimit, limit=settings.max_body)
    app.add_middleware(SecurityHeaders, policies={"/docs": docs_policy})
    return app


def app_from_environment() -> FastAPI:
    """The app each worker process of ``warta serve --workers N`` builds: uvicorn starts workers
    from an import string, so the settings come through the environment (``WARTA_SERVE_DB``,
    ``WARTA_SERVE_IMMUTABLE=1``, ``WARTA_API_TOKEN``)."""
    return create_app(
        os.environ["WARTA_SERVE_DB"],
        token=os.environ.get("WARTA_API_TOKEN") or None,
        immutable=os.environ.get("WARTA_SERVE_IMMUTABLE") == "1",
        server_process=True,
    )
