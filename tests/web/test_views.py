"""The workbench in a real browser (Chromium via Playwright) on the demo corpus served over HTTP.

Every test opens its view, checks it loads with no console error, no page error and no request
leaving 127.0.0.1 (``web.assert_clean()``), exercises what the view is for (filters, expansion
to highlighted evidence, export, charts and their links, language switch, keyboard) and writes a
full-page screenshot (tests/web/conftest.py: SHOTS)."""
from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import parse_qs, urlparse

import pytest

from kizashi.store import queries

FILTER_IDS = ["f-start", "f-end", "f-type", "f-quad", "f-actor", "f-recipient", "f-dyad",
              "f-factuality", "f-min-sources", "f-q", "f-sort"]


def row_ids(page) -> list[str]:
    return page.locator("tbody.event").evaluate_all(
        "els => els.map(e => e.getAttribute('data-event-id'))")


def submit(page, name: str = "絞り込む") -> None:
    with page.expect_navigation(wait_until="networkidle"):
        page.get_by_role("button", name=name, exact=True).click()


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def all_labels_ok(page) -> list[str]:
    """ids (or names) of form controls on the page without a non-empty <label>."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(
        'main input:not([type=hidden]), main select, main textarea'))
        .filter(el => !(el.labels && el.labels.length && el.labels[0].textContent.trim()))
        .map(el => el.id || el.name)""")


# --- overview ------------------------------------------------------------------------------------

def test_overview(web):
    web.goto("/")
    page = web.page
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h1").inner_text() == "概要"
    assert page.locator(".figure").count() == 4
    labels = page.locator(".figure-label").all_inner_texts()
    assert labels == ["イベント", "記事", "媒体", "推計が食い違うイベント"]
    assert page.locator("svg.spark").count() >= 1
    assert page.locator("ul.latest li").count() >= 1
    # a shorter or longer period changes the figures' period line
    line = page.locator("p.period").inner_text()
    page.get_by_label("期間", exact=True).select_option("365")
    submit(page)
    assert page.locator("p.period").inner_text() != line
    assert all_labels_ok(page) == []
    web.assert_clean()
    web.shoot("overview")
    # a dyad of the table opens its page
    first = page.locator("table.data tbody tr th a").first
    with page.expect_navigation(wait_until="networkidle"):
        first.click()
    assert re.search(r"/dyad/[A-Z]+/[A-Z]+$", page.url)
    web.assert_clean()


# --- events ----------------------------------------------------------------------------------

def test_events_filters_change_the_rows(web):
    web.goto("/events")
    page = web.page
    everything = row_ids(page)
    assert len(everything) >= 10
    page.get_by_label("協力・対立区分", exact=True).select_option("material_conflict")
    submit(page)
    assert query_of(page)["quad"] == ["material_conflict"]
    conflict = row_ids(page)
    assert 0 < len(conflict) < len(everything) and set(conflict) <= set(everything)
    badges = page.locator("tbody.event .badge.quad").all_inner_texts()
    assert badges and set(badges) == {"物理的対立"}
    # an actor given by its Japanese name is resolved to its code and kept in the form
    page.get_by_label("協力・対立区分", exact=True).select_option("")
    page.get_by_label("行為主体", exact=True).fill("北朝鮮")
    submit(page)
    assert query_of(page)["actor"] == ["北朝鮮"]
    assert page.get_by_label("行為主体", exact=True).input_value() == "PRK"
    prk = row_ids(page)
    assert prk and set(prk) != set(everything)
    for cell in page.locator("tbody.event tr.event-row td:nth-child(5)").all_inner_texts():
        assert "PRK" in cell
    # factuality + text
    page.get_by_label("行為主体", exact=True).fill("")
    page.get_by_label("本文キーワード", exact=True).fill("ミサイル")
    submit(page)
    assert 0 < len(row_ids(page)) < len(everything)
    web.assert_clean()
    web.shoot("events-filtered")


