"""Canonical URLs: the variants of one article's address have one key."""
from __future__ import annotations

import pytest

from kizashi.fetch.urls import absolute, canonical_url, host_of, url_key

BASE = "https://example.jp/news/2025/0210"


@pytest.mark.parametrize("variant", [
    BASE, BASE + "/", "http://example.jp/news/2025/0210", "https://www.example.jp/news/2025/0210",
    "https://m.example.jp/news/2025/0210", "https://amp.example.jp/news/2025/0210",
    BASE + "/amp", BASE + "/amp/", BASE + ".amp", BASE + "?amp=1", BASE + "?outputType=amp",
    BASE + "?utm_source=rss&utm_medium=feed", BASE + "?fbclid=abc#section-2",
    "HTTPS://EXAMPLE.JP:443/news//2025/0210", "https://sp.example.jp/news/2025/0210?gclid=x",
])
def test_variants_collapse(variant):
    assert canonical_url(variant) == BASE
    assert url_key(variant) == url_key(BASE)


def test_meaningful_parameters_stay_and_sort():
    assert canonical_url("https://example.jp/a?b=2&id=7&utm_campaign=x") == \
        "https://example.jp/a?b=2&id=7"
    assert url_key("https://example.jp/a?id=7") != url_key("https://example.jp/a?id=8")
    assert url_key("https://example.jp/a") != url_key("https://example.org/a")
    assert canonical_url("ftp://example.jp/x ") == "ftp://example.jp/x"


def test_absolute_and_host():
    assert absolute("https://example.jp/news/", "../world/1#top") == "https://example.jp/world/1"
    for bad in ("javascript:alert(1)", "mailto:a@b", "#frag", "", "data:text/html,x"):
        assert absolute("https://example.jp/", bad) is None
    assert host_of("http://127.0.0.1:8123/x") == "127.0.0.1:8123"
