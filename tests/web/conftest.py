"""Fixtures of the workbench tests: Debian's Chromium driven by Playwright (sync API) against the
whole application served over real HTTP (``live_server`` in tests/conftest.py).

Every page a test opens is watched: console errors, uncaught page errors and any request to a host
other than 127.0.0.1 are recorded and :meth:`Browse.assert_clean` fails the test on them. Each
view's test writes a full-page screenshot (1280 px wide) to ``out/screenshots/<view>.png``, or to
the folder ``KIZASHI_SCREENSHOTS`` names (``make screenshots`` refreshes ``docs/screenshots/``).

Without /usr/bin/chromium the browser tests are skipped with that reason, and fail under ``CI``
(``.ci/chromium.sh`` installs it).
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path(os.environ.get("KIZASHI_CHROMIUM", "/usr/bin/chromium"))
REPO = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("KIZASHI_SCREENSHOTS") or REPO / "out" / "screenshots").resolve()
VENDOR = REPO / "kizashi" / "web" / "static" / "vendor"
WIDTH, HEIGHT = 1280, 900
MISSING = f"{CHROMIUM} not installed: run .ci/chromium.sh"


def _require(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(reason + " (CI must run the browser tests)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    _require(CHROMIUM.exists(), MISSING)
    _require(VENDOR.is_dir(), f"{VENDOR} missing: run make web (npm ci + npm run build in web/)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM),
                              args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"])
        yield b
        b.close()


class Browse:
    """A page of a fresh browser context plus what it saw: ``console_errors``, ``page_errors``,
    ``requests`` (URLs), ``dialogs`` (messages of alert/confirm/prompt, dismissed)."""

    def __init__(self, context, base: str):
        self.context = context
        self.base = base
        self.page = context.new_page()
        self.page.set_default_timeout(30_000)
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        self.page.on("request", lambda req: self.requests.append(req.url))
        self.page.on("dialog", self._dialog)

    def _console(self, msg) -> None:
        if msg.type == "error":
            self.console_errors.append(f"{msg.text} @ {msg.location}")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, path: str, status: int = 200):
        resp = self.page.goto(self.base + path, wait_until="networkidle")
        assert resp is not None and resp.status == status, (path, resp and resp.status)
        return resp

    def foreign_requests(self) -> list[str]:
        out = []
        for url in self.requests:
            u = urlparse(url)
            if u.scheme in ("data", "blob", "about"):
                continue
            if u.hostname != "127.0.0.1":
                out.append(url)
        return out

    def assert_clean(self) -> None:
        assert not self.page_errors, self.page_errors
        assert not self.console_errors, self.console_errors
        assert not self.foreign_requests(), self.foreign_requests()
        assert not self.dialogs, self.dialogs
        assert self.requests, "no request recorded"

    def shoot(self, view: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{view}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def new_browse(browser, base: str, **context_options) -> Browse:
    ctx = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT},
                              accept_downloads=True, **context_options)
    return Browse(ctx, base)


@pytest.fixture
def web(browser, live_server):
    """A :class:`Browse` on the demo corpus application (Japanese UI, fresh cookies)."""
    b = new_browse(browser, live_server.base)
    yield b
    b.context.close()


@pytest.fixture
def browse(browser):
    """``browse(base_url)``: a :class:`Browse` on another server (closed after the test)."""
    opened: list[Browse] = []

    def make(base: str) -> Browse:
        b = new_browse(browser, base)
        opened.append(b)
        return b

    yield make
    for b in opened:
        b.context.close()