def test_events_keyset_pages(web):
    web.goto("/events?sort=-date&limit=6")
    page = web.page
    seen: list[str] = []
    for _ in range(20):
        ids = row_ids(page)
        assert 0 < len(ids) <= 6
        seen.extend(ids)
        nxt = page.locator("a.next-page")
        if not nxt.count():
            break
        with page.expect_navigation(wait_until="networkidle"):
            nxt.click()
    assert len(seen) == len(set(seen))
    web.goto("/events?sort=-date&limit=200")
    assert row_ids(page) == seen
    web.assert_clean()
    web.shoot("events-all")


def test_event_row_expands_to_highlighted_evidence(web, live_server):
    web.goto("/events")
    page = web.page
    body = page.locator("tbody.event").first
    event_id = body.get_attribute("data-event-id")
    button = body.locator("button.expand")
    detail = body.locator("tr.event-detail")
    assert button.get_attribute("aria-expanded") == "false" and detail.is_hidden()
    button.click()
    assert button.get_attribute("aria-expanded") == "true" and detail.is_visible()
    expected = queries.event_detail(live_server.store, event_id)
    triggers = detail.locator("mark.hl-trigger")
    assert triggers.count() == len(expected["mentions"])
    assert triggers.all_text_contents() == [m["trigger"]["text"] for m in expected["mentions"]]
    for m, quote in zip(expected["mentions"], detail.locator("blockquote.evidence").all()):
        assert quote.text_content() == m["evidence"]["text"]
    assert detail.locator("mark.hl-actor").count() >= 1
    assert detail.locator(".badge.fact").count() == len(expected["mentions"])
    # links to the documents, at the mention
    href = detail.locator("a.doc-link").first.get_attribute("href")
    assert re.match(r"^/documents/[^#]+#m-m_", href)
    # collapse again by keyboard
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "false" and detail.is_hidden()
    page.keyboard.press("Enter")
    assert detail.is_visible()
    web.assert_clean()
    web.shoot("events")


def _export_available(live_server) -> bool:
    import httpx

    r = httpx.get(live_server.base + "/api/v1/events/export", params={"format": "jsonl"})
    return r.status_code != 404


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_link_downloads_the_rows_shown(web, live_server, fmt):
    if not _export_available(live_server):
        pytest.skip("the JSON API has no /api/v1/events/export route yet (kizashi.api)")
    web.goto("/events?quad=verbal_conflict,material_conflict&sort=-date")
    page = web.page
    shown = row_ids(page)
    assert shown and page.locator("a.next-page").count() == 0
    link = page.locator(f"a.export-link[data-format={fmt}]")
    q = parse_qs(urlparse(link.get_attribute("href")).query)
    assert q["quad"] == ["verbal_conflict,material_conflict"] and q["sort"] == ["-date"]
    with page.expect_download() as info:
        link.click()
    data = open(info.value.path(), encoding="utf-8-sig").read()
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(data)))
        key = "id" if rows and "id" in rows[0] else "event_id"
        exported = [r[key] for r in rows]
    else:
        exported = [json.loads(line)["id"] for line in data.splitlines() if line.strip()]
    assert exported == shown
    web.assert_clean()
    web.shoot("events-export")


# --- language, keyboard ----------------------------------------------------------------------

