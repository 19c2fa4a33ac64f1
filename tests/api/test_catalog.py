"""kizashi.store.catalog (documents, actors, quantities, search) on SQLite AND PostgreSQL: short
articles of our own extracted for real, stored with ``Store.save_article`` and fused with
``refresh_events``."""
from __future__ import annotations

import pytest
from sqlalchemy import delete

from kizashi.records import Article, article_id
from kizashi.store import catalog, queries
from kizashi.store.queries import QueryError

# (title, text, published, source) — written for these tests
TEXTS = {
    "summit": ("露朝首脳が平壌で会談",
               "ロシアと北朝鮮は6月3日、平壌で首脳会談を開き、軍事協力の強化で合意した。",
               "2025-06-03", "NHK"),
    "food1": ("ロシアが北朝鮮に食料",
              "ロシアのプーチン大統領は6月3日、北朝鮮を訪問し、金正恩総書記と会談した。"
              "ロシアは北朝鮮に約2000トンの食料を支援した。", "2025-06-04", "共同通信"),
    "accuse": ("北朝鮮がロシアを非難",
               "北朝鮮外務省は7月9日、ロシアを強く非難した。米国は7月8日、北朝鮮に対する追加制裁を発表した。",
               "2025-07-10", "読売新聞"),
    "food2": ("食料支援の規模に開き",
              "ロシアは6月3日、北朝鮮に約5000トンの食料を支援したと報じられた。"
              "日本政府は7月12日、韓国に緊急物資を送った。", "2025-07-13", "朝日新聞"),
}


@pytest.fixture(scope="module")
def extracted(extract):
    out = []
    for key, (title, body, published, source) in TEXTS.items():
        url = f"https://news.example.jp/catalog/{key}"
        a = Article(id=article_id(url, body), text=body, title=title, published=published,
                    source=source, url=url, path=f"/corpus/{key}.txt")
        out.append((key, a, extract(a.text, doc_id=a.id, published=a.published)))
    return out


@pytest.fixture
def filled(store, extracted):
    """The ``store`` fixture (SQLite and PostgreSQL) with the articles stored and fused."""
    from kizashi.store.fusion_sync import refresh_events

    for _, a, ms in extracted:
        assert store.save_article(a, ms) == "new"
    refresh_events(store)
    store.ids = {key: a.id for key, a, _ in extracted}
    return store


def all_events(store, **filters):
    return queries.list_events(store, limit=1000, **filters).items


def test_list_documents(filled):
    ids = filled.ids
    page = catalog.list_documents(filled)
    assert [d["id"] for d in page["items"]] == [ids["food2"], ids["accuse"], ids["food1"],
                                                ids["summit"]]
    assert page["next_cursor"] is None and page["limit"] == 50
    first = page["items"][0]
    assert set(first) == {"id", "title", "source", "published", "url", "first_seen",
                          "n_mentions", "n_events"}
    assert first["source"] == "朝日新聞" and first["url"].endswith("/food2")
    counts = filled.counts()
    assert sum(d["n_mentions"] for d in page["items"]) == counts["mentions"]
    assert all(0 < d["n_events"] <= d["n_mentions"] for d in page["items"])

    walked, after = [], None
    while True:
        p = catalog.list_documents(filled, limit=1, after=after)
        walked += [d["id"] for d in p["items"]]
        after = p["next_cursor"]
        if not after:
            break
    assert walked == [d["id"] for d in page["items"]]

    def ids_of(**kw):
        return {d["id"] for d in catalog.list_documents(filled, **kw)["items"]}

    assert ids_of(source="NHK") == {ids["summit"]}
    assert ids_of(q="食料") == {ids["food1"], ids["food2"]}           # 2 characters: LIKE
    assert ids_of(q="首脳会談") == {ids["summit"]}
    assert ids_of(q="追加制裁 北朝鮮") == {ids["accuse"]}               # FTS5 / pg_trgm
    assert ids_of(start="2025-07") == {ids["accuse"], ids["food2"]}
    assert ids_of(end="2025-06-03") == {ids["summit"]}
    assert ids_of(start="2025-06-04", end="2025-07-10") == {ids["food1"], ids["accuse"]}
    for bad in ({"limit": 0}, {"limit": 5000}, {"after": "garbage"}, {"start": "June"},
                {"q": "a\x00b"}):
        with pytest.raises(QueryError):
            catalog.list_documents(filled, **bad)


