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

How fused events are stored (schema 0002; see :mod:`kizashi.store.fusion_sync`): ``events`` keeps
the fused summary (type, dates, sources, best factuality, quad class, score, mode, confidence,
counts, conflict flag, month and week), ``event_participants`` the fused roles and
``event_dyads`` one row per event and pair of parties; a page of events reads those alone, and
only :func:`event_detail` goes back to the mentions (evidence, quantities with their outlets).
"""
from __future__ import annotations

import base64
import calendar
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Iterator

from sqlalchemy import (
    Integer,
    and_,
    tuple_,
    case,
    column,
    func,
    or_,
    select,
    text,
)

from kizashi.records import Quantity
from kizashi.store.store import MIN_TRIGRAM, fts_match, like_pattern, search_terms
from kizashi.store.models import (
    ActorRollup,
    Document,
    DyadIndexRollup,
    DyadRollup,
    EventRollup,
    Event,
    EventDyad,
    EventMentionLink,
    EventParticipant,
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


def _quads(quads) -> list[str]:
    wanted = set()
    for q in _as_list(quads):
        name = QUADS[int(q) - 1] if q.isdigit() and 1 <= int(q) <= 4 else q.lower()
        if name not in QUADS:
            raise QueryError(f"quad {q!r}: use one of {', '.join(QUADS)} or 1-4")
        wanted.add(name)
    return sorted(wanted)


def _quad_types(quads) -> list[str]:
    wanted = set(_quads(quads))
    return sorted(t for t, (quad, _) in plover().items() if quad in wanted)


# --- fused roles and dyads --------------------------------------------------------------------

def roles_select(codes: Iterable[str] | None = None, event_ids=None):
    """``SELECT event_id, code, role`` — the fused actors and recipients of events (stored by the
    fusion step in ``event_participants``). ``codes`` restricts to those entity codes,
    ``event_ids`` (a list or a select) to those events."""
    p = EventParticipant
    stmt = select(p.event_id, p.code, p.role)
    if codes is not None:
        stmt = stmt.where(p.code.in_(list(codes)))
    if event_ids is not None:
        stmt = stmt.where(p.event_id.in_(event_ids))
    return stmt


def _with_role(code: str, role: str):
    p = EventParticipant
    return Event.id.in_(select(p.event_id).where(p.code == code, p.role == role))


def _pair(dyad) -> tuple[str, str]:
    if dyad is None or len(dyad) != 2:
        raise QueryError(f"dyad needs two codes, not {dyad!r}")
    a, b = (str(x).strip().upper() for x in dyad)
    if not a or not b or a == b:
        raise QueryError(f"dyad needs two different codes, not {a!r} and {b!r}")
    return a, b


def _dyad_condition(a: str, b: str):
    """Events between a and b in either direction (A→B, B→A, or a mutual event of A and B without
    recipient): the events :func:`kizashi.fusion.dyads.dyad_pairs` links them by."""
    lo, hi = sorted((a, b))
    return Event.id.in_(select(EventDyad.event_id).where(EventDyad.a == lo, EventDyad.b == hi))


def document_condition(store, query: str):
    """A condition on ``documents``: title or text contains every term of ``query`` (SQLite FTS5
    trigram when every term has 3+ characters, else ILIKE; PostgreSQL ILIKE backed by pg_trgm),
    or None when the query has no term."""
    terms = search_terms(query)
    if not terms:
        return None
    if store.dialect == "sqlite" and all(len(t) >= MIN_TRIGRAM for t in terms):
        fts = text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :fts_match") \
            .bindparams(fts_match=fts_match(terms)).columns(column("rowid", Integer))
        return Document.seq.in_(fts)
    return and_(*(or_(Document.title.ilike(like_pattern(t), escape="\\"),
                      Document.text.ilike(like_pattern(t), escape="\\")) for t in terms))


def _text_condition(store, query: str):
    cond = document_condition(store, query)
    if cond is None:
        return None
    em = EventMentionLink
    return Event.id.in_(select(em.event_id).join_from(em, Mention, Mention.id == em.mention_id)
                        .where(Mention.doc_id.in_(select(Document.id).where(cond))))


def _date_conditions(start: str | None, end: str | None, col=None) -> list:
    col = Event.date if col is None else col
    out = []
    if start:
        prefixes = [start[:n] for n in (4, 7) if len(start) > n]
        if prefixes:
            # the year prefix sorts before every value the OR admits: a bound an index can seek
            out.append(col >= prefixes[0])
            out.append(or_(col >= start, col.in_(prefixes)))
        else:
            out.append(col >= start)
    if end:
        out.append(col < end + "~")        # '~' sorts after digits and '-': inclusive
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
        conds.append(_dyad_condition(*_pair(dyad)))
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


def _event_dicts(conn, rows, quantities: bool = False) -> list[dict[str, Any]]:
    ids = [r.id for r in rows]
    roles = _roles_of(conn, ids)
    out = []
    for r in rows:
        d = {"id": r.id, "event_type": r.event_type, "mode": r.mode, "quad_class": r.quad_class,
             "score": r.score, "date": r.date, "actors": roles[r.id][0],
             "recipients": roles[r.id][1], "first_reported": r.first_reported,
             "last_reported": r.last_reported, "n_sources": r.n_sources,
             "factuality": r.best_factuality, "factuality_counts": r.factuality_counts or {},
             "confidence": r.confidence, "n_mentions": r.n_mentions,
             "n_quantities": r.n_quantities, "conflicting_quantities": bool(r.conflicting)}
        out.append(d)
    if quantities:
        from kizashi.fusion import find_conflicts

        quants = _quantities_of(conn, ids)
        for d in out:
            qs = quants.get(d["id"], [])
            d["quantities"] = qs
            d["quantity_conflicts"] = [list(p) for p in find_conflicts(qs)]
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


def _event_select(store, sort: str, filters: dict[str, Any]):
    """``(select, sort column, id column, descending)`` of a filtered event list.

    With a dyad filter and a date sort the rows come from ``event_dyads`` (index ``a, b, date,
    event_id``) joined to ``events``, sorted on the dyad row's copy of the date, so that a page
    reads the pair's events of the range in order and stops after one page."""
    if sort not in SORTS:
        raise QueryError(f"sort {sort!r}: use one of {', '.join(SORTS)}")
    name, desc = SORTS[sort]
    if filters.get("dyad") and name == "date":
        lo, hi = sorted(_pair(filters["dyad"]))
        rest = {k: v for k, v in filters.items() if k not in ("dyad", "start", "end")}
        d = EventDyad
        stmt = (select(Event.__table__).join_from(d, Event, Event.id == d.event_id)
                .where(d.a == lo, d.b == hi,
                       *_date_conditions(filters.get("start"), filters.get("end"), d.date),
                       *conditions(store, **rest)))
        return stmt, d.date, d.event_id, desc
    col = Event.__table__.c[name]
    return select(Event.__table__).where(*conditions(store, **filters)), col, Event.id, desc


