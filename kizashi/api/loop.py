"""The API of the daily loop, under ``/api/v1``: sources of ``kizashi fetch``, watches (CRUD),
alerts (lists, Atom feeds, marking read). Every write needs the API token
(:data:`kizashi.api.security.WriteAccess`)."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from kizashi.api import models as m
from kizashi.api.errors import ApiError
from kizashi.api.security import WriteAccess

__all__ = ["router"]

REF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$"
Ref = Annotated[str, Path(max_length=200, pattern=REF_PATTERN,
                          description="the watch's name or id")]
SourceRef = Annotated[str, Path(max_length=200, pattern=REF_PATTERN,
                                description="the source's id or name")]
ATOM = {200: {"content": {"application/atom+xml": {"schema": {"type": "string"}}},
              "description": "an Atom feed (RFC 4287)"}}
WRITE_ERRORS = {401: {"model": m.ErrorResponse, "description": "no or wrong API token"},
                403: {"model": m.ErrorResponse, "description": "writes are disabled (no token "
                                                               "configured)"}}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- models ---------------------------------------------------------------------------------------

class SourceHealth(Model):
    last_attempt: Optional[str]
    last_success: Optional[str]
    last_error: Optional[str]
    last_error_at: Optional[str]
    last_status: Optional[int]
    last_items_seen: int
    last_items_new: int
    items_seen: int
    items_new: int
    fetches: int
    not_modified: int
    errors: int


class Source(Model):
    id: int
    name: str
    url: str
    kind: str
    outlet: Optional[str]
    reliability: Optional[str]
    interval_seconds: int
    enabled: bool
    created_at: Optional[str]
    next_due: Optional[str]
    health: SourceHealth


class SourceList(Model):
    items: list[Source]


class SourceIn(Model):
    url: str = Field(max_length=2000, description="an RSS/Atom feed, an index page or an article")
    name: Optional[str] = Field(None, max_length=200)
    outlet: Optional[str] = Field(None, max_length=200)
    reliability: Optional[Literal["A", "B", "C", "D", "E", "F"]] = None
    interval: str = Field("30m", max_length=16, description="between fetches, at least 1m")
    kind: Literal["auto", "feed", "index", "article"] = "auto"


class Watch(Model):
    id: int
    name: str
    title: Optional[str]
    description: Optional[str]
    spec: dict[str, Any]
    webhook_url: Optional[str]
    has_webhook_secret: bool
    webhook_secret: Optional[str] = Field(None, description="only in the answer that set it")
    alerts_since: Optional[str]
    created_at: Optional[str]
    updated_at: Optional[str]
    state: str
    state_since: Optional[str]
    evaluated_at: Optional[str]
    evaluation: Optional[dict[str, Any]]
    unread: int = 0


class WatchList(Model):
    items: list[Watch]


class WatchIn(Model):
    name: str = Field(max_length=100, pattern=r"^[a-z0-9][a-z0-9_-]{0,99}$")
    title: Optional[str] = Field(None, max_length=500)
    description: Optional[str] = Field(None, max_length=5000)
    spec: dict[str, Any] = Field(description="filter, mode, factuality_at_least, quantity, "
                                             "window_days, baseline (kizashi.watch.spec)")
    webhook_url: Optional[str] = Field(None, max_length=2000)
    webhook_secret: Optional[str] = Field(None, max_length=500)
    backfill: bool = Field(False, description="alerts for the matching events already stored")


class WatchPatch(Model):
    title: Optional[str] = Field(None, max_length=500)
    description: Optional[str] = Field(None, max_length=5000)
    spec: Optional[dict[str, Any]] = None
    webhook_url: Optional[str] = Field(None, max_length=2000)
    webhook_secret: Optional[str] = Field(None, max_length=500)


class Alert(Model):
    id: int
    watch_id: int
    watch: Optional[str]
    event_id: str
    title: str
    summary: dict[str, Any]
    version: int
    created_at: Optional[str]
    updated_at: Optional[str]
    read: bool
    read_at: Optional[str]
    delivered_version: int
    delivery_error: Optional[str]


class AlertList(Model):
    items: list[Alert]
    unread: int
    next_before: Optional[int] = Field(None, description="pass as `before` for the next page")


class ReadIn(Model):
    ids: Optional[list[int]] = Field(None, max_length=10_000)
    watch: Optional[str] = Field(None, max_length=200)
    all: bool = False
    read: bool = Field(True, description="false marks them unread again")


class Changed(Model):
    changed: int


class Deleted(Model):
    deleted: str


# --- routes ---------------------------------------------------------------------------------------

router = APIRouter()


def _store(request: Request):
    return request.app.state.store


def _base(request: Request) -> str:
    """The outer application's URL (the API is mounted under /api/v1)."""
    return str(request.base_url).rstrip("/").removesuffix("/api/v1")


