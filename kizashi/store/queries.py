"""The query layer over fused events: the CLI (and later the JSON API and HTML pages) call only
these functions.

* :func:`list_events` — filtered, sorted, keyset-paginated event pages (:class:`Page`);
* :func:`iter_events` — every event of a filter, page after page (streaming export);
* :func:`event_detail` — one event with its mentions, evidence, trigger offsets and documents;
* :func:`timeline` — events per day / month / year;
* :func:`dyad_series` — cooperation–conflict index of a pair of actors per month or ISO week;
* :func:`network` — actor nodes and actor→recipient edges with PLOVER quad class counts.

Filters: one :class:`kizashi.store.filters.EventFilter` (``start``, ``end``, ``type``,
``quad``, ``actor``, ``recipient``, ``dyad``, ``factuality``, ``min_sources``, ``q``), given as
the ``f`` argument or as keyword arguments of those names, validated and resolved on the store
(names to entity codes) once per call by :func:`event_filter`. Dates are inclusive at their
precision: an event dated only ``2025-04`` is inside ``start=2025-04-15`` (its month overlaps
the range). ``actor``/``recipient`` use the event's *fused* role (:func:`roles_select`);
``dyad`` (A, B) is the events between A and B in either direction (A→B, B→A, or a mutual event
of A and B without recipient), exactly the events :func:`kizashi.fusion.dyads.dyad_pairs`
counts; ``q`` needs every term in one of the event's documents (SQLite FTS5 trigram for terms of
3+ characters, else LIKE; PostgreSQL ILIKE backed by pg_trgm).

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
from collections import defaultdict
from dataclasses import dataclass, field
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

from kizashi import model
from kizashi.model import QUADS
from kizashi.records import Quantity
from kizashi.store.filters import FIELDS, EventFilter, FilterError, QueryError, ValidationError
from kizashi.store.filters import explain as explain_filter
from kizashi.store.filters import resolve as resolve_filter
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

SORTS = {  # name -> (column, descending)
    "date": ("date", False), "-date": ("date", True),
    "reported": ("first_reported", False), "-reported": ("first_reported", True),
    "sources": ("n_sources", False), "-sources": ("n_sources", True),
    "seen": ("first_seen", False), "-seen": ("first_seen", True),
}
FREQS = {"day": 10, "month": 7, "year": 4}
MAX_LIMIT = 1000
#: a list's total is counted up to this many (then it is "at least"); the count is one query
TOTAL_CAP = 1_000
__all__ = ["EventFilter", "QueryError", "FilterError", "FIELDS", "Page", "list_events",
           "iter_events", "count_events", "events_reported", "best_mention", "event_detail", "event_details", "timeline", "dyad_series", "network",
           "event_filter", "conditions", "QUADS", "SORTS"]


@dataclass
class Page:
    """One page of events; pass ``next_cursor`` as ``after`` to get the next one (None: last)."""

    items: list[dict[str, Any]]
    next_cursor: str | None
    sort: str
    limit: int
    filters: dict[str, Any] = field(default_factory=dict)
    total: int | None = None          # matching events, counted up to TOTAL_CAP
    total_capped: bool = False        # True: there are at least ``total``

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "next_cursor": self.next_cursor, "sort": self.sort,
                "limit": self.limit, "filters": self.filters, "total": self.total,
                "total_capped": self.total_capped}


# --- PLOVER --------------------------------------------------------------------------------------

def plover() -> dict[str, tuple[str, float]]:
    """``{event_type: (quad_class, score)}`` (:data:`kizashi.model.EVENT_TYPES`)."""
    return {t: (e.quad_class, e.score) for t, e in model.EVENT_TYPES.items()}


quad_of = model.quad_of
score_of = model.score_of


def _quad_types(quads: list[str]) -> list[str]:
    wanted = set(quads)
    return sorted(t for t, e in model.EVENT_TYPES.items() if e.quad_class in wanted)


def event_filter(store, f: EventFilter | dict | None = None, **kw) -> EventFilter:
    """The validated filter of a call (``f`` and/or keyword arguments of
    :data:`~kizashi.store.filters.FIELDS`), with names resolved to entity codes on ``store``.
    :class:`QueryError` (``FilterError``) naming the field and its problem."""
    if f is None or isinstance(f, dict):
        params = {**(f or {}), **kw}
        try:
            f = EventFilter(**params)
        except ValidationError as err:
            raise FilterError(explain_filter(err)) from None
    elif kw:
        try:
            f = f.replace(**kw)
        except ValidationError as err:
            raise FilterError(explain_filter(err)) from None
    return resolve_filter(store, f)


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
    a, b = dyad
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


def date_conditions(start: str | None, end: str | None, col=None) -> list:
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


def conditions(store, f: EventFilter) -> list:
    """The WHERE clauses (on ``events``) of a resolved filter (:func:`event_filter`)."""
    conds = date_conditions(f.start, f.end)
    if f.type:
        conds.append(Event.event_type.in_(f.type))
    if f.quad:
        conds.append(Event.event_type.in_(_quad_types(f.quad)))
    if f.actor:
        conds.append(_with_role(f.actor, "actor"))
    if f.recipient:
        conds.append(_with_role(f.recipient, "recipient"))
    if f.dyad:
        conds.append(_dyad_condition(*f.dyad))
    if f.factuality:
        conds.append(Event.best_factuality.in_(f.factuality))
    if f.min_sources is not None:
        conds.append(Event.n_sources >= f.min_sources)
    if f.since:
        conds.append(Event.first_seen >= f.since)
    if f.changed_since:
        conds.append(Event.last_seen >= f.changed_since)
    if f.q:
        c = _text_condition(store, f.q)
        if c is not None:
            conds.append(c)
    return conds


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


def estimate_context(conn, rows) -> dict[str, tuple[str | None, str | None]]:
    """``{mention id: (claimant, as_of)}`` of the estimates of stored mentions (``rows`` with
    ``mention_id``, ``date``, ``date_text``, ``evidence_text``, ``evidence_start``,
    ``trigger_text``, ``trigger_start``, ``trigger_end``, ``source``, ``doc_id``,
    ``published``): who gave the number and for when
    (:mod:`kizashi.fusion.estimates`)."""
    from kizashi.fusion.cluster import strong_date
    from kizashi.fusion.estimates import as_of, claimant_of
    from kizashi.records import EventMention, Span

    rows = list({r.mention_id: r for r in rows}.values())
    credits: dict[str, list[str]] = defaultdict(list)
    for chunk in _chunks([r.mention_id for r in rows]):
        for p in conn.execute(select(MentionParticipant.mention_id, MentionParticipant.text)
                              .where(MentionParticipant.mention_id.in_(chunk),
                                     MentionParticipant.role == "source_of_claim")
                              .order_by(MentionParticipant.mention_id,
                                        MentionParticipant.ordinal)):
            credits[p.mention_id].append(p.text)
    out = {}
    for r in rows:
        m = EventMention(doc=r.doc_id, event_type="", date=r.date, date_text=r.date_text,
                         trigger=Span(r.trigger_text, r.trigger_start, r.trigger_end),
                         evidence=Span(r.evidence_text, r.evidence_start,
                                       r.evidence_start + len(r.evidence_text or "")))
        out[r.mention_id] = (claimant_of(credits.get(r.mention_id, []), r.evidence_text,
                                         r.source or r.doc_id),
                             as_of(r.date, strong_date(m), r.published))
    return out


ESTIMATE_COLUMNS = (Mention.date, Mention.date_text, Mention.evidence_text, Mention.evidence_start,
                    Mention.trigger_text, Mention.trigger_start, Mention.trigger_end)


def _quantities_of(conn, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Every quantity of the events with its outlet, claimant and time, in the order
    :func:`fuse` lists them."""
    q, em, m, d = QuantityRow, EventMentionLink, Mention, Document
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for chunk in _chunks(ids):
        rows = conn.execute(
            select(em.event_id, q.text, q.value, q.low, q.high, q.approx, q.unit, q.object,
                   m.id.label("mention_id"), m.doc_id, m.ordinal, m.factuality, d.source,
                   d.published, *ESTIMATE_COLUMNS)
            .join_from(q, em, em.mention_id == q.mention_id)
            .join(m, m.id == q.mention_id).join(d, d.id == m.doc_id)
            .where(em.event_id.in_(chunk))
            .order_by(em.event_id, func.coalesce(d.published, "9999"), m.doc_id, m.ordinal,
                      q.ordinal)).all()
        context = estimate_context(conn, rows)
        for r in rows:
            qd = Quantity(text=r.text, value=r.value, low=r.low, high=r.high,
                          approx=bool(r.approx), unit=r.unit, object=r.object).to_dict()
            claimant, when = context[r.mention_id]
            qd.update({"source": r.source or r.doc_id, "doc": r.doc_id, "mention": r.ordinal,
                       "mention_id": r.mention_id, "factuality": r.factuality,
                       "published": r.published, "claimant": claimant, "as_of": when})
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
             "last_reported": r.last_reported, "first_seen": r.first_seen,
             "last_seen": r.last_seen, "n_sources": r.n_sources,
             "factuality": r.best_factuality, "factuality_counts": r.factuality_counts or {},
             "confidence": r.confidence, "n_mentions": r.n_mentions,
             "n_quantities": r.n_quantities, "conflicting_quantities": bool(r.conflicting),
             "reliability": r.reliability, "credibility": r.credibility,
             "grade": f"{r.reliability}{r.credibility}" if r.reliability and r.credibility
             else None,
             "contested": bool(r.contested), "discourse": r.discourse,
             "corrected": bool(r.corrected)}
        out.append(d)
    if quantities:
        from kizashi.fusion import find_conflicts
        from kizashi.fusion.cluster import objects_compatible
        from kizashi.fusion.estimates import series

        quants = _quantities_of(conn, ids)
        for d in out:
            qs = quants.get(d["id"], [])
            d["quantities"] = qs
            d["quantity_conflicts"] = [list(p) for p in find_conflicts(qs)]
            d["quantity_series"] = series(qs, objects_compatible)
    return out


