"""save_article: new → unchanged → updated, one transaction per article, rollback on failure."""
from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kizashi.records import Span
from kizashi.store import mention_id
from kizashi.store.models import MentionParticipant, QuantityRow, Source

CHANGED = ("ロシア国防省は11日、ベラルーシに約5000人の部隊を派遣したと発表した。"
           "中国外務省は日本を批判した。")


def test_extractor_gives_mentions(corpus):
    # the store tests below are only meaningful with real mentions, participants and quantities
    a, ms = corpus["troops"]
    assert ms and any(m.quantities for m in ms) and any(m.actor for m in ms)


def test_new_unchanged_updated(store, corpus, extract):
    a, ms = corpus["troops"]
    assert store.save_article(a, ms) == "new"
    counts = store.counts()
    assert counts["documents"] == 1 and counts["mentions"] == len(ms)
    assert counts["quantities"] == sum(len(m.quantities) for m in ms)
    ids = store.mention_ids(a.id)
    doc = store.document(a.id)

    # identical re-save: nothing changes, not even the ingestion time
    assert store.save_article(a, ms) == "unchanged"
    assert store.counts() == counts
    assert store.mention_ids(a.id) == ids
    assert store.document(a.id).ingested_at == doc.ingested_at

    # same id, changed text: document replaced, old mentions gone, new ones present
    b = dataclasses.replace(a, text=CHANGED)
    new_ms = extract(b.text, doc_id=b.id, published=b.published)
    assert new_ms
    assert store.save_article(b, new_ms) == "updated"
    stored = store.document(a.id)
    assert stored.text == CHANGED and stored.content_hash != doc.content_hash
    assert stored.seq == doc.seq
    new_ids = store.mention_ids(a.id)
    assert len(new_ids) == len(new_ms)
    assert set(ids) - set(new_ids)                      # the old 派遣 at other offsets is gone
    assert [m.to_dict() for m in store.mentions_of(a.id)] == [m.to_dict() for m in new_ms]
    c = store.counts()
    assert c["documents"] == 1 and c["mentions"] == len(new_ms)
    assert c["quantities"] == sum(len(m.quantities) for m in new_ms)
    assert c["mention_participants"] == sum(
        len(m.actor) + len(m.recipient) + len(m.source_of_claim) for m in new_ms)
    with store.engine.connect() as conn:                 # no orphans of the old version
        mids = set(conn.scalars(select(QuantityRow.mention_id)))
        mids |= set(conn.scalars(select(MentionParticipant.mention_id)))
    assert mids <= set(new_ids)


def test_round_trip_of_every_field(store, corpus):
    for a, ms in corpus.values():
        assert store.save_article(a, ms) == "new"
        back = store.mentions_of(a.id)
        assert [m.to_dict() for m in back] == [m.to_dict() for m in ms]
        for m, n in zip(ms, back):
            assert (n.trigger, n.evidence) == (m.trigger, m.evidence)
            assert n.confidence == pytest.approx(m.confidence)
    assert [d.id for d in store.documents()] == [a.id for a, _ in corpus.values()]
    d = store.document(corpus["aid"][0].id)
    a = corpus["aid"][0]
    assert (d.title, d.text, d.published, d.source, d.url, d.path, d.format) == (
        a.title, a.text, a.published, a.source, a.url, a.path, a.format)
    with store.engine.connect() as conn:
        assert set(conn.scalars(select(Source.name))) == {a.source for a, _ in corpus.values()}


def test_mention_ids_are_deterministic(store, corpus, article_of):
    a, ms = corpus["aid"]
    store.save_article(a, ms)
    expected = [mention_id(a.id, m.trigger.start, m.trigger.end, m.event_type) for m in ms]
    assert store.mention_ids(a.id) == expected
    # a duplicate (same trigger and type) gets its own, still deterministic, id
    b = article_of("summit")
    dup = [corpus["summit"][1][0], corpus["summit"][1][0]]
    store.save_article(b, dup)
    ids = store.mention_ids(b.id)
    assert len(set(ids)) == 2 and ids[0] == mention_id(b.id, dup[0].trigger.start,
                                                      dup[0].trigger.end, dup[0].event_type)


def test_failure_mid_article_rolls_back(store, corpus, extract):
    a, ms = corpus["troops"]
    assert store.save_article(a, ms) == "new"
    before_counts = store.counts()
    before_ids = store.mention_ids(a.id)
    before_doc = store.document(a.id)

    b = dataclasses.replace(a, text=CHANGED)
    new_ms = extract(b.text, doc_id=b.id, published=b.published)
    bad = dataclasses.replace(new_ms[0], trigger=Span("派遣", 9, 3), confidence=7.5)
    with pytest.raises(IntegrityError):                 # CHECK constraints of mentions
        store.save_article(b, new_ms + [bad])

    # the old version is intact: document, mentions, counts, full-text index
    assert store.counts() == before_counts
    assert store.mention_ids(a.id) == before_ids
    d = store.document(a.id)
    assert d.text == a.text and d.content_hash == before_doc.content_hash
    assert [m.to_dict() for m in store.mentions_of(a.id)] == [m.to_dict() for m in ms]
    assert [h.doc_id for h in store.search_documents("ベラルーシ")] == [a.id]
    assert store.search_documents("中国外務省") == []

    # and a new article that fails leaves nothing behind
    c, cms = corpus["aid"]
    with pytest.raises(IntegrityError):
        store.save_article(c, cms + [dataclasses.replace(cms[0], confidence=-1.0)])
    assert store.document(c.id) is None
    assert store.counts() == before_counts
    # the store is still usable afterwards, and the good version of the change goes through
    assert store.save_article(b, new_ms) == "updated"
    assert [h.doc_id for h in store.search_documents("中国外務省")] == [a.id]


def test_delete_document_removes_its_rows(store, corpus):
    for a, ms in corpus.values():
        store.save_article(a, ms)
    a, _ = corpus["troops"]
    assert store.delete_document(a.id)
    assert store.document(a.id) is None and store.mention_ids(a.id) == []
    assert store.search_documents("ベラルーシ") == []
    assert not store.delete_document(a.id)