@router.get("/sources", response_model=SourceList, tags=["sources"],
            summary="The sources of kizashi fetch with their health")
def sources(request: Request) -> dict[str, Any]:
    from kizashi.fetch.sources import list_sources

    return {"items": list_sources(_store(request))}


@router.post("/sources", response_model=Source, status_code=201, tags=["sources"],
             responses=WRITE_ERRORS, summary="Add a source (needs the API token)")
def add_source(request: Request, body: SourceIn, _: WriteAccess) -> dict[str, Any]:
    from kizashi.fetch.sources import SourceError
    from kizashi.fetch.sources import add_source as add

    try:
        return add(_store(request), body.url, name=body.name, outlet=body.outlet,
                   reliability=body.reliability, interval=body.interval, kind=body.kind)
    except SourceError as exc:
        raise ApiError(400, str(exc)) from None


@router.get("/sources/{ref}", response_model=Source, responses={404: {"model": m.ErrorResponse}},
            tags=["sources"], summary="A source and its health")
def source(request: Request, ref: SourceRef) -> dict[str, Any]:
    from kizashi.fetch.sources import get_source

    s = get_source(_store(request), ref)
    if s is None:
        raise ApiError(404, f"no source {ref!r}")
    return s


@router.delete("/sources/{ref}", response_model=Deleted, tags=["sources"],
               responses={**WRITE_ERRORS, 404: {"model": m.ErrorResponse}},
               summary="Remove a source; its documents stay (needs the API token)")
def remove_source(request: Request, ref: SourceRef, _: WriteAccess) -> dict[str, Any]:
    from kizashi.fetch.sources import SourceError
    from kizashi.fetch.sources import remove_source as remove

    try:
        s = remove(_store(request), ref)
    except SourceError as exc:
        raise ApiError(404, str(exc)) from None
    return {"deleted": s["name"]}


def _with_unread(store, w: dict[str, Any]) -> dict[str, Any]:
    from sqlalchemy import func, select

    from kizashi.store.models import Alert as AlertRow

    with store.engine.connect() as conn:
        w["unread"] = conn.execute(select(func.count()).select_from(AlertRow)
                                   .where(AlertRow.watch_id == w["id"],
                                          AlertRow.read_at.is_(None))).scalar_one()
    return w


def _watch(store, ref: str) -> dict[str, Any]:
    from kizashi.watch.store import get_watch

    w = get_watch(store, ref)
    if w is None:
        raise ApiError(404, f"no watch {ref!r}")
    return w


@router.get("/watches", response_model=WatchList, tags=["watches"],
            summary="Every watch with its state, sparkline series and evidence")
def watches(request: Request) -> dict[str, Any]:
    from kizashi.watch.store import list_watches

    store = _store(request)
    return {"items": [_with_unread(store, w) for w in list_watches(store)]}


@router.post("/watches", response_model=Watch, status_code=201, tags=["watches"],
             responses=WRITE_ERRORS, summary="Add a watch (needs the API token)")
def add_watch(request: Request, body: WatchIn, _: WriteAccess) -> dict[str, Any]:
    from kizashi.watch.store import WatchError
    from kizashi.watch.store import add_watch as add

    try:
        return add(_store(request), body.name, body.spec, title=body.title,
                   description=body.description, webhook_url=body.webhook_url,
                   webhook_secret=body.webhook_secret, backfill=body.backfill)
    except WatchError as exc:
        raise ApiError(400, str(exc)) from None


@router.get("/watches/{ref}/alerts.atom", response_class=Response,
            responses={**ATOM, 404: {"model": m.ErrorResponse}},
            tags=["alerts"], summary="The watch's alerts as an Atom feed")
def watch_feed(request: Request, ref: Ref) -> Response:
    from kizashi.watch.alerts import list_alerts
    from kizashi.watch.atom import MEDIA_TYPE, atom_feed

    store = _store(request)
    w = _watch(store, ref)
    body = atom_feed(list_alerts(store, watch=w["id"], limit=100), base_url=_base(request),
                     self_path=f"/api/v1/watches/{w['name']}/alerts.atom", watch=w,
                     html_path=f"/watches/{w['id']}")
    return Response(body, media_type=MEDIA_TYPE)


