"""refresh_events: stored mentions → fused events, replaced in one transaction, deterministic ids."""
from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from kizashi.fusion import fuse
from kizashi.store import queries
from kizashi.store.fusion_sync import load_mentions, refresh_events
from kizashi.store.models import Event, EventMentionLink, Mention

CHANGED = "ロシア国防省は11日、ベラルーシに約5000人の部隊を派遣したと発表した。"


def _events(store) -> dict[str, tuple]:
    with store.engine.connect() as conn:
        return {r.id: tuple(r) for r in conn.execute(select(Event.__table__))}


def _links(store) -> set[tuple[str, str]]:
    with store.engine.connect() as conn:
        return {tuple(r) for r in conn.execute(select(EventMentionLink.__table__))}


def _fill(store, corpus):
    for a, ms in corpus.values():
        store.save_article(a, ms)


def test_empty_store(store):
    r = refresh_events(store)
    assert (r["mentions"], r["events"], r["links"]) == (0, 0, 0)
    assert store.counts()["events"] == 0


def test_refresh_matches_fuse_and_is_deterministic(store, corpus):
    _fill(store, corpus)
    n_mentions = sum(len(ms) for _, ms in corpus.values())
    r = refresh_events(store)
    assert r["mentions"] == n_mentions and r["links"] == n_mentions   # every mention in one event
    with store.engine.connect() as conn:
        items, _ = load_mentions(conn)
    expected = {e.id: e for e in fuse(items)}
    first = _events(store)
    assert set(first) == set(expected) and r["events"] == len(expected)
    for eid, e in expected.items():
        row = first[eid]
        assert row[1:7] == (e.event_type, e.date, e.first_reported, e.last_reported,
                            len(e.sources), e.factuality)
    links = _links(store)

    # stored roles and dyads are those of the fused events
    from kizashi.fusion.dyads import dyad_pairs
    from kizashi.store.models import EventDyad, EventParticipant

    with store.engine.connect() as conn:
        parts = {(r.event_id, r.code, r.role) for r in conn.execute(select(EventParticipant))}
        dyads = {(r.event_id, r.a, r.b, r.a_to_b, r.b_to_a)
                 for r in conn.execute(select(EventDyad.__table__))}
    assert parts == {(e.id, c, "actor") for e in expected.values() for c in e.actors} | \
        {(e.id, c, "recipient") for e in expected.values() for c in e.recipients}
    want = set()
    for e in expected.values():
        pairs = set(dyad_pairs(e, unary=False))
        for a, b in {tuple(sorted(p)) for p in pairs}:
            want.add((e.id, a, b, (a, b) in pairs, (b, a) in pairs))
    assert dyads == want and any(d[3] and d[4] for d in dyads)   # a mutual event is in the corpus

    # what the query layer derives equals what fuse computed in memory
    for item in queries.list_events(store, limit=1000).items:
        e = expected[item["id"]]
        assert (item["actors"], item["recipients"]) == (e.actors, e.recipients)
        assert item["mode"] == e.mode
        assert item["confidence"] == pytest.approx(round(e.confidence, 3))
        assert item["factuality_counts"] == e.factuality_counts
        assert item["conflicting_quantities"] == e.conflicting_quantities
        assert item["n_mentions"] == len(e.mentions)

    r2 = refresh_events(store)                       # refresh twice: the very same rows
    assert r2["events"] == r["events"]
    assert _events(store) == first and _links(store) == links


def test_refresh_follows_changed_and_deleted_articles(store, corpus, extract):
    _fill(store, corpus)
    refresh_events(store)
    before = set(_events(store))
    a, _ = corpus["troops"]
    b = dataclasses.replace(a, text=CHANGED)
    store.save_article(b, extract(b.text, doc_id=b.id, published=b.published))
    # the old mentions' links went with them; events are stale until the next refresh
    refresh_events(store)
    after = set(_events(store))
    assert after != before
    with store.engine.connect() as conn:
        mids = set(conn.scalars(select(Mention.id)))
    assert {m for _, m in _links(store)} == mids
    store.delete_document(corpus["summit"][0].id)
    refresh_events(store)
    with store.engine.connect() as conn:
        mids = set(conn.scalars(select(Mention.id)))
    assert {m for _, m in _links(store)} == mids
    assert all(n_mentions for n_mentions in
               (i["n_mentions"] for i in queries.list_events(store, limit=1000).items))


def test_refresh_is_one_transaction(store, corpus, monkeypatch):
    _fill(store, corpus)
    refresh_events(store)
    before, links = _events(store), _links(store)
    assert before

    import kizashi.fusion

    real = kizashi.fusion.fuse

    def broken(items):                               # two events with one id: the insert fails
        evs = real(items)
        return evs + [dataclasses.replace(evs[0])]

    monkeypatch.setattr(kizashi.fusion, "fuse", broken)
    with pytest.raises(Exception):
        refresh_events(store)
    assert _events(store) == before and _links(store) == links     # old events untouched
