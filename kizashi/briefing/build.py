"""The briefing of a period, as data: :func:`build` computes it once; Markdown, HTML, PDF
(:mod:`kizashi.briefing.render`), the workbench page and the API are renderings of it.

What it holds, in the order a reader needs it:

1. **key developments** — events reported during the period (new, or with new reports), told
   in sentences of fact or attribution: each a one-line summary with its grade
   (:mod:`kizashi.fusion.grade`), the evidence sentence of its best mention, and numbered
   citations to the outlets and URLs of the period's reports; contested events say so;
2. **contested claims** — what is asserted and what is denied, side by side;
3. **estimates** — conflicting estimates (same thing, same time, different claimants) side by
   side, and the series of numbers that grew;
4. **cooperation–conflict index** of the main dyads over the twelve months to the period's end
   (charts drawn on the server: the file stands alone);
5. **analysis and forecasts found in the sources** — sentences the role layer labels analysis or
   forecast, each cited, in a section of their own, labelled as such;
6. **references** — every cited document with its outlet's reliability.

Events told only in forecasts or background are not developments (they are in section 5 as
sentences). A briefing of a **watch** (``watch``: its name or id, :mod:`kizashi.watch`) keeps
the events that match the watch (its filter, modes, factuality and quantity condition) and the
analysis and forecasts of the articles that report them.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select

from kizashi.errors import KizashiError
from kizashi.model import months_back, read_tsv

PERIOD = re.compile(r"^\s*(\d{1,4})\s*([dwm])\s*$")
UNITS = {"d": 1, "w": 7, "m": 30}
MAX_DEVELOPMENTS = 20
MAX_SENTENCES = 12
N_DYADS = 3
MONTHS = 12
#: factuality values of mentions that attest an event, and of those that deny it
ATTEST = ("asserted", "reported")
DENY = ("denied", "negated")


class BriefingError(KizashiError):
    """A briefing that cannot be made (the message names the parameter and the problem)."""


@lru_cache(maxsize=1)
def english_names() -> dict[str, str]:
    return {r["code"]: r["name"] for r in read_tsv("names_en.tsv")}


@lru_cache(maxsize=1)
def japanese_names() -> dict[str, str]:
    from kizashi.store.store import gazetteer_entities

    return {c: n for c, (n, _k) in gazetteer_entities()[0].items()}


def name_of(code: str | None, lang: str) -> str:
    if not code:
        return ""
    table = english_names() if lang == "en" else japanese_names()
    return table.get(code, code)


def parse_period(period: str | None) -> int:
    """Days of a period written ``7d``, ``2w`` or ``3m`` (a month is 30 days)."""
    m = PERIOD.match(period or "")
    if not m:
        raise BriefingError(f"period {str(period)[:20]!r}: write a number of days, weeks or "
                            "months, e.g. 7d, 2w or 3m")
    days = int(m.group(1)) * UNITS[m.group(2)]
    if not 1 <= days <= 3660:
        raise BriefingError(f"period {period!r}: between 1 day and 10 years")
    return days


def latest_published(store) -> dt.date | None:
    from kizashi.model import last_day
    from kizashi.store.models import Document

    with store.engine.connect() as conn:
        v = conn.execute(select(func.max(Document.published))).scalar()
    return last_day(v)


def _end_date(store, end: str | None) -> dt.date:
    if end:
        try:
            return dt.date.fromisoformat(end.strip())
        except ValueError:
            raise BriefingError(f"end {end[:20]!r} is not a day (YYYY-MM-DD)") from None
    return latest_published(store) or dt.date.today()


class Citations:
    """Numbered references: one number per document, in order of first citation."""

    def __init__(self, lang: str):
        self.lang = lang
        self.items: list[dict[str, Any]] = []
        self.by_doc: dict[str, int] = {}

    def cite(self, doc: dict[str, Any], parties=()) -> int:
        from kizashi.fusion.grade import default_table

        doc_id = doc.get("id") or doc.get("doc_id")
        if doc_id in self.by_doc:
            return self.by_doc[doc_id]
        n = len(self.items) + 1
        self.by_doc[doc_id] = n
        url = doc.get("url")
        self.items.append({"n": n, "doc_id": doc_id, "title": doc.get("title"),
                           "source": doc.get("source"), "published": doc.get("published"),
                           "url": url if url and re.match(r"^https?://\S+$", url) else None,
                           "reliability": default_table().grade_of(doc.get("source"))})
        return n


def _in_period(published: str | None, start: str, end: str) -> bool:
    p = (published or "")[:10]
    return bool(p) and start[:len(p)] <= p <= end


def _mention_line(m: dict[str, Any], cites: Citations, parties) -> dict[str, Any]:
    doc = m.get("document") or {}
    claimant = next((s.get("text") for s in m.get("source_of_claim") or [] if s.get("text")),
                    None)
    return {"text": (m.get("evidence") or {}).get("text"), "factuality": m.get("factuality"),
            "role": m.get("sentence_role"), "outlet": doc.get("source"),
            "published": doc.get("published"), "claimant": claimant,
            "ref": cites.cite(doc, parties), "mention_id": m.get("id"), "doc_id": m.get("doc_id")}


def _summary(e: dict[str, Any], lang: str) -> str:
    from kizashi.briefing.summary import summarise

    return summarise(e["event_type"], e.get("mode"), e.get("actors") or [],
                     e.get("recipients") or [], lang, lambda c: name_of(c, lang))


def _developments(events, details, cites, start, end, lang) -> list[dict[str, Any]]:
    from kizashi.store.queries import best_mention

    out = []
    for e in events:
        d = details.get(e["id"])
        if d is None or e.get("discourse") not in (None, "report"):
            continue
        ms = d.get("mentions") or []
        attest = [m for m in ms if m.get("factuality") in ATTEST + ("uncertain",)]
        if not attest and not e.get("contested"):
            continue                       # only denied, future or hypothetical: not a development
        parties = set(e.get("actors") or []) | set(e.get("recipients") or [])
        best = best_mention(d)
        recent = [m for m in ms if _in_period((m.get("document") or {}).get("published"),
                                              start, end)] or ms
        refs = []
        for m in [best] + recent:
            n = cites.cite(m.get("document") or {}, parties)
            if n not in refs:
                refs.append(n)
        outlets = list(dict.fromkeys((m.get("document") or {}).get("source") or "?"
                                     for m in ms))
        out.append({"id": e["id"], "summary": _summary(e, lang), "event_type": e["event_type"],
                    "date": e.get("date"), "grade": e.get("grade"),
                    "reliability": e.get("reliability"), "credibility": e.get("credibility"),
                    "contested": bool(e.get("contested")), "new": bool(e.get("new")),
                    "factuality": e.get("factuality"), "n_sources": e.get("n_sources"),
                    "quad_class": e.get("quad_class"), "corrected": bool(e.get("corrected")),
                    "evidence": _mention_line(best, cites, parties) if best else None,
                    "refs": refs, "outlets": outlets})
    out.sort(key=lambda x: (not x["new"], -(x["n_sources"] or 0), x["credibility"] or 9,
                            x["date"] or "", x["id"]))
    return out[:MAX_DEVELOPMENTS]


def _contested(events, details, cites, lang) -> list[dict[str, Any]]:
    out = []
    for e in events:
        if not e.get("contested"):
            continue
        d = details.get(e["id"]) or {}
        parties = set(e.get("actors") or []) | set(e.get("recipients") or [])
        claims = [_mention_line(m, cites, parties) for m in d.get("mentions") or []
                  if m.get("factuality") in ATTEST + ("uncertain",)]
        denials = [_mention_line(m, cites, parties) for m in d.get("mentions") or []
                   if m.get("factuality") in DENY]
        basis = d.get("grade_basis") or {}
        out.append({"id": e["id"], "summary": _summary(e, lang), "grade": e.get("grade"),
                    "date": e.get("date"), "claims": claims[:4], "denials": denials[:4],
                    "denied_by": [name_of(c, lang) if c != "?" else "?"
                                  for c in basis.get("denied_by") or []]})
    return out


def _estimates(events, details, cites, lang) -> tuple[list, list]:
    conflicts, series = [], []
    for e in events:
        d = details.get(e["id"]) or {}
        qs = d.get("quantities") or []
        if not qs:
            continue
        by_mention = {m["id"]: m for m in d.get("mentions") or []}
        parties = set(e.get("actors") or []) | set(e.get("recipients") or [])

        def est(q):
            m = by_mention.get(q.get("mention_id")) or {}
            doc = m.get("document") or {"id": q.get("doc"), "source": q.get("source"),
                                        "published": q.get("published")}
            return {"text": q.get("text"), "claimant": q.get("claimant") or q.get("source"),
                    "outlet": q.get("source"), "as_of": q.get("as_of"),
                    "factuality": q.get("factuality"), "ref": cites.cite(doc, parties)}

        for i, j in d.get("quantity_conflicts") or []:
            conflicts.append({"id": e["id"], "summary": _summary(e, lang),
                              "unit": qs[i].get("unit"), "object": qs[i].get("object"),
                              "a": est(qs[i]), "b": est(qs[j])})
        for g in d.get("quantity_series") or []:
            if len(g["items"]) >= 2:
                series.append({"id": e["id"], "summary": _summary(e, lang),
                               "unit": g.get("unit"), "object": g.get("object"),
                               "trend": g.get("trend"), "items": [est(qs[i]) for i in g["items"]]})
    return conflicts, series


def _dyads(store, events, end: dt.date, dyad, lang) -> list[dict[str, Any]]:
    from kizashi.store import queries

    if dyad:
        pairs = [tuple(dyad)]
    else:
        count: Counter = Counter()
        for e in events:
            actors, recips = e.get("actors") or [], e.get("recipients") or []
            ps = {tuple(sorted((a, r))) for a in actors for r in recips if a != r} if recips \
                else {tuple(sorted((a, b))) for a in actors for b in actors if a < b}
            for p in ps:
                count[p] += 1
        pairs = [p for p, _ in sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))][:N_DYADS]
    months = months_back(end, MONTHS)
    out = []
    for a, b in pairs:
        s = queries.dyad_series(store, a, b, freq="month", start=months[0], end=end.isoformat())
        by = {r["period"]: r for r in s["rows"]}
        out.append({"a": a, "b": b, "label": f"{name_of(a, lang)}–{name_of(b, lang)}",
                    "months": months,
                    "values": [round(by[m]["index"], 2) if m in by else 0.0 for m in months],
                    "counts": [by[m]["count"] if m in by else 0 for m in months]})
    return out


def _documents(store, start: str, end: str):
    from kizashi.store import queries
    from kizashi.store.models import Document

    with store.engine.connect() as conn:
        return conn.execute(select(Document.id, Document.title, Document.text, Document.source,
                                   Document.published, Document.url)
                            .where(*queries.date_conditions(start, end, Document.published))
                            .order_by(Document.published, Document.id)).all()


def _watch(store, ref: str) -> tuple[dict[str, Any], set[str]]:
    """The watch named ``ref`` and the ids of the events that match it."""
    from kizashi.watch.evaluate import matching_events
    from kizashi.watch.spec import SpecError, parse_spec
    from kizashi.watch.store import get_watch

    w = get_watch(store, ref)
    if w is None:
        raise BriefingError(f"--watch: no watch {str(ref)[:80]!r} (see kizashi watch list)")
    try:
        spec = parse_spec(w["spec"])
    except SpecError as exc:
        raise BriefingError(f"--watch {w['name']}: {exc}") from None
    return w, {e["id"] for e in matching_events(store, spec)}


def _interpretation(docs, cites, dyad, lang) -> tuple[list, list]:
    from kizashi.actors.gazetteer import Gazetteer
    from kizashi.discourse.reader import sentence_roles

    gz = Gazetteer.default() if dyad else None
    analysis, forecasts = [], []
    for d in docs:
        for r in sentence_roles(d.text, d.published):
            if r.role not in ("analysis", "forecast"):
                continue
            if gz is not None:
                codes = {c for a in gz.find(r.text) for c in a.codes if c}
                if not codes & set(dyad):
                    continue
            item = {"text": r.text.strip(), "outlet": d.source, "published": d.published,
                    "ref": None, "doc": {"id": d.id, "title": d.title, "source": d.source,
                                         "published": d.published, "url": d.url}}
            (analysis if r.role == "analysis" else forecasts).append(item)
    for group in (analysis, forecasts):
        del group[MAX_SENTENCES:]
        for item in group:
            item["ref"] = cites.cite(item.pop("doc"))
    return analysis, forecasts


def build(store, period: str = "7d", end: str | None = None, dyad=None,
          watch: str | None = None, lang: str = "ja") -> dict[str, Any]:
    """The briefing of the ``period`` (``7d``, ``2w``, ``3m``) that ends on ``end`` (a day;
    default: the latest publication date in the store), optionally of one ``dyad`` (two codes
    or names), in ``lang`` (``ja`` or ``en``). :class:`BriefingError` names a bad parameter."""
    from kizashi.store import queries
    from kizashi.store.filters import FilterError

    if lang not in ("ja", "en"):
        raise BriefingError(f"lang {str(lang)[:10]!r}: use ja or en")
    days = parse_period(period)
    end_d = _end_date(store, end)
    start_d = end_d - dt.timedelta(days=days - 1)
    start, end_s = start_d.isoformat(), end_d.isoformat()
    filt: dict[str, Any] = {}
    if dyad:
        try:
            filt = queries.event_filter(store, dyad=tuple(dyad)).active()
        except FilterError as exc:
            msg = str(exc)
            raise BriefingError(msg if msg.startswith("dyad") else f"dyad: {msg}") from None
        dyad = tuple(filt["dyad"])
    events = queries.events_reported(store, start, end_s, **filt)
    w = None
    if watch:
        w, matching = _watch(store, watch)
        events = [e for e in events if e["id"] in matching]
    details = queries.event_details(store, [e["id"] for e in events])
    cites = Citations(lang)
    developments = _developments(events, details, cites, start, end_s, lang)
    contested = _contested(events, details, cites, lang)
    conflicts, series = _estimates(events, details, cites, lang)
    docs = _documents(store, start, end_s)
    if w is not None:           # the articles that report the watch's events
        reporting = {m["doc_id"] for d in details.values() for m in d.get("mentions") or []}
        docs = [d for d in docs if d.id in reporting]
    analysis, forecasts = _interpretation(docs, cites, dyad, lang)
    dyads = _dyads(store, events, end_d, dyad, lang)
    outlets = sorted({d.source for d in docs if d.source})
    return {
        "lang": lang,
        "period": {"start": start, "end": end_s, "days": days, "label": period},
        "dyad": list(dyad) if dyad else None,
        "dyad_label": f"{name_of(dyad[0], lang)}–{name_of(dyad[1], lang)}" if dyad else None,
        "watch": {"name": w["name"], "title": w.get("title"), "state": w.get("state")}
        if w else None,
        "generated": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "stats": {"documents": len(docs), "outlets": len(outlets), "events": len(events),
                  "new": sum(1 for e in events if e.get("new")),
                  "developments": len(developments), "contested": len(contested),
                  "conflicts": len(conflicts)},
        "developments": developments, "contested": contested, "conflicts": conflicts,
        "series": series, "dyads": dyads, "analysis": analysis, "forecasts": forecasts,
        "references": cites.items,
    }


__all__ = ["BriefingError", "build", "parse_period", "name_of"]
