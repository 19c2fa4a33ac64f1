"""Fusion of the stored mentions into the ``events`` / ``event_mentions`` tables.

:func:`refresh_events` reads every stored mention (with its document's outlet and publication
date), runs :func:`kizashi.fusion.fuse` over the whole corpus and REPLACES all fused events in one
write transaction: readers see either the old events or the new ones, never a mix. Event ids are
:attr:`FusedEvent.id` (a hash of type, participants, date and first mention), so refreshing an
unchanged corpus gives identical ids.

``kizashi ingest`` stores articles and mentions only; run ``kizashi events --refresh`` (or call
:func:`refresh_events`) after ingesting to rebuild the events.

When it was seen (0004): an event's ``first_seen`` is the earliest ``documents.first_seen`` of
its documents (when kizashi first stored one of them), its ``last_seen`` the latest
``documents.ingested_at`` (when a new or changed document last joined it).

Storage layout (schema 0002). ``events`` keeps type, dates, source count, best-attested
factuality and the summary :func:`fuse` computed: quad class and PLOVER score, mode, best
confidence, mention and quantity counts, whether estimates conflict, factuality counts, and the
month and ISO week the event counts in (:func:`kizashi.fusion.dyads.event_period`). Next to it:

* ``event_mentions``: which stored mentions make up the event (the evidence);
* ``event_participants``: the fused actors and recipients;
* ``event_dyads``: one row per event and unordered pair of parties that
  :func:`kizashi.fusion.dyads.dyad_pairs` links, with its directions and its weight and value in
  the cooperation–conflict index.

All of it is derived from the stored mentions and rewritten by every refresh, so there is still one
source of truth; what a single event's page needs beyond the summary (its quantities with their
outlets, its mentions and their evidence) is read from the mentions by :mod:`kizashi.store.queries`.
"""
from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from sqlalchemy import delete, func, insert, select, text

from kizashi.records import EventMention
from kizashi.store.models import (
    ActorRollup,
    CorrectionEffect,
    Document,
    DyadIndexRollup,
    DyadRollup,
    EventRollup,
    Event,
    EventDyad,
    EventMentionLink,
    EventParticipant,
    Mention,
)
from kizashi.store.store import mention_details, mention_record

BATCH = 1000


def load_mentions(conn, plan=None) -> tuple[list[tuple[Any, EventMention]],
                                            dict[tuple[str, int], str]]:
    """Every stored mention as ``(MentionContext, EventMention)`` in (document, ordinal) order, and
    the map from fusion keys ``(doc id, n)`` to stored mention ids. With a correction ``plan``
    (:func:`kizashi.store.corrections.plan`), mentions marked wrong are left out and corrected
    ones carry their corrected type and participants."""
    from kizashi.fusion import MentionContext
    from kizashi.store.corrections import apply_overrides, participant_names

    docs = {r.id: MentionContext(doc_id=r.id, source=r.source, published=r.published,
                                 title=r.title)
            for r in conn.execute(select(Document.id, Document.source, Document.published,
                                         Document.title))}
    parts, quants = mention_details(conn)
    names = {}
    if plan is not None and plan.overrides:
        names = participant_names(conn, (c for o in plan.overrides.values()
                                         for r in ("actor", "recipient") for c in o.get(r, [])))
    items: list[tuple[Any, EventMention]] = []
    keys: dict[tuple[str, int], str] = {}
    counters: dict[str, int] = defaultdict(int)
    for m in conn.execute(select(Mention.__table__).order_by(Mention.doc_id, Mention.ordinal)):
        if plan is not None and m.id in plan.excluded:
            continue
        n = counters[m.doc_id]
        counters[m.doc_id] += 1
        keys[(m.doc_id, n)] = m.id
        em = mention_record(m, parts, quants)
        if plan is not None and m.id in plan.overrides:
            apply_overrides(em, plan.overrides[m.id], names)
        items.append((docs.get(m.doc_id) or MentionContext(doc_id=m.doc_id), em))
    return items, keys


def constraints_of(plan, keys: dict[tuple[str, int], str]):
    """The plan's cannot-link pairs and must-link groups on fusion keys."""
    from kizashi.fusion import Constraints

    key_of = {mid: k for k, mid in keys.items()}
    cannot = frozenset(frozenset(key_of[m] for m in pair) for pair in plan.cannot
                       if all(m in key_of for m in pair))
    must = tuple(frozenset(key_of[m] for m in g if m in key_of) for g in plan.must)
    return Constraints(cannot=cannot, must=tuple(g for g in must if len(g) > 1))


