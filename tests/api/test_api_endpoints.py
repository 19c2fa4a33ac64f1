"""The JSON API over real HTTP (uvicorn on the demo corpus ``samples/fusion``): every endpoint,
filters that change the results, keyset pagination, document offsets, Japanese actor aliases,
exports and the one error shape."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

DOCS = 16          # samples/fusion/*.txt


def walk(api, path: str, limit: int, **params) -> list[dict]:
    """Every item of a paginated endpoint, following ``next_cursor``; checks the pages."""
    items, after, pages = [], None, 0
    while True:
        r = api.get(path, params={**params, "limit": limit, **({"after": after} if after else {})})
        assert r.status_code == 200, r.text
        page = r.json()
        assert len(page["items"]) <= limit and page["limit"] == limit
        items += page["items"]
        pages += 1
        after = page["next_cursor"]
        if after is None:
            break
        assert len(page["items"]) == limit, "a page before the last one is full"
        assert pages < 100
    return items


# --- health ----------------------------------------------------------------------------------------

def test_health(api, live_server):
    r = api.get("/health")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    h = r.json()
    assert h["status"] == "ok" and h["version"]
    assert h["schema_revision"] == live_server.store.revision() is not None
    assert h["counts"]["documents"] == DOCS
    assert h["counts"]["events"] > 10 and h["counts"]["mentions"] >= h["counts"]["events"]


def test_docs_and_openapi(api, live_server):
    spec = api.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.") and spec["servers"][0]["url"] == "/api/v1"
    paths = set(spec["paths"])
    assert {"/health", "/documents", "/documents/{doc_id}", "/events", "/events/{event_id}",
            "/events/export", "/timeline", "/dyads/{a}/{b}", "/network", "/actors",
            "/actors/{code}", "/quantities", "/search"} <= paths
    # every operation documents the error shape
    for path, ops in spec["paths"].items():
        for op in ops.values():
            for status in ("400", "422", "500"):
                ref = op["responses"][status]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorResponse"), (path, status)
    def params(path):
        return {p["name"] for p in spec["paths"][path]["get"].get("parameters", [])}

    assert {"start", "end", "type", "quad", "actor", "recipient", "dyad", "factuality",
            "min_sources", "q", "since", "changed_since", "sort", "limit",
            "after"} == params("/events")
    assert "dyad" not in params("/dyads/{a}/{b}") and "freq" in params("/dyads/{a}/{b}")
    # a query parameter is absent or a string: never documented as nullable
    for ops in spec["paths"].values():
        for op in ops.values():                     # writes (POST /watches...) too
            for p in op.get("parameters", []):
                assert "anyOf" not in p["schema"], p
    html = api.get("/docs")
    assert html.status_code == 200 and "/api/v1/openapi.json" in html.text


# --- events ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("sort", ["date", "-date", "reported", "-sources"])
def test_events_pages_walk_without_gaps_or_repeats(api, all_events, sort):
    everything = all_events(sort=sort)
    assert len(everything) == api.get("/health").json()["counts"]["events"]
    walked = walk(api, "/events", 3, sort=sort)
    ids = [e["id"] for e in walked]
    assert len(ids) == len(set(ids)), "no repeats"
    assert ids == [e["id"] for e in everything], "no gaps, same order"
    key = {"date": "date", "reported": "first_reported", "sources": "n_sources"}[sort.lstrip("-")]
    vals = [e[key] for e in walked if e[key] is not None]
    assert vals == sorted(vals, reverse=sort.startswith("-"))


def test_event_filters_change_results(api, all_events):
    everything = all_events()
    n = len(everything)

    def check(params, pred):
        got = all_events(**params)
        assert 0 < len(got) < n, (params, len(got))
        assert all(pred(e) for e in got), params
        assert {e["id"] for e in got} == {e["id"] for e in everything if pred(e)}, params
        return got

    check({"type": "AID"}, lambda e: e["event_type"] == "AID")
    both = check({"type": ["AID", "SANCTION"]}, lambda e: e["event_type"] in ("AID", "SANCTION"))
    assert {e["id"] for e in all_events(type="AID,SANCTION")} == {e["id"] for e in both}
    check({"quad": "material_conflict"}, lambda e: e["quad_class"] == "material_conflict")
    check({"quad": ["1", "verbal_conflict"]},
          lambda e: e["quad_class"] in ("verbal_cooperation", "verbal_conflict"))
    check({"actor": "JPN"}, lambda e: "JPN" in e["actors"])
    check({"recipient": "RUS"}, lambda e: "RUS" in e["recipients"])
    check({"min_sources": 2}, lambda e: e["n_sources"] >= 2)
    check({"factuality": "reported"}, lambda e: e["factuality"] == "reported")
    # inclusive at their precision; a date coarser than the range (2024) overlaps it
    check({"start": "2024-11", "end": "2024-12"},
          lambda e: e["date"] is not None and e["date"][:7] <= "2024-12"
          and (e["date"][:7] >= "2024-11" or "2024-11".startswith(e["date"])))
    def between(e, a="RUS", b="PRK"):          # A→B, B→A, or mutual without recipient
        act, rec = set(e["actors"]), set(e["recipients"])
        return (a in act and b in rec) or (b in act and a in rec) or \
            ({a, b} <= act and not rec)

    dyad = check({"dyad": "RUS,PRK"}, between)
    assert [e["id"] for e in all_events(dyad="PRK,RUS")] == [e["id"] for e in dyad]
    # text: events of the documents that mention 極超音速
    hyper = all_events(q="極超音速")
    assert 0 < len(hyper) < n
    combined = all_events(actor="PRK", type="MOBILIZE", start="2025")
    assert combined and all(e["event_type"] == "MOBILIZE" and "PRK" in e["actors"]
                            and e["date"] >= "2025" for e in combined)
    # an actor no entity has is an error, never a silent empty result (issue 9)


def test_event_detail_matches_documents(api, all_events):
    ev = next(e for e in all_events(sort="-sources") if e["n_mentions"] >= 2)
    r = api.get(f"/events/{ev['id']}")
    assert r.status_code == 200
    d = r.json()
    for k in ("event_type", "actors", "recipients", "n_sources", "date"):
        assert d[k] == ev[k]
    assert len(d["mentions"]) == d["n_mentions"] >= 2
    texts = {}
    for m in d["mentions"]:
        doc = texts.get(m["doc_id"]) or api.get(f"/documents/{m['doc_id']}").json()
        texts[m["doc_id"]] = doc
        t = doc["text"]
        assert t[m["trigger"]["start"]:m["trigger"]["end"]] == m["trigger"]["text"]
        assert t[m["evidence"]["start"]:m["evidence"]["end"]] == m["evidence"]["text"]
        assert m["id"] in {x["id"] for x in doc["mentions"] if x["event_id"] == ev["id"]}


def test_event_with_conflicting_quantities(api, all_events):
    ev = next(e for e in all_events() if e["conflicting_quantities"])
    d = api.get(f"/events/{ev['id']}").json()
    assert d["quantity_conflicts"] and len(d["quantities"]) == d["n_quantities"]
    i, j = d["quantity_conflicts"][0]
    assert d["quantities"][i]["unit"] == d["quantities"][j]["unit"]


# --- analysis --------------------------------------------------------------------------------------

def test_timeline(api, all_events):
    everything = all_events()
    for freq, n in (("day", 10), ("month", 7), ("year", 4)):
        t = api.get("/timeline", params={"freq": freq}).json()
        assert t["freq"] == freq
        assert sum(r["count"] for r in t["rows"]) + t["undated"] == len(everything)
        assert all(len(r["period"]) == n for r in t["rows"])
        assert [r["period"] for r in t["rows"]] == sorted(r["period"] for r in t["rows"])
        for r in t["rows"]:
            assert sum(r["types"].values()) == sum(r["quads"].values()) == r["count"]
    aid = api.get("/timeline", params={"type": "AID", "freq": "year"}).json()
    assert aid["filters"]["type"] == ["AID"] and \
        sum(r["count"] for r in aid["rows"]) + aid["undated"] == len(all_events(type="AID"))


def test_dyad_series(api, all_events):
    s = api.get("/dyads/RUS/PRK").json()
    assert (s["a"], s["b"], s["freq"]) == ("RUS", "PRK", "month")
    assert s["rows"] and all(re.fullmatch(r"\d{4}-\d{2}", r["period"]) for r in s["rows"])
    assert 0 < sum(r["count"] for r in s["rows"]) <= len(all_events(dyad="RUS,PRK"))
    for r in s["rows"]:
        assert r["index"] == pytest.approx(r["cooperation"] + r["conflict"], abs=1e-5)
        assert "events" not in r
    back = api.get("/dyads/PRK/RUS").json()
    assert [(r["period"], r["a_to_b"]) for r in back["rows"]] == \
        [(r["period"], r["b_to_a"]) for r in s["rows"]]
    week = api.get("/dyads/RUS/PRK", params={"freq": "week"}).json()
    assert week["rows"] and all(re.fullmatch(r"\d{4}-W\d{2}", r["period"]) for r in week["rows"])
    narrowed = api.get("/dyads/RUS/PRK", params={"quad": "verbal_cooperation"}).json()
    assert 0 < sum(r["count"] for r in narrowed["rows"]) < sum(r["count"] for r in s["rows"])


def test_network(api, all_events):
    net = api.get("/network").json()
    assert net["events"] == len(all_events())
    codes = {n["code"] for n in net["nodes"]}
    assert {"PRK", "RUS", "JPN"} <= codes
    assert all(e["source"] in codes and e["target"] in codes for e in net["edges"])
    assert all(sum(e["quads"].values()) == e["weight"] for e in net["edges"])
    jpn = api.get("/network", params={"actor": "JPN"}).json()
    assert jpn["events"] == len(all_events(actor="JPN")) < net["events"]


# --- documents -------------------------------------------------------------------------------------

def test_documents_pages_and_filters(api):
    docs = walk(api, "/documents", 4)
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids)) == DOCS
    pub = [d["published"] for d in docs]
    assert pub == sorted(pub, reverse=True)
    assert sum(d["n_mentions"] for d in docs) == api.get("/health").json()["counts"]["mentions"]
    assert all(d["n_events"] <= d["n_mentions"] for d in docs)
    one = walk(api, "/documents", 1)
    assert [d["id"] for d in one] == ids
    dated = walk(api, "/documents", 50, start="2024-11", end="2024-11")
    assert 0 < len(dated) < DOCS and all(d["published"].startswith("2024-11") for d in dated)
    hits = walk(api, "/documents", 50, q="ミサイル")
    assert 0 < len(hits) < DOCS
    assert walk(api, "/documents", 50, source="no such outlet") == []


def test_document_detail_offsets(api):
    """Every offset of every document's mentions points at its text (the demo corpus)."""
    n = 0
    for d in walk(api, "/documents", 50):
        r = api.get(f"/documents/{d['id']}")
        assert r.status_code == 200
        doc = r.json()
        text = doc["text"]
        assert doc["title"] == d["title"] and len(doc["mentions"]) == d["n_mentions"]
        assert [m["ordinal"] for m in doc["mentions"]] == sorted(m["ordinal"] for m in doc["mentions"])
        for m in doc["mentions"]:
            n += 1
            assert text[m["trigger"]["start"]:m["trigger"]["end"]] == m["trigger"]["text"]
            assert text[m["evidence"]["start"]:m["evidence"]["end"]] == m["evidence"]["text"]
            assert m["evidence"]["start"] <= m["trigger"]["start"] < m["trigger"]["end"] \
                <= m["evidence"]["end"]
            for role in ("actor", "recipient", "source_of_claim"):
                for e in m[role]:
                    if e["start"] is not None:
                        assert text[e["start"]:e["end"]] == e["text"], (role, e)
            for q in m["quantities"]:
                if q["start"] is not None:
                    assert text[q["start"]:q["end"]] == q["text"]
            assert m["event_id"] is not None
    assert n > 40


