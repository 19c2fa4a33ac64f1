"""End to end: two local feeds publish stories over three simulated days; ``kizashi fetch`` (the
command, in this process) runs after each day; the right alerts appear exactly once and are
updated, not repeated; the Atom feeds validate; the webhook receiver gets signed payloads, one
per alert version; nothing is fetched twice (the 304s are counted).

The extractor is replaced by a table of the test's own sentences and the records they stand
for (the extraction has tests of its own and changes from day to day); everything else is the
real thing: HTTP servers on 127.0.0.1, trafilatura, the store, fusion, watches, the API over
HTTP. The last test runs one day with the real extractor."""
from __future__ import annotations

import datetime as dt
import json
import threading

import httpx

from kizashi import cli, pipeline
from kizashi.fetch.localsite import article_page, rss_feed
from kizashi.store import Store
from kizashi.watch import alerts as A
from kizashi.watch.webhook import verify_signature

from loophelp import Receiver, validate_atom

TODAY = dt.date.today()
DAY = {n: (TODAY - dt.timedelta(days=3 - n)).isoformat() for n in (1, 2, 3)}

# sentence -> the record it stands for (the table the extractor is replaced by)
TROOPS = "北朝鮮がロシアに兵士1万2000人を派遣したと政府関係者が明らかにした。"
TROOPS_2 = "ロシアに派遣された北朝鮮の兵士は1万2000人に上るという。"
TROOPS_3 = "ロシアに派遣された北朝鮮の兵士は1万5000人に増えたという。"
SANCTION = "日本政府は北朝鮮に対する独自の追加制裁を閣議で決めた。"
VISIT = "ロシアの国防相が平壌を訪れ、北朝鮮の国防相と会談した。"
TROOP_RECORD = {"type": "AID", "mode": "troops", "actor": "PRK", "recipient": "RUS",
                "factuality": "reported", "date": DAY[1], "date_text": "派遣"}
TABLE = {
    TROOPS: {**TROOP_RECORD, "quantity": {"text": "1万2000人", "value": 12000, "unit": "人",
                                          "object": "兵士"}},
    TROOPS_2: {**TROOP_RECORD, "quantity": {"text": "1万2000人", "value": 12000, "unit": "人",
                                            "object": "兵士"}},
    TROOPS_3: {**TROOP_RECORD, "quantity": {"text": "1万5000人", "value": 15000, "unit": "人",
                                            "object": "兵士"}},
    SANCTION: {"type": "SANCTION", "actor": "JPN", "recipient": "PRK", "date": DAY[1]},
    VISIT: {"type": "CONSULT", "mode": "visit", "actor": "RUS", "recipient": "PRK",
            "date": DAY[2]},
}
EXTRA = "詳しい経緯はまだ明らかになっていない。関係国は情報の確認を急いでいる。"


def table_extract(record_mention):
    def extract(text, doc_id=None, published=None, **_kw):
        out = []
        for sentence, spec in TABLE.items():
            if sentence in text:
                out.append(record_mention({**spec, "sentence": sentence}, doc_id, text,
                                          published))
        return out
    return extract


def story(site, path: str, title: str, sentence: str, date: str, outlet: str) -> dict:
    site.page(path, article_page(title, [sentence, EXTRA], date=date, site=outlet))
    return {"title": title, "link": site.url(path), "date": date + "T09:00:00+09:00",
            "description": sentence[:20]}


def kizashi(*argv: str) -> int:
    return cli.main(list(argv))


def serve(store):
    import uvicorn

    from kizashi.server import build_app
    from kizashi.store.pgcluster import free_port

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(build_app(store), host="127.0.0.1", port=port,
                                           log_level="warning"))
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    while not server.started:
        t.join(0.05)
    return server, t, f"http://127.0.0.1:{port}"


