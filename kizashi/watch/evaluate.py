"""Evaluating a watch: which events match it, and its state.

An event matches a watch when it passes the watch's :class:`~kizashi.store.filters.EventFilter`
(:meth:`kizashi.watch.spec.WatchSpec.event_filter`), has one of its modes (if any) and, with a
quantity condition, an estimate that meets it.

The state is read from the matching events placed by day (the event's date when it is known to
the day, else the day of its first report; events known only to the month are not placed):

* **escalating**: the watch has a baseline and the current period (the ``window_days`` up to
  ``now``) holds at least ``min_count`` events, at least ``factor`` times the mean of the
  ``windows`` periods before it and more than that mean plus ``sd`` standard deviations;
* **triggered**: the current period holds at least one matching event;
* **quiet**: none.

:func:`evaluate` returns the state with what decided it: the counts per period (the board's
sparkline), the baseline figures and a sentence saying why, and the latest events of the period
with their sentences and documents (the evidence).
"""
from __future__ import annotations

import datetime as dt
import statistics
from typing import Any, Iterable

from kizashi.store import queries
from kizashi.watch.spec import QuantityCondition, WatchSpec

__all__ = ["event_day", "quantity_ok", "matching_events", "evaluate", "evidence_of",
           "STATES", "SERIES_WINDOWS", "MAX_EVIDENCE"]

STATES = ("quiet", "triggered", "escalating")
SERIES_WINDOWS = 12          # earlier periods on the sparkline when the watch has no baseline
MAX_EVIDENCE = 5


def event_day(ev: dict[str, Any]) -> dt.date | None:
    for value in (ev.get("date"), ev.get("first_reported")):
        if value and len(value) >= 10:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def _amount(q: dict[str, Any]) -> float | None:
    for k in ("value", "high", "low"):
        if q.get(k) is not None:
            return float(q[k])
    return None


def quantity_ok(cond: QuantityCondition | None, quantities: Iterable[dict[str, Any]]) -> bool:
    """Whether one of the estimates meets the condition (no condition: True)."""
    if cond is None:
        return True
    for q in quantities:
        if cond.unit and (q.get("unit") or "") != cond.unit:
            continue
        if cond.object:
            hay = (q.get("object") or "") + " " + (q.get("text") or "")
            if not any(w in hay for w in cond.object):
                continue
        n = _amount(q)
        if n is None:
            continue
        if cond.min is not None and n < cond.min:
            continue
        if cond.max is not None and n > cond.max:
            continue
        return True
    return False


def _needs_detail(spec: WatchSpec) -> bool:
    return spec.quantity is not None


def matching_events(store, spec: WatchSpec, *, detail: bool = False, limit: int | None = None,
                    **extra) -> list[dict[str, Any]]:
    """The events matching ``spec`` (newest first by date), narrowed by ``extra`` filters
    (``since``, ``changed_since``, ``start``...); with ``detail`` (or a quantity condition)
    each carries its quantities and mentions (:func:`kizashi.store.queries.event_details`)."""
    f = spec.event_filter()
    if extra:
        f = f.replace(**{k: v for k, v in extra.items() if v is not None})
    out: list[dict[str, Any]] = []
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        if not batch:
            return
        if detail or _needs_detail(spec):
            details = queries.event_details(store, [e["id"] for e in batch])
            rows = [details[e["id"]] for e in batch if e["id"] in details]
        else:
            rows = list(batch)
        for e in rows:
            if spec.mode and e.get("mode") not in spec.mode:
                continue
            if not quantity_ok(spec.quantity, e.get("quantities") or []):
                continue
            out.append(e)
        batch.clear()

    for e in queries.iter_events(store, f, sort="-date", batch=500):
        if spec.mode and e.get("mode") not in spec.mode:
            continue
        batch.append(e)
        if len(batch) >= 200:
            flush()
        if limit is not None and len(out) >= limit:
            break
    flush()
    return out[:limit] if limit is not None else out


