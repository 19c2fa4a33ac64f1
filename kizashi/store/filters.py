"""One filter of events, validated once, with one vocabulary for the query layer, the API (a
FastAPI dependency), the workbench pages and the CLI.

=============== ================================================ ===============================
field           value                                            CLI option
=============== ================================================ ===============================
``start``       ISO date at any precision (``2024``, ``2024-06``, ``--start`` (``--from``)
                ``2024-06-19``), inclusive
``end``         the same; not before ``start``                    ``--end`` (``--to``)
``type``        PLOVER event types (``plover.tsv``)               ``--type``
``quad``        quad classes by name or number 1-4               ``--quad``
``actor``       an entity code or any of its names (北朝鮮)        ``--actor``
``recipient``   the same                                          ``--recipient``
``dyad``        two different entities (codes or names)           ``--dyad A B``
``factuality``  factuality values (``factuality_values.tsv``)     ``--factuality``
``min_sources`` reported by at least this many outlets (0-10^6)  ``--min-sources``
``q``           words the event's documents contain (at most     ``--q`` (``--text``)
                500 characters and 20 words)
``since``       first seen (kizashi stored one of its documents)  ``--since``
                at or after: a time (``2025-02-10T06:00``, UTC
                unless it names its offset; a date is its
                midnight UTC) or a duration back from now
                (``90m``, ``24h``, ``7d``, ``2w``)
``changed_since`` the same, on when a new or changed document     ``--changed-since``
                last joined the event (``last_seen``)
=============== ================================================ ===============================

Lists may be given repeated or comma-separated. An invalid value raises pydantic's
``ValidationError`` naming the field and the problem (the API answers 422; the pages and the
CLI print it); :func:`resolve` then maps names to entity codes on a store and raises
:class:`FilterError` for a name no entity has (the API answers 400). Nothing is silently
dropped: a filter that cannot be used is an error, never an empty result.
"""
from __future__ import annotations

import datetime
import re
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kizashi import model

__all__ = ["EventFilter", "QueryError", "FilterError", "FIELDS", "resolve", "explain", "MAX_TERMS",
           "MAX_QUERY", "ValidationError", "parse_duration", "parse_since", "seen_key",
           "parse_seen_key"]

FIELDS = ("start", "end", "type", "quad", "actor", "recipient", "dyad", "factuality",
          "min_sources", "q", "since", "changed_since")
MAX_QUERY = 500           # characters of a text query
MAX_TERMS = 20            # words of a text query (FTS5: "Expression tree is too large")
MAX_NAME = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


_DURATION = re.compile(r"^\s*(\d{1,6})\s*(s|m|h|d|w)\s*$", re.I)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
MAX_DURATION = 3650 * 86400           # ten years


def parse_duration(value: str) -> datetime.timedelta:
    """``90s``, ``15m``, ``24h``, ``7d``, ``2w`` as a timedelta; ValueError naming the value
    otherwise (or for zero, or more than ten years)."""
    m = _DURATION.match(str(value))
    if not m:
        raise ValueError(f"{str(value)[:40]!r} is not a duration: use a number and s, m, h, d "
                         "or w (90m, 24h, 7d)")
    seconds = int(m.group(1)) * _UNITS[m.group(2).lower()]
    if not 0 < seconds <= MAX_DURATION:
        raise ValueError(f"{value!r}: a duration between 1 second and 10 years")
    return datetime.timedelta(seconds=seconds)