# --- cursors ---------------------------------------------------------------------------------------

def encode_cursor(sort: str, key, event_id: str) -> str:
    raw = json.dumps([sort, key, event_id], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    shown = cursor[:40] + ("…" if len(cursor) > 40 else "")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8")
        s, key, event_id = json.loads(raw)
    except Exception:
        raise QueryError(f"cursor {shown!r} is not one this query returned") from None
    if s != sort:
        raise QueryError(f"cursor was made for sort {s!r}, not {sort!r}")
    want = int if SORTS.get(sort, ("",))[0] == "n_sources" else str
    if (key is not None and (type(key) is not want)) or not isinstance(event_id, str) \
            or len(event_id) > 200:
        raise QueryError(f"cursor {shown!r} is not one this query returned")
    return key, event_id


def _event_select(store, sort: str, f: EventFilter):
    """``(select, sort column, id column, descending)`` of a filtered event list.

    With a dyad filter and a date sort the rows come from ``event_dyads`` (index ``a, b, date,
    event_id``) joined to ``events``, sorted on the dyad row's copy of the date, so that a page
    reads the pair's events of the range in order and stops after one page."""
    if sort not in SORTS:
        raise QueryError(f"sort {sort!r}: use one of {', '.join(SORTS)}")
    name, desc = SORTS[sort]
    if f.dyad and name == "date":
        lo, hi = sorted(f.dyad)
        rest = f.model_copy(update={"dyad": None, "start": None, "end": None})
        d = EventDyad
        stmt = (select(Event.__table__).join_from(d, Event, Event.id == d.event_id)
                .where(d.a == lo, d.b == hi, *date_conditions(f.start, f.end, d.date),
                       *conditions(store, rest)))
        return stmt, d.date, d.event_id, desc
    col = Event.__table__.c[name]
    return select(Event.__table__).where(*conditions(store, f)), col, Event.id, desc


def _limit(limit) -> int:
    try:
        n = int(limit)
    except (TypeError, ValueError):
        raise QueryError(f"limit must be an integer, not {str(limit)[:40]!r}") from None
    if not 1 <= n <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}, not {str(limit)[:40]}")
    return n


