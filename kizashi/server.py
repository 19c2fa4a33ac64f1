"""One application for ``kizashi serve``: the JSON API (``/api/v1``, :mod:`kizashi.api`) and the
workbench pages (:mod:`kizashi.web`) on the same store and query layer."""
from __future__ import annotations

from fastapi import FastAPI


def build_app(store) -> FastAPI:
    """The API and the workbench on ``store`` (a :class:`kizashi.store.Store`)."""
    from kizashi.api.app import create_app
    from kizashi.web.app import mount

    app = create_app(store)
    mount(app, store)
    return app
