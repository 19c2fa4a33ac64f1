"""The query layer on both backends: filters, keyset pagination, detail, timeline, dyad series,
network. Four short articles of our own, extracted for real, stored, fused."""
from __future__ import annotations

import pytest

from kizashi.records import Article, article_id
from kizashi.store import queries as Q
from kizashi.store.fusion_sync import refresh_events

# (title, text, published, outlet): written for these tests
ARTICLES = {
    "summit": ("露朝首脳会談", "ロシアと北朝鮮は4月1日、平壌で首脳会談を開き、軍事協力の強化で合意した。",
               "2025-04-01", "NHK"),
    "visit": ("プーチン氏が訪朝",
              "ロシアのプーチン大統領は4月1日、北朝鮮を訪問し、金正恩総書記と会談した。"
              "ロシアは北朝鮮に約2000トンの食料を支援した。", "2025-04-02", "共同通信"),
    "rift": ("北朝鮮がロシア非難",
             "北朝鮮外務省は5月9日、ロシアを強く非難した。米国は5月8日、北朝鮮に対する追加制裁を発表した。",
             "2025-05-10", "読売新聞"),
    "food": ("食料支援の規模",
             "ロシアは4月1日、北朝鮮に約5000トンの食料を支援したと報じられた。日本政府は5月12日、韓国に緊急物資を送った。",
             "2025-05-13", "朝日新聞"),
}


@pytest.fixture(scope="module")
def extracted(extract):
    out = []
    for key, (title, text, published, source) in ARTICLES.items():
        url = f"https://news.example.jp/q/{key}"
        a = Article(id=article_id(url, text), text=text, title=title, published=published,
                    source=source, url=url)
        out.append((a, extract(a.text, doc_id=a.id, published=a.published)))
    return out


@pytest.fixture
def loaded(store, extracted):
    for a, ms in extracted:
        store.save_article(a, ms)
    refresh_events(store)
    return store


def _types(page) -> list[str]:
    return sorted(e["event_type"] for e in page.items)


def _one(store, **kw) -> dict:
    items = Q.list_events(store, **kw).items
    assert len(items) == 1, items
    return items[0]


def test_all_events(loaded):
    page = Q.list_events(loaded)
    assert _types(page) == ["ACCUSE", "AGREE", "AID", "AID", "CONSULT", "SANCTION"]
    assert page.next_cursor is None
    dates = [e["date"] for e in page.items]
    assert dates == sorted(dates)
    aid = next(e for e in page.items if e["event_type"] == "AID" and e["actors"] == ["RUS"])
    assert aid["recipients"] == ["PRK"] and aid["n_sources"] == 2
    assert aid["factuality"] == "asserted"                    # asserted once beats reported once
    assert aid["factuality_counts"] == {"asserted": 1, "reported": 1}
    assert aid["conflicting_quantities"] is True              # 約2000トン vs 約5000トン
    assert (aid["quad_class"], aid["score"]) == ("material_cooperation", 10.0)


