"""Analysts' corrections: stored apart from the extracted data, replayed on every fusion.

An analyst can mark a mention wrong, change an event's type, actors or recipients, split a
mention out of an event, merge two events, and add a note (to a mention or an event); a
correction can be revoked. Each is one row of ``corrections`` (schema 0005) that is never
rewritten: who (``author``), when (``created_at``), what (``action``), on what (``target``),
the value before and after, and a note. A revocation is a row of its own.

**Anchors.** Mention ids change when an article changes (they hash the trigger's offsets), so a
correction names its mentions by anchors: the document, the event type the extractor gave, the
trigger's text, the evidence sentence and which occurrence of that triple it is. After a
re-extraction (a changed article, ``kizashi rebuild``) an anchor finds its mention again by the
same triple, else by the same trigger in the most similar sentence of the document
(:data:`SIMILAR`), else it finds nothing: the correction is kept and listed as not applied.

**Replay.** :func:`plan` resolves every active correction against the stored mentions and
:func:`kizashi.store.fusion_sync.refresh_events` applies it before fusing: a wrong mention is
left out, a new type, actors or recipients replace the mentions' own (for an event: every
mention it had when it was corrected), a split mention never joins the mentions it was split
from, merged events end in one; later corrections win over earlier ones.
``correction_effects`` records which mention each correction applied to and the event it ended
in, for the pages.

Writes go through :func:`add` and :func:`revoke` (CLI ``kizashi correct``, API ``POST
/api/v1/corrections``, the workbench); both re-fuse the events at once.
"""
from __future__ import annotations

import difflib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator

from sqlalchemy import insert, select

from kizashi import model
from kizashi.store.filters import QueryError
from kizashi.store.models import (
    CORRECTION_ACTIONS,
    Correction,
    CorrectionEffect,
    Event,
    EventMentionLink,
    EventParticipant,
    Mention,
)

ACTIONS = CORRECTION_ACTIONS
#: what each action applies to
ON_MENTION = ("wrong", "note", "split")
ON_EVENT = ("type", "actor", "recipient", "note", "merge")
#: an anchor finds its mention in a changed article when a sentence with its trigger is at
#: least this similar to the one it was made on (difflib ratio)
SIMILAR = 0.6
MAX_NOTE = 2000
MAX_AUTHOR = 200


class CorrectionError(QueryError):
    """A correction that cannot be made (the message says why): 400 in the API."""


class NotFound(CorrectionError):
    """The mention, event or correction named does not exist: 404 in the API."""


# --- anchors ---------------------------------------------------------------------------------

_MENTION_COLS = (Mention.id, Mention.doc_id, Mention.ordinal, Mention.event_type,
                 Mention.trigger_text, Mention.evidence_text)


def _key(r) -> tuple[str, str, str]:
    return (r.event_type, r.trigger_text, r.evidence_text)


def rows_by_doc(conn, docs: Iterable[str] | None = None) -> dict[str, list]:
    stmt = select(*_MENTION_COLS).order_by(Mention.doc_id, Mention.ordinal)
    if docs is not None:
        docs = sorted(set(docs))
        if not docs:
            return {}
        stmt = stmt.where(Mention.doc_id.in_(docs))
    out: dict[str, list] = defaultdict(list)
    for r in conn.execute(stmt):
        out[r.doc_id].append(r)
    return out


