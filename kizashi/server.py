"""One application for ``kizashi serve``: the JSON API (``/api/v1``, :mod:`kizashi.api`) and the
workbench pages (:mod:`kizashi.web`) on the same store and query layer, behind the middleware
of :mod:`kizashi.api.security` (security headers on every response, a Host allow-list, the API
token on every write)."""
from __future__ import annotations

from collections.abc import Iterable

from fastapi import FastAPI
from starlette.routing import Mount

from kizashi.api.security import LOOPBACK_HOSTS, HostAllowList, SecurityHeaders, WriteGuard


def build_app(store, *, allowed_hosts: Iterable[str] = LOOPBACK_HOSTS,
              api_token: str | None = None) -> FastAPI:
    """The API and the workbench on ``store`` (a :class:`kizashi.store.Store`).

    ``allowed_hosts``: the ``Host`` names a request may carry (default: the loopback names;
    ``("*",)`` allows any). ``api_token``: the bearer token of write routes (None: they are
    refused with 403)."""
    from kizashi.api.app import create_app
    from kizashi.web.app import mount

    app = create_app(store)
    mount(app, store)
    app.state.api_token = api_token
    for route in app.routes:                      # the mounted API reads it from its own state
        if isinstance(route, Mount) and isinstance(route.app, FastAPI):
            route.app.state.api_token = api_token
    app.add_middleware(WriteGuard, token=api_token)
    app.add_middleware(HostAllowList, hosts=tuple(allowed_hosts))
    app.add_middleware(SecurityHeaders)            # outermost: every response gets them
    return app
