"""The API's two POST routes: ``/api/extract`` (stateless: a page in, its article and analysis
out) and ``/api/pages`` (ingest one page into the store; needs the server's bearer token).

The page is the raw request body (HTML, a text dump or plain text, as ``warta extract`` reads
files); its size is capped by :class:`warta.serve.security.BodyLimit` before it is read.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.concurrency import run_in_threadpool

from warta.analyze import analyze_article
from warta.errors import EmptyInputError, ExtractionError
from warta.extract import extract_page
from warta.extract.limits import LoadOptions
from warta.extract.loading import load_page
from warta.ingest.records import InputPage, ReadProblem
from warta.ingest.runner import RunWriter
from warta.ingest.worker import process
from warta.model import Analysis
from warta.serve.errors import error_responses
from warta.serve.schemas import AnalysisOut, PageStoredOut
from warta.serve.security import check_token
from warta.store import open_store
from warta.store.records import sha256_hex

__all__ = ["close_writer", "router"]

router = APIRouter(prefix="/api", tags=["write"], responses=error_responses(413, 422, 500))

_PAGE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The page: HTML, a text dump of a news page, or the article's plain text.",
        "content": {
            "text/html": {"schema": {"type": "string"}},
            "text/plain": {"schema": {"type": "string"}},
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}
_FORMATS = "^(auto|html|dump|text)$"
# One write at a time: the server's ingest run (its near-duplicate index and story clusterer) is
# one object, opened on the first POST /api/pages and kept, so a page does not pay for warming it.
_WRITE_LOCK = threading.Lock()


def _writer(app: Any) -> RunWriter:
    """The server's ingest run, on a store connection of its own (used only under the lock)."""
    writer: RunWriter | None = getattr(app.state, "writer", None)
    if writer is None:
        writer = RunWriter(open_store(app.state.settings.db_path), ["api"])
        app.state.writer = writer
    return writer


def close_writer(app: Any) -> None:
    """Close the server's ingest run and its connection (at shutdown), if one was opened."""
    with _WRITE_LOCK:
        writer: RunWriter | None = getattr(app.state, "writer", None)
        if writer is not None:
            app.state.writer = None
            try:
                writer.finish()
            finally:
                writer.store.close()


def _analyse(data: bytes, url: str | None, input_format: str, max_bytes: int) -> Analysis:
    raw = load_page(data, url=url, source="request", input_format=input_format, options=LoadOptions(max_bytes))
    return replace(analyze_article(extract_page(raw)), tokens=())


async def _body(request: Request) -> bytes:
    data = await request.body()
    if not data.strip():
        raise EmptyInputError("the request body is empty; send the page's HTML or text as the body")
    return data


@router.post(
    "/extract",
    summary="Extract and analyse one page (nothing is stored)",
    response_model=AnalysisOut,
    openapi_extra=_PAGE_BODY,
)
async def extract(
    request: Request,
    url: Annotated[str | None, Query(max_length=2000, description="The page's URL, when known.")] = None,
    format: Annotated[str, Query(pattern=_FORMATS, description="How to read the body.")] = "auto",
) -> dict[str, Any]:
    data = await _body(request)
    analysis = await run_in_threadpool(_analyse, data, url, format, request.app.state.settings.max_body)
    return analysis.to_dict()


def _ingest(request: Request, page: InputPage) -> dict[str, Any]:
    store = request.app.state.stores.get()
    digest = sha256_hex(page.data)
    known = store.article_for_page(digest) if store.has_content(digest) else None
    if known is not None:
        return {"id": known[0], "duplicate_of": known[1], "stored": False, "already_stored": True, "problems": []}
    outcome = process(page, LoadOptions(request.app.state.settings.max_body))
    if isinstance(outcome, ReadProblem):
        raise ExtractionError(f"the page was not stored: {outcome.code}: {outcome.detail}")
    with _WRITE_LOCK:
        status = _writer(request.app).write(outcome)
    found = store.article_for_page(digest)
    article_id, duplicate_of = found if found else (None, None)
    return {
        "id": article_id,
        "duplicate_of": duplicate_of,
        "stored": status in ("ingested", "duplicate"),
        "already_stored": status == "skipped",
        "problems": [p.to_dict() for p in outcome.analysis.article.problems],
    }


@router.post(
    "/pages",
    summary="Ingest one page into the store (needs the API token)",
    status_code=201,
    response_model=PageStoredOut,
    responses=error_responses(401, 403, 503),
    openapi_extra={**_PAGE_BODY, "security": [{"bearer": []}]},
)
async def add_page(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer <WARTA_API_TOKEN>")] = None,
    url: Annotated[str | None, Query(max_length=2000, description="The page's URL, when known.")] = None,
    format: Annotated[str, Query(pattern=_FORMATS, description="How to read the body.")] = "auto",
    fetched_at: Annotated[str | None, Query(max_length=40, description="When the page was fetched (ISO).")] = None,
) -> dict[str, Any]:
    check_token(request.app.state.settings.token, authorization)
    data = await _body(request)
    page = InputPage(data, source=f"api:{url or 'page'}", input_format=format, url=url, fetched_at=fetched_at)
    return await run_in_threadpool(_ingest, request, page)