def list_events(store, *, start=None, end=None, types=None, quad=None, actor=None,
                recipient=None, dyad=None, factuality=None, min_sources=None, text=None,
                sort: str = "date", limit: int = 50, after: str | None = None) -> Page:
    """A page of events matching every given filter (see the module docstring).

    Order: ``sort`` (``date``, ``reported``, ``sources``; ``-`` prefix for descending; missing
    values last), then event id — a total order, so keyset pagination with ``after`` (the
    ``next_cursor`` of the previous page) never skips or repeats an event.

    The events with a value come first, read in index order by ``(value, id) > cursor``; the
    events without one follow, by id. (A single ``ORDER BY ... NULLS LAST`` cannot use the
    index and sorts every matching event before returning the first page.)"""
    filters = _filters_dict(dict(start=start, end=end, types=types, quad=quad, actor=actor,
                                 recipient=recipient, dyad=dyad, factuality=factuality,
                                 min_sources=min_sources, text=text))
    limit = int(limit)
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    stmt, col, idcol, desc = _event_select(store, sort, filters)
    key, event_id, in_nulls = None, None, False
    if after:
        key, event_id = _decode_cursor(after, sort)
        in_nulls = key is None
    later = (lambda c, v: c < v) if desc else (lambda c, v: c > v)
    direction = (lambda c: c.desc()) if desc else (lambda c: c.asc())
    rows: list = []
    with store.engine.connect() as conn:
        if not in_nulls:                           # phase 1: events with a value, index order
            q = stmt.where(col.is_not(None))
            if event_id is not None:
                q = q.where(later(tuple_(col, idcol), tuple_(key, event_id)))
            rows = conn.execute(q.order_by(direction(col), direction(idcol))
                                .limit(limit + 1)).all()
        if len(rows) <= limit:                     # phase 2: events without a value, by id
            q = stmt.where(col.is_(None))
            if in_nulls:
                q = q.where(later(idcol, event_id))
            rows += conn.execute(q.order_by(direction(idcol))
                                 .limit(limit + 1 - len(rows))).all()
        more = len(rows) > limit
        rows = rows[:limit]
        items = _event_dicts(conn, rows)
    nxt = None
    if more and rows:
        last = rows[-1]
        nxt = _encode_cursor(sort, getattr(last, SORTS[sort][0]), last.id)
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


