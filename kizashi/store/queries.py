"""The query layer over fused events: the CLI (and later the JSON API and HTML pages) call only
these functions.

* :func:`list_events` — filtered, sorted, keyset-paginated event pages (:class:`Page`);
* :func:`iter_events` — every event of a filter, page after page (streaming export);
* :func:`event_detail` — one event with its mentions, evidence, trigger offsets and documents;
* :func:`timeline` — events per day / month / year;
* :func:`dyad_series` — cooperation–conflict index of a pair of actors per month or ISO week;
* :func:`network` — actor nodes and actor→recipient edges with PLOVER quad class counts.

Filters (keyword arguments shared by all of them, combined with AND):

``start`` / ``end``
    ISO dates (``2025``, ``2025-04`` or ``2025-04-01``), inclusive at their precision; an event
    dated only ``2025-04`` is inside ``start=2025-04-15`` (its month overlaps the range).
``types``
    PLOVER event types (a list or a comma-separated string).
``quad``
    quad classes: ``verbal_cooperation`` / ``material_cooperation`` / ``verbal_conflict`` /
    ``material_conflict`` or 1–4 (PLOVER/CAMEO numbering), list or comma-separated.
``actor`` / ``recipient``
    an entity code; the event's *fused* role is used (see :func:`roles_select`).
``dyad``
    ``(A, B)``: events between A and B in either direction (A→B, B→A, or a mutual event of A and
    B without recipient) — exactly the events :func:`kizashi.fusion.dyads.dyad_pairs` counts.
``factuality``
    best-attested factuality value(s).
``min_sources``
    at least this many distinct sources.
``text``
    every whitespace-separated term occurs in one of the event's documents (SQLite FTS5 trigram
    for terms of 3+ characters, else LIKE; PostgreSQL ILIKE backed by pg_trgm).

How fused events are stored (normalised; see :mod:`kizashi.store.fusion_sync`): ``events`` keeps
type, dates, source count and best factuality; actors/recipients, mode, confidence, quantities
and their conflicts are derived here from the event's mentions with the rules of
:func:`kizashi.fusion.fuse`; quad class and score come from the PLOVER table.
"""
from __future__ import annotations

import base64
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from types import SimpleNamespace
from typing import Any, Iterable, Iterator

from sqlalchemy import (
    Integer,
    and_,
    case,
    column,
    func,
    or_,
    select,
    text,
)

from kizashi.records import Quantity
from kizashi.store.models import (
    Document,
    Event,
    EventMentionLink,
    Mention,
    MentionParticipant,
    QuantityRow,
)

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
SORTS = {  # name -> (column, descending)
    "date": ("date", False), "-date": ("date", True),
    "reported": ("first_reported", False), "-reported": ("first_reported", True),
    "sources": ("n_sources", False), "-sources": ("n_sources", True),
}
FREQS = {"day": 10, "month": 7, "year": 4}
MAX_LIMIT = 1000
MIN_TRIGRAM = 3
_FILTERS = ("start", "end", "types", "quad", "actor", "recipient", "dyad", "factuality",
            "min_sources", "text")


class QueryError(ValueError):
    """A filter, sort or cursor the query layer cannot use (message says which and why)."""


@dataclass
class Page:
    """One page of events; pass ``next_cursor`` as ``after`` to get the next one (None: last)."""

    items: list[dict[str, Any]]
    next_cursor: str | None
    sort: str
    limit: int
    filters: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "next_cursor": self.next_cursor, "sort": self.sort,
                "limit": self.limit, "filters": self.filters}


# --- PLOVER --------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def plover() -> dict[str, tuple[str, float]]:
    """``{event_type: (quad_class, score)}`` from the lexicon's PLOVER table."""
    from kizashi.events.lexicon import default_lexicon

    return {t: (row["quad_class"], float(row["score"]))
            for t, row in default_lexicon().plover.items()}


def quad_of(event_type: str) -> str | None:
    return plover().get(event_type, (None, None))[0]


def score_of(event_type: str) -> float | None:
    return plover().get(event_type, (None, None))[1]


def _as_list(v) -> list[str]:
    if v is None:
        return []
    if isinstance(v, (str, int)):
        v = [v]
    out = []
    for x in v:
        out.extend(s.strip() for s in str(x).split(",") if s.strip())
    return out