# --- actors ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("q,code", [("北朝鮮", "PRK"), ("朝鮮民主主義人民共和国", "PRK"),
                                    ("ロシア", "RUS"), ("露", "RUS"), ("prk", "PRK"),
                                    ("Rus", "RUS"), ("米国", "USA")])
def test_actor_alias_search(api, q, code):
    r = api.get("/actors", params={"q": q})
    assert r.status_code == 200
    items = r.json()["items"]
    assert items and items[0]["code"] == code, [a["code"] for a in items]
    assert all(q.casefold() in a["code"].casefold() or any(q.casefold() in x.casefold()
                                                           for x in a["aliases"]) for a in items)


def test_actor_list_and_profile(api, all_events):
    everything = all_events()
    items = api.get("/actors", params={"limit": 500}).json()["items"]
    assert len(items) > 50                                  # the gazetteer's states, too
    counts = [a["n_events"] for a in items]
    assert counts == sorted(counts, reverse=True)
    prk = next(a for a in items if a["code"] == "PRK")
    involved = [e for e in everything if "PRK" in e["actors"] + e["recipients"]]
    assert prk["n_events"] == len(involved) and prk["kind"] == "state"
    assert "朝鮮民主主義人民共和国" in prk["aliases"] and prk["aliases"][0] == prk["name"]
    assert len(api.get("/actors", params={"limit": 3}).json()["items"]) == 3

    p = api.get("/actors/PRK").json()
    assert p["n_events"] == p["as_actor"] + p["as_recipient"] == len(involved)
    assert p["as_actor"] == len(all_events(actor="PRK"))
    assert sum(p["types"].values()) == p["n_events"]
    recent = p["recent_events"]
    assert 0 < len(recent) <= 10 and all("PRK" in e["actors"] + e["recipients"] for e in recent)
    dates = [e["date"] for e in recent if e["date"]]
    assert dates == sorted(dates, reverse=True)
    rus = next(x for x in p["partners"] if x["code"] == "RUS")
    assert rus["events"] == len([e for e in involved if "RUS" in e["actors"] + e["recipients"]])
    assert sum(rus["quad_classes"].values()) == rus["events"]
    assert [x["events"] for x in p["partners"]] == sorted((x["events"] for x in p["partners"]),
                                                          reverse=True)


