"""Stub: replaced by the JSON API."""
from __future__ import annotations

from fastapi import FastAPI


def create_app(store) -> FastAPI:
    app = FastAPI(title="kizashi")
    app.state.store = store
    return app
