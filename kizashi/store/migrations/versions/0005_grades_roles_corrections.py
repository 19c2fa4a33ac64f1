"""Issue 11: the role of each mention's sentence (``mentions.sentence_role``), the grade of
each fused event (``events.reliability``, ``credibility``, ``contested``, ``grade_basis``),
what its sentences do (``events.discourse``), whether analysts corrected it
(``events.corrected``), which dyad rows count in the cooperation-conflict index
(``event_dyads.counted``), and the analysts' corrections (``corrections``, kept apart from the
extracted data) with what they apply to (``correction_effects``, derived).

Fused events are derived data: :meth:`kizashi.store.Store.migrate` labels the stored mentions'
sentences and rebuilds the events after this upgrade. The downgrade drops the columns and the
two tables (the corrections with them: export them first, ``kizashi corrections export``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENT_COLUMNS = [
    ("reliability", sa.String(1), {}),
    ("credibility", sa.Integer(), {}),
    ("contested", sa.Boolean(), {"nullable": False, "server_default": sa.false()}),
    ("grade_basis", sa.JSON(), {}),
    ("discourse", sa.String(16), {}),
    ("corrected", sa.Boolean(), {"nullable": False, "server_default": sa.false()}),
]


def upgrade() -> None:
    op.add_column("mentions", sa.Column("sentence_role", sa.String(16)))
    for name, type_, kw in EVENT_COLUMNS:
        op.add_column("events", sa.Column(name, type_, **kw))
    op.add_column("event_dyads", sa.Column("counted", sa.Boolean(), nullable=False,
                                           server_default=sa.true()))
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("target", sa.JSON(), nullable=False),
        sa.Column("before", sa.JSON()),
        sa.Column("after", sa.JSON()),
        sa.Column("note", sa.Text()),
        sa.Column("revokes", sa.Integer()),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
        sa.ForeignKeyConstraint(["revokes"], ["corrections.id"],
                                name="fk_corrections_revokes_corrections", ondelete="SET NULL"),
        sa.CheckConstraint("action IN ('wrong', 'type', 'actor', 'recipient', 'split', 'merge', "
                           "'note', 'revoke')", name="ck_corrections_action"),
    )
    op.create_index("ix_corrections_action", "corrections", ["action"])
    op.create_index("ix_corrections_revokes", "corrections", ["revokes"])
    op.create_table(
        "correction_effects",
        sa.Column("correction_id", sa.Integer(), nullable=False),
        sa.Column("mention_id", sa.String(40), nullable=False),
        sa.Column("event_id", sa.String(40)),
        sa.PrimaryKeyConstraint("correction_id", "mention_id", name="pk_correction_effects"),
        sa.ForeignKeyConstraint(["correction_id"], ["corrections.id"],
                                name="fk_correction_effects_correction_id_corrections",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["mention_id"], ["mentions.id"],
                                name="fk_correction_effects_mention_id_mentions",
                                ondelete="CASCADE"),
    )
    op.create_index("ix_correction_effects_mention_id", "correction_effects", ["mention_id"])
    op.create_index("ix_correction_effects_event_id", "correction_effects", ["event_id"])


def _drop_columns(table: str, names: list[str]) -> None:
    """Drop columns in place. On SQLite a batch operation would copy and drop the table, and
    dropping ``mentions`` with foreign keys on deletes its participants and quantities (ON
    DELETE CASCADE); SQLite 3.35+ drops a column with ALTER TABLE instead."""
    if op.get_bind().dialect.name == "sqlite":
        for n in names:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {n}")
    else:
        for n in names:
            op.drop_column(table, n)


def downgrade() -> None:
    op.drop_table("correction_effects")
    op.drop_table("corrections")
    _drop_columns("event_dyads", ["counted"])
    _drop_columns("events", [name for name, _, _ in reversed(EVENT_COLUMNS)])
    _drop_columns("mentions", ["sentence_role"])
