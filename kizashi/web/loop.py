"""Workbench pages of the daily loop: the watch board (``/watches``: every watch with its state,
sparkline and latest evidence), one watch (``/watches/{id}``), the alerts (``/alerts``, with
marking read), and the overview's "what changed" (:func:`what_changed`).

Marking alerts read is a same-origin form POST (``/alerts/read``). It needs no token from a
browser on this machine (the client and the Host are loopback names); from anywhere else it is
refused, and the API (``POST /api/v1/alerts/read`` with the token) is the way.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from kizashi.api.security import is_loopback

__all__ = ["register", "what_changed", "CHANGED_CHOICES", "local_write_refusal"]

CHANGED_CHOICES = {"1d": "24h", "7d": "7d"}


def _pair(ev: dict[str, Any]) -> str:
    a = ",".join(ev.get("actors") or []) or "?"
    r = ",".join(ev.get("recipients") or [])
    return f"{a}→{r}" if r else a


def what_changed(store, since: str, limit: int = 500) -> dict[str, Any]:
    """What changed since ``since`` (a time or a duration back from now): new events grouped by
    dyad and type, each group with its latest event's one-line summary; new and changed
    estimates (events with quantities that are new, or that a new or changed document
    joined); new denials (events someone denies, or that are negated)."""
    from kizashi.store import queries
    from kizashi.store.filters import EventFilter
    from kizashi.watch.alerts import alert_title

    key = EventFilter(since=since).since
    new = queries.list_events(store, since=key, sort="-seen", limit=min(limit, 1000)).items
    changed = queries.list_events(store, changed_since=key, sort="-seen",
                                  limit=min(limit, 1000)).items
    groups: OrderedDict[tuple[str, str], dict[str, Any]] = OrderedDict()
    for ev in new:
        g = groups.setdefault((_pair(ev), ev["event_type"]), {
            "pair": _pair(ev), "event_type": ev["event_type"], "quad_class": ev["quad_class"],
            "count": 0, "latest": ev, "events": []})
        g["count"] += 1
        g["events"].append(ev["id"])
    with_q = [e for e in changed if e.get("n_quantities")][:20]
    details = queries.event_details(store, [e["id"] for e in with_q])
    estimates = []
    for e in with_q:
        d = details.get(e["id"], e)
        estimates.append({"event": e, "is_new": (e.get("first_seen") or "") >= key,
                          "quantities": d.get("quantities") or [],
                          "conflicting": bool(e.get("conflicting_quantities")),
                          "summary": alert_title(d)})
    denials = [e for e in changed
               if (e.get("factuality_counts") or {}).get("denied")
               or e.get("factuality") in ("denied", "negated")][:20]
    ordered = sorted(groups.values(), key=lambda g: (-g["count"], g["pair"], g["event_type"]))
    for g in ordered:
        g["summary"] = alert_title(g["latest"])
    return {"since": key, "new_events": len(new), "changed_events": len(changed),
            "groups": ordered[:30], "estimates": estimates, "denials": denials,
            "capped": len(new) >= min(limit, 1000)}


def local_write_refusal(request: Request) -> str | None:
    """Why a workbench write (a form POST) must be refused, or None: it must come from this
    machine (client and Host on loopback) and from the workbench itself (same origin)."""
    client = request.client.host if request.client else ""
    host = (request.headers.get("host") or "").rsplit(":", 1)[0].strip("[]")
    if not (is_loopback(client) and (host == "localhost" or is_loopback(host or "x"))):
        return ("the workbench marks alerts read only for a browser on this machine; use "
                "POST /api/v1/alerts/read with the API token")
    origin = request.headers.get("origin") or request.headers.get("referer")
    if origin:
        o = urlsplit(origin)
        if o.netloc and o.netloc != request.headers.get("host"):
            return "the form was not sent from this workbench"
    if request.headers.get("sec-fetch-site") not in (None, "same-origin", "none"):
        return "the form was not sent from this workbench"
    return None


def register(app: FastAPI, store, make_ui: Callable[[Request], Any]) -> None:
    """Add the watch board, watch and alerts pages to ``app``; ``make_ui(request)`` gives the
    page's :class:`kizashi.web.app.UI`."""
    from kizashi.web import svg

    def board_rows(ui, watches):
        from kizashi.watch.alerts import list_alerts

        rows = []
        for w in watches:
            ev = w.get("evaluation") or {}
            series = ev.get("series") or []
            label = ui.t("watch.spark_label", name=w["title"] or w["name"],
                         counts=", ".join(map(str, series)))
            rows.append({"watch": w, "ev": ev, "evidence": (ev.get("evidence") or [])[:2],
                         "spark": svg.sparkline(series, label=label) if series else None,
                         "unread": sum(1 for a in list_alerts(store, watch=w["id"], unread=True,
                                                               limit=500))})
        return rows

    @app.get("/watches", response_class=HTMLResponse, include_in_schema=False)
    def watches_page(request: Request):
        from kizashi.watch.store import list_watches

        ui = make_ui(request)
        order = {"escalating": 0, "triggered": 1, "quiet": 2}
        watches = sorted(list_watches(store), key=lambda w: (order.get(w["state"], 3), w["id"]))
        return ui.render("watches.html", nav="watches", rows=board_rows(ui, watches))

    @app.get("/watches/{ref}", response_class=HTMLResponse, include_in_schema=False)
    def watch_page(request: Request, ref: str):
        from kizashi.watch.alerts import list_alerts
        from kizashi.watch.store import get_watch

        ui = make_ui(request)
        w = get_watch(store, ref)
        if w is None:
            return ui.not_found()
        row = board_rows(ui, [w])[0]
        return ui.render("watch.html", nav="watches", row=row, w=w,
                         alerts=list_alerts(store, watch=w["id"], limit=100))

    @app.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
    def alerts_page(request: Request):
        from kizashi.watch.alerts import list_alerts, unread_count

        ui = make_ui(request)
        only_unread = request.query_params.get("unread") == "1"
        items = list_alerts(store, unread=True if only_unread else None, limit=200)
        return ui.render("alerts.html", nav="alerts", alerts=items, only_unread=only_unread,
                         n_unread=unread_count(store),
                         done=request.query_params.get("done"))

    @app.post("/alerts/read", include_in_schema=False)
    async def alerts_read(request: Request):
        from kizashi.watch.alerts import mark_read

        refused = local_write_refusal(request)
        if refused:
            ui = make_ui(request)
            return ui.render("alerts.html", status=403, nav="alerts", alerts=[],
                             only_unread=False, n_unread=0, done=None, errors=[refused])
        from urllib.parse import parse_qs

        raw = await request.body()               # an urlencoded form (no multipart here)
        form = parse_qs(raw[:200_000].decode("utf-8", "replace"), max_num_fields=10_000)
        ids = [int(x) for x in form.get("id", []) if x.isdigit() and len(x) < 19]
        everything = form.get("all", [""])[0] == "1"
        n = mark_read(store, ids if ids else None, everything=everything and not ids,
                      read=form.get("unread", [""])[0] != "1")
        back = form.get("back", ["/alerts"])[0] or "/alerts"
        if not back.startswith("/") or back.startswith("//"):
            back = "/alerts"
        sep = "&" if "?" in back else "?"
        return RedirectResponse(f"{back}{sep}done={n}", status_code=303)
