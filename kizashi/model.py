"""One model of the domain, loaded from the data files in ``kizashi/data/``.

Every layer (extraction, fusion, store, API, pages, CLI) takes its facts from here, so that they
cannot disagree:

========================  ==========================  ==============================================
name                      data file                   what
========================  ==========================  ==============================================
:data:`EVENT_TYPES`       ``plover.tsv``              PLOVER types: quad class, score, speech act,
                                                      symmetric
:data:`QUADS`             ``quads.tsv``               quad classes in PLOVER order (1-4), sign, kind
:data:`FACTUALITIES`      ``factuality_values.tsv``   values, least restrictive first (best attested)
:data:`PRECEDENCE`        ``factuality_values.tsv``   the same, most restrictive first
:data:`FACTUALITY_WEIGHT` ``factuality_values.tsv``   weight in the cooperation-conflict index
:data:`UNIT_KIND`         ``units.tsv``               what a quantity's unit counts
:data:`COUNT_UNITS`       ``units.tsv``               units of counted people, weapons and materiel
:data:`ANAPHORS`          ``anaphors.tsv``            words that point back at earlier actors
:data:`ORGANISATIONS`     ``organisations.tsv``       codes of international organisations
:data:`WORDS`             ``wordclasses.tsv``         words by class, read by the extraction rules
========================  ==========================  ==============================================

Names are loaded on first use (module ``__getattr__``), not at import. Closed-class grammar
(particles, case markers, dependency labels) stays in the code that reads it.

:func:`read_tsv` is the one reader of the TSV files; :class:`PartialDate` (from
:mod:`kizashi.time.dates`) is the one partial-date type and :func:`parse_date` the one parser of
an ISO date at year, month or day precision that the store, fusion, readers, CLI and API use.
"""
from __future__ import annotations

import calendar
import csv
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from kizashi.time.dates import PartialDate

__all__ = ["read_tsv", "EventType", "Quad", "Factuality", "PartialDate", "parse_date",
           "date_bounds", "date_parts", "partial_date", "quad_of", "score_of", "quad_number", "EVENT_TYPES", "QUADS",
           "FACTUALITIES", "PRECEDENCE", "FACTUALITY_WEIGHT", "UNIT_KIND", "COUNT_UNITS",
           "SPEECH_TYPES", "SYMMETRIC_TYPES", "ORGANISATIONS", "ANAPHORS", "WORDS", "words",
           "LIGHT_NOUNS", "CALL_WORDS"]


# --- the one TSV reader ------------------------------------------------------------------------

