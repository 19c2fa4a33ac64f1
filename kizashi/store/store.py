"""The repository API of the corpus store: migrations, idempotent article upserts, readers and
Japanese full-text search, on SQLite (default) and PostgreSQL."""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import (
    Connection,
    and_,
    case,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from kizashi import __version__
from kizashi.errors import InputError, KizashiError
from kizashi.records import Article, Entity, EventMention, Quantity, Span
from kizashi.store.models import (
    Base,
    CorrectionEffect,
    Document,
    EntityAlias,
    EntityRow,
    EventMentionLink,
    Mention,
    MentionParticipant,
    QuantityRow,
    Source,
)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
ROLES = ("actor", "recipient", "source_of_claim")
MIN_TRIGRAM = 3           # FTS5 trigram / pg_trgm need at least three characters per term


def db_url(value: str | None = None) -> str:
    """``value`` as a SQLAlchemy URL (a bare file path is taken as SQLite), else the default."""
    value = (value or "").strip()
    if not value:
        return default_db_url()
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def default_db_url() -> str:
    """``$KIZASHI_DB`` (a SQLAlchemy URL, or a bare file path taken as SQLite), else
    ``sqlite:///$XDG_DATA_HOME/kizashi/kizashi.db`` (``~/.local/share`` when XDG_DATA_HOME is unset)."""
    env = os.environ.get("KIZASHI_DB", "").strip()
    if env:
        return db_url(env)
    base = os.environ.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
    return "sqlite:///" + str(Path(base).expanduser() / "kizashi" / "kizashi.db")


def alembic_config(url: str | None = None):
    """An Alembic ``Config`` pointing at the migrations inside the package (no alembic.ini)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def content_hash(article: Article) -> str:
    """SHA-256 over what the mentions depend on and what is displayed (not the file path)."""
    payload = json.dumps([article.text, article.title, article.published, article.source,
                          article.url, article.format], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


#: longest values the schema holds (PostgreSQL enforces them, SQLite does not: both are checked
#: here, before either backend sees the article)
MAX_ID, MAX_SOURCE, MAX_PUBLISHED, MAX_FORMAT = 64, 200, 32, 16
_UNSAFE = re.compile("[\x00\ud800-\udfff]")


def _safe(value: str | None) -> str | None:
    """``value`` with NUL (PostgreSQL refuses it in text) and lone surrogates (no UTF-8 encoder
    takes them) replaced by U+FFFD, one character for one (offsets stay true)."""
    if value is None or not _UNSAFE.search(value):
        return value
    return _UNSAFE.sub("\ufffd", value)


def check_article(article: Article) -> Article:
    """``article`` as both backends store it, or :class:`InputError` naming the input and the
    field: an empty id or one longer than 64 characters, an outlet longer than 200, a
    publication date longer than 32. NUL and lone surrogates in the text fields become U+FFFD,
    one for one (run this before extraction so that the mentions' offsets match)."""
    where = article.path or article.id or "article"
    rec = article.record or ""
    if rec:
        where += f":{rec[5:]}" if rec.startswith("line ") else f": {rec}"
    aid = article.id or ""
    if not aid.strip():
        raise InputError(where, "the article has an empty id")
    if len(aid) > MAX_ID:
        raise InputError(where, f"the id is {len(aid)} characters long, more than {MAX_ID}",
                         "use a shorter id (or none: one is made from the URL or the text)")
    if _UNSAFE.search(aid) or any(ord(c) < 32 for c in aid):
        raise InputError(where, "the id contains a control character or a lone surrogate")
    if article.source and len(article.source) > MAX_SOURCE:
        raise InputError(where, f"the source (outlet) is {len(article.source)} characters long, "
                                f"more than {MAX_SOURCE}")
    if article.published and len(article.published) > MAX_PUBLISHED:
        raise InputError(where, f"the publication date {article.published[:40]!r} is not a date")
    if len(article.format or "") > MAX_FORMAT:
        raise InputError(where, f"unknown format {article.format[:40]!r}")
    fields = {k: _safe(getattr(article, k)) for k in ("text", "title", "source", "url", "path")}
    if any(fields[k] is not getattr(article, k) for k in fields):
        from dataclasses import replace

        return replace(article, **fields)
    return article


def mention_id(doc_id: str, start: int, end: int, event_type: str, dup: int = 0) -> str:
    """Deterministic id of a mention: hash of document id, trigger offsets and event type (``dup``
    numbers the rare second mention with the same key in one document)."""
    key = f"{doc_id}\x1f{start}\x1f{end}\x1f{event_type}" + (f"\x1f{dup}" if dup else "")
    return "m_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:24]


class SchemaError(KizashiError):
    """The database's schema is not the one this kizashi works on (message says why)."""


@dataclass(frozen=True)
class SearchHit:
    doc_id: str
    title: str | None
    published: str | None
    source: str | None
    snippet: str
    score: float
    method: str            # "fts5" | "trgm" (pg_trgm-indexed ILIKE) | "like" (short-term fallback)


def search_terms(query: str) -> list[str]:
    """The whitespace-separated terms of a text query; control characters (NUL among them, which
    neither FTS5 nor PostgreSQL accept in a string) separate terms like spaces."""
    return "".join(" " if ord(c) < 32 or c == "\x7f" else c for c in query).split()


def like_pattern(term: str) -> str:
    """``%term%`` for ``LIKE ... ESCAPE '\\'``: the term's own ``%``, ``_`` and ``\\`` match
    literally."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def fts_match(terms: list[str]) -> str:
    """An FTS5 MATCH expression requiring every term, each quoted as a phrase."""
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _snippet(title: str | None, body: str, terms: list[str], width: int = 40) -> str:
    low = body.lower()
    for t in terms:
        i = low.find(t.lower())
        if i >= 0:
            a, b = max(0, i - width), min(len(body), i + len(t) + width)
            return ("…" if a else "") + body[a:b] + ("…" if b < len(body) else "")
    return (title or body[: 2 * width]).strip()


@lru_cache(maxsize=1)
def media_names() -> frozenset[str]:
    """Names of the media outlets of ``organisations.tsv`` (a ``sources`` row's kind)."""
    from kizashi.data import read_table

    names: set[str] = set()
    for row in read_table("organisations.tsv"):
        if row.get("kind") == "media":
            names.update(n.strip() for n in row.get("names", "").split("|") if n.strip())
    return frozenset(names)


def gazetteer_entities() -> tuple[dict[str, tuple[str, str]], dict[tuple[str, str], str | None]]:
    """Entities ``{code: (name, kind)}`` and aliases ``{(code, alias): sector}`` from the gazetteer
    data files: states (with capitals as aliases) and organisations with their own code (UN, EU...);
    ministries, armies and media of a state become aliases of the state, with their sector."""
    from kizashi.data import read_table

    entities: dict[str, tuple[str, str]] = {}
    aliases: dict[tuple[str, str], str | None] = {}

    def names_of(row):
        return [n.strip() for n in row.get("names", "").split("|") if n.strip()]

    states = read_table("states.tsv")
    for wanted in ("state", "capital"):
        for row in states:
            code, kind = row.get("code", ""), row.get("kind", "")
            names = names_of(row)
            if kind != wanted or not code or "|" in code or not names:
                continue
            if kind == "state" and code not in entities:
                entities[code] = (names[0], "state")
            if code not in entities:
                continue
            for n in names:
                aliases.setdefault((code, n), row.get("sector") or None)
    for row in read_table("organisations.tsv"):
        code, kind = row.get("code", ""), row.get("kind", "")
        names = names_of(row)
        if kind not in ("org", "media") or not code or "|" in code or not names:
            continue
        if code not in entities:
            if kind != "org":
                continue
            entities[code] = (names[0], "org")
        for n in names:
            aliases.setdefault((code, n), row.get("sector") or None)
    return entities, aliases



def mention_details(conn: Connection, ids: list[str] | None = None
                    ) -> tuple[dict[str, dict[str, list[Entity]]], dict[str, list[Quantity]]]:
    """Participants (by mention id and role) and quantities of the mentions ``ids`` (all if None)."""
    parts: dict[str, dict[str, list[Entity]]] = defaultdict(lambda: defaultdict(list))
    quants: dict[str, list[Quantity]] = defaultdict(list)
    if ids is not None and not ids:
        return parts, quants
    pq = select(MentionParticipant.__table__).order_by(
        MentionParticipant.mention_id, MentionParticipant.role, MentionParticipant.ordinal)
    qq = select(QuantityRow.__table__).order_by(QuantityRow.mention_id, QuantityRow.ordinal)
    if ids is not None:
        pq = pq.where(MentionParticipant.mention_id.in_(ids))
        qq = qq.where(QuantityRow.mention_id.in_(ids))
    for p in conn.execute(pq):
        parts[p.mention_id][p.role].append(
            Entity(code=p.code, text=p.text, sector=p.sector, start=p.start, end=p.end))
    for q in conn.execute(qq):
        quants[q.mention_id].append(Quantity(
            text=q.text, value=q.value, low=q.low, high=q.high, approx=bool(q.approx),
            unit=q.unit, object=q.object, start=q.start, end=q.end))
    return parts, quants


def mention_record(m, parts, quants) -> EventMention:
    """A stored ``mentions`` row, with its participants and quantities, as an :class:`EventMention`."""
    return EventMention(
        doc=m.doc_id, event_type=m.event_type,
        trigger=Span(m.trigger_text, m.trigger_start, m.trigger_end),
        evidence=Span(m.evidence_text, m.evidence_start, m.evidence_end),
        mode=m.mode, contexts=list(m.contexts or []),
        actor=parts[m.id]["actor"], recipient=parts[m.id]["recipient"],
        date=m.date, date_text=m.date_text, location=m.location,
        quantities=quants[m.id], factuality=m.factuality,
        source_of_claim=parts[m.id]["source_of_claim"], score=m.score,
        confidence=m.confidence, sentence_role=getattr(m, "sentence_role", None))


DERIVED_TABLES = ("events", "event_mentions", "event_participants", "event_dyads", "dyad_rollup",
                  "dyad_index_rollup", "actor_rollup", "event_rollup", "correction_effects")


class Store:
    """The corpus store. ``url``: a SQLAlchemy URL (default :func:`default_db_url`)."""

    def __init__(self, url: str | None = None, *, echo: bool = False):
        self.url = url or default_db_url()
        u = make_url(self.url)
        self.dialect = u.get_backend_name()
        kw: dict[str, Any] = {"echo": echo}
        if self.dialect == "sqlite":
            db = u.database
            if db and db != ":memory:" and not db.startswith("file:"):
                Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
            kw["connect_args"] = {"timeout": 30}
        self.engine: Engine = create_engine(self.url, **kw)
        self._mention_cols: frozenset[str] | None = None
        self._first_seen_column: bool | None = None      # known after the first save
        if self.dialect == "sqlite":
            self._sqlite_events(self.engine, in_memory=not u.database or u.database == ":memory:")

    # -- engine set-up -------------------------------------------------------------------------
    @staticmethod
    def _sqlite_events(engine: Engine, in_memory: bool) -> None:
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):
            # let SQLAlchemy emit BEGIN itself (pysqlite's implicit transactions skip DDL and
            # cannot do BEGIN IMMEDIATE)
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            if not in_memory:
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):
            immediate = conn.get_execution_options().get("kizashi_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    def _write(self) -> Connection:
        """A connection whose transaction takes the write lock at once on SQLite."""
        return self.engine.connect().execution_options(kizashi_write=True)

    def write_connection(self) -> Connection:
        """A connection for a write transaction (``with store.write_connection() as conn,
        conn.begin():``); on SQLite it takes the write lock at once (``BEGIN IMMEDIATE``)."""
        return self._write()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- migrations ----------------------------------------------------------------------------
    def _alembic(self, fn, revision: str) -> None:
        self._mention_cols = None                     # the columns may change
        cfg = alembic_config()
        with self._write() as conn, conn.begin():
            cfg.attributes["connection"] = conn
            fn(cfg, revision)

    def head(self) -> str:
        """The newest schema revision this kizashi knows."""
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(alembic_config()).get_current_head()

    def check_schema(self, upgrading: bool = False) -> str | None:
        """The store's revision; :class:`SchemaError` when a newer kizashi wrote it (a revision
        this one does not know), or (unless ``upgrading``) when it is older than this kizashi's
        head, so that the code would query tables it does not have."""
        from alembic.script import ScriptDirectory

        rev = self.revision()
        script = ScriptDirectory.from_config(alembic_config())
        known = {s.revision for s in script.walk_revisions()}
        where = self.url_for_messages()
        if rev is not None and rev not in known:
            raise SchemaError(f"{where}: the database has schema revision {rev!r}, which this "
                              f"kizashi ({__version__}, schema {script.get_current_head()}) does "
                              "not know: it was written by a newer kizashi; upgrade kizashi")
        if not upgrading and rev != script.get_current_head():
            raise SchemaError(f"{where}: the database has schema revision {rev or 'none'}, this "
                              f"kizashi needs {script.get_current_head()}: run kizashi ingest or "
                              "serve without --no-migrate to upgrade it")
        return rev

    def url_for_messages(self) -> str:
        """The database URL without its password."""
        return make_url(self.url).render_as_string(hide_password=True)

    def migrate(self, revision: str = "head") -> None:
        """Upgrade the schema (idempotent) and load the gazetteer's entities. Upgrading a store of
        schema 0001 to 0002 or later, of 0003 or older to 0004 or later, or of 0004 or older to
        0005 rebuilds the fused events (0002 stores their summary, 0004 when they were first and
        last seen, 0005 their grades; the mentions' sentence roles are labelled first).
        A store of a revision this kizashi does not know raises :class:`SchemaError`."""
        from alembic import command

        before = self.check_schema(upgrading=True)
        self._first_seen_column = None
        self._alembic(command.upgrade, revision)
        if revision == "head":
            self.sync_entities()
        # 0002 stores the events' summary, 0004 when they were first and last seen, 0005 the
        # roles of the mentions' sentences and the grades: the events are derived data, so a
        # store upgraded across any of them is re-fused (after 0005, with its roles labelled)
        after = self.revision()
        if before is not None and after is not None and any(
                before < rebuilt <= after for rebuilt in ("0002", "0004", "0005")):
            from kizashi.store.fusion_sync import refresh_events

            if before < "0005" <= after:
                self.label_sentences()
            refresh_events(self)

    def label_sentences(self, only_missing: bool = True) -> int:
        """Set ``mentions.sentence_role`` from each document's text
        (:func:`kizashi.discourse.reader.sentence_roles`): for mentions stored before the role
        layer existed (``only_missing``), or for all. Returns the number of mentions labelled."""
        from kizashi.discourse.reader import role_of_offset, sentence_roles

        m_t = Mention.__table__
        cond = m_t.c.sentence_role.is_(None) if only_missing else True
        n = 0
        with self._write() as conn, conn.begin():
            docs = list(conn.scalars(select(m_t.c.doc_id).where(cond).distinct()))
            for doc_id in docs:
                d = conn.execute(select(Document.text, Document.published)
                                 .where(Document.id == doc_id)).first()
                if d is None:
                    continue
                roles = sentence_roles(d.text, d.published)
                for r in conn.execute(select(m_t.c.id, m_t.c.evidence_start)
                                      .where(m_t.c.doc_id == doc_id, cond)).all():
                    role = role_of_offset(roles, r.evidence_start)
                    if role is not None:
                        conn.execute(update(m_t).where(m_t.c.id == r.id)
                                     .values(sentence_role=role))
                        n += 1
        return n

    def replace_mentions(self, doc_id: str, mentions: list[EventMention]) -> None:
        """Replace the stored mentions of ``doc_id`` (a re-extraction of its stored text, after
        the extractor changed: ``kizashi rebuild``); the document itself is kept."""
        with self._write() as conn, conn.begin():
            self._delete_mentions(conn, doc_id)
            self._insert_mentions(conn, doc_id, mentions)

    def downgrade(self, revision: str = "base") -> None:
        from alembic import command

        self._first_seen_column = None
        self._alembic(command.downgrade, revision)

    def revision(self) -> str | None:
        """The schema revision of the database (None before the first migration)."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def sync_entities(self) -> int:
        """Make ``entities``/``entity_aliases`` match the gazetteer data files (no writes when they
        already do). Returns the number of rows inserted, updated or deleted."""
        entities, aliases = gazetteer_entities()
        changed = 0
        with self._write() as conn, conn.begin():
            have = {r.code: (r.name, r.kind) for r in conn.execute(select(EntityRow.__table__))}
            new = [{"code": c, "name": n, "kind": k} for c, (n, k) in entities.items() if c not in have]
            if new:
                conn.execute(insert(EntityRow.__table__), new)
            for c, (n, k) in entities.items():
                if c in have and have[c] != (n, k):
                    conn.execute(update(EntityRow.__table__).where(EntityRow.code == c)
                                 .values(name=n, kind=k))
                    changed += 1
            have_alias = {(r.code, r.alias): r.sector
                          for r in conn.execute(select(EntityAlias.__table__))}
            gone = {k for k in have_alias if k not in aliases or have_alias[k] != aliases[k]}
            for code, alias in sorted(gone):
                conn.execute(delete(EntityAlias.__table__).where(
                    EntityAlias.code == code, EntityAlias.alias == alias))
            add = [{"code": c, "alias": a, "sector": s} for (c, a), s in aliases.items()
                   if (c, a) not in have_alias or (c, a) in gone]
            if add:
                conn.execute(insert(EntityAlias.__table__), add)
            changed += len(new) + len(gone) + len(add)
        return changed

    # -- writing -------------------------------------------------------------------------------
    def save_article(self, article: Article, mentions: list[EventMention]) -> str:
        """Store one article and its mentions in ONE transaction.

        Returns ``"new"``, ``"updated"`` (content hash changed: old mentions and their
        participants, quantities and event links are replaced) or ``"unchanged"`` (nothing
        written). Any error rolls the whole article back and is re-raised; an article that
        neither backend can hold raises :class:`InputError` before anything is written
        (:func:`check_article`). Two processes saving the same new article at once on
        PostgreSQL do not collide: the second one's insert does nothing and it updates (or
        leaves) the row the first one wrote."""
        article = check_article(article)
        chash = content_hash(article)
        doc_t = Document.__table__
        with self._write() as conn, conn.begin():
            row = conn.execute(select(doc_t.c.content_hash).where(doc_t.c.id == article.id)
                               .with_for_update()).first()
            if row is not None and row.content_hash == chash:
                return "unchanged"
            if article.source:
                self._ensure_source(conn, article.source)
            now = datetime.now(timezone.utc)
            values = {"title": article.title, "text": article.text,
                      "published": article.published, "source": article.source or None,
                      "url": article.url, "path": article.path, "format": article.format or "text",
                      "content_hash": chash, "ingested_at": now}
            # a new document's first sight (schema 0004; a store of an older schema, written
            # before it is migrated, has no such column)
            first = {"first_seen": now} if self._has_first_seen(conn) else {}
            if row is None and self.dialect == "postgresql":   # identity column; upsert
                from sqlalchemy.dialects.postgresql import insert as pg_insert

                done = conn.execute(pg_insert(doc_t).values(id=article.id, **first, **values)
                                    .on_conflict_do_nothing(index_elements=["id"])
                                    .returning(doc_t.c.id)).first()
                if done is None:                  # a concurrent ingest stored it first
                    row = conn.execute(select(doc_t.c.content_hash)
                                       .where(doc_t.c.id == article.id).with_for_update()).first()
                    if row is not None and row.content_hash == chash:
                        return "unchanged"
            if row is None:
                if self.dialect != "postgresql":
                    values["seq"] = select(func.coalesce(func.max(doc_t.c.seq), 0) + 1) \
                        .scalar_subquery()
                    conn.execute(insert(doc_t).values(id=article.id, **first, **values))
                status = "new"
            else:
                self._delete_mentions(conn, article.id)
                conn.execute(update(doc_t).where(doc_t.c.id == article.id).values(**values))
                status = "updated"
            self._insert_mentions(conn, article.id, mentions)
            return status

    def _has_first_seen(self, conn: Connection) -> bool:
        if self._first_seen_column is None:
            from sqlalchemy import inspect

            cols = {c["name"] for c in inspect(conn).get_columns("documents")}
            self._first_seen_column = "first_seen" in cols
        return self._first_seen_column

    def stored_hash(self, doc_id: str) -> str | None:
        """The content hash of the stored document ``doc_id`` (None if there is none): an
        article whose :func:`content_hash` equals it is unchanged and needs no extraction."""
        with self.engine.connect() as conn:
            return conn.execute(select(Document.content_hash)
                                .where(Document.id == doc_id)).scalar()

    def delete_document(self, doc_id: str) -> bool:
        with self._write() as conn, conn.begin():
            self._delete_mentions(conn, doc_id)
            n = conn.execute(delete(Document.__table__).where(Document.id == doc_id)).rowcount
        return bool(n)

    def _ensure_source(self, conn: Connection, name: str) -> None:
        kind = "media" if name in media_names() else None
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        conn.execute(dialect_insert(Source.__table__).values(name=name, kind=kind)
                     .on_conflict_do_nothing(index_elements=["name"]))

    @staticmethod
    def _delete_mentions(conn: Connection, doc_id: str) -> None:
        # explicit, so it does not depend on ON DELETE CASCADE being enforced by the connection
        ids = select(Mention.id).where(Mention.doc_id == doc_id).scalar_subquery()
        for table in (EventMentionLink.__table__, QuantityRow.__table__,
                      MentionParticipant.__table__, CorrectionEffect.__table__):
            conn.execute(delete(table).where(table.c.mention_id.in_(ids)))
        conn.execute(delete(Mention.__table__).where(Mention.doc_id == doc_id))

    def _mention_columns(self, conn: Connection) -> frozenset[str]:
        """The columns the database's ``mentions`` table has: a store of an older schema
        (before 0005: no ``sentence_role``) is written what it can hold."""
        if self._mention_cols is None:
            from sqlalchemy import inspect

            self._mention_cols = frozenset(c["name"] for c in inspect(conn).get_columns("mentions"))
        return self._mention_cols

    def _insert_mentions(self, conn: Connection, doc_id: str,
                         mentions: Iterable[EventMention]) -> None:
        mrows, prows, qrows = [], [], []
        seen: dict[str, int] = defaultdict(int)
        for ordinal, m in enumerate(mentions):
            base = mention_id(doc_id, m.trigger.start, m.trigger.end, m.event_type)
            dup = seen[base]
            seen[base] += 1
            mid = mention_id(doc_id, m.trigger.start, m.trigger.end, m.event_type, dup) \
                if dup else base
            mrows.append({
                "id": mid, "doc_id": doc_id, "ordinal": ordinal, "event_type": m.event_type,
                "mode": m.mode, "contexts": list(m.contexts), "date": m.date,
                "date_text": m.date_text, "location": m.location, "factuality": m.factuality,
                "score": m.score, "confidence": m.confidence,
                "trigger_text": m.trigger.text, "trigger_start": m.trigger.start,
                "trigger_end": m.trigger.end, "evidence_text": m.evidence.text,
                "evidence_start": m.evidence.start, "evidence_end": m.evidence.end,
                "sentence_role": m.sentence_role,
            })
            for role in ROLES:
                for i, e in enumerate(getattr(m, role)):
                    prows.append({"mention_id": mid, "role": role, "ordinal": i, "code": e.code,
                                  "text": e.text, "sector": e.sector, "start": e.start,
                                  "end": e.end})
            for i, q in enumerate(m.quantities):
                qrows.append({"mention_id": mid, "ordinal": i, "value": q.value, "low": q.low,
                              "high": q.high, "approx": bool(q.approx), "unit": q.unit,
                              "object": q.object, "text": q.text, "start": q.start, "end": q.end})
        if mrows:
            cols = self._mention_columns(conn)
            if "sentence_role" not in cols:
                for r in mrows:
                    del r["sentence_role"]
            conn.execute(insert(Mention.__table__), mrows)
        if prows:
            conn.execute(insert(MentionParticipant.__table__), prows)
        if qrows:
            conn.execute(insert(QuantityRow.__table__), qrows)

    # -- reading -------------------------------------------------------------------------------
    def document(self, doc_id: str) -> Document | None:
        with Session(self.engine, expire_on_commit=False) as s:
            return s.get(Document, doc_id)

    def documents(self, *, source: str | None = None, limit: int | None = None,
                  offset: int = 0) -> list[Document]:
        """Documents ordered by publication date, then id."""
        stmt = select(Document)
        if source is not None:
            stmt = stmt.where(Document.source == source)
        stmt = stmt.order_by(Document.published, Document.id).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        with Session(self.engine, expire_on_commit=False) as s:
            return list(s.scalars(stmt))

    def mention_ids(self, doc_id: str) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.scalars(select(Mention.id).where(Mention.doc_id == doc_id)
                                     .order_by(Mention.ordinal)))

    def mentions_of(self, doc_id: str) -> list[EventMention]:
        """The stored mentions of a document, rebuilt as :class:`EventMention` records."""
        with self.engine.connect() as conn:
            ms = conn.execute(select(Mention.__table__).where(Mention.doc_id == doc_id)
                              .order_by(Mention.ordinal)).all()
            parts, quants = mention_details(conn, [m.id for m in ms])
        return [mention_record(m, parts, quants) for m in ms]

    def analyze(self) -> None:
        """Refresh the planner's statistics (SQLite ``ANALYZE``, PostgreSQL ``ANALYZE``) so that
        it picks the selective index for each filter; run after every refresh of the events (on
        PostgreSQL, ``VACUUM ANALYZE`` of the tables the refresh rewrites).
        On SQLite each index is sampled (``analysis_limit``) so that this stays quick on a large
        store."""
        if self.dialect == "postgresql":
            # VACUUM also sets the visibility map, so that index-only scans of the freshly
            # rewritten tables skip the heap; it cannot run inside a transaction
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE " + ", ".join(DERIVED_TABLES))
            return
        with self._write() as conn, conn.begin():
            if self.dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA analysis_limit=2000")
            conn.exec_driver_sql("ANALYZE")

    def counts(self) -> dict[str, int]:
        """Row count of every table of the schema (that the database has: a store of an older
        schema lacks the newer tables)."""
        from sqlalchemy import inspect

        with self.engine.connect() as conn:
            have = set(inspect(conn).get_table_names())
            return {name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for name, t in Base.metadata.tables.items() if name in have}

    def entity_code(self, value: str) -> str | None:
        """The entity code ``value`` names: a code in any case (``prk`` → ``PRK``), else the
        first code of an entity with that alias (北朝鮮 → ``PRK``); None when none has it."""
        value = (value or "").strip()
        if not value:
            return None
        with self.engine.connect() as conn:
            code = conn.execute(select(EntityRow.code)
                                .where(EntityRow.code == value.upper())).scalar()
        if code is not None:
            return code
        codes = self.resolve_alias(value)
        if codes:
            return codes[0]
        from kizashi.store.models import EventParticipant

        with self.engine.connect() as conn:       # a code outside the gazetteer that events use
            for col in (EventParticipant.code, MentionParticipant.code):
                code = conn.execute(select(col).where(col == value.upper()).limit(1)).scalar()
                if code is not None:
                    return code
        return None

    def resolve_alias(self, alias: str) -> list[str]:
        """Entity codes that ``alias`` names (米国 → ['USA'])."""
        with self.engine.connect() as conn:
            return list(conn.scalars(select(EntityAlias.code).where(EntityAlias.alias == alias)
                                     .distinct().order_by(EntityAlias.code)))

    # -- search --------------------------------------------------------------------------------
    def search_documents(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Documents containing every whitespace-separated term of ``query`` (in title or text).

        Terms of 3+ characters use the full-text index (SQLite FTS5 trigram, ranked by bm25;
        PostgreSQL pg_trgm GIN indexes behind ILIKE). A query with a shorter term (two-character
        Japanese words are common: 日米, 制裁) falls back to a LIKE scan, on both backends."""
        terms = search_terms(query)
        if not terms or limit <= 0:
            return []
        short = any(len(t) < MIN_TRIGRAM for t in terms)
        with self.engine.connect() as conn:
            if self.dialect == "sqlite" and not short:
                match = fts_match(terms)
                rows = conn.execute(text(
                    "SELECT d.id, d.title, d.published, d.source, d.text, "
                    "bm25(documents_fts) AS rank FROM documents_fts "
                    "JOIN documents d ON d.seq = documents_fts.rowid "
                    "WHERE documents_fts MATCH :match ORDER BY rank, d.id LIMIT :limit"),
                    {"match": match, "limit": limit}).all()
                return [SearchHit(r.id, r.title, r.published, r.source,
                                  _snippet(r.title, r.text, terms), -float(r.rank), "fts5")
                        for r in rows]
            method = "trgm" if self.dialect == "postgresql" and not short else "like"
            conds = []
            for t in terms:
                p = like_pattern(t)
                conds.append(or_(Document.title.ilike(p, escape="\\"),
                                 Document.text.ilike(p, escape="\\")))
            in_title = case((and_(*(Document.title.ilike(like_pattern(t), escape="\\")
                                    for t in terms)), 0), else_=1)
            stmt = (select(Document.id, Document.title, Document.published, Document.source,
                           Document.text)
                    .where(and_(*conds))
                    .order_by(in_title, Document.published.desc().nulls_last(), Document.id)
                    .limit(limit))
            rows = conn.execute(stmt).all()
        hits = []
        for r in rows:
            hay = ((r.title or "") + "\n" + r.text).lower()
            score = float(sum(hay.count(t.lower()) for t in terms))
            hits.append(SearchHit(r.id, r.title, r.published, r.source,
                                  _snippet(r.title, r.text, terms), score, method))
        return hits
