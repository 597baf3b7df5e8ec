"""Errors as the API answers them: ``{"error": code, "detail": message}`` with the right status.

warta's own exceptions map by class (a missing article is 404, a bad filter 422, a page too
large 413, a missing or wrong token 401/403); FastAPI's validation errors become 422
``bad_request``; anything else is a 500 ``internal_error`` whose details stay in the log.
Pages of the reader get the same status with an HTML page (:data:`HtmlErrorPage`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from warta.errors import (
    AmbiguousNameError,
    ExtractionError,
    InputError,
    InputTooLargeError,
    NotFoundError,
    QueryError,
    StoreError,
    WartaError,
)
from warta.serve.security import TokenError

__all__ = ["ERROR_CODES", "ErrorBody", "HtmlErrorPage", "error_responses", "install_error_handlers", "is_api"]

logger = logging.getLogger(__name__)

#: Every ``error`` code the API answers with, and its status.
ERROR_CODES = {
    "bad_request": 422,
    "bad_query": 422,
    "ambiguous_name": 422,
    "not_a_page": 422,
    "extraction_failed": 422,
    "not_found": 404,
    "method_not_allowed": 405,
    "body_too_large": 413,
    "token_required": 401,
    "bad_token": 403,
    "writes_disabled": 403,
    "store_unavailable": 503,
    "internal_error": 500,
}
_WHEN = {
    401: "No token: POST /api/pages needs Authorization: Bearer <token>.",
    403: "A wrong token, or a server started without one (read-only).",
    404: "No such article, story or entity (also a filter naming an unknown entity).",
    413: "The body is over the server's limit.",
    422: "A parameter of the wrong type or out of range, or a filter or body the server refuses.",
    500: "The server met an error (details in its log).",
    503: "The store cannot be read.",
}


class ErrorBody(BaseModel):
    """Every error the API answers: a stable ``error`` code and a message for a person."""

    error: Literal[tuple(ERROR_CODES)]  # type: ignore[valid-type]
    detail: str
    candidates: list[str] | None = Field(None, description="ambiguous_name only: the keys the name fits.")


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these error statuses, each an :class:`ErrorBody`."""
    return {status: {"model": ErrorBody, "description": _WHEN[status]} for status in statuses}


_BY_STATUS = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large", 422: "bad_request"}

#: Renders an error as a reader page: (request, status, code, message) -> response.
HtmlErrorPage = Callable[[Request, int, str, str], Response]


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _classify(exc: WartaError) -> tuple[int, str]:
    if isinstance(exc, TokenError):
        return exc.status, exc.code
    for kind, status, code in (
        (AmbiguousNameError, 422, "ambiguous_name"),
        (QueryError, 422, "bad_query"),
        (NotFoundError, 404, "not_found"),
        (InputTooLargeError, 413, "body_too_large"),
        (InputError, 422, "not_a_page"),
        (ExtractionError, 422, "extraction_failed"),
        (StoreError, 503, "store_unavailable"),
    ):
        if isinstance(exc, kind):
            return status, code
    return 500, "internal_error"


def _validation_detail(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid")))
    return "; ".join(parts) or "the request is not valid"


def install_error_handlers(app: FastAPI, db_path: str, html: HtmlErrorPage) -> None:
    """Answer every error as JSON under /api/ and as a reader page elsewhere."""

    def respond(
        request: Request,
        status: int,
        code: str,
        detail: str,
        headers: dict[str, str] | None = None,
        candidates: list[str] | None = None,
    ) -> Response:
        # Store messages start with the file's path: a server does not tell its clients where its files are.
        detail = detail.replace(f"{db_path}: ", "")
        if status == 401:
            headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
        if not is_api(request) and request.method in ("GET", "HEAD"):
            page = html(request, status, code, detail)
            page.headers.update(headers or {})
            return page
        body: dict[str, Any] = {"error": code, "detail": detail}
        if candidates is not None:
            body["candidates"] = candidates
        return JSONResponse(body, status_code=status, headers=headers)

    async def on_warta(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, WartaError)
        status, code = _classify(exc)
        if status >= 500:
            logger.error("%s %s: %s", request.method, request.url.path, exc)
            return respond(request, status, code, "the server met an error; see its log")
        candidates = list(exc.candidates) if isinstance(exc, AmbiguousNameError) else None
        return respond(request, status, code, str(exc), candidates=candidates)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return respond(request, 422, "bad_request", _validation_detail(exc))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = _BY_STATUS.get(exc.status_code, "bad_request" if exc.status_code < 500 else "internal_error")
        # Starlette's 405 carries the Allow header (RFC 9110 requires it): keep the exception's headers.
        return respond(request, exc.status_code, code, str(exc.detail), headers=dict(exc.headers or {}))

    async def on_other(request: Request, exc: Exception) -> Response:
        logger.exception("%s %s failed", request.method, request.url.path)
        return respond(request, 500, "internal_error", "the server met an error; see its log")

    app.add_exception_handler(WartaError, on_warta)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(Exception, on_other)
