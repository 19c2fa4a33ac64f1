"""The sources ``kizashi fetch`` reads, stored in the database (``fetch_sources``), their
health, and the article URLs already read (``fetched_pages``).

A source is an RSS/Atom feed, an HTML index page whose article links are followed, or one
article URL (``kind``: ``feed``, ``index``, ``article``, or ``auto``: decided from what the URL
returns). Each has a name (default: its host and path), an outlet (the ``source`` of its
documents; default: the feed's title or the page's site name), a reliability grade A-F (the
Admiralty scale's source reliability, kept for the analyst) and an interval between fetches
(at least a minute; default 30 minutes).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import delete, insert, or_, select, update

from kizashi.errors import KizashiError
from kizashi.fetch.urls import canonical_url
from kizashi.store.filters import parse_duration
from kizashi.store.models import FetchedPage, FetchSource

__all__ = ["SourceError", "KINDS", "RELIABILITY", "add_source", "list_sources", "get_source",
           "remove_source", "update_source", "due_sources", "record_health", "source_dict",
           "known_pages", "doc_of_text", "record_pages", "now_utc", "DEFAULT_INTERVAL"]

KINDS = ("auto", "feed", "index", "article")
RELIABILITY = ("A", "B", "C", "D", "E", "F")
DEFAULT_INTERVAL = "30m"
MAX_URL = 2000


class SourceError(KizashiError):
    """A source that cannot be added, found or changed (the message says which and why)."""


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(when: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands stored times back naive (they were stored in UTC)."""
    if when is not None and when.tzinfo is None:
        return when.replace(tzinfo=dt.timezone.utc)
    return when


def _iso(when: dt.datetime | None) -> str | None:
    when = _aware(when)
    return when.isoformat(timespec="seconds").replace("+00:00", "Z") if when else None


def source_dict(r) -> dict[str, Any]:
    """A ``fetch_sources`` row as the CLI and the API show it."""
    return {"id": r.id, "name": r.name, "url": r.url, "kind": r.kind, "outlet": r.outlet,
            "reliability": r.reliability, "interval_seconds": r.interval_seconds,
            "enabled": bool(r.enabled), "created_at": _iso(r.created_at),
            "next_due": _iso(r.next_due),
            "health": {"last_attempt": _iso(r.last_attempt), "last_success": _iso(r.last_success),
                       "last_error": r.last_error, "last_error_at": _iso(r.last_error_at),
                       "last_status": r.last_status, "last_items_seen": r.last_items_seen,
                       "last_items_new": r.last_items_new, "items_seen": r.items_seen,
                       "items_new": r.items_new, "fetches": r.n_fetches,
                       "not_modified": r.n_not_modified, "errors": r.n_errors}}


def _interval(value: str | int | None) -> int:
    if value is None or value == "":
        value = DEFAULT_INTERVAL
    if isinstance(value, int) and not isinstance(value, bool):
        seconds = value
    else:
        try:
            seconds = int(parse_duration(str(value)).total_seconds())
        except ValueError as exc:
            raise SourceError(f"--interval {exc}") from None
    if seconds < 60:
        raise SourceError(f"--interval {value!r}: at least one minute (1m), to be polite")
    return seconds


def _check_url(url: str) -> str:
    url = (url or "").strip()
    if not re.match(r"^https?://[^\s/?#]+", url, re.I):
        raise SourceError(f"{url[:80]!r} is not an http(s) URL")
    if len(url) > MAX_URL:
        raise SourceError(f"the URL is {len(url)} characters long, more than {MAX_URL}")
    if any(ord(c) < 32 for c in url):
        raise SourceError("the URL contains a control character")
    return url


def _default_name(url: str) -> str:
    from urllib.parse import urlsplit

    p = urlsplit(url)
    return (p.netloc + p.path).rstrip("/")[:200]