def test_filters(loaded):
    s = loaded
    assert _types(Q.list_events(s, type="AID")) == ["AID", "AID"]
    assert _types(Q.list_events(s, type=["aid", "ACCUSE"])) == ["ACCUSE", "AID", "AID"]
    assert _types(Q.list_events(s, quad="material_conflict")) == ["SANCTION"]
    assert _types(Q.list_events(s, quad=[1, 3])) == ["ACCUSE", "AGREE", "CONSULT"]
    assert _types(Q.list_events(s, actor="PRK")) == ["ACCUSE", "AGREE"]       # AGREE is mutual
    assert _types(Q.list_events(s, recipient="PRK")) == ["AID", "CONSULT", "SANCTION"]
    assert _types(Q.list_events(s, actor="RUS", recipient="PRK")) == ["AID", "CONSULT"]
    # dyad: both directions and mutual; USA→PRK and JPN→KOR are not in it
    rp = Q.list_events(s, dyad=("RUS", "PRK"))
    assert _types(rp) == ["ACCUSE", "AGREE", "AID", "CONSULT"]
    assert [e["id"] for e in Q.list_events(s, dyad=["PRK", "RUS"]).items] == [e["id"] for e in rp.items]
    assert Q.list_events(s, dyad=("USA", "RUS")).items == []
    # told by two outlets: the food aid, and the Pyongyang summit (a visit by Russia, in the summit
    # report and the visit report)
    assert _types(Q.list_events(s, min_sources=2)) == ["AID", "CONSULT"]
    assert _types(Q.list_events(s, factuality="reported")) == []
    assert len(Q.list_events(s, factuality=["asserted"]).items) == 6
    # dates: inclusive at their precision
    assert _types(Q.list_events(s, start="2025-05-01")) == ["ACCUSE", "AID", "SANCTION"]
    assert _types(Q.list_events(s, end="2025-04")) == ["AGREE", "AID", "CONSULT"]
    assert _types(Q.list_events(s, start="2025-05-08", end="2025-05-09")) == ["ACCUSE", "SANCTION"]
    # text: words of the event's articles (3+ characters: full-text index; 2: LIKE)
    assert _types(Q.list_events(s, q="金正恩総書記")) == ["AID", "CONSULT"]
    assert _types(Q.list_events(s, q="食料")) == ["AID", "AID", "CONSULT"]
    assert _types(Q.list_events(s, q="食料 緊急物資")) == ["AID", "AID"]
    # everything together (AND)
    e = _one(s, dyad=("PRK", "RUS"), type="AID", start="2025-04", end="2025-04-30", min_sources=2)
    assert e["actors"] == ["RUS"]
    assert Q.list_events(s, dyad=("PRK", "RUS"), quad="material_conflict").items == []


