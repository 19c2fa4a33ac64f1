"""Estimates of counted things (troops, shells, kilometres) across the mentions of an event:
who gave each number, which numbers are a series, and which conflict.

* **claimant** — the body or official that gave the number: the mention's source of the claim
  (「国家情報院によると」, 「国防総省は…と発表した」), else the topic of a sentence whose predicate
  gives an estimate (「米国のシンクタンクは、…と推計した」), else the outlet;
* **series** — estimates of one thing (same unit, compatible object) in the order they were
  published: numbers that grow over time (1500人, then 約1万人, then 1万1000人) are the story
  of a deployment, not a disagreement; a planned or supposed number (future, hypothetical:
  「計1万2000人規模の兵力を送る見通し」) counts nothing yet and is in neither;
* **conflict** — only estimates of the same thing at the same time by different claimants
  whose ranges do not overlap (約1100キロ by the South Korean military against 1500キロ by
  KCNA). The time of an estimate (``as_of``) is the day of its mention (「ロシアは4月1日、
  約5000トンの食料を支援した」, or the day in force), else the day it was published;
  two times are the same within :data:`SAME_TIME_DAYS` days, or when they agree at their
  common precision if one is only a month.
"""
from __future__ import annotations

import math
import re
from typing import Any, Callable

from kizashi.model import date_parts, first_day as _day

SAME_TIME_DAYS = 3
#: a sentence whose predicate gives an estimate or a report: its topic is the claimant
_REPORTING = re.compile(
    r"(?:推計|推定|分析|見積も|発表|明らかに|述べ|指摘|主張|報じ|伝え|語っ|説明|みて|見て|"
    r"としている|とされ|に上る)")
_CONNECTIVE = re.compile(r"^(?:一方|また|さらに|ただ|しかし|これに対し|他方)、?")
#: the topic of a sentence: 「米国のシンクタンクは、」, 「韓国の国家情報院は同日、」
_TOPIC = re.compile(r"^(?P<topic>[^、。「」は]{2,30})(?:は|も)(?=、|[^、。「」]{1,8}、)")


def claimant_of(credits: list[str] | tuple[str, ...], sentence: str | None,
                outlet: str | None) -> str | None:
    """Who gave an estimate (see the module docstring)."""
    for c in credits:
        if c and c.strip():
            return c.strip()
    s = _CONNECTIVE.sub("", (sentence or "").strip())
    m = _TOPIC.match(s)
    if m and _REPORTING.search(s, m.end()):
        return m.group("topic").strip()
    return outlet


def same_time(a: dict[str, Any], b: dict[str, Any], days: int = SAME_TIME_DAYS) -> bool:
    """Whether two estimates were given for the same time (see the module docstring); an
    estimate with neither ``as_of`` nor ``published`` is not compared."""
    ta, tb = a.get("as_of") or a.get("published"), b.get("as_of") or b.get("published")
    pa, pb = date_parts(ta), date_parts(tb)
    if not pa or not pb:
        return False
    if len(pa) == 3 and len(pb) == 3:
        da, db = _day(ta), _day(tb)
        return da is not None and db is not None and abs((da - db).days) <= days
    n = min(len(pa), len(pb))
    return n >= 2 and pa[:n] == pb[:n]


def as_of(date: str | None, strong: bool, published: str | None) -> str | None:
    """The time an estimate is for: the mention's day (「4月1日、約5000トンを支援した」, or the
    day in force when the sentence names none), else the publication date (a total 「10月以降、
    約1万1000人を派遣した」 is the count as of its article). ``strong``: the sentence states
    the date itself; a day either way is used."""
    if len(date_parts(date)) == 3:
        return date
    return published


def interval(q: dict[str, Any]) -> tuple[float, float] | None:
    """The range an estimate allows: bounds when given (an open side is infinite), a point
    value widened by 10% when approximate (約1万人 = 9000–11000)."""
    low, high, value, approx = q.get("low"), q.get("high"), q.get("value"), q.get("approx")
    if low is not None or high is not None:
        return (low if low is not None else 0.0, high if high is not None else math.inf)
    if value is None:
        return None
    return (value * 0.9, value * 1.1) if approx else (value, value)


def same_thing(a: dict[str, Any], b: dict[str, Any],
               objects_compatible: Callable[[str | None, str | None], bool]) -> bool:
    return bool(a.get("unit")) and a.get("unit") == b.get("unit") and \
        objects_compatible(a.get("object"), b.get("object"))


#: an estimate of what is planned or supposed (「計1万2000人規模の兵力を送る見通し」) is no count
SPECULATIVE = frozenset({"future", "hypothetical"})


def counts_now(q: dict[str, Any]) -> bool:
    """Whether an estimate counts what is (not a target, plan or supposition)."""
    return q.get("factuality") not in SPECULATIVE


def find_conflicts(quantities: list[dict[str, Any]],
                   objects_compatible: Callable[[str | None, str | None], bool]
                   ) -> list[tuple[int, int]]:
    """Index pairs of estimates of the same thing, at the same time, by different claimants,
    whose ranges do not overlap. An estimate without a ``claimant`` key is its own claimant
    (its outlet); without ``published``, it is compared with every estimate (the old rule)."""
    out = []
    for i in range(len(quantities)):
        for j in range(i + 1, len(quantities)):
            a, b = quantities[i], quantities[j]
            if not (counts_now(a) and counts_now(b)):
                continue
            if not same_thing(a, b, objects_compatible):
                continue
            ca, cb = a.get("claimant", a.get("source")), b.get("claimant", b.get("source"))
            if ca is not None and ca == cb:
                continue
            timed = any(q.get(k) for q in (a, b) for k in ("as_of", "published"))
            if timed and not same_time(a, b):
                continue
            ia, ib = interval(a), interval(b)
            if ia and ib and (ia[1] < ib[0] or ib[1] < ia[0]):
                out.append((i, j))
    return out


def series(quantities: list[dict[str, Any]],
           objects_compatible: Callable[[str | None, str | None], bool]) -> list[dict[str, Any]]:
    """Estimates grouped by thing counted, each group in order of publication:
    ``[{"unit", "object", "items": [index...], "trend": "up" | "down" | "flat" | "mixed" | None}]``.
    ``trend`` compares each estimate with the one before it (midpoints of their ranges)."""
    groups: list[dict[str, Any]] = []
    for i, q in enumerate(quantities):
        if not q.get("unit") or not counts_now(q):
            continue
        for g in groups:
            if same_thing(quantities[g["items"][0]], q, objects_compatible):
                g["items"].append(i)
                break
        else:
            groups.append({"unit": q.get("unit"), "object": q.get("object"), "items": [i]})
    for g in groups:
        g["items"].sort(key=lambda i: (quantities[i].get("published") or "9999", i))
        mids = []
        for i in g["items"]:
            iv = interval(quantities[i])
            if iv and not math.isinf(iv[1]):
                mids.append((iv[0] + iv[1]) / 2)
        steps = {(b > a) - (b < a) for a, b in zip(mids, mids[1:])} - {0}
        if len(mids) < 2:
            g["trend"] = None
        elif not steps:
            g["trend"] = "flat"
        else:
            g["trend"] = {1: "up", -1: "down"}[steps.pop()] if len(steps) == 1 else "mixed"
    return groups