@router.get("/watches/{ref}/alerts", response_model=AlertList, tags=["alerts"],
            responses={404: {"model": m.ErrorResponse}}, summary="The watch's alerts")
def watch_alerts(request: Request, ref: Ref,
                 unread: Annotated[Optional[bool], Query(description="unread only")] = None,
                 limit: Annotated[int, Query(ge=1, le=500)] = 50,
                 before: Annotated[Optional[int], Query(ge=1, le=2**62)] = None
                 ) -> dict[str, Any]:
    store = _store(request)
    w = _watch(store, ref)
    return _alert_page(store, w["id"], unread, limit, before)


@router.get("/watches/{ref}", response_model=Watch, tags=["watches"],
            responses={404: {"model": m.ErrorResponse}},
            summary="A watch: definition, state, evidence")
def watch(request: Request, ref: Ref) -> dict[str, Any]:
    store = _store(request)
    return _with_unread(store, _watch(store, ref))


@router.patch("/watches/{ref}", response_model=Watch, tags=["watches"],
              responses={**WRITE_ERRORS, 404: {"model": m.ErrorResponse}},
              summary="Change a watch (needs the API token)")
def change_watch(request: Request, ref: Ref, body: WatchPatch, _: WriteAccess) -> dict[str, Any]:
    from kizashi.watch.store import WatchError, update_watch

    store = _store(request)
    _watch(store, ref)
    try:
        return update_watch(store, ref, **body.model_dump(exclude_unset=True))
    except WatchError as exc:
        raise ApiError(400, str(exc)) from None


@router.delete("/watches/{ref}", response_model=Deleted, tags=["watches"],
               responses={**WRITE_ERRORS, 404: {"model": m.ErrorResponse}},
               summary="Remove a watch and its alerts (needs the API token)")
def remove_watch(request: Request, ref: Ref, _: WriteAccess) -> dict[str, Any]:
    from kizashi.watch.store import remove_watch as remove

    store = _store(request)
    w = _watch(store, ref)
    remove(store, w["id"])
    return {"deleted": w["name"]}


def _alert_page(store, watch_id, unread, limit, before) -> dict[str, Any]:
    from kizashi.watch.alerts import list_alerts, unread_count

    items = list_alerts(store, watch=watch_id, unread=unread, limit=limit + 1, before=before)
    more = len(items) > limit
    items = items[:limit]
    return {"items": items, "unread": unread_count(store),
            "next_before": items[-1]["id"] if more and items else None}


@router.get("/alerts", response_model=AlertList, tags=["alerts"],
            summary="Alerts of every watch, the latest updated first")
def alerts(request: Request,
           unread: Annotated[Optional[bool], Query(description="unread only")] = None,
           limit: Annotated[int, Query(ge=1, le=500)] = 50,
           before: Annotated[Optional[int], Query(ge=1, le=2**62)] = None) -> dict[str, Any]:
    return _alert_page(_store(request), None, unread, limit, before)


@router.get("/alerts.atom", response_class=Response, responses=ATOM, tags=["alerts"],
            summary="Alerts of every watch as an Atom feed")
def alerts_feed(request: Request) -> Response:
    from kizashi.watch.alerts import list_alerts
    from kizashi.watch.atom import MEDIA_TYPE, atom_feed

    body = atom_feed(list_alerts(_store(request), limit=100), base_url=_base(request),
                     self_path="/api/v1/alerts.atom")
    return Response(body, media_type=MEDIA_TYPE)


@router.post("/alerts/read", response_model=Changed, tags=["alerts"],
             responses={**WRITE_ERRORS, 404: {"model": m.ErrorResponse}},
             summary="Mark alerts read or unread: ids, a watch's, or all (needs the API token)")
def read_alerts(request: Request, body: ReadIn, _: WriteAccess) -> dict[str, Any]:
    from kizashi.watch.alerts import mark_read

    store = _store(request)
    watch_id = _watch(store, body.watch)["id"] if body.watch else None
    if body.ids is None and watch_id is None and not body.all:
        raise ApiError(400, "give ids, a watch or all: true")
    return {"changed": mark_read(store, body.ids, watch_id=watch_id, everything=body.all,
                                 read=body.read)}
