"""Injection and cursor sweep (issue 9): every query parameter of every API operation and of
every workbench page gets hostile values (SQL, LIKE and FTS syntax, NUL and control characters,
huge numbers, very long strings, markup, path tricks, invisible characters, bad dates and
cursors). Never a 500, never a traceback; API errors keep the one shape; a page answers 200 or
400 with its form. The number of requests is printed (-s) for the closing note."""
from __future__ import annotations

import base64
import json

import httpx
import pytest

HOSTILE = [
    "' OR '1'='1", "'; DROP TABLE events; --", '" OR ""="', "1) OR (1=1", "%", "_", "%_%", "\\",
    "\\%", "*", '"', "NEAR(a b)", "a AND b OR NOT c", "^", "\x00", "a\x00b", "\x01\x1f\x7f",
    "\n", "\t", "a" * 5000, "9" * 5000, "-1", "0", "1e309", "NaN", "-0", "１２３",
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
    "../../etc/passwd", "/", "%2F", "a/b", "ロシア", "北朝鮮", "𠮷野家", "\u202eABC",
    "北\u200b朝鮮", "2024-13-01", "2024-02-30", "yesterday", "9999", "0000-00-00", " ", ",",
    ",,,", "RUS,RUS", "RUS,PRK,USA", "RUS,北朝鮮", "null", "[]", "{}", "true",
    " ".join(["語"] * 40),
]


def _cursor(*parts) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode().rstrip("=")


CURSORS = ["garbage", "", "=", "W10", _cursor("date", 1, "ev"), _cursor("date", None, 5),
           _cursor("-date", "2024", "ev"), _cursor("sources", "x", "ev"),
           _cursor("date", "2024", "ev" * 200), _cursor("documents", [], "a"),
           _cursor("date", {"a": 1}, "ev"), "A" * 2000, "%00", "\x00"]

SENT = {"n": 0, "by_status": {}}


def _get(client, path, params):
    try:
        r = client.get(path, params=params)
    except httpx.InvalidURL:          # the client will not send it (a NUL in a path)
        return None
    SENT["n"] += 1
    SENT["by_status"][r.status_code] = SENT["by_status"].get(r.status_code, 0) + 1
    assert r.status_code < 500, (path, params, r.status_code, r.text[:300])
    assert "Traceback" not in r.text and 'File "' not in r.text, (path, params)
    return r


def _operations(spec):
    for path, ops in spec["paths"].items():
        op = ops.get("get")
        if not op:
            continue
        params = [p["name"] for p in op.get("parameters", []) if p["in"] == "query"]
        concrete = path.replace("{a}", "RUS").replace("{b}", "PRK").replace(
            "{doc_id}", "x").replace("{event_id}", "x").replace("{code}", "RUS")
        yield concrete, params


def test_api_sweep(live_server, check_error):
    with httpx.Client(base_url=live_server.base + "/api/v1", timeout=60) as api:
        spec = api.get("/openapi.json").json()
        for path, params in _operations(spec):
            base = {"q": "制裁"} if path == "/search" else {}
            for name in params:
                for value in HOSTILE:
                    r = _get(api, path, {**base, name: value})
                    if r is not None and r.status_code >= 400:
                        check_error(r, r.status_code)
        for path in ("/events", "/documents", "/events/export"):
            for sort in ([None] if path == "/documents" else ["date", "-date", "sources",
                                                               "-reported"]):
                for c in CURSORS:
                    params = {"after": c, **({"sort": sort} if sort else {})}
                    r = _get(api, path, params)
                    if r is not None and r.status_code >= 400:
                        check_error(r, r.status_code)
        # path parameters
        for value in HOSTILE[:30]:
            for tmpl in ("/events/{}", "/documents/{}", "/actors/{}", "/dyads/{}/PRK"):
                from urllib.parse import quote

                r = _get(api, tmpl.format(quote(value, safe="") or "x"), {})
                if r is not None and r.status_code >= 400:
                    check_error(r, r.status_code)
    print(f"\nAPI sweep: {SENT['n']} requests, statuses {sorted(SENT['by_status'].items())}")
    assert SENT["n"] > 2000


PAGES = {"/events": ["start", "end", "type", "quad", "actor", "recipient", "dyad", "factuality",
                     "min_sources", "q", "sort", "after", "limit", "lang"],
         "/timeline": ["start", "type", "actor", "dyad", "q", "group"],
         "/network": ["start", "end", "quad", "actor", "factuality"],
         "/quantities": ["object", "unit", "type", "min_sources"],
         "/documents": ["source", "start", "end", "q", "after"],
         "/search": ["q"], "/dyad/RUS/PRK": ["freq", "start", "type"], "/": ["days", "end"]}


def test_page_sweep(live_server):
    n0 = SENT["n"]
    with httpx.Client(base_url=live_server.base, timeout=60) as web:
        for path, params in PAGES.items():
            for name in params:
                for value in HOSTILE:
                    r = _get(web, path, {name: value})
                    if r is not None:
                        assert r.status_code in (200, 400), (path, name, value, r.status_code)
        for c in CURSORS:
            for path in ("/events", "/documents"):
                r = _get(web, path, {"after": c})
                assert r is None or r.status_code in (200, 400)
    print(f"\npage sweep: {SENT['n'] - n0} requests")
    assert SENT["n"] - n0 > 1500


@pytest.mark.parametrize("params, words", [
    ({"start": "2024-13-01"}, "no month 13"), ({"type": "BOGUS"}, "unknown event type"),
    ({"actor": "ほげ"}, "unknown actor"), ({"start": "2024-07", "end": "2024-06"}, "after end"),
    ({"q": " ".join(["語"] * 21)}, "at most 20"),
])
def test_pages_name_a_bad_filter(live_server, params, words):
    r = httpx.get(live_server.base + "/events", params=params, timeout=60)
    assert r.status_code == 400 and words in r.text, r.text[-500:]
