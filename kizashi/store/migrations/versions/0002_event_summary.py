"""Fused events keep their summary, fused roles and dyads, so queries need not go back through
the mentions: new columns on ``events`` (quad class, score, mode, confidence, mention and
quantity counts, conflict flag, factuality counts, month and ISO week), the tables
``event_participants`` (fused actor/recipient per event) and ``event_dyads`` (one row per event
and pair of parties, with directions, periods and index weight), composite indexes for the
keyset-paginated sorts, and rollups by month, year and all time (``dyad_rollup``,
``actor_rollup``, ``event_rollup``) for networks and timelines of a large store, and by month and
week (``dyad_index_rollup``) for the cooperation–conflict index of a pair.

Fused events are derived data: the upgrade empties ``events`` and ``event_mentions``, and
:meth:`kizashi.store.Store.migrate` rebuilds them from the stored mentions right after (the
downgrade empties them too: 0001 code derives their summary at read time and refreshes them).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SUMMARY = [
    ("quad_class", sa.String(24), {}),
    ("score", sa.Float(), {}),
    ("mode", sa.String(32), {}),
    ("confidence", sa.Float(), {"nullable": False, "server_default": "0"}),
    ("n_mentions", sa.Integer(), {"nullable": False, "server_default": "0"}),
    ("n_quantities", sa.Integer(), {"nullable": False, "server_default": "0"}),
    ("conflicting", sa.Boolean(), {"nullable": False, "server_default": sa.false()}),
    ("factuality_counts", sa.JSON(), {}),
    ("month", sa.String(7), {}),
    ("week", sa.String(8), {}),
]
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
EVENT_INDEXES = [
    ("ix_events_date_id", ["date", "id"]),
    ("ix_events_first_reported_id", ["first_reported", "id"]),
    ("ix_events_n_sources_id", ["n_sources", "id"]),
    ("ix_events_event_type_date", ["event_type", "date"]),
    ("ix_events_quad_class", ["quad_class"]),
]


def upgrade() -> None:
    op.execute("DELETE FROM event_mentions")
    op.execute("DELETE FROM events")
    with op.batch_alter_table("events") as batch:
        for name, type_, kw in SUMMARY:
            batch.add_column(sa.Column(name, type_, **kw))
    for name, cols in EVENT_INDEXES:
        op.create_index(name, "events", cols)

    op.create_table(
        "event_participants",
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("date", sa.String(32)),
        sa.PrimaryKeyConstraint("event_id", "code", name="pk_event_participants"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name="fk_event_participants_event_id_events", ondelete="CASCADE"),
        sa.CheckConstraint("role IN ('actor', 'recipient')", name="ck_event_participants_role"),
    )
    op.create_index("ix_event_participants_code_role_date", "event_participants",
                    ["code", "role", "date", "event_id"])

    op.create_table(
        "event_dyads",
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("a", sa.String(32), nullable=False),
        sa.Column("b", sa.String(32), nullable=False),
        sa.Column("a_to_b", sa.Boolean(), nullable=False),
        sa.Column("b_to_a", sa.Boolean(), nullable=False),
        sa.Column("date", sa.String(32)),
        sa.Column("month", sa.String(7)),
        sa.Column("week", sa.String(8)),
        sa.Column("event_type", sa.String(32), nullable=False),
        sa.Column("quad_class", sa.String(24)),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("value", sa.Float()),
        sa.PrimaryKeyConstraint("event_id", "a", "b", name="pk_event_dyads"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name="fk_event_dyads_event_id_events", ondelete="CASCADE"),
        sa.CheckConstraint("a < b", name="ck_event_dyads_ordered"),
    )
    op.create_index("ix_event_dyads_a_b_date", "event_dyads", ["a", "b", "date", "event_id"])
    op.create_index("ix_event_dyads_date_cover", "event_dyads",
                    ["date", "a", "b", "quad_class", "a_to_b", "b_to_a"])


    op.create_table(
        "dyad_rollup",
        sa.Column("grain", sa.String(1), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("src", sa.String(32), nullable=False),
        sa.Column("dst", sa.String(32), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        *(sa.Column(q, sa.Integer(), nullable=False) for q in QUADS),
        sa.PrimaryKeyConstraint("grain", "period", "src", "dst", name="pk_dyad_rollup"),
    )
    op.create_index("ix_dyad_rollup_grain_period_n", "dyad_rollup", ["grain", "period", "n"])
    op.create_table(
        "dyad_index_rollup",
        sa.Column("grain", sa.String(1), nullable=False),
        sa.Column("a", sa.String(32), nullable=False),
        sa.Column("b", sa.String(32), nullable=False),
        sa.Column("period", sa.String(8), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        *(sa.Column(c, sa.Float(), nullable=False)
          for c in ("value", "cooperation", "conflict", "weight", "ab", "ba")),
        sa.PrimaryKeyConstraint("grain", "a", "b", "period", name="pk_dyad_index_rollup"),
    )
    op.create_table(
        "actor_rollup",
        sa.Column("grain", sa.String(1), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("quad_class", sa.String(24), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("grain", "period", "code", "role", "quad_class",
                                name="pk_actor_rollup"),
    )
    op.create_table(
        "event_rollup",
        sa.Column("grain", sa.String(1), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("event_type", sa.String(32), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("grain", "period", "event_type", name="pk_event_rollup"),
    )


def downgrade() -> None:
    for table in ("event_rollup", "actor_rollup", "dyad_index_rollup", "dyad_rollup"):
        op.drop_table(table)
    op.drop_table("event_dyads")
    op.drop_table("event_participants")
    op.execute("DELETE FROM event_mentions")
    op.execute("DELETE FROM events")
    for name, _ in EVENT_INDEXES:
        op.drop_index(name, table_name="events")
    with op.batch_alter_table("events") as batch:
        for name, _, _ in reversed(SUMMARY):
            batch.drop_column(name)