def count_matching(store, f: EventFilter, cap: int = TOTAL_CAP) -> tuple[int, bool]:
    """``(n, capped)``: how many events match the resolved filter, counted up to ``cap``
    (``capped``: there are more). One query, reading at most ``cap + 1`` index entries."""
    inner = select(Event.id).where(*conditions(store, f)).limit(cap + 1).subquery()
    with store.engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(inner)).scalar_one()
    return min(n, cap), n > cap


def list_events(store, f: EventFilter | None = None, *, sort: str = "date", limit: int = 50,
                after: str | None = None, total: bool = False, **filters) -> Page:
    """A page of events matching the filter (``f`` or keyword arguments; see the module
    docstring); with ``total``, the number of matching events too (up to :data:`TOTAL_CAP`).

    Order: ``sort`` (``date``, ``reported``, ``sources``; ``-`` prefix for descending; missing
    values last), then event id — a total order, so keyset pagination with ``after`` (the
    ``next_cursor`` of the previous page) never skips or repeats an event.

    The events with a value come first, read in index order by ``(value, id) > cursor``; the
    events without one follow, by id. (A single ``ORDER BY ... NULLS LAST`` cannot use the
    index and sorts every matching event before returning the first page.)"""
    f = event_filter(store, f, **filters)
    limit = _limit(limit)
    stmt, col, idcol, desc = _event_select(store, sort, f)
    key, event_id, in_nulls = None, None, False
    if after:
        key, event_id = decode_cursor(after, sort)
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
        nxt = encode_cursor(sort, getattr(last, SORTS[sort][0]), last.id)
    n, capped = count_matching(store, f) if total else (None, False)
    return Page(items=items, next_cursor=nxt, sort=sort, limit=limit, filters=f.active(),
                total=n, total_capped=capped)


