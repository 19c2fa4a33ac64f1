"""A fetch pass against a local site: feeds, index pages and article sources; nothing fetched
twice; changed articles replaced; duplicates collapsed; feed items whose pages 404; sources that
hang or return garbage never stop the others; per-source health. No NLP (the extractor finds
nothing): the extraction has tests of its own."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from kizashi.fetch import sources as S
from kizashi.fetch.http import Fetcher
from kizashi.fetch.localsite import article_page, rss_feed
from kizashi.fetch.run import run_pass

from loophelp import FAST

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.timezone.utc)


def body(n: int, extra: str = "") -> list[str]:
    return [f"ロシア国防省は{n}日、極東で新たな演習を始めたと発表した。{extra}",
            "演習には艦艇や航空機が参加し、期間は一週間の予定だという。"]


def publish(site, path: str, n: int, extra: str = "", **kw) -> None:
    site.page(path, article_page(f"演習の記事{n}", body(n, extra), date="2026-11-29",
                                 site="テスト新報", **kw))


def feed(site, path: str, items: list[tuple[str, int]], title: str = "テスト新報") -> None:
    site.page(path, rss_feed(title, [{"title": f"演習の記事{n}", "link": site.url(p),
                                      "date": "Sun, 29 Nov 2026 09:00:00 +0900",
                                      "description": f"要約{n}"} for p, n in items]),
              content_type="application/rss+xml; charset=utf-8")


def run(store, extract, now=NOW, fetcher=None):
    with (fetcher or Fetcher(FAST)) as f:
        return run_pass(store, fetcher=f, extract=extract, now=now, evaluate=False)


def docs(store) -> list:
    return store.documents()


def test_feed_pass_then_304_then_new_and_changed_items(store, site, no_nlp):
    for i in (1, 2, 3):
        publish(site, f"/news/{i}", i)
    feed(site, "/feed.xml", [(f"/news/{i}?utm_source=rss", i) for i in (1, 2, 3)])
    src = S.add_source(store, site.url("/feed.xml"), name="feed", reliability="b",
                       interval="15m")
    assert src["reliability"] == "B" and src["interval_seconds"] == 900

    r1 = run(store, no_nlp)
    assert (r1.counts["new"], r1.counts["items_seen"], r1.counts["failures"]) == (3, 3, 0)
    assert {d.source for d in docs(store)} == {"テスト新報"}
    assert all(d.url.startswith(site.base) for d in docs(store))

    r2 = run(store, no_nlp, now=NOW + dt.timedelta(minutes=20))      # due again: 304
    assert r2.counts["sources_not_modified"] == 1 and r2.counts["new"] == 0
    assert site.not_modified["/feed.xml"] == 1
    assert [site.hits[f"/news/{i}?utm_source=rss"] for i in (1, 2, 3)] == [1, 1, 1]

    publish(site, "/news/2", 2, extra="その後、演習の規模が拡大された。")      # a changed article
    publish(site, "/news/4", 4)
    site.page("/feed.xml", rss_feed("テスト新報", [
        {"title": "演習の記事1", "link": site.url("/news/1?utm_source=rss"),
         "date": "Sun, 29 Nov 2026 09:00:00 +0900", "description": "要約1"},
        {"title": "演習の記事2(更新)", "link": site.url("/news/2?utm_source=rss"),
         "date": "Sun, 29 Nov 2026 12:00:00 +0900", "description": "要約2 更新"},
        {"title": "演習の記事4", "link": site.url("/news/4"), "description": "要約4"},
        {"title": "演習の記事1", "link": site.url("/news/1?utm_medium=social"),
         "date": "Sun, 29 Nov 2026 09:00:00 +0900", "description": "要約1"}]),
        content_type="application/rss+xml")
    r3 = run(store, no_nlp, now=NOW + dt.timedelta(minutes=40))
    c = r3.counts
    assert (c["new"], c["updated"]) == (1, 1), c
    assert site.hits["/news/1?utm_source=rss"] == 1            # unchanged entry: not fetched
    assert site.hits["/news/1?utm_medium=social"] == 0         # a URL variant of a known item
    assert site.hits["/news/2?utm_source=rss"] == 2            # changed entry: fetched again
    assert len(docs(store)) == 4
    changed = [d for d in docs(store) if "規模が拡大" in d.text]
    assert len(changed) == 1 and changed[0].first_seen < changed[0].ingested_at

    h = S.get_source(store, "feed")["health"]
    assert (h["fetches"], h["not_modified"], h["errors"]) == (3, 1, 0)
    assert (h["items_new"], h["last_items_new"], h["last_items_seen"]) == (4, 1, 4)
    assert h["last_success"] and h["last_error"] is None


def test_not_due_sources_wait_for_their_interval(store, site, no_nlp):
    publish(site, "/a", 1)
    S.add_source(store, site.url("/a"), name="art", kind="article", interval="1h")
    assert run(store, no_nlp).counts["sources"] == 1
    assert run(store, no_nlp, now=NOW + dt.timedelta(minutes=30)).counts["sources"] == 0
    assert run(store, no_nlp, now=NOW + dt.timedelta(minutes=61)).counts["sources"] == 1
    assert site.not_modified["/a"] == 1 and len(docs(store)) == 1


def test_duplicates_across_feeds_and_url_variants_are_one_document(store, site, no_nlp):
    publish(site, "/news/7", 7)
    publish(site, "/news/7/amp", 7)                       # the AMP copy: same canonical key
    publish(site, "/mirror/77", 7)                        # the same story under another URL
    feed(site, "/one.xml", [("/news/7", 7)])
    feed(site, "/two.xml", [("/news/7/amp?utm_source=x", 7)], title="別の新聞")
    feed(site, "/three.xml", [("/mirror/77", 7)], title="三つ目の新聞")
    for name in ("one", "two", "three"):
        S.add_source(store, site.url(f"/{name}.xml"), name=name)
    r = run(store, no_nlp, fetcher=Fetcher(replace(FAST, per_host=1)))
    assert len(docs(store)) == 1, [d.url for d in docs(store)]
    assert r.counts["new"] == 1 and r.counts["duplicates"] + r.counts["unchanged"] >= 1
    assert site.hits["/news/7/amp?utm_source=x"] + site.hits["/news/7"] <= 2


def test_feed_items_whose_pages_fail(store, site, no_nlp):
    long_summary = ("北朝鮮は27日、東部の港から貨物船が出港したと国営メディアが伝えた。"
                    "行き先は明らかにされていない。")
    site.page("/feed.xml", rss_feed("テスト新報", [
        {"title": "消えた記事", "link": site.url("/gone/1"), "description": "短い"},
        {"title": "要約のある記事", "link": site.url("/gone/2"), "description": long_summary},
        {"title": "ある記事", "link": site.url("/news/3")}]),
        content_type="application/rss+xml")
    publish(site, "/news/3", 3)
    S.add_source(store, site.url("/feed.xml"), name="feed")
    r = run(store, no_nlp)
    assert r.counts["new"] == 2                        # the page, and the entry's own text
    assert any("/gone/1" in f and "404" in f for f in r.failures)
    assert any(d.format == "feed" and "貨物船" in d.text for d in docs(store))
    h = S.get_source(store, "feed")["health"]
    assert h["last_success"] and "404" in (h["last_error"] or "")


def test_index_page_links_are_followed(store, site, no_nlp):
    links = "".join(f'<li><a href="/world/2026/{i}">記事{i}</a></li>' for i in range(1, 5))
    site.page("/world", "<html><body><nav><a href='/'>ホーム</a><a href='/tag/x'>タグ</a>"
                        f"<a href='/world'>国際</a></nav><ul>{links}</ul>"
                        "<a href='https://other.example/x/1'>外部</a>"
                        "<a href='/img/a.jpg'>画像</a></body></html>")
    for i in range(1, 5):
        publish(site, f"/world/2026/{i}", i)
    S.add_source(store, site.url("/world"), name="index")
    r = run(store, no_nlp)
    assert r.sources[0]["kind"] == "index" and r.counts["new"] == 4
    assert site.hits["/tag/x"] == 0 and site.hits["/img/a.jpg"] == 0


def test_a_hanging_or_garbage_source_never_stops_the_others(store, site, no_nlp):
    publish(site, "/good/1", 1)
    feed(site, "/good.xml", [("/good/1", 1)])
    site.page("/hang.xml", "<rss>", delay=20)                       # cut by the read timeout
    site.page("/garbage.xml", bytes(range(256)) * 50, content_type="application/rss+xml")
    site.page("/err.xml", "x", fail_first=99, fail_status=500)
    site.page("/html.xml", "<html><body>not a feed</body></html>")
    for name in ("hang", "garbage", "html", "err", "good"):
        S.add_source(store, site.url(f"/{name}.xml"), name=name, kind="feed")
    policy = replace(FAST, timeout=0.5, total_timeout=2.0, retries=1)
    r = run(store, no_nlp, fetcher=Fetcher(policy))
    by = {s["name"]: s for s in r.sources}
    assert by["good"]["ok"] and r.counts["new"] == 1
    for bad in ("hang", "garbage", "html", "err"):
        assert not by[bad]["ok"], by[bad]
        h = S.get_source(store, bad)["health"]
        assert h["errors"] == 1 and h["last_error"] and h["last_success"] is None
    assert "timed out" in S.get_source(store, "hang")["health"]["last_error"]
    assert "500" in S.get_source(store, "err")["health"]["last_error"]


def test_a_truncated_feed_keeps_what_it_can_and_says_what_it_could_not(store, site, no_nlp):
    publish(site, "/n/1", 1)
    site.page("/cut.xml", "<?xml version='1.0'?><rss><channel><title>途中</title>"
                          f"<item><title>演習の記事1</title><link>{site.url('/n/1')}</link></item>"
                          "<item><title>x", content_type="application/rss+xml")
    S.add_source(store, site.url("/cut.xml"), name="cut")
    r = run(store, no_nlp)
    assert r.counts["new"] == 1 and r.counts["failures"] == 1
    assert "entry 2" in S.get_source(store, "cut")["health"]["last_error"]


def test_source_validation(store):
    S.add_source(store, "https://example.jp/rss.xml", name="ex")
    for kw, msg in ((dict(url="ftp://x"), "not an http"), (dict(url="https://example.jp/rss.xml"),
                    "already a source"), (dict(url="https://www.example.jp/rss.xml?utm_source=a"),
                    "already a source"), (dict(url="https://b.jp", name="ex"), "already the name"),
                    (dict(url="https://b.jp", reliability="G"), "A-F"),
                    (dict(url="https://b.jp", interval="10s"), "at least one minute"),
                    (dict(url="https://b.jp", interval="soon"), "not a duration"),
                    (dict(url="https://b.jp", kind="pdf"), "kind")):
        with pytest.raises(S.SourceError, match=msg):
            S.add_source(store, **kw)
    assert S.remove_source(store, "ex")["name"] == "ex"
    with pytest.raises(S.SourceError, match="no source"):
        S.remove_source(store, "ex")
