"""Watches in the database (``watches``): add, list, show, change, remove; and the starter set
(``kizashi/data/watches.json``)."""
from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, or_, select, update

from kizashi.errors import KizashiError
from kizashi.store.models import Alert, Watch
from kizashi.watch.spec import SpecError, parse_spec

__all__ = ["WatchError", "alert_dict", "add_watch", "list_watches", "get_watch", "update_watch",
           "remove_watch", "watch_dict", "starter_watches", "add_starter", "NAME_PATTERN",
           "check_webhook_url"]

NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,99}$"
STARTER = Path(__file__).resolve().parent.parent / "data" / "watches.json"


class WatchError(KizashiError):
    """A watch that cannot be added, found or changed (message says which and why)."""


def _iso(when: dt.datetime | None, spec: str = "seconds") -> str | None:
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(dt.timezone.utc).isoformat(timespec=spec).replace("+00:00", "Z")


def watch_dict(r, *, secret: bool = False) -> dict[str, Any]:
    d = {"id": r.id, "name": r.name, "title": r.title, "description": r.description,
         "spec": r.spec, "webhook_url": r.webhook_url, "has_webhook_secret": bool(r.webhook_secret),
         # to the microsecond: they bound which events are new to the watch
         "alerts_since": _iso(r.alerts_since, "microseconds"), "created_at": _iso(r.created_at),
         "updated_at": _iso(r.updated_at), "state": r.state, "state_since": _iso(r.state_since),
         "evaluated_at": _iso(r.evaluated_at, "microseconds"), "evaluation": r.evaluation}
    if secret:
        d["webhook_secret"] = r.webhook_secret
    return d


def alert_dict(r, watch_name: str | None = None) -> dict[str, Any]:
    return {"id": r.id, "watch_id": r.watch_id, "watch": watch_name, "event_id": r.event_id,
            "title": r.title, "summary": r.summary, "version": r.version,
            "created_at": _iso(r.created_at), "updated_at": _iso(r.updated_at),
            "read": r.read_at is not None, "read_at": _iso(r.read_at),
            "delivered_version": r.delivered_version, "delivery_error": r.delivery_error}


def check_webhook_url(url: str | None) -> str | None:
    if url is None or not str(url).strip():
        return None
    url = str(url).strip()
    if not re.match(r"^https?://[^\s/?#]+", url, re.I) or len(url) > 2000 \
            or any(ord(c) < 32 for c in url):
        raise WatchError(f"webhook {url[:80]!r}: an http(s) URL of at most 2000 characters")
    return url


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not re.match(NAME_PATTERN, name):
        raise WatchError(f"watch name {name[:40]!r}: lower-case letters, digits, - and _, at "
                         "most 100, starting with a letter or digit (e.g. troops-to-russia)")
    return name


def add_watch(store, name: str, spec: dict[str, Any], *, title: str | None = None,
              description: str | None = None, webhook_url: str | None = None,
              webhook_secret: str | None = None, backfill: bool = False,
              now: dt.datetime | None = None) -> dict[str, Any]:
    """Store a new watch. Its alerts start with the events first seen from now on (``backfill``:
    every matching event already stored becomes an alert too). A webhook without a secret gets
    one made (returned once, in ``webhook_secret``)."""
    name = _check_name(name)
    try:
        spec_obj = parse_spec(spec)
    except SpecError as exc:
        raise WatchError(f"watch {name}: {exc}") from None
    webhook_url = check_webhook_url(webhook_url)
    if webhook_url and not webhook_secret:
        webhook_secret = secrets.token_hex(32)
    if get_watch(store, name) is not None:
        raise WatchError(f"there is already a watch named {name!r}")
    now = now or dt.datetime.now(dt.timezone.utc)
    t = Watch.__table__
    with store.write_connection() as conn, conn.begin():
        wid = conn.execute(insert(t).values(
            name=name, title=title, description=description,
            spec=spec_obj.model_dump(exclude_none=True), webhook_url=webhook_url,
            webhook_secret=webhook_secret, alerts_since=None if backfill else now,
            created_at=now, updated_at=now, state="quiet").returning(t.c.id)).scalar_one()
    return get_watch(store, wid, secret=True)


