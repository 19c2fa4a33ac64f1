"""Analysts' corrections as data: :func:`score_corrections` runs the extractor as it is now
(and fusion, for splits and merges) on what the analysts corrected and counts the errors it
still makes (``kizashi eval --corrections``).

For each active correction:

* ``wrong`` — does the extractor still produce the mention (its anchor still finds one)?
* ``type``, ``actor``, ``recipient`` — do the mentions the correction was made on now have the
  type or participants the analyst gave (each mention is judged; the correction is right when
  all of them are)?
* ``split`` — does fusion, without the analyst's constraints, still put the mention with the
  mentions it was split from?
* ``merge`` — does fusion, without them, still keep the two events apart?

A verdict is ``still_wrong``, ``now_right`` or ``gone`` (the document or the mention is no longer
there to judge). Notes are not judged.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from kizashi.store.corrections import active, resolve, rows_by_doc
from kizashi.store.models import Document

JUDGED = ("wrong", "type", "actor", "recipient", "split", "merge")


@dataclass(frozen=True)
class _Row:
    """A fresh mention in the shape :func:`kizashi.store.corrections.resolve` reads."""

    id: int
    event_type: str
    trigger_text: str
    evidence_text: str


def _anchors(c) -> list[dict]:
    t = c.target or {}
    if c.action in ("wrong", "split"):
        return [t["mention"]] if isinstance(t.get("mention"), dict) else []
    if c.action == "merge":
        return [a for g in t.get("events") or [] for a in g]
    return list(t.get("event") or [])


def _fresh(store, docs: set[str]) -> dict[str, tuple[list[_Row], list]]:
    """The extractor's output now for each document: ``{doc: (rows, mentions)}``."""
    from kizashi.pipeline import extract

    out = {}
    with store.engine.connect() as conn:
        texts = {r.id: r for r in conn.execute(
            select(Document.id, Document.text, Document.published)
            .where(Document.id.in_(sorted(docs))))}
    for doc in sorted(docs):
        d = texts.get(doc)
        if d is None:
            continue
        ms = extract(d.text, doc_id=doc, published=d.published)
        out[doc] = ([_Row(i, m.event_type, m.trigger.text, m.evidence.text)
                     for i, m in enumerate(ms)], ms)
    return out


def _find(anchor: dict, fresh) -> Any:
    rows, ms = fresh.get(anchor.get("doc"), ([], []))
    i = resolve(anchor, rows)
    if i is None:               # the type may be what changed: find it by trigger and sentence
        i = resolve({**anchor, "type": None}, [
            _Row(r.id, None, r.trigger_text, r.evidence_text) for r in rows])
    return ms[i] if i is not None else None


def _judge_mentions(c, fresh) -> tuple[str, str]:
    after = c.after or {}
    verdicts, what = [], ""
    for a in _anchors(c):
        if a.get("doc") not in fresh:
            verdicts.append("gone")
            continue
        m = _find(a, fresh)
        what = f"{a.get('doc')}: {a.get('trigger')} ({a.get('type')})"
        if c.action == "wrong":
            verdicts.append("still_wrong" if m is not None and m.event_type == a.get("type")
                            else "now_right")
            continue
        if m is None:
            verdicts.append("gone")
        elif c.action == "type":
            verdicts.append("now_right" if m.event_type == after.get("event_type")
                            else "still_wrong")
        else:
            got = sorted({e.code for e in getattr(m, c.action) if e.code})
            verdicts.append("now_right" if got == sorted(after.get(c.action) or [])
                            else "still_wrong")
    if not verdicts:
        return "gone", what
    if "still_wrong" in verdicts:
        return "still_wrong", what
    return ("now_right" if "now_right" in verdicts else "gone"), what


def _judge_fusion(store, c) -> tuple[str, str]:
    """Splits and merges against fusion of the stored mentions without any constraint."""
    from kizashi.fusion import fuse
    from kizashi.store.fusion_sync import load_mentions

    with store.engine.connect() as conn:
        items, keys = load_mentions(conn)
        by_doc = rows_by_doc(conn)
    cluster = {}
    for n, ev in enumerate(fuse(items)):
        for k in ev.mentions:
            cluster[keys[k]] = n
    t = c.target or {}

    def find(a):
        return resolve(a, by_doc.get(a.get("doc"), [])) if isinstance(a, dict) else None

    if c.action == "split":
        m = find(t.get("mention"))
        others = [x for x in (find(a) for a in t.get("from") or []) if x]
        if m is None or not others:
            return "gone", f"split {t.get('event_id')}"
        together = any(cluster.get(o) == cluster.get(m) for o in others)
        return ("still_wrong" if together else "now_right"), f"split from {t.get('event_id')}"
    groups = [{cluster.get(x) for x in (find(a) for a in g) if x} for g in t.get("events") or []]
    if len(groups) < 2 or not all(groups):
        return "gone", "merge"
    apart = not (groups[0] & groups[1])
    return ("still_wrong" if apart else "now_right"), "merge " + " + ".join(t.get("event_ids") or [])


def score_corrections(store) -> dict[str, Any]:
    """``{"by_action": {action: {n, still_wrong, now_right, gone}}, "total": {..., agreement},
    "details": [{id, action, verdict, what}]}``."""
    with store.engine.connect() as conn:
        rows = [c for c in active(conn) if c.action in JUDGED]
    docs = {a.get("doc") for c in rows if c.action not in ("split", "merge")
            for a in _anchors(c)}
    fresh = _fresh(store, {d for d in docs if d})
    by = {a: defaultdict(int) for a in JUDGED}
    details = []
    for c in rows:
        verdict, what = (_judge_fusion(store, c) if c.action in ("split", "merge")
                         else _judge_mentions(c, fresh))
        by[c.action]["n"] += 1
        by[c.action][verdict] += 1
        details.append({"id": c.id, "action": c.action, "verdict": verdict, "what": what})
    out = {a: {k: by[a][k] for k in ("n", "still_wrong", "now_right", "gone")} for a in JUDGED}
    total = {k: sum(v[k] for v in out.values()) for k in ("n", "still_wrong", "now_right", "gone")}
    total["agreement"] = round(total["now_right"] / total["n"], 3) if total["n"] else 0.0
    return {"by_action": out, "total": total, "details": details}
