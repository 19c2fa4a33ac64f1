"""Corrections through the API over real HTTP: writes need the token (kizashi.api.security),
bodies are validated, every answer is the correction with its audit and the events it applies
to now, errors have the one shape; the briefing endpoint in its four formats."""
from __future__ import annotations

import json
import shutil

import httpx
import pytest

from kizashi.store import Store, queries

TOKEN = "t0ken-for-tests"


@pytest.fixture
def writable(demo_db, tmp_path, serve_app):
    """The whole application with an API token on a copy of the demo database."""
    from kizashi.server import build_app

    path = tmp_path / "copy.db"
    shutil.copy(demo_db.removeprefix("sqlite:///"), path)
    store = Store(f"sqlite:///{path}")
    with serve_app(build_app(store, api_token=TOKEN)) as base:
        yield store, base + "/api/v1"
    store.close()


def auth(token: str = TOKEN) -> dict:
    return {"Authorization": f"Bearer {token}"}


def first(store, **kw) -> dict:
    return next(e for e in queries.iter_events(store, **kw))


def test_writes_need_the_right_token(writable, check_error):
    store, api = writable
    ev = first(store, type=["SUPPORT"])
    body = {"action": "note", "author": "a", "event_id": ev["id"], "note": "x"}
    check_error(httpx.post(api + "/corrections", json=body), 401)
    check_error(httpx.post(api + "/corrections", json=body, headers=auth("wrong")), 401)
    r = httpx.post(api + "/corrections", json=body, headers=auth())
    assert r.status_code == 201, r.text
    check_error(httpx.post(api + f"/corrections/{r.json()['id']}/revoke", json={"author": "a"}),
                401)


def test_change_the_type_through_the_api_and_read_it_back(writable):
    store, api = writable
    ev = first(store, type=["ASSAULT"])
    r = httpx.post(api + "/corrections", headers=auth(), json={
        "action": "type", "author": "佐藤", "event_id": ev["id"], "value": "SUPPORT",
        "note": "支持の対象として語られただけ"})
    assert r.status_code == 201, r.text
    c = r.json()
    assert c["action"] == "type" and c["author"] == "佐藤" and c["active"] and c["applied"]
    assert c["before"]["event_type"] == "ASSAULT" and c["after"]["event_type"] == "SUPPORT"
    [eid] = c["event_ids"]
    detail = httpx.get(api + f"/events/{eid}").json()
    assert detail["event_type"] == "SUPPORT" and detail["corrected"] is True
    assert [x["id"] for x in detail["corrections"]] == [c["id"]]
    listed = httpx.get(api + "/corrections", params={"event": eid}).json()["items"]
    assert [x["id"] for x in listed] == [c["id"]]
    assert httpx.get(api + f"/corrections/{c['id']}").json()["target"]["event"]
    lines = httpx.get(api + "/corrections/export").text.splitlines()
    assert [json.loads(x)["id"] for x in lines] == [c["id"]]
    r = httpx.post(api + f"/corrections/{c['id']}/revoke", headers=auth(),
                   json={"author": "佐藤", "note": "取り消し"})
    assert r.status_code == 201 and r.json()["revokes"] == c["id"]
    assert httpx.get(api + f"/corrections/{c['id']}").json()["active"] is False
    assert any(e["event_type"] == "ASSAULT" for e in queries.iter_events(store))


def test_mark_a_mention_wrong_and_split_one_out(writable):
    store, api = writable
    big = max(queries.iter_events(store), key=lambda e: e["n_mentions"])
    d = queries.event_detail(store, big["id"])
    m1, m2 = d["mentions"][0]["id"], d["mentions"][1]["id"]
    r = httpx.post(api + "/corrections", headers=auth(),
                   json={"action": "wrong", "author": "a", "mention_id": m1})
    assert r.status_code == 201 and r.json()["event_ids"] == []
    doc = httpx.get(api + f"/documents/{d['mentions'][0]['doc_id']}").json()
    assert next(m for m in doc["mentions"] if m["id"] == m1)["wrong"] is True
    [eid] = [x for x in {e["id"] for e in queries.iter_events(store)}
             if any(m["id"] == m2 for m in queries.event_detail(store, x)["mentions"])]
    r = httpx.post(api + "/corrections", headers=auth(),
                   json={"action": "split", "author": "a", "event_id": eid, "mention_id": m2})
    assert r.status_code == 201, r.text
    alone = queries.event_detail(store, r.json()["event_ids"][0])
    assert [m["id"] for m in alone["mentions"]] == [m2]


@pytest.mark.parametrize("body,status,message", [
    ({"action": "type", "author": "a", "event_id": "ev_nope", "value": "AID"}, 404, "no event"),
    ({"action": "type", "author": "a", "event_id": "{ev}", "value": "BOGUS"}, 400,
     "not a PLOVER type"),
    ({"action": "actor", "author": "a", "event_id": "{ev}", "value": ["ほげ"]}, 400,
     "no entity has"),
    ({"action": "wrong", "author": "a", "mention_id": "m_nope"}, 404, "no mention"),
    ({"action": "explode", "author": "a"}, 422, "action"),
    ({"action": "note", "author": "", "event_id": "{ev}", "note": "x"}, 422, "author"),
    ({"action": "note", "author": "a", "event_id": "{ev}", "note": "x", "extra": 1}, 422,
     "extra"),
])
def test_bad_corrections_are_named(writable, check_error, body, status, message):
    store, api = writable
    ev = first(store)["id"]
    body = {k: (v.replace("{ev}", ev) if isinstance(v, str) else v) for k, v in body.items()}
    err = check_error(httpx.post(api + "/corrections", json=body, headers=auth()), status)
    assert message in json.dumps(err, ensure_ascii=False)
    assert httpx.get(api + "/corrections").json()["items"] == []


def test_revoking_what_does_not_exist_is_404(writable, check_error):
    _, api = writable
    check_error(httpx.post(api + "/corrections/99/revoke", headers=auth(), json={"author": "a"}),
                404)
    check_error(httpx.get(api + "/corrections/99"), 404)


# --- briefings ---------------------------------------------------------------------------------

def test_briefing_in_every_format(api, check_error):
    j = api.get("/briefing", params={"period": "120d", "end": "2025-02-12"})
    assert j.status_code == 200 and j.json()["period"] == {
        "start": "2024-10-16", "end": "2025-02-12", "days": 120, "label": "120d"}
    b = j.json()
    assert b["developments"] and all(d["grade"] and d["refs"] for d in b["developments"])
    md = api.get("/briefing", params={"period": "120d", "end": "2025-02-12", "format": "md"})
    assert md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith("# 情勢ブリーフィング") and "## 主な動き" in md.text
    assert 'filename="kizashi-briefing-2025-02-12-120d.md"' in md.headers["content-disposition"]
    html = api.get("/briefing", params={"period": "120d", "end": "2025-02-12", "format": "html",
                                        "lang": "en"})
    assert "<svg" in html.text and "Key developments" in html.text and "<script" not in html.text
    pdf = api.get("/briefing", params={"period": "30d", "end": "2025-02-12", "format": "pdf"})
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    check_error(api.get("/briefing", params={"period": "7x"}), 422)
    check_error(api.get("/briefing", params={"dyad": "RUS,ほげ"}), 400)
    check_error(api.get("/briefing", params={"watch": "no-such-watch"}), 404)