def _quad_types(quads) -> list[str]:
    wanted = set()
    for q in _as_list(quads):
        name = QUADS[int(q) - 1] if q.isdigit() and 1 <= int(q) <= 4 else q.lower()
        if name not in QUADS:
            raise QueryError(f"quad {q!r}: use one of {', '.join(QUADS)} or 1-4")
        wanted.add(name)
    return sorted(t for t, (quad, _) in plover().items() if quad in wanted)


# --- fused roles in SQL ----------------------------------------------------------------------------

def roles_select(codes: Iterable[str] | None = None, event_ids=None):
    """``SELECT event_id, code, role`` — the fused actors and recipients of events.

    Same rule as ``kizashi.fusion.cluster._roles``: per mention, a code named as actor counts as
    actor, a code named as recipient (and not as actor of the same mention) as recipient; the
    event's recipient codes are those counted more often as recipient than as actor, every other
    code is an actor. ``codes`` restricts to those entity codes (uses
    ``ix_mention_participants_code_role``), ``event_ids`` (a list or a select) to those events."""
    p, em = MentionParticipant, EventMentionLink
    a = func.max(case((p.role == "actor", 1), else_=0)).label("a")
    r = func.max(case((p.role == "recipient", 1), else_=0)).label("r")
    pm = (select(em.event_id, p.mention_id, p.code, a, r)
          .join_from(p, em, em.mention_id == p.mention_id)
          .where(p.role.in_(("actor", "recipient")), p.code.is_not(None)))
    codes = list(codes) if codes is not None else None
    if codes is not None:
        pm = pm.where(p.code.in_(codes))
    if event_ids is not None:
        pm = pm.where(em.event_id.in_(event_ids))
    pm = pm.group_by(em.event_id, p.mention_id, p.code).subquery("pm")
    role = case((func.sum(pm.c.r * (1 - pm.c.a)) > func.sum(pm.c.a), "recipient"),
                else_="actor").label("role")
    return select(pm.c.event_id, pm.c.code, role).group_by(pm.c.event_id, pm.c.code)


def _with_role(code: str, role: str):
    rs = roles_select([code]).subquery("rs")
    return Event.id.in_(select(rs.c.event_id).where(rs.c.role == role))


def _dyad_condition(a: str, b: str):
    if not a or not b or a == b:
        raise QueryError(f"dyad needs two different codes, not {a!r} and {b!r}")
    rs = roles_select([a, b]).subquery("ds")
    n_actor = func.sum(case((rs.c.role == "actor", 1), else_=0))
    pair = select(rs.c.event_id).group_by(rs.c.event_id).having(func.count(rs.c.code) == 2)
    directed = pair.having(n_actor == 1)
    mutual = pair.having(n_actor == 2)
    rr = roles_select(event_ids=mutual).subquery("rr")
    with_recipient = select(rr.c.event_id).where(rr.c.role == "recipient")
    return or_(Event.id.in_(directed),
               and_(Event.id.in_(mutual), Event.id.not_in(with_recipient)))


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _text_condition(store, query: str):
    terms = query.split()
    if not terms:
        return None
    if store.dialect == "sqlite" and all(len(t) >= MIN_TRIGRAM for t in terms):
        match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
        fts = text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :fts_match") \
            .bindparams(fts_match=match).columns(column("rowid", Integer))
        docs = select(Document.id).where(Document.seq.in_(fts))
    else:
        docs = select(Document.id).where(*(
            or_(Document.title.ilike(_like(t), escape="\\"), Document.text.ilike(_like(t), escape="\\"))
            for t in terms))
    em = EventMentionLink
    return Event.id.in_(select(em.event_id).join_from(em, Mention, Mention.id == em.mention_id)
                        .where(Mention.doc_id.in_(docs)))


def _date_conditions(start: str | None, end: str | None) -> list:
    out = []
    if start:
        prefixes = [start[:n] for n in (4, 7) if len(start) > n]
        out.append(or_(Event.date >= start, Event.date.in_(prefixes)) if prefixes
                   else Event.date >= start)
    if end:
        out.append(Event.date < end + "~")        # '~' sorts after digits and '-': inclusive
    return out