def test_document_detail(filled):
    doc = catalog.document_detail(filled, filled.ids["food1"])
    assert doc["title"] == TEXTS["food1"][0] and doc["source"] == "共同通信"
    assert doc["format"] == "text" and doc["mentions"]
    text = doc["text"]
    events = {e["id"] for e in all_events(filled)}
    for m in doc["mentions"]:
        assert text[m["trigger"]["start"]:m["trigger"]["end"]] == m["trigger"]["text"]
        assert text[m["evidence"]["start"]:m["evidence"]["end"]] == m["evidence"]["text"]
        for e in m["actor"] + m["recipient"]:
            assert text[e["start"]:e["end"]] == e["text"]
        assert m["event_id"] in events
        assert m["quad_class"] == queries.quad_of(m["event_type"])
    aid = next(m for m in doc["mentions"] if m["event_type"] == "AID")
    [q] = aid["quantities"]
    assert (q["value"], q["unit"], q["object"], q["approx"]) == (2000, "トン", "食料", True)
    assert text[q["start"]:q["end"]] == q["text"]
    assert [a["code"] for a in aid["actor"]] == ["RUS"]
    assert [r["code"] for r in aid["recipient"]] == ["PRK"]
    assert catalog.document_detail(filled, "a_nonexistent") is None


@pytest.mark.parametrize("q,code", [("北朝鮮", "PRK"), ("朝鮮民主主義人民共和国", "PRK"),
                                    ("ロシア", "RUS"), ("露", "RUS"), ("prk", "PRK"),
                                    ("Rus", "RUS")])
def test_list_actors_by_alias(filled, q, code):
    items = catalog.list_actors(filled, q=q)
    assert items[0]["code"] == code, [a["code"] for a in items]
    assert set(items[0]) == {"code", "name", "kind", "aliases", "n_events"}


def test_list_actors_counts(filled):
    everything = all_events(filled)
    items = catalog.list_actors(filled, limit=1000)
    by = {a["code"]: a for a in items}
    for code in ("PRK", "RUS", "USA", "JPN"):
        assert by[code]["n_events"] == len([e for e in everything
                                           if code in e["actors"] + e["recipients"]]), code
    assert by["PRK"]["name"] == "北朝鮮" and by["PRK"]["kind"] == "state"
    assert by["FRA"]["n_events"] == 0                       # in the gazetteer, no events
    assert [a["n_events"] for a in items] == sorted((a["n_events"] for a in items), reverse=True)
    assert len(catalog.list_actors(filled, limit=2)) == 2
    assert catalog.list_actors(filled, q="存在しない名前") == []
    with pytest.raises(QueryError):
        catalog.list_actors(filled, limit=0)


def test_actor_profile(filled):
    everything = all_events(filled)
    p = catalog.actor_profile(filled, "PRK")
    involved = [e for e in everything if "PRK" in e["actors"] + e["recipients"]]
    assert p["n_events"] == len(involved) == p["as_actor"] + p["as_recipient"]
    assert p["as_recipient"] == len(all_events(filled, recipient="PRK"))
    assert "朝鮮民主主義人民共和国" in p["aliases"]
    assert sum(p["types"].values()) == p["n_events"] and "AID" in p["types"]
    rus = next(x for x in p["partners"] if x["code"] == "RUS")
    assert rus["events"] == len([e for e in involved if "RUS" in e["actors"] + e["recipients"]])
    assert rus["quad_classes"].get("material_cooperation", 0) >= 1
    either = [e for e in everything if "PRK" in e["actors"] + e["recipients"]]
    latest = sorted(either, key=lambda e: (e["date"] is not None, e["date"] or "", e["id"]),
                    reverse=True)[:10]
    assert [e["id"] for e in p["recent_events"]] == [e["id"] for e in latest]
    assert any("PRK" in e["recipients"] for e in p["recent_events"])   # a recipient's events too
    fra = catalog.actor_profile(filled, "FRA")
    assert fra["n_events"] == 0 and fra["partners"] == [] and fra["name"] == "フランス"
    assert catalog.actor_profile(filled, "ZZZ") is None


