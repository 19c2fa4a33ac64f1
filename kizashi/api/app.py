"""The JSON API under ``/api/v1``: a FastAPI application mounted into the outer application that
:func:`create_app` returns (the workbench pages own ``/`` of that outer application).

OpenAPI at ``/api/v1/openapi.json``, interactive docs at ``/api/v1/docs``. Every endpoint is a thin
layer over :mod:`kizashi.store.queries` (events) and :mod:`kizashi.store.catalog` (documents,
actors, quantities, search); every error has the shape of :mod:`kizashi.api.errors`.
"""
from __future__ import annotations

from itertools import chain
from pathlib import Path as _Path
from typing import Annotated, Any, Literal, Optional

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import StringConstraints
from starlette.exceptions import HTTPException as StarletteHTTPException

from kizashi import __version__
from kizashi.api import errors
from kizashi.api import models as m
from kizashi.api.errors import ApiError
from kizashi import model
from kizashi.store import catalog, queries
from kizashi.store.filters import MAX_QUERY, MAX_TERMS, EventFilter, ValidationError
from kizashi.store import export as exporter

PREFIX = "/api/v1"
API_STATIC = _Path(__file__).resolve().parent / "static"
SWAGGER_DIR = API_STATIC.parent.parent / "web" / "static" / "vendor" / "swagger-ui-dist"
SWAGGER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kizashi API {version}</title>
<link rel="stylesheet" href="{prefix}/docs/assets/swagger-ui.css">
<link rel="icon" href="{prefix}/docs/assets/favicon-32x32.png"></head>
<body><div id="swagger-ui" data-openapi="{prefix}/openapi.json"></div>
<script src="{prefix}/docs/assets/swagger-ui-bundle.js"></script>
<script src="{prefix}/docs/init/swagger-init.js"></script></body></html>
"""
# months 01-12, days 01-31 (a day the month lacks, 2024-02-30, is a 422 of the filter itself)
DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
# Text parameters never hold NUL (SQLite FTS5 and PostgreSQL refuse it in a query string).
# (No \s or \S in patterns: JSON Schema, Python and pydantic-core disagree on what they match.)
TEXT_PATTERN = r"^[^\x00]*$"
DYAD_PATTERN = r"^[^,\x00]+,[^,\x00]+$"
ID_PATTERN = r"^[^\x00]+$"                  # ids may hold '/': send it as %2F (a :path route)
CODE_PATTERN = r"^[^/,\x00]+$"
Word = Annotated[str, StringConstraints(pattern=TEXT_PATTERN, max_length=200)]
Sort = Literal["date", "-date", "reported", "-reported", "sources", "-sources", "seen", "-seen"]
assert set(Sort.__args__) == set(queries.SORTS), "API sorts out of step with queries.SORTS"

ERRORS = {
    400: {"model": m.ErrorResponse,
          "description": "Bad request: a filter, sort or cursor the query cannot use"},
    422: {"model": m.ErrorResponse,
          "description": "Validation error: a parameter of the wrong type or form"},
    500: {"model": m.ErrorResponse, "description": "Internal error"},
}
NOT_FOUND = {404: {"model": m.ErrorResponse,
                   "description": "Not found (no such item, or a path that names no endpoint)"}}


# --- parameters ----------------------------------------------------------------------------------

def _enum(values) -> dict[str, Any]:
    """OpenAPI: the values a list parameter takes (from :mod:`kizashi.model`); comma-separated
    lists and any case are accepted too."""
    return {"items": {"type": "string", "enum": list(values)}}


def _filter(params: dict[str, Any]) -> EventFilter:
    """An :class:`EventFilter` from query parameters; a 422 in the one error shape naming each
    invalid parameter otherwise."""
    try:
        return EventFilter(**params)
    except ValidationError as err:
        errs = []
        for e in err.errors():
            loc = [x for x in e.get("loc", ()) if not isinstance(x, int)] or ["filter"]
            errs.append({"loc": ["query", *map(str, loc)],
                         "msg": str(e.get("msg", "")).removeprefix("Value error, "),
                         "type": e.get("type", "value_error")})
        raise RequestValidationError(errs) from None


def base_filters(
    start: Annotated[Optional[str], Query(
        pattern=DATE_PATTERN, description="events dated on or after (YYYY, YYYY-MM or YYYY-MM-DD; "
                                   "inclusive at its precision)")] = None,
    end: Annotated[Optional[str], Query(
        pattern=DATE_PATTERN, description="events dated on or before; not before start")] = None,
    type: Annotated[Optional[list[Word]], Query(
        description="PLOVER event type(s), e.g. AID: repeat or comma-separate",
        json_schema_extra=_enum(model.EVENT_TYPES))] = None,
    quad: Annotated[Optional[list[Word]], Query(
        description="quad class(es) by name or 1-4; repeat or comma-separate",
        json_schema_extra=_enum(model.QUADS))] = None,
    actor: Annotated[Optional[str], Query(max_length=200, pattern=TEXT_PATTERN,
                                          description="entity code or name of a (fused) actor, "
                                                      "e.g. RUS or ロシア")] = None,
    recipient: Annotated[Optional[str], Query(max_length=200, pattern=TEXT_PATTERN,
                                              description="entity code or name of a "
                                                          "recipient")] = None,
    factuality: Annotated[Optional[list[Word]], Query(
        description="best-attested factuality (repeat or comma-separate)",
        json_schema_extra=_enum(model.FACTUALITIES))] = None,
    min_sources: Annotated[Optional[int], Query(
        ge=0, le=1_000_000, description="reported by at least this many outlets")] = None,
    q: Annotated[Optional[str], Query(
        max_length=MAX_QUERY, pattern=TEXT_PATTERN,
        description=f"words that the event's documents contain (at most {MAX_TERMS})")] = None,
    since: Annotated[Optional[str], Query(
        max_length=64, pattern=TEXT_PATTERN,
        description="first seen (stored by kizashi) at or after: a time, 2025-02-10T06:00 (UTC "
                    "unless it gives its offset), or a duration back from now, 24h or 7d")] = None,
    changed_since: Annotated[Optional[str], Query(
        max_length=64, pattern=TEXT_PATTERN,
        description="a new or changed document joined the event at or after (as since)")] = None,
) -> EventFilter:
    """Every event filter but the dyad (:class:`kizashi.store.filters.EventFilter`), from query
    parameters."""
    return _filter({"start": start, "end": end, "type": type, "quad": quad, "actor": actor,
                    "recipient": recipient, "factuality": factuality,
                    "min_sources": min_sources, "q": q, "since": since,
                    "changed_since": changed_since})


BaseFilters = Annotated[EventFilter, Depends(base_filters)]


def event_filters(base: BaseFilters, dyad: Annotated[Optional[str], Query(
        pattern=DYAD_PATTERN, max_length=401,
        description="A,B: events between A and B in either direction (two different codes or "
                    "names)")] = None) -> EventFilter:
    """Every event filter (:class:`kizashi.store.filters.EventFilter`)."""
    return _filter({**base.active(), "dyad": dyad}) if dyad else base


Filters = Annotated[EventFilter, Depends(event_filters)]
Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT, description="items per page")]
After = Annotated[Optional[str], Query(max_length=2000, pattern=TEXT_PATTERN,
                                       description="the `next_cursor` of the previous page")]

Code = Annotated[str, Path(max_length=32, pattern=CODE_PATTERN,
                           description="entity code, e.g. PRK")]


def _store(request: Request):
    return request.app.state.store


def _next_url(request: Request, cursor: str | None) -> str | None:
    """The URL of the next page: this request's with ``after`` set to ``cursor``."""
    if not cursor:
        return None
    return str(request.url.include_query_params(after=cursor))