def test_three_days_of_feeds_alerts_once_atom_webhook_304(tmp_path, site, record_mention,
                                                          monkeypatch, capsys):
    monkeypatch.setattr(pipeline, "extract", table_extract(record_mention))
    db = str(tmp_path / "k.db")
    receiver = Receiver(fail=1)               # the first delivery fails: retried
    try:
        # day 0: the sources and the watches
        assert kizashi("sources", "add", site.url("/a.xml"), "--db", db, "--name", "a",
                       "--reliability", "B", "--interval", "1m") == 0
        assert kizashi("sources", "add", site.url("/b.xml"), "--db", db, "--name", "b",
                       "--interval", "1m") == 0
        assert kizashi("watch", "add", "--starter", "--db", db) == 0
        assert kizashi("watch", "add", "prk-rus", "--db", db, "--dyad", "PRK", "RUS",
                       "--webhook", receiver.url, "--webhook-secret", "s3cret",
                       "--title", "北朝鮮とロシア") == 0
        out = capsys.readouterr().out
        assert "added watch" in out

        # day 1: feed a has the troops story and a sanction; feed b is empty
        a1 = [story(site, "/a/1", "派兵", TROOPS, DAY[1], "A新報"),
              story(site, "/a/2", "制裁", SANCTION, DAY[1], "A新報")]
        site.page("/a.xml", rss_feed("A新報", a1), content_type="application/rss+xml")
        site.page("/b.xml", rss_feed("B通信", []), content_type="application/rss+xml")
        assert kizashi("fetch", "--db", db, "--source", "a", "--source", "b", "-q",
                       "--delay", "0") == 0
        day1 = capsys.readouterr().out
        assert "2 new" in day1 and "alerts 4 new" in day1, day1

        with Store("sqlite:///" + db) as s:
            titles = {a["watch"]: a for a in A.list_alerts(s)}
        assert set(titles) == {"troops-to-russia", "large-troop-numbers", "new-sanctions",
                               "prk-rus"}

        # day 2: feed a adds a visit; feed b reports the troops (a second source)
        a2 = a1 + [story(site, "/a/3", "訪問", VISIT, DAY[2], "A新報")]
        site.page("/a.xml", rss_feed("A新報", a2), content_type="application/rss+xml")
        b2 = [story(site, "/b/1", "派兵の続報", TROOPS_2, DAY[2], "B通信")]
        site.page("/b.xml", rss_feed("B通信", b2), content_type="application/rss+xml")
        assert kizashi("fetch", "--db", db, "--source", "a", "--source", "b", "-q",
                       "--delay", "0") == 0
        day2 = capsys.readouterr().out
        assert "2 new" in day2 and "alerts 2 new, 3 updated" in day2, day2

        # day 3: feed a unchanged (304); feed b's story gives a new estimate
        b3 = [story(site, "/b/1", "派兵の続報", TROOPS_3, DAY[2], "B通信")]
        site.page("/b.xml", rss_feed("B通信", b3), content_type="application/rss+xml")
        assert kizashi("fetch", "--db", db, "--source", "a", "--source", "b", "-q",
                       "--delay", "0") == 0
        day3 = capsys.readouterr().out
        assert "1 updated" in day3 and "alerts 0 new, 3 updated" in day3, day3
        assert "(1 not modified" in day3

        # nothing fetched twice: each article page once, but the story that changed
        assert {p: site.hits[p] for p in ("/a/1", "/a/2", "/a/3", "/b/1")} == \
            {"/a/1": 1, "/a/2": 1, "/a/3": 1, "/b/1": 2}
        assert site.not_modified["/a.xml"] == 1 and site.hits["/a.xml"] == 3

        with Store("sqlite:///" + db) as s:
            alerts = A.list_alerts(s, limit=100)
            by = {}
            for a in alerts:
                by.setdefault(a["watch"], []).append(a)
            assert {w: len(v) for w, v in by.items()} == {
                "troops-to-russia": 1, "large-troop-numbers": 1, "new-sanctions": 1,
                "summits-and-visits": 1, "prk-rus": 2}          # exactly once each
            troops = by["troops-to-russia"][0]
            assert troops["version"] == 3 and troops["summary"]["n_sources"] == 2
            assert {q["text"] for q in troops["summary"]["quantities"]} >= {"1万5000人"}
            from kizashi.fetch.sources import get_source

            h = get_source(s, "a")["health"]
            assert (h["fetches"], h["not_modified"], h["items_new"]) == (3, 1, 3)

            # the webhook: signed payloads, one per alert version (the failure retried)
            got = receiver.got
            assert all(verify_signature("s3cret", hd["x-kizashi-signature"], body)
                       for hd, body in got)
            deliveries = [hd["x-kizashi-delivery"] for hd, _ in got]
            assert len(deliveries) == len(set(deliveries))
            kinds = [json.loads(body)["event"] for _, body in got]
            assert kinds.count("alert.new") == 2 and kinds.count("alert.updated") == 2
            assert all(a["delivered_version"] == a["version"] for a in by["prk-rus"])

            # the Atom feeds over HTTP validate; the updated alert is one entry
            server, thread, base = serve(s)
            try:
                r = httpx.get(base + "/api/v1/watches/troops-to-russia/alerts.atom")
                assert r.status_code == 200 and r.headers["content-type"].startswith(
                    "application/atom+xml")
                entries = validate_atom(r.content)
                assert len(entries) == 1 and "1万" in entries[0].title
                every = validate_atom(httpx.get(base + "/api/v1/alerts.atom").content)
                assert len(every) == 6 and len({e.id for e in every}) == 6
                page = httpx.get(base + "/watches").text
                assert "ロシアへの新たな派兵" in page
            finally:
                server.should_exit = True
                thread.join(10)
    finally:
        receiver.close()

    assert kizashi("alerts", "--db", db, "--read-all") == 0
    assert kizashi("alerts", "--db", db, "--unread") == 0
    assert "0 unread" in capsys.readouterr().err


def test_fetch_with_the_real_extractor(tmp_path, site, capsys, extract):
    """One day with GiNZA: the story is stored, extracted and fused, and the watches are
    evaluated (which events come out is the extractor's business)."""
    db = str(tmp_path / "k.db")
    items = [story(site, "/n/1", "発射", "北朝鮮は30日朝、日本海に向けて弾道ミサイル1発を発射した。",
                   DAY[3], "C新聞")]
    site.page("/c.xml", rss_feed("C新聞", items), content_type="application/rss+xml")
    assert kizashi("sources", "add", site.url("/c.xml"), "--db", db, "--name", "c") == 0
    assert kizashi("watch", "add", "--starter", "missile-launches", "--db", db) == 0
    assert kizashi("fetch", "--db", db, "--delay", "0") == 0
    out = capsys.readouterr().out
    assert "1 new" in out and "event(s) fused" in out
    with Store("sqlite:///" + db) as s:
        assert s.counts()["documents"] == 1 and s.counts()["mentions"] >= 1
        from kizashi.watch.store import get_watch

        assert get_watch(s, "missile-launches")["evaluated_at"] is not None
    assert kizashi("fetch", "--db", db) == 0            # not due yet: nothing fetched
    assert "0 source(s)" in capsys.readouterr().out
    assert site.hits["/c.xml"] == 1