def test_actor_outside_the_gazetteer_still_has_a_profile(filled):
    """A code that takes part in events but has no ``entities`` row (a gazetteer that lost it):
    listed and profiled with its code as name and no kind."""
    from kizashi.store.models import EntityAlias, EntityRow

    with filled.engine.begin() as conn:
        conn.execute(delete(EntityAlias.__table__).where(EntityAlias.code == "USA"))
        conn.execute(delete(EntityRow.__table__).where(EntityRow.code == "USA"))
    p = catalog.actor_profile(filled, "USA")
    assert p is not None and p["kind"] is None and p["name"] == "USA" and p["aliases"] == []
    assert p["n_events"] >= 1 and p["as_actor"] >= 1
    listed = {a["code"]: a for a in catalog.list_actors(filled, limit=1000)}
    assert listed["USA"]["kind"] is None and listed["USA"]["n_events"] == p["n_events"]
    assert "USA" in [a["code"] for a in catalog.list_actors(filled, q="usa")]


def test_quantities(filled):
    res = catalog.quantities(filled)
    food = [s for s in res["series"] if (s["object"], s["unit"]) == ("食料", "トン")]
    assert len(food) == 1
    est = food[0]["estimates"]
    assert [x["value"] for x in est] == [2000, 5000]                 # by publication
    assert [x["published"] for x in est] == ["2025-06-04", "2025-07-13"]
    assert all(x["conflicting"] for x in est) and len({x["event_id"] for x in est}) == 1
    [ev] = [e for e in all_events(filled) if e["id"] == est[0]["event_id"]]
    assert ev["conflicting_quantities"] and ev["event_type"] == "AID"
    assert set(est[0]) == {"event_id", "event_type", "date", "published", "source", "doc_id",
                           "mention_id", "text", "value", "low", "high", "approx",
                           "factuality", "claimant", "as_of", "conflicting"}
    assert {x["source"] for x in est} == {"共同通信", "朝日新聞"}
    only = catalog.quantities(filled, object="食料", unit="トン", actor="RUS")
    assert only["series"] == food and only["filters"]["object"] == "食料"
    assert catalog.quantities(filled, type="SANCTION")["series"] == []
    assert catalog.quantities(filled, unit="人")["series"] == []
    with pytest.raises(QueryError):
        catalog.quantities(filled, quad="peace")
    with pytest.raises(QueryError):
        catalog.quantities(filled, colour="red")
    with pytest.raises(QueryError):
        catalog.quantities(filled, start="last week")


def test_search(filled):
    res = catalog.search(filled, "食料")
    assert {h["doc_id"] for h in res["documents"]} == {filled.ids["food1"], filled.ids["food2"]}
    assert all(set(h) == {"doc_id", "title", "published", "source", "snippet", "score", "method"}
               for h in res["documents"])
    assert "食料" in res["documents"][0]["snippet"]
    assert [e["id"] for e in res["events"]] == \
        [e["id"] for e in queries.list_events(filled, q="食料", sort="-date", limit=20).items]
    assert res["events"]
    longer = catalog.search(filled, "追加制裁")
    assert [h["doc_id"] for h in longer["documents"]] == [filled.ids["accuse"]]
    assert longer["documents"][0]["method"] == ("fts5" if filled.dialect == "sqlite" else "trgm")
    for bad in ("", "   ", "a\x00"):
        with pytest.raises(QueryError):
            catalog.search(filled, bad)
    with pytest.raises(QueryError):
        catalog.search(filled, "食料", limit=1000)
