"""SQLAlchemy 2 models of the corpus store.

The schema itself is created by the Alembic migrations in ``kizashi/store/migrations`` (the models
and the migrations are checked against each other by a test); the full-text index is not a model:
it is backend-specific (SQLite FTS5 ``documents_fts``; PostgreSQL ``pg_trgm`` GIN indexes) and
lives only in the migration.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("actor", "recipient", "source_of_claim")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    """An outlet that published articles (NHK, 共同通信, Reuters...)."""

    __tablename__ = "sources"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str | None] = mapped_column(String(32))


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)          # Article.id
    # Stable integer key of the row: the rowid of the SQLite FTS5 external-content index.
    # PostgreSQL fills it from an identity sequence; on SQLite the store assigns max+1 inside its
    # (BEGIN IMMEDIATE) write transaction.
    seq: Mapped[int] = mapped_column(BigInteger, Identity(), unique=True, nullable=False)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    published: Mapped[str | None] = mapped_column(String(32), index=True)   # ISO 8601 (maybe partial)
    source: Mapped[str | None] = mapped_column(
        String(200), ForeignKey("sources.name", ondelete="SET NULL"), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(16), nullable=False, default="text")
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    # when this version was stored (a changed article moves it); first_seen (0004): when the
    # article was first stored, kept through its later versions
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    first_seen: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)

    mentions: Mapped[list[Mention]] = relationship(
        back_populates="document", order_by="Mention.ordinal", passive_deletes=True)


class Mention(Base):
    __tablename__ = "mentions"
    __table_args__ = (
        CheckConstraint("trigger_start >= 0 AND trigger_start <= trigger_end", name="trigger_span"),
        CheckConstraint("evidence_start >= 0 AND evidence_start <= evidence_end", name="evidence_span"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
        Index("ix_mentions_doc_id_ordinal", "doc_id", "ordinal"),
    )

    # deterministic: see kizashi.store.store.mention_id
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    doc_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)
    ordinal: Mapped[int] = mapped_column(Integer, nullable=False)   # position in the document's list
    event_type: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    mode: Mapped[str | None] = mapped_column(String(32))
    contexts: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    date: Mapped[str | None] = mapped_column(String(32), index=True)
    date_text: Mapped[str | None] = mapped_column(Text)
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    factuality: Mapped[str] = mapped_column(String(16), nullable=False)
    score: Mapped[float | None] = mapped_column(Float)
    confidence: Mapped[float] = mapped_column(Float, nullable=False)
    trigger_text: Mapped[str] = mapped_column(Text, nullable=False)
    trigger_start: Mapped[int] = mapped_column(Integer, nullable=False)
    trigger_end: Mapped[int] = mapped_column(Integer, nullable=False)
    evidence_text: Mapped[str] = mapped_column(Text, nullable=False)
    evidence_start: Mapped[int] = mapped_column(Integer, nullable=False)
    evidence_end: Mapped[int] = mapped_column(Integer, nullable=False)
    # 0005: the role of the evidence sentence (kizashi.discourse.roles)
    sentence_role: Mapped[str | None] = mapped_column(String(16))

    document: Mapped[Document] = relationship(back_populates="mentions")
    participants: Mapped[list[MentionParticipant]] = relationship(
        order_by="MentionParticipant.ordinal", passive_deletes=True)
    quantities: Mapped[list[QuantityRow]] = relationship(
        order_by="QuantityRow.ordinal", passive_deletes=True)


class MentionParticipant(Base):
    __tablename__ = "mention_participants"
    __table_args__ = (
        CheckConstraint("role IN ('actor', 'recipient', 'source_of_claim')", name="role"),
        Index("ix_mention_participants_code_role", "code", "role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mention_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("mentions.id", ondelete="CASCADE"), nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    ordinal: Mapped[int] = mapped_column(Integer, nullable=False)   # position within its role
    code: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text, nullable=False)
    sector: Mapped[str | None] = mapped_column(String(16))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)


class QuantityRow(Base):
    __tablename__ = "quantities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mention_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("mentions.id", ondelete="CASCADE"), nullable=False, index=True)
    ordinal: Mapped[int] = mapped_column(Integer, nullable=False)
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    approx: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    unit: Mapped[str | None] = mapped_column(String(32))
    object: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)


class EntityRow(Base):
    """A state (ISO 3166-1 alpha-3) or an organisation code (UN, EU, NATO...) of the gazetteer."""

    __tablename__ = "entities"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)    # state | org

    aliases: Mapped[list[EntityAlias]] = relationship(passive_deletes=True)


class EntityAlias(Base):
    """Any name that denotes the entity: 米国, アメリカ, 米国務省 (sector GOV) → USA."""

    __tablename__ = "entity_aliases"

    code: Mapped[str] = mapped_column(
        String(32), ForeignKey("entities.code", ondelete="CASCADE"), primary_key=True)
    alias: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)
    sector: Mapped[str | None] = mapped_column(String(16))


class Event(Base):
    """A fused event (filled by the fusion step, not by the store).

    Since schema 0002 the event keeps the summary :func:`kizashi.fusion.fuse` computed (quad class,
    score, mode, confidence, counts, conflict flag, analysis periods), so a page of events needs no
    join through its mentions; the mentions stay the evidence (``event_mentions``)."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_date_id", "date", "id"),
        Index("ix_events_first_reported_id", "first_reported", "id"),
        Index("ix_events_n_sources_id", "n_sources", "id"),
        Index("ix_events_event_type_date", "event_type", "date"),
        Index("ix_events_first_seen_id", "first_seen", "id"),
        Index("ix_events_last_seen_id", "last_seen", "id"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    date: Mapped[str | None] = mapped_column(String(32), index=True)
    first_reported: Mapped[str | None] = mapped_column(String(32), index=True)
    last_reported: Mapped[str | None] = mapped_column(String(32))
    n_sources: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    best_factuality: Mapped[str | None] = mapped_column(String(16))
    # 0002: the fused summary
    quad_class: Mapped[str | None] = mapped_column(String(24), index=True)
    score: Mapped[float | None] = mapped_column(Float)
    mode: Mapped[str | None] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    n_mentions: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    n_quantities: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    conflicting: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    factuality_counts: Mapped[dict[str, int] | None] = mapped_column(JSON)
    month: Mapped[str | None] = mapped_column(String(7))     # kizashi.fusion.dyads.event_period
    week: Mapped[str | None] = mapped_column(String(8))
    # 0004: when kizashi first stored a document of the event, and last stored a new or changed
    # one (ISO 8601 UTC with microseconds, ``2025-02-10T06:00:00.000000Z``; see
    # :func:`kizashi.store.filters.seen_key`)
    first_seen: Mapped[str | None] = mapped_column(String(32))
    last_seen: Mapped[str | None] = mapped_column(String(32))
    # 0005: the grade (kizashi.fusion.grade), what the sentences do, analysts' corrections
    reliability: Mapped[str | None] = mapped_column(String(1))
    credibility: Mapped[int | None] = mapped_column(Integer)
    contested: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    grade_basis: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    discourse: Mapped[str | None] = mapped_column(String(16))
    corrected: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class EventMentionLink(Base):
    __tablename__ = "event_mentions"

    event_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    mention_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True, index=True)


