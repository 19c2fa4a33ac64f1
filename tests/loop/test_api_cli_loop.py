"""The API (over HTTP) and the CLI of the daily loop, and the since filters of the one
EventFilter in the query layer, the API, the CLI and the pages."""
from __future__ import annotations

import datetime as dt
import json
import threading
import time

import httpx
import pytest

from kizashi import cli
from kizashi.fetch.localsite import article_page, rss_feed
from kizashi.records import Article
from kizashi.store import Store, queries
from kizashi.store.filters import EventFilter, parse_since, seen_key
from kizashi.store.fusion_sync import refresh_events

TOKEN = "t0ken-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TROOPS = {"type": "AID", "mode": "troops", "actor": "PRK", "recipient": "RUS",
          "sentence": "北朝鮮がロシアに兵士を派遣した。"}


@pytest.fixture
def api(tmp_path, record_mention):
    import uvicorn

    from kizashi.server import build_app
    from kizashi.store.pgcluster import free_port

    store = Store(f"sqlite:///{tmp_path / 'api.db'}")
    store.migrate()
    today = dt.date.today().isoformat()
    a = Article(id="d1", text=TROOPS["sentence"], title="派兵", published=today, source="A",
                url="https://news.example.jp/d1")
    store.save_article(a, [record_mention({**TROOPS, "date": today}, "d1", a.text, today)])
    refresh_events(store)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(build_app(store, api_token=TOKEN), host="127.0.0.1",
                                           port=port, log_level="warning"))
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    while not server.started:
        t.join(0.05)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as c:
        c.store = store
        yield c
    server.should_exit = True
    t.join(10)
    store.close()


