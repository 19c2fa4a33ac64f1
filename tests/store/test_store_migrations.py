"""Migrations: empty database → head, idempotent, down to base and up again; models = migrations."""
from __future__ import annotations

from sqlalchemy import inspect

from kizashi.store import Store, default_db_url
from kizashi.store.models import Base

TABLES = {"documents", "sources", "mentions", "mention_participants", "quantities", "entities",
          "entity_aliases", "events", "event_mentions", "event_participants", "event_dyads",
          "fetch_sources", "fetched_pages", "watches", "alerts", "corrections",
          "correction_effects"}
HEAD = "0005"          # the newest migration: a new one must update this test


def _count(s: Store, table: str) -> int:
    with s.engine.connect() as conn:
        return conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()


def _tables(s: Store) -> set[str]:
    return set(inspect(s.engine).get_table_names())


def test_upgrade_on_empty_db_and_idempotent(db_url):
    s = Store(db_url)
    try:
        assert s.revision() is None
        assert not (_tables(s) & TABLES)
        s.migrate()
        assert s.revision() == HEAD
        assert TABLES <= _tables(s)
        before = s.counts()
        s.migrate()                                   # second run: nothing to do, nothing changes
        assert s.revision() == HEAD
        assert s.counts() == before
    finally:
        s.close()


def test_downgrade_to_base_and_upgrade_again(store, corpus):
    a, ms = corpus["troops"]
    store.save_article(a, ms)
    store.downgrade("base")
    assert store.revision() is None
    left = _tables(store)
    assert not (left & TABLES)
    assert not any(t.startswith("documents_fts") for t in left)
    store.migrate()
    assert store.revision() == HEAD
    assert store.counts()["documents"] == 0
    assert store.save_article(a, ms) == "new"
    assert [h.doc_id for h in store.search_documents("国防省")] == [a.id]


def test_0001_store_with_data_upgrades_and_downgrades(db_url, corpus):
    """A store of schema 0001 holding articles keeps them through 0002 and gets its fused events
    rebuilt (0002 stores their summary); downgrading to 0001 keeps articles and mentions."""
    from kizashi.store import queries
    from kizashi.store.fusion_sync import refresh_events

    with Store(db_url) as s:
        s.migrate("0001")
        assert s.revision() == "0001"
        assert "event_dyads" not in _tables(s)
        for a, ms in corpus.values():
            s.save_article(a, ms)
        n_mentions = _count(s, "mentions")
        s.migrate()
        assert s.revision() == HEAD
        counts = s.counts()
        assert counts["mentions"] == n_mentions and counts["events"] > 0
        assert counts["event_mentions"] == n_mentions and counts["event_participants"] > 0
        page = queries.list_events(s, limit=100)
        assert {i["quad_class"] for i in page.items} <= set(queries.QUADS)
        assert all(i["n_mentions"] >= 1 and i["actors"] for i in page.items)
        before = [(i["id"], i["actors"], i["recipients"]) for i in page.items]
        refresh_events(s)                              # the rebuild is the refresh: same events
        assert [(i["id"], i["actors"], i["recipients"])
                for i in queries.list_events(s, limit=100).items] == before

        s.downgrade("0001")
        assert s.revision() == "0001"
        left = _tables(s)
        assert "event_dyads" not in left and "event_participants" not in left
        cols = {c["name"] for c in inspect(s.engine).get_columns("events")}
        assert "quad_class" not in cols and "best_factuality" in cols
        assert _count(s, "mentions") == n_mentions


def test_0003_store_upgrades_to_0004_with_first_seen_and_back(db_url, corpus):
    """0004 backfills documents.first_seen from ingested_at and re-fuses the events so that
    they carry first_seen/last_seen; its downgrade drops the loop's tables and columns and
    keeps articles, mentions and the full-text index."""
    from kizashi.store import queries

    with Store(db_url) as s:
        s.migrate("0003")
        for a, ms in corpus.values():
            s.save_article(a, ms)
        n_docs, n_mentions = _count(s, "documents"), _count(s, "mentions")
        s.migrate()
        assert s.revision() == HEAD
        with s.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT count(*) FROM documents WHERE first_seen IS NULL "
                "OR first_seen <> ingested_at").scalar_one()
        assert rows == 0
        items = queries.list_events(s, limit=100).items
        assert items and all(i["first_seen"] and i["last_seen"] >= i["first_seen"]
                             for i in items)
        s.downgrade("0003")
        assert s.revision() == "0003"
        left = _tables(s)
        assert not ({"fetch_sources", "fetched_pages", "watches", "alerts"} & left)
        assert "first_seen" not in {c["name"] for c in inspect(s.engine).get_columns("documents")}
        assert (_count(s, "documents"), _count(s, "mentions")) == (n_docs, n_mentions)
        assert s.search_documents("国防省")                 # the FTS triggers survived
        s.migrate()
        assert s.revision() == HEAD