def add_source(store, url: str, *, name: str | None = None, outlet: str | None = None,
               reliability: str | None = None, interval: str | int | None = None,
               kind: str = "auto", enabled: bool = True) -> dict[str, Any]:
    """Store a new source; :class:`SourceError` for a bad value or one that is already there
    (the same URL in canonical form, or the same name)."""
    url = _check_url(url)
    name = (name or "").strip() or _default_name(url)
    if len(name) > 200 or any(ord(c) < 32 for c in name):
        raise SourceError(f"--name {name[:40]!r}: at most 200 characters, no control characters")
    if outlet is not None:
        outlet = outlet.strip() or None
        if outlet and len(outlet) > 200:
            raise SourceError("--outlet: at most 200 characters")
    if reliability is not None:
        reliability = reliability.strip().upper() or None
        if reliability and reliability not in RELIABILITY:
            raise SourceError(f"--reliability {reliability!r}: one of A-F (A: completely "
                              "reliable ... E: unreliable, F: cannot be judged)")
    if kind not in KINDS:
        raise SourceError(f"--kind {kind!r}: one of {', '.join(KINDS)}")
    seconds = _interval(interval)
    canon = canonical_url(url)
    for other in list_sources(store):
        if canonical_url(other["url"]) == canon:
            raise SourceError(f"{url}: already a source ({other['name']!r}, id {other['id']})")
        if other["name"] == name:
            raise SourceError(f"--name {name!r}: already the name of source {other['id']} "
                              f"({other['url']})")
    t = FetchSource.__table__
    with store.write_connection() as conn, conn.begin():
        sid = conn.execute(insert(t).values(
            url=url, name=name, outlet=outlet, reliability=reliability, kind=kind,
            interval_seconds=seconds, enabled=enabled, created_at=now_utc(),
            last_items_seen=0, last_items_new=0, items_seen=0, items_new=0, n_fetches=0,
            n_not_modified=0, n_errors=0).returning(t.c.id)).scalar_one()
    return get_source(store, sid)


def list_sources(store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(FetchSource.__table__).order_by(FetchSource.id)).all()
    return [source_dict(r) for r in rows]


def get_source(store, ref: int | str) -> dict[str, Any] | None:
    """The source with id, name or URL ``ref``; None when none has it."""
    t = FetchSource.__table__
    conds = [t.c.name == str(ref), t.c.url == str(ref)]
    if isinstance(ref, int) or str(ref).isdigit():
        conds.append(t.c.id == int(ref))
    with store.engine.connect() as conn:
        r = conn.execute(select(t).where(or_(*conds)).order_by(t.c.id).limit(1)).first()
    return source_dict(r) if r is not None else None


def remove_source(store, ref: int | str) -> dict[str, Any]:
    """Delete a source (its documents stay); :class:`SourceError` when there is none."""
    s = get_source(store, ref)
    if s is None:
        raise SourceError(f"no source {str(ref)[:80]!r} (see kizashi sources list)")
    with store.write_connection() as conn, conn.begin():
        conn.execute(update(FetchedPage.__table__).where(FetchedPage.source_id == s["id"])
                     .values(source_id=None))
        conn.execute(delete(FetchSource.__table__).where(FetchSource.id == s["id"]))
    return s


def update_source(store, ref: int | str, **changes) -> dict[str, Any]:
    """Change name, outlet, reliability, interval, kind or enabled of a source."""
    s = get_source(store, ref)
    if s is None:
        raise SourceError(f"no source {str(ref)[:80]!r} (see kizashi sources list)")
    values: dict[str, Any] = {}
    if changes.get("interval") is not None:
        values["interval_seconds"] = _interval(changes["interval"])
    if changes.get("reliability") is not None:
        r = changes["reliability"].strip().upper() or None
        if r and r not in RELIABILITY:
            raise SourceError(f"reliability {r!r}: one of A-F")
        values["reliability"] = r
    if changes.get("kind") is not None:
        if changes["kind"] not in KINDS:
            raise SourceError(f"kind {changes['kind']!r}: one of {', '.join(KINDS)}")
        values["kind"] = changes["kind"]
    for k in ("name", "outlet", "enabled"):
        if changes.get(k) is not None:
            values[k] = changes[k]
    if values:
        with store.write_connection() as conn, conn.begin():
            conn.execute(update(FetchSource.__table__).where(FetchSource.id == s["id"])
                         .values(**values))
    return get_source(store, s["id"])


