"""The definition of a watch: a saved query (the fields of the one
:class:`~kizashi.store.filters.EventFilter`) plus a condition.

================ ===================================================================
field            meaning
================ ===================================================================
``filter``       event filters: ``type``, ``quad``, ``actor``, ``recipient``, ``dyad``,
                 ``factuality``, ``min_sources`` (independent outlets), ``q`` (keywords),
                 ``start``/``end`` (not ``since``: the watch itself says what is recent)
``mode``         PLOVER modes the event must have (``troops``, ``weapons``, ``visit``...)
``factuality_at_least`` the least attested value accepted: ``reported`` takes reported and
                 asserted events (the order of ``factuality_values.tsv``)
``quantity``     ``{"object": ["兵士", "兵"], "unit": "人", "min": 10000}``: an estimate of
                 the event counting one of those things (a word of its object or text), in
                 that unit, at least (or ``max``: at most) that many
``window_days``  the current period (default 7 days, by the event's date, else its first
                 report)
``baseline``     ``{"windows": 12, "factor": 2.0, "sd": 1.0, "min_count": 3}``: the current
                 period is compared with the ``windows`` periods before it; the watch is
                 escalating when it counts at least ``min_count`` events, at least
                 ``factor`` times their mean and more than the mean plus ``sd`` standard
                 deviations (a large-increase rule in the manner of ACLED's early warning)
================ ===================================================================
"""
from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kizashi import model
from kizashi.store.filters import EventFilter, explain

__all__ = ["WatchSpec", "QuantityCondition", "Baseline", "SpecError", "parse_spec",
           "WATCH_FILTER_FIELDS"]

WATCH_FILTER_FIELDS = ("start", "end", "type", "quad", "actor", "recipient", "dyad",
                       "factuality", "min_sources", "q")


class SpecError(ValueError):
    """A watch definition that cannot be used (message names the field and the problem)."""


class QuantityCondition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    object: Optional[list[str]] = Field(None, description="words of what is counted (any)")
    unit: Optional[str] = Field(None, max_length=32, description="the unit, e.g. 人, 発")
    min: Optional[float] = Field(None, ge=0, description="at least this many")
    max: Optional[float] = Field(None, ge=0, description="at most this many")

    @field_validator("object", mode="before")
    @classmethod
    def _words(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = [w for w in v.replace(",", " ").split() if w]
        if v is not None and (not v or any(not isinstance(w, str) or not w.strip()
                                           or len(w) > 50 for w in v)):
            raise ValueError("a list of words (each at most 50 characters)")
        return v


class Baseline(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    windows: int = Field(12, ge=2, le=104, description="earlier periods to compare with")
    factor: float = Field(2.0, ge=1.0, le=100.0, description="times their mean at least")
    sd: float = Field(1.0, ge=0.0, le=10.0, description="standard deviations above the mean")
    min_count: int = Field(3, ge=1, le=100_000, description="events in the period at least")


class WatchSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    filter: dict[str, Any] = Field(default_factory=dict)
    mode: Optional[list[str]] = None
    factuality_at_least: Optional[str] = None
    quantity: Optional[QuantityCondition] = None
    window_days: int = Field(7, ge=1, le=366)
    baseline: Optional[Baseline] = None

    @field_validator("filter")
    @classmethod
    def _filter(cls, v: dict[str, Any]) -> dict[str, Any]:
        bad = set(v) - set(WATCH_FILTER_FIELDS)
        if bad:
            raise ValueError(f"unknown filter {', '.join(sorted(bad))} (a watch takes "
                             f"{', '.join(WATCH_FILTER_FIELDS)})")
        try:
            return EventFilter(**v).active()
        except ValidationError as err:
            raise ValueError(explain(err)) from None

    @field_validator("mode", mode="before")
    @classmethod
    def _mode(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = [m for m in v.replace(",", " ").split() if m]
        if v is not None and any(not isinstance(m, str) or len(m) > 32 for m in v):
            raise ValueError("modes are words of at most 32 characters")
        return sorted(set(v)) if v else None

    @field_validator("factuality_at_least")
    @classmethod
    def _fact(cls, v: str | None) -> str | None:
        if v is None:
            return None
        v = v.strip().lower()
        if v not in model.FACTUALITIES:
            raise ValueError(f"unknown factuality {v[:40]!r}: use one of "
                             f"{', '.join(model.FACTUALITIES)}")
        return v

    def event_filter(self) -> EventFilter:
        """The query part as an :class:`EventFilter` (with ``factuality_at_least`` as the
        list of values it admits, intersected with the filter's own)."""
        params = dict(self.filter)
        if self.factuality_at_least:
            order = model.FACTUALITIES
            admitted = order[: order.index(self.factuality_at_least) + 1]
            own = params.get("factuality")
            params["factuality"] = [f for f in admitted if not own or f in own]
        return EventFilter(**params)

    @model_validator(mode="after")
    def _consistent(self) -> WatchSpec:
        if self.factuality_at_least and self.filter.get("factuality") and \
                not self.event_filter().factuality:
            raise ValueError("factuality_at_least admits none of the filter's factuality values")
        q = self.quantity
        if q is not None and q.min is not None and q.max is not None and q.min > q.max:
            raise ValueError("quantity: min is more than max")
        return self


def parse_spec(value: dict[str, Any] | WatchSpec) -> WatchSpec:
    """A :class:`WatchSpec` from a dict; :class:`SpecError` naming each bad field."""
    if isinstance(value, WatchSpec):
        return value
    if not isinstance(value, dict):
        raise SpecError(f"a watch is a JSON object, not {type(value).__name__}")
    extra = set(value) - set(WatchSpec.model_fields)
    if extra:
        raise SpecError(f"unknown field {', '.join(sorted(extra))} (a watch has "
                        f"{', '.join(WatchSpec.model_fields)})")
    try:
        return WatchSpec(**value)
    except ValidationError as err:
        raise SpecError(explain(err)) from None
    except TypeError as exc:
        raise SpecError(str(exc)) from None