def test_models_match_migrations(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    def include(obj, name, type_, reflected, compare_to):
        if type_ == "table" and (name or "").startswith("documents_fts"):
            return False                              # SQLite FTS5 virtual table + shadow tables
        if type_ == "index" and (name or "").endswith("_trgm"):
            return False                              # PostgreSQL pg_trgm indexes
        return True

    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": include,
                                                     "compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_entities_loaded_from_gazetteer(store):
    counts = store.counts()
    assert counts["entities"] > 50 and counts["entity_aliases"] > counts["entities"]
    assert store.resolve_alias("アメリカ") == ["USA"]
    assert store.resolve_alias("朝鮮民主主義人民共和国") == ["PRK"]
    assert store.resolve_alias("米国務省") == ["USA"]          # an organisation of a state
    assert store.resolve_alias("国際連合") == ["UN"]            # an organisation with its own code
    assert store.sync_entities() == 0                          # already in sync: no writes


def test_fts_objects_exist(store):
    names = set(inspect(store.engine).get_table_names())
    if store.dialect == "sqlite":
        assert "documents_fts" in names
    else:
        idx = {i["name"] for i in inspect(store.engine).get_indexes("documents")}
        assert {"ix_documents_title_trgm", "ix_documents_text_trgm"} <= idx


def test_default_db_url(monkeypatch, tmp_path):
    monkeypatch.delenv("KIZASHI_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_db_url() == f"sqlite:///{tmp_path}/kizashi/kizashi.db"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_db_url().endswith("/.local/share/kizashi/kizashi.db")
    monkeypatch.setenv("KIZASHI_DB", "postgresql+psycopg://u@h/db")
    assert default_db_url() == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("KIZASHI_DB", str(tmp_path / "x.db"))
    assert default_db_url() == f"sqlite:///{tmp_path}/x.db"


def test_store_creates_sqlite_parent_dir_with_wal(tmp_path):
    url = f"sqlite:///{tmp_path}/deep/er/k.db"
    with Store(url) as s:
        s.migrate()
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert (tmp_path / "deep" / "er" / "k.db").exists()


def test_0003_store_with_data_upgrades_to_0005_and_downgrades_keeping_the_mentions(db_url, corpus):
    """0005 adds sentence roles, grades and corrections: a 0003 store's mentions get the roles
    of their sentences and its events are re-fused with grades; going back to 0003 keeps every
    mention with its participants and quantities (no table is copied and dropped)."""
    from kizashi.store import corrections

    with Store(db_url) as s:
        s.migrate("0003")
        for a, ms in corpus.values():
            s.save_article(a, ms)
        with s.engine.connect() as conn:
            cols = {c["name"] for c in inspect(s.engine).get_columns("mentions")}
        assert "sentence_role" not in cols
        before = {t: _count(s, t) for t in ("mentions", "mention_participants", "quantities")}
        s.migrate()
        assert s.revision() == HEAD
        with s.engine.connect() as conn:
            roles = {r[0] for r in conn.exec_driver_sql("SELECT sentence_role FROM mentions")}
            graded = conn.exec_driver_sql(
                "SELECT count(*) FROM events WHERE reliability IS NOT NULL AND credibility "
                "BETWEEN 1 AND 6").scalar_one()
        assert None not in roles and roles <= {"report", "claim", "background", "analysis",
                                              "forecast", "other"}
        assert graded == _count(s, "events") > 0
        assert corrections.list_corrections(s) == []
        s.downgrade("0003")
        assert s.revision() == "0003"
        assert {t: _count(s, t) for t in before} == before
        assert not ({"corrections", "correction_effects"} & _tables(s))
        assert "sentence_role" not in {c["name"] for c in inspect(s.engine).get_columns("mentions")}
        s.migrate()                                   # and up again
        assert s.revision() == HEAD and {t: _count(s, t) for t in before} == before