def test_language_switch(web):
    web.goto("/events")
    page = web.page
    nav = page.locator("nav.main-nav")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert "イベント" in nav.inner_text()
    with page.expect_navigation(wait_until="networkidle"):
        page.locator("a.lang-switch").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Events" in nav.inner_text() and "イベント" not in nav.inner_text()
    assert page.get_by_label("From", exact=True).count() == 1
    assert page.locator("h1").inner_text() == "Events"
    # the choice is kept (cookie) on the next page without ?lang
    web.goto("/timeline")
    page.wait_for_selector("#timeline[data-ready]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Timeline"
    web.shoot("language-en")
    with page.expect_navigation(wait_until="networkidle"):
        page.locator("a.lang-switch").click()
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h1").inner_text() == "タイムライン"
    web.assert_clean()


def test_keyboard_reaches_labelled_filters(web):
    web.goto("/events")
    page = web.page
    active = "() => document.activeElement && (document.activeElement.id || document.activeElement.className)"
    page.keyboard.press("Tab")
    assert page.evaluate(active) == "skip-link"
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate(active) == "main"
    order = []
    for _ in range(40):
        page.keyboard.press("Tab")
        el = page.evaluate(active)
        order.append(el)
        if el == FILTER_IDS[-1]:
            break
    assert [x for x in order if x in FILTER_IDS] == FILTER_IDS, order
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
    web.shoot("keyboard-focus")
    # every control has a label, and the label names it
    assert all_labels_ok(page) == []
    for label, ident in [("開始日", "f-start"), ("終了日", "f-end"), ("イベント種別", "f-type"),
                         ("協力・対立区分", "f-quad"), ("行為主体", "f-actor"), ("対象", "f-recipient"),
                         ("事実性", "f-factuality"), ("最少情報源数", "f-min-sources"),
                         ("本文キーワード", "f-q"), ("並び順", "f-sort")]:
        assert page.get_by_label(label, exact=True).get_attribute("id") == ident
    # the filters of the other views are labelled too
    for path in ["/timeline", "/network", "/quantities", "/dyad/RUS/PRK", "/documents",
                 "/search", "/"]:
        web.goto(path)
        assert all_labels_ok(page) == [], path
    web.assert_clean()


# --- timeline --------------------------------------------------------------------------------

def test_timeline(web, live_server):
    web.goto("/timeline")
    page = web.page
    page.wait_for_selector("#timeline[data-ready]")
    items = page.locator("#timeline .vis-item")
    assert items.count() >= 10
    groups = page.locator("#timeline .vis-label").all_inner_texts()
    assert "PRK–RUS" in [g.strip() for g in groups], page.evaluate(
        "() => document.querySelector('#timeline .vis-labelset').outerHTML.slice(0, 1500)")
    page.get_by_role("button", name="＋ 拡大").click()
    page.get_by_role("button", name="全体表示").click()
    web.assert_clean()
    web.shoot("timeline")
    # grouped by type
    page.get_by_label("グループ化", exact=True).select_option("type")
    submit(page)
    page.wait_for_selector("#timeline[data-ready]")
    labels = [g.strip() for g in page.locator("#timeline .vis-label").all_inner_texts()]
    assert "援助・供与 (AID)" in labels
    # a filter narrows the items
    n = page.locator("#timeline .vis-item").count()
    page.get_by_label("協力・対立区分", exact=True).select_option("material_conflict")
    submit(page)
    page.wait_for_selector("#timeline[data-ready]")
    assert 0 < page.locator("#timeline .vis-item").count() < n
    # an item opens its event
    with page.expect_navigation(wait_until="networkidle"):
        page.locator("#timeline .vis-item .vis-item-content").first.click()
    assert re.search(r"/events/ev_[0-9a-f]+$", page.url)
    assert page.locator("mark.hl-trigger").count() >= 1
    web.assert_clean()


# --- network ---------------------------------------------------------------------------------

def test_network(web):
    web.goto("/network")
    page = web.page
    page.wait_for_selector("#network[data-ready]")
    assert page.locator("#network canvas").count() >= 1
    n_edges = page.locator("table.edges tbody tr").count()
    assert n_edges >= 5
    colours = page.evaluate("() => window.kizashiNetwork.edges().map(e => e.data('color'))")
    assert len(set(colours)) >= 2
    web.assert_clean()
    web.shoot("network")
    # clicking the PRK->RUS edge on the canvas opens the dyad
    box = page.locator("#network").bounding_box()
    mid = page.evaluate("() => window.kizashiNetwork.$id('PRK>RUS').renderedMidpoint()")
    with page.expect_navigation(wait_until="networkidle"):
        page.mouse.click(box["x"] + mid["x"], box["y"] + mid["y"])
    assert urlparse(page.url).path == "/dyad/PRK/RUS"
    # filters change the graph
    web.goto("/network?quad=material_conflict")
    page.wait_for_selector("#network[data-ready]")
    assert 0 < page.locator("table.edges tbody tr").count() < n_edges
    assert set(page.locator("table.edges .badge.quad").all_inner_texts()) == {"物理的対立"}
    web.assert_clean()


# --- dyad ------------------------------------------------------------------------------------

def test_dyad(web, live_server):
    web.goto("/dyad/RUS/PRK")
    page = web.page
    page.wait_for_selector("#dyad-chart[data-ready]")
    rows = queries.dyad_series(live_server.store, "RUS", "PRK")["rows"]
    assert page.locator("table.dyad-table tbody tr").count() == len(rows) >= 2
    assert page.evaluate("() => window.kizashiChart.data.datasets.length") == 4
    web.assert_clean()
    web.shoot("dyad")
    # every period links to its events: the table link ...
    link = page.locator("a.period-link").first
    q = parse_qs(urlparse(link.get_attribute("href")).query)
    assert q["dyad"] == ["RUS,PRK"] and q["start"] == [rows[0]["period"]] == q["end"]
    # ... and a click on the chart's point
    box = page.locator("#dyad-chart").bounding_box()
    pt = page.evaluate("() => { const p = window.kizashiChart.getDatasetMeta(0).data[1];"
                       " return {x: p.x, y: p.y}; }")
    with page.expect_navigation(wait_until="networkidle"):
        page.mouse.click(box["x"] + pt["x"], box["y"] + pt["y"])
    q = parse_qs(urlparse(page.url).query)
    assert urlparse(page.url).path == "/events"
    assert q["dyad"] == ["RUS,PRK"] and q["start"] == [rows[1]["period"]]
    assert len(row_ids(page)) >= rows[1]["count"]
    # weekly periods link to their ISO week
    web.goto("/dyad/RUS/PRK?freq=week")
    page.wait_for_selector("#dyad-chart[data-ready]")
    period = page.locator("table.dyad-table tbody th").first.inner_text()
    assert re.match(r"^\d{4}-W\d{2}$", period)
    q = parse_qs(urlparse(page.locator("a.period-link").first.get_attribute("href")).query)
    assert re.match(r"^\d{4}-\d{2}-\d{2}$", q["start"][0])
    web.assert_clean()


# --- quantities ------------------------------------------------------------------------------

def test_quantities(web):
    web.goto("/quantities")
    page = web.page
    series = page.locator("section.qseries")
    n = series.count()
    assert n >= 2
    assert page.locator("tr.conflicting").count() >= 2
    assert page.locator("tr.conflicting .badge.conflict").first.inner_text().endswith("食い違い")
    assert page.locator("svg.qchart").count() >= 1
    web.assert_clean()
    web.shoot("quantities")
    # one counted thing
    page.get_by_label("対象物", exact=True).select_option("兵士")
    submit(page)
    assert page.locator("section.qseries").count() == 1
    assert "兵士" in page.locator("section.qseries h2").inner_text()
    # back to the sentence
    href = page.locator("table.estimates a", has_text="記事内で見る").first.get_attribute("href")
    assert re.match(r"^/documents/[^#]+#m-m_", href)
    web.goto(href)
    target = page.evaluate("() => { const t = document.querySelector(':target');"
                           " return t && t.tagName + '.' + t.className; }")
    assert target and target.startswith("MARK.") and "hl-trigger" in target
    web.assert_clean()


# --- documents -------------------------------------------------------------------------------

def test_documents_and_reader(web, live_server):
    web.goto("/documents")
    page = web.page
    n = page.locator("table.documents tbody tr").count()
    assert n == len(live_server.store.documents())
    page.get_by_label("本文キーワード", exact=True).fill("ミサイル")
    submit(page)
    assert 0 < page.locator("table.documents tbody tr").count() < n
    web.assert_clean()
    web.shoot("documents")
    with page.expect_navigation(wait_until="networkidle"):
        page.locator("a.doc-link").first.click()
    text = page.locator(".doc-text .text")
    for kind in ("trigger", "actor"):
        assert text.locator(f"mark.hl-{kind}").count() >= 1, kind
    # factuality at a glance: every mention has a badge with a text label
    facts = page.locator("ol.doc-mentions .badge.fact").all_inner_texts()
    assert facts and all(f.strip() for f in facts)
    assert page.locator(".doc-events li a").count() >= 1
    web.assert_clean()


def test_document_reader_highlights_everything(web, live_server):
    # the article on conflicting shell estimates has dates, quantities and a denial
    doc = next(d for d in live_server.store.documents() if "推計" in (d.title or ""))
    web.goto(f"/documents/{doc.id}")
    page = web.page
    text = page.locator(".doc-text .text")
    assert text.inner_text().replace("\n", "") .startswith(doc.title.replace("\n", "")[:5])
    for kind in ("trigger", "actor", "recipient", "quantity"):
        assert text.locator(f"mark.hl-{kind}").count() >= 1, kind
    assert page.locator(".badge.fact.fact-denied").count() >= 1
    assert text.locator("mark.hl-trigger.f-denied").count() >= 1
    web.assert_clean()
    web.shoot("document")


# --- search, event, 404 ------------------------------------------------------------------------

def test_search(web):
    web.goto("/search?q=ロシア")
    page = web.page
    hits = page.locator("ol.hits li")
    assert hits.count() >= 3
    assert "ロシア" in page.locator("ol.hits mark.hl-query").first.inner_text()
    assert page.locator("section table.data tbody tr").count() >= 1
    web.assert_clean()
    web.shoot("search")
    before = hits.count()
    page.get_by_label("検索語", exact=True).fill("ICBM")
    with page.expect_navigation(wait_until="networkidle"):
        page.get_by_label("検索語", exact=True).press("Enter")
    assert 0 < page.locator("ol.hits li").count() < before
    web.assert_clean()


def test_event_detail(web, live_server):
    ev = next(e for e in queries.list_events(live_server.store, limit=100).items
              if e["conflicting_quantities"])
    web.goto(f"/events/{ev['id']}")
    page = web.page
    assert page.locator("ul.mentions mark.hl-trigger").count() == ev["n_mentions"]
    assert page.locator(".badge.conflict").count() >= 2
    web.assert_clean()
    web.shoot("event")


def test_not_found(web):
    for path in ["/events/ev_nope", "/documents/a_nope", "/dyad/PRK/PRK", "/no/such/page"]:
        web.goto(path, status=404)
        page = web.page
        assert page.locator("h1").inner_text() == "ページが見つかりません"
        assert page.locator("nav.main-nav a").count() == 10         # the views, watches, briefing and alerts
    web.shoot("404")
    # the only console message is the browser's note about the 404 status itself
    assert all("404" in e for e in web.console_errors), web.console_errors
    web.console_errors.clear()
    web.assert_clean()


def test_api_docs_work_offline(web):
    """Swagger UI comes from the package (npm swagger-ui-dist), not from a CDN: with every
    other host unreachable the docs still render the API's operations (issue 9)."""
    web.context.route("**/*", lambda route: route.abort()
                      if not route.request.url.startswith(web.base) else route.continue_())
    web.goto("/api/v1/docs")
    web.page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert "kizashi API" in web.page.inner_text(".swagger-ui .info")
    assert web.page.locator(".opblock-summary-path").count() >= 10
    web.assert_clean()


def test_events_page_reads_its_rows_details_in_one_batch(live_server):
    """The /events page costs about the same number of queries for 5 rows as for 50 (issue 9:
    four queries per row made it seconds at p50 under 50 clients)."""
    import httpx
    from sqlalchemy import event

    counted: list[str] = []

    def count(conn, cursor, statement, *args):
        counted.append(statement)

    event.listen(live_server.store.engine, "before_cursor_execute", count)
    try:
        per_limit = {}
        for limit in (5, 50):
            counted.clear()
            r = httpx.get(live_server.base + "/events", params={"limit": limit}, timeout=60)
            assert r.status_code == 200 and r.text.count('class="event-link"') >= min(limit, 20)
            per_limit[limit] = len(counted)
    finally:
        event.remove(live_server.store.engine, "before_cursor_execute", count)
    # (a page of 50 may also read the undated events: one more query; per row it was 4 more)
    assert per_limit[50] - per_limit[5] <= 2 and per_limit[50] < 20, per_limit