def document_seen(conn) -> dict[str, tuple[str, str]]:
    """``{doc id: (first seen, last stored)}`` as :func:`kizashi.store.filters.seen_key`
    strings: when the document was first stored, and when its current version was."""
    from kizashi.store.filters import seen_key

    out = {}
    for r in conn.execute(select(Document.id, Document.first_seen, Document.ingested_at)):
        last = seen_key(r.ingested_at)
        out[r.id] = (seen_key(r.first_seen) if r.first_seen is not None else last, last)
    return out


def event_rows(e, plover: dict[str, tuple[str, float]]) -> tuple[dict, list[dict], list[dict]]:
    """The ``events`` row of a :class:`FusedEvent` and its ``event_participants`` and
    ``event_dyads`` rows."""
    from kizashi.fusion.dyads import counted, dyad_pairs, event_period, event_weight

    quad, score = plover.get(e.event_type, (None, None))
    month, week = event_period(e, "month"), event_period(e, "week")
    row = {"id": e.id, "event_type": e.event_type, "date": e.date,
           "first_reported": e.first_reported, "last_reported": e.last_reported,
           "n_sources": len(e.sources), "best_factuality": e.factuality, "quad_class": quad,
           "score": score, "mode": e.mode, "confidence": round(e.confidence, 3),
           "n_mentions": len(e.mentions), "n_quantities": len(e.quantities),
           "conflicting": bool(e.conflicting_quantities),
           "factuality_counts": dict(sorted(e.factuality_counts.items())),
           "month": month, "week": week, "reliability": e.reliability,
           "credibility": e.credibility, "contested": bool(e.contested),
           "grade_basis": e.grade_basis, "discourse": e.discourse, "corrected": False}
    parts = [{"event_id": e.id, "code": c, "role": "actor", "date": e.date} for c in e.actors]
    parts += [{"event_id": e.id, "code": c, "role": "recipient", "date": e.date}
              for c in e.recipients if c not in e.actors]
    weight = event_weight(e)
    pairs: dict[tuple[str, str], dict] = {}
    for src, dst in dyad_pairs(e, unary=False):
        a, b = sorted((src, dst))
        d = pairs.setdefault((a, b), {
            "event_id": e.id, "a": a, "b": b, "a_to_b": False, "b_to_a": False, "date": e.date,
            "month": month, "week": week, "event_type": e.event_type, "quad_class": quad,
            "weight": weight, "value": None if score is None else score * weight,
            "counted": counted(e)})
        d["a_to_b" if src == a else "b_to_a"] = True
    return row, parts, list(pairs.values())


def is_stale(store) -> bool:
    """Whether the fused events lag behind the stored mentions: a mention in no event (a new or
    changed article), an event left without mentions (a deleted or changed article), or an
    event that lost some of its mentions (a changed article that no longer has one: the event
    keeps its other links, so only the count tells). Every change to an article deletes the
    links of its old mentions, so one of the three follows every change. A mention an analyst
    marked wrong is in no event on purpose (``correction_effects`` says so)."""
    from kizashi.store.models import Correction

    em = EventMentionLink
    wrong = (select(CorrectionEffect.mention_id)
             .join_from(CorrectionEffect, Correction,
                        Correction.id == CorrectionEffect.correction_id)
             .where(Correction.action == "wrong"))
    with store.engine.connect() as conn:
        orphan_mention = conn.execute(
            select(Mention.id).where(~Mention.id.in_(select(em.mention_id)),
                                     ~Mention.id.in_(wrong)).limit(1)).first()
        empty_event = conn.execute(
            select(Event.id).where(~Event.id.in_(select(em.event_id))).limit(1)).first()
        summed = conn.execute(select(func.coalesce(func.sum(Event.n_mentions), 0))).scalar_one()
        linked = conn.execute(select(func.count()).select_from(em)).scalar_one()
    return orphan_mention is not None or empty_event is not None or int(summed) != int(linked)


GRAINS = {"m": "substr({col}, 1, 7)", "y": "substr({col}, 1, 4)", "a": "NULL"}
_QUAD_COUNTS = ", ".join(f"sum(CASE WHEN quad_class = '{q}' THEN 1 ELSE 0 END)" for q in (
    "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"))