@pytest.mark.parametrize("sort", list(Q.SORTS))
def test_keyset_pagination(loaded, sort):
    full = [e["id"] for e in Q.list_events(loaded, sort=sort, limit=1000).items]
    assert len(full) == len(set(full)) == 6
    for limit in (1, 2, 4):
        seen, after, pages = [], None, 0
        while True:
            page = Q.list_events(loaded, sort=sort, limit=limit, after=after)
            seen += [e["id"] for e in page.items]
            pages += 1
            if not page.next_cursor:
                break
            after = page.next_cursor
        assert seen == full                            # no duplicates, no gaps, same order
        assert pages == -(-6 // limit)
    col = Q.SORTS[sort][0]
    key = {"date": "date", "first_reported": "first_reported", "n_sources": "n_sources",
           "first_seen": "first_seen"}[col]
    values = [e[key] for e in Q.list_events(loaded, sort=sort).items]
    assert values == sorted(values, reverse=sort.startswith("-"))


def test_pagination_with_filter_and_bad_input(loaded):
    p1 = Q.list_events(loaded, dyad=("RUS", "PRK"), limit=3)
    p2 = Q.list_events(loaded, dyad=("RUS", "PRK"), limit=3, after=p1.next_cursor)
    assert len(p1.items) == 3 and len(p2.items) == 1 and p2.next_cursor is None
    with pytest.raises(Q.QueryError):
        Q.list_events(loaded, after="not-a-cursor")
    with pytest.raises(Q.QueryError):
        Q.list_events(loaded, sort="-date", after=p1.next_cursor)   # cursor of another sort
    with pytest.raises(Q.QueryError):
        Q.list_events(loaded, sort="bogus")
    with pytest.raises(Q.QueryError):
        Q.list_events(loaded, quad="peace")
    with pytest.raises(Q.QueryError):
        Q.list_events(loaded, dyad=("RUS", "RUS"))
    with pytest.raises(Q.QueryError):
        Q.list_events(loaded, limit=0)
    assert [e["id"] for e in Q.iter_events(loaded, batch=2)] == \
        [e["id"] for e in Q.list_events(loaded).items]


def test_event_detail(loaded, extracted):
    aid = _one(loaded, min_sources=2, type="AID")
    d = Q.event_detail(loaded, aid["id"])
    assert d["id"] == aid["id"] and len(d["mentions"]) == 2
    docs = {a.id: a for a, _ in extracted}
    for m in d["mentions"]:
        doc = docs[m["doc_id"]]
        ev, tr = m["evidence"], m["trigger"]
        assert doc.text[ev["start"]:ev["end"]] == ev["text"]
        assert doc.text[tr["start"]:tr["end"]] == tr["text"] == "支援"
        assert m["document"] == {"id": doc.id, "title": doc.title, "source": doc.source,
                                 "url": doc.url, "published": doc.published}
        assert [p["code"] for p in m["actor"]] == ["RUS"]
    assert [m["document"]["source"] for m in d["mentions"]] == ["共同通信", "朝日新聞"]
    assert [(q["value"], q["source"]) for q in d["quantities"]] == [(2000, "共同通信"), (5000, "朝日新聞")]
    assert d["quantity_conflicts"] == [[0, 1]]
    assert Q.event_detail(loaded, "ev_missing") is None


def test_timeline(loaded):
    t = Q.timeline(loaded)
    assert [(r["period"], r["count"]) for r in t["rows"]] == [("2025-04", 3), ("2025-05", 3)]
    assert t["rows"][0]["quads"] == {"verbal_cooperation": 2, "material_cooperation": 1}
    assert t["undated"] == 0
    d = Q.timeline(loaded, freq="day", actor="RUS")
    assert [(r["period"], r["count"]) for r in d["rows"]] == [("2025-04-01", 3)]
    y = Q.timeline(loaded, freq="year", quad="material_conflict")
    assert [(r["period"], r["count"]) for r in y["rows"]] == [("2025", 1)]
    with pytest.raises(Q.QueryError):
        Q.timeline(loaded, freq="hour")


def test_dyad_series_sign(loaded):
    s = Q.dyad_series(loaded, "RUS", "PRK")
    rows = {r["period"]: r for r in s["rows"]}
    assert set(rows) == {"2025-04", "2025-05"}
    april, may = rows["2025-04"], rows["2025-05"]
    assert april["index"] > 0 and april["conflict"] == 0 and april["count"] == 3   # visit, aid, agree
    assert may["index"] < 0 and may["cooperation"] == 0 and may["count"] == 1      # accusation
    assert may["b_to_a"] < 0 and may["a_to_b"] == 0                                 # PRK → RUS
    assert april["b_to_a"] > 0                     # the mutual agreement counts both ways
    # the same figures from the other side
    back = {r["period"]: r for r in Q.dyad_series(loaded, "PRK", "RUS")["rows"]}
    assert back["2025-04"]["index"] == april["index"] and back["2025-05"]["a_to_b"] == may["b_to_a"]
    weeks = Q.dyad_series(loaded, "RUS", "PRK", freq="week")["rows"]
    assert [r["period"] for r in weeks] == ["2025-W14", "2025-W19"]
    assert Q.dyad_series(loaded, "RUS", "PRK", quad="verbal_conflict")["rows"][0]["count"] == 1
    assert Q.dyad_series(loaded, "JPN", "USA")["rows"] == []


def test_network(loaded):
    n = Q.network(loaded)
    nodes = {x["code"]: x for x in n["nodes"]}
    assert set(nodes) == {"RUS", "PRK", "USA", "JPN", "KOR"}
    assert nodes["PRK"]["events"] == 5 and nodes["PRK"]["as_recipient"] == 3
    edges = {(e["source"], e["target"]): e for e in n["edges"]}
    assert set(edges) == {("RUS", "PRK"), ("PRK", "RUS"), ("USA", "PRK"), ("JPN", "KOR")}
    assert edges[("RUS", "PRK")]["weight"] == 3
    assert edges[("RUS", "PRK")]["quads"] == {"verbal_cooperation": 2, "material_cooperation": 1}
    assert edges[("PRK", "RUS")]["quads"] == {"verbal_cooperation": 1, "verbal_conflict": 1}
    assert edges[("USA", "PRK")]["quad_class"] == "material_conflict"
    only = Q.network(loaded, quad="material_cooperation")
    assert {(e["source"], e["target"]) for e in only["edges"]} == {("RUS", "PRK"), ("JPN", "KOR")}


def test_hot_filters_use_indexes(loaded):
    if loaded.dialect != "sqlite":
        pytest.skip("query plans checked on SQLite")
    from sqlalchemy import select

    from kizashi.store.models import Event

    def plan(**filters) -> str:
        stmt = select(Event.id).where(*Q.conditions(loaded, Q.event_filter(loaded, **filters)))
        sql = str(stmt.compile(loaded.engine, compile_kwargs={"literal_binds": True}))
        with loaded.engine.connect() as conn:
            return " ".join(r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))

    assert "ix_events_event_type" in plan(type="AID")
    assert "ix_events_date" in plan(start="2025-04-01", end="2025-04-30")
    assert "ix_event_participants_code_role_date" in plan(actor="RUS")
    assert "ix_event_dyads_a_b_date" in plan(dyad=("RUS", "PRK"))