def count_events(store, **filters) -> dict[str, int]:
    """How many events match the filters, and how many of them have conflicting estimates:
    ``{"events", "conflicting"}`` (one aggregate, no rows fetched)."""
    conds = conditions(store, **_filters_dict(filters))
    with store.engine.connect() as conn:
        n, c = conn.execute(select(func.count(), func.sum(case((Event.conflicting, 1), else_=0)))
                            .select_from(Event).where(*conds)).one()
    return {"events": n, "conflicting": int(c or 0)}


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


# --- rollups ---------------------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _whole(start: str | None, end: str | None, grain: str) -> bool:
    """Whether the range is made of whole months (``grain="m"``) or whole years (``"y"``): it
    starts on the first day and ends on the last day of one (or is given at that precision or
    coarser). Then the rollups of that grain answer it exactly."""
    for value, first in ((start, True), (end, False)):
        if not value:
            continue
        m = _DATE.match(value)
        if not m:
            return False
        y, mo, d = m.groups()
        if mo is not None and not 1 <= int(mo) <= 12:
            return False
        if grain == "y" and mo is not None and int(mo) != (1 if first else 12):
            return False
        if d is not None and int(d) != (1 if first else calendar.monthrange(int(y), int(mo))[1]):
            return False
    return True


def _rollup_conditions(model, filters: dict[str, Any], grain: str | None = None) -> list | None:
    """WHERE clauses on a rollup table for ``filters``, or None when the rollup cannot answer
    them exactly: a filter other than dates, types (``event_rollup`` only) and quad classes, or a
    range that cuts a month. The coarsest grain that answers is used (all time without dates,
    years, months) unless ``grain`` is given."""
    allowed = {"start", "end", "quad"} | ({"types"} if hasattr(model, "event_type") else set())
    if set(filters) - allowed:
        return None
    start, end = filters.get("start"), filters.get("end")
    if grain is None:
        grain = "a" if not (start or end) else "y" if _whole(start, end, "y") else "m"
    if not _whole(start, end, grain):
        return None
    conds = [model.grain == grain, *_date_conditions(start, end, model.period)]
    if start or end:
        conds.append(model.period != "")
    if filters.get("types"):
        conds.append(model.event_type.in_([t.upper() for t in _as_list(filters["types"])]))
    if filters.get("quad"):
        if hasattr(model, "event_type"):
            conds.append(model.event_type.in_(_quad_types(filters["quad"])))
        elif hasattr(model, "quad_class"):
            conds.append(model.quad_class.in_(_quads(filters["quad"])))
        # dyad_rollup counts every quad class in its own column: the caller picks them
    return conds


def timeline(store, *, freq: str = "month", **filters) -> dict[str, Any]:
    """Events per period (``day``, ``month`` or ``year`` of the event's date) matching the
    filters: ``{"freq", "rows": [{"period", "count", "quads": {quad: n}, "types": {type: n}}],
    "undated"}`` — ``undated`` counts matching events whose date is missing or coarser than
    ``freq`` (a ``2025-04`` event in a daily timeline)."""
    if freq not in FREQS:
        raise QueryError(f"freq {freq!r}: use one of {', '.join(FREQS)}")
    n = FREQS[freq]
    filters = _filters_dict(filters)
    roll = _rollup_conditions(EventRollup, filters, grain="m") if freq != "day" else None
    with store.engine.connect() as conn:
        if roll is not None:                      # whole months: count from event_rollup
            r = EventRollup
            period = func.substr(r.period, 1, n).label("period")
            dated = func.length(r.period) >= n
            rows = conn.execute(select(period, r.event_type, func.sum(r.n).label("n"))
                                .where(*roll, dated)
                                .group_by(period, r.event_type).order_by(period)).all()
            undated = conn.execute(select(func.coalesce(func.sum(r.n), 0))
                                   .where(*roll, ~dated)).scalar_one()
        else:
            period = func.substr(Event.date, 1, n).label("period")
            dated = func.length(Event.date) >= n
            conds = conditions(store, **filters)
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


def _dyad_rows(store, stmt, filters: dict[str, Any]):
    """``stmt`` (a select from ``event_dyads``) narrowed to the event filters: date, type and quad
    class on the dyad row itself, every other filter on ``events`` joined by id (one lookup per
    dyad row, rather than an IN list of every event that passes the filter)."""
    f = dict(filters)
    conds = _date_conditions(f.pop("start", None), f.pop("end", None), EventDyad.date)
    types = f.pop("types", None)
    if types:
        conds.append(EventDyad.event_type.in_([t.upper() for t in _as_list(types)]))
    quad = f.pop("quad", None)
    if quad:
        conds.append(EventDyad.event_type.in_(_quad_types(quad)))
    rest = conditions(store, **f)
    if rest:
        stmt = stmt.join(Event, Event.id == EventDyad.event_id)
    return stmt.where(*conds, *rest)


