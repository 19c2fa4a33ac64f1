"""Initial schema: documents, sources, mentions with participants and quantities, entities with
aliases, fused events (filled later), and the Japanese full-text index.

Full-text index:
- SQLite: FTS5 external-content table ``documents_fts`` (title, text) with the ``trigram``
  tokenizer, rowid = ``documents.seq``, kept in sync by triggers on ``documents`` (so every write,
  including the store's ``save_article`` transaction, updates it atomically).
- PostgreSQL: the ``pg_trgm`` extension and GIN ``gin_trgm_ops`` indexes on ``documents.title`` and
  ``documents.text``; they serve ``ILIKE '%...%'`` for Japanese when the database's LC_CTYPE
  classifies CJK characters as letters (any UTF-8 libc locale such as C.UTF-8 or ja_JP.UTF-8).

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_FTS = [
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
         title, text, content='documents', content_rowid='seq', tokenize='trigram')""",
    """CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN
         INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
       END""",
    """CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN
         INSERT INTO documents_fts(documents_fts, rowid, title, text)
         VALUES ('delete', old.seq, old.title, old.text);
       END""",
    """CREATE TRIGGER documents_fts_au AFTER UPDATE ON documents BEGIN
         INSERT INTO documents_fts(documents_fts, rowid, title, text)
         VALUES ('delete', old.seq, old.title, old.text);
         INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
       END""",
]

POSTGRES_FTS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_documents_title_trgm ON documents USING gin (title gin_trgm_ops)",
    "CREATE INDEX ix_documents_text_trgm ON documents USING gin (text gin_trgm_ops)",
]


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32)),
        sa.PrimaryKeyConstraint("name", name="pk_sources"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("published", sa.String(32)),
        sa.Column("source", sa.String(200)),
        sa.Column("url", sa.Text()),
        sa.Column("path", sa.Text()),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("seq", name="uq_documents_seq"),
        sa.ForeignKeyConstraint(["source"], ["sources.name"], name="fk_documents_source_sources",
                                ondelete="SET NULL"),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_source", "documents", ["source"])

    op.create_table(
        "mentions",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("doc_id", sa.String(64), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(32), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("contexts", sa.JSON(), nullable=False),
        sa.Column("date", sa.String(32)),
        sa.Column("date_text", sa.Text()),
        sa.Column("location", sa.JSON()),
        sa.Column("factuality", sa.String(16), nullable=False),
        sa.Column("score", sa.Float()),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("trigger_text", sa.Text(), nullable=False),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mentions"),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], name="fk_mentions_doc_id_documents",
                                ondelete="CASCADE"),
        sa.CheckConstraint("trigger_start >= 0 AND trigger_start <= trigger_end",
                           name="ck_mentions_trigger_span"),
        sa.CheckConstraint("evidence_start >= 0 AND evidence_start <= evidence_end",
                           name="ck_mentions_evidence_span"),
        sa.CheckConstraint("confidence >= 0 AND confidence <= 1",
                           name="ck_mentions_confidence_range"),
    )
    op.create_index("ix_mentions_doc_id_ordinal", "mentions", ["doc_id", "ordinal"])
    op.create_index("ix_mentions_event_type", "mentions", ["event_type"])
    op.create_index("ix_mentions_date", "mentions", ["date"])

    op.create_table(
        "mention_participants",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=True),
        sa.Column("mention_id", sa.String(40), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(32)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sector", sa.String(16)),
        sa.Column("start", sa.Integer()),
        sa.Column("end", sa.Integer()),
        sa.PrimaryKeyConstraint("id", name="pk_mention_participants"),
        sa.ForeignKeyConstraint(["mention_id"], ["mentions.id"],
                                name="fk_mention_participants_mention_id_mentions",
                                ondelete="CASCADE"),
        sa.CheckConstraint("role IN ('actor', 'recipient', 'source_of_claim')",
                           name="ck_mention_participants_role"),
    )
    op.create_index("ix_mention_participants_mention_id", "mention_participants", ["mention_id"])
    op.create_index("ix_mention_participants_code_role", "mention_participants", ["code", "role"])

    op.create_table(
        "quantities",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=True),
        sa.Column("mention_id", sa.String(40), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float()),
        sa.Column("low", sa.Float()),
        sa.Column("high", sa.Float()),
        sa.Column("approx", sa.Boolean(), nullable=False),
        sa.Column("unit", sa.String(32)),
        sa.Column("object", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer()),
        sa.Column("end", sa.Integer()),
        sa.PrimaryKeyConstraint("id", name="pk_quantities"),
        sa.ForeignKeyConstraint(["mention_id"], ["mentions.id"],
                                name="fk_quantities_mention_id_mentions", ondelete="CASCADE"),
    )
    op.create_index("ix_quantities_mention_id", "quantities", ["mention_id"])

    op.create_table(
        "entities",
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_entities"),
    )
    op.create_table(
        "entity_aliases",
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("alias", sa.String(200), nullable=False),
        sa.Column("sector", sa.String(16)),
        sa.PrimaryKeyConstraint("code", "alias", name="pk_entity_aliases"),
        sa.ForeignKeyConstraint(["code"], ["entities.code"],
                                name="fk_entity_aliases_code_entities", ondelete="CASCADE"),
    )
    op.create_index("ix_entity_aliases_alias", "entity_aliases", ["alias"])

    op.create_table(
        "events",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("event_type", sa.String(32), nullable=False),
        sa.Column("date", sa.String(32)),
        sa.Column("first_reported", sa.String(32)),
        sa.Column("last_reported", sa.String(32)),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("best_factuality", sa.String(16)),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_event_type", "events", ["event_type"])
    op.create_index("ix_events_date", "events", ["date"])
    op.create_index("ix_events_first_reported", "events", ["first_reported"])

    op.create_table(
        "event_mentions",
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("mention_id", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "mention_id", name="pk_event_mentions"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name="fk_event_mentions_event_id_events", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["mention_id"], ["mentions.id"],
                                name="fk_event_mentions_mention_id_mentions", ondelete="CASCADE"),
    )
    op.create_index("ix_event_mentions_mention_id", "event_mentions", ["mention_id"])

    dialect = op.get_bind().dialect.name
    for stmt in {"sqlite": SQLITE_FTS, "postgresql": POSTGRES_FTS}.get(dialect, []):
        op.execute(stmt)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("documents_fts_au", "documents_fts_ad", "documents_fts_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    elif dialect == "postgresql":
        # the pg_trgm extension stays: other schemas of the database may use it
        op.execute("DROP INDEX IF EXISTS ix_documents_text_trgm")
        op.execute("DROP INDEX IF EXISTS ix_documents_title_trgm")
    for table in ("event_mentions", "events", "entity_aliases", "entities", "quantities",
                  "mention_participants", "mentions", "documents", "sources"):
        op.drop_table(table)
