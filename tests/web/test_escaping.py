"""Hostile article text is shown literally, never run: an article whose title, text, outlet and URL
carry ``<script>`` and ``<img onerror>`` is extracted for real into a separate SQLite store,
fused, served, and every view that shows it is opened in Chromium. No dialog may fire, no script
or image element may come out of the data, and the text must appear as typed."""
from __future__ import annotations

import pytest

from kizashi.records import Article, article_id

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
SVG = '"><svg onload=alert(3)>'
TITLE = f"{SCRIPT}北朝鮮、ロシアに砲弾供与"
TEXT = (f"北朝鮮、ロシアに砲弾供与{SCRIPT}\n\n"
        f"北朝鮮は10日、ロシアに約300万発の砲弾を供与したと韓国国防省が発表した。{IMG}\n"
        f"日本政府は11日、北朝鮮{SVG}を強く非難した。\n"
        "ロシアと北朝鮮は12日、モスクワで外相会談を開いた。\n")
SOURCE = "<b>怪しい通信</b>"
URL = "javascript:alert(4)"


@pytest.fixture(scope="module")
def hostile_server(extract, tmp_path_factory):
    from tests.conftest import LiveServer

    from kizashi.store import Store
    from kizashi.store.fusion_sync import refresh_events

    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'hostile.db'}"
    art = Article(id=article_id(None, TEXT), text=TEXT, title=TITLE, published="2025-03-12",
                  source=SOURCE, url=URL, path="/corpus/hostile.txt")
    with Store(url) as s:
        s.migrate()
        mentions = extract(art.text, doc_id=art.id, published=art.published)
        assert mentions, "the extractor found no event in the hostile article"
        s.save_article(art, mentions)
        refresh_events(s)
    srv = LiveServer(url).start()
    srv.doc_id = art.id
    yield srv
    srv.stop()


def test_hostile_text_is_escaped(browse, hostile_server):
    web = browse(hostile_server.base)
    page = web.page
    doc = hostile_server.doc_id
    web.goto(f"/documents/{doc}")
    assert page.locator("h1").inner_text() == TITLE
    body = page.locator(".doc-text .text").text_content()
    for s in (SCRIPT, IMG, SVG):
        assert s in body
    assert SOURCE in page.locator(".doc-meta").inner_text()
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator(".doc-text mark.hl-trigger").count() >= 1
    web.shoot("escaping")
    for path in ["/", "/events", "/timeline", "/network", "/quantities", "/documents",
                 "/search?q=script", "/search?q=onerror"]:
        web.goto(path)
        if path == "/events":
            page.locator("button.expand").first.click()
            assert page.locator("tr.event-detail mark.hl-trigger").first.is_visible()
        if path == "/documents":
            assert TITLE in page.locator("table.documents").inner_text()
        if path.startswith("/search"):
            assert page.locator("ol.hits li").count() == 1
            assert TITLE in page.locator("ol.hits li a").first.text_content()
    # nothing from the data became an element or ran
    for p in [f"/documents/{doc}", "/events", "/search?q=script"]:
        web.goto(p)
        if p == "/events":
            page.locator("button.expand").first.click()
        assert page.evaluate(
            "() => document.querySelectorAll('main script:not([type=\"application/json\"]),"
            " main img, main svg:not(.spark):not(.qchart)').length") == 0
    assert web.dialogs == []
    web.assert_clean()