ROLLUPS = (
    """INSERT INTO dyad_rollup (grain, period, src, dst, n, verbal_cooperation,
                                material_cooperation, verbal_conflict, material_conflict)
       SELECT '{grain}', coalesce({key}, ''), a, b, count(*), %s
       FROM event_dyads WHERE a_to_b GROUP BY coalesce({key}, ''), a, b""" % _QUAD_COUNTS,
    """INSERT INTO dyad_rollup (grain, period, src, dst, n, verbal_cooperation,
                                material_cooperation, verbal_conflict, material_conflict)
       SELECT '{grain}', coalesce({key}, ''), b, a, count(*), %s
       FROM event_dyads WHERE b_to_a GROUP BY coalesce({key}, ''), a, b""" % _QUAD_COUNTS,
    """INSERT INTO actor_rollup (grain, code, role, period, quad_class, n)
       SELECT '{grain}', p.code, p.role, coalesce({key}, ''), coalesce(e.quad_class, ''),
              count(*)
       FROM event_participants p JOIN events e ON e.id = p.event_id
       GROUP BY p.code, p.role, coalesce({key}, ''), coalesce(e.quad_class, '')""",
    """INSERT INTO event_rollup (grain, period, event_type, n)
       SELECT '{grain}', coalesce({key}, ''), event_type, count(*) FROM events e
       GROUP BY coalesce({key}, ''), event_type""",
)
INDEX_ROLLUP = """INSERT INTO dyad_index_rollup (grain, a, b, period, n, value, cooperation, conflict,
                                       weight, ab, ba)
    SELECT '{grain}', a, b, {col}, count(*), sum(value),
           sum(CASE WHEN value > 0 THEN value ELSE 0 END),
           sum(CASE WHEN value < 0 THEN value ELSE 0 END), sum(weight),
           sum(CASE WHEN a_to_b THEN value ELSE 0 END), sum(CASE WHEN b_to_a THEN value ELSE 0 END)
    FROM event_dyads WHERE value IS NOT NULL AND counted AND {col} IS NOT NULL
    GROUP BY a, b, {col}"""


def rebuild_rollups(conn) -> None:
    """Recount ``dyad_rollup``, ``actor_rollup`` and ``event_rollup`` from the fused events (in
    the caller's transaction), at three grains: month (the date cut to 7 characters), year (cut
    to 4) and all time; ``''`` is the period of an undated event and of the all-time grain. And
    ``dyad_index_rollup``, the index of every pair per month and ISO week."""
    for model in (DyadRollup, DyadIndexRollup, ActorRollup, EventRollup):
        conn.execute(delete(model.__table__))
    for sql, col in zip(ROLLUPS, ("date", "date", "e.date", "e.date")):
        for grain, key in GRAINS.items():
            conn.execute(text(sql.format(grain=grain, key=key.format(col=col))))
    for grain, col in (("m", "month"), ("w", "week")):
        conn.execute(text(INDEX_ROLLUP.format(grain=grain, col=col)))


def refresh_events(store) -> dict[str, Any]:
    """Re-fuse every stored mention and replace the fused events (``events``,
    ``event_mentions``, ``event_participants``, ``event_dyads``) in ONE transaction. Returns
    ``{"mentions", "events", "links", "conflicting", "seconds"}``."""
    from kizashi.fusion import fuse
    from kizashi.store.corrections import plan as correction_plan
    from kizashi.store.queries import plover

    t0 = time.perf_counter()
    table = {name: m.__table__ for name, m in (
        ("events", Event), ("links", EventMentionLink), ("participants", EventParticipant),
        ("dyads", EventDyad), ("effects", CorrectionEffect))}
    with store._write() as conn, conn.begin():
        plan = correction_plan(conn)
        items, keys = load_mentions(conn, plan)
        events = fuse(items, constraints_of(plan, keys) if plan else None)
        seen = document_seen(conn)
        rows: dict[str, list[dict]] = {name: [] for name in table}
        pl = plover()
        event_of: dict[str, str] = {}
        for e in events:
            row, parts, dyads = event_rows(e, pl)
            docs = [seen[d] for d in {k[0] for k in e.mentions} if d in seen]
            row["first_seen"] = min((f for f, _ in docs), default=None)
            row["last_seen"] = max((last for _, last in docs), default=None)
            rows["events"].append(row)
            rows["participants"].extend(parts)
            rows["dyads"].extend(dyads)
            rows["links"].extend({"event_id": e.id, "mention_id": keys[k]} for k in e.mentions)
            event_of.update((keys[k], e.id) for k in e.mentions)
        corrected = set()
        for cid, mid in plan.effects:
            rows["effects"].append({"correction_id": cid, "mention_id": mid,
                                    "event_id": event_of.get(mid)})
            if mid in event_of:
                corrected.add(event_of[mid])
        for row in rows["events"]:
            row["corrected"] = row["id"] in corrected
        for name in ("effects", "dyads", "participants", "links", "events"):
            conn.execute(delete(table[name]))
        for name in ("events", "links", "participants", "dyads", "effects"):
            for i in range(0, len(rows[name]), BATCH):
                conn.execute(insert(table[name]), rows[name][i:i + BATCH])
        rebuild_rollups(conn)
    store.analyze()
    return {"mentions": len(items), "events": len(events), "links": len(rows["links"]),
            "conflicting": sum(1 for e in events if e.conflicting_quantities),
            "contested": sum(1 for e in events if e.contested),
            "corrections": len({c for c, _ in plan.effects}),
            "seconds": round(time.perf_counter() - t0, 3)}
