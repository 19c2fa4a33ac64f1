"""Backfill ``sources``: every outlet named by a stored document gets its row (a store written
before ``sources`` was filled on every save, or with foreign keys off, has documents whose
outlet is missing there; the outlet list and the source counts read ``sources``). Media named
in ``organisations.tsv`` are marked ``kind = 'media'`` as a save does.

No schema change: the downgrade leaves the rows (0002 accepts them).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from kizashi.store.store import media_names

    conn = op.get_bind()
    missing = [r[0] for r in conn.execute(sa.text(
        "SELECT DISTINCT source FROM documents WHERE source IS NOT NULL "
        "AND source NOT IN (SELECT name FROM sources) ORDER BY source"))]
    if missing:
        media = media_names()
        conn.execute(sa.text("INSERT INTO sources (name, kind) VALUES (:name, :kind)"),
                     [{"name": n, "kind": "media" if n in media else None} for n in missing])


def downgrade() -> None:
    pass