# --- endpoints -----------------------------------------------------------------------------------

router = APIRouter(responses=ERRORS)


@router.get("/", include_in_schema=False)
def index() -> dict[str, str]:
    return {"name": "kizashi API", "version": __version__, "openapi": f"{PREFIX}/openapi.json",
            "docs": f"{PREFIX}/docs"}


@router.get("/health", response_model=m.Health, tags=["meta"],
            summary="Status, schema revision and row counts")
def health(request: Request) -> dict[str, Any]:
    store = _store(request)
    return {"status": "ok", "version": __version__, "schema_revision": store.revision(),
            "counts": store.counts()}


@router.get("/documents", response_model=m.DocumentPage, tags=["documents"],
            summary="Documents, newest first (keyset-paginated)")
def documents(
    request: Request,
    source: Annotated[Optional[str], Query(max_length=200, pattern=TEXT_PATTERN,
                                           description="outlet name")] = None,
    start: Annotated[Optional[str], Query(pattern=DATE_PATTERN,
                                          description="published on or after")] = None,
    end: Annotated[Optional[str], Query(pattern=DATE_PATTERN,
                                        description="published on or before")] = None,
    q: Annotated[Optional[str], Query(max_length=500, pattern=TEXT_PATTERN,
                                      description="words of the title or text")] = None,
    limit: Limit = 50,
    after: After = None,
    since: Annotated[Optional[str], Query(
        max_length=64, pattern=TEXT_PATTERN,
        description="first stored at or after: a time (2025-02-10T06:00, UTC unless it gives "
                    "its offset) or a duration back from now (24h, 7d)")] = None,
) -> dict[str, Any]:
    res = catalog.list_documents(_store(request), source=source or None, start=start, end=end,
                                 q=q or None, limit=limit, after=after or None,
                                 since=since or None)
    return {**res, "next": _next_url(request, res.get("next_cursor"))}