def due_sources(store, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Enabled sources never fetched or whose next fetch is due at ``now``."""
    now = now or now_utc()
    t = FetchSource.__table__
    with store.engine.connect() as conn:
        rows = conn.execute(select(t).where(t.c.enabled.is_(True),
                                            or_(t.c.next_due.is_(None), t.c.next_due <= now))
                            .order_by(t.c.id)).all()
    return [source_dict(r) for r in rows]


def record_health(store, source_id: int, *, now: dt.datetime, ok: bool, status: int | None,
                  not_modified: bool = False, error: str | None = None,
                  items_seen: int = 0, items_new: int = 0, etag: str | None = None,
                  last_modified: str | None = None, interval: int | None = None) -> None:
    """The outcome of one fetch of a source: its health, counters, validators, next due time."""
    t = FetchSource.__table__
    values: dict[str, Any] = {
        "last_attempt": now, "last_status": status, "last_items_seen": items_seen,
        "last_items_new": items_new, "items_seen": t.c.items_seen + items_seen,
        "items_new": t.c.items_new + items_new, "n_fetches": t.c.n_fetches + 1}
    if interval:
        values["next_due"] = now + dt.timedelta(seconds=interval)
    if ok:
        values["last_success"] = now
        if not_modified:
            values["n_not_modified"] = t.c.n_not_modified + 1
        else:
            values["etag"] = etag
            values["last_modified"] = last_modified
    else:
        values["last_error"] = (error or "error")[:2000]
        values["last_error_at"] = now
        values["n_errors"] = t.c.n_errors + 1
    with store.write_connection() as conn, conn.begin():
        conn.execute(update(t).where(t.c.id == source_id).values(**values))


# --- article URLs already read --------------------------------------------------------------------

def known_pages(store, keys: list[str]) -> dict[str, Any]:
    """``{key: fetched_pages row}`` of the keys that have been read before."""
    out: dict[str, Any] = {}
    t = FetchedPage.__table__
    keys = list(dict.fromkeys(keys))
    with store.engine.connect() as conn:
        for i in range(0, len(keys), 500):
            for r in conn.execute(select(t).where(t.c.key.in_(keys[i:i + 500]))):
                out[r.key] = r
    return out


def doc_of_text(store, text_key: str) -> tuple[str, str] | None:
    """``(page key, doc id)`` of a page already read whose text has the key ``text_key``."""
    t = FetchedPage.__table__
    with store.engine.connect() as conn:
        r = conn.execute(select(t.c.key, t.c.doc_id).where(t.c.text_key == text_key,
                                                           t.c.doc_id.is_not(None))
                         .limit(1)).first()
    return (r.key, r.doc_id) if r is not None else None


def record_pages(store, pages: list[dict[str, Any]], now: dt.datetime) -> None:
    """Insert or update ``fetched_pages`` rows (``key``, ``url``, ``source_id``, ``doc_id``,
    ``text_key``, ``entry_fingerprint``, ``etag``, ``last_modified``, ``status``)."""
    if not pages:
        return
    t = FetchedPage.__table__
    with store.write_connection() as conn, conn.begin():
        have = set()
        keys = [p["key"] for p in pages]
        for i in range(0, len(keys), 500):
            have.update(conn.scalars(select(t.c.key).where(t.c.key.in_(keys[i:i + 500]))))
        for p in pages:
            values = {k: v for k, v in p.items() if k != "key"}
            values["last_fetched"] = now
            if p["key"] in have:
                values = {k: v for k, v in values.items() if v is not None or k == "status"}
                conn.execute(update(t).where(t.c.key == p["key"]).values(**values))
            else:
                conn.execute(insert(t).values(key=p["key"], first_seen=now, **values))
                have.add(p["key"])
