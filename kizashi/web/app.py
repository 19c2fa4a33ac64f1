"""Stub: replaced by the workbench."""
from __future__ import annotations


def mount(app, store) -> None:
    return None
