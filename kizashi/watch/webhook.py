"""Webhooks: each new or updated alert of a watch with a ``webhook_url`` is POSTed there as
JSON, signed with the watch's shared secret, retried.

The request::

    POST <webhook_url>
    Content-Type: application/json
    User-Agent: kizashi/<version>
    X-Kizashi-Event: alert.new | alert.updated
    X-Kizashi-Delivery: <alert id>.<version>          (the same for every retry: deduplicate)
    X-Kizashi-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>

    {"event": "alert.new", "watch": {...}, "alert": {...}, "sent_at": "..."}

A receiver recomputes the HMAC over the timestamp, a full stop and the raw body, compares it in
constant time and refuses old timestamps (:func:`verify_signature` does all three). A delivery
that fails (no answer, or a status other than 2xx) is retried with backoff up to
:data:`ATTEMPTS` times in the run, and again at the next run (``delivery_attempts`` and
``delivery_error`` on the alert say how it went); one delivery is made per alert version.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import time
from typing import Any, Callable

from sqlalchemy import select, update

from kizashi import __version__
from kizashi.store.models import Alert, Watch

__all__ = ["sign", "verify_signature", "deliver_pending", "payload", "ATTEMPTS",
           "SIGNATURE_HEADER"]

ATTEMPTS = 3
BACKOFF = 0.5                  # seconds before the first retry, doubled each time
TIMEOUT = 10.0
SIGNATURE_HEADER = "X-Kizashi-Signature"
MAX_RUN_ATTEMPTS = 20          # after this many failed attempts in all, an alert is given up


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The value of the signature header for ``body``."""
    t = int(time.time()) if timestamp is None else int(timestamp)
    mac = hmac.new(secret.encode("utf-8"), f"{t}.".encode("ascii") + body, hashlib.sha256)
    return f"t={t},v1={mac.hexdigest()}"


def verify_signature(secret: str, header: str | None, body: bytes, *, tolerance: int = 300,
                     now: float | None = None) -> bool:
    """Whether ``header`` is a valid signature of ``body`` with ``secret``, made within
    ``tolerance`` seconds of ``now``."""
    if not header:
        return False
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    t, v1 = parts.get("t", ""), parts.get("v1", "")
    if not t.isdigit() or not v1:
        return False
    if abs((time.time() if now is None else now) - int(t)) > tolerance:
        return False
    expected = sign(secret, body, int(t)).split("v1=", 1)[1]
    return hmac.compare_digest(expected, v1)


def payload(watch: dict[str, Any], alert: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    kind = "alert.new" if alert["version"] == 1 else "alert.updated"
    return {"event": kind, "sent_at": now.astimezone(dt.timezone.utc)
            .isoformat(timespec="seconds").replace("+00:00", "Z"),
            "watch": {"id": watch["id"], "name": watch["name"], "title": watch["title"],
                      "state": watch["state"]},
            "alert": {k: alert[k] for k in ("id", "event_id", "title", "summary", "version",
                                            "created_at", "updated_at")}}


def _default_post(url: str, body: bytes, headers: dict[str, str]) -> int:
    import httpx

    r = httpx.post(url, content=body, headers=headers, timeout=TIMEOUT, follow_redirects=False)
    return r.status_code


def deliver_pending(store, *, now: dt.datetime | None = None,
                    post: Callable[[str, bytes, dict[str, str]], int] | None = None,
                    sleep=time.sleep) -> dict[str, int]:
    """POST every alert whose current version was not delivered to its watch's webhook.
    ``post(url, body, headers) -> status`` (default: httpx). ``{"delivered", "failed"}``."""
    from kizashi.watch.store import alert_dict, watch_dict

    now = now or dt.datetime.now(dt.timezone.utc)
    post = post or _default_post
    a, w = Alert.__table__, Watch.__table__
    with store.engine.connect() as conn:
        watches = {r.id: r for r in conn.execute(select(w).where(w.c.webhook_url.is_not(None)))}
        rows = conn.execute(select(a).where(a.c.watch_id.in_(list(watches) or [-1]),
                                            a.c.delivered_version < a.c.version,
                                            a.c.delivery_attempts < MAX_RUN_ATTEMPTS)
                            .order_by(a.c.id)).all() if watches else []
    done = failed = 0
    for r in rows:
        wr = watches[r.watch_id]
        alert = alert_dict(r, wr.name)
        body = json.dumps(payload(watch_dict(wr), alert, now), ensure_ascii=False,
                          sort_keys=True).encode("utf-8")
        headers = {"Content-Type": "application/json", "User-Agent": f"kizashi/{__version__}",
                   "X-Kizashi-Event": "alert.new" if r.version == 1 else "alert.updated",
                   "X-Kizashi-Delivery": f"{r.id}.{r.version}"}
        error = None
        attempts = 0
        for attempt in range(ATTEMPTS):
            attempts += 1
            headers[SIGNATURE_HEADER] = sign(wr.webhook_secret or "", body)
            try:
                status = post(wr.webhook_url, body, headers)
            except Exception as exc:  # noqa: BLE001 - any failure is retried, then recorded
                error = f"{type(exc).__name__}: {exc}"
            else:
                if 200 <= status < 300:
                    error = None
                    break
                error = f"the receiver answered {status}"
            if attempt + 1 < ATTEMPTS:
                sleep(BACKOFF * 2 ** attempt)
        values: dict[str, Any] = {"delivery_attempts": r.delivery_attempts + attempts,
                                  "delivery_error": error}
        if error is None:
            values["delivered_version"] = r.version
            values["delivery_attempts"] = 0
            done += 1
        else:
            failed += 1
        with store.write_connection() as conn, conn.begin():
            conn.execute(update(a).where(a.c.id == r.id).values(**values))
    return {"delivered": done, "failed": failed}
