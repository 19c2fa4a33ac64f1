"""The corrections of the API (``/api/v1/corrections``): read them, and (with the API token)
make and revoke them. A thin layer over :mod:`kizashi.store.corrections`; every write re-fuses
the events and answers with the correction and the events it applies to now."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from kizashi.api.errors import ApiError
from kizashi.api.models import ErrorResponse, Model
from kizashi.api.security import WriteAccess
from kizashi.store import corrections as C

TEXT = r"^[^\x00]*$"
ID = Annotated[Optional[str], Field(None, max_length=200, pattern=r"^[^\x00]+$")]

router = APIRouter(tags=["corrections"], responses={
    400: {"model": ErrorResponse, "description": "A correction that cannot be made"},
    401: {"model": ErrorResponse, "description": "A write without the right API token"},
    403: {"model": ErrorResponse, "description": "Writes are disabled (no token configured)"},
    404: {"model": ErrorResponse, "description": "No such mention, event or correction"},
    500: {"model": ErrorResponse, "description": "Internal error"},
    422: {"model": ErrorResponse, "description": "A body of the wrong shape"},
})


class CorrectionIn(BaseModel):
    """A correction to make. ``wrong``: ``mention_id``. ``note``: ``mention_id`` or
    ``event_id``, and ``note``. ``type``: ``event_id``, ``value`` a PLOVER type (or
    ``{"event_type", "mode"}``). ``actor`` / ``recipient``: ``event_id``, ``value`` codes or
    names (recipients may be empty: a mutual event). ``split``: ``event_id`` and ``mention_id``.
    ``merge``: ``event_id`` and ``other_event_id``."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["wrong", "type", "actor", "recipient", "split", "merge", "note"]
    author: str = Field(min_length=1, max_length=C.MAX_AUTHOR, pattern=TEXT,
                        description="who corrects (kept in the audit)")
    mention_id: ID = None
    event_id: ID = None
    other_event_id: ID = None
    value: Union[str, list[Annotated[str, Field(max_length=200)]], dict[str, Optional[str]],
                 None] = Field(None, description="the new type, actors or recipients")
    note: Optional[str] = Field(None, max_length=C.MAX_NOTE, pattern=TEXT)


class RevokeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    author: str = Field(min_length=1, max_length=C.MAX_AUTHOR, pattern=TEXT)
    note: Optional[str] = Field(None, max_length=C.MAX_NOTE, pattern=TEXT)


class CorrectionOut(Model):
    id: int
    created_at: Optional[str]
    author: str
    action: str
    target: dict[str, Any] = Field(description="anchors of the mentions it names (document, "
                                               "extracted type, trigger, sentence)")
    before: Any = None
    after: Any = None
    note: Optional[str]
    revokes: Optional[int]
    revoked_by: Optional[int]
    active: bool
    applied: bool = Field(description="its anchors find mentions now")
    mention_ids: list[str]
    event_ids: list[str] = Field(description="the events its mentions are in now")


class CorrectionList(Model):
    items: list[CorrectionOut]


def _store(request: Request):
    return request.app.state.store


def _call(fn, *args, **kw):
    try:
        return fn(*args, **kw)
    except C.NotFound as exc:
        raise ApiError(404, str(exc)) from None
    except C.CorrectionError as exc:
        raise ApiError(400, str(exc)) from None


@router.get("/corrections", response_model=CorrectionList,
            summary="Analysts' corrections, newest first, with their audit")
def list_corrections(
        request: Request,
        event: Annotated[Optional[str], Query(max_length=200, pattern=TEXT,
                                              description="those of one event")] = None,
        doc: Annotated[Optional[str], Query(max_length=200, pattern=TEXT,
                                            description="those of one document")] = None,
        mention: Annotated[Optional[str], Query(max_length=200, pattern=TEXT,
                                                description="those of one mention")] = None,
) -> dict[str, Any]:
    return {"items": C.list_corrections(_store(request), event_id=event or None,
                                        doc_id=doc or None, mention_id=mention or None)}


@router.get("/corrections/export", response_class=StreamingResponse,
            summary="Every correction as JSON Lines (what kizashi corrections import reads)",
            responses={200: {"content": {"application/x-ndjson": {"schema": {"type": "string"}}},
                             "description": "the corrections, oldest first"}})
def export_corrections(request: Request) -> StreamingResponse:
    import json

    records = list(C.export(_store(request)))
    body = (json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return StreamingResponse(body, media_type="application/x-ndjson", headers={
        "Content-Disposition": 'attachment; filename="kizashi-corrections.jsonl"'})


@router.get("/corrections/{correction_id}", response_model=CorrectionOut,
            summary="One correction")
def get_correction(request: Request, correction_id: Annotated[int, Path(ge=1, le=2**31)]
                   ) -> dict[str, Any]:
    return _call(C.get, _store(request), correction_id)


@router.post("/corrections", response_model=CorrectionOut, status_code=201,
             summary="Make a correction (needs the API token); the events are re-fused")
def add_correction(request: Request, body: CorrectionIn, _: WriteAccess) -> dict[str, Any]:
    return _call(C.add, _store(request), body.action, author=body.author,
                 mention_id=body.mention_id, event_id=body.event_id,
                 other_event_id=body.other_event_id, value=body.value, note=body.note)


@router.post("/corrections/{correction_id}/revoke", response_model=CorrectionOut,
             status_code=201, summary="Revoke a correction (needs the API token)")
def revoke_correction(request: Request, correction_id: Annotated[int, Path(ge=1, le=2**31)],
                      body: RevokeIn, _: WriteAccess) -> dict[str, Any]:
    return _call(C.revoke, _store(request), correction_id, author=body.author, note=body.note)
