"""Fusion of the stored mentions into the ``events`` / ``event_mentions`` tables.

:func:`refresh_events` reads every stored mention (with its document's outlet and publication
date), runs :func:`kizashi.fusion.fuse` over the whole corpus and REPLACES all fused events in one
write transaction: readers see either the old events or the new ones, never a mix. Event ids are
:attr:`FusedEvent.id` (a hash of type, participants, date and first mention), so refreshing an
unchanged corpus gives identical ids.

``kizashi ingest`` stores articles and mentions only; run ``kizashi events --refresh`` (or call
:func:`refresh_events`) after ingesting to rebuild the events.

Storage layout (schema 0001, no extra tables or columns). The fused event is stored *normalised*:

* ``events``: id, type, date, first/last reported, number of distinct sources, best-attested
  factuality;
* ``event_mentions``: which stored mentions make up the event.

Everything else a :class:`FusedEvent` has is a pure function of those mentions and is derived at
read time by :mod:`kizashi.store.queries` with the same rules :func:`fuse` uses:

* actors / recipients — from ``mention_participants`` by the majority rule of
  ``kizashi.fusion.cluster._roles`` (in SQL, see ``queries.roles_select``);
* quad class and score — from the event type (``default_lexicon().plover``);
* mode, confidence (best mention), factuality counts — from ``mentions``;
* quantities with their outlet, and the conflict flag — from ``quantities`` +
  :func:`kizashi.fusion.find_conflicts`.

So there is one source of truth and no denormalised copy to keep in sync; the price is a join
through ``event_mentions`` → ``mention_participants`` (index-backed by
``ix_mention_participants_code_role`` and ``ix_event_mentions_mention_id``) for actor filters.
"""
from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from sqlalchemy import delete, insert, select

from kizashi.records import EventMention
from kizashi.store.models import Document, Event, EventMentionLink, Mention
from kizashi.store.store import mention_details, mention_record

BATCH = 1000


def load_mentions(conn) -> tuple[list[tuple[Any, EventMention]], dict[tuple[str, int], str]]:
    """Every stored mention as ``(MentionContext, EventMention)`` in (document, ordinal) order, and
    the map from fusion keys ``(doc id, n)`` to stored mention ids."""
    from kizashi.fusion import MentionContext

    docs = {r.id: MentionContext(doc_id=r.id, source=r.source, published=r.published,
                                 title=r.title)
            for r in conn.execute(select(Document.id, Document.source, Document.published,
                                         Document.title))}
    parts, quants = mention_details(conn)
    items: list[tuple[Any, EventMention]] = []
    keys: dict[tuple[str, int], str] = {}
    counters: dict[str, int] = defaultdict(int)
    for m in conn.execute(select(Mention.__table__).order_by(Mention.doc_id, Mention.ordinal)):
        n = counters[m.doc_id]
        counters[m.doc_id] += 1
        keys[(m.doc_id, n)] = m.id
        em = mention_record(m, parts, quants)
        items.append((docs.get(m.doc_id) or MentionContext(doc_id=m.doc_id), em))
    return items, keys


def refresh_events(store) -> dict[str, Any]:
    """Re-fuse every stored mention and replace ``events`` and ``event_mentions`` in ONE
    transaction. Returns ``{"mentions", "events", "links", "conflicting", "seconds"}``."""
    from kizashi.fusion import fuse

    t0 = time.perf_counter()
    ev_t, link_t = Event.__table__, EventMentionLink.__table__
    with store._write() as conn, conn.begin():
        items, keys = load_mentions(conn)
        events = fuse(items)
        erows, lrows = [], []
        for e in events:
            erows.append({"id": e.id, "event_type": e.event_type, "date": e.date,
                          "first_reported": e.first_reported, "last_reported": e.last_reported,
                          "n_sources": len(e.sources), "best_factuality": e.factuality})
            for key in e.mentions:
                lrows.append({"event_id": e.id, "mention_id": keys[key]})
        conn.execute(delete(link_t))
        conn.execute(delete(ev_t))
        for i in range(0, len(erows), BATCH):
            conn.execute(insert(ev_t), erows[i:i + BATCH])
        for i in range(0, len(lrows), BATCH):
            conn.execute(insert(link_t), lrows[i:i + BATCH])
    return {"mentions": len(items), "events": len(events), "links": len(lrows),
            "conflicting": sum(1 for e in events if e.conflicting_quantities),
            "seconds": round(time.perf_counter() - t0, 3)}
