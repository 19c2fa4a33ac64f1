"""Japanese full-text search on both backends: 3+ character terms through the index (SQLite FTS5
trigram, PostgreSQL pg_trgm GIN), 2-character terms through the LIKE fallback."""
from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import text

from kizashi.records import Article, article_id

# documents of our own, written for the search tests (no mentions needed)
DOCS = [
    ("経済安保", "日米両政府は半導体の輸出管理で協力を強化する方針を確認した。", "2025-04-01"),
    ("制裁", "欧州連合は北朝鮮への追加制裁を決定し、資産凍結の対象を広げた。", "2025-04-02"),
    ("防衛", "防衛省は日米共同訓練を沖縄周辺で実施すると発表した。", "2025-04-03"),
    ("外交", "韓国大統領は東京を訪問し、日韓首脳会談に臨んだ。", "2025-04-04"),
    ("English", "The foreign ministry of Japan issued a statement on 100% tariffs.", "2025-04-05"),
]


def _articles() -> list[Article]:
    return [Article(id=article_id(None, body), text=body, title=title, published=pub)
            for title, body, pub in DOCS]


@pytest.fixture
def searchable(store):
    arts = _articles()
    for a in arts:
        assert store.save_article(a, []) == "new"
    return store, {a.title: a.id for a in arts}


def ids(hits):
    return sorted(h.doc_id for h in hits)


def test_three_or_more_characters_use_the_index(searchable):
    store, by = searchable
    expect = "fts5" if store.dialect == "sqlite" else "trgm"
    hits = store.search_documents("半導体")
    assert ids(hits) == [by["経済安保"]] and hits[0].method == expect
    assert "半導体" in hits[0].snippet
    assert ids(store.search_documents("追加制裁")) == [by["制裁"]]
    assert ids(store.search_documents("日米共同訓練")) == [by["防衛"]]
    assert ids(store.search_documents("首脳会談")) == [by["外交"]]
    assert store.search_documents("中東和平") == []
    # several terms: all must occur (AND)
    assert ids(store.search_documents("北朝鮮 資産凍結")) == [by["制裁"]]
    assert store.search_documents("北朝鮮 半導体") == []
    # full-width space separates terms too
    assert ids(store.search_documents("北朝鮮\u3000資産凍結")) == [by["制裁"]]


def test_two_character_terms_fall_back_to_like(searchable):
    store, by = searchable
    hits = store.search_documents("日米")
    assert ids(hits) == sorted([by["経済安保"], by["防衛"]])
    assert all(h.method == "like" for h in hits)
    assert ids(store.search_documents("制裁")) == [by["制裁"]]       # title and text
    assert ids(store.search_documents("東京")) == [by["外交"]]
    assert ids(store.search_documents("日韓")) == [by["外交"]]
    assert store.search_documents("中東") == []
    # a mix of long and short terms takes the fallback for all and still ANDs them
    assert ids(store.search_documents("日米 共同訓練")) == [by["防衛"]]
    # one character works as well
    assert ids(store.search_documents("沖")) == [by["防衛"]]


def test_title_matches_rank_first_and_limit(searchable):
    store, by = searchable
    hits = store.search_documents("制裁")
    assert hits[0].doc_id == by["制裁"]
    assert len(store.search_documents("した", limit=2)) == 2
    assert store.search_documents("   ") == []


def test_like_metacharacters_are_literal(searchable):
    store, by = searchable
    assert ids(store.search_documents("100%")) == [by["English"]]
    assert store.search_documents("0%t") == []
    assert store.search_documents("日_") == []
    assert ids(store.search_documents("MINISTRY")) == [by["English"]]   # ASCII: case-insensitive
    assert store.search_documents('"') == []


def test_index_follows_updates(searchable):
    store, by = searchable
    a = next(x for x in _articles() if x.title == "防衛")
    store.save_article(dataclasses.replace(a, text="防衛省は新型ミサイルの配備計画を公表した。"), [])
    assert store.search_documents("日米共同訓練") == []
    assert ids(store.search_documents("ミサイル")) == [by["防衛"]]
    assert ids(store.search_documents("日米")) == [by["経済安保"]]
    store.delete_document(by["制裁"])
    assert store.search_documents("資産凍結") == []
    if store.dialect == "sqlite":
        # the external-content FTS5 index agrees with the documents table after update/delete
        with store.engine.begin() as conn:
            conn.execute(text("INSERT INTO documents_fts(documents_fts, rank) "
                              "VALUES ('integrity-check', 1)"))


def test_backend_index_really_serves_japanese(searchable):
    store, by = searchable
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            rows = conn.execute(text(
                "SELECT d.id FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
                "WHERE documents_fts MATCH :q"), {"q": '"資産凍結"'}).scalars().all()
            assert rows == [by["制裁"]]
            # the trigram tokenizer cannot match two characters: hence the LIKE fallback
            assert conn.execute(text("SELECT count(*) FROM documents_fts WHERE documents_fts "
                                     "MATCH :q"), {"q": '"日米"'}).scalar() == 0
        else:
            # pg_trgm extracts trigrams from Japanese text in this (UTF-8) database ...
            trgms = conn.execute(text("SELECT show_trgm('資産凍結')")).scalar()
            assert len(trgms) >= 2
            # ... and the planner answers a Japanese ILIKE from the GIN trigram index
            conn.execute(text("SET enable_seqscan = off"))
            plan = "\n".join(conn.execute(text(
                "EXPLAIN SELECT id FROM documents WHERE title ILIKE :p OR text ILIKE :p"),
                {"p": "%資産凍結%"}).scalars())
            assert "ix_documents_text_trgm" in plan and "Bitmap Index Scan" in plan, plan
            got = conn.execute(text("SELECT id FROM documents WHERE text ILIKE :p"),
                               {"p": "%資産凍結%"}).scalars().all()
            assert got == [by["制裁"]]


def test_control_characters_separate_terms(store, corpus):
    """A NUL (refused by FTS5 and PostgreSQL) or a tab in a query acts as a space."""
    from kizashi.store import queries

    for a, ms in corpus.values():
        store.save_article(a, ms)
    want = [h.doc_id for h in store.search_documents("国防省 ベラルーシ")]
    assert want and [h.doc_id for h in store.search_documents("国防省\x00ベラルーシ")] == want
    assert [h.doc_id for h in store.search_documents("国防省\tベラルーシ")] == want
    assert store.search_documents("\x00") == []
    assert queries.search_terms("a\x00b\x7fc d") == ["a", "b", "c", "d"]
    queries.list_events(store, q="国防省\x01")          # no error from the database