# --- quantities and search -------------------------------------------------------------------------

def test_quantities(api, all_events):
    qs = api.get("/quantities").json()
    assert qs["series"]
    conflicting = {e["id"] for e in all_events() if e["conflicting_quantities"]}
    flagged = {x["event_id"] for s in qs["series"] for x in s["estimates"] if x["conflicting"]}
    assert conflicting and flagged == conflicting
    for s in qs["series"]:
        pub = [x["published"] for x in s["estimates"]]
        assert pub == sorted(pub)
    soldiers = api.get("/quantities", params={"object": "兵士", "unit": "人"}).json()
    assert len(soldiers["series"]) == 1
    assert (soldiers["series"][0]["object"], soldiers["series"][0]["unit"]) == ("兵士", "人")
    assert len(soldiers["series"][0]["estimates"]) >= 2
    sanction = api.get("/quantities", params={"type": "SANCTION"}).json()
    assert sanction["series"] and all(x["event_type"] == "SANCTION"
                                      for s in sanction["series"] for x in s["estimates"])
    assert sum(len(s["estimates"]) for s in sanction["series"]) < \
        sum(len(s["estimates"]) for s in qs["series"])


def test_search(api, all_events):
    r = api.get("/search", params={"q": "極超音速"})
    assert r.status_code == 200
    res = r.json()
    assert res["q"] == "極超音速" and res["documents"]
    assert all(h["method"] in ("fts5", "trgm", "like") and h["snippet"] for h in res["documents"])
    assert [e["id"] for e in res["events"]] == [e["id"] for e in all_events(q="極超音速", sort="-date")]
    short = api.get("/search", params={"q": "制裁"}).json()     # two characters: LIKE
    assert short["documents"] and short["documents"][0]["method"] == "like"
    none = api.get("/search", params={"q": "存在しない語句"}).json()
    assert none["documents"] == [] and none["events"] == []
    assert len(api.get("/search", params={"q": "北朝鮮", "limit": 2}).json()["documents"]) == 2