def anchors_of(conn, mention_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The anchor of each stored mention: ``{"doc", "type", "trigger", "sentence", "n", "id"}``
    (``n``: which occurrence of the same type, trigger and sentence in the document)."""
    ids = list(dict.fromkeys(mention_ids))
    if not ids:
        return {}
    docs = set(conn.scalars(select(Mention.doc_id).where(Mention.id.in_(ids))))
    out = {}
    for doc, rows in rows_by_doc(conn, docs).items():
        seen: dict[tuple, int] = defaultdict(int)
        for r in rows:
            n = seen[_key(r)]
            seen[_key(r)] += 1
            if r.id in ids:
                out[r.id] = {"doc": doc, "type": r.event_type, "trigger": r.trigger_text,
                             "sentence": r.evidence_text, "n": n, "id": r.id}
    return out


def resolve(anchor: dict[str, Any], rows: list) -> str | None:
    """The id of the stored mention (``rows``: the mentions of the anchor's document, in order)
    that ``anchor`` names, or None."""
    same = [r for r in rows if _key(r) == (anchor.get("type"), anchor.get("trigger"),
                                          anchor.get("sentence"))]
    if same:
        return same[min(int(anchor.get("n") or 0), len(same) - 1)].id
    best, best_score = None, 0.0
    for r in rows:
        if r.trigger_text != anchor.get("trigger"):
            continue
        ratio = difflib.SequenceMatcher(None, r.evidence_text or "",
                                        anchor.get("sentence") or "").ratio()
        score = ratio + (0.05 if r.event_type == anchor.get("type") else 0.0)
        if ratio >= SIMILAR and score > best_score:
            best, best_score = r.id, score
    return best


def _anchors_in(target: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    if isinstance(target.get("mention"), dict):
        out.append(target["mention"])
    for k in ("event", "from"):
        out.extend(a for a in target.get(k) or [] if isinstance(a, dict))
    for group in target.get("events") or []:
        out.extend(a for a in group if isinstance(a, dict))
    return out


# --- the plan that fusion applies ------------------------------------------------------------

@dataclass
class Plan:
    """What the active corrections do to the stored mentions (by mention id)."""

    excluded: set[str] = field(default_factory=set)
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    cannot: set[frozenset] = field(default_factory=set)
    must: list[set[str]] = field(default_factory=list)
    effects: list[tuple[int, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.excluded or self.overrides or self.cannot or self.must or self.effects)


def active(conn) -> list:
    """The corrections in force, oldest first: every row but revocations and what they revoke."""
    rows = conn.execute(select(Correction.__table__).order_by(Correction.id)).all()
    revoked = {r.revokes for r in rows if r.action == "revoke" and r.revokes is not None}
    return [r for r in rows if r.action != "revoke" and r.id not in revoked]


def plan(conn) -> Plan:
    """Resolve the active corrections against the stored mentions (see the module docstring)."""
    out = Plan()
    rows = active(conn)
    if not rows:
        return out
    docs = {a.get("doc") for r in rows for a in _anchors_in(r.target or {})}
    by_doc = rows_by_doc(conn, [d for d in docs if d])

    def find(a: dict | None) -> str | None:
        return resolve(a, by_doc.get(a.get("doc"), [])) if isinstance(a, dict) else None

    for r in rows:
        t = r.target or {}
        after = r.after or {}
        if r.action in ("wrong", "note") and t.get("mention"):
            mids = [find(t["mention"])]
        elif r.action in ("type", "actor", "recipient", "note"):
            mids = [find(a) for a in t.get("event") or []]
        elif r.action == "split":
            mids = [find(t.get("mention"))]
        elif r.action == "merge":
            mids = [find(a) for g in t.get("events") or [] for a in g]
        else:
            mids = []
        mids = [m for m in dict.fromkeys(mids) if m]
        out.effects.extend((r.id, m) for m in mids)
        if r.action == "wrong":
            out.excluded.update(mids)
        elif r.action == "type":
            for m in mids:
                out.overrides.setdefault(m, {}).update(
                    {"event_type": after.get("event_type"), "mode": after.get("mode")})
        elif r.action in ("actor", "recipient"):
            for m in mids:
                out.overrides.setdefault(m, {})[r.action] = list(after.get(r.action) or [])
        elif r.action == "split" and mids:
            m = mids[0]
            others = {x for x in (find(a) for a in t.get("from") or []) if x and x != m}
            for g in out.must:                    # a later split undoes an earlier merge
                g.discard(m)
            out.cannot.update(frozenset((m, o)) for o in others)
        elif r.action == "merge":
            groups = [{x for x in (find(a) for a in g) if x} for g in t.get("events") or []]
            merged = set().union(*groups) if groups else set()
            out.cannot = {p for p in out.cannot if not p <= merged}
            joined = [g for g in out.must if g & merged]
            out.must = [g for g in out.must if not (g & merged)]
            out.must.append(merged.union(*joined))
    out.must = [g for g in out.must if len(g) > 1]
    return out


def apply_overrides(m, override: dict[str, Any], names: dict[str, str]) -> None:
    """Change an :class:`~kizashi.records.EventMention` (in place) as a correction says."""
    from kizashi.records import Entity

    if override.get("event_type"):
        if override["event_type"] != m.event_type:
            m.mode = override.get("mode")
        m.event_type = override["event_type"]
    for role in ("actor", "recipient"):
        if role in override:
            setattr(m, role, [Entity(code=c, text=names.get(c, c)) for c in override[role]])


# --- writing ---------------------------------------------------------------------------------

def _clean_text(name: str, value: str | None, limit: int, required: bool = False) -> str | None:
    v = (value or "").strip()
    if not v:
        if required:
            raise CorrectionError(f"{name} is required")
        return None
    if len(v) > limit:
        raise CorrectionError(f"{name} is {len(v)} characters long; at most {limit}")
    if any(ord(c) < 32 and c not in "\n\t" for c in v) or "\x00" in v:
        raise CorrectionError(f"{name} must not contain control characters")
    return v


def _event(conn, event_id: str):
    row = conn.execute(select(Event.id, Event.event_type, Event.mode)
                       .where(Event.id == event_id)).first()
    if row is None:
        raise NotFound(f"no event {event_id!r}")
    mids = list(conn.scalars(select(EventMentionLink.mention_id)
                             .where(EventMentionLink.event_id == event_id)
                             .order_by(EventMentionLink.mention_id)))
    roles = {"actor": [], "recipient": []}
    for r in conn.execute(select(EventParticipant.code, EventParticipant.role)
                          .where(EventParticipant.event_id == event_id)
                          .order_by(EventParticipant.code)):
        roles[r.role].append(r.code)
    return row, mids, roles


def _codes(store, values, role: str) -> list[str]:
    if isinstance(values, str):
        values = [v for v in values.replace("、", ",").replace(" ", ",").split(",") if v]
    out = []
    for v in values or []:
        code = store.entity_code(str(v))
        if code is None:
            raise CorrectionError(f"{role}: no entity has the code or name {str(v)[:40]!r}")
        if code not in out:
            out.append(code)
    if role == "actor" and not out:
        raise CorrectionError("actor: give at least one actor (a code or a name)")
    return out


def add(store, action: str, *, author: str, mention_id: str | None = None,
        event_id: str | None = None, other_event_id: str | None = None, value: Any = None,
        note: str | None = None, refresh: bool = True) -> dict[str, Any]:
    """Store one correction and re-fuse. ``action`` and what it needs:

    * ``wrong`` — ``mention_id``;
    * ``note`` — ``mention_id`` or ``event_id``, and ``note``;
    * ``type`` — ``event_id``, ``value``: a PLOVER type (or ``{"event_type", "mode"}``);
    * ``actor`` / ``recipient`` — ``event_id``, ``value``: codes or names (a list, or text
      separated by commas); recipients may be empty (a mutual event);
    * ``split`` — ``event_id`` and ``mention_id`` (one of its mentions);
    * ``merge`` — ``event_id`` and ``other_event_id`` (of the same type).

    Returns the stored correction as :func:`list_corrections` gives it, with ``event_ids``: the
    events its mentions are in after the re-fusion. :class:`CorrectionError` (or
    :class:`NotFound`) names what cannot be done."""
    if action not in ACTIONS or action == "revoke":
        raise CorrectionError(f"action {str(action)[:20]!r}: use one of "
                              f"{', '.join(a for a in ACTIONS if a != 'revoke')}")
    author = _clean_text("author", author, MAX_AUTHOR, required=True)
    note = _clean_text("note", note, MAX_NOTE, required=(action == "note"))
    target: dict[str, Any] = {}
    before: Any = None
    after: Any = None
    with store.engine.connect() as conn:
        if action in ("wrong", "split") or (action == "note" and mention_id and not event_id):
            if not mention_id:
                raise CorrectionError(f"{action} needs a mention")
            m = conn.execute(select(Mention.id, Mention.event_type, Mention.doc_id)
                             .where(Mention.id == mention_id)).first()
            if m is None:
                raise NotFound(f"no mention {mention_id!r}")
            target["mention"] = anchors_of(conn, [mention_id])[mention_id]
            ev_of = conn.execute(select(EventMentionLink.event_id)
                                 .where(EventMentionLink.mention_id == mention_id)).scalar()
            if action == "wrong":
                before = {"event_type": m.event_type, "event_id": ev_of}
                after = {"wrong": True}
            elif action == "split":
                if event_id and ev_of != event_id:
                    raise CorrectionError(f"mention {mention_id!r} is not in event {event_id!r}")
                if ev_of is None:
                    raise CorrectionError(f"mention {mention_id!r} is in no event")
                _, mids, _ = _event(conn, ev_of)
                others = [x for x in mids if x != mention_id]
                if not others:
                    raise CorrectionError(f"event {ev_of!r} has no other mention to split from")
                target["from"] = list(anchors_of(conn, others).values())
                target["event_id"] = ev_of
                before = {"event_id": ev_of, "mentions": mids}
        else:
            if not event_id:
                raise CorrectionError(f"{action} needs an event")
            row, mids, roles = _event(conn, event_id)
            target["event"] = list(anchors_of(conn, mids).values())
            target["event_id"] = event_id
            if action == "type":
                v = value if isinstance(value, dict) else {"event_type": value}
                etype = str(v.get("event_type") or "").strip().upper()
                if etype not in model.EVENT_TYPES:
                    raise CorrectionError(f"type {etype[:32]!r} is not a PLOVER type: use one of "
                                          f"{', '.join(model.EVENT_TYPES)}")
                if etype == row.event_type:
                    raise CorrectionError(f"event {event_id!r} is already {etype}")
                before = {"event_type": row.event_type, "mode": row.mode}
                after = {"event_type": etype, "mode": (v.get("mode") or None)}
            elif action in ("actor", "recipient"):
                codes = _codes(store, value, action)
                before = {action: roles[action]}
                after = {action: codes}
            elif action == "merge":
                if not other_event_id or other_event_id == event_id:
                    raise CorrectionError("merge needs a second, different event")
                row2, mids2, _ = _event(conn, other_event_id)
                if row2.event_type != row.event_type:
                    raise CorrectionError(
                        f"events {event_id!r} ({row.event_type}) and {other_event_id!r} "
                        f"({row2.event_type}) are of different types: change one type first")
                target["events"] = [target.pop("event"), list(anchors_of(conn, mids2).values())]
                target["event_ids"] = [event_id, other_event_id]
                target.pop("event_id", None)
                before = {"events": [event_id, other_event_id]}
    cid = _insert(store, {"created_at": datetime.now(timezone.utc), "author": author,
                          "action": action, "target": target, "before": before, "after": after,
                          "note": note, "revokes": None})
    return _after_write(store, cid, refresh)


def revoke(store, correction_id: int, *, author: str, note: str | None = None,
           refresh: bool = True) -> dict[str, Any]:
    """Revoke a correction (a new row that says so; the revoked one stays, for the audit).
    The answer's ``mention_ids`` and ``event_ids`` are the mentions the revoked correction
    applied to and the events they are in after the re-fusion."""
    author = _clean_text("author", author, MAX_AUTHOR, required=True)
    note = _clean_text("note", note, MAX_NOTE)
    try:
        correction_id = int(correction_id)
    except (TypeError, ValueError):
        raise CorrectionError(f"correction id {str(correction_id)[:20]!r} is not a number") from None
    with store.engine.connect() as conn:
        row = conn.execute(select(Correction.id, Correction.action)
                           .where(Correction.id == correction_id)).first()
        if row is None:
            raise NotFound(f"no correction {correction_id}")
        if row.action == "revoke":
            raise CorrectionError(f"correction {correction_id} is a revocation itself")
        done = conn.execute(select(Correction.id).where(Correction.revokes == correction_id,
                                                        Correction.action == "revoke")).first()
        if done is not None:
            raise CorrectionError(f"correction {correction_id} was revoked by {done.id}")
        mids = list(conn.scalars(select(CorrectionEffect.mention_id)
                                 .where(CorrectionEffect.correction_id == correction_id)))
    cid = _insert(store, {"created_at": datetime.now(timezone.utc), "author": author,
                          "action": "revoke", "target": {"correction": correction_id},
                          "before": None, "after": None, "note": note,
                          "revokes": correction_id})
    out = _after_write(store, cid, refresh)
    with store.engine.connect() as conn:           # where the revoked correction's mentions are
        out["mention_ids"] = sorted(mids)
        out["event_ids"] = sorted(set(conn.scalars(
            select(EventMentionLink.event_id).where(EventMentionLink.mention_id.in_(mids))))) \
            if mids else []
    return out


def _insert(store, values: dict[str, Any]) -> int:
    with store._write() as conn, conn.begin():
        res = conn.execute(insert(Correction.__table__).values(**values)
                           .returning(Correction.id))
        return int(res.scalar_one())


def _after_write(store, cid: int, refresh: bool) -> dict[str, Any]:
    if refresh:
        from kizashi.store.fusion_sync import refresh_events

        refresh_events(store)
    return get(store, cid)


# --- reading ---------------------------------------------------------------------------------

def _dict(r, effects: dict[int, list], revoked_by: dict[int, int]) -> dict[str, Any]:
    eff = effects.get(r.id, [])
    created = r.created_at
    if isinstance(created, datetime) and created.tzinfo is None:
        created = created.replace(tzinfo=timezone.utc)
    return {"id": r.id, "created_at": created.isoformat() if created else None,
            "author": r.author, "action": r.action, "target": r.target, "before": r.before,
            "after": r.after, "note": r.note, "revokes": r.revokes,
            "revoked_by": revoked_by.get(r.id),
            "active": r.action != "revoke" and r.id not in revoked_by,
            "applied": bool(eff), "mention_ids": sorted({m for m, _ in eff}),
            "event_ids": sorted({e for _, e in eff if e})}


def list_corrections(store, *, event_id: str | None = None, doc_id: str | None = None,
                     mention_id: str | None = None, limit: int | None = None
                     ) -> list[dict[str, Any]]:
    """Corrections, newest first, with whether they apply now (``applied``, ``mention_ids``,
    ``event_ids``), whether they are in force (``active``, ``revoked_by``) and the audit
    (``author``, ``created_at``, ``before``, ``after``). ``event_id``: those that apply to the
    event or were made on it; ``doc_id``, ``mention_id``: those that apply to it."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(Correction.__table__).order_by(Correction.id.desc())).all()
        effects: dict[int, list] = defaultdict(list)
        stmt = select(CorrectionEffect.correction_id, CorrectionEffect.mention_id,
                      CorrectionEffect.event_id)
        for e in conn.execute(stmt):
            effects[e.correction_id].append((e.mention_id, e.event_id))
        docs_of: dict[str, str] = {}
        if doc_id:
            docs_of = dict(conn.execute(select(Mention.id, Mention.doc_id)
                                        .where(Mention.doc_id == doc_id)).all())
    revoked_by = {r.revokes: r.id for r in rows if r.action == "revoke" and r.revokes}
    out = []
    for r in rows:
        eff = effects.get(r.id, [])
        t = r.target or {}
        if event_id and not (any(e == event_id for _, e in eff) or t.get("event_id") == event_id
                             or event_id in (t.get("event_ids") or [])):
            continue
        if doc_id and not (any(m in docs_of for m, _ in eff)
                           or any(a.get("doc") == doc_id for a in _anchors_in(t))):
            continue
        if mention_id and not any(m == mention_id for m, _ in eff):
            continue
        out.append(_dict(r, effects, revoked_by))
        if limit and len(out) >= limit:
            break
    return out


def get(store, correction_id: int) -> dict[str, Any]:
    for c in list_corrections(store):
        if c["id"] == correction_id:
            return c
    raise NotFound(f"no correction {correction_id}")


def counts(store) -> dict[str, int]:
    """``{"corrections", "active", "applied"}``."""
    cs = list_corrections(store)
    return {"corrections": len(cs), "active": sum(c["active"] for c in cs),
            "applied": sum(c["active"] and c["applied"] for c in cs)}


# --- export and import -----------------------------------------------------------------------

EXPORT_FIELDS = ("id", "created_at", "author", "action", "target", "before", "after", "note",
                 "revokes")


def export(store) -> Iterator[dict[str, Any]]:
    """Every correction, oldest first, as the JSON Lines record ``kizashi corrections import``
    reads (the audit included)."""
    for c in reversed(list_corrections(store)):
        yield {k: c[k] for k in EXPORT_FIELDS} | {"applied": c["applied"],
                                                  "event_ids": c["event_ids"]}


def import_records(store, records: Iterable[dict[str, Any]], *, refresh: bool = True) -> int:
    """Add exported corrections to the store (into a rebuilt database, say), keeping their
    author and time; a record already there (same time, author, action and target) is skipped.
    Revocations are mapped to the new ids. Returns how many were added."""
    def when(value) -> str:
        d = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        return (d if d.tzinfo else d.replace(tzinfo=timezone.utc)).isoformat()

    def key_of(created, author, action, target) -> tuple:
        return (when(created), author, action,
                json.dumps(target, sort_keys=True, ensure_ascii=False))

    with store.engine.connect() as conn:
        have = {key_of(r.created_at, r.author, r.action, r.target): r.id
                for r in conn.execute(select(Correction.__table__))}
    ids: dict[int, int] = {}
    added = 0
    for n, rec in enumerate(records, 1):
        try:
            action = rec["action"]
            created = datetime.fromisoformat(str(rec["created_at"]))
            target = rec["target"]
            author = _clean_text("author", rec.get("author"), MAX_AUTHOR, required=True)
        except (KeyError, TypeError, ValueError) as exc:
            raise CorrectionError(f"record {n}: {exc}") from None
        if action not in ACTIONS or not isinstance(target, dict):
            raise CorrectionError(f"record {n}: action {str(action)[:20]!r} or target unusable")
        if created.tzinfo is None:
            created = created.replace(tzinfo=timezone.utc)
        revokes = rec.get("revokes")
        if action == "revoke":
            revokes = ids.get(int(revokes)) if revokes is not None else None
            if revokes is None:
                continue                         # what it revoked did not come in
            target = {"correction": revokes}
        key = key_of(created, author, action, target)
        old_id = rec.get("id")
        if key in have:
            if old_id is not None:
                ids[int(old_id)] = have[key]
            continue
        new = _insert(store, {"created_at": created, "author": author, "action": action,
                              "target": target, "before": rec.get("before"),
                              "after": rec.get("after"),
                              "note": _clean_text("note", rec.get("note"), MAX_NOTE),
                              "revokes": revokes if action == "revoke" else None})
        if old_id is not None:
            ids[int(old_id)] = new
        have[key] = new
        added += 1
    if added and refresh:
        from kizashi.store.fusion_sync import refresh_events

        refresh_events(store)
    return added


def participant_names(conn, codes: Iterable[str]) -> dict[str, str]:
    """Display names of codes (the text a corrected participant is shown with)."""
    from kizashi.store.models import EntityRow

    codes = sorted(set(codes))
    if not codes:
        return {}
    return dict(conn.execute(select(EntityRow.code, EntityRow.name)
                             .where(EntityRow.code.in_(codes))).all())


__all__ = ["ACTIONS", "CorrectionError", "NotFound", "Plan", "add", "anchors_of", "apply_overrides",
           "counts", "export", "get", "import_records", "list_corrections", "plan", "resolve",
           "revoke"]