def iter_events(store, f: EventFilter | None = None, *, batch: int = 500, sort: str = "date",
                **filters) -> Iterator[dict]:
    """Every event matching the filter, fetched page by page (constant memory)."""
    f = event_filter(store, f, **filters)
    after = None
    while True:
        page = list_events(store, f, sort=sort, limit=batch, after=after)
        yield from page.items
        if not page.next_cursor:
            return
        after = page.next_cursor


def events_reported(store, start: str, end: str, f: EventFilter | None = None, *,
                    limit: int = MAX_LIMIT, **filters) -> list[dict[str, Any]]:
    """Events reported during ``[start, end]`` (ISO days, inclusive): first reported on or
    before ``end`` and last reported on or after ``start``, whatever their own date; the other
    filters as in :func:`list_events` (their ``start``/``end`` are the event's date). Each item
    says whether it is ``new`` (first reported in the period) or had new reports in it. Most
    sources first, then latest report."""
    f = event_filter(store, f, **filters)
    conds = conditions(store, f)
    conds += [Event.first_reported.is_not(None), Event.first_reported < end + "~",
              Event.last_reported >= start]
    with store.engine.connect() as conn:
        rows = conn.execute(select(Event.__table__).where(*conds)
                            .order_by(Event.n_sources.desc(), Event.last_reported.desc(),
                                      Event.id).limit(_limit(limit))).all()
        items = _event_dicts(conn, rows)
    for d in items:
        d["new"] = (d["first_reported"] or "") >= start
    return items


def count_events(store, f: EventFilter | None = None, **filters) -> dict[str, int]:
    """How many events match the filter, and how many of them have conflicting estimates:
    ``{"events", "conflicting"}`` (one aggregate, no rows fetched)."""
    conds = conditions(store, event_filter(store, f, **filters))
    with store.engine.connect() as conn:
        n, c = conn.execute(select(func.count(), func.sum(case((Event.conflicting, 1), else_=0)))
                            .select_from(Event).where(*conds)).one()
    return {"events": n, "conflicting": int(c or 0)}


def event_detail(store, event_id: str) -> dict[str, Any] | None:
    """The event with its quantities (and conflicting pairs) and its mentions — each with
    evidence text, trigger and evidence offsets, participants and its document's title, outlet,
    URL and publication date. None when there is no such event."""
    return event_details(store, [event_id]).get(event_id)


