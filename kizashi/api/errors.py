"""One error shape for every error of the API:

``{"error": {"status": int, "code": str, "message": str, "details": ...}}``

with ``code`` one of ``bad_request`` (400: a filter, sort or cursor the query layer refuses),
``not_found`` (404: no such event, document, actor or endpoint), ``validation_error`` (422: a
parameter of the wrong type or form), ``method_not_allowed`` (405) and ``internal_error`` (500,
never with a traceback: that goes to the server log)."""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kizashi.store.queries import QueryError

log = logging.getLogger("kizashi.api")

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 422: "validation_error", 500: "internal_error"}


class ApiError(Exception):
    """An error response of the API (raise it from an endpoint)."""

    def __init__(self, status: int, message: str, code: str | None = None, details: Any = None):
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "bad_request" if status < 500 else "internal_error")
        self.message = message
        self.details = details


def error_response(status: int, code: str, message: str, details: Any = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": {"status": status, "code": code, "message": message,
                      "details": jsonable_encoder(details)}}
    return JSONResponse(body, status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for e in exc.errors():
        out.append({"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")),
                    "type": str(e.get("type", ""))})
    return out


async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
    return error_response(exc.status, exc.code, exc.message, exc.details)


async def _query_error(request: Request, exc: QueryError) -> JSONResponse:
    return error_response(400, "bad_request", str(exc))


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    details = _validation_details(exc)
    parts = [f"{'.'.join(d['loc'])}: {d['msg']}" for d in details]
    message = "invalid request: " + "; ".join(parts) if parts else "invalid request"
    return error_response(422, "validation_error", message, details)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    status = exc.status_code
    code = CODES.get(status, "bad_request" if status < 500 else "internal_error")
    if status == 404 and exc.detail in (None, "Not Found"):
        message = f"no such endpoint: {request.method} {request.url.path}"
    elif status == 405:
        message = f"method {request.method} not allowed on {request.url.path}"
    else:
        message = str(exc.detail) if exc.detail else code.replace("_", " ")
    return error_response(status, code, message, headers=getattr(exc, "headers", None))


async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", "internal error: the server log has the details")


def install(app: FastAPI) -> None:
    """Make every error of ``app`` (the API application) an error of the one shape."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(QueryError, _query_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)


async def api_path_http_error(request: Request, exc: StarletteHTTPException):
    """For the outer application: errors of paths under ``/api/`` (outside the mounted API, e.g.
    ``/api/v2``) in the API's shape, FastAPI's default response elsewhere."""
    if request.url.path == "/api" or request.url.path.startswith("/api/"):
        return await _http_error(request, exc)
    from fastapi.exception_handlers import http_exception_handler

    return await http_exception_handler(request, exc)
