"""Fixtures of the API tests: an HTTP client on the live server's ``/api/v1`` (the whole
application served by uvicorn over real HTTP on the demo corpus, ``live_server`` in
tests/conftest.py) and checks shared by the test modules."""
from __future__ import annotations

import pytest

ERROR_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
               422: "validation_error", 500: "internal_error"}


@pytest.fixture(scope="session")
def api(live_server):
    """An httpx client whose base URL is the live server's ``/api/v1``."""
    import httpx

    with httpx.Client(base_url=live_server.base + "/api/v1", timeout=60) as client:
        yield client


def _check_error(resp, status: int) -> dict:
    """``resp`` is an error of the API's one shape with ``status``; returns its ``error``."""
    assert resp.status_code == status, (resp.status_code, resp.text)
    assert resp.headers["content-type"].startswith("application/json"), resp.headers
    body = resp.json()
    assert set(body) == {"error"}, body
    err = body["error"]
    assert set(err) == {"status", "code", "message", "details"}, err
    assert err["status"] == status and err["code"] == ERROR_CODES[status], err
    assert isinstance(err["message"], str) and err["message"], err
    assert "Traceback" not in resp.text and 'File "' not in resp.text
    return err


@pytest.fixture(scope="session")
def check_error():
    return _check_error


@pytest.fixture(scope="session")
def all_events(api):
    """Every event matching ``params`` (one request with the largest page)."""
    def fetch(**params) -> list[dict]:
        r = api.get("/events", params={"limit": 1000, **params})
        assert r.status_code == 200, r.text
        page = r.json()
        assert page["next_cursor"] is None
        return page["items"]

    return fetch


@pytest.fixture(scope="session")
def serve_app():
    """Serve any ASGI app over real HTTP: ``with serve_app(app) as base: ...`` gives its base URL
    (:class:`tests.conftest.AppServer`)."""
    import contextlib

    from tests.conftest import AppServer

    @contextlib.contextmanager
    def serve(app):
        with AppServer(app, log_level="critical") as srv:
            yield srv.base

    return serve
