"""Atom feeds (RFC 4287) of alerts: one per watch and one for all, so that any feed reader can
subscribe (``/api/v1/watches/{id}/alerts.atom``, ``/api/v1/alerts.atom``).

Each alert is one entry whose ``id`` never changes (``tag:kizashi,2026:alert/<id>``) and whose
``updated`` is the alert's: an alert updated because its event gained sources or changed its
estimate is the same entry updated, which feed readers show once.
"""
from __future__ import annotations

import datetime as dt
from typing import Any
from xml.etree import ElementTree as ET

__all__ = ["atom_feed", "ATOM_NS", "MEDIA_TYPE"]

ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
TAG = "tag:kizashi,2026:"


def _rfc3339(value: str | dt.datetime | None) -> str:
    if value is None:
        value = dt.datetime.now(dt.timezone.utc)
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _sub(parent, name: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM_NS}}}{name}", {k: v for k, v in attrs.items() if v})
    if text is not None:
        el.text = text
    return el


def _summary(alert: dict[str, Any]) -> str:
    s = alert.get("summary") or {}
    parts = []
    if s.get("sentence"):
        parts.append(s["sentence"])
    doc = s.get("document") or {}
    if doc.get("title") or doc.get("source"):
        parts.append(" — ".join(x for x in (doc.get("source"), doc.get("title")) if x))
    if alert.get("version", 1) > 1:
        parts.append(f"(updated: version {alert['version']})")
    return "\n".join(parts) or alert["title"]


def atom_feed(alerts: list[dict[str, Any]], *, base_url: str, self_path: str,
              watch: dict[str, Any] | None = None, html_path: str = "/alerts") -> bytes:
    """The Atom document of ``alerts`` (:func:`kizashi.watch.alerts.list_alerts` dicts);
    ``base_url`` (``http://127.0.0.1:8000``) makes the links absolute."""
    ET.register_namespace("", ATOM_NS)
    base = base_url.rstrip("/")
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    if watch is not None:
        _sub(feed, "id", f"{TAG}watch/{watch['id']}")
        _sub(feed, "title", f"kizashi: {watch.get('title') or watch['name']}")
        if watch.get("description"):
            _sub(feed, "subtitle", watch["description"])
    else:
        _sub(feed, "id", f"{TAG}alerts")
        _sub(feed, "title", "kizashi: alerts of every watch")
    updated = max((a["updated_at"] for a in alerts if a.get("updated_at")), default=None)
    _sub(feed, "updated", _rfc3339(updated or (watch or {}).get("created_at")))
    author = _sub(feed, "author")
    _sub(author, "name", "kizashi")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=base + self_path)
    _sub(feed, "link", rel="alternate", type="text/html", href=base + html_path)
    from kizashi import __version__

    _sub(feed, "generator", "kizashi", version=__version__)
    for a in alerts:
        e = _sub(feed, "entry")
        _sub(e, "id", f"{TAG}alert/{a['id']}")
        _sub(e, "title", a["title"])
        _sub(e, "updated", _rfc3339(a["updated_at"]))
        _sub(e, "published", _rfc3339(a["created_at"]))
        from urllib.parse import quote

        _sub(e, "link", rel="alternate", type="text/html",
             href=f"{base}/events/{quote(a['event_id'], safe='')}")
        doc = (a.get("summary") or {}).get("document") or {}
        if doc.get("url") and str(doc["url"]).startswith(("http://", "https://")):
            _sub(e, "link", rel="related", type="text/html", href=doc["url"])
        if a.get("watch"):
            _sub(e, "category", term=a["watch"])
        _sub(e, "summary", _summary(a), type="text")
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            + ET.tostring(feed, encoding="unicode")).encode("utf-8")