def dyad_series(store, a: str, b: str, freq: str = "month", **filters) -> dict[str, Any]:
    """Cooperation–conflict index between ``a`` and ``b`` (both directions) per ``month`` or ISO
    ``week`` (:func:`kizashi.fusion.dyads.event_period`), the same figures as
    :func:`kizashi.fusion.cooperation_conflict_index` (PLOVER score × factuality weight ×
    confidence) computed in SQL from ``event_dyads``. Rows ``{"period", "index", "cooperation",
    "conflict", "count", "weighted_count", "a_to_b", "b_to_a"}``: an event counts once per period
    (``index``, ``count``) even when it is mutual; ``a_to_b``/``b_to_a`` are the directed
    indexes (a mutual event is in both). Events without a period or a PLOVER score are left out.
    Other filters narrow the events further; the events behind a row are
    ``list_events(dyad=(a, b), start=period, end=period)`` (month) or the row's week."""
    if freq not in ("month", "week"):
        raise QueryError(f"freq {freq!r}: use month or week")
    a, b = _pair((a, b))
    filters = _filters_dict(filters)
    filters.pop("dyad", None)
    lo, hi = sorted((a, b))
    if not filters:                               # the whole series: summed at refresh
        r = DyadIndexRollup
        fwd, back = (r.ab, r.ba) if a == lo else (r.ba, r.ab)
        stmt = (select(r.period, r.value.label("index"), r.cooperation, r.conflict,
                       r.n.label("count"), r.weight.label("weighted_count"),
                       fwd.label("a_to_b"), back.label("b_to_a"))
                .where(r.grain == freq[0], r.a == lo, r.b == hi).order_by(r.period))
    else:
        stmt = _dyad_series_select(store, filters, freq, a, lo, hi)
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    out = [{"period": r.period, "index": round(r.index, 6), "cooperation": round(r.cooperation, 6),
            "conflict": round(r.conflict, 6), "count": r.count,
            "weighted_count": round(r.weighted_count, 6), "a_to_b": round(r.a_to_b, 6),
            "b_to_a": round(r.b_to_a, 6)} for r in rows]
    filters["dyad"] = [a, b]
    return {"a": a, "b": b, "freq": freq, "filters": filters, "rows": out}


def _dyad_series_select(store, filters: dict[str, Any], freq: str, a: str, lo: str, hi: str):
    d = EventDyad
    period = (d.month if freq == "month" else d.week).label("period")
    fwd, back = (d.a_to_b, d.b_to_a) if a == lo else (d.b_to_a, d.a_to_b)
    zero = 0.0
    stmt = (select(period,
                   func.sum(d.value).label("index"),
                   func.sum(case((d.value > 0, d.value), else_=zero)).label("cooperation"),
                   func.sum(case((d.value < 0, d.value), else_=zero)).label("conflict"),
                   func.count().label("count"),
                   func.sum(d.weight).label("weighted_count"),
                   func.sum(case((fwd, d.value), else_=zero)).label("a_to_b"),
                   func.sum(case((back, d.value), else_=zero)).label("b_to_a"))
            .select_from(d)
            .where(d.a == lo, d.b == hi, period.is_not(None), d.value.is_not(None)))
    return _dyad_rows(store, stmt, filters).group_by(period).order_by(period)


