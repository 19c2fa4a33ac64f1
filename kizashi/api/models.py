"""Pydantic models of the API's responses: they are what ``/api/v1/openapi.json`` describes and
what every response is validated and serialised through. Fields that can be missing in the data
are Optional (``null`` in JSON); objects allow extra fields, so the query layer can add one
without breaking a response."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    model_config = ConfigDict(extra="allow")


# --- errors --------------------------------------------------------------------------------------

ErrorCode = Literal["bad_request", "unauthorized", "forbidden", "not_found", "validation_error",
                    "method_not_allowed", "internal_error"]


class ErrorBody(BaseModel):
    status: int = Field(description="the HTTP status code")
    code: ErrorCode = Field(description="machine-readable error kind")
    message: str = Field(description="what went wrong, for people")
    details: Any = Field(default=None, description="more about it (the invalid parameters of a "
                                                     "validation error), or null")


class ErrorResponse(BaseModel):
    """The one shape of every error response of the API."""

    error: ErrorBody


# --- shared pieces -------------------------------------------------------------------------------

class Span(Model):
    text: str
    start: int = Field(description="character offset into the document text")
    end: int


# --- events --------------------------------------------------------------------------------------

class EventSummary(Model):
    id: str
    event_type: str = Field(description="PLOVER event type")
    mode: Optional[str]
    quad_class: Optional[str]
    score: Optional[float] = Field(description="PLOVER cooperation-conflict score of the type")
    date: Optional[str] = Field(description="ISO date of the event, maybe partial (2024-06)")
    actors: list[str]
    recipients: list[str]
    first_reported: Optional[str]
    last_reported: Optional[str]
    first_seen: Optional[str] = Field(None, description="when kizashi first stored one of its "
                                                        "documents (ISO 8601 UTC)")
    last_seen: Optional[str] = Field(None, description="when a new or changed document last "
                                                       "joined it (ISO 8601 UTC)")
    n_sources: int
    factuality: Optional[str] = Field(description="best-attested factuality")
    factuality_counts: dict[str, int]
    confidence: Optional[float]
    n_mentions: int
    n_quantities: int
    conflicting_quantities: bool
    reliability: Optional[str] = Field(None, description="source reliability A-F (Admiralty "
                                       "code: the best source that attests the event; F unknown)")
    credibility: Optional[int] = Field(None, description="information credibility 1-6 "
                                       "(1 confirmed ... 5 improbable, 6 cannot be judged)")
    grade: Optional[str] = Field(None, description="reliability and credibility, e.g. B2")
    contested: bool = Field(False, description="asserted or hedged by some mentions and denied "
                                               "or negated by others")
    discourse: Optional[str] = Field(None, description="report, or forecast / background / "
                                     "analysis / other when every mention's sentence is that")
    corrected: bool = Field(False, description="analysts' corrections apply to it")


class EventPage(Model):
    items: list[EventSummary]
    next_cursor: Optional[str] = Field(description="pass as `after` for the next page; null: "
                                                   "last page")
    next: Optional[str] = Field(None, description="the URL of the next page (null: last page)")
    sort: str
    limit: int
    filters: dict[str, Any] = Field(description="the filter as applied (names resolved to "
                                                "entity codes, values normalised)")
    total: Optional[int] = Field(None, description="matching events, counted up to "
                                                   "`total_capped` (1,000)")
    total_capped: bool = Field(False, description="true: there are at least `total` events")


class EventQuantity(Model):
    text: str
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    approx: bool
    unit: Optional[str]
    object: Optional[str]
    source: Optional[str]
    doc: str
    mention: int
    mention_id: str
    factuality: Optional[str]
    published: Optional[str]
    claimant: Optional[str] = Field(None, description="who gave the number (the service or "
                                    "official credited, else the outlet)")
    as_of: Optional[str] = Field(None, description="the time the estimate is for")


class QuantitySeriesRef(Model):
    unit: Optional[str]
    object: Optional[str]
    items: list[int] = Field(description="indexes into `quantities`, in order of publication")
    trend: Optional[str] = Field(description="up, down, flat or mixed (null: one estimate)")


class CorrectionRef(Model):
    id: int
    action: str
    author: str
    created_at: Optional[str]
    note: Optional[str]
    before: Any = None
    after: Any = None
    active: bool
    mention_ids: list[str] = []


class Participant(Model):
    code: Optional[str]
    text: str


class DocumentRef(Model):
    id: str
    title: Optional[str]
    source: Optional[str]
    url: Optional[str]
    published: Optional[str]


class EventMentionOut(Model):
    id: str
    doc_id: str
    ordinal: int
    event_type: str
    mode: Optional[str]
    date: Optional[str]
    date_text: Optional[str]
    factuality: Optional[str]
    confidence: Optional[float]
    trigger: Span
    evidence: Span
    actor: list[Participant]
    recipient: list[Participant]
    source_of_claim: list[Participant]
    document: DocumentRef
    sentence_role: Optional[str] = Field(None, description="the role of the evidence sentence: "
                                         "report, claim, background, analysis, forecast, other")


class EventDetail(EventSummary):
    quantities: list[EventQuantity]
    quantity_conflicts: list[list[int]] = Field(
        description="index pairs into `quantities` of estimates of the same thing, at the same "
                    "time, by different claimants, that contradict each other")
    quantity_series: list[QuantitySeriesRef] = Field(
        [], description="estimates of one thing in order of publication (a growing number is "
                        "a series, not a conflict)")
    mentions: list[EventMentionOut]
    corrections: list[CorrectionRef] = Field([], description="analysts' corrections that apply")
    grade_basis: dict[str, Any] = Field({}, description="what the grade was computed from")


# --- analytics -----------------------------------------------------------------------------------

class TimelineRow(Model):
    period: str
    count: int
    quads: dict[str, int]
    types: dict[str, int]


class Timeline(Model):
    freq: str
    filters: dict[str, Any]
    rows: list[TimelineRow]
    undated: int = Field(description="matching events whose date is missing or coarser than "
                                     "`freq`")


class DyadRow(Model):
    period: str
    index: float = Field(description="cooperation + conflict")
    cooperation: float
    conflict: float
    count: int
    weighted_count: float
    a_to_b: float
    b_to_a: float


class DyadSeries(Model):
    a: str
    b: str
    freq: str
    filters: dict[str, Any]
    rows: list[DyadRow]
    all_roles: bool = Field(False, description="true: events told only in forecasts, "
                                               "background or boilerplate are counted too")


class NetworkNode(Model):
    code: str
    events: int
    as_actor: int
    as_recipient: int


class NetworkEdge(Model):
    source: str
    target: str
    weight: int
    quads: dict[str, int]
    quad_class: str


class Network(Model):
    filters: dict[str, Any]
    events: int
    n_nodes: int
    n_edges: int
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


# --- documents -----------------------------------------------------------------------------------

class DocumentSummary(Model):
    id: str
    title: Optional[str]
    source: Optional[str]
    published: Optional[str]
    url: Optional[str]
    first_seen: Optional[str] = Field(None, description="when kizashi first stored it (ISO 8601 "
                                                        "UTC)")
    n_mentions: int
    n_events: int


class DocumentPage(Model):
    items: list[DocumentSummary]
    next_cursor: Optional[str]
    next: Optional[str] = Field(None, description="the URL of the next page (null: last page)")
    limit: int


class Entity(Model):
    code: Optional[str]
    text: str
    sector: Optional[str] = None
    start: Optional[int]
    end: Optional[int]


class MentionQuantity(Model):
    text: str
    start: Optional[int]
    end: Optional[int]
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    unit: Optional[str]
    object: Optional[str]
    approx: bool


class DocumentMention(Model):
    id: str
    ordinal: int
    event_type: str
    quad_class: Optional[str]
    factuality: Optional[str]
    mode: Optional[str]
    date: Optional[str]
    date_text: Optional[str]
    confidence: Optional[float]
    trigger: Span
    evidence: Span
    actor: list[Entity]
    recipient: list[Entity]
    source_of_claim: list[Entity]
    quantities: list[MentionQuantity]
    event_id: Optional[str] = Field(description="the fused event of the mention")
    sentence_role: Optional[str] = Field(None, description="the role of its sentence")
    wrong: bool = Field(False, description="an analyst marked it wrong (it is in no event)")
    corrections: list[dict[str, Any]] = Field([], description="active corrections that apply")


class SentenceOut(Model):
    index: int
    start: int = Field(description="character offset into the document text")
    end: int
    role: str = Field(description="report, claim, background, analysis, forecast or other")
    cues: list[str] = Field(description="the cues that decided the role")


class DocumentDetail(Model):
    id: str
    title: Optional[str]
    text: str
    source: Optional[str]
    published: Optional[str]
    url: Optional[str]
    format: Optional[str]
    mentions: list[DocumentMention]
    sentences: list[SentenceOut] = Field([], description="every sentence with its role")


# --- actors --------------------------------------------------------------------------------------

class ActorSummary(Model):
    code: str
    name: str
    kind: Optional[str] = Field(description="state | org; null for a code the gazetteer lacks")
    aliases: list[str]
    n_events: int


class ActorList(Model):
    q: Optional[str]
    limit: int
    items: list[ActorSummary]


class Partner(Model):
    code: str
    events: int
    quad_classes: dict[str, int]


class ActorProfile(ActorSummary):
    as_actor: int
    as_recipient: int
    partners: list[Partner]
    types: dict[str, int]
    recent_events: list[EventSummary]


# --- quantities and search -----------------------------------------------------------------------

class Estimate(Model):
    event_id: str
    event_type: str
    date: Optional[str]
    published: Optional[str]
    source: Optional[str]
    doc_id: str
    mention_id: str
    text: str
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    approx: bool
    factuality: Optional[str]
    claimant: Optional[str] = Field(None, description="who gave the number")
    as_of: Optional[str] = Field(None, description="the time the estimate is for")
    conflicting: bool = Field(description="part of a conflicting pair of estimates of its event")


class QuantitySeries(Model):
    object: Optional[str]
    unit: Optional[str]
    estimates: list[Estimate]


class Quantities(Model):
    filters: dict[str, Any]
    series: list[QuantitySeries]


class SearchHit(Model):
    doc_id: str
    title: Optional[str]
    published: Optional[str]
    source: Optional[str]
    snippet: str
    score: float
    method: str = Field(description="fts5 | trgm | like")


class SearchResult(Model):
    q: str
    documents: list[SearchHit]
    events: list[EventSummary]


class Health(Model):
    status: Literal["ok"]
    version: str
    schema_revision: Optional[str]
    counts: dict[str, int]