def test_sql_dyad_series_equals_in_memory_index(demo_db):
    """On the demo corpus, the SQL series (from ``event_dyads``) agree with
    :func:`kizashi.fusion.cooperation_conflict_index` run over the fused events in memory."""
    from kizashi.fusion import cooperation_conflict_index, fuse
    from kizashi.store import Store
    from kizashi.store.fusion_sync import load_mentions

    with Store(demo_db) as s:
        with s.engine.connect() as conn:
            items, _ = load_mentions(conn)
        events = fuse(items)
        pairs = {tuple(sorted((e["source"], e["target"]))) for e in Q.network(s)["edges"]}
        assert len(pairs) >= 3
        for freq in ("month", "week"):
            mem = cooperation_conflict_index(events, freq=freq, unary=False)
            for a, b in pairs:
                want: dict[str, dict] = {}
                for r in mem:
                    if (r["actor"], r["recipient"]) in ((a, b), (b, a)):
                        w = want.setdefault(r["period"], {"a_to_b": 0.0, "b_to_a": 0.0,
                                                          "ids": set()})
                        w["a_to_b" if r["actor"] == a else "b_to_a"] += r["index"]
                        w["ids"].update(r["events"])
                got = {r["period"]: r for r in Q.dyad_series(s, a, b, freq=freq)["rows"]}
                assert set(got) == set(want), (a, b, freq)
                # the rollup (no filter) and the events (a filter true of every event) agree
                assert Q.dyad_series(s, a, b, freq=freq, min_sources=1)["rows"] == \
                    list(got.values())
                for period, w in want.items():
                    assert got[period]["count"] == len(w["ids"])
                    assert got[period]["a_to_b"] == pytest.approx(w["a_to_b"], abs=1e-6)
                    assert got[period]["b_to_a"] == pytest.approx(w["b_to_a"], abs=1e-6)


@pytest.mark.parametrize("filters", [
    {}, {"start": "2024-06-01", "end": "2024-12-31"}, {"start": "2024-11"}, {"end": "2024"},
    {"start": "2024-01-01", "end": "2024-12-31"}, {"start": "2025"},
    {"type": "AID,CONSULT"}, {"quad": "material_conflict", "start": "2024"},
])
def test_rollups_answer_like_the_events(demo_db, filters):
    """Network and timeline of whole months come from the rollups; the same filter plus
    ``min_sources=1`` (true of every event) takes the path that counts the events themselves:
    both must agree."""
    from kizashi.store import Store

    with Store(demo_db) as s:
        assert Q._rollup_conditions(Q.EventRollup, Q.EventFilter(**filters).active()) is not None
        fast, slow = Q.network(s, **filters), Q.network(s, min_sources=1, **filters)
        assert fast["events"] > 0
        assert (fast["nodes"], fast["edges"], fast["events"]) == \
            (slow["nodes"], slow["edges"], slow["events"])
        for freq in ("month", "year"):
            a, b = Q.timeline(s, freq=freq, **filters), Q.timeline(s, freq=freq, min_sources=1,
                                                                   **filters)
            assert (a["rows"], a["undated"]) == (b["rows"], b["undated"])