class EventParticipant(Base):
    """The fused role of an entity in an event (0002): actor or recipient, by the majority rule
    of ``kizashi.fusion.cluster._roles``. ``date`` copies the event's date so that an actor's
    events come out of one index in date order."""

    __tablename__ = "event_participants"
    __table_args__ = (
        CheckConstraint("role IN ('actor', 'recipient')", name="role"),
        Index("ix_event_participants_code_role_date", "code", "role", "date", "event_id"),
    )

    event_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    date: Mapped[str | None] = mapped_column(String(32))


class EventDyad(Base):
    """One row per event and unordered pair of parties {a, b} (a < b) that
    :func:`kizashi.fusion.dyads.dyad_pairs` links (0002): the directions it counts for, the
    event's date, periods, type and quad class, and its weight (factuality × confidence) and
    value (PLOVER score × weight) in the cooperation–conflict index. The dyad filter, the dyad
    series and the network read this table alone."""

    __tablename__ = "event_dyads"
    __table_args__ = (
        CheckConstraint("a < b", name="ordered"),
        Index("ix_event_dyads_a_b_date", "a", "b", "date", "event_id"),
        Index("ix_event_dyads_date_cover", "date", "a", "b", "quad_class", "a_to_b", "b_to_a"),
    )

    event_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    a: Mapped[str] = mapped_column(String(32), primary_key=True)
    b: Mapped[str] = mapped_column(String(32), primary_key=True)
    a_to_b: Mapped[bool] = mapped_column(Boolean, nullable=False)
    b_to_a: Mapped[bool] = mapped_column(Boolean, nullable=False)
    date: Mapped[str | None] = mapped_column(String(32))
    month: Mapped[str | None] = mapped_column(String(7))
    week: Mapped[str | None] = mapped_column(String(8))
    event_type: Mapped[str] = mapped_column(String(32), nullable=False)
    quad_class: Mapped[str | None] = mapped_column(String(24))
    weight: Mapped[float] = mapped_column(Float, nullable=False)
    value: Mapped[float | None] = mapped_column(Float)
    # 0005: False for an event told only in forecasts, background or boilerplate: it stays out
    # of the cooperation-conflict index unless a query asks for every role
    counted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class DyadRollup(Base):
    """Directed edges of ``event_dyads`` (actor → recipient, both ways for a mutual event)
    counted per grain and period key, with their split by quad class (0002): the network of
    whole months or years, or of all time, reads this instead of every event. Grain ``m``: the
    period is the event date cut to 7 characters (``2024-06``, or ``2024`` for a date known only
    to the year); grain ``y``: cut to 4; grain ``a``: ``''`` (all time). An undated event has
    ``''`` at every grain. The date filters of :mod:`kizashi.store.queries` apply to the period
    unchanged when the range is made of whole periods of the grain."""

    __tablename__ = "dyad_rollup"
    __table_args__ = (Index("ix_dyad_rollup_grain_period_n", "grain", "period", "n"),)

    grain: Mapped[str] = mapped_column(String(1), primary_key=True)   # m | y | a
    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    src: Mapped[str] = mapped_column(String(32), primary_key=True)
    dst: Mapped[str] = mapped_column(String(32), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, nullable=False)
    verbal_cooperation: Mapped[int] = mapped_column(Integer, nullable=False)
    material_cooperation: Mapped[int] = mapped_column(Integer, nullable=False)
    verbal_conflict: Mapped[int] = mapped_column(Integer, nullable=False)
    material_conflict: Mapped[int] = mapped_column(Integer, nullable=False)


