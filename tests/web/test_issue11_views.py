"""Issue 11 in a real browser (Chromium via Playwright) over real HTTP: the briefing page and its
downloads, the standalone briefing file opened alone, the print stylesheet of every page, the
document reader coloured by sentence role, grades and contested events in lists, and corrections
made inline with the keyboard on a server that has an API token. Screenshots in
docs/screenshots/ (make screenshots)."""
from __future__ import annotations

import re
import shutil

import pytest

from kizashi.store import Store, queries

from tests.web.conftest import SHOTS, new_browse

TOKEN = "browser-test-token"
PAGES = ["/", "/events", "/timeline", "/network", "/quantities", "/documents", "/search?q=派遣",
         "/dyad/PRK/RUS", "/briefing?period=120d&end=2025-02-12"]


def test_briefing_page(web):
    web.goto("/briefing?period=120d&end=2025-02-12")
    page = web.page
    assert page.locator("h1").first.inner_text().startswith("情勢ブリーフィング")
    heads = page.locator("article.briefing h2").all_inner_texts()
    assert heads[:5] == ["主な動き", "争点となっている主張", "推計", "協力・対立指数（主要な二国間関係、直近12か月）",
                         "情報源に見られる分析と予測"]
    dev = page.locator("ol.developments > li")
    assert dev.count() >= 5
    assert page.locator("ol.developments .badge.grade").count() == dev.count()
    assert page.locator("li.development.is-contested .badge.contested").count() >= 1
    assert page.locator("svg.ichart").count() >= 1
    assert "事実の報道ではない" in page.locator("section.interpretation .note").inner_text()
    # a citation goes to its reference, the reference to its document
    ref = page.locator("ol.developments a.ref").first
    target = ref.get_attribute("href")
    ref.click()
    assert page.locator(target).is_visible()
    with page.expect_navigation(wait_until="networkidle"):
        page.locator("ol.developments .dev-summary a").first.click()
    assert re.search(r"/events/ev_[0-9a-f]+$", page.url)
    web.goto("/briefing?period=120d&end=2025-02-12")
    web.assert_clean()
    web.shoot("briefing")
    # the downloads: Markdown, the standalone HTML and the PDF
    for fmt, start in (("md", b"# "), ("html", b"<!doctype html>"), ("pdf", b"%PDF")):
        with page.expect_download() as info:
            page.locator(f"a.download-link[data-format={fmt}]").click()
        data = open(info.value.path(), "rb").read()
        assert data.startswith(start), (fmt, data[:20])
        assert info.value.suggested_filename == f"kizashi-briefing-2025-02-12-120d.{fmt}"


def test_briefing_in_english_and_errors_above_the_form(web):
    web.goto("/briefing?period=120d&end=2025-02-12&lang=en")
    page = web.page
    assert page.locator("article.briefing h2").first.inner_text() == "Key developments"
    web.assert_clean()
    web.goto("/briefing?period=7x", status=400)
    assert "period '7x'" in page.locator(".errors").inner_text()
    assert page.locator("#b-period").is_visible()
    assert all("status of 400" in e for e in web.console_errors)   # the page's own status
    assert not web.page_errors