def conditions(store, *, start=None, end=None, types=None, quad=None, actor=None, recipient=None,
               dyad=None, factuality=None, min_sources=None, text=None) -> list:
    """The WHERE clauses (on ``events``) of a filter."""
    conds = _date_conditions(start, end)
    if types:
        conds.append(Event.event_type.in_([t.upper() for t in _as_list(types)]))
    if quad:
        conds.append(Event.event_type.in_(_quad_types(quad)))
    if actor:
        conds.append(_with_role(actor, "actor"))
    if recipient:
        conds.append(_with_role(recipient, "recipient"))
    if dyad:
        if len(dyad) != 2:
            raise QueryError(f"dyad needs two codes, not {dyad!r}")
        conds.append(_dyad_condition(*dyad))
    if factuality:
        conds.append(Event.best_factuality.in_(_as_list(factuality)))
    if min_sources is not None:
        conds.append(Event.n_sources >= int(min_sources))
    if text:
        c = _text_condition(store, text)
        if c is not None:
            conds.append(c)
    return conds


def _filters_dict(filters: dict[str, Any]) -> dict[str, Any]:
    unknown = set(filters) - set(_FILTERS)
    if unknown:
        raise QueryError(f"unknown filter(s): {', '.join(sorted(unknown))}")
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in filters.items()
            if v not in (None, "", [], ())}


# --- hydration -------------------------------------------------------------------------------------

def _chunks(seq: list, n: int = 500) -> Iterator[list]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def _roles_of(conn, ids: list[str]) -> dict[str, tuple[list[str], list[str]]]:
    out: dict[str, tuple[list[str], list[str]]] = {i: ([], []) for i in ids}
    for chunk in _chunks(ids):
        for r in conn.execute(roles_select(event_ids=chunk)):
            out[r.event_id][0 if r.role == "actor" else 1].append(r.code)
    for a, b in out.values():
        a.sort()
        b.sort()
    return out