@router.get("/documents/{doc_id:path}", response_model=m.DocumentDetail, responses=NOT_FOUND,
            tags=["documents"], summary="A document with its text and event mentions")
def document(request: Request, doc_id: Annotated[str, Path(max_length=200, pattern=ID_PATTERN)]
             ) -> dict[str, Any]:
    d = catalog.document_detail(_store(request), doc_id)
    if d is None:
        raise ApiError(404, f"no document {doc_id!r}")
    return d


@router.get("/events", response_model=m.EventPage, tags=["events"],
            summary="Fused events, filtered, sorted and keyset-paginated")
def events(request: Request, filters: Filters, sort: Sort = "date", limit: Limit = 50,
           after: After = None) -> dict[str, Any]:
    page = queries.list_events(_store(request), filters, sort=sort, limit=limit,
                               after=after or None, total=True)
    return {**page.to_dict(), "next": _next_url(request, page.next_cursor)}


EXPORT_CONTENT = {
    "text/csv": {"schema": {"type": "string"}},
    "application/x-ndjson": {"schema": {"type": "string"}},
    "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}},
}


@router.get("/events/export", response_class=StreamingResponse, tags=["events"],
            summary="Every matching event as a CSV, JSON Lines or Parquet download (streamed)",
            responses={200: {"content": EXPORT_CONTENT,
                             "description": "the events, streamed as an attachment"}})
def export_events(request: Request, filters: Filters,
                  format: Literal["csv", "jsonl", "parquet"] = "csv",
                  sort: Sort = "date") -> StreamingResponse:
    store = _store(request)
    events_iter = queries.iter_events(store, filters, sort=sort, batch=exporter.BATCH)
    first = next(events_iter, None)          # a bad filter raises here, before the response
    rows = events_iter if first is None else chain([first], events_iter)
    body = exporter.iter_bytes(exporter.with_evidence(store, rows), format)
    filename = f"kizashi-events.{exporter.EXTENSIONS[format]}"
    return StreamingResponse(body, media_type=exporter.MEDIA_TYPES[format],
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/events/{event_id:path}", response_model=m.EventDetail, responses=NOT_FOUND,
            tags=["events"], summary="An event with its quantities, mentions and documents")
def event(request: Request, event_id: Annotated[str, Path(max_length=200, pattern=ID_PATTERN)]
          ) -> dict[str, Any]:
    d = queries.event_detail(_store(request), event_id)
    if d is None:
        raise ApiError(404, f"no event {event_id!r}")
    return d


@router.get("/timeline", response_model=m.Timeline, tags=["analysis"],
            summary="Matching events per day, month or year")
def timeline(request: Request, filters: Filters,
             freq: Literal["day", "month", "year"] = "month") -> dict[str, Any]:
    return queries.timeline(_store(request), filters, freq=freq)


@router.get("/dyads/{a}/{b}", response_model=m.DyadSeries, responses=NOT_FOUND, tags=["analysis"],
            summary="Cooperation–conflict index of two actors per month or ISO week")
def dyad(request: Request, a: Code, b: Code, filters: BaseFilters,
         freq: Literal["month", "week"] = "month",
         all_roles: Annotated[bool, Query(description=(
             "also count events told only in forecasts, background or boilerplate (left "
             "out by default)"))] = False) -> dict[str, Any]:
    store = _store(request)
    for code in (a, b):
        if store.entity_code(code) is None:
            raise ApiError(404, f"no actor {code!r} (see {PREFIX}/actors?q=...)")
    return queries.dyad_series(store, a, b, filters, freq=freq, all_roles=all_roles)


@router.get("/network", response_model=m.Network, tags=["analysis"],
            summary="Actor network (nodes and actor→recipient edges) of the matching events")
def network(request: Request, filters: Filters,
            max_edges: Annotated[int, Query(ge=1, le=100_000, description=(
                "keep the heaviest edges only, and the nodes they touch; n_edges and n_nodes "
                "give the full counts"))] = 300) -> dict[str, Any]:
    return queries.network(_store(request), filters, max_edges=max_edges)


@router.get("/actors", response_model=m.ActorList, tags=["actors"],
            summary="Entities, most events first; q matches the code or any alias")