def test_the_briefing_file_stands_alone_and_prints(browser, demo_db, tmp_path):
    """The HTML file of a briefing, opened from disk with nothing else: no request leaves the
    file, charts are drawn, and printed (media print) it keeps every section."""
    from kizashi.briefing import build
    from kizashi.briefing.render import html

    with Store(demo_db) as s:
        doc = html(build(s, "120d", end="2025-02-12"))
    path = tmp_path / "briefing.html"
    path.write_text(doc, encoding="utf-8")
    ctx = browser.new_context(viewport={"width": 1000, "height": 900})
    page = ctx.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    assert requests == [path.as_uri()] and not errors
    assert page.locator("svg.ichart rect.bar").count() >= 12
    page.emulate_media(media="print")
    assert page.locator("h2").count() >= 6
    assert page.evaluate("() => getComputedStyle(document.querySelector('.print-url') || "
                         "document.body).display") != "none"
    page.screenshot(path=str(SHOTS / "briefing-print.png"), full_page=True)
    ctx.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_print_stylesheet(web, path):
    web.goto(path)
    page = web.page
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.site-header', '.site-footer', 'form.filters']
        .map(s => document.querySelector(s)).filter(Boolean)
        .map(el => getComputedStyle(el).display)""")
    assert hidden and set(hidden) == {"none"}, hidden
    assert page.locator("main").is_visible()
    assert page.evaluate("() => getComputedStyle(document.querySelector('main')).maxWidth") == "none"
    if path == "/events":
        # the evidence rows, hidden on screen, are printed
        assert page.evaluate("() => getComputedStyle(document.querySelector('tr.event-detail'))"
                             ".display") == "table-row"
        page.screenshot(path=str(SHOTS / "print-events.png"), full_page=True)
    web.assert_clean()


def test_document_reader_colours_sentences_by_role(web, live_server):
    doc = next(d for d in live_server.store.documents() if "nis-first-troops" in (d.path or "")
               or "特殊部隊派遣" in (d.title or ""))
    web.goto(f"/documents/{doc.id}")
    page = web.page
    roles = page.locator("div.text mark.sent").evaluate_all(
        "els => els.map(e => e.getAttribute('data-role'))")
    assert {"report", "claim", "forecast", "other"} <= set(roles), roles
    forecast = page.locator("div.text mark.sent.role-forecast").first
    assert "予測・シナリオ" in forecast.get_attribute("title")
    assert page.locator(".role-legend .role-chip").count() == 6
    assert page.locator("ol.doc-mentions .role-chip").count() >= 1
    web.assert_clean()
    web.shoot("document-roles")


def test_grades_and_contested_events_in_lists(web):
    web.goto("/events?type=AID")
    page = web.page
    grades = page.locator("td.grade-cell .badge.grade").all_inner_texts()
    assert grades and all(re.fullmatch(r"[A-F][1-6]", g) for g in grades)
    assert page.locator("td.grade-cell .badge.contested").count() >= 1
    web.goto("/")
    assert page.locator("ul.latest .badge.grade").count() >= 1
    web.assert_clean()


@pytest.fixture
def writable_server(demo_db, tmp_path):
    """The application with an API token on a copy of the demo database (the session's demo
    database stays read-only)."""
    from kizashi.server import build_app

    from tests.conftest import AppServer

    path = tmp_path / "copy.db"
    shutil.copy(demo_db.removeprefix("sqlite:///"), path)
    store = Store(f"sqlite:///{path}")
    srv = AppServer(build_app(store, api_token=TOKEN)).start()
    yield store, srv.base
    srv.stop()
    store.close()


def test_corrections_inline_with_the_keyboard(browser, writable_server):
    store, base = writable_server
    web = new_browse(browser, base)
    page = web.page
    ev = next(e for e in queries.iter_events(store) if e["event_type"] == "ASSAULT")
    web.goto(f"/events/{ev['id']}")
    page.keyboard.press("c")                      # opens the panel, focus in the token field
    assert page.locator("details#corrections").get_attribute("open") is not None
    assert page.evaluate("() => document.activeElement.id") == "c-token"
    page.keyboard.type(TOKEN)
    page.keyboard.press("Tab")
    page.keyboard.type("佐藤")
    page.keyboard.press("Tab")
    page.keyboard.type("支持の対象として語られただけ")
    page.locator("#c-type").select_option("SUPPORT")
    page.locator("#c-type").focus()
    page.keyboard.press("Tab")                    # to its Apply button
    assert page.evaluate("() => document.activeElement.textContent") == "適用"
    with page.expect_navigation(wait_until="networkidle"):
        page.keyboard.press("Enter")
    assert page.locator("h1 .badge.corrected").count() == 1
    assert "支持" in page.locator("h1").inner_text()
    assert "佐藤" in page.locator("ul.corrections-list").inner_text()
    assert page.locator("h1 .badge.grade").count() == 1
    web.shoot("corrections")
    # Escape closes the panel
    page.keyboard.press("c")
    page.keyboard.press("Escape")
    assert page.locator("details#corrections").get_attribute("open") is None
    # revoke it: the event is an attack again
    with page.expect_navigation(wait_until="networkidle"):
        page.locator("button.correct-revoke").first.click()
    assert any(e["event_type"] == "ASSAULT" for e in queries.iter_events(store))
    # a wrong token is said, and nothing is written
    web.goto(f"/events/{ev['id']}")
    page.evaluate("() => sessionStorage.setItem('kizashi.token', 'nope')")
    web.goto(f"/events/{ev['id']}")
    page.locator("details#corrections summary").click()
    page.locator("#c-note-text").fill("メモ")
    page.locator("form[data-action=note] button").click()
    page.wait_for_selector(".correct-status.error")
    assert "API token" in page.locator(".correct-status").inner_text()
    web.page_errors.clear()
    web.console_errors[:] = [e for e in web.console_errors if "401" not in e]
    web.assert_clean()
    web.context.close()


def test_dyad_page_can_count_every_role(web):
    web.goto("/dyad/PRK/RUS")
    page = web.page
    assert page.locator("#f-all-roles").is_visible()
    web.goto("/dyad/PRK/RUS?all_roles=1")
    assert page.locator("#f-all-roles").is_checked()
    web.assert_clean()
