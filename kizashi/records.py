"""Typed records shared by every stage: the event-mention record of the spec and its parts.

Offsets (``start``/``end``) are always Python ``str`` indices into the document text exactly as
read (after decoding, before any normalisation).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(s: str) -> str:
    """``s`` with every lone surrogate (which no UTF-8 writer, SQLite or PostgreSQL accepts)
    replaced by U+FFFD: one character for one, so offsets into ``s`` stay true."""
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s


def clean_value(obj: Any) -> Any:
    """:func:`clean_text` applied to every string inside ``obj`` (dicts, lists, tuples)."""
    if isinstance(obj, str):
        return clean_text(obj)
    if isinstance(obj, dict):
        return {clean_value(k): clean_value(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [clean_value(v) for v in obj]
    return obj


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A participant: ``code`` is ISO 3166-1 alpha-3, an organisation code (UN, EU, ...) or None."""

    code: str | None
    text: str
    sector: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"code": self.code, "text": self.text}
        if self.sector:
            d["sector"] = self.sector
        return d


@dataclass(frozen=True)
class Quantity:
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approx: bool = False
    unit: str | None = None
    object: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        def num(x):
            return int(x) if isinstance(x, float) and x.is_integer() else x

        return {"text": self.text, "value": num(self.value), "low": num(self.low),
                "high": num(self.high), "approx": self.approx, "unit": self.unit,
                "object": self.object}


@dataclass
class EventMention:
    doc: str
    event_type: str
    trigger: Span
    evidence: Span
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    date: str | None = None
    date_text: str | None = None
    location: dict[str, Any] | None = None
    quantities: list[Quantity] = field(default_factory=list)
    factuality: str = "asserted"
    source_of_claim: list[Entity] = field(default_factory=list)
    score: float | None = None
    confidence: float = 0.5
    #: how the extractor found it (features of its confidence, kizashi/events/confidence.py);
    #: not part of the record
    signals: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    #: the role of the sentence the mention comes from (kizashi.discourse.roles: report,
    #: claim, background, analysis, forecast, other; None when the pipeline had no roles)
    sentence_role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The spec's record; strings are safe to write as UTF-8 (:func:`clean_text`)."""
        return clean_value({
            "doc": self.doc,
            "event_type": self.event_type,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "actor": [e.to_dict() for e in self.actor],
            "recipient": [e.to_dict() for e in self.recipient],
            "date": self.date,
            "date_text": self.date_text,
            "location": self.location,
            "quantities": [q.to_dict() for q in self.quantities],
            "factuality": self.factuality,
            "source_of_claim": [e.to_dict() for e in self.source_of_claim],
            "trigger": asdict(self.trigger),
            "evidence": asdict(self.evidence),
            "score": self.score,
            "confidence": round(self.confidence, 3),
            "sentence_role": self.sentence_role,
        })


@dataclass
class Article:
    """One ingested article. ``id`` is deterministic: from the URL when there is one, else from the
    normalised text (see :func:`kizashi.records.article_id`)."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None      # ISO 8601 date (or partial date) of publication
    source: str | None = None         # outlet name (NHK, 共同通信, Reuters...)
    url: str | None = None
    path: str | None = None           # the file it came from
    format: str = "text"              # text | markdown | html | feed | jsonl
    record: str | None = None         # where in the file: "line 3" (JSON Lines), "entry 2" (feed)

    def to_dict(self) -> dict[str, Any]:
        return clean_value(asdict(self))


def path_id(path: str) -> str:
    """The id of a text or Markdown file: ``a_`` + 16 hex digits of SHA-1 over its absolute
    path. A file's identity is its path; its version is its content (an edited file replaces its
    old version instead of becoming a second document)."""
    import hashlib
    import os

    key = "path:" + os.path.abspath(os.path.expanduser(path))
    return "a_" + hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def article_id(url: str | None, text: str) -> str:
    """A stable id: ``a_`` + 16 hex digits of SHA-1 over the URL, or over the NFKC text with white
    space collapsed when there is no URL (so re-ingesting the same article gives the same id)."""
    import hashlib
    import re
    import unicodedata

    if url:
        key = "url:" + url.strip()
    else:
        key = "text:" + re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    return "a_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
