"""Corpus store: SQLAlchemy models, Alembic migrations (``kizashi/store/migrations``) and the
repository API (:class:`Store`). SQLite by default, PostgreSQL by URL."""
from __future__ import annotations

from kizashi.store.store import (
    SchemaError,
    SearchHit,
    Store,
    alembic_config,
    check_article,
    content_hash,
    db_url,
    default_db_url,
    mention_id,
)

__all__ = ["Store", "SchemaError", "SearchHit", "db_url", "default_db_url", "alembic_config", "check_article", "content_hash", "mention_id"]