# --- export ----------------------------------------------------------------------------------------

def test_export_formats(api, all_events):
    import pyarrow.parquet as pq

    everything = all_events()
    ids = [e["id"] for e in everything]
    r = api.get("/events/export", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == 'attachment; filename="kizashi-events.csv"'
    assert "content-length" not in r.headers            # streamed (chunked)
    assert r.text.startswith("\ufeff")                  # a BOM: Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(r.text[1:])))
    assert [x["id"] for x in rows] == ids
    assert rows[0]["actors"] == ";".join(everything[0]["actors"])

    r = api.get("/events/export", params={"format": "jsonl"})
    assert r.headers["content-type"].startswith("application/x-ndjson")
    assert r.headers["content-disposition"].endswith('.jsonl"')
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert [{k: x[k] for k in e} for x, e in zip(lines, everything)] == everything
    assert all(x["summary"] and x["grade"] and x["evidence"] and x["outlets"] for x in lines)

    r = api.get("/events/export", params={"format": "parquet"})
    assert r.headers["content-type"] == "application/vnd.apache.parquet"
    assert r.headers["content-disposition"].endswith('.parquet"')
    table = pq.read_table(io.BytesIO(r.content))
    assert table.num_rows == len(everything) and table.column("id").to_pylist() == ids
    assert table.column("actors").to_pylist() == [e["actors"] for e in everything]

    aid = api.get("/events/export", params={"format": "jsonl", "type": "AID", "sort": "-date"})
    assert [json.loads(x)["id"] for x in aid.text.splitlines()] == \
        [e["id"] for e in all_events(type="AID", sort="-date")]
    empty = api.get("/events/export", params={"format": "parquet", "start": "1900",
                                               "end": "1900"})
    assert empty.status_code == 200 and pq.read_table(io.BytesIO(empty.content)).num_rows == 0


# --- errors ----------------------------------------------------------------------------------------

def test_errors_have_one_shape(api, check_error):
    # 400: the query layer refuses
    assert "cursor" in check_error(api.get("/events", params={"after": "garbage"}), 400)["message"]
    check_error(api.get("/events", params={"dyad": "RUS,RUS"}), 422)
    check_error(api.get("/dyads/PRK/PRK"), 400)
    check_error(api.get("/events/export", params={"dyad": "PRK,prk"}), 422)
    assert "ZZZ" in check_error(api.get("/events", params={"actor": "ZZZ"}), 400)["message"]
    check_error(api.get("/documents", params={"after": "garbage"}), 400)
    cursor = api.get("/events", params={"limit": 1, "sort": "date"}).json()["next_cursor"]
    check_error(api.get("/events", params={"after": cursor, "sort": "-date"}), 400)
    # 404: unknown things and routes
    check_error(api.get("/events/ev_nonexistent"), 404)
    check_error(api.get("/documents/a_nonexistent"), 404)
    check_error(api.get("/actors/ZZZ"), 404)
    assert "no such endpoint" in check_error(api.get("/no/such/route"), 404)["message"]
    # 422: FastAPI's own validation
    for path, params in [("/events", {"limit": 0}), ("/events", {"limit": "abc"}),
                         ("/events", {"start": "2024/01/01"}), ("/events", {"quad": "peace"}),
                         ("/events", {"sort": "random"}), ("/timeline", {"freq": "hour"}),
                         ("/dyads/RUS/PRK", {"freq": "year"}), ("/search", {}),
                         ("/events/export", {"format": "xlsx"}), ("/events", {"dyad": "RUS"}),
                         ("/events", {"min_sources": -1}), ("/documents", {"limit": 5000}),
                         ("/search", {"q": "a\x00"}), ("/events", {"q": "\x00"}),
                         ("/actors", {"q": "\x00"})]:
        err = check_error(api.get(path, params=params), 422)
        assert isinstance(err["details"], list) and err["details"][0]["loc"], (path, err)
    # 403: a write without the API token (this server has none: every write is refused before
    # routing, kizashi.api.security.WriteGuard); 405 with a token is in test_security.py
    assert "disabled" in check_error(api.post("/events"), 403)["message"]
    check_error(api.delete("/events/ev_x"), 403)


def test_errors_outside_the_mounted_api(live_server, check_error):
    import httpx

    check_error(httpx.get(live_server.base + "/api/v2/events"), 404)
    r = httpx.get(live_server.base + "/api/v1", follow_redirects=False)
    assert r.status_code in (302, 307) and r.headers["location"].endswith("/api/v1/docs")


def test_internal_error_has_the_shape_and_no_traceback(tmp_path, serve_app, check_error):
    """A database without the schema: the query fails inside, the client gets a 500 in the one
    shape without any of the exception's text."""
    import httpx

    from kizashi.server import build_app
    from kizashi.store import Store

    store = Store(f"sqlite:///{tmp_path / 'empty.db'}")        # never migrated: no tables
    try:
        with serve_app(build_app(store)) as base:
            r = httpx.get(base + "/api/v1/events")
            err = check_error(r, 500)
            assert "no such table" not in r.text and "sqlalchemy" not in r.text.lower()
            assert err["details"] is None
    finally:
        store.close()
