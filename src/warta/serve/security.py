"""The server's guards: security headers on every response, a cap on request bodies, and the
bearer token of the writing endpoints (compared in constant time).

Both middlewares are plain ASGI, so they see every response (errors and static files included)
and can refuse a body before any of it is read into memory.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from warta.errors import WartaError

__all__ = [
    "DEFAULT_MAX_BODY",
    "PAGE_POLICY",
    "BodyLimit",
    "SecurityHeaders",
    "TokenError",
    "check_token",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: 8 MiB: a news page's HTML is rarely over 2 MB; the cap keeps a request from holding the
#: server's memory (the library itself accepts up to 64 MiB from files).
DEFAULT_MAX_BODY = 8 * 1024 * 1024

#: No inline script or style anywhere, nothing framed, forms only to this server. Article images
#: stay on their publishers' servers (https: and http:, as many older Indonesian pages use).
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Adds the Content-Security-Policy (``policies`` maps a path to its own, as /docs needs the
    Swagger UI's script) and the other security headers to every response."""

    def __init__(self, app: ASGIApp, policies: dict[str, str] | None = None) -> None:
        self.app = app
        self.policies = policies or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = self.policies.get(scope.get("path", ""), PAGE_POLICY).encode()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                headers += [(b"content-security-policy", policy), *_HEADERS]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _TooLarge(Exception):
    pass


async def _refuse(send: Send, limit: int) -> None:
    body = json.dumps(
        {"error": "body_too_large", "detail": f"the request body is over {limit} bytes; send a smaller page"}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuses (413) a request whose body is over ``limit`` bytes: at once when its
    Content-Length says so, else as soon as the chunks received pass the limit."""

    def __init__(self, app: ASGIApp, limit: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = self.limit + 1
                if declared > self.limit:
                    await _refuse(send, self.limit)
                    return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await _refuse(send, self.limit)


class TokenError(WartaError):
    """A writing request without the right token: ``status`` is 401 (no token sent) or 403
    (a wrong token, or writing switched off because the server has no token)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


def check_token(configured: str | None, authorization: str | None) -> None:
    """Raise :class:`TokenError` unless ``authorization`` is ``Bearer <configured>``."""
    if not configured:
        raise TokenError(403, "writes_disabled", "this server is read-only; start it with WARTA_API_TOKEN set")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise TokenError(401, "token_required", "send the API token as 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(given.strip().encode(), configured.encode()):
        raise TokenError(403, "bad_token", "the API token is not this server's")
