"""The watch board, the alerts with their badge and marking read, and the marks of what is new
since the analyst's last visit, in Chromium against a store built from records written here.
Screenshots (docs/screenshots/ by make screenshots): watches.png, watch.png, alerts.png, events-new.png,
overview-changed.png."""
from __future__ import annotations

import datetime as dt
import time

import pytest

from kizashi.records import Article

TODAY = dt.date.today()


def day(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def put(store, mention_from, doc_id, spec, source, title):
    text = spec["sentence"]
    a = Article(id=doc_id, text=text, title=title, published=spec["date"], source=source,
                url=f"https://news.example.jp/{doc_id}")
    store.save_article(a, [mention_from(spec, doc_id, text, spec["date"])])


LAUNCH = {"type": "MOBILIZE", "mode": "weapons", "actor": "PRK"}
TROOPS = {"type": "AID", "mode": "troops", "actor": "PRK", "recipient": "RUS",
          "factuality": "reported"}


@pytest.fixture(scope="module")
def board_server(tmp_path_factory):
    from tests.conftest import LiveServer, mention_from

    from kizashi.store import Store
    from kizashi.store.fusion_sync import refresh_events
    from kizashi.watch import store as W
    from kizashi.watch.alerts import evaluate_all

    url = f"sqlite:///{tmp_path_factory.mktemp('board') / 'board.db'}"
    with Store(url) as s:
        s.migrate()
        W.add_starter(s, now=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1))
        # earlier weeks: a launch every few weeks (the baseline)
        for i, d in enumerate((30, 58, 80)):
            put(s, mention_from, f"old{i}", {**LAUNCH, "date": day(d), "date_text": day(d),
                                             "sentence": f"北朝鮮は{day(d)}に短距離弾道ミサイルを発射した。"},
                "A通信", f"ミサイル発射 {day(d)}")
        put(s, mention_from, "troops1", {**TROOPS, "date": day(3), "date_text": day(3),
                                         "sentence": f"北朝鮮がロシアに兵士を派遣したと{day(3)}に伝えられた。"},
            "B新聞", "ロシアへの派兵")
        refresh_events(s)
        evaluate_all(s, deliver=False)
        time.sleep(1.2)
        cut = time.time()                       # the analyst's previous visit
        time.sleep(1.2)
        # since then: four launches this week and a sanction
        for i, d in enumerate((0, 1, 2, 4)):
            put(s, mention_from, f"new{i}", {**LAUNCH, "date": day(d), "date_text": day(d),
                                             "sentence": f"北朝鮮は{day(d)}に弾道ミサイルを日本海に向けて発射した。"},
                "C放送", f"弾道ミサイル発射 {day(d)}")
        put(s, mention_from, "sanction", {"type": "SANCTION", "actor": "JPN", "recipient": "PRK",
                                          "date": day(0), "sentence": "日本政府は北朝鮮への追加制裁を決めた。"},
            "D通信", "追加制裁")
        refresh_events(s)
        evaluate_all(s, deliver=False)
    srv = LiveServer(url).start()
    srv.cut = cut
    yield srv
    srv.stop()


def _visit_cookie(base: str, cut: float) -> dict:
    from kizashi.web.app import VISIT_COOKIE

    return {"name": VISIT_COOKIE, "value": f"{int(cut)}_{int(time.time())}", "url": base}


def test_watch_board_states_sparklines_and_evidence(browse, board_server):
    b = browse(board_server.base)
    b.goto("/watches")
    page = b.page
    cards = page.locator(".watch-card")
    assert cards.count() >= 9
    missile = page.locator('.watch-card[data-watch="missile-launches"]')
    assert "state-escalating" in missile.get_attribute("class")
    assert missile.locator("svg.spark").count() == 1
    assert "弾道ミサイルを日本海に向けて発射した" in missile.inner_text()
    assert "急増" in missile.locator(".watch-reason").inner_text()
    assert "large increase" in missile.locator(".watch-reason").get_attribute("title")
    first = cards.first.get_attribute("data-watch")
    assert first == "missile-launches"                          # escalating first
    sanctions = page.locator('.watch-card[data-watch="new-sanctions"]')
    assert "state-triggered" in sanctions.get_attribute("class")
    quiet = page.locator('.watch-card[data-watch="treaty-steps"]')
    assert "state-quiet" in quiet.get_attribute("class")
    badge = page.locator(".alerts-link .unread-badge")
    assert badge.count() == 1 and int(badge.inner_text()) >= 5
    b.shoot("watches")
    missile.locator(".watch-title").click()
    page.wait_for_load_state("networkidle")
    assert "/watches/" in page.url and page.locator("blockquote.watch-evidence").count() == 4
    assert page.locator("tr.alert-row").count() == 7        # every launch since the watch
    b.shoot("watch")
    b.assert_clean()


def test_alerts_list_and_mark_read(browse, board_server):
    b = browse(board_server.base)
    b.goto("/alerts")
    page = b.page
    rows = page.locator("tr.alert-row.unread")
    n = rows.count()
    assert n >= 5
    b.shoot("alerts")
    rows.first.locator("input[type=checkbox]").check()
    page.get_by_role("button", name="選択したものを既読にする").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("tr.alert-row.unread").count() == n - 1
    assert "1 件を既読にしました" in page.locator(".notice").inner_text()
    page.get_by_role("button", name="すべて既読にする").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("tr.alert-row.unread").count() == 0
    assert page.locator(".alerts-link .unread-badge").count() == 0
    b.assert_clean()


def test_new_since_the_last_visit(browse, board_server):
    b = browse(board_server.base)
    b.goto("/events?sort=-seen")
    assert b.page.locator("tr.is-new").count() == 0          # a first visit marks nothing
    b.context.add_cookies([_visit_cookie(board_server.base, board_server.cut)])
    b.goto("/events?sort=-seen")
    page = b.page
    new_rows = page.locator("tr.event-row.is-new")
    assert new_rows.count() == 5                              # four launches, one sanction
    assert page.locator("tr.event-row:not(.is-new)").count() >= 2
    assert new_rows.first.locator(".new-mark").inner_text() == "新着"
    b.shoot("events-new")
    b.goto("/documents")
    assert page.locator("tr.is-new .new-mark").count() == 5     # the documents too
    b.goto("/?changed=7d")
    section = page.locator(".what-changed")
    assert "弾道ミサイル" in section.inner_text() or "MOBILIZE" in section.inner_text()
    assert section.locator(".changed-groups li").count() >= 2
    assert section.locator(".new-mark").count() >= 1
    b.shoot("overview-changed")
    page.get_by_role("link", name="すべて既読にする(新着の印を消す)").click()
    page.wait_for_load_state("networkidle")
    b.goto("/events?sort=-seen")
    assert page.locator("tr.is-new").count() == 0
    b.assert_clean()


def test_marking_read_is_refused_from_another_site(board_server):
    import httpx

    r = httpx.post(board_server.base + "/alerts/read", data={"all": "1"},
                   headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403 and "not sent from this workbench" in r.text