def network(store, *, max_edges: int | None = None, **filters) -> dict[str, Any]:
    """The actor network of the matching events.

    ``nodes``: ``{"code", "events", "as_actor", "as_recipient"}`` (events it takes part in);
    ``edges``: ``{"source", "target", "weight", "quads": {quad class: events}, "quad_class"}``
    for every actor→recipient pair :func:`kizashi.fusion.dyads.dyad_pairs` gives (mutual events
    link their parties both ways); ``weight`` counts events, ``quad_class`` is the most frequent
    one (the edge's colour). ``max_edges`` keeps the heaviest edges only (ties by pair) and the
    nodes they touch; ``n_edges`` and ``n_nodes`` always give the full counts.

    Whole months with no filter but dates and quad classes are counted from the rollups
    (``dyad_rollup``, ``actor_rollup``, ``event_rollup``); any other filter counts the events."""
    filters = _filters_dict(filters)
    droll = _rollup_conditions(DyadRollup, filters)
    n_edges = None
    with store.engine.connect() as conn:
        if droll is not None:                     # whole periods: count from the rollups
            d, ar, er = DyadRollup, ActorRollup, EventRollup
            quads = _quads(filters["quad"]) if filters.get("quad") else list(QUADS)
            # the edge's weight: all its events, or those of the chosen quad classes
            w = func.sum(sum((d.__table__.c[q] for q in quads[1:]), d.__table__.c[quads[0]])
                         if filters.get("quad") else d.n)
            start, end = filters.get("start"), filters.get("end")
            one_period = not (start or end) or (
                start and end and start[:4] == end[:4] and _whole(start, end, "y"))
            if one_period and not filters.get("quad"):
                # one row per edge, heaviest first from the index (grain, period, n)
                n_edges = conn.execute(select(func.count()).select_from(d)
                                       .where(*droll, d.n > 0)).scalar_one()
                top = select(d.src, d.dst, d.n, *(d.__table__.c[q] for q in quads)) \
                    .where(*droll, d.n > 0).order_by(d.n.desc(), d.src, d.dst)
                if max_edges is not None and int(max_edges) >= 1:
                    top = top.limit(int(max_edges))
                edge_rows = conn.execute(top).all()
            else:
                edge_rows = conn.execute(
                    select(d.src, d.dst, w, *(func.sum(d.__table__.c[q]) for q in quads))
                    .where(*droll).group_by(d.src, d.dst)).all()
            edge_quads = quads
            node_rows = conn.execute(
                select(ar.code, ar.role, func.sum(ar.n).label("n"))
                .where(*_rollup_conditions(ar, filters)).group_by(ar.code, ar.role)).all()
            n_events = conn.execute(select(func.coalesce(func.sum(er.n), 0))
                                    .where(*_rollup_conditions(er, filters))).scalar_one()
        else:
            d, p = EventDyad, EventParticipant
            quad = func.coalesce(d.quad_class, "unknown").label("quad")
            raw = conn.execute(_dyad_rows(
                store, select(d.a, d.b, quad, func.sum(case((d.a_to_b, 1), else_=0)),
                              func.sum(case((d.b_to_a, 1), else_=0))).select_from(d), filters)
                .group_by(d.a, d.b, quad)).all()
            per: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
            for a, b, q, ab, ba in map(tuple, raw):
                if ab:
                    per[(a, b)][q] = ab
                if ba:
                    per[(b, a)][q] = ba
            edge_quads = sorted({q for qs in per.values() for q in qs},
                                key=lambda q: (QUADS.index(q) if q in QUADS else 9, q))
            edge_rows = [(src, dst, sum(qs.values()), *(qs.get(q, 0) for q in edge_quads))
                         for (src, dst), qs in per.items()]
            conds = conditions(store, **filters)
            node_stmt = select(p.code, p.role, func.count().label("n")).group_by(p.code, p.role)
            if conds:
                node_stmt = node_stmt.join(Event, Event.id == p.event_id).where(*conds)
            node_rows = conn.execute(node_stmt).all()
            n_events = conn.execute(select(func.count()).select_from(Event)
                                    .where(*conds)).scalar_one()
    nodes: dict[str, dict[str, Any]] = {}
    for r in node_rows:
        n = nodes.setdefault(r.code, {"code": r.code, "events": 0, "as_actor": 0,
                                      "as_recipient": 0})
        n["events"] += r.n
        n["as_actor" if r.role == "actor" else "as_recipient"] += r.n
    rows = [tuple(r) for r in edge_rows if r[2]]
    n_edges = len(rows) if n_edges is None else n_edges
    n_nodes = len(nodes)
    if max_edges is not None:
        if int(max_edges) < 1:
            raise QueryError(f"max_edges must be at least 1, not {max_edges}")
        if n_edges > int(max_edges):
            rows = sorted(rows, key=lambda r: (-r[2], r[0], r[1]))[:int(max_edges)]
            touched = {c for r in rows for c in r[:2]}
            nodes = {c: n for c, n in nodes.items() if c in touched}
    order = {q: i for i, q in enumerate(QUADS)}
    edges = []
    for r in sorted(rows):
        quads = {q: n for q, n in zip(edge_quads, r[3:]) if n}
        edges.append({"source": r[0], "target": r[1], "weight": r[2], "quads": quads,
                      "quad_class": min(quads, key=lambda q: (-quads[q], order.get(q, 9)))})
    return {"filters": filters, "events": n_events, "n_nodes": n_nodes, "n_edges": n_edges,
            "nodes": sorted(nodes.values(), key=lambda n: (-n["events"], n["code"])),
            "edges": edges}
