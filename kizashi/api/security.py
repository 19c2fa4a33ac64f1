"""What every response of ``kizashi serve`` gets, and who may write.

* :class:`SecurityHeaders`: security headers on every response, JSON and static files too
  (a Content-Security-Policy that allows this origin only, ``nosniff``, no framing, no
  referrer to other sites, no powerful browser features).
* :class:`HostAllowList`: a request whose ``Host`` header names another host is refused with
  400 (DNS rebinding: a page of another site that resolves its own name to 127.0.0.1 cannot
  read this server). The default list is the loopback names; ``kizashi serve --allow-host``
  adds more.
* :func:`require_token`, the dependency of every write route (``Depends(require_token)``, or
  the :data:`WriteAccess` annotation): the request needs ``Authorization: Bearer <token>`` with
  the token the server was started with (``$KIZASHI_API_TOKEN``, or ``kizashi serve
  --token-file FILE``); without a configured token write routes answer 403, with a wrong or
  missing one 401. :class:`WriteGuard` applies the same rule to every request under ``/api``
  whose method is not GET, HEAD or OPTIONS, so that a write route added without the dependency
  is still guarded.

Both errors under ``/api`` have the API's one error shape.
"""
from __future__ import annotations

import ipaddress
import json
import secrets
from typing import Annotated, Iterable

from fastapi import Depends, Request

from kizashi.api.errors import ApiError

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOKEN_ENV = "KIZASHI_API_TOKEN"


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` serves this machine only."""
    h = host.strip("[]")
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def _host_of(header: str) -> str:
    """The host of a ``Host`` header without its port (``[::1]:8000`` → ``::1``)."""
    h = header.strip().lower()
    if h.startswith("["):
        return h[1:h.find("]")] if "]" in h else h
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


async def _send_error(send, status: int, message: str, api: bool) -> None:
    code = {400: "bad_request", 401: "unauthorized", 403: "forbidden"}.get(status, "bad_request")
    if api:
        body = json.dumps({"error": {"status": status, "code": code, "message": message,
                                     "details": None}}).encode()
        ctype = b"application/json"
    else:
        body, ctype = message.encode(), b"text/plain; charset=utf-8"
    headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
    if status == 401:
        headers.append((b"www-authenticate", b'Bearer realm="kizashi"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


class SecurityHeaders:
    """ASGI middleware: :data:`HEADERS` on every HTTP response (a header the application set
    itself is kept)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in HEADERS.items()
                         if k.encode() not in have]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


class HostAllowList:
    """ASGI middleware: refuse (400) a request whose ``Host`` is not one of ``hosts`` (names
    or addresses, any case, without port; ``*`` allows any)."""

    def __init__(self, app, hosts: Iterable[str] = LOOPBACK_HOSTS):
        self.app = app
        self.hosts = {_host_of(h) for h in hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket") or "*" in self.hosts:
            return await self.app(scope, receive, send)
        header = ""
        for k, v in scope.get("headers", []):
            if k == b"host":
                header = v.decode("latin-1")
                break
        if _host_of(header) not in self.hosts:
            shown = header[:80] or "(none)"
            return await _send_error(
                send, 400, f"host {shown!r} is not served here (kizashi serve --allow-host "
                           "NAME adds a host name)", _is_api(scope.get("path", "")))
        await self.app(scope, receive, send)


def _check_token(configured: str | None, authorization: str | None) -> tuple[int, str] | None:
    """``(status, message)`` when a write must be refused, None when the token is right."""
    if not configured:
        return 403, ("write routes are disabled: start kizashi serve with an API token "
                     f"(${TOKEN_ENV} or --token-file FILE)")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return 401, "this route needs Authorization: Bearer <token>"
    if not secrets.compare_digest(given.strip().encode(), configured.encode()):
        return 401, "the API token is not right"
    return None


class WriteGuard:
    """ASGI middleware: every request under ``/api`` with a method other than GET, HEAD and
    OPTIONS needs the API token (``token``; None: such requests are refused)."""

    def __init__(self, app, token: str | None = None):
        self.app = app
        self.token = token

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and _is_api(scope.get("path", "")) \
                and scope.get("method", "GET").upper() not in SAFE_METHODS:
            auth = next((v.decode("latin-1") for k, v in scope.get("headers", [])
                         if k == b"authorization"), None)
            refused = _check_token(self.token, auth)
            if refused:
                return await _send_error(send, *refused, api=True)
        await self.app(scope, receive, send)


def require_token(request: Request) -> None:
    """FastAPI dependency of a write route: 401/403 in the one error shape unless the request
    carries ``Authorization: Bearer <token>`` with the server's token
    (``request.app.state.api_token``, set by :func:`kizashi.server.build_app`)."""
    token = getattr(request.app.state, "api_token", None)
    refused = _check_token(token, request.headers.get("authorization"))
    if refused:
        status, message = refused
        raise ApiError(status, message, code="unauthorized" if status == 401 else "forbidden")


#: ``def route(..., _: WriteAccess)``: the route needs the API token
WriteAccess = Annotated[None, Depends(require_token)]
