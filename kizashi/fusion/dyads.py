"""Dyadic cooperation–conflict index over fused events.

For each ordered pair (actor, recipient) and period, the index is the sum over the pair's events
of ``PLOVER score(type) × FACTUALITY_WEIGHT[factuality] × confidence``, where the factuality is
the event's best-attested one and the confidence the best of its mentions. Mutual events (several
actors, no recipient: a treaty signing, joint exercises) count for every ordered pair of parties;
one-sided events (a missile launch) give a row with ``recipient=None`` unless ``unary=False``.
Events told only in forecasts, background or boilerplate (:attr:`FusedEvent.discourse`, see
:data:`kizashi.fusion.cluster.UNCOUNTED_ROLES`) are left out unless ``all_roles=True``: what may
happen, or happened years ago, is not this month's cooperation or conflict.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from kizashi.fusion.cluster import UNCOUNTED_ROLES, FusedEvent, dates_agree
from kizashi.model import FACTUALITY_WEIGHT
from kizashi.model import date_parts as _parts


def event_period(event: FusedEvent, freq: str = "month") -> str | None:
    """The period an event falls in: ``2024-06`` (month) or ``2024-W25`` (ISO week).

    The event's date is used; when it is coarser than ``freq`` needs, the first report is used if
    it agrees with the date (an event of ``2024-06`` first reported on 2024-06-20 is in week 25),
    else the first day of the date's period. None when there is no date at all."""
    if freq not in ("month", "week"):
        raise ValueError(f"freq must be 'month' or 'week', not {freq!r}")
    need = 2 if freq == "month" else 3
    date = event.date
    if len(_parts(date)) < need and event.first_reported and (
            date is None or dates_agree(date, event.first_reported)):
        if len(_parts(event.first_reported)) >= need:
            date = event.first_reported
    p = _parts(date)
    if not p:
        return None
    y, m, d = p[0], p[1] if len(p) > 1 else 1, p[2] if len(p) > 2 else 1
    if freq == "month":
        return f"{y:04d}-{m:02d}"
    iso = dt.date(y, m, d).isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def dyad_pairs(event: FusedEvent, unary: bool = True) -> list[tuple[str, str | None]]:
    """Ordered (actor, recipient) pairs an event counts for."""
    if event.recipients:
        return [(a, r) for a in event.actors for r in event.recipients if a != r]
    if len(event.actors) > 1:
        return [(a, b) for a in event.actors for b in event.actors if a != b]
    return [(a, None) for a in event.actors] if unary else []


def event_weight(event: FusedEvent) -> float:
    return FACTUALITY_WEIGHT.get(event.factuality, 0.0) * event.confidence


def counted(event: FusedEvent) -> bool:
    """Whether the event counts in the cooperation-conflict index by default."""
    return getattr(event, "discourse", "report") not in UNCOUNTED_ROLES


def cooperation_conflict_index(events: Iterable[FusedEvent], freq: str = "month",
                               unary: bool = True, lexicon=None,
                               all_roles: bool = False) -> list[dict[str, Any]]:
    """Rows ``{actor, recipient, period, index, cooperation, conflict, count, weighted_count,
    events}`` sorted by (actor, recipient, period); ``cooperation``/``conflict`` split the index
    by the sign of the PLOVER score and ``count`` is the number of events (whatever their weight).
    Events without a date or without a PLOVER score are left out."""
    if lexicon is None:
        from kizashi.events.lexicon import default_lexicon

        lexicon = default_lexicon()
    rows: dict[tuple[str, str | None, str], dict[str, Any]] = {}
    for ev in events:
        score = lexicon.score(ev.event_type)
        period = event_period(ev, freq)
        if score is None or period is None or not (all_roles or counted(ev)):
            continue
        w = event_weight(ev)
        for a, r in dyad_pairs(ev, unary):
            row = rows.setdefault((a, r, period), {
                "actor": a, "recipient": r, "period": period, "index": 0.0, "cooperation": 0.0,
                "conflict": 0.0, "count": 0, "weighted_count": 0.0, "events": []})
            row["index"] += score * w
            row["cooperation" if score > 0 else "conflict"] += score * w
            row["count"] += 1
            row["weighted_count"] += w
            row["events"].append(ev.id)
    out = []
    for key in sorted(rows, key=lambda k: (k[0], k[1] or "", k[2])):
        row = rows[key]
        for f in ("index", "cooperation", "conflict", "weighted_count"):
            row[f] = round(row[f], 6)
        out.append(row)
    return out