def _quantities_of(conn, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Every quantity of the events with its outlet, in the order :func:`fuse` lists them."""
    q, em, m, d = QuantityRow, EventMentionLink, Mention, Document
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for chunk in _chunks(ids):
        rows = conn.execute(
            select(em.event_id, q.text, q.value, q.low, q.high, q.approx, q.unit, q.object,
                   m.id.label("mention_id"), m.doc_id, m.ordinal, m.factuality, d.source,
                   d.published)
            .join_from(q, em, em.mention_id == q.mention_id)
            .join(m, m.id == q.mention_id).join(d, d.id == m.doc_id)
            .where(em.event_id.in_(chunk))
            .order_by(em.event_id, func.coalesce(d.published, "9999"), m.doc_id, m.ordinal,
                      q.ordinal))
        for r in rows:
            qd = Quantity(text=r.text, value=r.value, low=r.low, high=r.high,
                          approx=bool(r.approx), unit=r.unit, object=r.object).to_dict()
            qd.update({"source": r.source or r.doc_id, "doc": r.doc_id, "mention": r.ordinal,
                       "mention_id": r.mention_id, "factuality": r.factuality,
                       "published": r.published})
            out[r.event_id].append(qd)
    return out


def _mention_stats(conn, ids: list[str]) -> dict[str, dict[str, Any]]:
    em, m = EventMentionLink, Mention
    per: dict[str, list] = defaultdict(list)
    for chunk in _chunks(ids):
        for r in conn.execute(select(em.event_id, m.mode, m.factuality, m.confidence)
                              .join_from(em, m, m.id == em.mention_id)
                              .where(em.event_id.in_(chunk))):
            per[r.event_id].append(r)
    out = {}
    for eid, rows in per.items():
        modes = [r.mode for r in rows if r.mode]
        out[eid] = {
            "mode": max(sorted(set(modes)), key=modes.count) if modes else None,
            "confidence": round(max(r.confidence for r in rows), 3),
            "factuality_counts": dict(sorted(Counter(r.factuality for r in rows).items())),
            "n_mentions": len(rows),
        }
    return out


def _event_dicts(conn, rows, quantities: bool = False) -> list[dict[str, Any]]:
    from kizashi.fusion import find_conflicts

    ids = [r.id for r in rows]
    roles = _roles_of(conn, ids)
    stats = _mention_stats(conn, ids)
    quants = _quantities_of(conn, ids)
    out = []
    for r in rows:
        quad, score = plover().get(r.event_type, (None, None))
        st = stats.get(r.id, {"mode": None, "confidence": 0.0, "factuality_counts": {},
                              "n_mentions": 0})
        qs = quants.get(r.id, [])
        conflicts = find_conflicts(qs)
        d = {"id": r.id, "event_type": r.event_type, "mode": st["mode"], "quad_class": quad,
             "score": score, "date": r.date, "actors": roles[r.id][0],
             "recipients": roles[r.id][1], "first_reported": r.first_reported,
             "last_reported": r.last_reported, "n_sources": r.n_sources,
             "factuality": r.best_factuality, "factuality_counts": st["factuality_counts"],
             "confidence": st["confidence"], "n_mentions": st["n_mentions"],
             "n_quantities": len(qs), "conflicting_quantities": bool(conflicts)}
        if quantities:
            d["quantities"] = qs
            d["quantity_conflicts"] = [list(p) for p in conflicts]
        out.append(d)
    return out


# --- cursors ---------------------------------------------------------------------------------------

def _encode_cursor(sort: str, key, event_id: str) -> str:
    raw = json.dumps([sort, key, event_id], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def _decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8")
        s, key, event_id = json.loads(raw)
    except Exception:
        raise QueryError(f"cursor {cursor!r} is not one this query returned") from None
    if s != sort:
        raise QueryError(f"cursor was made for sort {s!r}, not {sort!r}")
    return key, event_id


def _keyset(col, desc: bool, key, event_id: str):
    """Rows after (key, id) in ORDER BY col [DESC] NULLS LAST, id [DESC]."""
    after = (lambda c, v: c < v) if desc else (lambda c, v: c > v)
    if key is None:
        return and_(col.is_(None), after(Event.id, event_id))
    return or_(after(col, key), and_(col == key, after(Event.id, event_id)), col.is_(None))


# --- public API ------------------------------------------------------------------------------------

def _event_select(store, sort: str, filters: dict[str, Any]):
    if sort not in SORTS:
        raise QueryError(f"sort {sort!r}: use one of {', '.join(SORTS)}")
    name, desc = SORTS[sort]
    col = Event.__table__.c[name]
    stmt = select(Event.__table__).where(*conditions(store, **filters))
    order = [(col.desc() if desc else col.asc()).nulls_last(),
             Event.id.desc() if desc else Event.id.asc()]
    return stmt, col, desc, order


def list_events(store, *, start=None, end=None, types=None, quad=None, actor=None,
                recipient=None, dyad=None, factuality=None, min_sources=None, text=None,
                sort: str = "date", limit: int = 50, after: str | None = None) -> Page:
    """A page of events matching every given filter (see the module docstring).

    Order: ``sort`` (``date``, ``reported``, ``sources``; ``-`` prefix for descending; missing
    values last), then event id — a total order, so keyset pagination with ``after`` (the
    ``next_cursor`` of the previous page) never skips or repeats an event."""
    filters = _filters_dict(dict(start=start, end=end, types=types, quad=quad, actor=actor,
                                 recipient=recipient, dyad=dyad, factuality=factuality,
                                 min_sources=min_sources, text=text))
    limit = int(limit)
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    stmt, col, desc, order = _event_select(store, sort, filters)
    if after:
        key, event_id = _decode_cursor(after, sort)
        stmt = stmt.where(_keyset(col, desc, key, event_id))
    with store.engine.connect() as conn:
        rows = conn.execute(stmt.order_by(*order).limit(limit + 1)).all()
        more = len(rows) > limit
        rows = rows[:limit]
        items = _event_dicts(conn, rows)
    nxt = None
    if more and rows:
        last = rows[-1]
        nxt = _encode_cursor(sort, getattr(last, col.key), last.id)
    return Page(items=items, next_cursor=nxt, sort=sort, limit=limit, filters=filters)


def iter_events(store, *, batch: int = 500, sort: str = "date", **filters) -> Iterator[dict]:
    """Every event matching the filters, fetched page by page (constant memory)."""
    after = None
    while True:
        page = list_events(store, sort=sort, limit=batch, after=after, **filters)
        yield from page.items
        if not page.next_cursor:
            return
        after = page.next_cursor


def event_detail(store, event_id: str) -> dict[str, Any] | None:
    """The event with its quantities (and conflicting pairs) and its mentions — each with
    evidence text, trigger and evidence offsets, participants and its document's title, outlet,
    URL and publication date. None when there is no such event."""
    em, m, d, p = EventMentionLink, Mention, Document, MentionParticipant
    with store.engine.connect() as conn:
        row = conn.execute(select(Event.__table__).where(Event.id == event_id)).first()
        if row is None:
            return None
        out = _event_dicts(conn, [row], quantities=True)[0]
        ms = conn.execute(
            select(m.id, m.doc_id, m.ordinal, m.event_type, m.mode, m.date, m.date_text,
                   m.factuality, m.confidence, m.trigger_text, m.trigger_start, m.trigger_end,
                   m.evidence_text, m.evidence_start, m.evidence_end, d.title, d.source, d.url,
                   d.published)
            .join_from(em, m, m.id == em.mention_id).join(d, d.id == m.doc_id)
            .where(em.event_id == event_id)
            .order_by(func.coalesce(d.published, "9999"), m.doc_id, m.ordinal)).all()
        parts: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for r in conn.execute(select(p.mention_id, p.role, p.code, p.text)
                              .where(p.mention_id.in_([x.id for x in ms]))
                              .order_by(p.mention_id, p.role, p.ordinal)):
            parts[r.mention_id][r.role].append({"code": r.code, "text": r.text})
    out["mentions"] = [{
        "id": r.id, "doc_id": r.doc_id, "ordinal": r.ordinal, "event_type": r.event_type,
        "mode": r.mode, "date": r.date, "date_text": r.date_text, "factuality": r.factuality,
        "confidence": r.confidence,
        "trigger": {"text": r.trigger_text, "start": r.trigger_start, "end": r.trigger_end},
        "evidence": {"text": r.evidence_text, "start": r.evidence_start, "end": r.evidence_end},
        "actor": parts[r.id]["actor"], "recipient": parts[r.id]["recipient"],
        "source_of_claim": parts[r.id]["source_of_claim"],
        "document": {"id": r.doc_id, "title": r.title, "source": r.source, "url": r.url,
                     "published": r.published},
    } for r in ms]
    return out


def timeline(store, *, freq: str = "month", **filters) -> dict[str, Any]:
    """Events per period (``day``, ``month`` or ``year`` of the event's date) matching the
    filters: ``{"freq", "rows": [{"period", "count", "quads": {quad: n}, "types": {type: n}}],
    "undated"}`` — ``undated`` counts matching events whose date is missing or coarser than
    ``freq`` (a ``2025-04`` event in a daily timeline)."""
    if freq not in FREQS:
        raise QueryError(f"freq {freq!r}: use one of {', '.join(FREQS)}")
    n = FREQS[freq]
    filters = _filters_dict(filters)
    period = func.substr(Event.date, 1, n).label("period")
    dated = func.length(Event.date) >= n
    conds = conditions(store, **filters)
    with store.engine.connect() as conn:
        rows = conn.execute(select(period, Event.event_type, func.count().label("n"))
                            .where(*conds, Event.date.is_not(None), dated)
                            .group_by(period, Event.event_type).order_by(period)).all()
        undated = conn.execute(select(func.count()).select_from(Event)
                               .where(*conds, or_(Event.date.is_(None), ~dated))).scalar_one()
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        row = out.setdefault(r.period, {"period": r.period, "count": 0, "quads": {}, "types": {}})
        row["count"] += r.n
        row["types"][r.event_type] = row["types"].get(r.event_type, 0) + r.n
        q = quad_of(r.event_type) or "unknown"
        row["quads"][q] = row["quads"].get(q, 0) + r.n
    return {"freq": freq, "filters": filters, "rows": [out[k] for k in sorted(out)],
            "undated": undated}


def _analytic_events(store, filters: dict[str, Any]) -> list[SimpleNamespace]:
    """Matching events as light :class:`FusedEvent` look-alikes (the attributes the dyad
    functions read): id, event_type, date, first_reported, factuality, confidence, actors,
    recipients."""
    em, m = EventMentionLink, Mention
    conds = conditions(store, **filters)
    ev = select(Event.id).where(*conds)
    with store.engine.connect() as conn:
        conf = select(em.event_id, func.max(m.confidence).label("confidence")) \
            .join_from(em, m, m.id == em.mention_id).where(em.event_id.in_(ev)) \
            .group_by(em.event_id).subquery("conf")
        rows = conn.execute(
            select(Event.id, Event.event_type, Event.date, Event.first_reported,
                   Event.best_factuality, conf.c.confidence)
            .join_from(Event, conf, conf.c.event_id == Event.id, isouter=True)
            .where(*conds).order_by(Event.id)).all()
        roles: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for r in conn.execute(roles_select(event_ids=ev).order_by("event_id", "code")):
            roles[r.event_id][0 if r.role == "actor" else 1].append(r.code)
    return [SimpleNamespace(id=r.id, event_type=r.event_type, date=r.date,
                            first_reported=r.first_reported, factuality=r.best_factuality,
                            confidence=r.confidence or 0.0, actors=roles[r.id][0],
                            recipients=roles[r.id][1]) for r in rows]


def dyad_series(store, a: str, b: str, freq: str = "month", **filters) -> dict[str, Any]:
    """Cooperation–conflict index between ``a`` and ``b`` (both directions) per ``month`` or ISO
    ``week``, from :func:`kizashi.fusion.cooperation_conflict_index` (PLOVER score × factuality
    weight × confidence). Rows ``{"period", "index", "cooperation", "conflict", "count",
    "weighted_count", "a_to_b", "b_to_a", "events"}``: an event counts once per period
    (``index``, ``count``) even when it is mutual; ``a_to_b``/``b_to_a`` are the directed indexes
    (a mutual event is in both). Other filters narrow the events further."""
    from kizashi.fusion import cooperation_conflict_index
    from kizashi.fusion.dyads import event_weight

    if freq not in ("month", "week"):
        raise QueryError(f"freq {freq!r}: use month or week")
    filters = _filters_dict(filters)
    filters["dyad"] = [a, b]
    events = _analytic_events(store, filters)
    by_id = {e.id: e for e in events}
    directed = cooperation_conflict_index(events, freq=freq, unary=False)
    rows: dict[str, dict[str, Any]] = {}
    for r in directed:
        if (r["actor"], r["recipient"]) not in ((a, b), (b, a)):
            continue
        row = rows.setdefault(r["period"], {"period": r["period"], "a_to_b": 0.0,
                                             "b_to_a": 0.0, "events": []})
        row["a_to_b" if r["actor"] == a else "b_to_a"] += r["index"]
        for eid in r["events"]:
            if eid not in row["events"]:
                row["events"].append(eid)
    out = []
    for period in sorted(rows):
        row = rows[period]
        coop = conf = wc = 0.0
        for eid in row["events"]:
            e = by_id[eid]
            w = event_weight(e)
            s = (score_of(e.event_type) or 0.0) * w
            coop += s if s > 0 else 0.0
            conf += s if s < 0 else 0.0
            wc += w
        out.append({"period": period, "index": round(coop + conf, 6),
                    "cooperation": round(coop, 6), "conflict": round(conf, 6),
                    "count": len(row["events"]), "weighted_count": round(wc, 6),
                    "a_to_b": round(row["a_to_b"], 6), "b_to_a": round(row["b_to_a"], 6),
                    "events": sorted(row["events"])})
    return {"a": a, "b": b, "freq": freq, "filters": filters, "rows": out}


def network(store, **filters) -> dict[str, Any]:
    """The actor network of the matching events.

    ``nodes``: ``{"code", "events", "as_actor", "as_recipient"}`` (events it takes part in);
    ``edges``: ``{"source", "target", "weight", "quads": {quad class: events}, "quad_class"}``
    for every actor→recipient pair :func:`kizashi.fusion.dyads.dyad_pairs` gives (mutual events
    link their parties both ways); ``weight`` counts events, ``quad_class`` is the most frequent
    one (the edge's colour)."""
    from kizashi.fusion.dyads import dyad_pairs

    filters = _filters_dict(filters)
    events = _analytic_events(store, filters)
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for e in events:
        for code in e.actors + e.recipients:
            n = nodes.setdefault(code, {"code": code, "events": 0, "as_actor": 0,
                                        "as_recipient": 0})
            n["events"] += 1
            n["as_actor" if code in e.actors else "as_recipient"] += 1
        quad = quad_of(e.event_type) or "unknown"
        for src, dst in dyad_pairs(e, unary=False):
            ed = edges.setdefault((src, dst), {"source": src, "target": dst, "weight": 0,
                                               "quads": {}})
            ed["weight"] += 1
            ed["quads"][quad] = ed["quads"].get(quad, 0) + 1
    order = {q: i for i, q in enumerate(QUADS)}
    for ed in edges.values():
        ed["quad_class"] = max(ed["quads"], key=lambda q: (ed["quads"][q], -order.get(q, 9)))
    return {"filters": filters, "events": len(events),
            "nodes": sorted(nodes.values(), key=lambda n: (-n["events"], n["code"])),
            "edges": [edges[k] for k in sorted(edges)]}