def event_details(store, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    """:func:`event_detail` of many events at once, ``{id: detail}`` (missing ids left out):
    four queries for the whole batch (events, quantities, mentions, participants), not four per
    event, so that a page of 50 rows costs what one row does."""
    em, m, d, p = EventMentionLink, Mention, Document, MentionParticipant
    ids = list(dict.fromkeys(event_ids))
    out: dict[str, dict[str, Any]] = {}
    if not ids:
        return out
    with store.engine.connect() as conn:
        rows = []
        for chunk in _chunks(ids):
            rows += conn.execute(select(Event.__table__).where(Event.id.in_(chunk))).all()
        if not rows:
            return out
        basis = {r.id: r.grade_basis or {} for r in rows}
        for ev in _event_dicts(conn, rows, quantities=True):
            ev["mentions"] = []
            ev["corrections"] = []
            ev["grade_basis"] = basis.get(ev["id"], {})
            out[ev["id"]] = ev
        for c in corrections_of(conn, list(out)):
            out[c.pop("event_id")]["corrections"].append(c)
        ms = []
        for chunk in _chunks(list(out)):
            ms += conn.execute(
                select(em.event_id, m.id, m.doc_id, m.ordinal, m.event_type, m.mode, m.date,
                       m.date_text, m.factuality, m.confidence, m.trigger_text, m.trigger_start,
                       m.trigger_end, m.evidence_text, m.evidence_start, m.evidence_end,
                       m.sentence_role, d.title, d.source, d.url, d.published)
                .join_from(em, m, m.id == em.mention_id).join(d, d.id == m.doc_id)
                .where(em.event_id.in_(chunk))
                .order_by(em.event_id, func.coalesce(d.published, "9999"), m.doc_id,
                          m.ordinal)).all()
        parts: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for chunk in _chunks([x.id for x in ms]):
            for r in conn.execute(select(p.mention_id, p.role, p.code, p.text)
                                  .where(p.mention_id.in_(chunk))
                                  .order_by(p.mention_id, p.role, p.ordinal)):
                parts[r.mention_id][r.role].append({"code": r.code, "text": r.text})
    for r in ms:
        out[r.event_id]["mentions"].append({
            "id": r.id, "doc_id": r.doc_id, "ordinal": r.ordinal, "event_type": r.event_type,
            "mode": r.mode, "date": r.date, "date_text": r.date_text,
            "factuality": r.factuality, "confidence": r.confidence,
            "trigger": {"text": r.trigger_text, "start": r.trigger_start, "end": r.trigger_end},
            "evidence": {"text": r.evidence_text, "start": r.evidence_start,
                         "end": r.evidence_end},
            "actor": parts[r.id]["actor"], "recipient": parts[r.id]["recipient"],
            "source_of_claim": parts[r.id]["source_of_claim"],
            "document": {"id": r.doc_id, "title": r.title, "source": r.source, "url": r.url,
                         "published": r.published},
            "sentence_role": r.sentence_role,
        })
    return out


ROLE_RANK = {"report": 0, "claim": 1, None: 2, "analysis": 3, "background": 4, "forecast": 5,
             "other": 6}


def best_mention(detail: dict[str, Any]) -> dict[str, Any] | None:
    """The mention whose sentence tells the event best: told as fact or attributed (asserted
    or reported) rather than hedged or denied; from a report or a claim rather than an analysis
    or forecast; a sentence rather than a headline; with a number when there is one; from the
    most reliable source (:mod:`kizashi.fusion.grade`); the earliest report."""
    from kizashi.fusion.grade import default_table

    ms = detail.get("mentions") or []
    if not ms:
        return None
    table = default_table()
    parties = set(detail.get("actors") or []) | set(detail.get("recipients") or [])
    rank = {f: i for i, f in enumerate(model.FACTUALITIES)}
    quantified = {q.get("mention_id") for q in detail.get("quantities") or []}

    def key(m):
        doc = m.get("document") or {}
        fact = m.get("factuality")
        text = (m.get("evidence") or {}).get("text") or ""
        return (0 if fact in ("asserted", "reported") else 1 + rank.get(fact, 9),
                min(ROLE_RANK.get(m.get("sentence_role"), 2), 2) if m.get("sentence_role")
                not in ("report", "claim") else 0,
                "。" not in text, m.get("id") not in quantified,
                table.grade_of(doc.get("source"), parties), doc.get("published") or "9999",
                -(m.get("confidence") or 0.0), m.get("doc_id") or "", m.get("ordinal") or 0)

    return min(ms, key=key)


def corrections_of(conn, event_ids: list[str]) -> list[dict[str, Any]]:
    """The active corrections that apply to each of ``event_ids`` (one row per correction and
    event, with ``event_id`` and the mentions it applies to there), oldest first."""
    from kizashi.store.models import Correction, CorrectionEffect

    if not event_ids:
        return []
    revoked = select(Correction.revokes).where(Correction.action == "revoke",
                                               Correction.revokes.is_not(None))
    found: dict[tuple[str, int], dict[str, Any]] = {}
    for chunk in _chunks(event_ids):
        for r in conn.execute(
                select(CorrectionEffect.event_id, CorrectionEffect.mention_id, Correction.id,
                       Correction.action, Correction.author, Correction.created_at,
                       Correction.note, Correction.before, Correction.after)
                .join_from(CorrectionEffect, Correction,
                           Correction.id == CorrectionEffect.correction_id)
                .where(CorrectionEffect.event_id.in_(chunk), ~Correction.id.in_(revoked))
                .order_by(Correction.id, CorrectionEffect.mention_id)):
            c = found.setdefault((r.event_id, r.id), {
                "event_id": r.event_id, "id": r.id, "action": r.action, "author": r.author,
                "created_at": r.created_at.isoformat() if r.created_at else None,
                "note": r.note, "before": r.before, "after": r.after, "active": True,
                "mention_ids": []})
            c["mention_ids"].append(r.mention_id)
    return sorted(found.values(), key=lambda c: (c["id"], c["event_id"]))


# --- rollups ---------------------------------------------------------------------------------------



def _whole(start: str | None, end: str | None, grain: str) -> bool:
    """Whether the range is made of whole months (``grain="m"``) or whole years (``"y"``): it
    starts on the first day and ends on the last day of one (or is given at that precision or
    coarser). Then the rollups of that grain answer it exactly."""
    for value, first in ((start, True), (end, False)):
        if not value:
            continue
        p = model.date_parts(value)
        if not p:
            return False
        y, mo, d = (p + (None, None))[:3]
        if mo is not None and not 1 <= int(mo) <= 12:
            return False
        if grain == "y" and mo is not None and int(mo) != (1 if first else 12):
            return False
        if d is not None and int(d) != (1 if first else calendar.monthrange(int(y), int(mo))[1]):
            return False
    return True


def _rollup_conditions(table, filters: dict[str, Any], grain: str | None = None) -> list | None:
    """WHERE clauses on a rollup table for ``filters``, or None when the rollup cannot answer
    them exactly: a filter other than dates, types (``event_rollup`` only) and quad classes, or a
    range that cuts a month. The coarsest grain that answers is used (all time without dates,
    years, months) unless ``grain`` is given."""
    allowed = {"start", "end", "quad"} | ({"type"} if hasattr(table, "event_type") else set())
    if set(filters) - allowed:
        return None
    start, end = filters.get("start"), filters.get("end")
    if grain is None:
        grain = "a" if not (start or end) else "y" if _whole(start, end, "y") else "m"
    if not _whole(start, end, grain):
        return None
    conds = [table.grain == grain, *date_conditions(start, end, table.period)]
    if start or end:
        conds.append(table.period != "")
    if filters.get("type"):
        conds.append(table.event_type.in_(filters["type"]))
    if filters.get("quad"):
        if hasattr(table, "event_type"):
            conds.append(table.event_type.in_(_quad_types(filters["quad"])))
        elif hasattr(table, "quad_class"):
            conds.append(table.quad_class.in_(filters["quad"]))
        # dyad_rollup counts every quad class in its own column: the caller picks them
    return conds


def timeline(store, f: EventFilter | None = None, *, freq: str = "month",
             **filters) -> dict[str, Any]:
    """Events per period (``day``, ``month`` or ``year`` of the event's date) matching the
    filters: ``{"freq", "rows": [{"period", "count", "quads": {quad: n}, "types": {type: n}}],
    "undated"}`` — ``undated`` counts matching events whose date is missing or coarser than
    ``freq`` (a ``2025-04`` event in a daily timeline)."""
    if freq not in FREQS:
        raise QueryError(f"freq {freq!r}: use one of {', '.join(FREQS)}")
    n = FREQS[freq]
    f = event_filter(store, f, **filters)
    filters = f.active()
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
            conds = conditions(store, f)
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


def _dyad_rows(store, stmt, f: EventFilter):
    """``stmt`` (a select from ``event_dyads``) narrowed to the event filters: date, type and quad
    class on the dyad row itself, every other filter on ``events`` joined by id (one lookup per
    dyad row, rather than an IN list of every event that passes the filter)."""
    conds = date_conditions(f.start, f.end, EventDyad.date)
    if f.type:
        conds.append(EventDyad.event_type.in_(f.type))
    if f.quad:
        conds.append(EventDyad.event_type.in_(_quad_types(f.quad)))
    rest = conditions(store, f.model_copy(update={"start": None, "end": None, "type": None,
                                                  "quad": None}))
    if rest:
        stmt = stmt.join(Event, Event.id == EventDyad.event_id)
    return stmt.where(*conds, *rest)


def dyad_series(store, a: str, b: str, f: EventFilter | None = None, *, freq: str = "month",
                all_roles: bool = False, **filters) -> dict[str, Any]:
    """Cooperation–conflict index between ``a`` and ``b`` (both directions) per ``month`` or ISO
    ``week`` (:func:`kizashi.fusion.dyads.event_period`), the same figures as
    :func:`kizashi.fusion.cooperation_conflict_index` (PLOVER score × factuality weight ×
    confidence) computed in SQL from ``event_dyads``. Rows ``{"period", "index", "cooperation",
    "conflict", "count", "weighted_count", "a_to_b", "b_to_a"}``: an event counts once per period
    (``index``, ``count``) even when it is mutual; ``a_to_b``/``b_to_a`` are the directed
    indexes (a mutual event is in both). Events without a period or a PLOVER score are left out.
    Other filters narrow the events further; the events behind a row are
    ``list_events(dyad=(a, b), start=period, end=period)`` (month) or the row's week.
    Events told only in forecasts, background or boilerplate (``event_dyads.counted``) are left
    out unless ``all_roles``."""
    if freq not in ("month", "week"):
        raise QueryError(f"freq {freq!r}: use month or week")
    f = event_filter(store, f, **filters).model_copy(update={"dyad": None})
    a, b = event_filter(store, dyad=(a, b)).dyad
    filters = f.active()
    lo, hi = sorted((a, b))
    if not filters and not all_roles:             # the whole series: summed at refresh
        r = DyadIndexRollup
        fwd, back = (r.ab, r.ba) if a == lo else (r.ba, r.ab)
        stmt = (select(r.period, r.value.label("index"), r.cooperation, r.conflict,
                       r.n.label("count"), r.weight.label("weighted_count"),
                       fwd.label("a_to_b"), back.label("b_to_a"))
                .where(r.grain == freq[0], r.a == lo, r.b == hi).order_by(r.period))
    else:
        stmt = _dyad_series_select(store, f, freq, a, lo, hi, all_roles)
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    out = [{"period": r.period, "index": round(r.index, 6), "cooperation": round(r.cooperation, 6),
            "conflict": round(r.conflict, 6), "count": r.count,
            "weighted_count": round(r.weighted_count, 6), "a_to_b": round(r.a_to_b, 6),
            "b_to_a": round(r.b_to_a, 6)} for r in rows]
    filters["dyad"] = [a, b]
    return {"a": a, "b": b, "freq": freq, "filters": filters, "rows": out,
            "all_roles": bool(all_roles)}


def _dyad_series_select(store, f: EventFilter, freq: str, a: str, lo: str, hi: str,
                        all_roles: bool = False):
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
    if not all_roles:
        stmt = stmt.where(d.counted)
    return _dyad_rows(store, stmt, f).group_by(period).order_by(period)


def network(store, f: EventFilter | None = None, *, max_edges: int | None = None,
            **filters) -> dict[str, Any]:
    """The actor network of the matching events.

    ``nodes``: ``{"code", "events", "as_actor", "as_recipient"}`` (events it takes part in);
    ``edges``: ``{"source", "target", "weight", "quads": {quad class: events}, "quad_class"}``
    for every actor→recipient pair :func:`kizashi.fusion.dyads.dyad_pairs` gives (mutual events
    link their parties both ways); ``weight`` counts events, ``quad_class`` is the most frequent
    one (the edge's colour). ``max_edges`` keeps the heaviest edges only (ties by pair) and the
    nodes they touch; ``n_edges`` and ``n_nodes`` always give the full counts.

    Whole months with no filter but dates and quad classes are counted from the rollups
    (``dyad_rollup``, ``actor_rollup``, ``event_rollup``); any other filter counts the events."""
    f = event_filter(store, f, **filters)
    filters = f.active()
    if max_edges is not None:
        try:
            max_edges = int(max_edges)
        except (TypeError, ValueError):
            raise QueryError(f"max_edges must be an integer, not {str(max_edges)[:40]!r}") from None
        if max_edges < 1:
            raise QueryError(f"max_edges must be at least 1, not {max_edges}")
    droll = _rollup_conditions(DyadRollup, filters)
    n_edges = None
    with store.engine.connect() as conn:
        if droll is not None:                     # whole periods: count from the rollups
            d, ar, er = DyadRollup, ActorRollup, EventRollup
            quads = list(filters["quad"]) if filters.get("quad") else list(QUADS)
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
                              func.sum(case((d.b_to_a, 1), else_=0))).select_from(d), f)
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
            conds = conditions(store, f)
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
