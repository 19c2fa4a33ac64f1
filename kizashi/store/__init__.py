"""Corpus store: SQLAlchemy models, Alembic migrations (``kizashi/store/migrations``) and the
repository API (:class:`Store`). SQLite by default, PostgreSQL by URL."""
from __future__ import annotations

from kizashi.store.store import (
    SearchHit,
    Store,
    alembic_config,
    content_hash,
    db_url,
    default_db_url,
    mention_id,
)

__all__ = ["Store", "SearchHit", "db_url", "default_db_url", "alembic_config", "content_hash", "mention_id"]