class DyadIndexRollup(Base):
    """The cooperation–conflict index of each pair per month or ISO week (0002): what
    :func:`kizashi.store.queries.dyad_series` returns for a pair when no other filter is given,
    summed once at refresh instead of over the pair's events at every request. ``period`` is
    :func:`kizashi.fusion.dyads.event_period`; ``ab`` / ``ba`` are the directed parts (a < b)."""

    __tablename__ = "dyad_index_rollup"

    grain: Mapped[str] = mapped_column(String(1), primary_key=True)   # m | w
    a: Mapped[str] = mapped_column(String(32), primary_key=True)
    b: Mapped[str] = mapped_column(String(32), primary_key=True)
    period: Mapped[str] = mapped_column(String(8), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, nullable=False)
    value: Mapped[float] = mapped_column(Float, nullable=False)
    cooperation: Mapped[float] = mapped_column(Float, nullable=False)
    conflict: Mapped[float] = mapped_column(Float, nullable=False)
    weight: Mapped[float] = mapped_column(Float, nullable=False)
    ab: Mapped[float] = mapped_column(Float, nullable=False)
    ba: Mapped[float] = mapped_column(Float, nullable=False)


class ActorRollup(Base):
    """``event_participants`` counted per entity, role, period key and quad class (0002)."""

    __tablename__ = "actor_rollup"

    grain: Mapped[str] = mapped_column(String(1), primary_key=True)   # m | y | a
    period: Mapped[str] = mapped_column(String(7), primary_key=True)

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    quad_class: Mapped[str] = mapped_column(String(24), primary_key=True)   # '' when unknown
    n: Mapped[int] = mapped_column(Integer, nullable=False)


class EventRollup(Base):
    """Events counted per period key and type (0002): monthly and yearly timelines."""

    __tablename__ = "event_rollup"

    grain: Mapped[str] = mapped_column(String(1), primary_key=True)   # m | y | a
    period: Mapped[str] = mapped_column(String(7), primary_key=True)

    event_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, nullable=False)


# --- 0004: the daily loop: fetched sources, watches and alerts ------------------------------------

