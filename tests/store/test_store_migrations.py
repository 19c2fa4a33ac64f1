"""Migrations: empty database → head, idempotent, down to base and up again; models = migrations."""
from __future__ import annotations

from sqlalchemy import inspect

from kizashi.store import Store, default_db_url
from kizashi.store.models import Base

TABLES = {"documents", "sources", "mentions", "mention_participants", "quantities", "entities",
          "entity_aliases", "events", "event_mentions"}


def _tables(s: Store) -> set[str]:
    return set(inspect(s.engine).get_table_names())


def test_upgrade_on_empty_db_and_idempotent(db_url):
    s = Store(db_url)
    try:
        assert s.revision() is None
        assert not (_tables(s) & TABLES)
        s.migrate()
        assert s.revision() == "0001"
        assert TABLES <= _tables(s)
        before = s.counts()
        s.migrate()                                   # second run: nothing to do, nothing changes
        assert s.revision() == "0001"
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
    assert store.revision() == "0001"
    assert store.counts()["documents"] == 0
    assert store.save_article(a, ms) == "new"
    assert [h.doc_id for h in store.search_documents("国防省")] == [a.id]


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