def test_ranges_that_cut_months_count_the_events():
    assert Q._whole("2024-06-01", "2024-06-30", "m") and Q._whole("2024", "2025-02", "m")
    assert Q._whole("2024-02-01", "2024-02-29", "m")            # leap year
    assert not Q._whole("2024-06-15", None, "m")
    assert not Q._whole(None, "2023-02-29", "m")
    assert not Q._whole("2024-13-01", None, "m") and not Q._whole("junk", None, "m")
    assert Q._rollup_conditions(Q.DyadRollup, {"actor": "RUS"}) is None
    assert Q._whole("2024-01-01", "2025-12-31", "y") and Q._whole("2024", "2024-12", "y")
    assert not Q._whole("2024-02-01", None, "y") and not Q._whole(None, "2024-11-30", "y")


def test_network_max_edges_keeps_the_heaviest(demo_db):
    from kizashi.store import Store

    with Store(demo_db) as s:
        full = Q.network(s)
        top = Q.network(s, max_edges=2)
    assert top["n_edges"] == full["n_edges"] == len(full["edges"]) > 2
    weights = sorted((e["weight"] for e in full["edges"]), reverse=True)
    assert sorted((e["weight"] for e in top["edges"]), reverse=True) == weights[:2]
    assert {n["code"] for n in top["nodes"]} == {c for e in top["edges"]
                                                 for c in (e["source"], e["target"])}
    with pytest.raises(Q.QueryError):
        Q.network(s, max_edges=0)


@pytest.mark.parametrize("sort", ["date", "-date"])
def test_dyad_pages_in_date_order_equal_the_generic_path(demo_db, sort):
    """A dyad filter sorted by date reads ``event_dyads`` in index order; it must list the same
    events as the generic path (sorted by report date), in date order with undated events last,
    page after page."""
    from kizashi.store import Store

    with Store(demo_db) as s:
        for pair in (("PRK", "RUS"), ("JPN", "PRK")):
            seen, after = [], None
            while True:
                page = Q.list_events(s, dyad=pair, sort=sort, limit=2, after=after)
                seen += page.items
                after = page.next_cursor
                if not after:
                    break
            generic = Q.list_events(s, dyad=pair, sort="reported", limit=1000).items
            assert len(seen) > 2 and sorted(e["id"] for e in seen) == sorted(e["id"] for e in generic)
            dated = [e["date"] for e in seen if e["date"]]
            assert dated == sorted(dated, reverse=sort.startswith("-"))
            assert all(e["date"] for e in seen[:len(dated)])        # undated ones come last


@pytest.mark.parametrize("filters", [{}, {"start": "2024-01-01", "end": "2024-12-31"},
                                     {"start": "2024", "end": "2025"}, {"quad": "1,2"}])
def test_network_top_edges_same_on_every_path(demo_db, filters):
    """The heaviest edges read from the index (one period), from the grouped rollup and from the
    events themselves (``min_sources=1``) are the same, with the same full counts."""
    from kizashi.store import Store

    with Store(demo_db) as s:
        for k in (1, 3, 1000):
            fast = Q.network(s, max_edges=k, **filters)
            slow = Q.network(s, max_edges=k, min_sources=1, **filters)
            assert (fast["n_edges"], fast["n_nodes"]) == (slow["n_edges"], slow["n_nodes"])
            assert fast["edges"] == slow["edges"] and fast["nodes"] == slow["nodes"]
            assert len(fast["edges"]) == min(k, fast["n_edges"])


def test_count_events_equals_the_listed_events(loaded):
    for filters in ({}, {"actor": "RUS"}, {"start": "2025-05"}, {"dyad": ("RUS", "PRK")}):
        items = Q.list_events(loaded, limit=1000, **filters).items
        got = Q.count_events(loaded, **filters)
        assert got["events"] == len(items) > 0
        assert got["conflicting"] == sum(1 for e in items if e["conflicting_quantities"])
    assert Q.count_events(loaded, start="2030")["events"] == 0


def test_count_events_counts_conflicts(demo_db):
    from kizashi.store import Store

    with Store(demo_db) as s:
        items = Q.list_events(s, limit=1000).items
        got = Q.count_events(s)
    assert got["conflicting"] == sum(1 for e in items if e["conflicting_quantities"]) >= 1
