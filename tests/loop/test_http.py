"""The polite client against a real HTTP server on 127.0.0.1: conditional GET, retries with
backoff, redirects, the size cap, timeouts, robots.txt, politeness per host, encodings."""
from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from kizashi.fetch.http import Fetcher, FetchError
from kizashi.fetch.localsite import article_page

from loophelp import FAST

TEXT = "北朝鮮の外務省は声明を発表し、ロシアとの協力を続ける考えを示した。"


def test_conditional_get_gives_304_and_counts_it(site, fetcher):
    site.page("/a", "<p>x</p>")
    r1 = fetcher.get(site.url("/a"))
    assert r1.status == 200 and r1.etag and r1.last_modified
    r2 = fetcher.get(site.url("/a"), etag=r1.etag)
    assert r2.not_modified and r2.content == b""
    r3 = fetcher.get(site.url("/a"), last_modified=r1.last_modified)
    assert r3.not_modified
    assert site.not_modified["/a"] == 2 and fetcher.stats["not_modified"] == 2
    inm = [h.get("if-none-match") for p, h in site.requests if p == "/a"]
    assert inm == [None, r1.etag, None]


def test_retries_5xx_and_429_then_succeeds(site):
    waits = []
    with Fetcher(FAST, sleep=waits.append) as f:
        site.page("/flaky", "ok", fail_first=2, fail_status=503)
        assert f.get(site.url("/flaky")).content == b"ok"
        assert site.hits["/flaky"] == 3 and f.stats["retries"] == 2
        assert waits == [FAST.backoff, FAST.backoff * 2]          # exponential backoff
        site.page("/busy", "ok", fail_first=1, fail_status=429, headers={"Retry-After": "1"})
        assert f.get(site.url("/busy")).content == b"ok"
        assert 1.0 in waits                                         # the server's Retry-After


def test_gives_up_after_the_retries_and_names_the_status(site, fetcher):
    site.page("/down", "x", fail_first=10, fail_status=500)
    with pytest.raises(FetchError) as err:
        fetcher.get(site.url("/down"))
    assert err.value.status == 500 and "500" in str(err.value)
    assert site.url("/down") in str(err.value)
    assert site.hits["/down"] == 1 + FAST.retries


def test_404_is_not_retried(site, fetcher):
    with pytest.raises(FetchError) as err:
        fetcher.get(site.url("/missing"))
    assert err.value.status == 404 and site.hits["/missing"] == 1


def test_retry_after_longer_than_the_limit_gives_up(site, fetcher):
    site.page("/later", "x", fail_first=5, fail_status=429, headers={"Retry-After": "3600"})
    with pytest.raises(FetchError, match="retry after 3600"):
        fetcher.get(site.url("/later"))
    assert site.hits["/later"] == 1


def test_redirects_are_followed_and_the_final_url_kept(site, fetcher):
    site.page("/old", redirect=site.url("/mid"))
    site.page("/mid", redirect=site.url("/new"))
    site.page("/new", "here")
    r = fetcher.get(site.url("/old"))
    assert r.url == site.url("/new") and r.requested == site.url("/old")
    assert len(r.redirects) == 2 and r.content == b"here"


def test_a_redirect_loop_stops(site, fetcher):
    site.page("/loop1", redirect=site.url("/loop2"))
    site.page("/loop2", redirect=site.url("/loop1"))
    with pytest.raises(FetchError, match="redirects"):
        fetcher.get(site.url("/loop1"))


def test_size_cap_by_header_and_while_streaming(site, fetcher):
    site.page("/huge", b"x" * (FAST.max_bytes + 1))
    with pytest.raises(FetchError, match="more than the limit"):
        fetcher.get(site.url("/huge"))
    site.page("/stream", b"y" * (FAST.max_bytes * 2), length_lie=-1)   # no Content-Length:
    with pytest.raises(FetchError, match="larger than the limit"):       # caught while read
        fetcher.get(site.url("/stream"))


def test_a_slow_server_times_out_and_a_dripping_one_is_cut(site):
    policy = replace(FAST, timeout=0.3, total_timeout=1.0, retries=0)
    with Fetcher(policy) as f:
        site.page("/slow", "late", delay=3)
        with pytest.raises(FetchError, match="timed out"):
            f.get(site.url("/slow"))
        site.page("/drip", b"z" * 6400, drip=0.05)    # one chunk every 50 ms: 5 s in all
        with pytest.raises(FetchError, match="longer than 1 s"):
            f.get(site.url("/drip"))


def test_robots_txt_is_obeyed(site, fetcher):
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.page("/private/x", "secret")
    site.page("/public/x", "fine")
    assert fetcher.get(site.url("/public/x")).content == b"fine"
    with pytest.raises(FetchError, match="robots.txt"):
        fetcher.get(site.url("/private/x"))
    assert site.hits["/private/x"] == 0 and site.hits["/robots.txt"] == 1   # read once
    assert fetcher.stats["robots_refused"] == 1


def test_robots_txt_errors_follow_rfc_9309(site):
    with Fetcher(FAST) as f:                      # 5xx: everything disallowed
        site.page("/robots.txt", "x", fail_first=99, fail_status=503)
        site.page("/page", "p")
        with pytest.raises(FetchError, match="robots.txt"):
            f.get(site.url("/page"))
    with Fetcher(FAST) as f:                      # 4xx (here 404): everything allowed
        del site.pages["/robots.txt"]
        assert f.get(site.url("/page")).content == b"p"


def test_politeness_delay_between_requests_to_one_host(site):
    waits = []
    policy = replace(FAST, delay=0.2, robots=False)
    with Fetcher(policy, sleep=waits.append) as f:
        site.page("/p", "x", validators=False)
        for _ in range(3):
            f.get(site.url("/p"))
    assert len(waits) == 2 and all(w > 0.1 for w in waits)   # asked to wait before 2nd and 3rd


def test_concurrency_per_host_is_limited(site):
    policy = replace(FAST, per_host=2, robots=False, timeout=5, total_timeout=10)
    site.page("/slow", "x", delay=0.3, validators=False)
    with Fetcher(policy) as f:
        threads = [threading.Thread(target=f.get, args=(site.url("/slow"),)) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert site.hits["/slow"] == 6 and site.max_active == 2


@pytest.mark.parametrize("charset,declare,header", [
    ("cp932", "Shift_JIS", "text/html; charset=Shift_JIS"),      # declared and right
    ("euc_jp", "EUC-JP", "text/html"),                            # declared in the page only
    ("cp932", "utf-8", "text/html; charset=utf-8"),              # both declarations wrong
    ("utf-8", "Shift_JIS", "text/html; charset=Shift_JIS"),      # UTF-8 declared as Shift_JIS
    ("euc_jp", "EUC-JP", "text/html; charset=iso-8859-1"),       # header wrong, page right
])
def test_encodings_declared_and_sniffed(site, fetcher, charset, declare, header):
    site.page("/enc", article_page("声明", [TEXT], charset=charset, declare=declare),
              content_type=header)
    text, _enc = fetcher.get(site.url("/enc")).text()
    assert TEXT in text


def test_not_http_and_unreachable(fetcher):
    with pytest.raises(FetchError, match="not an http"):
        fetcher.get("file:///etc/passwd")
    from kizashi.store.pgcluster import free_port

    with pytest.raises(FetchError, match="cannot be reached"):
        fetcher.get(f"http://127.0.0.1:{free_port()}/nothing")