def seen_key(when: datetime.datetime) -> str:
    """A point in time as the events' ``first_seen`` / ``last_seen`` store it: ISO 8601 in UTC
    with microseconds and ``Z`` (``2025-02-10T06:00:00.000000Z``), so that strings sort as
    times. A naive datetime is taken as UTC (SQLite hands stored times back without offset)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_seen_key(key: str) -> datetime.datetime:
    """The aware UTC datetime of a :func:`seen_key` string."""
    return datetime.datetime.strptime(key, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=datetime.timezone.utc)


def parse_since(value: str | datetime.datetime,
                now: datetime.datetime | None = None) -> datetime.datetime:
    """The moment a ``since`` value names, as an aware UTC datetime: a duration back from
    ``now`` (``24h``), or a time (``2025-02-10T06:00``, ``2025-02-10 06:00:00+09:00``, a date
    alone is its midnight), UTC unless it gives its offset; ValueError naming the value."""
    if isinstance(value, datetime.datetime):
        when = value
    else:
        text = str(value).strip()
        if _DURATION.match(text):
            now = now or datetime.datetime.now(datetime.timezone.utc)
            return now.astimezone(datetime.timezone.utc) - parse_duration(text)
        iso = text.replace(" ", "T", 1)
        if iso.endswith(("Z", "z")):
            iso = iso[:-1] + "+00:00"
        try:
            when = datetime.datetime.fromisoformat(iso)
        except ValueError:
            raise ValueError(f"{text[:40]!r} is neither a time (2025-02-10T06:00, UTC unless it "
                             "gives its offset) nor a duration (24h, 7d)") from None
        if not 1970 <= when.year <= 9999:
            raise ValueError(f"{text[:40]!r}: a year between 1970 and 9999")
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return when.astimezone(datetime.timezone.utc)


class QueryError(ValueError):
    """A filter, sort or cursor the query layer cannot use (message says which and why)."""


class FilterError(QueryError):
    """A filter that passed validation but cannot be applied on this store (an actor name no
    entity has)."""


def _split(value: Any) -> list[str] | None:
    """``"A,B"``, ``["A", "B,C"]`` → ``["A", "B", "C"]``; empty → None."""
    if value is None:
        return None
    if isinstance(value, (str, int)):
        value = [value]
    if not isinstance(value, (list, tuple, set, frozenset)):
        raise ValueError(f"expected a string or a list of strings, not {type(value).__name__}")
    out: list[str] = []
    for v in value:
        if not isinstance(v, (str, int)) or isinstance(v, bool):
            raise ValueError(f"expected strings, not {type(v).__name__}")
        out.extend(s.strip() for s in str(v).split(",") if s.strip())
    return out or None


def _no_control(name: str, value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError(f"{name} must not contain control characters (NUL, newline...)")
    return value


class EventFilter(BaseModel):
    """The filter of an event query (see the module docstring); every field optional, all
    combined with AND. ``EventFilter(type="AID,accuse", start="2024-06")``."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    start: Optional[str] = Field(None, description="events dated on or after (YYYY, YYYY-MM or "
                                                   "YYYY-MM-DD; inclusive at its precision)")
    end: Optional[str] = Field(None, description="events dated on or before (inclusive)")
    type: Optional[list[str]] = Field(None, description="PLOVER event type(s), e.g. AID")
    quad: Optional[list[str]] = Field(None, description="quad class(es) by name or number 1-4")
    actor: Optional[str] = Field(None, max_length=MAX_NAME,
                                 description="entity code or name of a (fused) actor")
    recipient: Optional[str] = Field(None, max_length=MAX_NAME,
                                     description="entity code or name of a recipient")
    dyad: Optional[tuple[str, str]] = Field(
        None, description="two different entities (codes or names): events between them in "
                          "either direction")
    factuality: Optional[list[str]] = Field(None, description="best-attested factuality value(s)")
    min_sources: Optional[int] = Field(None, ge=0, le=1_000_000,
                                       description="reported by at least this many outlets")
    q: Optional[str] = Field(None, max_length=MAX_QUERY,
                             description="words that the event's documents contain")
    since: Optional[str] = Field(
        None, description="first seen at or after: a time (2025-02-10T06:00, UTC unless it gives "
                          "its offset) or a duration back from now (24h, 7d)")
    changed_since: Optional[str] = Field(
        None, description="a new or changed document joined the event at or after (same forms "
                          "as since)")

    # -- field validators -----------------------------------------------------------------------
    @field_validator("*", mode="before")
    @classmethod
    def _empty_is_none(cls, v: Any) -> Any:
        if v is None or (isinstance(v, str) and not v.strip()) or v in ([], ()):
            return None
        return v

    @field_validator("start", "end")
    @classmethod
    def _date(cls, v: str | None) -> str | None:
        return None if v is None else model.parse_date(v).iso()

    @field_validator("type", mode="before")
    @classmethod
    def _types(cls, v: Any) -> list[str] | None:
        items = _split(v)
        if items is None:
            return None
        known = model.EVENT_TYPES
        out = []
        for t in items:
            if t.upper() not in known:
                raise ValueError(f"unknown event type {t[:40]!r}: use one of {', '.join(known)}")
            out.append(t.upper())
        return sorted(set(out))

    @field_validator("quad", mode="before")
    @classmethod
    def _quads(cls, v: Any) -> list[str] | None:
        items = _split(v)
        if items is None:
            return None
        out = []
        for q in items:
            name = model.quad_number(q)
            if name is None:
                raise ValueError(f"unknown quad class {q[:40]!r}: use one of "
                                 f"{', '.join(model.QUADS)} or 1-4")
            out.append(name)
        return sorted(set(out), key=model.QUADS.index)

    @field_validator("factuality", mode="before")
    @classmethod
    def _facts(cls, v: Any) -> list[str] | None:
        items = _split(v)
        if items is None:
            return None
        for f in items:
            if f.lower() not in model.FACTUALITIES:
                raise ValueError(f"unknown factuality {f[:40]!r}: use one of "
                                 f"{', '.join(model.FACTUALITIES)}")
        return sorted({f.lower() for f in items}, key=model.FACTUALITIES.index)

    @field_validator("actor", "recipient")
    @classmethod
    def _name(cls, v: str | None, info) -> str | None:
        return None if v is None else _no_control(info.field_name, v)

    @field_validator("dyad", mode="before")
    @classmethod
    def _dyad(cls, v: Any) -> Any:
        if v is None:
            return None
        if isinstance(v, str):
            parts = [p for p in re.split(r"[,\s]+", v.strip()) if p]
        elif isinstance(v, (list, tuple)):
            parts = [p for x in v for p in re.split(r"[,\s]+", str(x).strip()) if p]
        else:
            raise ValueError(f"expected 'A,B', not {type(v).__name__}")
        if len(parts) != 2:
            raise ValueError(f"dyad needs two entities, e.g. RUS,PRK (got {len(parts)})")
        for p in parts:
            if len(p) > MAX_NAME:
                raise ValueError(f"dyad: a name of at most {MAX_NAME} characters")
            _no_control("dyad", p)
        if parts[0].upper() == parts[1].upper():
            raise ValueError(f"dyad needs two different entities, not {parts[0]!r} twice")
        return tuple(parts)

    @field_validator("q")
    @classmethod
    def _query(cls, v: str | None) -> str | None:
        if v is None:
            return None
        if "\x00" in v:
            raise ValueError("q must not contain NUL")
        from kizashi.store.store import search_terms

        terms = search_terms(v)
        if len(terms) > MAX_TERMS:
            raise ValueError(f"q has {len(terms)} words; at most {MAX_TERMS}")
        return v if terms else None

    @field_validator("since", "changed_since", mode="before")
    @classmethod
    def _since(cls, v: Any) -> str | None:
        if v is None:
            return None
        if not isinstance(v, (str, datetime.datetime)):
            raise ValueError(f"expected a time or a duration, not {type(v).__name__}")
        if isinstance(v, str) and len(v) > 64:
            raise ValueError("a time or a duration of at most 64 characters")
        if isinstance(v, str) and _CONTROL.search(v):
            raise ValueError("must not contain control characters")
        if isinstance(v, str):
            try:                                    # a value already normalised stays as it is
                return seen_key(parse_seen_key(v))
            except ValueError:
                pass
        return seen_key(parse_since(v))

    @model_validator(mode="after")
    def _range(self) -> EventFilter:
        if self.start and self.end:
            first, _ = model.date_bounds(self.start)
            _, last = model.date_bounds(self.end)
            if first > last:
                raise ValueError(f"start {self.start} is after end {self.end}")
        return self

    # -- use --------------------------------------------------------------------------------------
    def active(self) -> dict[str, Any]:
        """The fields that are set, as plain values (lists; the dyad as a list)."""
        out = {}
        for k in FIELDS:
            v = getattr(self, k)
            if v is not None:
                out[k] = list(v) if isinstance(v, tuple) else v
        return out

    def replace(self, **changes) -> EventFilter:
        """A copy with some fields changed (validated again)."""
        return EventFilter(**{**self.active(), **changes})

    def __bool__(self) -> bool:
        return bool(self.active())


