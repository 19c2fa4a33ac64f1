"""The daily loop: when things were first seen, fetched sources, watches and alerts.

* ``documents.first_seen``: when the article was first stored (kept through later versions;
  ``ingested_at`` is when the current version was stored). Backfilled from ``ingested_at``.
* ``events.first_seen`` / ``events.last_seen``: derived by the refresh of the fused events from
  their documents; :meth:`kizashi.store.Store.migrate` rebuilds the events after this upgrade.
* ``fetch_sources`` (feeds, index pages and article URLs of ``kizashi fetch``, with their
  conditional-GET validators and health) and ``fetched_pages`` (article URLs read, under their
  canonical key).
* ``watches`` (saved query + condition, last state and evidence) and ``alerts`` (once per event
  per watch).

The downgrade drops all of it (fetch state, watches and alerts are lost; documents and mentions
are kept).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    # plain ALTER TABLE (no batch copy: the FTS5 triggers on documents stay as they are)
    op.add_column("documents", sa.Column("first_seen", TZ))
    op.execute("UPDATE documents SET first_seen = ingested_at")
    op.create_index("ix_documents_first_seen", "documents", ["first_seen"])
    op.add_column("events", sa.Column("first_seen", sa.String(32)))
    op.add_column("events", sa.Column("last_seen", sa.String(32)))
    op.create_index("ix_events_first_seen_id", "events", ["first_seen", "id"])
    op.create_index("ix_events_last_seen_id", "events", ["last_seen", "id"])

    op.create_table(
        "fetch_sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("outlet", sa.String(200)),
        sa.Column("reliability", sa.String(1)),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("interval_seconds", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("next_due", TZ),
        sa.Column("last_attempt", TZ),
        sa.Column("last_success", TZ),
        sa.Column("last_error", sa.Text()),
        sa.Column("last_error_at", TZ),
        sa.Column("last_status", sa.Integer()),
        *(sa.Column(c, sa.Integer(), nullable=False) for c in (
            "last_items_seen", "last_items_new", "items_seen", "items_new", "n_fetches",
            "n_not_modified", "n_errors")),
        sa.PrimaryKeyConstraint("id", name="pk_fetch_sources"),
        sa.UniqueConstraint("url", name="uq_fetch_sources_url"),
        sa.UniqueConstraint("name", name="uq_fetch_sources_name"),
        sa.CheckConstraint("kind IN ('auto', 'feed', 'index', 'article')",
                           name="ck_fetch_sources_kind"),
        sa.CheckConstraint("reliability IS NULL OR reliability IN ('A', 'B', 'C', 'D', 'E', 'F')",
                           name="ck_fetch_sources_reliability"),
        sa.CheckConstraint("interval_seconds >= 60", name="ck_fetch_sources_interval"),
    )
    op.create_table(
        "fetched_pages",
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Integer()),
        sa.Column("doc_id", sa.String(64)),
        sa.Column("text_key", sa.String(40)),
        sa.Column("entry_fingerprint", sa.String(40)),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("status", sa.Integer()),
        sa.Column("first_seen", TZ, nullable=False),
        sa.Column("last_fetched", TZ),
        sa.PrimaryKeyConstraint("key", name="pk_fetched_pages"),
        sa.ForeignKeyConstraint(["source_id"], ["fetch_sources.id"],
                                name="fk_fetched_pages_source_id_fetch_sources",
                                ondelete="SET NULL"),
    )
    for col in ("source_id", "doc_id", "text_key"):
        op.create_index(f"ix_fetched_pages_{col}", "fetched_pages", [col])

    op.create_table(
        "watches",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("description", sa.Text()),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("webhook_url", sa.Text()),
        sa.Column("webhook_secret", sa.Text()),
        sa.Column("alerts_since", TZ),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("state_since", TZ),
        sa.Column("evaluated_at", TZ),
        sa.Column("evaluation", sa.JSON()),
        sa.PrimaryKeyConstraint("id", name="pk_watches"),
        sa.UniqueConstraint("name", name="uq_watches_name"),
        sa.CheckConstraint("state IN ('quiet', 'triggered', 'escalating')",
                           name="ck_watches_state"),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("watch_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("mentions", sa.JSON(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("fingerprint", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("read_at", TZ),
        sa.Column("delivered_version", sa.Integer(), nullable=False),
        sa.Column("delivery_attempts", sa.Integer(), nullable=False),
        sa.Column("delivery_error", sa.Text()),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.ForeignKeyConstraint(["watch_id"], ["watches.id"], name="fk_alerts_watch_id_watches",
                                ondelete="CASCADE"),
    )
    op.create_index("ix_alerts_watch_id_event_id", "alerts", ["watch_id", "event_id"],
                    unique=True)
    op.create_index("ix_alerts_updated_at_id", "alerts", ["updated_at", "id"])


def downgrade() -> None:
    op.drop_table("alerts")
    op.drop_table("watches")
    op.drop_table("fetched_pages")
    op.drop_table("fetch_sources")
    op.drop_index("ix_events_last_seen_id", table_name="events")
    op.drop_index("ix_events_first_seen_id", table_name="events")
    op.drop_column("events", "last_seen")         # SQLite 3.35+ drops a column in place
    op.drop_column("events", "first_seen")
    op.drop_index("ix_documents_first_seen", table_name="documents")
    op.drop_column("documents", "first_seen")