def list_watches(store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(Watch.__table__).order_by(Watch.id)).all()
    return [watch_dict(r) for r in rows]


def get_watch(store, ref: int | str, *, secret: bool = False) -> dict[str, Any] | None:
    t = Watch.__table__
    conds = [t.c.name == str(ref)]
    if isinstance(ref, int) or str(ref).isdigit():
        conds.append(t.c.id == int(ref))
    with store.engine.connect() as conn:
        r = conn.execute(select(t).where(or_(*conds)).order_by(t.c.id).limit(1)).first()
    return watch_dict(r, secret=secret) if r is not None else None


def _must(store, ref) -> dict[str, Any]:
    w = get_watch(store, ref)
    if w is None:
        raise WatchError(f"no watch {str(ref)[:80]!r} (see kizashi watch list)")
    return w


def update_watch(store, ref: int | str, *, now: dt.datetime | None = None,
                 **changes) -> dict[str, Any]:
    """Change a watch's ``spec``, ``title``, ``description``, ``webhook_url``,
    ``webhook_secret``; a changed spec is evaluated afresh (state and evidence reset)."""
    w = _must(store, ref)
    values: dict[str, Any] = {}
    if changes.get("spec") is not None:
        try:
            values["spec"] = parse_spec(changes["spec"]).model_dump(exclude_none=True)
        except SpecError as exc:
            raise WatchError(f"watch {w['name']}: {exc}") from None
        values.update(state="quiet", state_since=None, evaluated_at=None, evaluation=None)
    for k in ("title", "description"):
        if k in changes and changes[k] is not None:
            values[k] = changes[k]
    if "webhook_url" in changes and changes["webhook_url"] is not None:
        values["webhook_url"] = check_webhook_url(changes["webhook_url"])
        if values["webhook_url"] and not w["has_webhook_secret"] \
                and not changes.get("webhook_secret"):
            values["webhook_secret"] = secrets.token_hex(32)
    if changes.get("webhook_secret"):
        values["webhook_secret"] = changes["webhook_secret"]
    if values:
        values["updated_at"] = now or dt.datetime.now(dt.timezone.utc)
        with store.write_connection() as conn, conn.begin():
            conn.execute(update(Watch.__table__).where(Watch.id == w["id"]).values(**values))
    return get_watch(store, w["id"], secret="webhook_secret" in values)


def remove_watch(store, ref: int | str) -> dict[str, Any]:
    w = _must(store, ref)
    with store.write_connection() as conn, conn.begin():
        conn.execute(delete(Alert.__table__).where(Alert.watch_id == w["id"]))
        conn.execute(delete(Watch.__table__).where(Watch.id == w["id"]))
    return w


@lru_cache(maxsize=1)
def starter_watches() -> tuple[dict[str, Any], ...]:
    """The starter set of ``kizashi/data/watches.json``: ``name``, ``title`` (ja, en),
    ``description``, ``spec``, and the ``example`` and ``counter`` events its test stores."""
    entries = json.loads(STARTER.read_text(encoding="utf-8"))["watches"]
    for e in entries:
        try:
            parse_spec(e["spec"])
        except SpecError as exc:
            raise WatchError(f"{STARTER}: watch {e.get('name')!r}: {exc}") from None
    return tuple(entries)


def add_starter(store, names: list[str] | None = None, *, lang: str = "ja",
                backfill: bool = False, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Add the starter watches (or those named) that the store does not have yet."""
    out = []
    known = {e["name"]: e for e in starter_watches()}
    for n in names or list(known):
        if n not in known:
            raise WatchError(f"no starter watch {n!r}: use one of {', '.join(known)}")
        if get_watch(store, n) is not None:
            continue
        e = known[n]
        out.append(add_watch(store, n, e["spec"], title=e["title"].get(lang) or e["title"]["en"],
                             description=e.get("description"), backfill=backfill, now=now))
    return out
