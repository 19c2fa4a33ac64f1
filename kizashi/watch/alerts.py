"""Alerts: the new matches of each watch, once per event per watch.

After every ingest or fetch, :func:`evaluate_all` evaluates each watch (its state and evidence,
:mod:`kizashi.watch.evaluate`) and turns its matching events into alerts:

* an event first seen since the watch was created (or any, for a watch added with
  ``backfill``) that has no alert of this watch gets one (``version`` 1);
* an event that already has one and changed (it gained sources, its estimates or factuality
  changed: its fingerprint differs) updates it (``version`` + 1, ``updated_at`` now): it is not
  repeated. Fusion may give an event a new id when its mentions change; the alert follows the
  event that holds its mentions;
* only events that a new or changed document joined since the watch's last evaluation
  (``changed_since``) are looked at, so a run costs what changed, not what is stored.

Then the alerts whose current version was not delivered yet are POSTed to the watch's webhook
(:mod:`kizashi.watch.webhook`).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import func, insert, select, update

from kizashi.store.filters import seen_key
from kizashi.store.models import Alert, Watch
from kizashi.watch.evaluate import evaluate, evidence_of, matching_events
from kizashi.watch.spec import parse_spec
from kizashi.watch.store import alert_dict

__all__ = ["evaluate_all", "evaluate_watch", "list_alerts", "get_alert", "unread_count",
           "mark_read", "alert_dict", "alert_title"]   # alert_dict: kizashi.watch.store


def alert_title(ev: dict[str, Any]) -> str:
    """One line: date, type/mode, actors → recipients, the largest estimate, sources."""
    who = ",".join(ev.get("actors") or []) or "?"
    whom = ",".join(ev.get("recipients") or [])
    kind = ev["event_type"] + (f"/{ev['mode']}" if ev.get("mode") else "")
    line = f"{ev.get('date') or ev.get('first_reported') or '?'} {kind} {who}"
    if whom:
        line += f" → {whom}"
    qs = [q for q in ev.get("quantities") or [] if q.get("text")]
    if qs:
        line += f" ({qs[0]['text']})"
    n = ev.get("n_sources", 0)
    return line + f" · {n} source{'s' if n != 1 else ''}"


def _fingerprint(ev: dict[str, Any]) -> str:
    qs = sorted((q.get("text") or "", q.get("value"), q.get("low"), q.get("high"),
                 q.get("unit") or "", q.get("source") or "") for q in ev.get("quantities") or [])
    key = json.dumps([ev.get("n_sources"), ev.get("factuality"), ev.get("date"),
                      sorted(ev.get("actors") or []), sorted(ev.get("recipients") or []),
                      ev.get("mode"), qs], ensure_ascii=False, default=str)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def evaluate_watch(store, w: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    """Evaluate one watch (a :func:`kizashi.watch.store.get_watch` dict): store its state and
    evidence, create and update its alerts. ``{"name", "state", "new", "updated", ...}``."""
    spec = parse_spec(w["spec"])
    result = evaluate(store, spec, now)
    since_changed = w.get("evaluated_at")
    alerts_since = w.get("alerts_since")
    extra = {}
    if since_changed:
        extra["changed_since"] = since_changed
    elif alerts_since:
        extra["changed_since"] = alerts_since
    candidates = matching_events(store, spec, detail=True, **extra)
    a = Alert.__table__
    new = updated = 0
    with store.write_connection() as conn, conn.begin():
        rows = conn.execute(select(a.c.id, a.c.event_id, a.c.mentions, a.c.fingerprint,
                                   a.c.version).where(a.c.watch_id == w["id"])).all()
        by_event = {r.event_id: r for r in rows}
        by_mention = {}
        for r in rows:
            for m in r.mentions or []:
                by_mention.setdefault(m, r)
        claimed: set[int] = set()
        for ev in candidates:
            mids = [m["id"] for m in ev.get("mentions") or []]
            old = by_event.get(ev["id"])
            if old is None:
                old = next((by_mention[m] for m in mids if m in by_mention
                            and by_mention[m].id not in claimed), None)
            summary = evidence_of(ev)
            fp = _fingerprint(ev)
            if old is not None:
                claimed.add(old.id)
                if old.fingerprint == fp and old.event_id == ev["id"]:
                    continue
                values = {"event_id": ev["id"], "mentions": mids, "summary": summary,
                          "title": alert_title(ev)}
                if old.fingerprint != fp:
                    values.update(fingerprint=fp, version=old.version + 1, updated_at=now)
                    updated += 1
                if ev["id"] != old.event_id and ev["id"] in by_event:
                    continue                     # another alert holds that id already
                conn.execute(update(a).where(a.c.id == old.id).values(**values))
                continue
            if alerts_since and (ev.get("first_seen") or "") < seen_key(
                    dt.datetime.fromisoformat(alerts_since.replace("Z", "+00:00"))):
                continue                         # known before the watch existed
            conn.execute(insert(a).values(
                watch_id=w["id"], event_id=ev["id"], mentions=mids, title=alert_title(ev),
                summary=summary, fingerprint=fp, version=1, created_at=now, updated_at=now,
                delivered_version=0, delivery_attempts=0))
            by_event[ev["id"]] = None            # type: ignore[assignment]
            new += 1
        state_since = w.get("state_since")
        values = {"evaluated_at": now, "evaluation": result, "state": result["state"]}
        if result["state"] != w.get("state") or not state_since:
            values["state_since"] = now
        conn.execute(update(Watch.__table__).where(Watch.id == w["id"]).values(**values))
    return {"id": w["id"], "name": w["name"], "state": result["state"],
            "reason": result["reason"], "count": result["count"], "new": new,
            "updated": updated}


def evaluate_all(store, *, now: dt.datetime | None = None, deliver: bool = True,
                 post=None) -> dict[str, Any]:
    """Evaluate every watch and deliver pending webhooks. ``{"watches": [...], "alerts":
    {"new", "updated", "delivered", "delivery_failed"}}``."""
    from kizashi.watch.store import list_watches

    now = now or dt.datetime.now(dt.timezone.utc)
    out = {"watches": [], "alerts": {"new": 0, "updated": 0, "delivered": 0,
                                     "delivery_failed": 0}}
    for w in list_watches(store):
        r = evaluate_watch(store, w, now)
        out["watches"].append(r)
        out["alerts"]["new"] += r["new"]
        out["alerts"]["updated"] += r["updated"]
    if deliver:
        from kizashi.watch.webhook import deliver_pending

        d = deliver_pending(store, now=now, post=post)
        out["alerts"]["delivered"] = d["delivered"]
        out["alerts"]["delivery_failed"] = d["failed"]
    return out


def _names(conn) -> dict[int, str]:
    return {r.id: r.name for r in conn.execute(select(Watch.id, Watch.name))}


def list_alerts(store, *, watch: int | str | None = None, unread: bool | None = None,
                limit: int = 50, before: int | None = None) -> list[dict[str, Any]]:
    """Alerts, the most recently updated first (then by id); ``before``: ids below it."""
    from kizashi.watch.store import get_watch

    a = Alert.__table__
    conds = []
    if watch is not None:
        w = get_watch(store, watch)
        if w is None:
            from kizashi.watch.store import WatchError

            raise WatchError(f"no watch {str(watch)[:80]!r} (see kizashi watch list)")
        conds.append(a.c.watch_id == w["id"])
    if unread is True:
        conds.append(a.c.read_at.is_(None))
    elif unread is False:
        conds.append(a.c.read_at.is_not(None))
    if before is not None:
        conds.append(a.c.id < before)
    with store.engine.connect() as conn:
        names = _names(conn)
        rows = conn.execute(select(a).where(*conds).order_by(a.c.updated_at.desc(),
                                                             a.c.id.desc())
                            .limit(limit)).all()
    return [alert_dict(r, names.get(r.watch_id)) for r in rows]


def get_alert(store, alert_id: int) -> dict[str, Any] | None:
    a = Alert.__table__
    with store.engine.connect() as conn:
        r = conn.execute(select(a).where(a.c.id == alert_id)).first()
        names = _names(conn) if r is not None else {}
    return alert_dict(r, names.get(r.watch_id)) if r is not None else None


def unread_count(store) -> int:
    a = Alert.__table__
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(a)
                            .where(a.c.read_at.is_(None))).scalar_one()


def mark_read(store, ids: list[int] | None = None, *, watch_id: int | None = None,
              everything: bool = False, read: bool = True,
              now: dt.datetime | None = None) -> int:
    """Mark alerts read (``read=False``: unread again): those ``ids``, those of a watch, or
    ``everything``. Returns how many changed."""
    a = Alert.__table__
    conds = []
    if ids is not None:
        if not ids:
            return 0
        conds.append(a.c.id.in_(list(ids)))
    if watch_id is not None:
        conds.append(a.c.watch_id == watch_id)
    if not conds and not everything:
        return 0
    conds.append(a.c.read_at.is_(None) if read else a.c.read_at.is_not(None))
    value = (now or dt.datetime.now(dt.timezone.utc)) if read else None
    with store.write_connection() as conn, conn.begin():
        return conn.execute(update(a).where(*conds).values(read_at=value)).rowcount