class FetchSource(Base):
    """A source that ``kizashi fetch`` reads (0004): an RSS/Atom feed, an HTML index page whose
    article links are followed, or one article URL; with its conditional-GET validators and its
    health. Not to be confused with ``sources``, the outlets named by documents."""

    __tablename__ = "fetch_sources"
    __table_args__ = (
        CheckConstraint("kind IN ('auto', 'feed', 'index', 'article')", name="kind"),
        CheckConstraint("reliability IS NULL OR reliability IN ('A', 'B', 'C', 'D', 'E', 'F')",
                        name="reliability"),
        CheckConstraint("interval_seconds >= 60", name="interval"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(String(2000), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    outlet: Mapped[str | None] = mapped_column(String(200))
    reliability: Mapped[str | None] = mapped_column(String(1))
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default="auto")
    interval_seconds: Mapped[int] = mapped_column(Integer, nullable=False, default=1800)
    enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    next_due: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_attempt: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_success: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_items_seen: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_items_new: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    items_seen: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    items_new: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    n_fetches: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    n_not_modified: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    n_errors: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class FetchedPage(Base):
    """One article URL ``kizashi fetch`` has read (0004), under the key of its canonical form
    (:func:`kizashi.fetch.urls.url_key`: tracking parameters, mobile hosts and AMP variants
    collapse to one): the document it became, its validators for a conditional GET, the
    fingerprint of the feed entry that announced it, and the key of its text (the same story
    under another URL is a duplicate)."""

    __tablename__ = "fetched_pages"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    url: Mapped[str] = mapped_column(Text, nullable=False)
    source_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("fetch_sources.id", ondelete="SET NULL"), index=True)
    doc_id: Mapped[str | None] = mapped_column(String(64), index=True)
    text_key: Mapped[str | None] = mapped_column(String(40), index=True)
    entry_fingerprint: Mapped[str | None] = mapped_column(String(40))
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    status: Mapped[int | None] = mapped_column(Integer)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    last_fetched: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Watch(Base):
    """A watch (0004): a saved event query plus a condition (quantity thresholds, change against
    a baseline), with its last evaluated state (quiet, triggered, escalating) and the evidence
    that decided it. See :mod:`kizashi.watch`."""

    __tablename__ = "watches"
    __table_args__ = (
        CheckConstraint("state IN ('quiet', 'triggered', 'escalating')", name="state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    spec: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    webhook_url: Mapped[str | None] = mapped_column(Text)
    webhook_secret: Mapped[str | None] = mapped_column(Text)
    alerts_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    state: Mapped[str] = mapped_column(String(16), nullable=False, default="quiet")
    state_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    evaluated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    evaluation: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Alert(Base):
    """A new match of a watch (0004): once per event per watch. An event that gains sources or
    changes its estimate updates its alert (``version`` + 1), it does not repeat; ``mentions``
    keeps the event's mention ids so that the alert follows the event when fusion gives it a
    new id."""

    __tablename__ = "alerts"
    __table_args__ = (
        Index("ix_alerts_watch_id_event_id", "watch_id", "event_id", unique=True),
        Index("ix_alerts_updated_at_id", "updated_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    watch_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("watches.id", ondelete="CASCADE"), nullable=False)
    event_id: Mapped[str] = mapped_column(String(40), nullable=False)
    mentions: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(40), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_version: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    delivery_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    delivery_error: Mapped[str | None] = mapped_column(Text)
CORRECTION_ACTIONS = ("wrong", "type", "actor", "recipient", "split", "merge", "note", "revoke")


class Correction(Base):
    """An analyst's correction (0005), kept apart from the extracted data and never rewritten:
    who, when, what (``action``), on what (``target``: anchors of mentions, which survive a
    re-extraction; see :mod:`kizashi.store.corrections`), the value before and after, and a
    note. A revocation is a correction of its own (``action = 'revoke'``, ``revokes``)."""

    __tablename__ = "corrections"
    __table_args__ = (
        CheckConstraint("action IN ('wrong', 'type', 'actor', 'recipient', 'split', 'merge', "
                        "'note', 'revoke')", name="action"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    author: Mapped[str] = mapped_column(String(200), nullable=False)
    action: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    target: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    before: Mapped[Any | None] = mapped_column(JSON)
    after: Mapped[Any | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    revokes: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("corrections.id", ondelete="SET NULL"), index=True)


class CorrectionEffect(Base):
    """Which stored mention each active correction applies to, and the event that mention ended
    in (0005): derived, rewritten by every refresh of the events. A correction whose anchors no
    longer find a mention has no row (it is kept, and listed as not applied)."""

    __tablename__ = "correction_effects"

    correction_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("corrections.id", ondelete="CASCADE"), primary_key=True)
    mention_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True, index=True)
    event_id: Mapped[str | None] = mapped_column(String(40), index=True)
