"""Exposure (issue 9): security headers on every response, the Host allow-list (DNS
rebinding), the API token of write routes, the warning when binding beyond localhost. Real HTTP
on 127.0.0.1."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest

from kizashi.api.security import HEADERS, WriteAccess

PATHS = ["/api/v1/health", "/api/v1/events?limit=1", "/api/v1/events?start=2024-13",
         "/api/v1/no/such", "/api/v1/openapi.json", "/api/v1/docs",
         "/api/v1/docs/assets/swagger-ui.css", "/static/app.css", "/", "/events",
         "/no/such/page", "/favicon.ico"]


@pytest.mark.parametrize("path", PATHS)
def test_every_response_has_the_security_headers(live_server, path):
    r = httpx.get(live_server.base + path, timeout=60)
    for name, value in HEADERS.items():
        assert r.headers.get(name) == value, (path, r.status_code, name, r.headers.get(name))


def test_foreign_host_header_is_refused(live_server, check_error):
    for host in ("evil.example", "attacker.example:8000", "127.0.0.1.evil.example"):
        r = httpx.get(live_server.base + "/api/v1/health", headers={"Host": host})
        assert host in check_error(r, 400)["message"]
        page = httpx.get(live_server.base + "/events", headers={"Host": host})
        assert page.status_code == 400 and "text/plain" in page.headers["content-type"]
    for host in ("127.0.0.1", f"127.0.0.1:{live_server.port}", "localhost:1", "[::1]:80"):
        assert httpx.get(live_server.base + "/api/v1/health",
                         headers={"Host": host}).status_code == 200


def _app_with_a_write_route(store, token):
    """The real application plus one write route that uses the shared dependency, and one that
    forgot it (the guard still covers it)."""
    from fastapi import FastAPI
    from starlette.routing import Mount

    from kizashi.server import build_app

    app = build_app(store, api_token=token)
    api = next(r.app for r in app.routes if isinstance(r, Mount) and isinstance(r.app, FastAPI))

    @api.post("/notes")
    def add_note(_: WriteAccess) -> dict:
        return {"ok": True}

    @api.post("/unguarded")
    def unguarded() -> dict:
        return {"ok": True}

    return app


def test_write_routes_need_the_token(demo_db, serve_app, check_error):
    from kizashi.store import Store

    with Store(demo_db) as store:
        with serve_app(_app_with_a_write_route(store, "s3cret-token")) as base:
            for path in ("/api/v1/notes", "/api/v1/unguarded"):
                err = check_error(httpx.post(base + path), 401)
                assert "Bearer" in err["message"]
                check_error(httpx.post(base + path, headers={"Authorization": "Bearer nope"}),
                            401)
                ok = httpx.post(base + path, headers={"Authorization": "Bearer s3cret-token"})
                assert ok.status_code == 200 and ok.json() == {"ok": True}
            assert httpx.get(base + "/api/v1/health").status_code == 200   # reads need none
        with serve_app(_app_with_a_write_route(store, None)) as base:
            r = httpx.post(base + "/api/v1/notes", headers={"Authorization": "Bearer x"})
            assert "disabled" in check_error(r, 403)["message"]


def test_serve_beyond_localhost_warns(demo_db, tmp_path):
    from kizashi.store.pgcluster import free_port

    port = free_port()
    token = tmp_path / "token"
    token.write_text("abc123\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kizashi.cli", "serve", "--db", demo_db, "--host", "0.0.0.0",
         "--port", str(port), "--log-level", "warning", "--token-file", str(token),
         "--allow-host", "kizashi.test"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        warning = proc.stderr.readline()
        assert "warning: binding 0.0.0.0" in warning and "kizashi.test" in warning, warning
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/v1/health",
                              headers={"Host": "kizashi.test"}, timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert r.status_code == 200
        r = httpx.post(f"http://127.0.0.1:{port}/api/v1/events",
                       headers={"Authorization": "Bearer abc123"}, timeout=5)
        assert r.status_code == 405            # the token is right; there is no such write route
        assert "GET" in r.headers["allow"] and r.json()["error"]["code"] == "method_not_allowed"
        assert httpx.post(f"http://127.0.0.1:{port}/api/v1/events",
                          timeout=5).status_code == 401
    finally:
        proc.terminate()
        proc.wait(30)