def read_tsv(name: str, data_dir: Path | str | None = None) -> tuple[dict[str, str], ...]:
    """Rows of the TSV file ``name`` (in ``kizashi/data/`` unless ``data_dir`` is given) as dicts
    by the header row; ``#`` comment lines and blank lines are skipped, cells are stripped, a
    short row gets ``""`` for its missing cells. The package's files are read once."""
    if data_dir is None:
        return _package_tsv(name)
    return _parse_tsv((Path(data_dir) / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _package_tsv(name: str) -> tuple[dict[str, str], ...]:
    return _parse_tsv(resources.files("kizashi.data").joinpath(name).read_text(encoding="utf-8"))


def _parse_tsv(text: str) -> tuple[dict[str, str], ...]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
                 for row in reader)


# --- records of the model ----------------------------------------------------------------------

@dataclass(frozen=True)
class Quad:
    name: str
    number: int          # 1-4, PLOVER/CAMEO order
    sign: int            # +1 cooperation, -1 conflict
    kind: str            # verbal | material


@dataclass(frozen=True)
class EventType:
    code: str
    quad_class: str
    score: float
    description: str
    speech_act: bool
    symmetric: bool


@dataclass(frozen=True)
class Factuality:
    value: str
    rank: int            # 1 = most restrictive
    weight: float
    description: str


def _yes(v: str) -> bool:
    return v.strip().lower() in ("yes", "true", "1")


@lru_cache(maxsize=1)
def _load() -> dict[str, Any]:
    quads = tuple(sorted((Quad(r["quad_class"], int(r["number"]), int(r["sign"]), r["kind"])
                          for r in read_tsv("quads.tsv")), key=lambda q: q.number))
    quad_names = {q.name for q in quads}
    types = {}
    for r in read_tsv("plover.tsv"):
        if r["quad_class"] not in quad_names:
            raise ValueError(f"plover.tsv: {r['event_type']}: unknown quad class "
                             f"{r['quad_class']!r}")
        types[r["event_type"]] = EventType(r["event_type"], r["quad_class"], float(r["score"]),
                                           r.get("description", ""), _yes(r.get("speech_act", "")),
                                           _yes(r.get("symmetric", "")))
    facts = tuple(sorted((Factuality(r["value"], int(r["rank"]), float(r["weight"]),
                                     r.get("description", ""))
                          for r in read_tsv("factuality_values.tsv")), key=lambda f: f.rank))
    units = read_tsv("units.tsv")
    states = {r["code"] for r in read_tsv("states.tsv") if r.get("kind") == "state"}
    orgs = frozenset(r["code"] for r in read_tsv("organisations.tsv")
                     if r.get("kind") == "org" and r.get("code") and "|" not in r["code"]
                     and r["code"] not in states)
    anaphors = {r["anaphor"]: (r["refers_to"], int(r["count"]), r["title"] or None,
                               r["sector"] or None) for r in read_tsv("anaphors.tsv")}
    words: dict[str, set[str]] = {}
    for r in read_tsv("wordclasses.tsv"):
        words.setdefault(r["class"], set()).add(r["word"])
    return {
        "QUAD_RECORDS": quads,
        "QUADS": tuple(q.name for q in quads),
        "EVENT_TYPES": types,
        "FACTUALITY_RECORDS": facts,
        "PRECEDENCE": tuple(f.value for f in facts),
        "FACTUALITIES": tuple(f.value for f in reversed(facts)),
        "FACTUALITY_WEIGHT": {f.value: f.weight for f in facts},
        "UNIT_KIND": {r["unit"]: r["kind"] for r in units},
        "COUNT_UNITS": frozenset(r["unit"] for r in units if _yes(r["counted"])),
        "SPEECH_TYPES": frozenset(t for t, e in types.items() if e.speech_act),
        "SYMMETRIC_TYPES": frozenset(t for t, e in types.items() if e.symmetric),
        "ORGANISATIONS": orgs,
        "ANAPHORS": anaphors,
        "WORDS": {k: frozenset(v) for k, v in words.items()},
        "LIGHT_NOUNS": frozenset(words.get("light", ())),
        "CALL_WORDS": frozenset(words.get("call", ())),
    }


def __getattr__(name: str) -> Any:          # the model's names, loaded on first use
    data = _load()
    if name in data:
        return data[name]
    raise AttributeError(f"module 'kizashi.model' has no attribute {name!r}")


def words(cls: str) -> frozenset[str]:
    """The words of class ``cls`` in ``wordclasses.tsv`` (an unknown class is an error)."""
    table = _load()["WORDS"]
    if cls not in table:
        raise KeyError(f"wordclasses.tsv has no class {cls!r}; classes: {', '.join(sorted(table))}")
    return table[cls]


def quad_of(event_type: str | None) -> str | None:
    """The quad class of a PLOVER type (None for an unknown one)."""
    e = _load()["EVENT_TYPES"].get(event_type or "")
    return e.quad_class if e else None


def score_of(event_type: str | None) -> float | None:
    """The cooperation-conflict score of a PLOVER type (None for an unknown one)."""
    e = _load()["EVENT_TYPES"].get(event_type or "")
    return e.score if e else None


def quad_number(value: str) -> str | None:
    """The quad class named by ``value`` (its name in any case, or its number 1-4), else None."""
    v = (value or "").strip().lower()
    for q in _load()["QUAD_RECORDS"]:
        if v in (q.name, str(q.number)):
            return q.name
    return None


# --- the one partial-date type -----------------------------------------------------------------

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_date(value: str | datetime.date | PartialDate) -> PartialDate:
    """An ISO date at year, month or day precision (``2024``, ``2024-06``, ``2024-06-19``) as a
    :class:`PartialDate`; ``ValueError`` saying what is wrong otherwise (``2024-13-01``: no month
    13; ``yesterday``: not YYYY, YYYY-MM or YYYY-MM-DD)."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, datetime.date):
        return PartialDate(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    m = _ISO.fullmatch(value.strip())
    if m is None:
        raise ValueError(f"{value[:40]!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    if y < 1:
        raise ValueError(f"{value!r}: there is no year 0")
    if mo is not None and not 1 <= mo <= 12:
        raise ValueError(f"{value!r}: there is no month {mo}")
    if d is not None and not 1 <= d <= calendar.monthrange(y, mo)[1]:
        raise ValueError(f"{value!r}: {y:04d}-{mo:02d} has no day {d}")
    return PartialDate(y, mo, d)


_PREFIX = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def date_parts(value: str | None) -> tuple[int, ...]:
    """``(year,)``, ``(year, month)`` or ``(year, month, day)`` of the ISO date that ``value``
    starts with (stored dates, publication dates), ``()`` when it starts with none. Lenient on
    purpose: it reads what the store holds; :func:`parse_date` checks what users type."""
    m = _PREFIX.match(value or "")
    return tuple(int(x) for x in m.groups() if x) if m else ()


def partial_date(value: str | None) -> PartialDate | None:
    """The :class:`PartialDate` that ``value`` starts with (:func:`date_parts`), None when there
    is none or it is not a real date."""
    p = date_parts(value)
    if not p:
        return None
    try:
        return parse_date("-".join(f"{x:02d}" if i else f"{x:04d}" for i, x in enumerate(p)))
    except ValueError:
        return None


def first_day(value: str | None) -> datetime.date | None:
    """The first day of the period the ISO date that ``value`` starts with names (``2024-06`` →
    June 1), None when it starts with none or it is not a real date."""
    return _day_in(value, 1, 1)


def last_day(value: str | None) -> datetime.date | None:
    """A day at the end of the period the ISO date that ``value`` starts with names, one every
    month has (``2024`` → December 28, ``2024-06`` → June 28), None as for :func:`first_day`."""
    return _day_in(value, 12, 28)


def _day_in(value: str | None, month: int, day: int) -> datetime.date | None:
    """The date ``value`` starts with, its missing month and day filled with ``month`` and ``day``."""
    p = date_parts(value)
    if not p:
        return None
    try:
        return datetime.date(p[0], p[1] if len(p) > 1 else month, p[2] if len(p) > 2 else day)
    except ValueError:
        return None


def months_back(end: datetime.date, n: int) -> list[str]:
    """The ``n`` months up to the month of ``end``, oldest first (``YYYY-MM``)."""
    y, m = end.year, end.month
    out = []
    for _ in range(n):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return out[::-1]


def date_bounds(value: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the period an ISO partial date names (``2024-06`` → June 1
    and June 30)."""
    return parse_date(value).bounds()