def actors(request: Request,
           q: Annotated[Optional[str], Query(
               max_length=200, pattern=TEXT_PATTERN,
               description="part of a code or alias, e.g. 北朝鮮, ロシア, prk")] = None,
           limit: Limit = 50) -> dict[str, Any]:
    items = catalog.list_actors(_store(request), q=q or None, limit=limit)
    return {"q": q or None, "limit": limit, "items": items}


@router.get("/actors/{code}", response_model=m.ActorProfile, responses=NOT_FOUND,
            tags=["actors"], summary="An actor's profile: counts, partners, types, recent events")
def actor(request: Request, code: Code) -> dict[str, Any]:
    p = catalog.actor_profile(_store(request), code)
    if p is None:
        raise ApiError(404, f"no actor {code!r}")
    return p


@router.get("/quantities", response_model=m.Quantities, tags=["analysis"],
            summary="Quantity estimates of the matching events by (object, unit)")
def quantities(request: Request, filters: Filters,
               object: Annotated[Optional[str], Query(max_length=200, pattern=TEXT_PATTERN,
                                                      description="e.g. 兵士")] = None,
               unit: Annotated[Optional[str], Query(max_length=32, pattern=TEXT_PATTERN,
                                                    description="e.g. 人")] = None
               ) -> dict[str, Any]:
    return catalog.quantities(_store(request), filters, object=object or None,
                              unit=unit or None)


@router.get("/search", response_model=m.SearchResult, tags=["search"],
            summary="Full-text search: matching documents and their events")
def search(request: Request,
           q: Annotated[str, Query(min_length=1, max_length=500, pattern=TEXT_PATTERN,
                                   description="words (all must occur)")],
           limit: Annotated[int, Query(ge=1, le=catalog.MAX_SEARCH)] = 20) -> dict[str, Any]:
    return catalog.search(_store(request), q, limit=limit)


# --- applications --------------------------------------------------------------------------------

def _query_parameters_not_nullable(spec: dict[str, Any]) -> dict[str, Any]:
    """A query or path parameter is absent or a string, never JSON null: drop the ``null``
    alternative FastAPI writes for Optional parameters (``anyOf: [X, {type: null}]`` → ``X``)."""
    for ops in spec.get("paths", {}).values():
        for op in ops.values():
            for param in op.get("parameters", []):
                schema = param.get("schema", {})
                alts = schema.get("anyOf")
                if not alts:
                    continue
                rest = [a for a in alts if a.get("type") != "null"]
                if len(rest) == 1 and len(rest) < len(alts):
                    del schema["anyOf"]
                    schema.update(rest[0])
                    if schema.get("default", 0) is None:
                        del schema["default"]
    return spec


def create_api(store) -> FastAPI:
    """The API application (served under ``/api/v1`` by :func:`create_app`)."""
    api = FastAPI(
        title="kizashi API", version=__version__,
        description="Fused geopolitical events extracted from Japanese news, their documents, "
                    "actors and quantities. Every error is `{\"error\": {\"status\", \"code\", "
                    "\"message\", \"details\"}}`.",
        openapi_url="/openapi.json", docs_url=None, redoc_url=None)
    api.state.store = store
    api.state.api_token = None
    api.mount("/docs/assets", StaticFiles(directory=str(SWAGGER_DIR), check_dir=False),
              name="swagger-assets")
    api.mount("/docs/init", StaticFiles(directory=str(API_STATIC), check_dir=False),
              name="swagger-init")

    @api.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI from the package's own copy of swagger-ui-dist (npm, web/package-lock.json):
        nothing is loaded from elsewhere, so the docs work offline."""
        return HTMLResponse(SWAGGER_PAGE.format(prefix=PREFIX, version=__version__))

    errors.install(api)
    api.include_router(router)
    from kizashi.api.loop import router as loop_router   # sources, watches, alerts
    from kizashi.api.corrections import router as corrections_router
    from kizashi.api.briefings import router as briefings_router

    api.include_router(loop_router, responses=ERRORS)
    api.include_router(corrections_router)
    api.include_router(briefings_router)

    generate = api.openapi

    def openapi() -> dict[str, Any]:           # FastAPI's document, cached by FastAPI
        return _query_parameters_not_nullable(generate())   # idempotent, in place

    api.openapi = openapi
    return api


def create_app(store) -> FastAPI:
    """The outer application: the API mounted at ``/api/v1`` (``store`` is a
    :class:`kizashi.store.Store`, also on ``app.state.store``); the workbench adds its pages."""
    app = FastAPI(title="kizashi", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url=None)
    app.state.store = store
    app.add_exception_handler(StarletteHTTPException, errors.api_path_http_error)

    @app.get(PREFIX, include_in_schema=False)
    def api_root() -> RedirectResponse:
        return RedirectResponse(f"{PREFIX}/docs")

    app.mount(PREFIX, create_api(store))
    return app