def explain(err: ValidationError) -> str:
    """One line naming each invalid field and its problem (for the CLI and the pages)."""
    parts = []
    for e in err.errors():
        loc = ".".join(str(x) for x in e.get("loc", ()) if not isinstance(x, int))
        msg = str(e.get("msg", "")).removeprefix("Value error, ")
        if e.get("type") == "extra_forbidden":
            msg = f"unknown filter (use {', '.join(FIELDS)})"
        parts.append(f"{loc}: {msg}" if loc else msg)
    return "; ".join(parts)


def resolve(store, f: EventFilter) -> EventFilter:
    """``f`` with actor, recipient and dyad given as entity codes (a name such as 北朝鮮 or a
    code in any case → ``PRK``); :class:`FilterError` for one that no entity has."""
    changes = {}
    for k in ("actor", "recipient"):
        v = getattr(f, k)
        if v is not None:
            changes[k] = entity_code(store, v, k)
    if f.dyad is not None:
        a, b = (entity_code(store, x, "dyad") for x in f.dyad)
        if a == b:
            raise FilterError(f"dyad: {f.dyad[0]!r} and {f.dyad[1]!r} are the same entity ({a})")
        changes["dyad"] = (a, b)
    if not changes or all(getattr(f, k) == v for k, v in changes.items()):
        return f
    return f.model_copy(update=changes)


def entity_code(store, value: str, field: str = "actor") -> str:
    """The entity code that ``value`` names on ``store``: a code (any case) or an alias."""
    code = store.entity_code(value)
    if code is None:
        raise FilterError(f"{field}: no entity has the code or name {value[:60]!r} "
                          "(see /api/v1/actors?q=...)")
    return code