def test_watch_crud_needs_the_token(api):
    body = {"name": "troops", "spec": {"filter": {"type": ["AID"], "recipient": "RUS"}},
            "title": "派兵", "backfill": True}
    assert api.post("/api/v1/watches", json=body).status_code == 401
    assert api.post("/api/v1/watches", json=body,
                    headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = api.post("/api/v1/watches", json=body, headers=AUTH)
    assert r.status_code == 201, r.text
    w = r.json()
    assert w["name"] == "troops" and w["state"] == "quiet" and w["spec"]["filter"]["type"] == ["AID"]
    bad = api.post("/api/v1/watches", json={**body, "name": "x", "spec": {"filter": {"type": "XX"}}},
                   headers=AUTH)
    assert bad.status_code == 400 and "unknown event type" in bad.json()["error"]["message"]
    assert api.post("/api/v1/watches", json={**body, "name": "Bad"}, headers=AUTH).status_code == 422
    assert api.post("/api/v1/watches", json=body, headers=AUTH).status_code == 400   # twice

    from kizashi.watch.alerts import evaluate_all

    evaluate_all(api.store, deliver=False)
    listed = api.get("/api/v1/watches").json()["items"]
    assert [x["name"] for x in listed] == ["troops"] and listed[0]["unread"] == 1
    assert listed[0]["state"] == "triggered" and listed[0]["evaluation"]["evidence"]
    one = api.get("/api/v1/watches/troops").json()
    assert one["id"] == w["id"] and api.get(f"/api/v1/watches/{w['id']}").json()["name"] == "troops"
    assert api.get("/api/v1/watches/nope").status_code == 404

    r = api.patch("/api/v1/watches/troops", json={"title": "新しい題"}, headers=AUTH)
    assert r.status_code == 200 and r.json()["title"] == "新しい題"
    assert api.patch("/api/v1/watches/troops", json={"title": "x"}).status_code == 401

    alerts = api.get("/api/v1/watches/troops/alerts").json()
    assert len(alerts["items"]) == 1 and alerts["unread"] == 1
    feed = api.get("/api/v1/watches/troops/alerts.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    from loophelp import validate_atom

    assert len(validate_atom(feed.content)) == 1
    assert api.post("/api/v1/alerts/read", json={"all": True}).status_code == 401
    r = api.post("/api/v1/alerts/read", json={"ids": [alerts["items"][0]["id"]]}, headers=AUTH)
    assert r.json() == {"changed": 1}
    assert api.get("/api/v1/alerts", params={"unread": True}).json()["items"] == []
    assert api.post("/api/v1/alerts/read", json={}, headers=AUTH).status_code == 400

    assert api.delete("/api/v1/watches/troops").status_code == 401
    assert api.delete("/api/v1/watches/troops", headers=AUTH).json() == {"deleted": "troops"}
    assert api.get("/api/v1/alerts").json()["items"] == []


def test_sources_api(api):
    assert api.get("/api/v1/sources").json() == {"items": []}
    r = api.post("/api/v1/sources", json={"url": "https://example.jp/rss", "name": "ex",
                                          "reliability": "A", "interval": "2h"}, headers=AUTH)
    assert r.status_code == 201 and r.json()["interval_seconds"] == 7200
    assert r.json()["health"]["fetches"] == 0
    assert api.post("/api/v1/sources", json={"url": "https://example.jp/rss"},
                    headers=AUTH).status_code == 400
    assert api.post("/api/v1/sources", json={"url": "https://x.jp", "reliability": "Z"},
                    headers=AUTH).status_code == 422
    assert api.get("/api/v1/sources/ex").json()["reliability"] == "A"
    assert api.delete("/api/v1/sources/ex", headers=AUTH).json() == {"deleted": "ex"}
    assert api.get("/api/v1/sources/ex").status_code == 404


def test_since_filters_in_the_api_and_pages(api):
    ev = api.get("/api/v1/events", params={"since": "1h", "sort": "-seen"}).json()
    assert len(ev["items"]) == 1 and ev["items"][0]["first_seen"].endswith("Z")
    assert ev["filters"]["since"].endswith("Z")
    assert api.get("/api/v1/events", params={"since": "2999-01-01"}).json()["items"] == []
    bad = api.get("/api/v1/events", params={"since": "yesterday"})
    assert bad.status_code == 422 and "since" in json.dumps(bad.json())
    docs = api.get("/api/v1/documents", params={"since": "7d"}).json()["items"]
    assert [d["id"] for d in docs] == ["d1"] and docs[0]["first_seen"]
    assert api.get("/api/v1/documents", params={"since": "nope"}).status_code == 400
    page = api.get("/events", params={"since": "24h"})
    assert page.status_code == 200 and "新着" not in page.text       # first visit: no marks
    bad_page = api.get("/events", params={"since": "soon"})
    assert bad_page.status_code == 400 and "since" in bad_page.text


def test_new_marks_since_the_last_visit(api):
    from kizashi.web.app import VISIT_COOKIE, visit_state

    first = api.get("/events")
    assert "new-mark" not in first.text
    cookie = first.cookies.get(VISIT_COOKIE)
    assert cookie and cookie.startswith("_")
    # an hour later (a new visit): what was stored before that visit is not new, later is
    old = f"{int(time.time()) - 7200}_{int(time.time()) - 3600}"
    prev, _now, value = visit_state(old)
    assert prev and value.startswith(str(int(time.time()) - 3600))
    api.cookies.set(VISIT_COOKIE, old)
    later = api.get("/events")
    assert "new-mark" in later.text and "is-new" in later.text
    marked = api.get("/events", params={"mark_seen": 1})
    assert "is-new" not in marked.text


def test_visit_state_rules():
    from kizashi.web.app import VISIT_GAP, visit_state

    prev, now, v = visit_state(None, now=1000.0)
    assert prev is None and v == "_1000"
    prev, _, v = visit_state(v, now=1000.0 + 60)          # same visit
    assert prev is None and v == "_1060"
    prev, _, v = visit_state(v, now=1060.0 + VISIT_GAP + 1)    # a new visit
    assert prev == seen_key(dt.datetime.fromtimestamp(1060, dt.timezone.utc))
    assert visit_state("garbage_x", now=5.0)[0] is None
    assert visit_state("_1000", mark_seen=True, now=2000.0)[0] is not None


def test_since_in_the_query_layer(store, record_mention):
    today = dt.date.today().isoformat()
    for i, to in enumerate(("RUS", "BLR")):
        a = Article(id=f"s{i}", text=f"北朝鮮が兵士を派遣した{i}。", published=today,
                    source=f"S{i}", url=f"https://x.jp/{i}")
        store.save_article(a, [record_mention({**TROOPS, "recipient": to,
                                               "sentence": a.text}, a.id, a.text, today)])
        if i == 0:
            refresh_events(store)
            cut = dt.datetime.now(dt.timezone.utc)
            time.sleep(0.01)
    refresh_events(store)
    assert len(queries.list_events(store).items) == 2
    new = queries.list_events(store, since=cut.isoformat()).items
    assert [e["recipients"] for e in new] == [["BLR"]]
    assert queries.count_events(store, since="1h")["events"] == 2
    # a changed article moves last_seen, not first_seen
    a0 = store.document("s0")
    store.save_article(Article(id="s0", text=a0.text + "続報。", published=today, source="S0",
                               url=a0.url),
                       [record_mention({**TROOPS, "sentence": a0.text}, "s0", a0.text, today)])
    refresh_events(store)
    changed = queries.list_events(store, changed_since=cut.isoformat()).items
    assert len(changed) == 2
    assert [e["recipients"] for e in queries.list_events(store, since=cut.isoformat()).items] \
        == [["BLR"]]
    seen = [e["first_seen"] for e in queries.list_events(store, sort="-seen").items]
    assert seen == sorted(seen, reverse=True)


@pytest.mark.parametrize("value,ok", [("24h", True), ("7d", True), ("90m", True), ("2w", True),
                                      ("2025-02-10T06:00", True), ("2025-02-10", True),
                                      ("2025-02-10 06:00:00+09:00", True), ("0h", False),
                                      ("yesterday", False), ("24x", False), ("1800-01-01", False),
                                      ("99999d", False)])
def test_since_values(value, ok):
    if ok:
        f = EventFilter(since=value)
        assert f.since.endswith("Z") and len(f.since) == 27
    else:
        with pytest.raises(Exception, match="since"):
            EventFilter(since=value)
    assert parse_since("2025-02-10T06:00:00+09:00").hour == 21


def run(*argv):
    return cli.main(list(argv))


def test_cli_sources_fetch_watch_alerts(tmp_path, capsys, monkeypatch, record_mention):
    from kizashi import pipeline
    from kizashi.fetch.localsite import LocalSite

    monkeypatch.setattr(pipeline, "extract", lambda text, doc_id=None, published=None, **_kw:
                        [record_mention({**TROOPS, "sentence": TROOPS["sentence"],
                                         "date": dt.date.today().isoformat()},
                                        doc_id, text, published)]
                        if TROOPS["sentence"] in text else [])
    db = str(tmp_path / "c.db")
    with LocalSite() as site:
        site.page("/n/1", article_page("派兵", [TROOPS["sentence"], "詳細は不明だ。" * 3],
                                       site="テスト新報"))
        site.page("/rss", rss_feed("テスト新報", [{"title": "派兵", "link": site.url("/n/1")}]),
                  content_type="application/rss+xml")
        assert run("sources", "test", site.url("/rss")) == 0
        out = capsys.readouterr().out
        assert "a feed with 1 item(s)" in out and "  ok  " in out
        assert run("sources", "list", "--db", db) == 2            # no database yet
        assert run("sources", "add", site.url("/rss"), "--db", db, "--name", "t",
                   "--interval", "5s") == 2
        assert "at least one minute" in capsys.readouterr().err
        assert run("sources", "add", site.url("/rss"), "--db", db, "--name", "t") == 0
        assert run("watch", "add", "troops", "--db", db, "--type", "AID", "--recipient",
                   "ロシア", "--mode", "troops") == 0
        assert run("watch", "add", "bad", "--db", db, "--type", "XX") == 2
        assert "unknown event type" in capsys.readouterr().err
        assert run("fetch", "--db", db, "--delay", "0") == 0
        out = capsys.readouterr().out
        assert "1 new" in out and "watch troops: triggered" in out
        assert run("sources", "list", "--db", db) == 0
        out = capsys.readouterr().out
        assert "items seen 1" in out and "new 1" in out and "ok" in out
        assert run("sources", "list", "--db", db, "--format", "json") == 0
        assert json.loads(capsys.readouterr().out)[0]["health"]["fetches"] == 1
        assert run("watch", "list", "--db", db) == 0
        assert "triggered" in capsys.readouterr().out
        assert run("watch", "show", "troops", "--db", db) == 0
        out = capsys.readouterr().out
        assert "北朝鮮がロシアに兵士を派遣した" in out and "latest alerts (1 shown)" in out
        assert run("watch", "test", "--db", db, "--actor", "PRK") == 0
        assert "1 matching event(s)" in capsys.readouterr().out
        assert run("watch", "test", "missile-launches", "--db", db) == 0    # a starter by name
        assert "0 matching" in capsys.readouterr().out
        assert run("alerts", "--db", db, "--format", "jsonl") == 0
        alert = json.loads(capsys.readouterr().out.splitlines()[0])
        assert alert["watch"] == "troops" and not alert["read"]
        assert run("alerts", "--db", db, "--read", str(alert["id"])) == 0
        assert "1 alert(s) marked read" in capsys.readouterr().out
        assert run("events", "--db", db, "--since", "1h", "--format", "jsonl") == 0
        assert len(capsys.readouterr().out.splitlines()) == 1
        assert run("events", "--db", db, "--since", "later") == 2
        assert "--since" in capsys.readouterr().err
        assert run("sources", "remove", "t", "--db", db) == 0
        assert run("watch", "remove", "troops", "--db", db) == 0
        assert run("fetch", "--db", db, "--every", "10s") == 2


def test_ingest_url(tmp_path, capsys, monkeypatch, site):
    from kizashi import pipeline

    monkeypatch.setattr(pipeline, "extract", lambda text, doc_id=None, published=None, **_kw: [])
    site.page("/n/1", article_page("記事", ["日本政府は北朝鮮に対する追加の制裁を決めた。"
                                             "関係者が明らかにした。"], site="テスト新報"))
    site.page("/rss", rss_feed("テスト新報", [{"title": "記事", "link": site.url("/n/1")},
                                             {"title": "消えた", "link": site.url("/n/2")}]),
              content_type="application/rss+xml")
    db = str(tmp_path / "u.db")
    rc = cli.main(["ingest", "--db", db, "-q", site.url("/rss"), site.url("/n/1"),
                   site.url("/missing")])
    out = capsys.readouterr().out
    assert rc == 1 and "1 new" in out and "1 unchanged" in out
    assert "/n/2: the server answered 404" in out and "/missing: the server answered 404" in out
    with Store("sqlite:///" + db) as s:
        (d,) = s.documents()
        assert d.source == "テスト新報" and d.url == site.url("/n/1") and d.first_seen


def test_fetch_every_runs_passes_until_interrupted(tmp_path, site):
    """``kizashi fetch --every 1m`` as a user runs it: a pass, then waiting; SIGINT (Ctrl-C)
    and SIGTERM stop it cleanly with status 0 and the store is complete."""
    import os
    import signal
    import subprocess
    import sys

    site.page("/n/1", article_page("記事", ["日本政府は北朝鮮に対する追加の制裁を決めた。"
                                             "関係者が明らかにした。"], site="テスト新報"))
    site.page("/rss", rss_feed("テスト新報", [{"title": "記事", "link": site.url("/n/1")}]),
              content_type="application/rss+xml")
    db = str(tmp_path / "e.db")
    assert run("sources", "add", site.url("/rss"), "--db", db, "--name", "t") == 0
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for sig in (signal.SIGINT, signal.SIGTERM):
        p = subprocess.Popen([sys.executable, "-m", "kizashi.cli", "fetch", "--db", db,
                              "--every", "1m", "--delay", "0", "-q"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, text=True)
        try:
            err_lines = []
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline:
                line = p.stderr.readline()
                err_lines.append(line)
                if "next pass at" in line or not line:
                    break
            assert any("next pass at" in x for x in err_lines), err_lines
            p.send_signal(sig)
            out, err = p.communicate(timeout=60)
        finally:
            if p.poll() is None:
                p.kill()
        assert p.returncode == 0, err
        assert "stopped" in err
    with Store("sqlite:///" + db) as s:
        assert s.counts()["documents"] == 1
    assert site.hits["/n/1"] == 1 and site.not_modified["/rss"] == 0   # second run: not due


def test_ingest_of_files_evaluates_the_watches(tmp_path, capsys, monkeypatch, record_mention):
    from kizashi import pipeline

    monkeypatch.setattr(pipeline, "extract", lambda text, doc_id=None, published=None, **_kw:
                        [record_mention({**TROOPS, "date": dt.date.today().isoformat()},
                                        doc_id, text, published)])
    db = str(tmp_path / "f.db")
    f = tmp_path / "a.txt"
    f.write_text(TROOPS["sentence"] + "\n", encoding="utf-8")
    assert run("ingest", "--db", db, "-q", str(tmp_path / "none.txt")) == 1   # makes the store
    assert run("watch", "add", "troops", "--db", db, "--type", "AID") == 0
    assert run("ingest", "--db", db, "-q", str(f)) == 0
    assert "alerts 1 new, 0 updated" in capsys.readouterr().out
    assert run("ingest", "--db", db, "-q", str(f)) == 0                         # unchanged
    assert "alerts" not in capsys.readouterr().out.split("event(s)")[-1]