def evidence_of(ev: dict[str, Any]) -> dict[str, Any]:
    """What an alert or the board shows of an event: its summary, the sentence of its first
    mention and that mention's document."""
    ms = ev.get("mentions") or []
    m = ms[0] if ms else {}
    doc = m.get("document") or {}
    return {"event_id": ev["id"], "event_type": ev["event_type"], "mode": ev.get("mode"),
            "date": ev.get("date"), "actors": ev.get("actors") or [],
            "recipients": ev.get("recipients") or [], "factuality": ev.get("factuality"),
            "n_sources": ev.get("n_sources", 0), "first_seen": ev.get("first_seen"),
            "first_reported": ev.get("first_reported"),
            "quantities": [{k: q.get(k) for k in ("text", "value", "low", "high", "unit",
                                                  "object", "source")}
                           for q in ev.get("quantities") or []],
            "sentence": (m.get("evidence") or {}).get("text"),
            "document": {k: doc.get(k) for k in ("id", "title", "source", "url", "published")}
            if doc else None}


def evaluate(store, spec: WatchSpec, now: dt.datetime | None = None) -> dict[str, Any]:
    """The state of a watch at ``now`` and what decided it (see the module docstring)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    today = now.date()
    wd = spec.window_days
    n_before = spec.baseline.windows if spec.baseline else SERIES_WINDOWS
    first_day = today - dt.timedelta(days=wd * (n_before + 1) - 1)
    start = first_day.isoformat()
    own = spec.filter.get("start")
    events = matching_events(store, spec, start=own if own and own > start else start)
    counts = [0] * (n_before + 1)           # oldest first; the last is the current period
    current: list[dict[str, Any]] = []
    for e in events:
        day = event_day(e)
        if day is None or day > today or day < first_day:
            continue
        k = (today - day).days // wd          # 0: current period
        counts[n_before - k] += 1
        if k == 0:
            current.append(e)
    now_count, before = counts[-1], counts[:-1]
    mean = statistics.fmean(before) if before else 0.0
    sd = statistics.pstdev(before) if len(before) > 1 else 0.0
    window = {"start": (today - dt.timedelta(days=wd - 1)).isoformat(), "end": today.isoformat(),
              "days": wd}
    baseline = None
    state = "triggered" if now_count else "quiet"
    if spec.baseline:
        b = spec.baseline
        threshold = max(float(b.min_count), b.factor * mean, mean + b.sd * sd + 1e-9)
        baseline = {"windows": b.windows, "mean": round(mean, 3), "sd": round(sd, 3),
                    "threshold": round(threshold, 3), "factor": b.factor,
                    "min_count": b.min_count}
        if now_count >= b.min_count and now_count >= b.factor * mean \
                and now_count > mean + b.sd * sd:
            state = "escalating"
    if state == "escalating":
        reason = (f"{now_count} event(s) in the {wd} day(s) to {today} against a mean of "
                  f"{mean:.2f} (sd {sd:.2f}) in the {n_before} periods before: at least "
                  f"{baseline['threshold']:g} makes a large increase")
    elif state == "triggered":
        reason = f"{now_count} matching event(s) in the {wd} day(s) to {today}"
        if baseline:
            reason += (f"; the mean of the {n_before} periods before is {mean:.2f}, below the "
                       f"{baseline['threshold']:g} of a large increase")
    else:
        reason = f"no matching event in the {wd} day(s) to {today}"
    current.sort(key=lambda e: (e.get("date") or e.get("first_reported") or "", e["id"]),
                 reverse=True)
    top = current[:MAX_EVIDENCE]
    details = queries.event_details(store, [e["id"] for e in top])
    evidence = [evidence_of(details.get(e["id"], e)) for e in top]
    return {"state": state, "reason": reason, "count": now_count, "window": window,
            "series": counts, "baseline": baseline, "evidence": evidence,
            "matching_total": len(events), "evaluated_at": now.astimezone(dt.timezone.utc)
            .isoformat(timespec="seconds").replace("+00:00", "Z")}
