"""``GET /api/v1/briefing``: the briefing of a period (:mod:`kizashi.briefing`) as JSON (the
data every rendering is made from), Markdown, standalone HTML or PDF."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from kizashi.api.errors import ApiError
from kizashi.api.models import ErrorResponse

router = APIRouter(tags=["briefings"], responses={
    400: {"model": ErrorResponse, "description": "A period, day or dyad that cannot be used"},
    404: {"model": ErrorResponse, "description": "No such watch"},
    500: {"model": ErrorResponse, "description": "Internal error"},
    422: {"model": ErrorResponse, "description": "A parameter of the wrong form"},
    503: {"model": ErrorResponse, "description": "PDF asked for and no Chromium to print it"},
})


def briefing_response(store, *, period: str, end: str | None, dyad: str | None, lang: str,
                      fmt: str, watch: str | None = None):
    """The response of a briefing in ``fmt`` (json, md, html, pdf); shared with the page."""
    from kizashi.briefing import BriefingError, build
    from kizashi.briefing.render import MEDIA_TYPES, filename, render

    pair = None
    if dyad:
        parts = [x.strip() for x in dyad.split(",")]
        if len(parts) != 2 or not all(parts):
            raise ApiError(400, f"dyad {dyad[:40]!r}: two codes or names, e.g. RUS,PRK")
        pair = tuple(parts)
    try:
        b = build(store, period=period, end=end or None, dyad=pair, lang=lang,
                  watch=watch or None)
        if fmt == "json":
            return JSONResponse(b)
        data = render(b, fmt)
    except BriefingError as exc:
        msg = str(exc)
        status = 503 if "Chromium" in msg else 404 if "no watch" in msg else 400
        raise ApiError(status, msg, code={400: "bad_request", 404: "not_found"}.get(
            status, "internal_error")) from None
    headers = {"Content-Disposition": f'attachment; filename="{filename(b, fmt)}"'}
    return Response(data, media_type=MEDIA_TYPES[fmt], headers=headers)


@router.get("/briefing", summary="The briefing of a period (JSON, Markdown, HTML or PDF)",
            responses={200: {"content": {
                "application/json": {"schema": {"type": "object"}},
                "text/markdown": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}}},
                "description": "the briefing"}})
def briefing(request: Request,
             period: Annotated[str, Query(pattern=r"^[0-9]{1,4}[dwm]$",
                                          description="7d, 2w, 3m")] = "7d",
             end: Annotated[Optional[str], Query(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                                                 description="the last day (default: the "
                                                             "latest article's)")] = None,
             dyad: Annotated[Optional[str], Query(max_length=401, pattern=r"^[^,\x00]+,[^,\x00]+$",
                                                  description="A,B: only their events")] = None,
             watch: Annotated[Optional[str], Query(max_length=100, pattern=r"^[^\x00]+$",
                                                   description="only the events of a watch "
                                                               "(name or id)")] = None,
             lang: Literal["ja", "en"] = "ja",
             format: Literal["json", "md", "html", "pdf"] = "json") -> Any:
    return briefing_response(request.app.state.store, period=period, end=end, dyad=dyad,
                             lang=lang, fmt=format, watch=watch)
