"""Watches and alerts on stores built from records written here (no extractor): the starter
set (one test per entry), states and the baseline rule, quantity thresholds, alerts once per
event per watch and updated not repeated, the Atom feed, signed webhooks with retries."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from kizashi.records import Article
from kizashi.store.fusion_sync import refresh_events
from kizashi.watch import alerts as A
from kizashi.watch import store as W
from kizashi.watch.evaluate import evaluate
from kizashi.watch.spec import SpecError, parse_spec
from kizashi.watch.webhook import SIGNATURE_HEADER, deliver_pending, sign, verify_signature
from loophelp import Receiver

NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.timezone.utc)
TODAY = NOW.date()


def day(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def put(store, record_mention, doc_id: str, spec: dict, *, source: str = "テスト通信",
        published: str | None = None, text: str | None = None) -> None:
    text = text or spec["sentence"]
    published = published or spec.get("date")
    a = Article(id=doc_id, text=text, title=text[:20], published=published, source=source,
                url=f"https://news.example.jp/{doc_id}")
    store.save_article(a, [record_mention(spec, doc_id, text, published)])


# --- the starter set ---------------------------------------------------------------------------

STARTER = [e["name"] for e in W.starter_watches()]


@pytest.mark.parametrize("name", STARTER)
def test_starter_watch_triggers_on_its_example_not_its_counter(store, record_mention, name):
    from kizashi.watch.evaluate import matching_events

    entry = next(e for e in W.starter_watches() if e["name"] == name)
    spec = parse_spec(entry["spec"])
    put(store, record_mention, "ex", {**entry["example"], "date": day(1)})
    refresh_events(store)
    assert len(matching_events(store, spec)) == 1, name
    assert evaluate(store, spec, NOW)["state"] in ("triggered", "escalating")
    store.delete_document("ex")                  # alone (fusion would join the two)
    put(store, record_mention, "co", {**entry["counter"], "date": day(1)})
    refresh_events(store)
    assert store.counts()["events"] >= 1 or entry["counter"].get("factuality")
    assert matching_events(store, spec) == [], name
    assert evaluate(store, spec, NOW)["state"] == "quiet"
    assert entry["title"]["ja"] and entry["title"]["en"] and entry["description"]


def test_starter_set_is_added_once(store):
    added = W.add_starter(store, now=NOW)
    assert [w["name"] for w in added] == STARTER and len(STARTER) >= 7
    assert W.add_starter(store) == []
    with pytest.raises(W.WatchError, match="no starter watch"):
        W.add_starter(store, ["nope"])


# --- definitions ---------------------------------------------------------------------------------

@pytest.mark.parametrize("spec,msg", [
    ({"filter": {"type": "XX"}}, "unknown event type"),
    ({"filter": {"since": "1d"}}, "unknown filter since"),
    ({"filters": {}}, "unknown field filters"),
    ({"factuality_at_least": "maybe"}, "unknown factuality"),
    ({"quantity": {"min": 5, "max": 1}}, "min is more than max"),
    ({"quantity": {"min": -1}}, "greater than or equal"),
    ({"baseline": {"windows": 1}}, "windows"),
    ({"window_days": 0}, "window_days"),
    ({"filter": {"factuality": "negated"}, "factuality_at_least": "reported"}, "admits none"),
])
def test_bad_definitions_are_named(spec, msg):
    with pytest.raises(SpecError, match=msg):
        parse_spec(spec)


def test_bad_watches_are_refused(store):
    with pytest.raises(W.WatchError, match="watch name"):
        W.add_watch(store, "Bad Name", {})
    with pytest.raises(W.WatchError, match="webhook"):
        W.add_watch(store, "w", {}, webhook_url="javascript:alert(1)")
    W.add_watch(store, "w", {})
    with pytest.raises(W.WatchError, match="already"):
        W.add_watch(store, "w", {})


# --- states ----------------------------------------------------------------------------------------

LAUNCH = {"type": "MOBILIZE", "mode": "weapons", "actor": "PRK",
          "sentence": "北朝鮮は弾道ミサイルを発射した。"}
SPEC = {"filter": {"type": ["MOBILIZE"], "actor": "PRK"}, "mode": ["weapons"],
        "baseline": {"windows": 12, "factor": 2.0, "sd": 1.0, "min_count": 3}}


def _launches(store, record_mention, days: list[int]) -> None:
    for i, d in enumerate(days):
        sentence = f"北朝鮮は{day(d)}に弾道ミサイルを発射した（{i}）。"
        put(store, record_mention, f"l{i}", {**LAUNCH, "date": day(d), "date_text": day(d),
                                            "sentence": sentence}, source=f"社{i}")
    refresh_events(store)


def test_quiet_triggered_escalating(store, record_mention):
    spec = parse_spec(SPEC)
    _launches(store, record_mention, [20, 41, 62])          # one every three weeks, long ago
    ev = evaluate(store, spec, NOW)
    assert ev["state"] == "quiet" and ev["count"] == 0
    assert len(ev["series"]) == 13 and sum(ev["series"]) == 3

    _launches(store, record_mention, [20, 41, 62, 2])      # one this week: triggered
    ev = evaluate(store, spec, NOW)
    assert ev["state"] == "triggered" and ev["count"] == 1 and ev["series"][-1] == 1
    assert "弾道ミサイルを発射した" in ev["evidence"][0]["sentence"]
    assert "below" in ev["reason"]

    _launches(store, record_mention, [20, 41, 62, 2, 1, 4, 0])   # four this week
    ev = evaluate(store, spec, NOW)
    assert ev["state"] == "escalating", ev["reason"]
    assert ev["count"] == 4 and ev["baseline"]["mean"] == pytest.approx(3 / 12, abs=1e-3)
    assert "large increase" in ev["reason"] and len(ev["evidence"]) == 4
    assert ev["evidence"][0]["date"] >= ev["evidence"][-1]["date"]     # newest first


def test_a_steady_rate_is_not_escalating(store, record_mention):
    spec = parse_spec(SPEC)
    _launches(store, record_mention, [d for w in range(13) for d in (7 * w + 1, 7 * w + 3,
                                                                     7 * w + 5)])
    ev = evaluate(store, spec, NOW)
    assert ev["count"] == 3 and ev["state"] == "triggered"          # 3 a week, every week


def test_quantity_threshold(store, record_mention):
    base = {"type": "AID", "mode": "troops", "actor": "PRK", "recipient": "RUS",
            "date": day(1)}
    put(store, record_mention, "small", {**base, "sentence": "兵士3000人を派遣した。",
                                         "quantity": {"text": "3000人", "value": 3000,
                                                      "unit": "人", "object": "兵士"}})
    put(store, record_mention, "range", {**base, "sentence": "兵士1万〜1万2000人を派遣した。",
                                         "quantity": {"text": "1万〜1万2000人", "low": 10000,
                                                      "high": 12000, "unit": "人",
                                                      "object": "兵士"}}, source="別")
    refresh_events(store)
    spec = parse_spec({"filter": {"type": "AID"},
                       "quantity": {"object": ["兵"], "unit": "人", "min": 10000}})
    from kizashi.watch.evaluate import matching_events

    got = matching_events(store, spec)
    assert len(got) == 1 and got[0]["quantities"][0]["high"] == 12000
    none = parse_spec({"quantity": {"object": ["砲弾"], "min": 1}})
    assert matching_events(store, none) == []


# --- alerts ----------------------------------------------------------------------------------------

TROOPS = {"type": "AID", "mode": "troops", "actor": "PRK", "recipient": "RUS",
          "sentence": "北朝鮮がロシアに兵士を派遣した。"}


def test_alerts_once_per_event_updated_not_repeated(store, record_mention):
    w = W.add_watch(store, "troops", {"filter": {"type": "AID", "recipient": "RUS"}},
                    now=NOW - dt.timedelta(hours=1))
    put(store, record_mention, "d1", {**TROOPS, "date": day(1)}, source="A通信")
    refresh_events(store)
    r1 = A.evaluate_all(store, now=NOW, deliver=False)
    assert r1["alerts"] == {"new": 1, "updated": 0, "delivered": 0, "delivery_failed": 0}
    first = A.list_alerts(store)
    assert len(first) == 1 and first[0]["version"] == 1 and not first[0]["read"]

    r2 = A.evaluate_all(store, now=NOW + dt.timedelta(minutes=1), deliver=False)
    assert (r2["alerts"]["new"], r2["alerts"]["updated"]) == (0, 0)      # nothing changed

    put(store, record_mention, "d2", {**TROOPS, "date": day(1)}, source="B新聞",
        text="ロシアへの派兵について。北朝鮮がロシアに兵士を派遣した。")   # a second source
    refresh_events(store)
    r3 = A.evaluate_all(store, now=NOW + dt.timedelta(minutes=2), deliver=False)
    assert (r3["alerts"]["new"], r3["alerts"]["updated"]) == (0, 1)
    after = A.list_alerts(store)
    assert len(after) == 1 and after[0]["id"] == first[0]["id"]
    assert after[0]["version"] == 2 and after[0]["summary"]["n_sources"] == 2
    assert after[0]["event_id"]                       # follows the fused event (new id or not)
    assert store.counts()["alerts"] == 1
    assert W.get_watch(store, w["id"])["state"] == "triggered"

    assert A.unread_count(store) == 1
    assert A.mark_read(store, [after[0]["id"]]) == 1 and A.unread_count(store) == 0
    assert A.mark_read(store, everything=True, read=False) == 1


def test_events_known_before_the_watch_make_no_alert_unless_backfilled(store, record_mention):
    put(store, record_mention, "old", {**TROOPS, "date": day(3)})
    refresh_events(store)
    W.add_watch(store, "later", {"filter": {"type": "AID"}})
    W.add_watch(store, "backfilled", {"filter": {"type": "AID"}}, backfill=True)
    A.evaluate_all(store, deliver=False)
    names = [a["watch"] for a in A.list_alerts(store)]
    assert names == ["backfilled"]
    assert W.get_watch(store, "later")["state"] in ("triggered", "quiet")


def test_atom_feed_validates_and_updates_in_place(store, record_mention, atom_validator):
    from kizashi.watch.atom import atom_feed

    w = W.add_watch(store, "feedme", {"filter": {"type": "AID"}}, title="派兵 <監視>",
                    now=NOW - dt.timedelta(hours=1))
    for i, (src, to) in enumerate((("A", "RUS"), ("B", "BLR"))):
        put(store, record_mention, f"f{i}", {**TROOPS, "date": day(i + 1), "recipient": to,
                                             "sentence": f"北朝鮮が兵士を派遣した{i}。"},
            source=src)
    refresh_events(store)
    A.evaluate_all(store, now=NOW, deliver=False)
    alerts = A.list_alerts(store, watch="feedme")
    data = atom_feed(alerts, base_url="http://127.0.0.1:8000",
                     self_path="/api/v1/watches/feedme/alerts.atom", watch=w)
    entries = atom_validator(data)
    assert len(entries) == 2 and entries[0].title == alerts[0]["title"]
    assert "派兵 <監視>" in data.decode("utf-8").replace("&lt;", "<").replace("&gt;", ">")
    empty = atom_feed([], base_url="http://x", self_path="/api/v1/alerts.atom")
    assert atom_validator(empty) == []


# --- webhooks --------------------------------------------------------------------------------------

def test_webhook_signed_retried_once_per_version(store, record_mention):
    rec = Receiver(fail=2)
    try:
        w = W.add_watch(store, "hooked", {"filter": {"type": "AID"}}, webhook_url=rec.url,
                        now=NOW - dt.timedelta(hours=1))
        secret = w["webhook_secret"]
        assert secret and len(secret) == 64
        put(store, record_mention, "h1", {**TROOPS, "date": day(1)})
        refresh_events(store)
        waits = []
        A.evaluate_all(store, now=NOW, deliver=False)
        d = deliver_pending(store, now=NOW, sleep=waits.append)
        assert d == {"delivered": 1, "failed": 0} and waits == [0.5, 1.0]   # 503, 503, 204
        assert len(rec.got) == 1
        headers, body = rec.got[0]
        assert verify_signature(secret, headers[SIGNATURE_HEADER.lower()], body)
        assert not verify_signature("wrong", headers[SIGNATURE_HEADER.lower()], body)
        assert not verify_signature(secret, headers[SIGNATURE_HEADER.lower()], body + b" ")
        msg = json.loads(body)
        assert msg["event"] == "alert.new" and msg["watch"]["name"] == "hooked"
        assert headers["x-kizashi-delivery"] == f"{msg['alert']['id']}.1"
        assert deliver_pending(store, now=NOW) == {"delivered": 0, "failed": 0}   # not again
    finally:
        rec.close()


def test_webhook_failures_are_recorded_and_retried_next_run(store, record_mention):
    rec = Receiver(fail=3)
    try:
        W.add_watch(store, "flaky", {"filter": {"type": "AID"}}, webhook_url=rec.url,
                    webhook_secret="s3cret", now=NOW - dt.timedelta(hours=1))
        put(store, record_mention, "h1", {**TROOPS, "date": day(1)})
        refresh_events(store)
        A.evaluate_all(store, now=NOW, deliver=False)
        assert deliver_pending(store, sleep=lambda s: None) == {"delivered": 0, "failed": 1}
        a = A.list_alerts(store)[0]
        assert "503" in a["delivery_error"] and a["delivered_version"] == 0
        assert deliver_pending(store, sleep=lambda s: None) == {"delivered": 1, "failed": 0}
        assert A.list_alerts(store)[0]["delivered_version"] == 1 and len(rec.got) == 1
    finally:
        rec.close()


def test_signature_rules():
    body = b'{"a": 1}'
    h = sign("k", body, timestamp=1_000_000)
    assert verify_signature("k", h, body, now=1_000_100)
    assert not verify_signature("k", h, body, now=1_000_000 + 301)      # too old
    assert not verify_signature("k", "t=x,v1=y", body)
    assert not verify_signature("k", None, body)
