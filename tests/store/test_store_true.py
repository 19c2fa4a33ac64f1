"""The store stays true (issue 9): staleness follows every change, one validation before either
backend, concurrent saves of one article on PostgreSQL, unknown and old schema revisions, the
sources backfill of migration 0003. Real SQLite and PostgreSQL, real extraction."""
from __future__ import annotations

import os
import threading

import pytest
from sqlalchemy import text

from kizashi.errors import InputError
from kizashi.records import Article
from kizashi.store import SchemaError, Store
from kizashi.store.fusion_sync import is_stale, refresh_events

SHARED = "北朝鮮はロシアに砲弾を供与した。"


def _article(aid: str, body: str, source: str = "テスト通信", **kw) -> Article:
    kw.setdefault("title", None)
    return Article(id=aid, text=body, published="2024-06-10", source=source, **kw)


def test_stale_when_a_changed_article_loses_a_mention_of_a_shared_event(store, extract):
    a, b = _article("a1", SHARED, "甲通信"), _article("b1", SHARED, "乙通信")
    for art in (a, b):
        store.save_article(art, extract(art.text, doc_id=art.id, published=art.published))
    refresh_events(store)
    assert not is_stale(store)
    assert store.counts()["events"] == 1 and store.counts()["event_mentions"] == 2
    # a1 is edited and no longer reports the event: the event still has b1's link
    changed = _article("a1", "きょうは晴れだった。", "甲通信")
    assert store.save_article(changed, extract(changed.text, doc_id="a1")) == "updated"
    assert is_stale(store)
    refresh_events(store)
    assert not is_stale(store)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT n_sources FROM events")).scalar_one() == 1


@pytest.mark.parametrize("bad, problem", [
    (dict(id="x" * 65), "more than 64"),
    (dict(id=""), "empty id"),
    (dict(id="a\x00b"), "control character"),
    (dict(source="社" * 201), "more than 200"),
    (dict(published="2024-06-10" * 5), "is not a date"),
])
def test_one_validation_before_either_backend(store, bad, problem):
    art = _article("ok", SHARED)
    for k, v in bad.items():
        setattr(art, k, v)
    with pytest.raises(InputError, match=problem):
        store.save_article(art, [])
    assert store.counts()["documents"] == 0


def test_nul_and_lone_surrogates_are_stored_one_for_one(store):
    body = "北朝鮮は\x00ロシアに\ud800砲弾を供与した。"
    assert store.save_article(_article("nul", body, title="見出し\x00"), []) == "new"
    doc = store.document("nul")
    assert doc.text == "北朝鮮は\ufffdロシアに\ufffd砲弾を供与した。" and len(doc.text) == len(body)
    assert doc.title == "見出し\ufffd"


def test_concurrent_save_of_one_new_article_on_postgresql(pg_cluster, extract):
    """(SQLite's BEGIN IMMEDIATE serialises writers: the collision was PostgreSQL's.)"""
    if pg_cluster is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries not installed (CI must run this test)")
        pytest.skip("PostgreSQL server binaries not installed: run .ci/postgres.sh")
    db_url = pg_cluster.create_database()
    one, two = Store(db_url), Store(db_url)
    try:
        one.migrate()
        art = _article("same", SHARED)
        ms = extract(art.text, doc_id=art.id, published=art.published)
        # another ingest has inserted the same article and not committed yet
        conn = one.engine.connect()
        tx = conn.begin()
        conn.execute(text("INSERT INTO sources (name) VALUES ('テスト通信') ON CONFLICT DO NOTHING"))
        conn.execute(text(
            "INSERT INTO documents (id, text, published, source, format, content_hash, "
            "ingested_at) VALUES ('same', :t, '2024-06-10', 'テスト通信', 'text', 'other', now())"),
            {"t": art.text})
        result: dict = {}

        def save():
            try:
                result["status"] = two.save_article(art, ms)
            except Exception as exc:  # noqa: BLE001 - the test reports it
                result["error"] = exc

        t = threading.Thread(target=save)
        t.start()
        t.join(1.0)                    # it waits for the other transaction
        tx.commit()
        conn.close()
        t.join(30)
        assert "error" not in result, result.get("error")
        assert result["status"] == "updated"        # the other one's row, with another hash
        assert two.counts()["documents"] == 1 and len(two.mention_ids("same")) == len(ms)
    finally:
        one.close()
        two.close()


def _set_revision(s: Store, rev: str) -> None:
    with s.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": rev})


def test_store_of_a_newer_kizashi_is_refused_in_one_line(store):
    _set_revision(store, "0999")
    with pytest.raises(SchemaError) as err:
        store.migrate()
    msg = str(err.value)
    assert "0999" in msg and "newer kizashi" in msg and "\n" not in msg


def test_old_schema_is_refused_without_migrating(store):
    store.downgrade("0002")
    with pytest.raises(SchemaError, match=f"needs {store.head()}"):
        store.check_schema()
    store.migrate()
    assert store.check_schema() == store.head()


def test_0003_backfills_sources(db_url):
    with Store(db_url) as s:
        s.migrate("0002")
        s.save_article(_article("d1", SHARED, "共同通信"), [])
        s.save_article(_article("d2", SHARED, "架空新報"), [])
        if s.dialect == "sqlite":                  # a store whose sources rows are missing
            raw = s.engine.raw_connection()        # (autocommit: the pragma works outside BEGIN)
            raw.driver_connection.execute("PRAGMA foreign_keys=OFF")
            raw.driver_connection.execute("DELETE FROM sources")
            raw.close()
        else:
            with s.engine.begin() as conn:
                conn.exec_driver_sql("SET session_replication_role = replica")
                conn.exec_driver_sql("DELETE FROM sources")
        s.migrate()
        with s.engine.connect() as conn:
            rows = dict(conn.execute(text("SELECT name, kind FROM sources ORDER BY name")).all())
        assert rows == {"共同通信": "media", "架空新報": None}
        s.downgrade("0002")                          # leaves the rows
        assert s.counts()["sources"] == 2
