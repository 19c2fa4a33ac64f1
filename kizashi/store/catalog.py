"""Query functions beyond events, for the JSON API and the workbench pages: documents, actors,
quantity estimates and search. (Event queries are in :mod:`kizashi.store.queries`.)

* :func:`list_documents` — documents, newest first, filtered and keyset-paginated;
* :func:`document_detail` — one document with its text and its mentions (character offsets into
  that text), participants, quantities and the fused event of each mention;
* :func:`list_actors` / :func:`actor_profile` — entities of the gazetteer (``entities`` /
  ``entity_aliases``) and codes seen in events, with their event counts, partners and types;
* :func:`quantities` — every quantity estimate of the matching events, grouped by (object, unit),
  with the conflicting ones marked;
* :func:`search` — full-text document hits and the events of the matching documents.

Every function takes the :class:`~kizashi.store.Store` first, returns plain JSON-able dicts and
lists, and raises :class:`kizashi.store.queries.QueryError` for arguments it cannot use.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict
from typing import Any

from sqlalchemy import and_, func, or_, select

from kizashi.store import queries
from kizashi.store.models import (
    Document,
    EntityAlias,
    EntityRow,
    Event,
    EventMentionLink,
    Mention,
    QuantityRow,
)
from kizashi import model
from kizashi.store.filters import MAX_TERMS, EventFilter, QueryError
from kizashi.store.store import like_pattern, search_terms

MAX_LIMIT = queries.MAX_LIMIT
MAX_SEARCH = 100
TOP_PARTNERS = 20


# --- helpers -------------------------------------------------------------------------------------

def _limit(limit, maximum: int = MAX_LIMIT) -> int:
    try:
        n = int(limit)
    except (TypeError, ValueError):
        raise QueryError(f"limit must be an integer, not {limit!r}") from None
    if not 1 <= n <= maximum:
        raise QueryError(f"limit must be between 1 and {maximum}, not {n}")
    return n


def _date(name: str, value: str | None) -> str | None:
    if value in (None, ""):
        return None
    try:
        return model.parse_date(value).iso()
    except ValueError as err:
        raise QueryError(f"{name}: {err}") from None


def _text(name: str, value: str | None) -> str | None:
    """A text argument, refused when it holds NUL (neither FTS5 nor PostgreSQL takes it) or,
    for a search (``q``), more than :data:`~kizashi.store.filters.MAX_TERMS` words."""
    if value is not None and "\x00" in value:
        raise QueryError(f"{name} must not contain NUL characters")
    if name == "q" and value is not None:
        n = len(search_terms(value))
        if n > MAX_TERMS:
            raise QueryError(f"q has {n} words; at most {MAX_TERMS}")
    return value




def _decode_cursor(cursor: str, kind: str) -> tuple[str | None, str]:
    """:func:`queries.decode_cursor`, and the key and id must be strings (key may be None)."""
    key, ident = queries.decode_cursor(cursor, kind)
    if not (key is None or isinstance(key, str)) or not isinstance(ident, str):
        raise QueryError(f"cursor {cursor!r} is not one this query returned")
    return key, ident


def _items(page) -> list[dict[str, Any]]:
    """The items of a :class:`kizashi.store.queries.Page` (or of its dict form)."""
    return page["items"] if isinstance(page, dict) else page.items


# --- documents -----------------------------------------------------------------------------------

def list_documents(store, *, source: str | None = None, start: str | None = None,
                   end: str | None = None, q: str | None = None, limit: int = 50,
                   after: str | None = None, since: str | None = None) -> dict[str, Any]:
    """Documents, newest first (publication date descending, undated last, then id), filtered by
    outlet, publication date range (``start``/``end``: inclusive at their precision) and words of
    title or text, and ``since`` (first stored at or after: a time or a duration back from now,
    :func:`kizashi.store.filters.parse_since`). ``{"items": [{"id", "title", "source",
    "published", "url", "first_seen", "n_mentions", "n_events"}], "next_cursor", "limit"}``;
    pass ``next_cursor`` as ``after`` for the next page."""
    limit = _limit(limit)
    start, end = _date("start", start), _date("end", end)
    source, text = _text("source", source), _text("q", q)
    d, m, em = Document, Mention, EventMentionLink
    n_mentions = (select(func.count(m.id)).where(m.doc_id == d.id)
                  .correlate(d).scalar_subquery().label("n_mentions"))
    n_events = (select(func.count(func.distinct(em.event_id)))
                .join_from(em, m, m.id == em.mention_id).where(m.doc_id == d.id)
                .correlate(d).scalar_subquery().label("n_events"))
    conds = []
    if source:
        conds.append(d.source == source)
    if since:
        from kizashi.store.filters import parse_since

        try:
            conds.append(d.first_seen >= parse_since(since))
        except ValueError as exc:
            raise QueryError(f"since: {exc}") from None
    # the date rule of the event filters ('~' sorts after digits, '-', 'T', ':')
    conds.extend(queries.date_conditions(start, end, d.published))
    if text:
        c = queries.document_condition(store, text)
        if c is not None:
            conds.append(c)
    if after:
        key, last = _decode_cursor(after, "documents")
        if key is None:
            conds.append(and_(d.published.is_(None), d.id > last))
        else:
            conds.append(or_(d.published < key, and_(d.published == key, d.id > last),
                             d.published.is_(None)))
    stmt = (select(d.id, d.title, d.source, d.published, d.url, d.first_seen, n_mentions,
                   n_events)
            .where(*conds).order_by(d.published.desc().nulls_last(), d.id.asc())
            .limit(limit + 1))
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    more = len(rows) > limit
    rows = rows[:limit]
    items = [{"id": r.id, "title": r.title, "source": r.source, "published": r.published,
              "url": r.url, "first_seen": _seen(r.first_seen),
              "n_mentions": int(r.n_mentions or 0), "n_events": int(r.n_events or 0)}
             for r in rows]
    nxt = queries.encode_cursor("documents", rows[-1].published, rows[-1].id) if more and rows else None
    return {"items": items, "next_cursor": nxt, "limit": limit}


def _seen(when) -> str | None:
    from kizashi.store.filters import seen_key

    return None if when is None else seen_key(when)


def _entity_dict(e) -> dict[str, Any]:
    return {"code": e.code, "text": e.text, "sector": e.sector, "start": e.start, "end": e.end}


def document_detail(store, doc_id: str) -> dict[str, Any] | None:
    """The document with its text, its mentions in document order (with the role of their
    sentence and the analysts' corrections that apply) and its sentences with their roles
    (:func:`kizashi.discourse.reader.sentence_roles`); every ``start``/``end`` is a character
    offset into ``text``. None when there is no such document."""
    from kizashi.store.store import mention_details

    m, em = Mention, EventMentionLink
    with store.engine.connect() as conn:
        doc = conn.execute(select(Document.id, Document.title, Document.text, Document.source,
                                  Document.published, Document.url, Document.format)
                           .where(Document.id == doc_id)).first()
        if doc is None:
            return None
        ms = conn.execute(select(m.__table__).where(m.doc_id == doc_id)
                          .order_by(m.ordinal, m.id)).all()
        ids = [r.id for r in ms]
        events: dict[str, str] = {}
        for r in conn.execute(select(em.mention_id, em.event_id).where(em.mention_id.in_(
                select(m.id).where(m.doc_id == doc_id))).order_by(em.mention_id, em.event_id)):
            events.setdefault(r.mention_id, r.event_id)
        parts, quants = mention_details(conn, ids)
        fixes = mention_corrections(conn, ids)
    mentions = []
    for r in ms:
        mentions.append({
            "id": r.id, "ordinal": r.ordinal, "event_type": r.event_type,
            "quad_class": queries.quad_of(r.event_type), "factuality": r.factuality,
            "mode": r.mode, "date": r.date, "date_text": r.date_text, "confidence": r.confidence,
            "trigger": {"text": r.trigger_text, "start": r.trigger_start, "end": r.trigger_end},
            "evidence": {"text": r.evidence_text, "start": r.evidence_start,
                         "end": r.evidence_end},
            "actor": [_entity_dict(e) for e in parts[r.id]["actor"]],
            "recipient": [_entity_dict(e) for e in parts[r.id]["recipient"]],
            "source_of_claim": [_entity_dict(e) for e in parts[r.id]["source_of_claim"]],
            "quantities": [{**q.to_dict(), "start": q.start, "end": q.end}
                           for q in quants[r.id]],
            "event_id": events.get(r.id),
            "sentence_role": r.sentence_role,
            "corrections": fixes.get(r.id, []),
            "wrong": any(c["action"] == "wrong" for c in fixes.get(r.id, [])),
        })
    from kizashi.discourse.reader import sentence_roles

    sentences = [{k: v for k, v in r.to_dict().items() if k != "text"}
                 for r in sentence_roles(doc.text, doc.published)]
    return {"id": doc.id, "title": doc.title, "text": doc.text, "source": doc.source,
            "published": doc.published, "url": doc.url, "format": doc.format,
            "mentions": mentions, "sentences": sentences}


def mention_corrections(conn, mention_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The active corrections that apply to each mention: ``{mention id: [{id, action, author,
    note, after}]}``."""
    from kizashi.store.models import Correction, CorrectionEffect

    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not mention_ids:
        return out
    revoked = select(Correction.revokes).where(Correction.action == "revoke",
                                               Correction.revokes.is_not(None))
    for i in range(0, len(mention_ids), 500):
        for r in conn.execute(
                select(CorrectionEffect.mention_id, Correction.id, Correction.action,
                       Correction.author, Correction.note, Correction.after)
                .join_from(CorrectionEffect, Correction,
                           Correction.id == CorrectionEffect.correction_id)
                .where(CorrectionEffect.mention_id.in_(mention_ids[i:i + 500]),
                       ~Correction.id.in_(revoked))
                .order_by(Correction.id)):
            out[r.mention_id].append({"id": r.id, "action": r.action, "author": r.author,
                                      "note": r.note, "after": r.after})
    return out


# --- actors --------------------------------------------------------------------------------------

def _alias_order(name: str | None):
    return lambda a: (a != name, len(a), a)


def _aliases_of(conn, codes: list[str], names: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for chunk in (codes[i:i + 500] for i in range(0, len(codes), 500)):
        for r in conn.execute(select(EntityAlias.code, EntityAlias.alias)
                              .where(EntityAlias.code.in_(chunk))):
            out[r.code].append(r.alias)
    return {c: sorted(set(out.get(c, [])), key=_alias_order(names.get(c))) for c in codes}


def list_actors(store, q: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Entities (gazetteer states and organisations, and any other code that takes part in an
    event), most events first, then code: ``[{"code", "name", "kind", "aliases", "n_events"}]``.
    ``q`` keeps those whose code or any alias contains it (case-insensitive): 北朝鮮, 朝鮮民主主義
    人民共和国, ロシア, 露 (露国), prk."""
    limit = _limit(limit)
    q = (_text("q", q) or "").strip()
    ps = queries.roles_select().subquery("ps")
    with store.engine.connect() as conn:
        counts = {r.code: int(r.n) for r in conn.execute(
            select(ps.c.code, func.count(func.distinct(ps.c.event_id)).label("n"))
            .group_by(ps.c.code))}
        ent_q = select(EntityRow.code, EntityRow.name, EntityRow.kind)
        if q:
            pat = like_pattern(q.lower())
            ent_q = ent_q.where(or_(
                func.lower(EntityRow.code).like(pat, escape="\\"),
                EntityRow.code.in_(select(EntityAlias.code).where(
                    or_(func.lower(EntityAlias.alias).like(pat, escape="\\"),
                        EntityAlias.alias.like(like_pattern(q), escape="\\"))))))
        ents = {r.code: (r.name, r.kind) for r in conn.execute(ent_q)}
        known = set(ents) if not q else set(conn.scalars(select(EntityRow.code)))
        folded = q.casefold()
        for code in counts:           # codes in events that the gazetteer does not have
            if code not in known and (not q or folded in code.casefold()):
                ents[code] = (code, None)
        chosen = sorted(ents, key=lambda c: (-counts.get(c, 0), c))[:limit]
        aliases = _aliases_of(conn, chosen, {c: ents[c][0] for c in chosen})
    return [{"code": c, "name": ents[c][0], "kind": ents[c][1], "aliases": aliases[c],
             "n_events": counts.get(c, 0)} for c in chosen]


def actor_profile(store, code: str) -> dict[str, Any] | None:
    """One actor: name, kind and aliases (when the gazetteer has it), how many events it takes
    part in (as actor / as recipient), its top partners (codes in the same events, with their
    events per quad class), its events per type and its ten latest events as actor or
    recipient. None when the code is neither an entity nor a participant of any event."""
    if not code:
        return None
    ps = queries.roles_select().subquery("ps")
    mine = select(ps.c.event_id, ps.c.role).where(ps.c.code == code).subquery("mine")
    other = queries.roles_select().subquery("other")
    with store.engine.connect() as conn:
        ent = conn.execute(select(EntityRow.name, EntityRow.kind)
                           .where(EntityRow.code == code)).first()
        roles = {r.role: int(r.n) for r in conn.execute(
            select(mine.c.role, func.count().label("n")).group_by(mine.c.role))}
        if ent is None and not roles:
            return None
        types = {r.event_type: int(r.n) for r in conn.execute(
            select(Event.event_type, func.count().label("n"))
            .join_from(mine, Event, Event.id == mine.c.event_id)
            .group_by(Event.event_type).order_by(func.count().desc(), Event.event_type))}
        partners: dict[str, dict[str, Any]] = {}
        for r in conn.execute(
                select(other.c.code, Event.event_type, func.count().label("n"))
                .join_from(mine, other, other.c.event_id == mine.c.event_id)
                .join(Event, Event.id == mine.c.event_id)
                .where(other.c.code != code)
                .group_by(other.c.code, Event.event_type)):
            p = partners.setdefault(r.code, {"code": r.code, "events": 0, "quad_classes": {}})
            p["events"] += int(r.n)
            quad = queries.quad_of(r.event_type) or "unknown"
            p["quad_classes"][quad] = p["quad_classes"].get(quad, 0) + int(r.n)
        name = ent.name if ent else code
        aliases = _aliases_of(conn, [code], {code: name})[code]
    top = sorted(partners.values(), key=lambda p: (-p["events"], p["code"]))[:TOP_PARTNERS]
    for p in top:
        p["quad_classes"] = dict(sorted(p["quad_classes"].items()))
    # latest events in either role: the ten latest as actor and as recipient, merged
    both = _items(queries.list_events(store, actor=code, sort="-date", limit=10)) + \
        _items(queries.list_events(store, recipient=code, sort="-date", limit=10))
    recent = sorted(both, key=lambda e: (e["date"] is not None, e["date"] or "", e["id"]),
                    reverse=True)[:10]
    return {"code": code, "name": name, "kind": ent.kind if ent else None, "aliases": aliases,
            "n_events": sum(roles.values()), "as_actor": roles.get("actor", 0),
            "as_recipient": roles.get("recipient", 0), "partners": top, "types": types,
            "recent_events": recent}


# --- quantities ----------------------------------------------------------------------------------

def _num(x):
    return int(x) if isinstance(x, float) and x.is_integer() else x


def quantities(store, f: EventFilter | None = None, *, object: str | None = None,  # noqa: A002
               unit: str | None = None, **filters) -> dict[str, Any]:
    """Every quantity estimate of the events matching the event filters (those of
    :func:`kizashi.store.queries.list_events`), optionally only those of one ``object`` and/or
    ``unit``: ``{"filters", "series": [{"object", "unit", "estimates": [...]}]}``, one series per
    (object, unit), largest first; estimates in order of publication. ``conflicting`` marks an
    estimate that is part of a conflicting pair of its event (:func:`kizashi.fusion.find_conflicts`
    over all of the event's estimates)."""
    from kizashi.fusion import find_conflicts

    f = queries.event_filter(store, f, **filters)
    filters = f.active()
    object, unit = _text("object", object), _text("unit", unit)  # noqa: A001
    q, em, m, d = QuantityRow, EventMentionLink, Mention, Document
    events = select(Event.id).where(*queries.conditions(store, f))
    if object or unit:
        having = select(em.event_id).join_from(em, q, q.mention_id == em.mention_id)
        if object:
            having = having.where(q.object == object)
        if unit:
            having = having.where(q.unit == unit)
        events = events.where(Event.id.in_(having))
    stmt = (select(em.event_id, Event.event_type, Event.date, q.text, q.value, q.low, q.high,
                   q.approx, q.unit, q.object, m.id.label("mention_id"), m.factuality,
                   d.id.label("doc_id"), d.source, d.published, *queries.ESTIMATE_COLUMNS)
            .join_from(q, em, em.mention_id == q.mention_id)
            .join(Event, Event.id == em.event_id)
            .join(m, m.id == q.mention_id).join(d, d.id == m.doc_id)
            .where(em.event_id.in_(events))
            .order_by(func.coalesce(d.published, "9999"), d.id, m.ordinal, q.ordinal))
    per_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
        context = queries.estimate_context(conn, rows)
        for n, r in enumerate(rows):
            claimant, when = context[r.mention_id]
            per_event[r.event_id].append({
                "event_id": r.event_id, "event_type": r.event_type, "date": r.date,
                "published": r.published, "source": r.source, "doc_id": r.doc_id,
                "mention_id": r.mention_id, "text": r.text, "value": _num(r.value),
                "low": _num(r.low), "high": _num(r.high), "approx": bool(r.approx),
                "unit": r.unit, "object": r.object, "factuality": r.factuality,
                "claimant": claimant, "as_of": when, "conflicting": False, "_seq": n})
    estimates = []
    for qs in per_event.values():
        for i, j in find_conflicts(qs):
            qs[i]["conflicting"] = qs[j]["conflicting"] = True
        estimates.extend(qs)
    estimates.sort(key=lambda e: e["_seq"])          # publication, document, mention order
    series: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for e in estimates:
        if (object and e["object"] != object) or (unit and e["unit"] != unit):
            continue
        del e["_seq"]
        key = (e.pop("object"), e.pop("unit"))
        series[key].append(e)
    out = [{"object": k[0], "unit": k[1], "estimates": v}
           for k, v in sorted(series.items(),
                              key=lambda kv: (-len(kv[1]), kv[0][0] or "", kv[0][1] or ""))]
    shown = dict(filters)
    if object:
        shown["object"] = object
    if unit:
        shown["unit"] = unit
    return {"filters": shown, "series": out}


# --- search --------------------------------------------------------------------------------------

def search(store, q: str, limit: int = 20) -> dict[str, Any]:
    """Documents containing every word of ``q`` (:meth:`Store.search_documents`: ranked hits with a
    snippet) and the events of such documents, most recent first."""
    q = (_text("q", q) or "").strip()
    if not q:
        raise QueryError("search needs a query (q)")
    limit = _limit(limit, MAX_SEARCH)
    hits = [asdict(h) for h in store.search_documents(q, limit=limit)]
    page = queries.list_events(store, q=q, sort="-date", limit=limit)
    return {"q": q, "documents": hits, "events": _items(page)}
